import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileKeyProvider } from '../../electron/core/media/key-file.ts';
import type { Workstation } from '../../electron/core/ports.ts';
import { fileSecretStore } from '../../electron/core/secrets/file-secret-store.ts';
import { confSettingsStore } from '../../electron/core/settings/conf-settings.ts';
import { createWorkstation } from '../../electron/core/workstation.ts';
import { bindIpc, forwardEvents, handleIpcCall, type IpcInvokeEvent } from '../../electron/main/ipc.ts';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../../electron/main/ipc-channels.ts';
import { METHOD_NAMES, type WorkstationEvent } from '../../shared/index.ts';
import { startHub, type RunningHub } from '../support/hub.ts';

// The real workstation core behind the IPC binding; only ipcMain and the window are faked.
const dir = mkdtempSync(join(tmpdir(), 'assay-ipc-'));
let ws: Workstation;
let hub: RunningHub;
beforeAll(async () => {
  hub = await startHub({ demo: true });
  ws = await createWorkstation({
    dataDir: join(dir, 'workstation'),
    keys: fileKeyProvider(join(dir, 'media.key')),
    secrets: fileSecretStore(join(dir, 'secrets.json')),
    settings: confSettingsStore(dir),
    mediaUrl: (id) => `assay://media/${id}`,
    deviceName: 'ipc-test',
  });
});
afterAll(async () => {
  await ws?.close();
  await hub?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const app: IpcInvokeEvent = { senderFrame: { url: 'assay://app/index.html' } };

describe('IPC call channel', () => {
  it('registers one handler on the call channel that answers through the workstation', async () => {
    const handlers = new Map<string, (event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>>();
    bindIpc({ handle: (channel, listener) => handlers.set(channel, listener) }, ws);
    expect([...handlers.keys()]).toEqual([CALL_CHANNEL]);
    expect(await handlers.get(CALL_CHANNEL)!(app, 'settings.get', {})).toMatchObject({ ok: true, value: { playbackRate: 1 } });
  });

  it('refuses a foreign or destroyed frame before anything runs', async () => {
    for (const senderFrame of [{ url: 'https://evil.test/' }, { url: 'file:///tmp/x.html' }, { url: 'assay://media/a1' }, null]) {
      const result = await handleIpcCall(ws, { senderFrame }, 'settings.set', { patch: { playbackRate: 2 } });
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await handleIpcCall(ws, app, 'settings.get', {})).toMatchObject({ value: { playbackRate: 1 } });
  });

  it.each(METHOD_NAMES)('%s rejects malformed input with invalid', async (method) => {
    for (const input of [{ bogus: true }, 7, null, ['x']]) {
      expect(await handleIpcCall(ws, app, method, input)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    }
  });

  it('refuses names that are not methods', async () => {
    for (const method of ['constructor', '__proto__', 'fs.readFile', 42, undefined]) {
      expect(await handleIpcCall(ws, app, method, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
  });
});

describe('event forwarding', () => {
  it('sends core events to the window on the event channel until it is destroyed', async () => {
    const sent: [string, WorkstationEvent][] = [];
    let destroyed = false;
    forwardEvents(ws, { isDestroyed: () => destroyed, send: (channel, event) => sent.push([channel, event]) });
    expect(await handleIpcCall(ws, app, 'session.signIn', { hubUrl: hub.url, username: 'assessor1', password: 'demo' })).toMatchObject({ ok: true });
    await handleIpcCall(ws, app, 'sync.now', {});
    await expect.poll(() => sent.some(([, e]) => e.name === 'sync.progress'), { timeout: 10_000 }).toBe(true);
    expect(sent.every(([channel]) => channel === EVENT_CHANNEL)).toBe(true);
    destroyed = true;
    const before = sent.length;
    await handleIpcCall(ws, app, 'sync.now', {});
    await new Promise((r) => setTimeout(r, 300));
    expect(sent.length).toBe(before);
  });
});
