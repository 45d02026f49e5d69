import { z } from 'zod';

/** The scales a rubric can have (`Rubric.scale.points`); categories are the levels 1..points. */
export type Points = 5 | 7;

/** One level per rating pair: any typed array, or a plain array of numbers. */
export type Levels = ArrayLike<number>;

/**
 * Why a measure has no value: `no_ratings` when there are no pairs; `no_variation` when
 * kappa's chance disagreement is zero, which happens exactly when both sides gave one and
 * the same level to every pair (kappa is 0/0 there; scikit-learn returns NaN).
 */
export type UndefinedReason = 'no_ratings' | 'no_variation';

/** A figure that may not exist for the data: null with its reason, never NaN. */
export type Measure<R extends UndefinedReason = 'no_ratings'> = { value: number } | { value: null; reason: R };

/** The wire form of any Measure: a finite number, or null with a reason. */
export const Measure = z.union([
  z.object({ value: z.number().finite() }).strict(),
  z.object({ value: z.null(), reason: z.enum(['no_ratings', 'no_variation']) }).strict(),
]);

/**
 * Disagreement weights for kappa, as scikit-learn's `weights`: unweighted counts every
 * disagreement as 1, linear as |i − j|, quadratic as (i − j)².
 */
export type KappaWeights = 'unweighted' | 'linear' | 'quadratic';

export const measureOf = (value: number): Measure<never> => ({ value });
export const noMeasure = <R extends UndefinedReason>(reason: R): Measure<R> => ({ value: null, reason });
