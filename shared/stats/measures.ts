import type { ConfusionMatrix } from './confusion.ts';
import { noMeasure, measureOf, type KappaWeights, type Measure, type UndefinedReason } from './types.ts';

/**
 * Every measure here is derived from a confusion matrix (points² cells), never from the
 * pairs again: the pairs are read once, by confusionMatrix.
 */

/** The share of pairs at most `tolerance` levels apart (0: exact, 1: adjacent). */
export function agreementWithin(m: ConfusionMatrix, tolerance: number): Measure {
  if (m.n === 0) return noMeasure('no_ratings');
  const k = m.points;
  let within = 0;
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) if (Math.abs(r - c) <= tolerance) within += m.counts[r * k + c] as number;
  }
  return measureOf(within / m.n);
}

export const exactAgreement = (m: ConfusionMatrix): Measure => agreementWithin(m, 0);

/** Pairs whose levels are at most one apart. */
export const adjacentAgreement = (m: ConfusionMatrix): Measure => agreementWithin(m, 1);

/** The largest |rater − reference| over the pairs (the calibration rule's maxDiscrepancy). */
export function maxDiscrepancy(m: ConfusionMatrix): Measure {
  if (m.n === 0) return noMeasure('no_ratings');
  const k = m.points;
  let max = 0;
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) if ((m.counts[r * k + c] as number) > 0) max = Math.max(max, Math.abs(r - c));
  }
  return measureOf(max);
}

/** Mean of rater − reference: positive means the rater is more lenient than the reference. */
export function meanDifference(m: ConfusionMatrix): Measure {
  if (m.n === 0) return noMeasure('no_ratings');
  const k = m.points;
  let sum = 0;
  for (let r = 0; r < k; r++) for (let c = 0; c < k; c++) sum += (r - c) * (m.counts[r * k + c] as number);
  return measureOf(sum / m.n);
}

export type Kappas = Record<KappaWeights, Measure<UndefinedReason>>;

/**
 * Cohen's kappa under each weighting, as scikit-learn's cohen_kappa_score with
 * labels=1..points: κ = 1 − Σ w·observed / Σ w·expected, expected = row × column / n.
 * Computed as 1 − n·Σ w·O / Σ w·row·col so that both sums are exact integers (they stay
 * below 2^53 for any n a report can hold) and only the final division rounds.
 */
export function cohenKappas(m: ConfusionMatrix): Kappas {
  if (m.n === 0) return { unweighted: noMeasure('no_ratings'), linear: noMeasure('no_ratings'), quadratic: noMeasure('no_ratings') };
  const k = m.points;
  const rows = new Float64Array(k);
  const cols = new Float64Array(k);
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) {
      const count = m.counts[r * k + c] as number;
      rows[r] = (rows[r] as number) + count;
      cols[c] = (cols[c] as number) + count;
    }
  }
  // Disagreement observed and expected by chance, for unweighted, linear and quadratic weights.
  let observed0 = 0, expected0 = 0, observed1 = 0, expected1 = 0, observed2 = 0, expected2 = 0;
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) {
      if (r === c) continue;
      const d = Math.abs(r - c);
      const count = m.counts[r * k + c] as number;
      const chance = (rows[r] as number) * (cols[c] as number);
      observed0 += count;
      expected0 += chance;
      observed1 += d * count;
      expected1 += d * chance;
      observed2 += d * d * count;
      expected2 += d * d * chance;
    }
  }
  const kappa = (observed: number, expected: number): Measure<UndefinedReason> =>
    expected === 0 ? noMeasure('no_variation') : measureOf(1 - (m.n * observed) / expected);
  return { unweighted: kappa(observed0, expected0), linear: kappa(observed1, expected1), quadratic: kappa(observed2, expected2) };
}

export const cohenKappa = (m: ConfusionMatrix, weights: KappaWeights): Measure<UndefinedReason> => cohenKappas(m)[weights];
