import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../support/hub.ts';
import { startWorkstation, type TestWorkstation } from '../../support/workstation.ts';

let hub: RunningHub;
let ws: TestWorkstation;

beforeAll(async () => {
  hub = await startHub({ demo: true });
  ws = await startWorkstation();
});
afterAll(async () => {
  await ws?.stop();
  await hub?.stop();
});

const signIn = (username: string) => ws.call('session.signIn', { hubUrl: hub.url, username, password: 'demo' });
const open = (i: { assignmentState: string }) => i.assignmentState === 'assigned' || i.assignmentState === 'in_progress';
const downloaded = (q: { items: { assignmentState: string; download: { state: string } }[] }) =>
  q.items.filter(open).length >= 3 && q.items.filter(open).every((i) => i.download.state === 'complete');
const mediaFiles = () => (existsSync(join(ws.dataDir, 'media')) ? readdirSync(join(ws.dataDir, 'media')).filter((f) => f.endsWith('.enc')) : []);

describe('one device, several accounts', () => {
  it("hands the device to another account only without the first one's unsent work, and never shows that work", async () => {
    expect((await signIn('assessor1')).ok).toBe(true);
    await ws.value('sync.now', {});
    const first = await ws.waitFor('queue.list', {}, downloaded);
    expect(mediaFiles().length).toBeGreaterThan(0);

    const target = first.items.find(open)!.assignmentId;
    await ws.value('draft.get', { assignmentId: target });
    await ws.value('draft.save', { assignmentId: target, patch: { overallFeedback: 'Half-way through.' } });
    await ws.value('session.signOut', {});

    const refused = await signIn('assessor2');
    expect(refused).toMatchObject({ ok: false, error: { code: 'other_account_work' } });
    expect(!refused.ok && refused.error.message).toMatch(/work by Demo Assessor 1 that has not reached the hub yet \(1 unsubmitted draft/);
    expect(await ws.value('session.status', {})).toMatchObject({ signedIn: false });

    // The owner comes back: the draft is exactly as saved.
    expect((await signIn('assessor1')).ok).toBe(true);
    expect((await ws.value('draft.get', { assignmentId: target })).overallFeedback).toBe('Half-way through.');
    await ws.value('draft.save', { assignmentId: target, patch: { overallFeedback: '' } });
    await ws.value('session.signOut', {});

    // A draft edited back to nothing still counts as edited work: hand-over stays refused.
    expect(await signIn('assessor2')).toMatchObject({ ok: false, error: { code: 'other_account_work' } });
  });

  it("removes every trace of the previous account's work when nothing is unsent", async () => {
    const fresh = await startWorkstation();
    try {
      await fresh.value('session.signIn', { hubUrl: hub.url, username: 'assessor1', password: 'demo' });
      await fresh.value('sync.now', {});
      const first = await fresh.waitFor('queue.list', {}, downloaded);
      const filesBefore = readdirSync(join(fresh.dataDir, 'media')).filter((f) => f.endsWith('.enc'));
      expect(filesBefore.length).toBeGreaterThan(0);
      await fresh.value('session.signOut', {});

      await fresh.value('session.signIn', { hubUrl: hub.url, username: 'assessor2', password: 'demo' });
      await fresh.value('sync.now', {});
      const second = await fresh.waitFor('queue.list', {}, (q) => q.items.length > 0);
      const firstIds = new Set(first.items.map((i) => i.assignmentId));
      expect(second.items.some((i) => firstIds.has(i.assignmentId))).toBe(false);
      const gone = await fresh.call('submission.get', { assignmentId: first.items[0]!.assignmentId });
      expect(gone).toMatchObject({ ok: false, error: { code: 'not_found' } });
      const left = new Set(readdirSync(join(fresh.dataDir, 'media')));
      // The two assessors share no submission, so none of the first one's media may remain.
      expect(filesBefore.filter((f) => left.has(f))).toEqual([]);
    } finally {
      await fresh.stop();
    }
  });
});
