import type { CalibrationAttempt, CalibrationPolicy } from '../../../../shared/index.ts';

/** One criterion across assessors: how well they agree with the master, and which way they differ. */
export type CriterionAgreement = {
  criterionId: string;
  /** Assessors whose latest completed attempt rated this criterion. */
  assessors: number;
  /** Mean of the policy's measure over those assessors (null when none had a defined figure). */
  mean: number | null;
  belowPassMark: number;
  /** Assessors scoring above the master on average (more lenient) and below (harsher). */
  lenient: number;
  harsh: number;
  /** Set when most assessors differ from the master in the same direction: the descriptors may need work. */
  drift: 'lenient' | 'harsh' | null;
};

/** The completed attempts only: open ones carry no figures. */
export const completed = (attempts: readonly CalibrationAttempt[]) => attempts.filter((a) => a.state !== 'open' && a.agreement !== undefined);

/**
 * Each assessor's latest completed attempt, newest first: an assessor who calibrated three
 * times counts once, as they stand now. An attempt that names no assessor stands alone.
 */
export function latestPerAssessor(attempts: readonly CalibrationAttempt[]): CalibrationAttempt[] {
  const newestFirst = [...completed(attempts)].sort((a, b) => (b.completedAt ?? '').localeCompare(a.completedAt ?? ''));
  const seen = new Set<string>();
  return newestFirst.filter((a) => {
    const who = a.assessorId ?? `attempt ${a.id}`;
    if (seen.has(who)) return false;
    seen.add(who);
    return true;
  });
}

/** An attempt's figure for one criterion by the policy's measure (null when it has none). */
export function criterionFigure(attempt: CalibrationAttempt, criterionId: string, measure: CalibrationPolicy['measure']): number | null {
  return attempt.agreement?.perCriterion.find((c) => c.criterionId === criterionId)?.[measure] ?? null;
}

/**
 * Per criterion, over each assessor's latest completed attempt: the mean agreement by the
 * policy's measure, how many assessors fell below the pass mark, and whether a majority of
 * them (more than half, and at least two) leaned the same way from the master.
 */
export function criterionAgreement(attempts: readonly CalibrationAttempt[], policy: Pick<CalibrationPolicy, 'measure' | 'passMark'>): CriterionAgreement[] {
  const byCriterion = new Map<string, { figures: number[]; n: number; lenient: number; harsh: number }>();
  for (const attempt of latestPerAssessor(attempts)) {
    for (const c of attempt.agreement?.perCriterion ?? []) {
      const entry = byCriterion.get(c.criterionId) ?? { figures: [], n: 0, lenient: 0, harsh: 0 };
      entry.n += 1;
      const figure = c[policy.measure];
      if (figure !== null) entry.figures.push(figure);
      if (c.meanDifference !== null && c.meanDifference > 0) entry.lenient += 1;
      if (c.meanDifference !== null && c.meanDifference < 0) entry.harsh += 1;
      byCriterion.set(c.criterionId, entry);
    }
  }
  return [...byCriterion].map(([criterionId, e]) => {
    const majority = (k: number) => k >= 2 && k > e.n / 2;
    return {
      criterionId,
      assessors: e.n,
      mean: e.figures.length === 0 ? null : e.figures.reduce((a, b) => a + b, 0) / e.figures.length,
      belowPassMark: e.figures.filter((f) => f < policy.passMark).length,
      lenient: e.lenient,
      harsh: e.harsh,
      drift: majority(e.lenient) ? 'lenient' : majority(e.harsh) ? 'harsh' : null,
    };
  });
}
