import { agreementStats, type AttemptAgreement, type AttemptItem, type CalibrationPolicy, type Measure, type Points, type Rubric, type StoredReview } from '../../../shared/index.ts';

/** One scored item: the assessor's review and the master's, on the same rubric. */
export type ScoredPair = { submissionId: string; review: StoredReview; master: StoredReview };

const figure = (m: Measure<'no_ratings' | 'no_variation'>): number | null => m.value;
const earned = (r: StoredReview) => (r.decision === 'earned' ? 1 : 0);

/** Every (item, criterion) level pair in rubric order: the assessor's and the master's. */
export function levelPairs(rubric: Rubric, pairs: readonly ScoredPair[]): { rater: number[]; reference: number[] } {
  const rater: number[] = [];
  const reference: number[] = [];
  for (const p of pairs) {
    for (const c of rubric.criteria) {
      rater.push(p.review.scores[c.id]!);
      reference.push(p.master.scores[c.id]!);
    }
  }
  return { rater, reference };
}

/** Agreement of level pairs on a scale, from shared/stats (the one implementation of every measure). */
export function levelAgreement(points: number, rater: readonly number[], reference: readonly number[]) {
  const stats = agreementStats({ points: points as Points, rater, reference });
  if (!stats.ok) throw new Error(`calibration levels do not fit the scale: ${stats.error.message}`);
  return stats.value;
}

/**
 * An attempt's agreement: exact, adjacent and quadratic-weighted kappa over every (item,
 * criterion) pair with the categories 1..points, the mean signed difference, decision
 * agreement over items, the largest discrepancy, and the same per criterion. Passed when
 * the policy's measure reaches the pass mark and no pair is further apart than allowed.
 */
export function scoreAttempt(rubric: Rubric, pairs: readonly ScoredPair[], policy: CalibrationPolicy): { agreement: AttemptAgreement; items: AttemptItem[]; passed: boolean } {
  const { rater, reference } = levelPairs(rubric, pairs);
  const stats = agreementStats({
    points: rubric.scale.points as Points, rater, reference,
    decisions: { rater: pairs.map((p) => earned(p.review)), reference: pairs.map((p) => earned(p.master)) },
  });
  if (!stats.ok) throw new Error(`calibration levels do not fit the scale: ${stats.error.message}`);
  const s = stats.value;
  const perCriterion = rubric.criteria.map((c) => {
    const one = levelAgreement(rubric.scale.points, pairs.map((p) => p.review.scores[c.id]!), pairs.map((p) => p.master.scores[c.id]!));
    return { criterionId: c.id, exact: figure(one.exact), adjacent: figure(one.adjacent), meanDifference: figure(one.meanDifference) };
  });
  const agreement: AttemptAgreement = {
    ratings: s.n,
    exact: figure(s.exact),
    adjacent: figure(s.adjacent),
    qwk: figure(s.kappa.quadratic),
    meanDifference: figure(s.meanDifference),
    decisionAgreement: figure(s.decision.agreement),
    maxDiscrepancy: s.maxDiscrepancy.value ?? 0,
    perCriterion,
  };
  const items: AttemptItem[] = pairs.map((p) => ({
    submissionId: p.submissionId,
    decision: p.review.decision,
    masterDecision: p.master.decision,
    criteria: rubric.criteria.map((c) => ({
      criterionId: c.id, level: p.review.scores[c.id]!, masterLevel: p.master.scores[c.id]!, masterRationale: p.master.criterionRationale?.[c.id] ?? '',
    })),
  }));
  return { agreement, items, passed: meetsPassMark(policy.measure === 'exact' ? s.exact : s.adjacent, policy.passMark) && agreement.maxDiscrepancy <= policy.maxDiscrepancy };
}

/** A tiny tolerance so a share that equals the pass mark (9 of 12 against 0.75) is not lost to rounding. */
export const meetsPassMark = (m: Measure, passMark: number): boolean => m.value !== null && m.value + 1e-9 >= passMark;
