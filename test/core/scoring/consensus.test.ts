// The two readers reach consensus from their workstations against a real hub: the primary
// reader proposes from the consensus task's draft, the second reader returns it with a
// comment, the primary proposes again, the second agrees; every round goes through the
// outbox, a lost answer is resent safely, and each device says whose turn it is.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Loose } from '../../support/hub.ts';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy.ts';
import { startWorkstation, type TestWorkstation } from '../../support/workstation.ts';
import type { FixtureHub } from '../../hub/fixture-helpers.ts';
import { allAuditEvents, read, rolesOf, startScoringHub, usernameOf } from '../../hub/scoring-helpers.ts';

const LOW = { scores: { 'c-plan': 2, 'c-engage': 2, 'c-assess': 2 }, criterionFeedback: { 'c-plan': 'Thin plan.', 'c-engage': 'Few take part.', 'c-assess': 'No check.' } };
const HIGH = { scores: { 'c-plan': 5, 'c-engage': 5, 'c-assess': 4 }, criterionFeedback: { 'c-plan': 'Strong plan.', 'c-engage': 'All take part.', 'c-assess': 'Exit ticket.' } };

let hub: FixtureHub;
let proxy: FaultProxy;
let first: TestWorkstation;
let second: TestWorkstation;
let submissionId: string;

beforeAll(async () => {
  hub = await startScoringHub({ 'mc-questioning': { mode: 'all', tolerance: 1, resolution: 'consensus', consensusDays: 3 } });
  const intake = await hub.submit('cand-consensus');
  submissionId = intake.submission.id;
  const roles = rolesOf(intake);
  await read(hub, roles.primary, LOW);
  await read(hub, roles.second!, HIGH);
  proxy = await startFaultProxy(hub.url, { seed: 5, rates: {} });
  first = await startWorkstation({ hubUrl: hub.url, username: usernameOf(roles.primary.assessorId) });
  second = await startWorkstation({ hubUrl: proxy.url, username: usernameOf(roles.second!.assessorId) });
});
afterAll(async () => {
  await first?.stop();
  await second?.stop();
  await proxy?.close();
  await hub?.stop();
});

async function taskOf(ws: TestWorkstation) {
  await ws.value('sync.now', {});
  const item = (await ws.value('queue.list', { filter: { roles: ['consensus'] } })).items[0]!;
  return ws.value('submission.get', { assignmentId: item.assignmentId });
}
const delivered = (ws: TestWorkstation) => ws.waitFor('outbox.status', {}, (s) => s.pending === 0, 30_000);

describe('consensus between the two readers', () => {
  it('goes propose → return with comment → propose → agree, through each outbox, and ends final', { timeout: 120_000 }, async () => {
    const mine = await taskOf(first);
    const theirs = await taskOf(second);
    expect(mine.assignment.reads?.map((r) => r.scores)).toEqual([LOW.scores, HIGH.scores]);
    expect(mine.assignment.consensus).toMatchObject({ round: 0, proposer: true, awaiting: 'proposal', proposal: null });
    expect(theirs.assignment.consensus).toMatchObject({ round: 0, proposer: false, awaiting: 'proposal' });
    const a = mine.assignment.id;
    const b = theirs.assignment.id;

    // Out of turn: the second reader neither writes a proposal nor answers one that does not exist.
    expect(await second.call('draft.save', { assignmentId: b, patch: { scores: { 'c-plan': 3 } } })).toMatchObject({ ok: false, error: { code: 'read_only' } });
    expect(await second.call('consensus.respond', { assignmentId: b, agree: true })).toMatchObject({ ok: false, error: { code: 'read_only' } });
    expect(await first.call('consensus.propose', { assignmentId: a })).toMatchObject({ ok: false, error: { code: 'incomplete' } });

    await first.value('draft.save', { assignmentId: a, patch: { ...LOW, scores: { 'c-plan': 4, 'c-engage': 2, 'c-assess': 3 }, criterionFeedback: { 'c-plan': 'Good plan.', 'c-engage': 'Few take part.', 'c-assess': 'Partial check.' } } });
    expect(await first.value('consensus.propose', { assignmentId: a })).toEqual({ round: 1, status: 'queued' });
    await delivered(first);
    expect((await first.value('submission.get', { assignmentId: a })).assignment.consensus).toMatchObject({ round: 1, awaiting: 'response' });
    expect(await first.call('draft.save', { assignmentId: a, patch: { overallFeedback: 'x' } })).toMatchObject({ ok: false, error: { code: 'read_only' } });

    const proposed = await taskOf(second);
    expect(proposed.assignment.consensus).toMatchObject({ round: 1, awaiting: 'response', proposal: { scores: { 'c-plan': 4, 'c-engage': 2, 'c-assess': 3 } } });
    expect(await second.value('consensus.respond', { assignmentId: b, agree: false, comment: 'Engagement is higher: most pairs talk.' })).toEqual({ round: 1, status: 'queued' });
    await delivered(second);

    const returned = await taskOf(first);
    expect(returned.assignment.consensus).toMatchObject({ round: 1, awaiting: 'proposal', returnedComment: 'Engagement is higher: most pairs talk.' });
    await first.value('draft.save', { assignmentId: a, patch: { scores: { 'c-engage': 4 }, criterionFeedback: { 'c-engage': 'Most pairs talk.' }, overallFeedback: 'Agreed after discussion.' } });
    expect(await first.value('consensus.propose', { assignmentId: a })).toEqual({ round: 2, status: 'queued' });
    await delivered(first);

    expect((await taskOf(second)).assignment.consensus).toMatchObject({ round: 2, awaiting: 'response' });
    // The second reader's agreement is committed by the hub but the answer is lost: resent, recognised.
    proxy.setRates({ cut: 1 });
    await second.value('consensus.respond', { assignmentId: b, agree: true });
    const sam = async () => (await hub.as('sam').get(`/v1/submissions/${submissionId}/result`)).body as Loose;
    await vi.waitFor(async () => expect((await sam()).status).toBe('final'), { timeout: 30_000, interval: 200 });
    expect((await second.value('outbox.status', {})).pending).toBe(1);
    proxy.setRates({});
    await delivered(second);

    expect(await sam()).toMatchObject({ status: 'final', basis: 'consensus', overallFeedback: 'Agreed after discussion.' });
    const responses = (await allAuditEvents(hub)).filter((e) => e.action === 'consensus.responded');
    expect(responses.map((e) => e.payload.agree)).toEqual([false, true]);
    expect(await second.value('draft.get', { assignmentId: b })).toMatchObject({ status: 'synced' });
    await first.value('sync.now', {});
    expect(await first.value('draft.get', { assignmentId: a })).toMatchObject({ status: 'synced' });
    expect((await first.value('submission.get', { assignmentId: a })).assignment.state).toBe('submitted');
  });
});
