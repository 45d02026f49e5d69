import { ErrorCode } from '../protocol/errors.ts';
import { fail, ok, type Result } from '../result.ts';
import { noMeasure, measureOf, type Measure } from './types.ts';

/** One decision per pair: 1 or true for 'earned', 0 or false for 'not_yet'. */
export type Decisions = ArrayLike<number | boolean>;

export type DecisionAgreement = {
  n: number;
  /** The share of pairs with the same decision. */
  agreement: Measure;
  /** Pair counts: both earned, neither, earned by the rater only (lenient), by the reference only (severe). */
  counts: { both: number; neither: number; raterOnly: number; referenceOnly: number };
};

const asBit = (d: unknown): 0 | 1 | null => (d === 1 || d === true ? 1 : d === 0 || d === false ? 0 : null);

export function decisionAgreement(rater: Decisions, reference: Decisions): Result<DecisionAgreement> {
  const n = rater.length;
  if (reference.length !== n) {
    return fail(ErrorCode.invalid, `rater has ${n} decisions and reference ${reference.length}: they must pair up one to one`, {
      field: 'reference',
      raterLength: n,
      referenceLength: reference.length,
    });
  }
  // Indexed by rater bit × 2 + reference bit: neither, referenceOnly, raterOnly, both.
  const cells = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    const r = asBit(rater[i]);
    const c = asBit(reference[i]);
    if (r === null || c === null) {
      const field = r === null ? 'rater' : 'reference';
      const value = String(r === null ? rater[i] : reference[i]);
      return fail(ErrorCode.invalid, `${field} decision at index ${i} is ${value}: decisions are 1/true (earned) or 0/false (not yet)`, {
        field,
        index: i,
        value,
      });
    }
    const cell = r * 2 + c;
    cells[cell] = (cells[cell] as number) + 1;
  }
  const [neither, referenceOnly, raterOnly, both] = cells as [number, number, number, number];
  return ok({
    n,
    agreement: n === 0 ? noMeasure('no_ratings') : measureOf((both + neither) / n),
    counts: { both, neither, raterOnly, referenceOnly },
  });
}
