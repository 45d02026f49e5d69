import type { ReactNode } from 'react';
import type { ReportBucket } from '../../../../shared/index.ts';
import type { Period } from './period.ts';

type Props = {
  idPrefix: string;
  period: Period;
  onPeriod(p: Period): void;
  bucket: ReportBucket;
  onBucket(b: ReportBucket): void;
  /** The screen's own fields first (the micro-credential picker). */
  children?: ReactNode;
};

/** The period (from, to inclusive) and bucket fields both report screens ask with. */
export function ReportControls({ idPrefix, period, onPeriod, bucket, onBucket, children }: Props) {
  return (
    <div className="field-row report-controls">
      {children}
      <div className="field">
        <label htmlFor={`${idPrefix}-from`}>From</label>
        <input id={`${idPrefix}-from`} type="date" value={period.from} max={period.to || undefined} onChange={(e) => onPeriod({ ...period, from: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-to`}>To (blank: today)</label>
        <input id={`${idPrefix}-to`} type="date" value={period.to} min={period.from || undefined} onChange={(e) => onPeriod({ ...period, to: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-bucket`}>Per</label>
        <select id={`${idPrefix}-bucket`} value={bucket} onChange={(e) => onBucket(e.target.value as ReportBucket)}>
          <option value="month">Month</option>
          <option value="week">Week</option>
        </select>
      </div>
    </div>
  );
}
