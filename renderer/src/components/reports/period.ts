/** A report's period as the screens hold it: whole UTC days, `to` inclusive (empty: until now). */
export type Period = { from: string; to: string };

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The last 12 months up to today. */
export function lastTwelveMonths(now = new Date()): Period {
  const from = new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), now.getUTCDate() + 1));
  return { from: day(from), to: '' };
}

/** The query's bounds: `from` at its day's start, `to` exclusive at the start of the day after. */
export function periodQuery(p: Period): { from?: string; to?: string } {
  const out: { from?: string; to?: string } = {};
  if (p.from) out.from = `${p.from}T00:00:00.000Z`;
  if (p.to) out.to = new Date(Date.parse(`${p.to}T00:00:00.000Z`) + 86_400_000).toISOString();
  return out;
}
