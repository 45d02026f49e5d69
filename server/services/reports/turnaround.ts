import { DEFAULT_SLA_DAYS, quantiles, shareAtMost, type DurationFigures, type OpeningFigures, type TurnaroundQuery, type TurnaroundReport } from '../../../shared/index.ts';
import type { HubContext } from '../context.ts';
import { DAY_MS, dayBucketer, dayCounter } from './buckets.ts';

/** Open work due within this many hours is listed with the overdue work. */
const DUE_SOON_HOURS = 48;

/** Durations in days, each with its own SLA: kept as (days, days − slaDays) so one share covers mixed SLAs. */
class Durations {
  readonly days: number[] = [];
  readonly overSla: number[] = [];
  add(days: number, slaDays: number) {
    this.days.push(days);
    this.overSla.push(days - slaDays);
  }
  figures(): DurationFigures {
    const [median, p90] = quantiles(this.days, [0.5, 0.9]) as [DurationFigures['medianDays'], DurationFigures['p90Days']];
    return { n: this.days.length, medianDays: median, p90Days: p90, withinSla: shareAtMost(this.overSla, 0) };
  }
  /** Decisions per whole day, rounded up so that a day's bar lies wholly within or beyond the SLA. */
  histogram(): { days: number; decisions: number }[] {
    const counts = new Map<number, number>();
    for (const d of this.days) counts.set(Math.ceil(d), (counts.get(Math.ceil(d)) ?? 0) + 1);
    return [...counts].sort((a, b) => a[0] - b[0]).map(([days, decisions]) => ({ days, decisions }));
  }
}

function openingFigures(hours: readonly number[] = []): OpeningFigures {
  const [median, p90] = quantiles(hours, [0.5, 0.9]) as [OpeningFigures['medianHours'], OpeningFigures['p90Hours']];
  return { n: hours.length, medianHours: median, p90Hours: p90 };
}

const grouped = <K, V>(map: Map<K, V>, key: K, make: () => V): V => {
  let v = map.get(key);
  if (!v) map.set(key, (v = make()));
  return v;
};

/**
 * The turnaround report: submission-to-decision days (median, p90, share within the SLA)
 * by micro-credential, by assessor and by bucket; hours from assignment to first opening;
 * and the open work overdue or due within 48 hours. Quantiles come from shared/stats.
 */
export function createTurnaround(ctx: HubContext) {
  return (q: TurnaroundQuery): Promise<TurnaroundReport> => ctx.read(async (repos) => {
    const period = { from: q.from, to: q.to };
    const now = ctx.now();
    const all = await repos.catalog.allMicroCredentials();
    const slaOf = new Map(all.map((m) => [m.id, m.policy.slaDays]));
    const decisions = await repos.reports.decisionTimes(q.microCredentialId, period);
    const openings = await repos.reports.openings(q.microCredentialId, period);
    const open = await repos.reports.openWorkDueBefore(q.microCredentialId, new Date(now.getTime() + DUE_SOON_HOURS * 3_600_000).toISOString());

    const byMc = new Map<string, Durations>();
    const byAssessor = new Map<string, Durations>();
    const byBucket = new Map<string, { start: string; durations: Durations }>();
    const bucketAt = dayBucketer(q.bucket);
    for (const g of decisions) {
      const sla = slaOf.get(g.microCredentialId) ?? DEFAULT_SLA_DAYS;
      const mc = grouped(byMc, g.microCredentialId, () => new Durations());
      const readers = [...new Set(JSON.parse(g.assessorIds) as string[])].map((id) => grouped(byAssessor, id, () => new Durations()));
      for (let i = 0; i < g.durationsMs.length; i++) {
        const days = g.durationsMs[i]! / DAY_MS;
        mc.add(days, sla);
        for (const r of readers) r.add(days, sla);
        const b = bucketAt(g.decidedDays[i]!);
        grouped(byBucket, b.label, () => ({ start: b.start, durations: new Durations() })).durations.add(days, sla);
      }
    }
    const daysBetween = dayCounter();
    const openingHours = { mc: new Map<string, number[]>(), assessor: new Map<string, number[]>() };
    for (const o of openings) {
      const openedAt = (JSON.parse(o.payload) as { openedAt?: string }).openedAt;
      if (typeof openedAt !== 'string') continue;
      const hours = daysBetween(o.assignedAt, openedAt) * 24;
      grouped(openingHours.mc, o.microCredentialId, () => []).push(hours);
      grouped(openingHours.assessor, o.assessorId, () => []).push(hours);
    }

    const mcIds = [...new Set([...byMc.keys(), ...openingHours.mc.keys(), ...(q.microCredentialId ? [q.microCredentialId] : [])])].filter((id) => slaOf.has(id)).sort();
    const assessorIds = [...new Set([...byAssessor.keys(), ...openingHours.assessor.keys()])].sort();
    const names = await repos.reports.displayNames([...new Set([...assessorIds, ...open.map((w) => w.assessorId)])]);
    return {
      from: q.from ?? null, to: q.to ?? null, bucket: q.bucket, generatedAt: now.toISOString(),
      byMicroCredential: mcIds.map((id) => {
        const durations = byMc.get(id) ?? new Durations();
        return {
          microCredentialId: id, slaDays: slaOf.get(id)!, decisions: durations.figures(), firstOpening: openingFigures(openingHours.mc.get(id)), daysHistogram: durations.histogram(),
        };
      }),
      byAssessor: assessorIds.map((id) => ({
        assessorId: id, displayName: names.get(id) ?? id, decisions: (byAssessor.get(id) ?? new Durations()).figures(), firstOpening: openingFigures(openingHours.assessor.get(id)),
      })),
      byBucket: [...byBucket.entries()].sort((a, b) => (a[1].start < b[1].start ? -1 : 1)).map(([bucket, v]) => ({ bucket, start: v.start, decisions: v.durations.figures() })),
      openWork: open.map((w) => ({
        assignmentId: w.assignmentId, submissionId: w.submissionId, microCredentialId: w.microCredentialId, assessorId: w.assessorId, assessorName: names.get(w.assessorId) ?? w.assessorId,
        role: w.role as 'primary' | 'second', state: w.state as 'assigned' | 'in_progress', assignedAt: w.assignedAt, dueAt: w.dueAt,
        overdue: Date.parse(w.dueAt) < now.getTime(), resubmission: w.originalAssessorId !== null && w.originalAssessorId === w.assessorId,
      })),
    };
  });
}
