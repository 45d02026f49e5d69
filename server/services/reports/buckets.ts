import type { ReportBucket } from '../../../shared/index.ts';

const DAY_MS = 86_400_000;

/** The week (from Monday 00:00 UTC) or month (UTC) an instant falls in: its label and start. */
export function bucketOf(iso: string, bucket: ReportBucket): { label: string; start: string } {
  const t = new Date(iso);
  if (bucket === 'month') {
    const start = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1)).toISOString();
    return { label: start.slice(0, 7), start };
  }
  const midnight = Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate());
  const start = new Date(midnight - ((t.getUTCDay() + 6) % 7) * DAY_MS).toISOString();
  return { label: start.slice(0, 10), start };
}

export const daysBetween = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / DAY_MS;
