import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueItem } from '../../../shared/index.ts';
import { api, startHub, type RunningHub } from '../../support/hub.ts';
import { meetEveryCriterion } from '../../support/review-content.ts';
import { startWorkstation, type TestWorkstation } from '../../support/workstation.ts';

const DAY = 86_400_000;
let hub: RunningHub;
let ws: TestWorkstation;
let clockOffsetMs = 0;

beforeAll(async () => {
  hub = await startHub({ demo: true });
  ws = await startWorkstation({ now: () => new Date(Date.now() + clockOffsetMs) });
});
afterAll(async () => {
  await ws?.stop();
  await hub?.stop();
});

const isOpen = (i: QueueItem) => i.assignmentState === 'assigned' || i.assignmentState === 'in_progress';
/** An open read (the demo's queue also holds a consensus task, which is not submitted as a review). */
const isRead = (i: QueueItem) => i.role === 'primary' || i.role === 'second';
const byAttempt = (items: QueueItem[], attempt: number) => items.find((i) => i.attempt === attempt && isOpen(i) && isRead(i));

describe('workstation against a demo hub', () => {
  it('explains a wrong password and an unreachable hub', async () => {
    const wrong = await ws.call('session.signIn', { hubUrl: hub.url, username: 'assessor1', password: 'not-it' });
    expect(wrong).toEqual({ ok: false, error: { code: 'unauthorized', message: 'Wrong username or password' } });
    const away = await ws.call('session.signIn', { hubUrl: 'http://127.0.0.1:9', username: 'assessor1', password: 'demo' });
    expect(away).toEqual({ ok: false, error: { code: 'offline', message: 'Cannot reach the hub at http://127.0.0.1:9' } });
    expect(await ws.value('session.status', {})).toMatchObject({ signedIn: false, user: null });
  });

  it('rejects malformed input through the real handler table without touching state', async () => {
    for (const [method, input] of [
      ['draft.save', { assignmentId: 'x', patch: { scores: { c: 0 } } }],
      ['session.signIn', { hubUrl: hub.url, username: 'assessor1' }],
      ['queue.list', { filter: { text: 5 } }],
    ] as const) {
      const r = await ws.call(method, input as never);
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid' } });
    }
    expect(await ws.value('session.status', {})).toMatchObject({ signedIn: false });
  });

  it('signs in, syncs, downloads, saves, submits exactly what the hub then holds', async () => {
    const signed = await ws.value('session.signIn', { hubUrl: hub.url, username: 'assessor1', password: 'demo' });
    expect(signed.user.id).toBe('u-assessor1');
    await ws.value('sync.now', {});
    const queue = await ws.waitFor('queue.list', {}, (q) => q.items.filter(isOpen).length >= 3);
    expect(queue.total).toBe(queue.items.length);
    expect(queue.microCredentials.length).toBeGreaterThan(0);

    const downloads = await ws.waitFor('downloads.status', {}, (d) => d.batch.filesTotal > 0 && d.batch.filesDone === d.batch.filesTotal, 60_000);
    expect(downloads.files.every((f) => f.state === 'complete')).toBe(true);
    const afterDownload = await ws.value('queue.list', {});
    expect(afterDownload.items.filter(isOpen).every((i) => i.download.state === 'complete')).toBe(true);

    const first = byAttempt(afterDownload.items, 1);
    expect(first).toBeDefined();
    const view = await ws.value('submission.get', { assignmentId: first!.assignmentId });
    expect(view.artifacts.length).toBeGreaterThan(0);
    expect(view.artifacts.every((a) => a.download.state === 'complete' && !a.isNew)).toBe(true);
    const media = await ws.value('media.url', { artifactId: view.artifacts[0]!.id });
    expect(media.url).toContain(view.artifacts[0]!.id);
    expect(await ws.call('media.url', { artifactId: 'art_nowhere' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const served = await ws.media(view.artifacts[0]!.id, { range: 'bytes=10-99' }, 'GET');
    expect(served.status).toBe(206);
    const chunks: Uint8Array[] = [];
    for await (const c of served.body!) chunks.push(c);
    const fromHub = await fetch(`${hub.url}/v1/artifacts/${view.artifacts[0]!.id}`, {
      headers: { authorization: `Bearer ${await hub.signIn('assessor1')}`, range: 'bytes=10-99' },
    });
    expect(Buffer.concat(chunks).equals(Buffer.from(await fromHub.arrayBuffer()))).toBe(true);
    expect((await ws.media('art_nowhere', {}, 'GET')).status).toBe(404);

    const review = meetEveryCriterion(view);
    const saved = await ws.value('draft.save', { assignmentId: first!.assignmentId, patch: review });
    expect(saved.revision).toBe(1);
    const draft = await ws.value('draft.get', { assignmentId: first!.assignmentId });
    expect(draft).toMatchObject({ revision: 1, scores: review.scores, status: 'draft' });

    const submitted = await ws.value('review.submit', { assignmentId: first!.assignmentId });
    expect(submitted.reviewId).toBe(draft.reviewId);
    await ws.waitFor('outbox.status', {}, (o) => o.pending === 0);
    expect(await ws.value('outbox.status', {})).toMatchObject({ pending: 0, failed: 0 });
    expect((await ws.value('draft.get', { assignmentId: first!.assignmentId })).status).toBe('synced');
    expect(ws.events.some((e) => e.name === 'outbox.changed')).toBe(true);

    const staff = api(hub.url, await hub.signIn('staff1'));
    // The hub holds the review as sent (the demo double-scores this read, so it may await its pair).
    const reads = await staff.get(`/v1/submissions/${first!.submissionId}/reads`);
    expect(reads.status).toBe(200);
    expect(reads.body.reads.map((r: { review: unknown }) => r.review)).toContainEqual(expect.objectContaining({ id: draft.reviewId, overallFeedback: 'Well done.' }));

    const again = await ws.call('draft.save', { assignmentId: first!.assignmentId, patch: { overallFeedback: 'changed' } });
    expect(again).toMatchObject({ ok: false, error: { code: 'read_only' } });
  });

  it('shows a resubmission with its previous attempt, locked criteria and new files', async () => {
    const queue = await ws.value('queue.list', {});
    const resub = byAttempt(queue.items, 2);
    expect(resub, 'the demo routes a resubmission to assessor1').toBeDefined();
    const view = await ws.value('submission.get', { assignmentId: resub!.assignmentId });
    expect(view.previous).not.toBeNull();
    expect(Object.keys(view.locked).length).toBeGreaterThan(0);
    const previousShas = new Set(view.previous!.submission.artifacts.map((a) => a.sha256));
    for (const a of view.artifacts) expect(a.isNew).toBe(!previousShas.has(a.sha256));
    expect(view.artifacts.some((a) => a.isNew)).toBe(true);
    expect(view.artifacts.some((a) => !a.isNew)).toBe(true);
    // The previous attempt's files came down too (after the current ones), to compare offline.
    expect(view.previous!.artifacts.map((a) => a.id)).toEqual(view.previous!.submission.artifacts.map((a) => a.id));
    expect(view.previous!.artifacts.every((a) => a.download.state === 'complete' && !a.isNew)).toBe(true);
    expect(view.previous!.artifacts.some((a) => a.kind === 'video' && !view.artifacts.some((c) => c.id === a.id))).toBe(true);
    const lockedId = Object.keys(view.locked)[0]!;
    const change = await ws.call('draft.save', { assignmentId: resub!.assignmentId, patch: { scores: { [lockedId]: 1 } } });
    expect(change).toMatchObject({ ok: false, error: { code: 'locked_criterion' } });
  });

  it('keeps an assignment the hub took away, read-only with the reason', async () => {
    const queue = await ws.value('queue.list', { filter: { reviewStatus: ['new'] } });
    const target = queue.items.find((i) => i.assignmentState === 'assigned' && isRead(i));
    expect(target).toBeDefined();
    await ws.value('draft.save', { assignmentId: target!.assignmentId, patch: { overallFeedback: 'started' } });
    // The same assessor recuses from another device; this device learns it on the next sync.
    const other = api(hub.url, await hub.signIn('assessor1'));
    expect((await other.post(`/v1/assignments/${target!.assignmentId}/recusal`, { reason: 'I know this teacher' })).status).toBe(200);
    await ws.value('sync.now', {});
    const view = await ws.value('submission.get', { assignmentId: target!.assignmentId });
    expect(view.readOnlyReason).toEqual(expect.any(String));
    // Files it no longer keeps are not "downloading" (another open review may still keep some).
    expect(view.artifacts.every((a) => a.download.state === 'complete' || a.download.state === 'not_kept')).toBe(true);
    const draft = await ws.value('draft.get', { assignmentId: target!.assignmentId });
    expect(draft).toMatchObject({ overallFeedback: 'started', status: 'read_only' });
    const edit = await ws.call('draft.save', { assignmentId: target!.assignmentId, patch: { overallFeedback: 'more' } });
    expect(edit).toMatchObject({ ok: false, error: { code: 'read_only' } });
  });

  it('refuses to open an assignment once the qualification expired, offline too', async () => {
    const queue = await ws.value('queue.list', {});
    // A read, which the qualification gates: the demo's consensus task is not gated, and ties on due date with reads.
    const open = queue.items.find((i) => i.reviewStatus === 'new' && i.assignmentState === 'assigned' && isRead(i));
    expect(open).toBeDefined();
    await hub.stop();
    clockOffsetMs = 400 * DAY;
    const r = await ws.call('submission.get', { assignmentId: open!.assignmentId });
    expect(r).toMatchObject({ ok: false, error: { code: 'qualification_expired' } });
    const later = await ws.value('queue.list', {});
    expect(later.items.find((i) => i.assignmentId === open!.assignmentId)?.qualificationExpired).toBe(true);
    const sync = await ws.value('sync.now', {});
    expect(sync).toMatchObject({ state: 'offline', online: false });
  });

  it('signs out but keeps local drafts', async () => {
    clockOffsetMs = 0;
    await ws.value('session.signOut', {});
    expect(await ws.value('session.status', {})).toMatchObject({ signedIn: false });
    expect((await ws.value('sync.status', {})).state).toBe('signed_out');
    const queue = await ws.value('queue.list', {});
    expect(queue.items.some((i) => i.reviewStatus === 'synced')).toBe(true);
  });
});
