// A hub that answers at a new address (the demo hub when its old port was taken): on start,
// the session, the device owner and the hub setting follow it, so the same account resumes
// there with its unsent drafts, and no other session is touched.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy.ts';
import { startHub, type RunningHub } from '../../support/hub.ts';
import { startWorkstation } from '../../support/workstation.ts';

let hub: RunningHub;
let moved: FaultProxy;
const base = mkdtempSync(join(tmpdir(), 'assay-hub-moved-'));

beforeAll(async () => {
  hub = await startHub({ demo: true });
  // The same hub at another address.
  moved = await startFaultProxy(hub.url, { seed: 3, rates: {} });
});
afterAll(async () => {
  await moved?.close();
  await hub?.stop();
  rmSync(base, { recursive: true, force: true });
});

/** Signs in as assessor1 at the hub's first address and leaves an unsent draft behind. */
async function signedInWithDraft(dataDir: string): Promise<{ assignmentId: string; criterionId: string; level: number }> {
  const ws = await startWorkstation({ dataDir, hubUrl: hub.url, username: 'assessor1' });
  await ws.value('sync.now', {});
  const item = (await ws.value('queue.list', {})).items.find((i) => i.assignmentState === 'assigned' && i.attempt === 1);
  expect(item).toBeDefined();
  const view = await ws.value('submission.get', { assignmentId: item!.assignmentId });
  const criterion = view.rubric.criteria[0]!;
  await ws.value('draft.save', { assignmentId: item!.assignmentId, patch: { scores: { [criterion.id]: criterion.metLevel } } });
  await ws.stop();
  return { assignmentId: item!.assignmentId, criterionId: criterion.id, level: criterion.metLevel };
}

describe('a hub that moved', () => {
  it('takes the session, the owner and the hub setting to the new address, where the same account resumes with its draft', async () => {
    const dataDir = join(base, 'moved');
    const draft = await signedInWithDraft(dataDir);
    const ws = await startWorkstation({ dataDir, hubMoved: { from: hub.url, to: moved.url } });
    try {
      expect(await ws.value('session.status', {})).toMatchObject({ signedIn: true, hubUrl: moved.url, user: { id: 'u-assessor1' } });
      expect((await ws.value('settings.get', {})).hubUrl).toBe(moved.url);
      const synced = await ws.value('sync.now', {});
      expect(synced).toMatchObject({ online: true, state: 'idle' });
      expect((await ws.value('draft.get', { assignmentId: draft.assignmentId })).scores[draft.criterionId]).toBe(draft.level);
      // The owner moved too: signing in again at the new address is the same account, not a hand-over refused for the unsent draft.
      await ws.value('session.signIn', { hubUrl: moved.url, username: 'assessor1', password: 'demo' });
      expect((await ws.value('draft.get', { assignmentId: draft.assignmentId })).scores[draft.criterionId]).toBe(draft.level);
    } finally {
      await ws.stop();
    }
  });

  it('leaves a session on any other address as it was', async () => {
    const dataDir = join(base, 'elsewhere');
    await signedInWithDraft(dataDir);
    const ws = await startWorkstation({ dataDir, hubMoved: { from: 'http://127.0.0.1:1', to: moved.url } });
    try {
      expect(await ws.value('session.status', {})).toMatchObject({ signedIn: true, hubUrl: hub.url });
      expect((await ws.value('settings.get', {})).hubUrl).toBe(hub.url);
    } finally {
      await ws.stop();
    }
  });
});
