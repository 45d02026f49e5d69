import type { Result } from '../result.ts';
import { confusionMatrix, type ConfusionMatrix } from './confusion.ts';
import { decisionAgreement, type DecisionAgreement, type Decisions } from './decisions.ts';
import { adjacentAgreement, cohenKappas, exactAgreement, maxDiscrepancy, meanDifference, type Kappas } from './measures.ts';
import type { Levels, Measure, Points } from './types.ts';

export type LevelAgreement = {
  points: Points;
  /** Rating pairs counted; every measure below is over these n pairs. */
  n: number;
  confusion: ConfusionMatrix;
  exact: Measure;
  adjacent: Measure;
  maxDiscrepancy: Measure;
  /** rater − reference; positive: more lenient than the reference. */
  meanDifference: Measure;
  kappa: Kappas;
};

export type AgreementInput = {
  points: Points;
  /** Level pairs, e.g. every (item, criterion) of an attempt: the assessor's and the master's. */
  rater: Levels;
  reference: Levels;
  /** Decision pairs (one per item), when the caller has them. */
  decisions?: { rater: Decisions; reference: Decisions };
};

export type AgreementStats = LevelAgreement & { decision: DecisionAgreement };

/** Every level measure from one confusion matrix (points² work, whatever n is). */
export function summarizeConfusion(m: ConfusionMatrix): LevelAgreement {
  return {
    points: m.points,
    n: m.n,
    confusion: m,
    exact: exactAgreement(m),
    adjacent: adjacentAgreement(m),
    maxDiscrepancy: maxDiscrepancy(m),
    meanDifference: meanDifference(m),
    kappa: cohenKappas(m),
  };
}

/**
 * The one call reports and calibration scoring make: validates the pairs, reads them once
 * into a confusion matrix and derives every measure from it, plus decision agreement
 * (n 0, no value, when no decisions are given).
 */
export function agreementStats(input: AgreementInput): Result<AgreementStats> {
  const matrix = confusionMatrix(input.rater, input.reference, input.points);
  if (!matrix.ok) return matrix;
  const decision = decisionAgreement(input.decisions?.rater ?? [], input.decisions?.reference ?? []);
  if (!decision.ok) return decision;
  return { ok: true, value: { ...summarizeConfusion(matrix.value), decision: decision.value } };
}
