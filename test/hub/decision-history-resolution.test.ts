// GET /v1/decisions/{id}/history of double-scored decisions, through a real hub on either
// engine: one resolved by adjudication, one by consensus (after a returned proposal). Each
// history holds every audit event about the submission, its assignments (the adjudication and
// consensus tasks too), its reviews and its resolution, and nothing of the other submissions;
// it says the submission was selected for double scoring and why, and lists both reads.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecisionHistoryResponse } from '../../shared/index.ts';
import type { Loose } from '../support/hub.ts';
import type { FixtureHub } from './fixture-helpers.ts';
import { allAuditEvents, MASTERS, read, rolesOf, startScoringHub, usernameOf } from './scoring-helpers.ts';

const LOW = { scores: { 'c-plan': 2, 'c-engage': 2, 'c-assess': 2 } };
const HIGH = { scores: { 'c-plan': 5, 'c-engage': 5, 'c-assess': 4 } };

/** The ids an event is about, as the protocol defines them: its subject and payload ids. */
const refsOf = (e: Loose): string[] => [e.subject, e.payload.submissionId, e.payload.assignmentId, e.payload.reviewId].filter((x) => typeof x === 'string');
/** Records of a submission, found in the full log independently of the hub's index. */
const RECORD_ACTIONS = ['assignment.created', 'review.submitted', 'adjudication.submitted'];

let hub: FixtureHub;
const subs: Record<string, string> = {};

beforeAll(async () => {
  hub = await startScoringHub({
    'mc-questioning': { mode: 'all', tolerance: 1, resolution: 'adjudication' },
    'mc-feedback': { mode: 'all', tolerance: 1, resolution: 'consensus', consensusDays: 3 },
  });
  // Adjudicated: the reads disagree, a master rater decides.
  const adj = await hub.submit('cand-hist-adj');
  subs.adjudicated = adj.submission.id;
  await read(hub, rolesOf(adj).primary, LOW);
  await read(hub, rolesOf(adj).second, HIGH);
  const masters = await Promise.all(MASTERS.map(async (m) => ({ m, sync: (await hub.as(m).get('/v1/sync')).body })));
  const holder = masters.find((s) => s.sync.assignments.some((a: Loose) => a.role === 'adjudication' && a.submissionId === subs.adjudicated))!;
  const task = holder.sync.assignments.find((a: Loose) => a.role === 'adjudication' && a.submissionId === subs.adjudicated);
  const criteria = Object.fromEntries(Object.entries(HIGH.scores).map(([c, level]) => [c, { level, feedback: `Adjudicated ${c}.`, basis: 'own' }]));
  const adjudicated = await hub.as(holder.m).put(`/v1/adjudications/${randomUUID()}`, { assignmentId: task.id, criteria, overallFeedback: 'Adjudicated.', rationale: 'The clip shows it.' });
  expect(adjudicated.status, JSON.stringify(adjudicated.body)).toBe(201);
  // Agreed: within tolerance, no resolution task.
  const agreed = await hub.submit('cand-hist-agree');
  subs.agreed = agreed.submission.id;
  await read(hub, rolesOf(agreed).primary, { scores: { 'c-plan': 4, 'c-engage': 4, 'c-assess': 4 } });
  await read(hub, rolesOf(agreed).second, { scores: { 'c-plan': 4, 'c-engage': 3, 'c-assess': 4 } });
  // Consensus: the first proposal is returned with a comment, the second agreed.
  const cons = await hub.submit('cand-hist-cons', { microCredentialId: 'mc-feedback' });
  subs.consensus = cons.submission.id;
  const { primary, second } = rolesOf(cons);
  await read(hub, primary, LOW);
  await read(hub, second, HIGH);
  const taskOf = async (a: Loose) => (await hub.as(usernameOf(a.assessorId)).get('/v1/sync')).body.assignments.find((t: Loose) => t.role === 'consensus' && t.submissionId === subs.consensus);
  const p = await taskOf(primary);
  const s = await taskOf(second);
  const proposer = hub.as(usernameOf(primary.assessorId));
  const responder = hub.as(usernameOf(second.assessorId));
  const proposal = (round: number) => ({ round, scores: HIGH.scores, criterionFeedback: { 'c-plan': 'Plan.', 'c-engage': 'Engage.', 'c-assess': '' }, overallFeedback: `Round ${round}.` });
  expect((await proposer.put(`/v1/consensus/${p.id}/proposal`, proposal(1))).status).toBe(201);
  expect((await responder.put(`/v1/consensus/${s.id}/response`, { round: 1, agree: false, comment: 'Not yet agreed.' })).status).toBe(201);
  expect((await proposer.put(`/v1/consensus/${p.id}/proposal`, proposal(2))).status).toBe(201);
  expect((await responder.put(`/v1/consensus/${s.id}/response`, { round: 2, agree: true })).status).toBe(201);
}, 120_000);
afterAll(async () => {
  await hub?.stop();
});

describe('the history of a double-scored decision', () => {
  it('holds every event about the submission, its tasks, reads and resolution, oldest first, and nothing of another submission', async () => {
    const all = await allAuditEvents(hub);
    for (const [key, id] of Object.entries(subs)) {
      const res = await hub.as('sam').get(`/v1/decisions/${id}/history`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const h = DecisionHistoryResponse.parse(res.body);
      const ids = new Set([id, ...all.filter((e) => RECORD_ACTIONS.includes(e.action) && e.payload.submissionId === id).map((e) => e.subject)]);
      expect(h.events, key).toEqual(all.filter((e) => refsOf(e).some((r) => ids.has(r))));
      for (const other of Object.values(subs).filter((o) => o !== id)) expect(JSON.stringify(h.events), `${key} holds nothing of ${other}`).not.toContain(other);
      expect(h.reads.map((r) => r.role), key).toEqual(['primary', 'second']);
      expect(h.selection, key).toMatchObject({ selected: true, rule: 'all', inputs: { mode: 'all' } });
    }
  });

  it('tells each resolution in its events: the adjudication task and its decision, the consensus rounds', async () => {
    const actions = async (id: string) => DecisionHistoryResponse.parse((await hub.as('sam').get(`/v1/decisions/${id}/history`)).body).events.map((e) => e.action);
    const adjudicated = await actions(subs.adjudicated!);
    expect(adjudicated).toEqual(expect.arrayContaining(['double_scoring.selected', 'double_scoring.reads_complete', 'adjudication.submitted', 'double_scoring.final']));
    expect(adjudicated.filter((a) => a === 'assignment.created')).toHaveLength(3);
    const consensus = await actions(subs.consensus!);
    expect(consensus.filter((a) => a === 'consensus.proposed')).toHaveLength(2);
    expect(consensus.filter((a) => a === 'consensus.responded')).toHaveLength(2);
    expect(consensus).toEqual(expect.arrayContaining(['double_scoring.consensus_started', 'double_scoring.final']));
    expect(await actions(subs.agreed!)).not.toContain('adjudication.submitted');
    for (const [id, basis] of [[subs.adjudicated, 'adjudicated'], [subs.agreed, 'agreed'], [subs.consensus, 'consensus']] as const) {
      expect(DecisionHistoryResponse.parse((await hub.as('sam').get(`/v1/decisions/${id}/history`)).body).decision).toMatchObject({ basis });
    }
  });
});
