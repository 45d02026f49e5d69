// The turnaround report on known durations: each submission is decided a chosen number of
// days after it arrived (the hub's clock is moved between the two), and some assignments are
// first opened a chosen number of hours after they were made. Quantiles are checked against
// numpy's linear method written out here, plus two figures worked by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Loose } from '../support/hub.ts';
import { newReviewId, reviewBody } from './fixture-helpers.ts';
import { DAY_MS, startClockedHub, type ClockedHub } from './reports-helpers.ts';
import { displayNamesOf, READERS, scoringManifest, usernameOf } from './scoring-helpers.ts';

const START = Date.parse('2026-01-05T09:00:00.000Z');
const HOUR_MS = 3_600_000;
/** Days from submission to decision, per micro-credential (SLA 5 days for mc-questioning, 7 for mc-feedback). */
const DAYS: Record<string, number[]> = { 'mc-questioning': [0.5, 1, 1.5, 2, 3, 4, 5, 6, 8, 10], 'mc-feedback': [1, 7, 7.5, 9] };
const SLA: Record<string, number> = { 'mc-questioning': 5, 'mc-feedback': 7 };
/** Hours to the first opening of the first four mc-questioning assignments. */
const OPENED_AFTER_HOURS = [1, 2, 5, 26];

/** np.quantile(values, q), method "linear". */
function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const rank = (s.length - 1) * q;
  const lo = Math.floor(rank);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo]! + (s[hi]! - s[lo]!) * (rank - lo);
}
const weekOf = (ms: number) => {
  const d = new Date(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - ((d.getUTCDay() + 6) % 7) * DAY_MS).toISOString().slice(0, 10);
};

type Decided = { microCredentialId: string; assessorId: string; days: number; decidedAt: number };

function expectDurations(got: Loose, decided: Decided[], what: string) {
  const days = decided.map((d) => d.days);
  expect(got.n, what).toBe(days.length);
  expect(got.medianDays.value, `${what} median`).toBeCloseTo(quantile(days, 0.5), 9);
  expect(got.p90Days.value, `${what} p90`).toBeCloseTo(quantile(days, 0.9), 9);
  expect(got.withinSla.value, `${what} within SLA`).toBeCloseTo(decided.filter((d) => d.days <= SLA[d.microCredentialId]!).length / days.length, 12);
}

describe('the turnaround report', () => {
  let hub: ClockedHub;
  let manifest: string;
  const decided: Decided[] = [];
  const opened: { assessorId: string; hours: number }[] = [];
  const openWork: { overdue: Loose; soon: Loose; later: Loose } = {} as never;

  beforeAll(async () => {
    manifest = scoringManifest({});
    hub = await startClockedHub(manifest, READERS, START);
    let t = START;
    let k = 0;
    for (const [mc, days] of Object.entries(DAYS)) {
      for (const d of days) {
        t += 11 * DAY_MS;
        hub.clock.set(t);
        const { assignments } = await hub.submit(`cand-ta-${k++}`, { microCredentialId: mc });
        const a = assignments[0];
        const reader = usernameOf(a.assessorId);
        const open = mc === 'mc-questioning' ? OPENED_AFTER_HOURS[opened.length] : undefined;
        if (open !== undefined) {
          const res = await hub.as(reader).post(`/v1/assignments/${a.id}/opened`, { openedAt: new Date(t + open * HOUR_MS).toISOString() });
          expect(res.status).toBe(200);
          opened.push({ assessorId: a.assessorId, hours: open });
        }
        hub.clock.set(t + d * DAY_MS);
        const res = await hub.as(reader).put(`/v1/reviews/${newReviewId()}`, reviewBody(a.id));
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        decided.push({ microCredentialId: mc, assessorId: a.assessorId, days: d, decidedAt: t + d * DAY_MS });
      }
    }
    // Open work, seen from 1 hour after the first one's due date.
    const base = t + 20 * DAY_MS;
    hub.clock.set(base);
    openWork.overdue = (await hub.submit('cand-open-0')).assignments[0];
    hub.clock.set(base + 1.5 * DAY_MS);
    openWork.soon = (await hub.submit('cand-open-1')).assignments[0];
    hub.clock.set(base + 4 * DAY_MS);
    openWork.later = (await hub.submit('cand-open-2')).assignments[0];
    hub.clock.set(base + 5 * DAY_MS + HOUR_MS);
  }, 120_000);
  afterAll(async () => {
    await hub?.stop();
  });

  const get = async (query = '') => {
    const res = await hub.as('sam').get(`/v1/reports/turnaround${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  it('gives median, p90 and the share within the SLA by micro-credential, worked by hand for mc-questioning', async () => {
    const report = await get();
    expect(report.byMicroCredential.map((m: Loose) => [m.microCredentialId, m.slaDays])).toEqual([['mc-feedback', 7], ['mc-questioning', 5]]);
    for (const m of report.byMicroCredential) expectDurations(m.decisions, decided.filter((d) => d.microCredentialId === m.microCredentialId), m.microCredentialId);
    const q = report.byMicroCredential.find((m: Loose) => m.microCredentialId === 'mc-questioning').decisions;
    // Sorted: 0.5 1 1.5 2 3 | 4 5 6 8 10; median (3 + 4) / 2; p90 at rank 8.1: 8 + 0.1 × 2; 7 of 10 within 5 days.
    expect(q).toEqual({ n: 10, medianDays: { value: 3.5 }, p90Days: { value: expect.closeTo(8.2, 9) }, withinSla: { value: 0.7 } });
  });

  it('gives the distribution of days to decision, rounded up to whole days, so the bars up to the SLA hold exactly the decisions within it', async () => {
    const report = await get();
    const histogram = (mc: string) => report.byMicroCredential.find((m: Loose) => m.microCredentialId === mc).daysHistogram;
    // 0.5 and 1 count at 1; 1.5 and 2 at 2; the rest on their own day.
    expect(histogram('mc-questioning')).toEqual([[1, 2], [2, 2], [3, 1], [4, 1], [5, 1], [6, 1], [8, 1], [10, 1]].map(([days, decisions]) => ({ days, decisions })));
    expect(histogram('mc-feedback')).toEqual([[1, 1], [7, 1], [8, 1], [9, 1]].map(([days, decisions]) => ({ days, decisions })));
    for (const m of report.byMicroCredential) {
      const within = m.daysHistogram.filter((b: Loose) => b.days <= m.slaDays).reduce((sum: number, b: Loose) => sum + b.decisions, 0);
      expect(within / m.decisions.n, m.microCredentialId).toBeCloseTo(m.decisions.withinSla.value, 12);
    }
  });

  it('groups the same durations by assessor (each against its own SLA) and by week of decision', async () => {
    const report = await get();
    const assessors = [...new Set(decided.map((d) => d.assessorId))].sort();
    expect(report.byAssessor.map((a: Loose) => a.assessorId)).toEqual(assessors);
    for (const a of report.byAssessor) expectDurations(a.decisions, decided.filter((d) => d.assessorId === a.assessorId), a.assessorId);
    const weeks = [...new Set(decided.map((d) => weekOf(d.decidedAt)))].sort();
    expect(report.byBucket.map((b: Loose) => b.bucket)).toEqual(weeks);
    for (const b of report.byBucket) expectDurations(b.decisions, decided.filter((d) => weekOf(d.decidedAt) === b.bucket), b.bucket);
  });

  it('gives hours to first opening from the reported openings', async () => {
    const report = await get('?microCredentialId=mc-questioning');
    expect(report.byMicroCredential).toHaveLength(1);
    const first = report.byMicroCredential[0].firstOpening;
    expect(first.n).toBe(OPENED_AFTER_HOURS.length);
    expect(first.medianHours.value).toBeCloseTo(quantile(OPENED_AFTER_HOURS, 0.5), 9);
    expect(first.p90Hours.value).toBeCloseTo(quantile(OPENED_AFTER_HOURS, 0.9), 9);
    for (const a of report.byAssessor) {
      const hours = opened.filter((o) => o.assessorId === a.assessorId).map((o) => o.hours);
      expect(a.firstOpening.n, a.assessorId).toBe(hours.length);
      if (hours.length === 0) expect(a.firstOpening.medianHours).toEqual({ value: null, reason: 'no_ratings' });
      else expect(a.firstOpening.medianHours.value).toBeCloseTo(quantile(hours, 0.5), 9);
    }
  });

  it('lists open work overdue or due within 48 hours, soonest first', async () => {
    const report = await get();
    expect(report.openWork.map((w: Loose) => [w.assignmentId, w.overdue])).toEqual([[openWork.overdue.id, true], [openWork.soon.id, false]]);
    expect(report.openWork[0]).toMatchObject({ submissionId: openWork.overdue.submissionId, microCredentialId: 'mc-questioning', role: 'primary', state: 'assigned', resubmission: false });
    // Each row names its assessor (staff devices hold no user list), whether or not they have decided anything.
    const names = displayNamesOf(manifest);
    for (const w of report.openWork) expect(w.assessorName, w.assessorId).toBe(names.get(w.assessorId));
  });

  it('counts only decisions in the period; a period without any gives null figures with a reason', async () => {
    const cut = decided[5]!.decidedAt;
    const early = await get(`?to=${new Date(cut).toISOString()}`);
    expect(early.byMicroCredential.map((m: Loose) => m.decisions.n)).toEqual([5]);
    const none = await get('?microCredentialId=mc-feedback&from=2030-01-01T00:00:00.000Z');
    expect(none.byMicroCredential).toEqual([{ microCredentialId: 'mc-feedback', slaDays: 7, decisions: { n: 0, medianDays: { value: null, reason: 'no_ratings' },
      p90Days: { value: null, reason: 'no_ratings' }, withinSla: { value: null, reason: 'no_ratings' } }, firstOpening: { n: 0, medianHours: { value: null, reason: 'no_ratings' },
      p90Hours: { value: null, reason: 'no_ratings' } }, daysHistogram: [] }]);
    expect(none.byBucket).toEqual([]);
  });

  it('refuses a bad query with a specific error', async () => {
    for (const q of ['?bucket=year', '?from=2026-05-01T00:00:00Z&to=2026-04-01T00:00:00Z', '?microCredentialId=', '?page=2']) {
      const res = await hub.as('sam').get(`/v1/reports/turnaround${q}`);
      expect(res.status, q).toBe(422);
      expect(res.body.error.code, q).toBe('invalid');
    }
  });
});
