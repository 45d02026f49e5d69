import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MANIFEST } from '../../server/app.ts';
import { SeedManifest } from '../../server/seed/manifest.ts';
import { api, startHub, type Loose, type RunningHub } from '../support/hub.ts';

/** With past work (the brief history: the full year takes too long to seed for a test), which a busy machine seeds slowly. */
const BRIEF_HISTORY = ['--demo-history', 'brief'];
const SEEDING_MS = 300_000;

// The bundled demo dataset goes through the live services on a fresh hub started with --demo.
describe('--demo seeding', () => {
  const manifest = SeedManifest.parse(JSON.parse(readFileSync(DEMO_MANIFEST, 'utf8')));
  const staff = manifest.users.find((u) => u.roles.includes('staff'));
  let hub: RunningHub;
  beforeAll(async () => {
    hub = await startHub({ demo: true, args: BRIEF_HISTORY });
  }, SEEDING_MS);
  afterAll(() => hub.stop());

  it('has a staff account to check the seeded data with', () => {
    expect(staff).toBeDefined();
  });

  it('stores every submission, with final results exactly for the decided ones: single-scored, or double-scored with two reads that agree', async () => {
    const sam = api(hub.url, await hub.signIn(staff!.username));
    const decided: string[] = [];
    for (const s of manifest.submissions) {
      const res = await sam.get(`/v1/submissions/${s.id}/result`);
      expect(res.status, s.id).toBe(200);
      const selected = (await sam.get(`/v1/submissions/${s.id}/selection`)).body.selected as boolean;
      const agreed = s.secondReview ? (await sam.get(`/v1/submissions/${s.id}/reads`)).body.agreement?.agreed === true : false;
      const final = s.decidedReview !== undefined && (!selected || agreed);
      expect(res.body.status, s.id).toBe(final ? 'final' : 'pending');
      if (final) decided.push(s.id);
    }
    // The two first attempts that were resubmitted; history or not, they are decided.
    expect(decided).toEqual(expect.arrayContaining(['sub-01', 'sub-02']));
    expect((await sam.get('/v1/audit/verify')).body.ok).toBe(true);
  });

  it('gives assessors work they can sync and download', async () => {
    let seen = 0;
    for (const u of manifest.users.filter((x) => x.roles.includes('assessor'))) {
      const token = await hub.signIn(u.username);
      const client = api(hub.url, token);
      const sync = await client.get('/v1/sync');
      expect(sync.status).toBe(200);
      for (const s of sync.body.submissions as Loose[]) {
        const res = await fetch(`${hub.url}/v1/artifacts/${s.artifacts[0].id}`, { headers: { authorization: `Bearer ${token}`, range: 'bytes=0-3' } });
        expect(res.status).toBe(206);
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('routes each submission when it was submitted: assessor3 holds one from before its qualification lapsed, locked now', async () => {
    const sync = (await api(hub.url, await hub.signIn('assessor3')).get('/v1/sync')).body;
    expect((sync.assignments as Loose[]).filter((a) => a.role === 'primary').map((a) => a.submissionId)).toEqual(['sub-13']);
    expect((sync.qualifications as Loose[]).find((q) => q.microCredentialId === 'mc-questioning')?.state).toBe('expired');
    const sam = api(hub.url, await hub.signIn(staff!.username));
    const events: Loose[] = [];
    for (let after = 0; after >= 0; ) {
      const page = (await sam.get(`/v1/audit?after=${after}&limit=1000`)).body;
      events.push(...page.events);
      after = page.next ?? -1;
    }
    expect(events.length).toBeGreaterThan(500);
    const at = events.map((e) => Date.parse(e.at));
    expect(at, 'the audit log reads in time order').toEqual([...at].sort((x, y) => x - y));
  });

  it('has months of decisions for the staff screens to page, earned ones with credentials, and histories with linked attempts', async () => {
    const sam = api(hub.url, await hub.signIn(staff!.username));
    const all: Loose[] = [];
    for (let cursor: string | undefined, pages = 0; ; pages++) {
      const page = (await sam.get(`/v1/decisions?limit=100${cursor ? `&cursor=${cursor}` : ''}`)).body;
      all.push(...page.decisions);
      cursor = page.next;
      if (!cursor) {
        expect(pages, 'more than one page of 100').toBeGreaterThanOrEqual(1);
        break;
      }
    }
    expect(all.length).toBeGreaterThan(100);
    expect(new Set(all.flatMap((d) => d.assessorIds)).size).toBeGreaterThanOrEqual(3);
    const days = all.map((d) => Date.parse(d.decidedAt));
    expect((Math.max(...days) - Math.min(...days)) / 86_400_000, 'spread over months').toBeGreaterThan(90);
    const earned = all.filter((d) => d.decision === 'earned');
    expect(earned.length).toBeGreaterThan(50);
    const badge = await sam.get(`/v1/submissions/${earned[0].submissionId}/credential`);
    expect(badge.status, JSON.stringify(badge.body)).toBe(200);
    const second = all.find((d) => d.attempt === 2);
    expect(second, 'a resubmission among the past work').toBeDefined();
    const history = (await sam.get(`/v1/decisions/${second.submissionId}/history`)).body;
    expect(history.attempts.map((a: Loose) => a.attempt)).toEqual([1, 2]);
    expect(history.reads[0].standing.state).toBe('current');
  });
});

/**
 * The demo's double scoring (resources/demo/README.md): master1 adjudicates a disagreement,
 * assessor1 and assessor2 share a consensus task, the new assessor4 is on probation. It
 * holds on a hub with the demo history (--demo) and on one seeded from the manifest alone.
 */
function doubleScoringPromises(current: () => RunningHub) {
  const as = async (username: string) => api(current().url, await current().signIn(username));
  const open = (sync: Loose) => (sync.assignments as Loose[]).filter((a) => a.state === 'assigned' || a.state === 'in_progress');

  it('gives master1 one disagreement to adjudicate: two submitted reads that differ past the tolerance', async () => {
    const adjudications = open((await (await as('master1')).get('/v1/sync')).body).filter((a) => a.role === 'adjudication');
    expect(adjudications).toHaveLength(1);
    const [task] = adjudications;
    expect(task.reads).toHaveLength(2);
    const reads = (await (await as('staff1')).get(`/v1/submissions/${task.submissionId}/reads`)).body;
    expect(reads.agreement.agreed).toBe(false);
    expect(reads.differing.some((d: Loose) => d.beyondTolerance)).toBe(true);
    expect(reads.resolution).toMatchObject({ state: 'adjudication', method: 'adjudication' });
    expect(reads.pending).toEqual([]);
    expect(reads.reads.map((r: Loose) => r.assessorId)).toContain('u-assessor4');
  });

  it('gives assessor1 and assessor2 one consensus task on the same submission, the primary reader (assessor1) to propose first', async () => {
    const tasks = new Map<string, Loose>();
    for (const name of ['assessor1', 'assessor2']) {
      const consensus = open((await (await as(name)).get('/v1/sync')).body).filter((a) => a.role === 'consensus');
      expect(consensus, name).toHaveLength(1);
      tasks.set(name, consensus[0]);
    }
    const [first, second] = [tasks.get('assessor1')!, tasks.get('assessor2')!];
    expect(first.submissionId).toBe(second.submissionId);
    expect(first.consensus).toMatchObject({ round: 0, proposal: null, awaiting: 'proposal', proposer: true });
    expect(second.consensus).toMatchObject({ round: 0, awaiting: 'proposal', proposer: false });
    expect(Date.parse(first.consensus.dueAt)).toBeGreaterThan(Date.now());
    expect(first.reads.map((r: Loose) => r.assessorId)).toEqual(['u-assessor1', 'u-assessor2']);
  });

  it('keeps assessor4 on probation, with fewer than 20 double-scored reads, live Questioning reads and a second read of each', async () => {
    const sync = (await (await as('assessor4')).get('/v1/sync')).body;
    const live = open(sync).filter((a) => a.role === 'primary' && (sync.submissions as Loose[]).find((x) => x.id === a.submissionId)?.microCredentialId === 'mc-questioning');
    expect(live.length).toBeGreaterThan(0);
    const sam = await as('staff1');
    for (const a of live) {
      const selection = (await sam.get(`/v1/submissions/${a.submissionId}/selection`)).body;
      expect(selection.selected, a.submissionId).toBe(true);
      if (selection.rule === 'probation') expect(selection.inputs.probation).toMatchObject({ assessorId: 'u-assessor4', reads: 20, released: false });
      expect(selection.inputs.probation.doubleScoredReads).toBeLessThan(20);
      const reads = (await sam.get(`/v1/submissions/${a.submissionId}/reads`)).body;
      expect(reads.pending.find((p: Loose) => p.role === 'second')?.assessorId, a.submissionId).toMatch(/^u-assessor[12]$/);
    }
    const latest = (await sam.get(`/v1/submissions/${live.at(-1)!.submissionId}/selection`)).body;
    expect(latest.inputs.probation.doubleScoredReads, 'the adjudicated read is one').toBeGreaterThanOrEqual(1);
  });

  it('leaves every demo assessor something to do', async () => {
    for (const name of ['assessor1', 'assessor2', 'assessor3', 'assessor4']) {
      expect(open((await (await as(name)).get('/v1/sync')).body).length, name).toBeGreaterThan(0);
    }
  });
}

describe('--seed with the demo manifest alone (the desktop demo: no history, so first_n double-scores every Questioning submission)', () => {
  let hub: RunningHub;
  beforeAll(async () => {
    hub = await startHub({ seed: DEMO_MANIFEST });
  });
  afterAll(() => hub.stop());

  it('double-scores the first Questioning submissions by first_n', async () => {
    const sam = api(hub.url, await hub.signIn('staff1'));
    expect((await sam.get('/v1/submissions/sub-01/selection')).body).toMatchObject({ selected: true, rule: 'first_n', inputs: { ordinal: 0, n: 50 } });
    expect((await sam.get('/v1/submissions/sub-01/result')).body).toMatchObject({ status: 'final', basis: 'agreed' });
  });

  doubleScoringPromises(() => hub);
});

// The demo's calibration section (resources/demo/README.md): every role has calibration work.
describe('--demo calibration data', () => {
  let hub: RunningHub;
  beforeAll(async () => {
    hub = await startHub({ demo: true, args: BRIEF_HISTORY });
  }, SEEDING_MS);
  afterAll(() => hub.stop());

  it('runs Questioning single-scored past its first 50, which the history holds: only probation double-scores', async () => {
    const sam = api(hub.url, await hub.signIn('staff1'));
    const selection = (await sam.get('/v1/submissions/sub-01/selection')).body;
    expect(selection).toMatchObject({ selected: false, rule: 'first_n', inputs: { n: 50 } });
    expect(selection.inputs.ordinal).toBeGreaterThanOrEqual(50);
    expect(selection.inputs.probation).toMatchObject({ assessorId: 'u-assessor1', released: true });
  });

  doubleScoringPromises(() => hub);

  it('gives master1 two master assignments to score and each micro-credential a published set', async () => {
    const master = api(hub.url, await hub.signIn('master1'));
    const open = ((await master.get('/v1/sync')).body.assignments as Loose[]).filter((a) => a.role === 'master' && a.state === 'assigned');
    expect(open).toHaveLength(2);
    const sets = (await master.get('/v1/calibration-sets')).body.sets as Loose[];
    for (const mc of ['mc-questioning', 'mc-formative-data']) {
      expect(sets.some((s) => s.microCredentialId === mc && s.state === 'published' && s.items.every((i: Loose) => i.masterScored)), mc).toBe(true);
    }
  });

  it('has a failed attempt of assessor2 to look at, with the master rationales', async () => {
    const attempts = (await api(hub.url, await hub.signIn('assessor2')).get('/v1/calibration/attempts')).body.attempts as Loose[];
    expect(attempts.map((a) => a.state)).toEqual(['failed']);
    expect(attempts[0].items.every((i: Loose) => i.criteria.every((c: Loose) => c.masterRationale.length > 20))).toBe(true);
  });

  it('lets assessor3 (expired) start an attempt at once', async () => {
    const client = api(hub.url, await hub.signIn('assessor3'));
    const q = (await client.get('/v1/sync')).body.qualifications as Loose[];
    expect(q.every((x) => x.state === 'expired')).toBe(true);
    const res = await client.post('/v1/calibration/attempts', { microCredentialId: 'mc-questioning' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.attempt.assignmentIds).toHaveLength(3);
  });

  it("puts one validity item in assessor1's queue, among the live work: a copy of the first anchor item", async () => {
    const staff = api(hub.url, await hub.signIn('staff1'));
    const events: Loose[] = [];
    for (let after = 0; after >= 0; ) {
      const page = (await staff.get(`/v1/audit?after=${after}&limit=1000`)).body;
      events.push(...page.events);
      after = page.next ?? -1;
    }
    // The demo history, before the live accounts existed, drew validity items of its own.
    const live = new Set(SeedManifest.parse(JSON.parse(readFileSync(DEMO_MANIFEST, 'utf8'))).users.map((u) => u.id));
    const seeded = events.filter((e) => e.action === 'validity.seeded' && live.has(e.payload.assessorId));
    expect(seeded.map((e) => e.payload.assessorId)).toEqual(['u-assessor1']);
    expect(seeded[0].payload.sourceSubmissionId).toBe('cal-f-01');
    const sync = (await api(hub.url, await hub.signIn('assessor1')).get('/v1/sync')).body;
    const validity = (sync.assignments as Loose[]).find((a) => a.id === seeded[0].subject);
    expect(validity).toMatchObject({ role: 'primary', state: 'assigned' });
    expect((sync.assignments as Loose[]).filter((a) => a.role === 'primary' && a.state === 'assigned').length).toBeGreaterThan(1);
  });
});
