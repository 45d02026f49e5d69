// A master rater adjudicates on the workstation against a real hub: both reads arrive with
// the task in sync and stay on the device, the draft (final levels, where each came from,
// one rationale) is written offline and survives a restart, submit queues it in the outbox,
// and delivery is replay-safe: an answer lost after the hub committed is resent under the same
// adjudication id and the hub keeps one adjudication.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Loose } from '../../support/hub.ts';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy.ts';
import { startWorkstation, type TestWorkstation } from '../../support/workstation.ts';
import type { FixtureHub } from '../../hub/fixture-helpers.ts';
import { allAuditEvents, MASTERS, read, rolesOf, startScoringHub } from '../../hub/scoring-helpers.ts';

const FIRST = { scores: { 'c-plan': 2, 'c-engage': 2, 'c-assess': 2 },
  criterionFeedback: { 'c-plan': 'First: plan is thin.', 'c-engage': 'First: few take part.', 'c-assess': 'First: no check.' }, overallFeedback: 'First overall.' };
const SECOND = { scores: { 'c-plan': 5, 'c-engage': 5, 'c-assess': 4 },
  criterionFeedback: { 'c-plan': 'Second: a strong plan.', 'c-engage': 'Second: all take part.', 'c-assess': 'Second: exit ticket.' }, overallFeedback: 'Second overall.' };

let hub: FixtureHub;
let proxy: FaultProxy;
let ws: TestWorkstation | null = null;
const dataDir = mkdtempSync(join(tmpdir(), 'assay-adjudicator-'));
let submissionId: string;
let master: string;

beforeAll(async () => {
  hub = await startScoringHub({ 'mc-questioning': { mode: 'all', tolerance: 1, resolution: 'adjudication' } });
  const intake = await hub.submit('cand-adjudicated');
  submissionId = intake.submission.id;
  const { primary, second } = rolesOf(intake);
  const artifactId = intake.submission.artifacts[0].id;
  await read(hub, primary, { ...FIRST, notes: [{ artifactId, page: 1, text: 'Note of the first reader' }] });
  await read(hub, second!, SECOND);
  const holders = await Promise.all(MASTERS.map(async (m) => ({ m, tasks: (await hub.as(m).get('/v1/sync')).body.assignments as Loose[] })));
  master = holders.find((h) => h.tasks.some((a) => a.role === 'adjudication' && a.submissionId === submissionId))!.m;
  proxy = await startFaultProxy(hub.url, { seed: 11, rates: {} });
});
afterAll(async () => {
  await ws?.stop();
  await proxy?.close();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const resolution = async () => (await hub.as('sam').get(`/v1/submissions/${submissionId}/reads`)).body.resolution as Loose;

describe('adjudicating on the workstation', () => {
  let assignmentId: string;

  it('brings the adjudication task with both reads (levels, feedback, notes) in sync', async () => {
    ws = await startWorkstation({ dataDir, hubUrl: proxy.url, username: master });
    await ws.value('sync.now', {});
    const queue = await ws.value('queue.list', { filter: { roles: ['adjudication'] } });
    expect(queue.items.map((i) => [i.submissionId, i.role])).toEqual([[submissionId, 'adjudication']]);
    assignmentId = queue.items[0]!.assignmentId;
    const view = await ws.value('submission.get', { assignmentId });
    expect(view.assignment.reads?.map((r) => r.scores)).toEqual([FIRST.scores, SECOND.scores]);
    expect(view.assignment.reads?.[0]?.notes.map((n) => n.text)).toEqual(['Note of the first reader']);
    // The opening is reported first (rows go strictly in order); let it reach the hub.
    await vi.waitFor(async () => {
      const task = ((await hub.as(master).get('/v1/sync')).body.assignments as Loose[]).find((a) => a.id === assignmentId);
      expect(task?.state).toBe('in_progress');
    }, { timeout: 15_000, interval: 100 });
  });

  it('keeps the draft offline, across a restart, with each basis true to what was written', async () => {
    proxy.setRates({ drop: 1 });
    expect(await ws!.value('sync.now', {})).toMatchObject({ online: false });
    // The reads are on the device: the task opens without the hub.
    expect((await ws!.value('submission.get', { assignmentId })).assignment.reads).toHaveLength(2);
    const take = (id: 'c-plan' | 'c-engage' | 'c-assess', from: typeof FIRST, basis: 'first' | 'second') =>
      ({ scores: { [id]: from.scores[id] }, criterionFeedback: { [id]: from.criterionFeedback[id] }, criterionBasis: { [id]: basis } });
    await ws!.value('draft.save', { assignmentId, patch: take('c-plan', SECOND, 'second') });
    await ws!.value('draft.save', { assignmentId, patch: take('c-engage', FIRST, 'first') });
    await ws!.value('draft.save', { assignmentId, patch: take('c-assess', SECOND, 'second') });
    // Editing a taken text makes it the adjudicator's own.
    await ws!.value('draft.save', { assignmentId, patch: { criterionFeedback: { 'c-assess': 'Adjudicator: the exit ticket is partial.' }, scores: { 'c-assess': 3 } } });
    const incomplete = await ws!.call('adjudication.submit', { assignmentId });
    expect(incomplete).toMatchObject({ ok: false, error: { code: 'incomplete' } });
    expect(JSON.stringify(incomplete)).toContain('rationale');
    await ws!.value('draft.save', { assignmentId, patch: { rationale: 'Engagement is thin in the clip; planning is strong.', overallFeedback: 'Adjudicated.' } });
    await ws!.stop();
    ws = await startWorkstation({ dataDir });
    const draft = await ws.value('draft.get', { assignmentId });
    expect(draft).toMatchObject({
      scores: { 'c-plan': 5, 'c-engage': 2, 'c-assess': 3 },
      criterionBasis: { 'c-plan': 'second', 'c-engage': 'first', 'c-assess': 'own' },
      rationale: 'Engagement is thin in the clip; planning is strong.',
    });
  });

  it('queues the submit while offline and delivers it once, even when the first answer is lost', { timeout: 90_000 }, async () => {
    const queued = await ws!.value('adjudication.submit', { assignmentId });
    expect(queued.status).toBe('queued');
    expect((await ws!.value('outbox.status', {})).pending).toBe(1);
    expect(await resolution()).toMatchObject({ state: 'adjudication', adjudication: null });
    const edit = await ws!.call('draft.save', { assignmentId, patch: { rationale: 'changed after submit' } });
    expect(edit).toMatchObject({ ok: false, error: { code: 'read_only' } });

    // The hub commits but its answer never arrives: the row stays queued and is resent.
    proxy.setRates({ cut: 1 });
    await vi.waitFor(async () => expect((await resolution()).state).toBe('final'), { timeout: 30_000, interval: 200 });
    expect((await ws!.value('outbox.status', {})).pending).toBe(1);
    proxy.setRates({});
    await ws!.waitFor('outbox.status', {}, (s) => s.pending === 0, 30_000);

    const final = await resolution();
    expect(final).toMatchObject({ basis: 'adjudicated', adjudication: { id: queued.adjudicationId, rationale: 'Engagement is thin in the clip; planning is strong.' } });
    expect(final.adjudication.criteria).toEqual({
      'c-plan': { level: 5, feedback: SECOND.criterionFeedback['c-plan'], basis: 'second' },
      'c-engage': { level: 2, feedback: FIRST.criterionFeedback['c-engage'], basis: 'first' },
      'c-assess': { level: 3, feedback: 'Adjudicator: the exit ticket is partial.', basis: 'own' },
    });
    expect((await allAuditEvents(hub)).filter((e) => e.action === 'adjudication.submitted')).toHaveLength(1);
    expect(await ws!.value('draft.get', { assignmentId })).toMatchObject({ status: 'synced' });
  });
});
