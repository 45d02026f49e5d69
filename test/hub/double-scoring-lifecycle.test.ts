// A double-scored submission's life through real HTTP, on the hub's clock: who may take the
// second read, re-routing one read on recusal or staff reassignment, the reads never changing
// whatever the resolution, blindness searched for the levels in any shape, a master rater who
// was a reader kept out of the reads view, and a consensus reader suspended for drift.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubSql, type Loose } from '../support/hub.ts';
import { copyReview, CRITERIA, patchPolicy, publishedSet } from './calibration-helpers.ts';
import { newReviewId } from './fixture-helpers.ts';
import { startClockedHub, type ClockedHub } from './reports-helpers.ts';
import { allAuditEvents, everythingVisibleTo, MASTERS, read, READERS, rolesOf, scoringManifest, usernameOf } from './scoring-helpers.ts';

const START = Date.parse('2026-10-05T08:00:00.000Z');
const DAY = 86_400_000;
const ADJUDICATED = { mode: 'all', tolerance: 1, resolution: 'adjudication' };
const CONSENSUS = { mode: 'all', tolerance: 1, resolution: 'consensus', consensusDays: 3 };

/** Levels and words no other read in this file uses, so finding one elsewhere can only be a leak. */
const FIRST = { scores: { 'c-plan': 1, 'c-engage': 5, 'c-assess': 2 },
  criterionFeedback: { 'c-plan': 'QUOKKA-PLAN', 'c-engage': 'QUOKKA-ENGAGE', 'c-assess': 'QUOKKA-ASSESS' }, overallFeedback: 'QUOKKA-OVERALL' };
const SECOND = { scores: { 'c-plan': 4, 'c-engage': 2, 'c-assess': 5 },
  criterionFeedback: { 'c-plan': 'NUMBAT-PLAN', 'c-engage': 'NUMBAT-ENGAGE', 'c-assess': 'NUMBAT-ASSESS' }, overallFeedback: 'NUMBAT-OVERALL' };

const user = (users: Loose[], username: string): Loose => users.find((u) => u.username === username);
const createdFor = async (hub: ClockedHub, submissionId: string) =>
  (await allAuditEvents(hub)).filter((e) => e.action === 'assignment.created' && e.payload.submissionId === submissionId);
const readsView = async (hub: ClockedHub, submissionId: string) => {
  const res = await hub.as('sam').get(`/v1/submissions/${submissionId}/reads`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
/** The stored rows of these reviews, every column, as the database holds them. */
const reviewRows = (hub: ClockedHub, ids: readonly string[]) =>
  hubSql(hub.dataDir, [`SELECT id, assignment_id, submission_id, assessor_id, body, decision, weighted_mean, received_at, scores FROM reviews WHERE id IN (${ids.map((id) => `'${id}'`).join(', ')}) ORDER BY id`]);

/**
 * A read's levels in any shape a response could carry them: `"criterionId":level` and an object
 * holding `"criterionId":"<id>"` next to `"level":<level>`, plus its feedback, notes and review id.
 */
function leaksOf(bytes: string, r: typeof FIRST, reviewId: string): string[] {
  const found = [...Object.values(r.criterionFeedback), r.overallFeedback, 'NOTE-OF-THE-FIRST-READER', reviewId].filter((needle) => bytes.includes(needle));
  for (const [criterionId, level] of Object.entries(r.scores)) {
    const shapes = [
      new RegExp(`"${criterionId}":${level}(?![0-9.])`),
      new RegExp(`\\{[^{}]*"criterionId":"${criterionId}"[^{}]*"level":${level}(?![0-9.])`),
      new RegExp(`\\{[^{}]*"level":${level}(?![0-9.])[^{}]*"criterionId":"${criterionId}"`),
    ];
    for (const shape of shapes) if (shape.test(bytes)) found.push(shape.source);
  }
  return found;
}

describe('the second read and re-routing one read', () => {
  let hub: ClockedHub;
  beforeAll(async () => {
    // Ahead of erin by username: bob holds no qualification for mc-questioning, carol is in the
    // candidate's district, dave's qualification expired (the fixture's); erin is made active.
    const manifest = scoringManifest({ 'mc-questioning': ADJUDICATED }, false, (users) => {
      user(users, 'bob').qualifications = [{ microCredentialId: 'mc-feedback', calibratedUntilDays: 365 }];
      user(users, 'erin').active = true;
    });
    hub = await startClockedHub(manifest, [...READERS, 'dave', 'erin', ...MASTERS], START);
  }, 120_000);
  afterAll(async () => {
    await hub?.stop();
  });

  it('goes to the one eligible reader left, never a conflicted, unqualified or expired one, nor the primary reader', async () => {
    const x = await hub.submit('cand-d3', { district: 'D3' });
    const { primary, second } = rolesOf(x);
    expect(primary.assessorId).toBe('u-alice');
    expect(second?.assessorId).toBe('u-erin');
    const created = await createdFor(hub, x.submission.id);
    expect(created.map((e) => [e.payload.role, e.payload.assessorId, e.payload.rule])).toEqual([['primary', 'u-alice', 'least_open_work'], ['second', 'u-erin', 'least_open_work']]);
    // With alice in conflict too, erin takes the primary read and nobody is left for the second: it waits, unassigned.
    const y = await hub.submit('cand-north-d3', { school: 'Northside Elementary', district: 'D3' });
    expect(y.assignments.map((a: Loose) => [a.role, a.assessorId])).toEqual([['primary', 'u-erin']]);
    const events = (await allAuditEvents(hub)).filter((e) => e.subject === y.submission.id || e.payload.submissionId === y.submission.id);
    expect(events.filter((e) => e.action === 'assignment.created').map((e) => e.payload.role)).toEqual(['primary']);
    expect(events.filter((e) => e.action === 'submission.unassigned').map((e) => e.payload)).toEqual([{ reason: 'no_eligible_assessor' }]);
    expect((await readsView(hub, y.submission.id)).pending.map((p: Loose) => [p.role, p.assessorId])).toEqual([['primary', 'u-erin']]);
  }, 120_000);

  /** A fresh submission with one read in; `kept` is that read, `moved` the open one. */
  async function oneReadIn(candidateRef: string, submitted: 'primary' | 'second') {
    const x = await hub.submit(candidateRef);
    const roles = rolesOf(x);
    const kept = roles[submitted]!;
    const moved = roles[submitted === 'primary' ? 'second' : 'primary']!;
    const review = await read(hub, kept, submitted === 'primary' ? FIRST : SECOND);
    const before = await readsView(hub, x.submission.id);
    const selection = (await hub.as('sam').get(`/v1/submissions/${x.submission.id}/selection`)).body;
    return { sub: x.submission.id, kept, moved, review, before, selection };
  }

  /** Only the moved read changed hands: the kept one, its review and the selection are as they were. */
  async function expectOnlyMoved(t: Awaited<ReturnType<typeof oneReadIn>>, movedRole: string) {
    const created = await createdFor(hub, t.sub);
    expect(created.map((e) => e.payload.role)).toEqual(['primary', 'second', movedRole]);
    const next = created[2]!.payload.assessorId;
    expect([t.kept.assessorId, t.moved.assessorId]).not.toContain(next);
    const after = await readsView(hub, t.sub);
    expect(JSON.stringify(after.reads)).toBe(JSON.stringify(t.before.reads));
    expect(after.reads.map((r: Loose) => [r.assignmentId, r.review.id])).toEqual([[t.kept.id, t.review.id]]);
    expect(after.pending.map((p: Loose) => [p.role, p.assessorId])).toEqual([[movedRole, next]]);
    expect(JSON.stringify((await hub.as('sam').get(`/v1/submissions/${t.sub}/selection`)).body)).toBe(JSON.stringify(t.selection));
    const keptNow = (await hub.as(usernameOf(t.kept.assessorId)).get('/v1/sync')).body.assignments.find((a: Loose) => a.id === t.kept.id);
    expect(keptNow).toMatchObject({ id: t.kept.id, state: 'submitted', role: t.kept.role, assessorId: t.kept.assessorId });
    // Recused or revoked, the removed read leaves its reader's device.
    expect((await hub.as(usernameOf(t.moved.assessorId)).get('/v1/sync')).body.revoked).toContain(t.moved.id);
    return next as string;
  }

  it('a recusal of the primary read while the second is in re-routes the primary read only', async () => {
    const t = await oneReadIn('cand-recuse-primary', 'second');
    const res = await hub.as(usernameOf(t.moved.assessorId)).post(`/v1/assignments/${t.moved.id}/recusal`, { reason: 'I taught with this teacher.' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const next = await expectOnlyMoved(t, 'primary');
    // The new primary reader's read completes the pair; the second read is still the one first sent.
    const open = (await hub.as(usernameOf(next)).get('/v1/sync')).body.assignments.find((a: Loose) => a.submissionId === t.sub && a.role === 'primary');
    const first = await read(hub, open, FIRST);
    const reads = await readsView(hub, t.sub);
    expect(reads.reads.map((r: Loose) => [r.role, r.review.id])).toEqual([['primary', first.id], ['second', t.review.id]]);
    expect(reads.resolution.state).toBe('adjudication');
  }, 120_000);

  for (const [removed, submitted] of [['second', 'primary'], ['primary', 'second']] as const) {
    it(`staff reassigning the open ${removed} read re-routes it only`, async () => {
      const t = await oneReadIn(`cand-reassign-${removed}`, submitted);
      const res = await hub.as('sam').post(`/v1/assignments/${t.moved.id}/reassign`, { reason: 'The reader is away this week.' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const next = await expectOnlyMoved(t, removed);
      expect(res.body.assignment).toMatchObject({ role: removed, assessorId: next });
      expect(res.body.previous).toMatchObject({ id: t.moved.id, state: 'revoked' });
    }, 120_000);
  }

  it('nothing of the first read reaches the second reader, in any shape, from any endpoint', async () => {
    expect(leaksOf(JSON.stringify({ a: [{ level: 1, criterionId: 'c-plan' }] }), FIRST, 'none')).toHaveLength(1);
    expect(leaksOf(JSON.stringify({ criteria: [{ criterionId: 'c-plan', level: 1, feedback: 'x' }] }), FIRST, 'none')).toHaveLength(1);
    const x = await hub.submit('cand-blind-levels');
    const sub = x.submission.id;
    const { primary, second } = rolesOf(x);
    const notes = [{ artifactId: x.submission.artifacts[0].id, text: 'NOTE-OF-THE-FIRST-READER' }];
    const firstReview = await read(hub, primary, { ...FIRST, notes });
    const secondName = usernameOf(second!.assessorId);
    expect(leaksOf(await everythingVisibleTo(hub, secondName, sub), FIRST, firstReview.id)).toEqual([]);
    const secondReview = await read(hub, second!, SECOND);
    // Both in, the adjudication open: neither reader gets any part of the other's read.
    expect(leaksOf(await everythingVisibleTo(hub, secondName, sub), FIRST, firstReview.id)).toEqual([]);
    // The first reader's own note is theirs to see; everything else of the second read is searched for.
    expect(leaksOf(await everythingVisibleTo(hub, usernameOf(primary.assessorId), sub), SECOND, secondReview.id)
      .filter((l) => l !== 'NOTE-OF-THE-FIRST-READER')).toEqual([]);
    // The search finds them where they are meant to be: staff see both reads.
    const staff = JSON.stringify(await readsView(hub, sub));
    expect(leaksOf(staff, FIRST, firstReview.id)).toEqual(expect.arrayContaining([firstReview.id, 'QUOKKA-OVERALL', '"c-plan":1(?![0-9.])', '"c-engage":5(?![0-9.])']));
  }, 180_000);
});

describe('a master rater who is also a reader', () => {
  let hub: ClockedHub;
  beforeAll(async () => {
    // alice and mona are the only readers mc-questioning has; mona also rates as a master.
    const manifest = scoringManifest({ 'mc-questioning': ADJUDICATED }, false, (users) => {
      for (const name of ['bob', 'carol']) user(users, name).qualifications = [];
      Object.assign(user(users, 'mona'), { roles: ['master_rater', 'assessor'], qualifications: [{ microCredentialId: 'mc-questioning', calibratedUntilDays: 365 }] });
    });
    hub = await startClockedHub(manifest, [...READERS, ...MASTERS], START);
  }, 120_000);
  afterAll(async () => {
    await hub?.stop();
  });

  /** Each assessor's peer comparisons (criterion pairs) in the reliability report as `username` gets it. */
  const peerCounts = async (username: string) => {
    const res = await hub.as(username).get('/v1/reports/reliability?microCredentialId=mc-questioning');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return Object.fromEntries((res.body.assessors as Loose[]).filter((a) => a.peer.n > 0).map((a) => [a.assessorId, a.peer.n]));
  };

  it('cannot open the reads view or its peer figures while the resolution is open, and is never the adjudicator', async () => {
    const x = await hub.submit('cand-master-reader');
    const sub = x.submission.id;
    const { primary, second } = rolesOf(x);
    expect([primary.assessorId, second?.assessorId]).toEqual(['u-alice', 'u-mona']);
    const firstReview = await read(hub, primary, FIRST);
    expect((await hub.as('mona').get(`/v1/submissions/${sub}/reads`)).status).toBe(404);
    await read(hub, second!, SECOND);
    expect((await readsView(hub, sub)).resolution.state).toBe('adjudication');
    const blind = await hub.as('mona').get(`/v1/submissions/${sub}/reads`);
    expect(blind.status).toBe(404);
    expect(blind.body.error.code).toBe('not_found');
    expect(leaksOf(await everythingVisibleTo(hub, 'mona', sub), FIRST, firstReview.id)).toEqual([]);
    // The reliability report would show the other read's levels in a one-pair tally: staff get the pair, the reader does not yet.
    expect(await peerCounts('sam')).toEqual({ 'u-alice': 3, 'u-mona': 3 });
    expect(await peerCounts('mona')).toEqual({});
    const monaTasks = (await hub.as('mona').get('/v1/sync')).body.assignments.filter((a: Loose) => a.submissionId === sub);
    expect(monaTasks.map((a: Loose) => a.role)).toEqual(['second']);
    const task = (await hub.as('nick').get('/v1/sync')).body.assignments.find((a: Loose) => a.submissionId === sub && a.role === 'adjudication');
    expect(task).toBeDefined();
    expect((await hub.as('nick').get(`/v1/submissions/${sub}/reads`)).status).toBe(200);
    const criteria = Object.fromEntries(CRITERIA.map((c) => [c, { level: 3, feedback: `Adjudicated ${c}.`, basis: 'own' }]));
    const done = await hub.as('nick').put(`/v1/adjudications/${randomUUID()}`, { assignmentId: task.id, criteria, overallFeedback: 'Adjudicated.', rationale: 'Both reads were far apart.' });
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    // Resolution done: nothing is at stake any more, and the master rater may review the reads.
    const open = await hub.as('mona').get(`/v1/submissions/${sub}/reads`);
    expect(open.status).toBe(200);
    expect(open.body.resolution).toMatchObject({ state: 'final', basis: 'adjudicated' });
    expect(await peerCounts('mona')).toEqual({ 'u-alice': 3, 'u-mona': 3 });
  }, 180_000);
});

describe('the reads never change, whatever the resolution', () => {
  let hub: ClockedHub;
  beforeAll(async () => {
    hub = await startClockedHub(scoringManifest({ 'mc-questioning': ADJUDICATED, 'mc-feedback': CONSENSUS }), [...READERS, ...MASTERS], START);
  }, 120_000);
  afterAll(async () => {
    await hub?.stop();
  });

  /** Two disagreeing reads; the reads view and the reviews rows as they were once both were in. */
  async function bothIn(candidateRef: string, microCredentialId: string) {
    const x = await hub.submit(candidateRef, { microCredentialId });
    const { primary, second } = rolesOf(x);
    const ids = [(await read(hub, primary, FIRST)).id, (await read(hub, second!, SECOND)).id];
    const view = await readsView(hub, x.submission.id);
    expect(view.reads).toHaveLength(2);
    return { sub: x.submission.id, primary, second: second!, ids, reads: JSON.stringify(view.reads), rows: await reviewRows(hub, ids) };
  }
  async function expectUnchanged(t: Awaited<ReturnType<typeof bothIn>>) {
    expect(JSON.stringify((await readsView(hub, t.sub)).reads)).toBe(t.reads);
    const rows = await reviewRows(hub, t.ids);
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(t.rows);
  }
  const consensusTask = async (a: Loose, sub: string) =>
    (await hub.as(usernameOf(a.assessorId)).get('/v1/sync')).body.assignments.find((t: Loose) => t.role === 'consensus' && t.submissionId === sub);
  const adjudicate = async (sub: string) => {
    for (const m of MASTERS) {
      const task = (await hub.as(m).get('/v1/sync')).body.assignments.find((a: Loose) => a.role === 'adjudication' && a.submissionId === sub && a.state === 'assigned');
      if (!task) continue;
      const criteria = Object.fromEntries(CRITERIA.map((c) => [c, { level: 4, feedback: `Final ${c}.`, basis: 'own' }]));
      const res = await hub.as(m).put(`/v1/adjudications/${randomUUID()}`, { assignmentId: task.id, criteria, overallFeedback: 'Final.', rationale: 'Settled on the clip.' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return;
    }
    throw new Error(`no adjudication task for ${sub}`);
  };

  it('after an adjudication', async () => {
    const t = await bothIn('cand-keep-adj', 'mc-questioning');
    await adjudicate(t.sub);
    expect((await readsView(hub, t.sub)).resolution).toMatchObject({ state: 'final', basis: 'adjudicated' });
    await expectUnchanged(t);
  }, 120_000);

  it('after a consensus agreement', async () => {
    const t = await bothIn('cand-keep-cons', 'mc-feedback');
    const p = await consensusTask(t.primary, t.sub);
    const s = await consensusTask(t.second, t.sub);
    const proposal = { round: 1, scores: { 'c-plan': 3, 'c-engage': 3, 'c-assess': 3 }, criterionFeedback: { 'c-plan': 'A.', 'c-engage': 'B.', 'c-assess': 'C.' }, overallFeedback: 'Agreed.' };
    expect((await hub.as(usernameOf(t.primary.assessorId)).put(`/v1/consensus/${p.id}/proposal`, proposal)).status).toBe(201);
    expect((await hub.as(usernameOf(t.second.assessorId)).put(`/v1/consensus/${s.id}/response`, { round: 1, agree: true })).status).toBe(201);
    expect((await readsView(hub, t.sub)).resolution).toMatchObject({ state: 'final', basis: 'consensus' });
    await expectUnchanged(t);
  }, 120_000);

  it('after a consensus escalation on the hub\'s clock, and the adjudication that follows', async () => {
    const t = await bothIn('cand-keep-esc', 'mc-feedback');
    const p = await consensusTask(t.primary, t.sub);
    expect((await hub.as(usernameOf(t.primary.assessorId)).put(`/v1/consensus/${p.id}/proposal`, { round: 1, ...FIRST })).status).toBe(201);
    hub.clock.advance(3 * DAY + 1000);
    expect((await readsView(hub, t.sub)).resolution).toMatchObject({ state: 'adjudication', escalatedAt: new Date(hub.clock.now()).toISOString() });
    await expectUnchanged(t);
    await adjudicate(t.sub);
    await expectUnchanged(t);
  }, 120_000);
});

describe('a consensus reader suspended for drift', () => {
  let hub: ClockedHub;
  const MASTER_LEVELS = [{ 'c-plan': 2, 'c-engage': 3, 'c-assess': 4 }, { 'c-plan': 4, 'c-engage': 2, 'c-assess': 3 }];
  beforeAll(async () => {
    hub = await startClockedHub(scoringManifest({ 'mc-questioning': CONSENSUS }), [...READERS, ...MASTERS], START);
    await publishedSet(hub, 'drift', MASTER_LEVELS);
    // Every live primary read brings a validity item, and one read far from the master suspends.
    await patchPolicy(hub, { validity: { rate: 1, window: 1 } });
  }, 180_000);
  afterAll(async () => {
    await hub?.stop();
  });

  it('escalates the open consensus to adjudication, revokes both tasks, keeps both reads, and opens no new consensus task', async () => {
    const x = await hub.submit('cand-drift');
    const sub = x.submission.id;
    const { primary, second } = rolesOf(x);
    await read(hub, primary, FIRST);
    await read(hub, second!, SECOND);
    const p = await consensusTask(primary, sub);
    const s = await consensusTask(second!, sub);
    expect([p?.state, s?.state]).toEqual(['assigned', 'assigned']);
    const before = JSON.stringify((await readsView(hub, sub)).reads);

    const reader = usernameOf(primary.assessorId);
    const sync = (await hub.as(reader).get('/v1/sync')).body;
    const copy = (sync.assignments as Loose[]).find((a) => a.role === 'primary' && a.submissionId !== sub && a.state === 'assigned');
    expect(copy, 'the live primary read brought a validity item').toBeDefined();
    const item = (sync.submissions as Loose[]).find((s2) => s2.id === copy.submissionId);
    const master = MASTER_LEVELS[Number(/drift-(\d+)$/.exec(item.reflection)![1])]!;
    const far = Object.fromEntries(CRITERIA.map((c) => [c, master[c]! <= 3 ? master[c]! + 2 : 1]));
    expect((await hub.as(reader).put(`/v1/reviews/${newReviewId()}`, copyReview(copy.id, far))).status).toBe(201);

    const events = await allAuditEvents(hub);
    expect(events.filter((e) => e.action === 'qualification.suspended').map((e) => [e.subject, e.payload.microCredentialId])).toEqual([[primary.assessorId, 'mc-questioning']]);
    const escalated = events.filter((e) => e.action === 'double_scoring.consensus_escalated' && e.subject === sub);
    expect(escalated).toEqual([expect.objectContaining({ payload: expect.objectContaining({ reason: 'reader_suspended', rounds: 0 }) })]);
    const created = events.filter((e) => e.action === 'assignment.created' && e.payload.submissionId === sub);
    expect(created.map((e) => e.payload.role)).toEqual(['primary', 'second', 'consensus', 'consensus', 'adjudication']);
    expect(MASTERS.map((m) => `u-${m}`)).toContain(created[4]!.payload.assessorId);
    for (const [who, task] of [[primary, p], [second!, s]] as const) {
      expect((await hub.as(usernameOf(who.assessorId)).get('/v1/sync')).body.revoked).toContain(task.id);
    }
    const stale = await hub.as(reader).put(`/v1/consensus/${p.id}/proposal`, { round: 1, ...FIRST });
    expect(stale.body.error?.code).toBe('assignment_revoked');
    const view = await readsView(hub, sub);
    expect(JSON.stringify(view.reads)).toBe(before);
    expect(view.resolution).toMatchObject({ state: 'adjudication', method: 'adjudication' });
  }, 180_000);

  const consensusTask = async (a: Loose, sub: string) =>
    (await hub.as(usernameOf(a.assessorId)).get('/v1/sync')).body.assignments.find((t: Loose) => t.role === 'consensus' && t.submissionId === sub);
});
