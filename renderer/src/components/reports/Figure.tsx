import type { Measure, UndefinedReason } from '../../../../shared/index.ts';

/** A measure as the reports carry it: a value, or null with either reason. */
export type ReportMeasure = Measure<UndefinedReason>;

const REASONS = { no_ratings: 'no ratings in the period', no_variation: 'every rating was the same level, so kappa is not defined' } as const;

/** Why a measure is null, in words. */
export const reasonOf = (m: ReportMeasure): string => (m.value === null ? REASONS[m.reason] : '');

export const share = (v: number) => `${Math.round(v * 100)}%`;
export const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(2)}`;
export const fixed = (digits: number) => (v: number) => v.toFixed(digits);

/**
 * One report figure: its value formatted, or "—" when it does not exist for the data, with
 * the reason reachable by pointer (title) and by screen reader (visually hidden text).
 */
export function Figure({ measure, format }: { measure: ReportMeasure; format(v: number): string }) {
  if (measure.value !== null) return <>{format(measure.value)}</>;
  const reason = `Not defined: ${reasonOf(measure)}`;
  return (
    <span className="figure-none" title={reason} data-reason={measure.reason}>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{reason}</span>
    </span>
  );
}
