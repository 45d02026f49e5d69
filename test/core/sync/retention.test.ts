import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { QueueItem } from '../../../shared/index.ts';
import { startHub, type RunningHub } from '../../support/hub.ts';
import { meetEveryCriterion } from '../../support/review-content.ts';
import { startWorkstation, type TestWorkstation } from '../../support/workstation.ts';

const DAY = 86_400_000;
let hub: RunningHub;
let ws: TestWorkstation;
let offsetMs = 0;

beforeAll(async () => {
  hub = await startHub({ demo: true });
  ws = await startWorkstation({ hubUrl: hub.url, username: 'assessor1', now: () => new Date(Date.now() + offsetMs) });
});
afterAll(async () => {
  await ws?.stop();
  await hub?.stop();
});

const isOpen = (i: QueueItem) => i.assignmentState === 'assigned' || i.assignmentState === 'in_progress';
const mediaPath = (artifactId: string) => join(ws.dataDir, 'media', `${artifactId}.enc`);

describe('retention purge', () => {
  it('removes media once a synced review is older than the retention period, and nothing an open review needs', async () => {
    await ws.value('settings.set', { patch: { retentionDays: 3 } });
    await ws.value('sync.now', {});
    const queue = await ws.waitFor('queue.list', {}, (q) => q.items.filter(isOpen).length >= 3 && q.items.filter(isOpen).every((i) => i.download.state === 'complete'), 60_000);
    const views = await Promise.all(queue.items.filter(isOpen).map((i) => ws.value('submission.get', { assignmentId: i.assignmentId })));
    // A first attempt whose files no other open assignment shares, as its own or as a resubmission's previous attempt.
    const filesOf = (v: (typeof views)[number]) => [...v.artifacts, ...(v.previous?.artifacts ?? [])].map((a) => a.id);
    const sharedBy = (artifactId: string) => views.filter((v) => filesOf(v).includes(artifactId)).length;
    // A read: the demo's consensus task is open work too, but it is not submitted as a review.
    const isRead = (v: (typeof views)[number]) => v.assignment.role === 'primary' || v.assignment.role === 'second';
    const done = views.find((v) => isRead(v) && v.submission.attempt === 1 && v.artifacts.every((a) => sharedBy(a.id) === 1))!;
    expect(done).toBeDefined();
    const kept = views.filter((v) => v !== done).flatMap(filesOf);
    // The queue's "complete" covers an assignment's own files; a resubmission's previous
    // attempt may still be arriving, and a file not yet here cannot prove it was kept.
    await vi.waitFor(() => {
      for (const id of kept) expect(existsSync(mediaPath(id)), `${id} downloaded`).toBe(true);
    }, { timeout: 60_000, interval: 100 });

    await ws.value('draft.save', { assignmentId: done.assignment.id, patch: meetEveryCriterion(done, 'Earned.') });
    await ws.value('review.submit', { assignmentId: done.assignment.id });
    await ws.waitFor('draft.get', { assignmentId: done.assignment.id }, (d) => d.status === 'synced');
    for (const a of done.artifacts) expect(existsSync(mediaPath(a.id))).toBe(true);

    offsetMs = 2 * DAY;
    await ws.value('sync.now', {});
    for (const a of done.artifacts) expect(existsSync(mediaPath(a.id)), 'still inside the retention period').toBe(true);

    offsetMs = 4 * DAY;
    await ws.value('sync.now', {});
    for (const a of done.artifacts) expect(existsSync(mediaPath(a.id)), `${a.filename} purged`).toBe(false);
    for (const id of kept) expect(existsSync(mediaPath(id)), 'open work keeps its files').toBe(true);
    expect((await ws.media(done.artifacts[0]!.id, {}, 'GET')).status).toBe(404);
    // The closed review says its files are gone for good, not that they are downloading.
    const after = await ws.value('submission.get', { assignmentId: done.assignment.id });
    expect(after.artifacts.map((a) => a.download.state)).toEqual(done.artifacts.map(() => 'not_kept'));
  });
});
