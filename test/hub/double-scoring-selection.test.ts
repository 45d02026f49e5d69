// Selection for double scoring, decided once at intake and audited: each mode deterministic
// given the seed, every selection of 1,000 intakes recomputed from the audit log alone, and
// probation for new assessors with their release.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDraw } from '../../shared/index.ts';
import type { Loose } from '../support/hub.ts';
import { pdfBytes, type FixtureHub } from './fixture-helpers.ts';
import { allAuditEvents, read, rolesOf, startScoringHub } from './scoring-helpers.ts';

/** Intakes `count` submissions for the micro-credential, reusing one artifact per candidate. */
async function intakeMany(hub: FixtureHub, microCredentialId: string, count: number, candidates = 10): Promise<Loose[]> {
  const artifacts: string[] = [];
  for (let c = 0; c < candidates; c++) artifacts.push((await hub.uploadArtifact(pdfBytes(1024 + c))).id);
  const out: Loose[] = [];
  for (let i = 0; i < count; i++) {
    const res = await hub.as('intake-bot').post('/v1/intake/submissions', {
      candidateRef: `cand-${microCredentialId}-${i % candidates}`, microCredentialId, reflection: `r${i}`, artifactIds: [artifacts[i % candidates]],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    out.push(res.body);
  }
  return out;
}

/**
 * Recomputes one selection from its audit event alone: the ordinal must equal the count of
 * earlier selections of the micro-credential in the log, the draw must follow from the seed,
 * and the rule and outcome from the policy facts the event names.
 */
function recompute(event: Loose, earlier: number, probationCount: (assessorId: string) => number): { selected: boolean; rule: string } {
  const i = event.payload.inputs;
  expect(i.ordinal).toBe(earlier);
  let selected = i.mode === 'all';
  if (i.mode === 'first_n') selected = i.ordinal < i.n;
  if (i.mode === 'sample') {
    expect(i.draw).toBe(sampleDraw(i.seed, i.microCredentialId, i.ordinal));
    selected = i.draw < i.percent / 100;
  }
  if (selected) return { selected, rule: i.mode };
  if (i.probation) {
    expect(i.probation.doubleScoredReads).toBe(probationCount(i.probation.assessorId));
    if (!i.probation.released) return { selected: true, rule: 'probation' };
  }
  return { selected: false, rule: i.mode };
}

function recomputeAll(events: Loose[], probationCount: (assessorId: string, upToSeq: number) => number = () => 0): number {
  const perMc = new Map<string, number>();
  let checked = 0;
  for (const e of events.filter((x) => x.action === 'double_scoring.selected')) {
    const mc = e.payload.inputs.microCredentialId as string;
    const expected = recompute(e, perMc.get(mc) ?? 0, (a) => probationCount(a, e.seq));
    expect({ selected: e.payload.selected, rule: e.payload.rule }, `selection of ${e.subject}`).toEqual(expected);
    perMc.set(mc, (perMc.get(mc) ?? 0) + 1);
    checked++;
  }
  return checked;
}

describe('selection modes, deterministic given the seed', () => {
  const POLICIES = {
    'mc-questioning': { mode: 'sample', percent: 30, seed: 'fixed-seed-1' },
    'mc-feedback': { mode: 'first_n', n: 3 },
  };
  let a: FixtureHub;
  let b: FixtureHub;
  beforeAll(async () => {
    [a, b] = await Promise.all([startScoringHub(POLICIES), startScoringHub(POLICIES)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('two hubs with the same seed select the same ordinals; first_n takes exactly the first n', async () => {
    const selections = async (hub: FixtureHub, mc: string, n: number) => {
      const intakes = await intakeMany(hub, mc, n, 3);
      const out: Loose[] = [];
      for (const x of intakes) {
        const res = await hub.as('sam').get(`/v1/submissions/${x.submission.id}/selection`);
        expect(res.status).toBe(200);
        expect(res.body.selected).toBe(x.assignments.some((s: Loose) => s.role === 'second'));
        out.push(res.body);
      }
      return out;
    };
    const sa = await selections(a, 'mc-questioning', 40);
    const sb = await selections(b, 'mc-questioning', 40);
    expect(sa.map((s) => s.selected)).toEqual(sb.map((s) => s.selected));
    expect(sa.map((s) => s.inputs.draw)).toEqual(sa.map((_, i) => sampleDraw('fixed-seed-1', 'mc-questioning', i)));
    const chosen = sa.filter((s) => s.selected).length;
    expect(chosen).toBeGreaterThan(0);
    expect(chosen).toBeLessThan(40);
    const fa = await selections(a, 'mc-feedback', 5);
    expect(fa.map((s) => [s.selected, s.rule, s.inputs.ordinal])).toEqual([[true, 'first_n', 0], [true, 'first_n', 1], [true, 'first_n', 2],
      [false, 'first_n', 3], [false, 'first_n', 4]]);
  }, 120_000);

  it('answers 404 for an unknown submission and 403 for a non-staff caller', async () => {
    expect((await a.as('sam').get('/v1/submissions/sub-none/selection')).status).toBe(404);
    const x = (await intakeMany(a, 'mc-feedback', 1, 1))[0];
    expect((await a.as('alice').get(`/v1/submissions/${x.submission.id}/selection`)).status).toBe(403);
  });
});

describe('the modes all and none', () => {
  let hub: FixtureHub;
  beforeAll(async () => {
    hub = await startScoringHub({ 'mc-questioning': { mode: 'all' }, 'mc-feedback': { mode: 'none' } });
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('all double-scores every submission, with the second read to another reader; none never does', async () => {
    for (const x of await intakeMany(hub, 'mc-questioning', 6, 2)) {
      const { primary, second } = rolesOf(x);
      expect(second).toBeDefined();
      expect(second.assessorId).not.toBe(primary.assessorId);
    }
    for (const x of await intakeMany(hub, 'mc-feedback', 4, 2)) expect(rolesOf(x).second).toBeUndefined();
    const events = (await allAuditEvents(hub)).filter((e) => e.action === 'double_scoring.selected');
    expect(events.map((e) => [e.payload.selected, e.payload.rule])).toEqual([...Array(6).fill([true, 'all']), ...Array(4).fill([false, 'none'])]);
  }, 60_000);
});

describe('1,000 intakes', () => {
  let hub: FixtureHub;
  beforeAll(async () => {
    // No policy seed on mc-questioning: the hub's own seed, which the audit events record.
    hub = await startScoringHub({ 'mc-questioning': { mode: 'sample', percent: 20 }, 'mc-feedback': { mode: 'first_n', n: 150 } });
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('recomputes every selection from the audit log alone', async () => {
    await intakeMany(hub, 'mc-questioning', 600, 20);
    await intakeMany(hub, 'mc-feedback', 400, 20);
    const events = await allAuditEvents(hub);
    expect(recomputeAll(events)).toBe(1000);
    // A second read was routed exactly for the selected ones.
    const selected = new Set(events.filter((e) => e.action === 'double_scoring.selected' && e.payload.selected).map((e) => e.subject));
    const seconds = new Set(events.filter((e) => e.action === 'assignment.created' && e.payload.role === 'second').map((e) => e.payload.submissionId));
    expect(seconds).toEqual(selected);
    expect(events.filter((e) => e.action === 'double_scoring.selected' && e.payload.inputs.microCredentialId === 'mc-feedback' && e.payload.selected)).toHaveLength(150);
  }, 600_000);
});

describe('probation', () => {
  let hub: FixtureHub;
  beforeAll(async () => {
    hub = await startScoringHub({ 'mc-questioning': { mode: 'none', probation: { reads: 2, releaseAt: 0.8 }, tolerance: 1 } });
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('second-reads every review of an assessor until they have `reads` double-scored reads at releaseAt exact agreement, then releases them (audited)', async () => {
    const released = new Set<string>();
    // Identical reads agree exactly, so each reader is released after two double-scored reads.
    for (let i = 0; i < 8; i++) {
      const x = await hub.submit(`cand-p${i}`);
      const { primary, second } = rolesOf(x);
      const sel = (await hub.as('sam').get(`/v1/submissions/${x.submission.id}/selection`)).body;
      expect(sel.rule).toBe(released.has(primary.assessorId) ? 'none' : 'probation');
      expect(sel.selected).toBe(!released.has(primary.assessorId));
      expect(second === undefined).toBe(released.has(primary.assessorId));
      await read(hub, primary);
      if (second) await read(hub, second);
      const events = await allAuditEvents(hub);
      for (const e of events.filter((y) => y.action === 'double_scoring.probation_released')) released.add(e.subject);
    }
    expect(released.size).toBeGreaterThanOrEqual(2);
    const events = await allAuditEvents(hub);
    const releases = events.filter((e) => e.action === 'double_scoring.probation_released');
    for (const r of releases) expect(r.payload).toMatchObject({ microCredentialId: 'mc-questioning', reads: 2, releaseAt: 0.8, exactAgreement: 1, doubleScoredReads: 2 });
    // Recompute from the log: an assessor's double-scored count is the completed pairs they read before the selection.
    const complete = events.filter((e) => e.action === 'double_scoring.reads_complete');
    const countAt = (assessorId: string, seq: number) => complete.filter((e) => e.seq < seq && e.payload.readers.includes(assessorId)).length;
    expect(recomputeAll(events, countAt)).toBe(8);
  }, 180_000);

  it('keeps on probation a reader whose agreement stays below releaseAt', async () => {
    const again = await startScoringHub({ 'mc-questioning': { mode: 'none', probation: { reads: 1, releaseAt: 1 }, tolerance: 4 } });
    try {
      for (let i = 0; i < 3; i++) {
        const x = await again.submit(`cand-q${i}`);
        const { primary, second } = rolesOf(x);
        expect(second, 'still on probation').toBeDefined();
        await read(again, primary, { scores: { 'c-plan': 4, 'c-engage': 4, 'c-assess': 4 } });
        await read(again, second, { scores: { 'c-plan': 5, 'c-engage': 5, 'c-assess': 5 } });
      }
      expect((await allAuditEvents(again)).filter((e) => e.action === 'double_scoring.probation_released')).toEqual([]);
    } finally {
      await again.stop();
    }
  }, 120_000);
});
