// The hub refuses the token, and forgetting it fails (a locked keychain): the device must
// still stop using that session, and the process must not die of an unhandled rejection.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileSecretStore } from '../../../electron/core/secrets/file-secret-store.ts';
import type { SecretStore } from '../../../electron/core/ports.ts';
import { api, startHub, type RunningHub } from '../../support/hub.ts';
import { startWorkstation, type TestWorkstation } from '../../support/workstation.ts';

const dir = mkdtempSync(join(tmpdir(), 'assay-forget-'));
const files = fileSecretStore(join(dir, 'secrets.json'));
let token: string | null = null;
let deletesFail = false;
const failingSecrets: SecretStore = {
  get: (name) => files.get(name),
  set: async (name, value) => {
    token = value;
    await files.set(name, value);
  },
  delete: async (name) => {
    if (deletesFail) throw new Error('The keychain is locked');
    await files.delete(name);
  },
};

let hub: RunningHub;
let ws: TestWorkstation;

beforeAll(async () => {
  hub = await startHub({ demo: true });
  ws = await startWorkstation({ hubUrl: hub.url, username: 'assessor2', secrets: failingSecrets });
});
afterAll(async () => {
  await ws?.stop();
  await hub?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('forgetting a refused session fails', () => {
  it('signs the device out anyway and keeps running', async () => {
    await ws.value('sync.now', {});
    expect(token).toEqual(expect.any(String));
    expect((await api(hub.url, token!).del('/v1/sessions/current')).status).toBe(204);
    deletesFail = true;

    expect((await ws.value('sync.now', {})).state).toBe('signed_out');
    await ws.waitFor('session.status', {}, (s) => !s.signedIn, 5_000);
    expect((await ws.value('sync.now', {})).state).toBe('signed_out');
  });
});
