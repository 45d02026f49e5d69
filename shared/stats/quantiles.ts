import { measureOf, noMeasure, type Measure } from './types.ts';

/**
 * Order statistics of a list of durations (or any finite numbers), as numpy's default
 * `np.quantile(values, q)` (method "linear"): the value at rank (n − 1)·q of the sorted
 * values, interpolated between its two neighbours. Sorts one copy, whatever the number of q.
 */
export function quantiles(values: ArrayLike<number>, qs: readonly number[]): Measure[] {
  if (values.length === 0) return qs.map(() => noMeasure('no_ratings'));
  const sorted = Float64Array.from(values).sort();
  const last = sorted.length - 1;
  return qs.map((q) => {
    const rank = last * q;
    const below = Math.floor(rank);
    const lower = sorted[below] as number;
    const upper = sorted[Math.min(below + 1, last)] as number;
    return measureOf(lower + (upper - lower) * (rank - below));
  });
}

/** The share of values at most `limit` (e.g. decisions within the SLA's days). */
export function shareAtMost(values: ArrayLike<number>, limit: number): Measure {
  if (values.length === 0) return noMeasure('no_ratings');
  let within = 0;
  for (let i = 0; i < values.length; i++) if ((values[i] as number) <= limit) within++;
  return measureOf(within / values.length);
}
