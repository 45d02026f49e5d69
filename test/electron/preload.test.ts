import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../../electron/main/ipc-channels.ts';
import type { WorkstationApi } from '../../shared/index.ts';

// The preload's only dependency is Electron's bridge; this tiny fake records what it is given.
const exposed = new Map<string, unknown>();
const listeners = new Map<string, (...args: unknown[]) => void>();
const invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'answer' }));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, value: unknown) => exposed.set(name, value) },
  ipcRenderer: {
    invoke,
    on: (channel: string, fn: (...args: unknown[]) => void) => listeners.set(channel, fn),
    removeListener: (channel: string, fn: unknown) => {
      if (listeners.get(channel) === fn) listeners.delete(channel);
    },
  },
}));

let api: WorkstationApi;
beforeAll(async () => {
  await import('../../electron/preload/index.ts');
  api = exposed.get('assay') as WorkstationApi;
});

describe('preload bridge', () => {
  it('exposes exactly call and subscribe as window.assay, never ipcRenderer', () => {
    expect([...exposed.keys()]).toEqual(['assay']);
    expect(Object.keys(api).sort()).toEqual(['call', 'subscribe']);
  });

  it('sends known methods over the one call channel', async () => {
    expect(await api.call('sync.status', {})).toEqual({ ok: true, value: 'answer' });
    expect(invoke).toHaveBeenLastCalledWith(CALL_CHANNEL, 'sync.status', {});
  });

  it('answers an unknown method itself without sending it', async () => {
    invoke.mockClear();
    const result = await (api.call as (m: string, i: unknown) => Promise<unknown>)('fs.readFile', { path: '/etc/passwd' });
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('relays events without the IPC event object and unsubscribes', () => {
    const seen: unknown[] = [];
    const unsubscribe = api.subscribe((e) => seen.push(e));
    const event = { name: 'connectivity', payload: { online: false } };
    listeners.get(EVENT_CHANNEL)!({ sender: 'ipc internals' }, event);
    expect(seen).toEqual([event]);
    unsubscribe();
    expect(listeners.has(EVENT_CHANNEL)).toBe(false);
  });
});
