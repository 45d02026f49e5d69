import type { AssessorReliability, DriftPoint, LevelFigures, ReliabilityFlag } from '../../../shared/index.ts';
import type { Measure, UndefinedReason } from '../../../shared/index.ts';

/** The thresholds of issue #13, reported with every reliability report. */
export const THRESHOLDS = { drift: 0.1, driftMinN: 10, bias: 0.5, biasMinN: 20 } as const;

/** A figure that equals its threshold (0.5 from 10/20) is not lost to rounding. */
const EPSILON = 1e-9;

export type FlagInput = Pick<AssessorReliability, 'master' | 'peer'> & {
  policy: { measure: 'exact' | 'adjacent'; passMark: number };
  /** The master-score drift series, oldest bucket first. */
  drift: readonly DriftPoint[];
  /** The policy measure pooled over every bucket before the last one that has ratings. */
  earlier: { n: number; measure: Measure<UndefinedReason> };
};

const policyMeasure = (f: LevelFigures, measure: 'exact' | 'adjacent') => (measure === 'exact' ? f.exact : f.adjacent);

/**
 * Flags: below the pass mark (against master scores); drifting (the latest bucket with
 * ratings at least 0.1 below the assessor's earlier pooled measure, both with n ≥ 10);
 * lenient or severe on a criterion (|mean difference| ≥ 0.5 with n ≥ 20), against master
 * scores and against the other reader.
 */
export function flagsOf(input: FlagInput): ReliabilityFlag[] {
  const flags: ReliabilityFlag[] = [];
  const overall = policyMeasure(input.master, input.policy.measure);
  if (overall.value !== null && overall.value + EPSILON < input.policy.passMark) {
    flags.push({ kind: 'below_pass_mark', against: 'master', value: overall.value, threshold: input.policy.passMark, n: input.master.n });
  }
  const last = input.drift.filter((d) => d.n > 0).at(-1);
  if (last && last.measure.value !== null && input.earlier.measure.value !== null && last.n >= THRESHOLDS.driftMinN && input.earlier.n >= THRESHOLDS.driftMinN) {
    const drop = input.earlier.measure.value - last.measure.value;
    if (drop + EPSILON >= THRESHOLDS.drift) flags.push({ kind: 'drifting', against: 'master', value: drop, threshold: THRESHOLDS.drift, n: last.n });
  }
  for (const against of ['master', 'peer'] as const) {
    for (const c of input[against].criteria) {
      const d = c.meanDifference.value;
      if (d === null || c.n < THRESHOLDS.biasMinN) continue;
      if (d + EPSILON >= THRESHOLDS.bias) flags.push({ kind: 'lenient', against, criterionId: c.criterionId, value: d, threshold: THRESHOLDS.bias, n: c.n });
      else if (d - EPSILON <= -THRESHOLDS.bias) flags.push({ kind: 'severe', against, criterionId: c.criterionId, value: d, threshold: -THRESHOLDS.bias, n: c.n });
    }
  }
  return flags;
}
