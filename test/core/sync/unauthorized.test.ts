// A token the hub no longer accepts (revoked elsewhere): the device signs out, and what
// was queued stays queued for the next sign-in.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileSecretStore } from '../../../electron/core/secrets/file-secret-store.ts';
import { TOKEN_SECRET } from '../../../electron/core/api/auth.ts';
import { api, startHub, type RunningHub } from '../../support/hub.ts';
import { startWorkstation, type TestWorkstation } from '../../support/workstation.ts';

let hub: RunningHub;
let ws: TestWorkstation;

beforeAll(async () => {
  hub = await startHub({ demo: true });
  ws = await startWorkstation({ hubUrl: hub.url, username: 'assessor2' });
});
afterAll(async () => {
  await ws?.stop();
  await hub?.stop();
});

describe('a revoked device token', () => {
  it('signs the device out and keeps queued work until the next sign-in', async () => {
    await ws.value('sync.now', {});
    const target = (await ws.value('queue.list', {})).items.find((i) => i.assignmentState === 'assigned');
    expect(target).toBeDefined();

    const token = await fileSecretStore(join(ws.dataDir, 'secrets.json')).get(TOKEN_SECRET);
    expect(token).toEqual(expect.any(String));
    expect((await api(hub.url, token!).del('/v1/sessions/current')).status).toBe(204);

    await ws.value('assignment.recuse', { assignmentId: target!.assignmentId, reason: 'Conflict of interest' });
    await ws.waitFor('session.status', {}, (s) => !s.signedIn);
    expect(await fileSecretStore(join(ws.dataDir, 'secrets.json')).get(TOKEN_SECRET)).toBeNull();
    expect((await ws.value('outbox.status', {})).pending).toBe(1);
    expect((await ws.value('sync.now', {})).state).toBe('signed_out');

    await ws.value('session.signIn', { hubUrl: hub.url, username: 'assessor2', password: 'demo' });
    await ws.waitFor('outbox.status', {}, (o) => o.pending === 0);
    expect((await ws.value('submission.get', { assignmentId: target!.assignmentId })).readOnlyReason).toEqual(expect.any(String));
  });
});
