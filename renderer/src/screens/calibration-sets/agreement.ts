import type { CalibrationAttempt, CalibrationPolicy } from '../../../../shared/index.ts';

/** One criterion across completed attempts: how well assessors agree with the master, and which way they differ. */
export type CriterionAgreement = {
  criterionId: string;
  /** Attempts that rated this criterion. */
  attempts: number;
  /** Mean of the policy's measure over those attempts (null when none had a defined figure). */
  mean: number | null;
  belowPassMark: number;
  /** Attempts scoring above the master on average (more lenient) and below (harsher). */
  lenient: number;
  harsh: number;
  /** Set when most attempts differ from the master in the same direction: the descriptors may need work. */
  drift: 'lenient' | 'harsh' | null;
};

/** The completed attempts only: open ones carry no figures. */
export const completed = (attempts: readonly CalibrationAttempt[]) => attempts.filter((a) => a.state !== 'open' && a.agreement !== undefined);

/**
 * Per criterion, over completed attempts: the mean agreement by the policy's measure, how
 * many fell below the pass mark, and whether a majority (more than half, and at least two)
 * leaned the same way from the master.
 */
export function criterionAgreement(attempts: readonly CalibrationAttempt[], policy: Pick<CalibrationPolicy, 'measure' | 'passMark'>): CriterionAgreement[] {
  const byCriterion = new Map<string, { figures: number[]; n: number; lenient: number; harsh: number }>();
  for (const attempt of completed(attempts)) {
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
      attempts: e.n,
      mean: e.figures.length === 0 ? null : e.figures.reduce((a, b) => a + b, 0) / e.figures.length,
      belowPassMark: e.figures.filter((f) => f < policy.passMark).length,
      lenient: e.lenient,
      harsh: e.harsh,
      drift: majority(e.lenient) ? 'lenient' : majority(e.harsh) ? 'harsh' : null,
    };
  });
}
