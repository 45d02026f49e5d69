import { ErrorCode } from '../protocol/errors.ts';
import { fail, ok, type Result } from '../result.ts';
import type { Levels, Points } from './types.ts';

/**
 * Counts of rating pairs over the fixed categories 1..points, a category no one used
 * included. Row = the rater's level, column = the reference's level, row-major: the pair
 * (rater r, reference c) is counted in `counts[(r - 1) * points + (c - 1)]` (see countAt).
 * The same orientation as scikit-learn's `confusion_matrix(rater, reference)`.
 */
export type ConfusionMatrix = { readonly points: Points; readonly n: number; readonly counts: Uint32Array };

export const countAt = (m: ConfusionMatrix, raterLevel: number, referenceLevel: number): number =>
  m.counts[(raterLevel - 1) * m.points + (referenceLevel - 1)] ?? 0;

export function checkPoints(points: number): Result<Points> {
  return points === 5 || points === 7 ? ok(points) : fail(ErrorCode.invalid, `points must be 5 or 7, not ${String(points)}`, { field: 'points' });
}

const badLevel = (field: 'rater' | 'reference', index: number, value: unknown, points: Points) =>
  fail<ConfusionMatrix>(ErrorCode.invalid, `${field} level at index ${index} is ${String(value)}: levels are integers 1..${points}`, {
    field,
    index,
    value: String(value),
  });

/**
 * Tallies the pairs (rater[i], reference[i]) in one pass, validating as it goes: both
 * arrays of equal length, every level an integer in 1..points. Bad input is an `invalid`
 * result naming the side and index, never a throw or a silently dropped pair.
 */
export function confusionMatrix(rater: Levels, reference: Levels, points: Points): Result<ConfusionMatrix> {
  const checked = checkPoints(points);
  if (!checked.ok) return checked;
  const n = rater.length;
  if (reference.length !== n) {
    return fail(ErrorCode.invalid, `rater has ${n} levels and reference ${reference.length}: they must pair up one to one`, {
      field: 'reference',
      raterLength: n,
      referenceLength: reference.length,
    });
  }
  const counts = new Uint32Array(points * points);
  for (let i = 0; i < n; i++) {
    const r = rater[i] as number;
    const c = reference[i] as number;
    // `(x | 0) === x` is the integer test: NaN, fractions and non-numbers all fail it.
    if (!(r >= 1 && r <= points && (r | 0) === r)) return badLevel('rater', i, r, points);
    if (!(c >= 1 && c <= points && (c | 0) === c)) return badLevel('reference', i, c, points);
    const cell = (r - 1) * points + (c - 1);
    counts[cell] = (counts[cell] as number) + 1;
  }
  return ok({ points, n, counts });
}
