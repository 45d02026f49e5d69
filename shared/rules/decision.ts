import type { Decision, Rubric } from '../domain/index.ts';

export type CriterionOutcome = { criterionId: string; title: string; level: number | null; metLevel: number; met: boolean };

export type DecisionOutcome = {
  /** null while any criterion is unscored. */
  decision: Decision | null;
  weightedMean: number | null;
  threshold: number;
  criteria: CriterionOutcome[];
  /** Plain-language reasons the decision is "not yet" (or cannot be made yet). */
  reasons: string[];
};

/**
 * The earning rule: earned when every criterion reaches its met level and the weighted
 * mean of levels reaches the rubric's threshold.
 */
export function decide(rubric: Rubric, scores: Readonly<Record<string, number>>): DecisionOutcome {
  const criteria: CriterionOutcome[] = rubric.criteria.map((c) => {
    const level = scores[c.id] ?? null;
    return { criterionId: c.id, title: c.title, level, metLevel: c.metLevel, met: level !== null && level >= c.metLevel };
  });
  const unscored = criteria.filter((c) => c.level === null);
  const reasons: string[] = [];
  if (unscored.length > 0) {
    reasons.push(`Not scored yet: ${unscored.map((c) => c.title).join(', ')}`);
    return { decision: null, weightedMean: null, threshold: rubric.threshold, criteria, reasons };
  }
  let total = 0;
  let weights = 0;
  for (const c of rubric.criteria) {
    total += c.weight * (scores[c.id] as number);
    weights += c.weight;
  }
  const weightedMean = total / weights;
  for (const c of criteria) {
    if (!c.met) reasons.push(`${c.title}: level ${c.level} is below the met level ${c.metLevel}`);
  }
  // A tiny tolerance so a mean that equals the threshold is not lost to float rounding.
  const meetsThreshold = weightedMean + 1e-9 >= rubric.threshold;
  if (!meetsThreshold) reasons.push(`Weighted mean ${weightedMean.toFixed(2)} is below the threshold ${rubric.threshold}`);
  const decision: Decision = reasons.length === 0 ? 'earned' : 'not_yet';
  return { decision, weightedMean, threshold: rubric.threshold, criteria, reasons };
}
