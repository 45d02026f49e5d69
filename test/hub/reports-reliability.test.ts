// The reliability report against shared/stats computed independently here: the levels this
// test sent (and the master levels it set) are paired up by the test itself, on a hub whose
// clock spreads the ratings over several weeks. Every figure must match; flags follow the rules.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementStats, seededRandom, type Measure, type UndefinedReason } from '../../shared/index.ts';
import { hubSql, type Loose } from '../support/hub.ts';
import { FIXTURE } from './fixture-helpers.ts';
import { CRITERIA, patchPolicy, publishedSet } from './calibration-helpers.ts';
import { DAY_MS, drainWork, startClockedHub, type ClockedHub, type SentReview } from './reports-helpers.ts';
import { MASTERS, READERS, scoringManifest } from './scoring-helpers.ts';

const START = Date.parse('2026-03-02T08:00:00.000Z');
const ASSESSORS = [...READERS];

/** The Monday (UTC) a week starts, as "YYYY-MM-DD": written out here, not taken from the hub. */
const weekOf = (ms: number) => {
  const d = new Date(ms);
  const monday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - ((d.getUTCDay() + 6) % 7) * DAY_MS;
  return new Date(monday).toISOString().slice(0, 10);
};

type Pairs = { rater: number[]; reference: number[]; criteria: Map<string, { rater: number[]; reference: number[] }>; dr: number[]; dref: number[]; buckets: Map<string, { rater: number[]; reference: number[] }> };
const newPairs = (): Pairs => ({ rater: [], reference: [], criteria: new Map(), dr: [], dref: [], buckets: new Map() });
const bit = (d: string) => (d === 'earned' ? 1 : 0);

function addItem(p: Pairs, levels: Record<string, number>, reference: Record<string, number>, decision: string, refDecision: string, week?: string) {
  for (const c of CRITERIA) {
    p.rater.push(levels[c]!);
    p.reference.push(reference[c]!);
    if (!p.criteria.has(c)) p.criteria.set(c, { rater: [], reference: [] });
    p.criteria.get(c)!.rater.push(levels[c]!);
    p.criteria.get(c)!.reference.push(reference[c]!);
    if (week) {
      if (!p.buckets.has(week)) p.buckets.set(week, { rater: [], reference: [] });
      p.buckets.get(week)!.rater.push(levels[c]!);
      p.buckets.get(week)!.reference.push(reference[c]!);
    }
  }
  p.dr.push(bit(decision));
  p.dref.push(bit(refDecision));
}

const stats = (rater: number[], reference: number[], decisions?: { rater: number[]; reference: number[] }) => {
  const s = agreementStats({ points: 5, rater, reference, decisions });
  if (!s.ok) throw new Error(s.error.message);
  return s.value;
};

function expectSame(actual: Measure<UndefinedReason>, expected: Measure<UndefinedReason>, what: string) {
  if (expected.value === null) expect(actual, what).toEqual(expected);
  else expect(Math.abs((actual.value ?? Number.NaN) - expected.value), `${what}: ${JSON.stringify(actual)} vs ${expected.value}`).toBeLessThanOrEqual(1e-12);
}

function expectComparison(got: Loose, p: Pairs, what: string) {
  const s = stats(p.rater, p.reference, { rater: p.dr, reference: p.dref });
  expect(got.n, what).toBe(s.n);
  expectSame(got.exact, s.exact, `${what} exact`);
  expectSame(got.adjacent, s.adjacent, `${what} adjacent`);
  expectSame(got.qwk, s.kappa.quadratic, `${what} qwk`);
  expectSame(got.meanDifference, s.meanDifference, `${what} meanDifference`);
  expect(got.decision.n, `${what} decisions`).toBe(s.decision.n);
  expectSame(got.decision.agreement, s.decision.agreement, `${what} decision agreement`);
  const counts = Array.from({ length: 5 }, (_, r) => Array.from({ length: 5 }, (_, c) => p.rater.filter((x, i) => x === r + 1 && p.reference[i] === c + 1).length));
  expect(got.confusion, `${what} confusion`).toEqual({ points: 5, n: p.rater.length, counts });
  expect(got.criteria.map((c: Loose) => c.criterionId), `${what} criteria`).toEqual(CRITERIA.filter((c) => p.criteria.has(c)));
  for (const c of got.criteria) {
    const one = p.criteria.get(c.criterionId)!;
    const e = stats(one.rater, one.reference);
    expect(c.n).toBe(e.n);
    expectSame(c.exact, e.exact, `${what} ${c.criterionId} exact`);
    expectSame(c.adjacent, e.adjacent, `${what} ${c.criterionId} adjacent`);
    expectSame(c.qwk, e.kappa.quadratic, `${what} ${c.criterionId} qwk`);
    expectSame(c.meanDifference, e.meanDifference, `${what} ${c.criterionId} meanDifference`);
  }
}

describe('the reliability report, figure by figure', () => {
  let hub: ClockedHub;
  const sent: SentReview[] = [];
  const master = new Map<string, Record<string, number>>();

  beforeAll(async () => {
    hub = await startClockedHub(scoringManifest({ 'mc-questioning': { mode: 'all' } }), [...ASSESSORS, ...MASTERS], START);
    const rand = seededRandom(1313);
    const level = () => 1 + Math.floor(rand() * 5);
    const itemLevels = Array.from({ length: 8 }, () => Object.fromEntries(CRITERIA.map((c) => [c, level()])));
    const set = await publishedSet(hub, 'rel', itemLevels);
    set.items.forEach((item: Loose, i: number) => master.set(item.submissionId, itemLevels[i]!));
    await patchPolicy(hub, { calibration: { itemsPerAttempt: 3, retakeAfterHours: 0 }, validity: { rate: 1 } });
    // Each reader leans its own way, so the figures differ between assessors.
    const lean: Record<string, number> = { alice: 1, bob: 0, carol: -1 };
    const levelsFor = (reader: string) => Object.fromEntries(CRITERIA.map((c) => [c, Math.min(5, Math.max(1, level() + (rand() < 0.5 ? lean[reader]! : 0)))]));
    const attempts = async () => {
      for (const reader of ASSESSORS) {
        const res = await hub.as(reader).post('/v1/calibration/attempts', { microCredentialId: 'mc-questioning' });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
      }
      sent.push(...(await drainWork(hub, ASSESSORS, levelsFor)));
    };
    await attempts();
    for (let i = 0; i < 12; i++) {
      hub.clock.advance(2 * DAY_MS);
      await hub.submit(`cand-rel-${i}`);
      sent.push(...(await drainWork(hub, ASSESSORS, levelsFor)));
    }
    await attempts();
  }, 240_000);
  afterAll(async () => {
    await hub?.stop();
  });

  /** Master and peer pairs per assessor, paired here from what was sent and the master levels set. */
  async function expected(): Promise<Map<string, { master: Pairs; peer: Pairs }>> {
    const out = new Map<string, { master: Pairs; peer: Pairs }>();
    const of = (id: string) => out.get(id) ?? out.set(id, { master: newPairs(), peer: newPairs() }).get(id)!;
    const byAssignment = new Map(sent.map((r) => [r.assignmentId, r]));
    const masterDecisions = new Map((await hubSql(hub.dataDir, [
      "SELECT a.submission_id AS item, r.decision AS decision FROM reviews r JOIN assignments a ON a.id = r.assignment_id WHERE a.role = 'master'",
    ])).map((r) => [String(r.item), String(r.decision)]));
    const reads = await hubSql(hub.dataDir, ['SELECT assignment_id AS id, source_submission_id AS item FROM validity_reads']);
    expect(reads.length, 'validity items were read').toBeGreaterThanOrEqual(3);
    for (const r of reads) {
      const review = byAssignment.get(String(r.id))!;
      addItem(of(review.assessorId).master, review.scores, master.get(String(r.item))!, review.decision, masterDecisions.get(String(r.item))!, weekOf(review.at));
    }
    const attempts = (await hub.as('sam').get('/v1/calibration/attempts?microCredentialId=mc-questioning')).body.attempts as Loose[];
    expect(attempts.filter((a) => a.completedAt).length).toBe(2 * ASSESSORS.length);
    for (const a of attempts) {
      for (const item of a.items) {
        const levels = Object.fromEntries(item.criteria.map((c: Loose) => [c.criterionId, c.level]));
        const reference = Object.fromEntries(item.criteria.map((c: Loose) => [c.criterionId, c.masterLevel]));
        addItem(of(a.assessorId).master, levels, reference, item.decision, item.masterDecision, weekOf(Date.parse(a.completedAt)));
      }
    }
    const live = new Map<string, SentReview[]>();
    for (const r of sent.filter((x) => x.role === 'primary' || x.role === 'second')) live.set(r.submissionId, [...(live.get(r.submissionId) ?? []), r]);
    let peers = 0;
    for (const reads2 of live.values()) {
      const first = reads2.find((r) => r.role === 'primary');
      const second = reads2.find((r) => r.role === 'second');
      if (!first || !second) continue;
      peers++;
      addItem(of(first.assessorId).peer, first.scores, second.scores, first.decision, second.decision);
      addItem(of(second.assessorId).peer, second.scores, first.scores, second.decision, first.decision);
    }
    expect(peers, 'every live submission was double-scored').toBe(12);
    return out;
  }

  it('gives every assessor the figures shared/stats gives their pairs: overall, per criterion, decisions, confusion and the weekly drift', async () => {
    const res = await hub.as('mona').get('/v1/reports/reliability?microCredentialId=mc-questioning&bucket=week');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const report = res.body;
    expect(report).toMatchObject({ microCredentialId: 'mc-questioning', bucket: 'week', points: 5, criteria: [...CRITERIA], policy: { measure: 'exact', passMark: 0.8 } });
    const rubric = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { rubrics: { id: string; criteria: { id: string; title: string }[] }[] }).rubrics
      .find((r) => r.criteria.some((c) => c.id === CRITERIA[0]))!;
    expect(report.criterionTitles).toEqual(Object.fromEntries(rubric.criteria.map((c) => [c.id, c.title])));
    const want = await expected();
    expect(report.assessors.map((a: Loose) => a.assessorId)).toEqual([...want.keys()].sort());
    expect(report.assessors.map((a: Loose) => [a.assessorId, a.drift.length >= 2, a.master.n > 0])).toEqual(ASSESSORS.map((u) => [`u-${u}`, true, true]));
    // Routing gives the least loaded readers (alice, then bob) every live read; carol only calibration.
    expect(report.assessors.filter((a: Loose) => a.peer.n > 0).length).toBeGreaterThanOrEqual(2);
    for (const a of report.assessors) {
      const w = want.get(a.assessorId)!;
      expectComparison(a.master, w.master, `${a.assessorId} against master`);
      expectComparison(a.peer, w.peer, `${a.assessorId} against the other reader`);
      const weeks = [...w.master.buckets.keys()].sort();
      expect(a.drift.map((d: Loose) => d.bucket), `${a.assessorId} drift buckets`).toEqual(weeks);
      for (const d of a.drift) {
        const b = w.master.buckets.get(d.bucket)!;
        const s = stats(b.rater, b.reference);
        expect(d.n).toBe(s.n);
        expect(d.start).toBe(`${d.bucket}T00:00:00.000Z`);
        expectSame(d.exact, s.exact, `${a.assessorId} ${d.bucket} exact`);
        expectSame(d.adjacent, s.adjacent, `${a.assessorId} ${d.bucket} adjacent`);
        expectSame(d.measure, s.exact, `${a.assessorId} ${d.bucket} measure (the policy's: exact)`);
      }
    }
  });

  it('raises exactly the flags the rules give for these figures', async () => {
    const report = (await hub.as('sam').get('/v1/reports/reliability?microCredentialId=mc-questioning&bucket=week')).body;
    const want = await expected();
    let flagged = 0;
    for (const a of report.assessors) {
      const w = want.get(a.assessorId)!;
      const flags: Loose[] = [];
      const overall = stats(w.master.rater, w.master.reference).exact.value!;
      if (overall < 0.8 - 1e-9) flags.push({ kind: 'below_pass_mark', against: 'master' });
      const weeks = [...w.master.buckets.keys()].sort();
      const last = w.master.buckets.get(weeks.at(-1)!)!;
      const earlier = weeks.slice(0, -1).flatMap((k) => w.master.buckets.get(k)!.rater.map((r, i) => [r, w.master.buckets.get(k)!.reference[i]!] as const));
      if (last.rater.length >= 10 && earlier.length >= 10) {
        const drop = earlier.filter(([r, m]) => r === m).length / earlier.length - last.rater.filter((r, i) => r === last.reference[i]).length / last.rater.length;
        if (drop >= 0.1 - 1e-9) flags.push({ kind: 'drifting', against: 'master' });
      }
      for (const against of ['master', 'peer'] as const) {
        for (const c of CRITERIA) {
          const p = w[against].criteria.get(c);
          if (!p || p.rater.length < 20) continue;
          const md = p.rater.reduce((s, r, i) => s + r - p.reference[i]!, 0) / p.rater.length;
          if (md >= 0.5 - 1e-9) flags.push({ kind: 'lenient', against, criterionId: c });
          if (md <= -0.5 + 1e-9) flags.push({ kind: 'severe', against, criterionId: c });
        }
      }
      flagged += flags.length;
      expect(a.flags.map((f: Loose) => ({ kind: f.kind, against: f.against, ...(f.criterionId ? { criterionId: f.criterionId } : {}) })), a.assessorId).toEqual(flags);
    }
    expect(flagged, 'these readers, scoring at random, trip some flags').toBeGreaterThan(0);
  });

  it('counts only what falls in the period, and shows no assessors for an empty one', async () => {
    const from = new Date(START + 30 * DAY_MS).toISOString();
    const empty = await hub.as('sam').get(`/v1/reports/reliability?microCredentialId=mc-questioning&from=${encodeURIComponent(from)}`);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ from, to: null, bucket: 'month', assessors: [] });
    const to = new Date(START + 10 * DAY_MS).toISOString();
    const early = (await hub.as('sam').get(`/v1/reports/reliability?microCredentialId=mc-questioning&to=${encodeURIComponent(to)}`)).body;
    const all = (await hub.as('sam').get('/v1/reports/reliability?microCredentialId=mc-questioning')).body;
    const inPeriod = sent.filter((r) => r.at < Date.parse(to) && r.role === 'calibration').length;
    expect(inPeriod).toBeGreaterThan(0);
    const total = (rep: Loose) => rep.assessors.reduce((s: number, a: Loose) => s + a.master.n + a.peer.n, 0);
    expect(total(early)).toBeGreaterThan(0);
    expect(total(early)).toBeLessThan(total(all));
  });

  it('refuses a bad query with a specific error', async () => {
    for (const q of ['', 'microCredentialId=mc-questioning&bucket=day', 'microCredentialId=mc-nope',
      'microCredentialId=mc-questioning&from=2026-05-01T00:00:00Z&to=2026-04-01T00:00:00Z', 'microCredentialId=mc-questioning&extra=1', 'microCredentialId=mc-questioning&from=yesterday']) {
      const res = await hub.as('sam').get(`/v1/reports/reliability?${q}`);
      expect(res.status, q).toBe(422);
      expect(res.body.error.code, q).toBe('invalid');
    }
  });
});
