import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MANIFEST } from '../../server/app.ts';
import { BRIEF_DEMO_HISTORY } from '../../server/seed/history/index.ts';
import { SeedManifest } from '../../server/seed/manifest.ts';
import { api, startHub, type Loose, type RunningHub } from '../support/hub.ts';

// The demo's past work plants a lenient assessor, a drifting one and a backlogged month
// (resources/demo/README.md "Past work"); the reports must flag exactly these, so that they
// stand out at a glance. The brief history carries the same people and plants in half a year
// (the full year takes too long to seed for a test on a busy machine).
const DAY_MS = 86_400_000;
const BIAS = ['lenient', 'severe'];
/** Seeding the brief history takes a while on a busy machine, PostgreSQL above all. */
const SEEDING_MS = 300_000;

describe('the demo history in the reports', () => {
  let hub: RunningHub;
  let staff: ReturnType<typeof api>;
  let seededAt: number;
  beforeAll(async () => {
    hub = await startHub({ demo: true, args: ['--demo-history', 'brief'] });
    seededAt = Date.now();
    staff = api(hub.url, await hub.signIn('staff1'));
  }, SEEDING_MS);
  afterAll(() => hub.stop());

  const reliability = async (microCredentialId: string, bucket: 'month' | 'week') => {
    const res = await staff.get(`/v1/reports/reliability?microCredentialId=${microCredentialId}&bucket=${bucket}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.assessors as Loose[];
  };
  const withFlag = (assessors: readonly Loose[], kinds: readonly string[]) =>
    assessors.filter((a) => a.flags.some((f: Loose) => kinds.includes(f.kind))).map((a) => a.displayName as string);

  it('flags Priya Natarajan lenient on fa-analyzes by about +0.8, against master scores and against the other reader', async () => {
    for (const bucket of ['month', 'week'] as const) {
      const priya = (await reliability('mc-formative-data', bucket)).find((a) => a.displayName === 'Priya Natarajan');
      expect(priya, 'Priya Natarajan is in the report').toBeDefined();
      for (const against of ['master', 'peer'] as const) {
        const flag = (priya!.flags as Loose[]).find((f) => f.kind === 'lenient' && f.against === against);
        expect(flag, `${against} ${bucket}`).toMatchObject({ criterionId: 'fa-analyzes' });
        expect(Math.abs(flag!.value - 0.8), `${against}: ${flag!.value}`).toBeLessThanOrEqual(0.25);
        expect(flag!.n).toBeGreaterThanOrEqual(20);
        const figure = (priya![against].criteria as Loose[]).find((c) => c.criterionId === 'fa-analyzes');
        expect(figure).toMatchObject({ n: flag!.n, meanDifference: { value: flag!.value } });
      }
      expect((priya!.flags as Loose[]).filter((f) => BIAS.includes(f.kind)).map((f) => f.criterionId)).toEqual(['fa-analyzes', 'fa-analyzes']);
    }
  });

  it('flags Jonas Weber drifting on mc-questioning: his last bucket well below his own earlier agreement', async () => {
    for (const bucket of ['month', 'week'] as const) {
      const jonas = (await reliability('mc-questioning', bucket)).find((a) => a.displayName === 'Jonas Weber');
      const flag = (jonas!.flags as Loose[]).find((f) => f.kind === 'drifting');
      expect(flag, bucket).toBeDefined();
      expect(flag!.value).toBeGreaterThanOrEqual(0.1);
      expect(flag!.n).toBeGreaterThanOrEqual(10);
      // The series falls over the last three months: the last bucket is the lowest of them.
      const last = (jonas!.drift as Loose[]).filter((d) => d.n > 0).at(-1)!;
      expect(Date.parse(last.start), 'the last bucket is the end of the history').toBeGreaterThan(seededAt - 60 * DAY_MS);
      expect(last.measure.value).toBeLessThan(0.85);
    }
  });

  it('carries no other lenient, severe or drifting flag, so the two plants stand out', async () => {
    for (const bucket of ['month', 'week'] as const) {
      const questioning = await reliability('mc-questioning', bucket);
      const formative = await reliability('mc-formative-data', bucket);
      expect(withFlag(questioning, BIAS), `bias on questioning, ${bucket}`).toEqual([]);
      expect(withFlag(formative, BIAS), `bias on formative data, ${bucket}`).toEqual(['Priya Natarajan']);
      expect(withFlag(questioning, ['drifting']), `drift on questioning, ${bucket}`).toEqual(['Jonas Weber']);
      expect(withFlag(formative, ['drifting']), `drift on formative data, ${bucket}`).toEqual([]);
    }
  });

  it('shows one backlogged month that broke the 7-day SLA, the other months within it', async () => {
    const res = await staff.get('/v1/reports/turnaround?bucket=month');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // The history ends an hour before the live accounts exist, a day before the first live submission.
    const manifest = SeedManifest.parse(JSON.parse(readFileSync(DEMO_MANIFEST, 'utf8')));
    const endBy = new Date(seededAt - (Math.max(...manifest.submissions.map((s) => s.submittedDaysAgo)) + 1) * DAY_MS - 3_600_000);
    const backlog = new Date(Date.UTC(endBy.getUTCFullYear(), endBy.getUTCMonth() - BRIEF_DEMO_HISTORY.backlogMonthsBeforeEnd, 1)).toISOString().slice(0, 7);
    const months = (res.body.byBucket as Loose[]).filter((b) => b.decisions.n >= 10);
    expect(months.length).toBeGreaterThanOrEqual(5);
    const late = months.find((b) => b.bucket === backlog);
    expect(late, `the backlogged month ${backlog}`).toBeDefined();
    expect(late!.decisions.withinSla.value).toBeLessThan(0.5);
    expect(late!.decisions.medianDays.value).toBeGreaterThan(7);
    for (const b of months.filter((x) => x !== late)) expect(b.decisions.withinSla.value, b.bucket).toBeGreaterThanOrEqual(0.8);
    const opening = (res.body.byMicroCredential as Loose[]).map((m) => m.firstOpening.n);
    expect(opening.every((n) => n > 50), 'time to first opening has data').toBe(true);
  });
});
