// `npm run web -- --demo` a second time on the same data folder: the signed-in demo session
// comes back online and synced, its draft is there and the review that waited in the outbox
// reaches the hub, whether the demo hub got its old port back or had to take another.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Draft, OutboxStatus, QueueItem, SessionStatus, SubmissionView, SyncStatus } from '../../shared/index.ts';
import { api, buildRendererOnce, isRunning, startHost, waitUntil, type HostReady } from './host-process.ts';

const base = mkdtempSync(join(tmpdir(), 'assay-web-demo-again-'));
beforeAll(buildRendererOnce, 120_000);
afterAll(() => rmSync(base, { recursive: true, force: true }));

const demoHost = (dir: string) => startHost(['--demo', '--port', '0', '--data', dir]);

type FirstRun = { hubUrl: string; drafted: QueueItem; criterionId: string; level: number; submitted: QueueItem; reviewId: string };

/** Signs in, scores one criterion, then queues a whole review while the hub is away, and stops. */
async function firstRun(dir: string): Promise<FirstRun> {
  const host = demoHost(dir);
  const ready = await host.ready;
  const hubUrl = ready.hubUrl!;
  await api(ready, 'session.signIn', { hubUrl, username: 'assessor2', password: 'demo' });
  await api(ready, 'sync.now');
  const open = (await api<{ items: QueueItem[] }>(ready, 'queue.list', {})).items.filter((i) => i.assignmentState === 'assigned' && i.attempt === 1 && i.role === 'primary');
  // One read is sent while the hub is away, another keeps a draft; either may be double-scored
  // (tests' demo hubs seed no history, so first_n double-scores every Questioning read too).
  const [submitted, drafted] = open;
  if (!submitted || !drafted) throw new Error(`assessor2 has no two reads to send and to draft: ${open.map((i) => i.submissionId).join(', ')}`);

  const partial = await api<SubmissionView>(ready, 'submission.get', { assignmentId: drafted.assignmentId });
  const criterion = partial.rubric.criteria[0]!;
  await api(ready, 'draft.save', { assignmentId: drafted.assignmentId, patch: { scores: { [criterion.id]: criterion.metLevel } } });

  const whole = await api<SubmissionView>(ready, 'submission.get', { assignmentId: submitted.assignmentId });
  process.kill(ready.hubPid!, 'SIGKILL');
  await expect.poll(() => isRunning(ready.hubPid!), { timeout: 10_000 }).toBe(false);
  const scores = Object.fromEntries(whole.rubric.criteria.map((c) => [c.id, c.metLevel]));
  const criterionFeedback = Object.fromEntries(whole.rubric.criteria.map((c) => [c.id, `About ${c.title}`]));
  await api(ready, 'draft.save', { assignmentId: submitted.assignmentId, patch: { scores, criterionFeedback, overallFeedback: 'Sent while the hub was away' } });
  const { reviewId } = await api<{ reviewId: string }>(ready, 'review.submit', { assignmentId: submitted.assignmentId });
  expect((await api<OutboxStatus>(ready, 'outbox.status')).pending).toBe(1);

  process.kill(host.pid, 'SIGTERM');
  expect(await host.exited).toBe(0);
  return { hubUrl, drafted, criterionId: criterion.id, level: criterion.metLevel, submitted, reviewId };
}

/** The second start: online and synced again, the draft kept, the queued review on the hub. */
async function expectResumed(ready: HostReady, first: FirstRun, restartedAt: number): Promise<void> {
  const hubUrl = ready.hubUrl!;
  expect(await api<SessionStatus>(ready, 'session.status')).toMatchObject({ signedIn: true, hubUrl, user: { id: 'u-assessor2' } });
  // The engine syncs as soon as it starts; the "within 10 s" is what a user sees, waited for here with room for a loaded machine.
  await waitUntil(
    'the workstation to be online and synced after the restart',
    () => api<SyncStatus>(ready, 'sync.status'),
    (s) => s.online && s.state === 'idle' && s.lastSyncAt !== null && Date.parse(s.lastSyncAt) >= restartedAt,
  );
  await waitUntil('the queued review to leave the outbox', () => api<OutboxStatus>(ready, 'outbox.status'), (o) => o.pending === 0);
  expect((await api<OutboxStatus>(ready, 'outbox.status')).failed).toBe(0);
  const draft = await api<Draft>(ready, 'draft.get', { assignmentId: first.drafted.assignmentId });
  expect(draft.scores[first.criterionId]).toBe(first.level);

  const staff = (await (await fetch(`${hubUrl}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'staff1', password: 'demo', deviceName: 'probe' }) })).json()) as { token: string };
  const reads = await fetch(`${hubUrl}/v1/submissions/${first.submitted.submissionId}/reads`, { headers: { authorization: `Bearer ${staff.token}` } });
  const stored = ((await reads.json()) as { reads: { review: { id: string; overallFeedback: string } | null }[] }).reads.map((r) => r.review).filter((r) => r !== null);
  expect(stored).toContainEqual(expect.objectContaining({ id: first.reviewId, overallFeedback: 'Sent while the hub was away' }));
}

const remembered = (dir: string) => (JSON.parse(readFileSync(join(dir, 'demo-hub.json'), 'utf8')) as { url: string }).url;

/** Another program on the port: it accepts and hangs up, so a session left on it fails at once. */
function occupy(port: number): Promise<Server> {
  const server = createServer((socket) => socket.destroy());
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done(server));
  });
}

describe('npm run web -- --demo, run again on the same data folder', () => {
  it('gets the demo hub its old address back, and the session resumes there', async () => {
    const dir = join(base, 'same-port');
    const first = await firstRun(dir);
    expect(remembered(dir)).toBe(first.hubUrl);

    const restartedAt = Date.now();
    const host = demoHost(dir);
    const ready = await host.ready;
    try {
      expect(ready.hubUrl).toBe(first.hubUrl);
      await expectResumed(ready, first, restartedAt);
    } finally {
      process.kill(host.pid, 'SIGTERM');
      await host.exited;
    }
  }, 180_000);

  it('when the old port is taken, starts the hub elsewhere and re-points the signed-in session to it', async () => {
    const dir = join(base, 'port-taken');
    const first = await firstRun(dir);
    const squatter = await occupy(Number(new URL(first.hubUrl).port));
    try {
      const restartedAt = Date.now();
      const host = demoHost(dir);
      const ready = await host.ready;
      try {
        expect(ready.hubUrl).not.toBe(first.hubUrl);
        await expectResumed(ready, first, restartedAt);
        expect(remembered(dir)).toBe(ready.hubUrl);
        expect(host.stderr()).not.toContain('EADDRINUSE');
      } finally {
        process.kill(host.pid, 'SIGTERM');
        await host.exited;
      }
    } finally {
      await new Promise((done) => squatter.close(done));
    }
  }, 180_000);
});
