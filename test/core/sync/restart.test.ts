// A review queued while offline survives closing the workstation; the next start signs in
// from the stored session and token and delivers it without the user doing anything.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy.ts';
import { api, startHub, type RunningHub } from '../../support/hub.ts';
import { startWorkstation } from '../../support/workstation.ts';

let hub: RunningHub;
let proxy: FaultProxy;
let dataDir: string;

beforeAll(async () => {
  hub = await startHub({ demo: true });
  proxy = await startFaultProxy(hub.url, { seed: 7, rates: {} });
  dataDir = mkdtempSync(join(tmpdir(), 'assay-restart-'));
});
afterAll(async () => {
  await proxy?.close();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('outbox across a restart', () => {
  it('delivers a review queued offline after the next start', async () => {
    const first = await startWorkstation({ dataDir, hubUrl: proxy.url, username: 'assessor2' });
    await first.value('sync.now', {});
    const item = (await first.value('queue.list', {})).items.find((i) => i.assignmentState === 'assigned' && i.attempt === 1 && (i.role === 'primary' || i.role === 'second'));
    expect(item).toBeDefined();
    const view = await first.value('submission.get', { assignmentId: item!.assignmentId });
    const scores = Object.fromEntries(view.rubric.criteria.map((c) => [c.id, c.metLevel]));
    const criterionFeedback = Object.fromEntries(view.rubric.criteria.map((c) => [c.id, `About ${c.title}`]));

    proxy.setRates({ drop: 1 });
    await first.value('draft.save', { assignmentId: item!.assignmentId, patch: { scores, criterionFeedback, overallFeedback: 'Offline review' } });
    const { reviewId } = await first.value('review.submit', { assignmentId: item!.assignmentId });
    await new Promise((r) => setTimeout(r, 300));
    expect((await first.value('outbox.status', {})).pending).toBe(1);
    await first.stop();

    proxy.setRates({});
    const second = await startWorkstation({ dataDir });
    try {
      expect(await second.value('session.status', {})).toMatchObject({ signedIn: true, hubUrl: proxy.url });
      await second.waitFor('outbox.status', {}, (o) => o.pending === 0);
      expect((await second.value('draft.get', { assignmentId: item!.assignmentId })).status).toBe('synced');
    } finally {
      await second.stop();
    }
    const staff = api(hub.url, await hub.signIn('staff1'));
    // The hub holds the review as sent (the demo double-scores this read, so it may await its pair).
    const reads = await staff.get(`/v1/submissions/${item!.submissionId}/reads`);
    expect(reads.body.reads.map((r: { review: unknown }) => r.review)).toContainEqual(expect.objectContaining({ id: reviewId, overallFeedback: 'Offline review' }));
  });
});
