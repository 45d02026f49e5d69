// The second read and its resolution through real HTTP: blindness (every byte a reader can
// fetch searched for the other read), re-routing one read on recusal, agreement, adjudication
// with idempotent replays, consensus with return and escalation on the hub's clock, the
// result's basis, the decisions table, and a resubmission locked from the final result.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHub } from '../../server/app.ts';
import { api, databaseUrlOf, makeDataDir, removeHubData, type Loose } from '../support/hub.ts';
import { pdfBytes, reviewBody, type FixtureHub } from './fixture-helpers.ts';
import { allAuditEvents, everythingVisibleTo, read, rolesOf, scoringManifest, startScoringHub, usernameOf } from './scoring-helpers.ts';

const FIRST = { scores: { 'c-plan': 2, 'c-engage': 2, 'c-assess': 2 },
  criterionFeedback: { 'c-plan': 'ZEBRA-PLAN-FEEDBACK', 'c-engage': 'ZEBRA-ENGAGE-FEEDBACK', 'c-assess': 'ZEBRA-ASSESS' }, overallFeedback: 'ZEBRA-OVERALL' };
const SECOND = { scores: { 'c-plan': 5, 'c-engage': 5, 'c-assess': 4 },
  criterionFeedback: { 'c-plan': 'OKAPI-PLAN-FEEDBACK', 'c-engage': 'OKAPI-ENGAGE-FEEDBACK', 'c-assess': 'OKAPI-ASSESS' }, overallFeedback: 'OKAPI-OVERALL' };

const leaks = (bytes: string, read: typeof FIRST, reviewId: string) => [
  ...Object.values(read.criterionFeedback), read.overallFeedback, 'NOTE-OF-THE-READER', reviewId, JSON.stringify(read.scores).slice(1, -1),
].filter((needle) => bytes.includes(needle));

describe('double scoring with adjudication', () => {
  let hub: FixtureHub;
  beforeAll(async () => {
    hub = await startScoringHub({ 'mc-questioning': { mode: 'all', tolerance: 1, resolution: 'adjudication' } });
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('keeps both reads blind until both are in, then an adjudicator decides; replays are idempotent; the reads stay untouched', async () => {
    const x = await hub.submit('cand-blind');
    const sub = x.submission.id;
    const { primary, second } = rolesOf(x);
    const artifactId = x.submission.artifacts[0].id;
    const note = (who: string) => [{ artifactId, text: `NOTE-OF-THE-READER ${who}` }];
    const firstReview = await read(hub, primary, { ...FIRST, notes: note('first') });
    const secondName = usernameOf(second.assessorId);
    const beforeSecond = await everythingVisibleTo(hub, secondName, sub);
    expect(leaks(beforeSecond, FIRST, firstReview.id)).toEqual([]);
    // The second reader's review body names its own note text; search only for the first read's.
    const secondReview = await read(hub, second, { ...SECOND, notes: [] });
    // Both in: still nothing of one read reaches the other reader while the adjudication is open.
    expect(leaks(await everythingVisibleTo(hub, usernameOf(primary.assessorId), sub), SECOND, secondReview.id)).toEqual([]);
    expect(leaks(await everythingVisibleTo(hub, secondName, sub), FIRST, firstReview.id)).toEqual([]);
    expect((await hub.as('sam').get(`/v1/submissions/${sub}/result`)).body).toEqual({ submissionId: sub, status: 'pending' });

    const reads = (await hub.as('sam').get(`/v1/submissions/${sub}/reads`)).body;
    expect(reads.agreement).toMatchObject({ agreed: false, decisions: { first: 'not_yet', second: 'earned' }, tolerance: 1 });
    expect(reads.differing.map((d: Loose) => [d.criterionId, d.difference, d.beyondTolerance])).toEqual([['c-plan', 3, true], ['c-engage', 3, true], ['c-assess', 2, true]]);
    expect(reads.resolution).toMatchObject({ state: 'adjudication', method: 'adjudication', basis: null });

    // The adjudicator (a master rater, neither reader) gets both reads in sync.
    const masters = await Promise.all(['mona', 'nick'].map(async (m) => ({ m, sync: (await hub.as(m).get('/v1/sync')).body })));
    const holder = masters.find((s) => s.sync.assignments.some((a: Loose) => a.role === 'adjudication' && a.submissionId === sub))!;
    expect(holder, JSON.stringify((await allAuditEvents(hub)).filter((e) => e.subject === sub || e.payload.submissionId === sub))).toBeDefined();
    const task = holder.sync.assignments.find((a: Loose) => a.role === 'adjudication');
    expect(task.reads.map((r: Loose) => r.id)).toEqual([firstReview.id, secondReview.id]);

    const body = {
      assignmentId: task.id,
      criteria: {
        'c-plan': { level: 5, feedback: SECOND.criterionFeedback['c-plan'], basis: 'second' },
        'c-engage': { level: 2, feedback: FIRST.criterionFeedback['c-engage'], basis: 'first' },
        'c-assess': { level: 3, feedback: 'Adjudicator: checks are partly there.', basis: 'own' },
      },
      overallFeedback: 'Adjudicated: engagement is not there yet.',
      rationale: 'Engagement evidence is thin in the clip; planning is strong.',
    };
    const id = randomUUID();
    const bad = await hub.as(holder.m).put(`/v1/adjudications/${id}`, { ...body, criteria: { ...body.criteria, 'c-plan': { ...body.criteria['c-plan'], basis: 'first' } } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ path: 'criteria.c-plan.basis' })]);
    expect((await hub.as(holder.m).put(`/v1/adjudications/${id}`, { ...body, rationale: '' })).status).toBe(422);
    const ok = await hub.as(holder.m).put(`/v1/adjudications/${id}`, body);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.decision).toBe('not_yet');
    expect((await hub.as(holder.m).put(`/v1/adjudications/${id}`, body)).status).toBe(200);
    const changed = await hub.as(holder.m).put(`/v1/adjudications/${id}`, { ...body, rationale: 'Another reason.' });
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe('adjudication_id_conflict');
    const twice = await hub.as(holder.m).put(`/v1/adjudications/${randomUUID()}`, body);
    expect(twice.body.error.code).toBe('already_submitted');

    const result = (await hub.as('sam').get(`/v1/submissions/${sub}/result`)).body;
    expect(result).toMatchObject({ status: 'final', basis: 'adjudicated', decision: 'not_yet', reviewId: id, overallFeedback: body.overallFeedback });
    expect(result.criteria.map((c: Loose) => [c.criterionId, c.level, c.feedback])).toEqual([
      ['c-plan', 5, SECOND.criterionFeedback['c-plan']], ['c-engage', 2, FIRST.criterionFeedback['c-engage']], ['c-assess', 3, 'Adjudicator: checks are partly there.']]);
    const decisions = (await hub.as('sam').get(`/v1/decisions?candidateRef=cand-blind`)).body.decisions;
    expect(decisions).toEqual([expect.objectContaining({ basis: 'adjudicated', decision: 'not_yet', assessorIds: [primary.assessorId, second.assessorId, `u-${holder.m}`] })]);
    const after = (await hub.as(holder.m).get(`/v1/submissions/${sub}/reads`)).body;
    expect(after.reads.map((r: Loose) => r.review)).toEqual([firstReview, secondReview]);
    expect(after.resolution).toMatchObject({ state: 'final', basis: 'adjudicated', adjudication: { id, rationale: body.rationale } });

    // A resubmission takes its locked criteria from the final result (c-plan 5 from the second read), not from either read.
    const again = await hub.submit('cand-blind', { previousSubmissionId: sub, artifactIds: [artifactId] });
    const locked = rolesOf(again).primary.locked;
    expect(locked).toEqual({ 'c-plan': { level: 5, feedback: SECOND.criterionFeedback['c-plan'] }, 'c-assess': { level: 3, feedback: 'Adjudicator: checks are partly there.' } });
    expect(rolesOf(again).second.locked).toEqual(locked);
    // It goes back to its original assessor, and routing its second read elsewhere excludes nobody.
    expect(rolesOf(again).primary.assessorId).toBe(primary.assessorId);
    expect((await allAuditEvents(hub)).filter((e) => e.action === 'routing.original_excluded' && e.subject === again.submission.id)).toEqual([]);
  }, 120_000);

  it('agreeing reads are final with basis agreed and the primary read\'s levels and feedback', async () => {
    const x = await hub.submit('cand-agree');
    const { primary, second } = rolesOf(x);
    const a = await read(hub, primary, { scores: { 'c-plan': 4, 'c-engage': 4, 'c-assess': 4 } });
    await read(hub, second, { scores: { 'c-plan': 3, 'c-engage': 4, 'c-assess': 5 }, overallFeedback: 'Second read text.' });
    const result = (await hub.as('intake-bot').get(`/v1/submissions/${x.submission.id}/result`)).body;
    expect(result).toMatchObject({ status: 'final', basis: 'agreed', reviewId: a.id, overallFeedback: 'Well done.', decision: 'earned' });
    expect(result.criteria.map((c: Loose) => c.level)).toEqual([4, 4, 4]);
  }, 60_000);

  it('a recusal re-routes that read only, to a reader who is not the other one', async () => {
    const x = await hub.submit('cand-recuse');
    const { primary, second } = rolesOf(x);
    const res = await hub.as(usernameOf(second.assessorId)).post(`/v1/assignments/${second.id}/recusal`, { reason: 'I know this teacher.' });
    expect(res.status).toBe(200);
    const created = (await allAuditEvents(hub)).filter((e) => e.action === 'assignment.created' && e.payload.submissionId === x.submission.id);
    expect(created.map((e) => e.payload.role)).toEqual(['primary', 'second', 'second']);
    const rerouted = created[2].payload.assessorId;
    expect([primary.assessorId, second.assessorId]).not.toContain(rerouted);
    const reads = (await hub.as('sam').get(`/v1/submissions/${x.submission.id}/reads`)).body;
    expect(reads.pending.map((p: Loose) => [p.role, p.assessorId])).toEqual([['primary', primary.assessorId], ['second', rerouted]]);
    // A reader still reading cannot open the reads view through another role either.
    expect((await hub.as('sam').get(`/v1/submissions/${x.submission.id}/selection`)).body).toMatchObject({ selected: true, rule: 'all' });
  }, 60_000);

  it('refuses a review PUT on an adjudication task', async () => {
    const x = await hub.submit('cand-wrong');
    const { primary, second } = rolesOf(x);
    await read(hub, primary, FIRST);
    await read(hub, second, SECOND);
    for (const m of ['mona', 'nick']) {
      const task = (await hub.as(m).get('/v1/sync')).body.assignments.find((a: Loose) => a.role === 'adjudication' && a.submissionId === x.submission.id);
      if (!task) continue;
      const res = await hub.as(m).put(`/v1/reviews/${randomUUID()}`, reviewBody(task.id));
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('not_a_review_task');
      return;
    }
    throw new Error('no adjudication task was routed');
  }, 60_000);
});

describe('double scoring with consensus, on the hub\'s clock', () => {
  let dataDir: string;
  let hub: { url: string; close(): Promise<void> };
  let clock = Date.now();
  const tokens: Record<string, string> = {};
  const as = (u: string) => api(hub.url, tokens[u]);
  beforeAll(async () => {
    dataDir = makeDataDir();
    hub = await createHub({ dataDir, databaseUrl: await databaseUrlOf(dataDir), seed: scoringManifest({ 'mc-questioning': { mode: 'all', resolution: 'consensus', consensusDays: 3 } }),
      now: () => new Date(clock) });
    for (const u of ['intake-bot', 'sam', 'alice', 'bob', 'carol', 'mona', 'nick']) {
      tokens[u] = (await api(hub.url).post('/v1/sessions', { username: u, password: 'demo', deviceName: 't' })).body.token;
    }
  });
  afterAll(async () => {
    await hub?.close();
    await removeHubData(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function disagreeing(candidateRef: string) {
    const art = (await as('intake-bot').post('/v1/intake/artifacts', pdfBytes(2048), { 'content-type': 'application/pdf', 'x-filename': 'e.pdf' })).body.artifact;
    const x = (await as('intake-bot').post('/v1/intake/submissions', { candidateRef, microCredentialId: 'mc-questioning', reflection: 'r', artifactIds: [art.id] })).body;
    const { primary, second } = rolesOf(x);
    for (const [a, r] of [[primary, FIRST], [second, SECOND]] as const) {
      const res = await as(usernameOf(a.assessorId)).put(`/v1/reviews/${randomUUID()}`, reviewBody(a.id, r));
      expect(res.status).toBe(201);
    }
    const task = async (a: Loose) => (await as(usernameOf(a.assessorId)).get('/v1/sync')).body.assignments.find((t: Loose) => t.role === 'consensus' && t.submissionId === x.submission.id);
    return { sub: x.submission.id, primary, second, task };
  }

  it('the primary reader proposes, the second returns it with a comment, then agrees: final with basis consensus', async () => {
    const { sub, primary, second, task } = await disagreeing('cand-cons');
    const p = await task(primary);
    const s = await task(second);
    expect(p.consensus).toMatchObject({ round: 0, awaiting: 'proposal', proposer: true });
    expect(s.consensus).toMatchObject({ round: 0, awaiting: 'proposal', proposer: false });
    expect(p.reads.map((r: Loose) => r.overallFeedback)).toEqual([FIRST.overallFeedback, SECOND.overallFeedback]);
    const proposer = as(usernameOf(primary.assessorId));
    const responder = as(usernameOf(second.assessorId));
    expect((await responder.put(`/v1/consensus/${s.id}/proposal`, { round: 1, ...FIRST })).body.error.code).toBe('consensus_turn');
    const proposal1 = { round: 1, ...FIRST };
    expect((await proposer.put(`/v1/consensus/${p.id}/proposal`, proposal1)).status).toBe(201);
    expect((await proposer.put(`/v1/consensus/${p.id}/proposal`, proposal1)).status).toBe(200);
    expect((await proposer.put(`/v1/consensus/${p.id}/proposal`, { ...proposal1, overallFeedback: 'x' })).body.error.code).toBe('consensus_round_conflict');
    expect((await proposer.put(`/v1/consensus/${p.id}/proposal`, { ...proposal1, round: 2 })).body.error.code).toBe('consensus_turn');
    expect((await responder.put(`/v1/consensus/${s.id}/response`, { round: 1, agree: false })).status).toBe(422);
    expect((await responder.put(`/v1/consensus/${s.id}/response`, { round: 1, agree: false, comment: 'Engagement was better than 2.' })).status).toBe(201);
    expect((await task(primary)).consensus).toMatchObject({ round: 1, awaiting: 'proposal', returnedComment: 'Engagement was better than 2.' });
    const proposal2 = { round: 2, scores: { 'c-plan': 4, 'c-engage': 3, 'c-assess': 3 }, criterionFeedback: { 'c-plan': 'Agreed plan.', 'c-engage': 'Agreed engagement.', 'c-assess': '' }, overallFeedback: 'Agreed overall.' };
    expect((await proposer.put(`/v1/consensus/${p.id}/proposal`, proposal2)).status).toBe(201);
    expect((await as('sam').get(`/v1/submissions/${sub}/result`)).body.status).toBe('pending');
    expect((await responder.put(`/v1/consensus/${s.id}/response`, { round: 2, agree: true })).status).toBe(201);
    expect((await responder.put(`/v1/consensus/${s.id}/response`, { round: 2, agree: true })).status).toBe(200);
    expect((await responder.put(`/v1/consensus/${s.id}/response`, { round: 2, agree: false, comment: 'no' })).body.error.code).toBe('consensus_round_conflict');
    const result = (await as('sam').get(`/v1/submissions/${sub}/result`)).body;
    expect(result).toMatchObject({ status: 'final', basis: 'consensus', decision: 'earned', overallFeedback: 'Agreed overall.' });
    expect(result.criteria.map((c: Loose) => c.level)).toEqual([4, 3, 3]);
    const reads = (await as('mona').get(`/v1/submissions/${sub}/reads`)).body;
    expect(reads.reads.map((r: Loose) => r.review.overallFeedback)).toEqual([FIRST.overallFeedback, SECOND.overallFeedback]);
    expect(reads.resolution.consensus.rounds.map((r: Loose) => r.response.agree)).toEqual([false, true]);
  }, 120_000);

  it('escalates to adjudication after consensusDays without agreement, audited', async () => {
    const { sub, primary, task } = await disagreeing('cand-slow');
    const p = await task(primary);
    expect((await as(usernameOf(primary.assessorId)).put(`/v1/consensus/${p.id}/proposal`, { round: 1, ...FIRST })).status).toBe(201);
    clock += 2 * 86_400_000;
    expect((await as('sam').get(`/v1/submissions/${sub}/reads`)).body.resolution.state).toBe('consensus');
    clock += 1 * 86_400_000 + 1000;
    const reads = (await as('sam').get(`/v1/submissions/${sub}/reads`)).body;
    expect(reads.resolution).toMatchObject({ state: 'adjudication', method: 'adjudication', escalatedAt: new Date(clock).toISOString() });
    const audit = (await as('sam').get('/v1/audit?limit=1000')).body.events.filter((e: Loose) => e.action === 'double_scoring.consensus_escalated' && e.subject === sub);
    expect(audit).toEqual([expect.objectContaining({ payload: expect.objectContaining({ reason: 'consensus_days_elapsed', rounds: 1 }) })]);
    const stale = await as(usernameOf(primary.assessorId)).put(`/v1/consensus/${p.id}/proposal`, { round: 2, ...FIRST });
    expect(stale.body.error.code).toBe('assignment_revoked');
    const revoked = (await as(usernameOf(primary.assessorId)).get('/v1/sync')).body.revoked;
    expect(revoked).toContain(p.id);
    const masters = await Promise.all(['mona', 'nick'].map(async (m) => (await as(m).get('/v1/sync')).body.assignments));
    expect(masters.flat().filter((a: Loose) => a.role === 'adjudication' && a.submissionId === sub)).toHaveLength(1);
  }, 120_000);

  it('escalates a due consensus when a sync is the first request to see it', async () => {
    const { sub, primary, task } = await disagreeing('cand-sync-first');
    const p = await task(primary);
    const reader = as(usernameOf(primary.assessorId));
    const before = (await reader.get('/v1/sync')).body;
    expect(before.assignments.find((a: Loose) => a.id === p.id)).toMatchObject({ role: 'consensus' });
    clock += 3 * 86_400_000 + 1000;
    const after = (await reader.get(`/v1/sync?cursor=${before.cursor}`)).body;
    expect(after.revoked).toContain(p.id);
    expect(after.assignments.map((a: Loose) => a.id)).not.toContain(p.id);
    const masters = await Promise.all(['mona', 'nick'].map(async (m) => (await as(m).get('/v1/sync')).body.assignments));
    expect(masters.flat().filter((a: Loose) => a.role === 'adjudication' && a.submissionId === sub)).toHaveLength(1);
    const audit = (await as('sam').get('/v1/audit?limit=1000')).body.events.filter((e: Loose) => e.action === 'double_scoring.consensus_escalated' && e.subject === sub);
    expect(audit).toEqual([expect.objectContaining({ payload: expect.objectContaining({ reason: 'consensus_days_elapsed', rounds: 0 }) })]);
  }, 120_000);
});
