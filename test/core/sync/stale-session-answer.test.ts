import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../support/hub.ts';
import { startWorkstation, type TestWorkstation } from '../../support/workstation.ts';
import { startInterceptingProxy, type InterceptingProxy } from '../support/intercepting-proxy.ts';

let hub: RunningHub;
let proxy: InterceptingProxy;
let ws: TestWorkstation;
let holding = true;
let release: () => void = () => undefined;
const released = new Promise<void>((done) => {
  release = done;
});

beforeAll(async () => {
  hub = await startHub({ demo: true });
  // Pulls answered while `holding` reach the workstation only once released.
  proxy = await startInterceptingProxy(hub.url, (method, path) =>
    holding && method === 'GET' && path === '/v1/sync' ? { kind: 'hold', until: released } : { kind: 'pass' });
  ws = await startWorkstation();
});
afterAll(async () => {
  release();
  await ws?.stop();
  await proxy?.close();
  await hub?.stop();
});

async function assignmentIdsOf(username: string): Promise<string[]> {
  const token = await hub.signIn(username);
  const res = await fetch(`${hub.url}/v1/sync`, { headers: { authorization: `Bearer ${token}` } });
  return ((await res.json()) as { assignments: { id: string }[] }).assignments.map((a) => a.id);
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('a pull answered after the session changed hands', () => {
  it("never puts the previous account's assignments into the next account's store", async () => {
    const aIds = await assignmentIdsOf('assessor1');
    const bIds = await assignmentIdsOf('assessor2');
    expect(aIds.length).toBeGreaterThan(0);
    expect(aIds.filter((id) => bIds.includes(id))).toEqual([]);

    expect((await ws.call('session.signIn', { hubUrl: proxy.url, username: 'assessor1', password: 'demo' })).ok).toBe(true);
    await until(() => proxy.seen.includes('GET /v1/sync'));
    await ws.value('session.signOut', {});

    const signingIn = ws.call('session.signIn', { hubUrl: proxy.url, username: 'assessor2', password: 'demo' });
    await new Promise((r) => setTimeout(r, 200));
    holding = false;
    release();
    expect((await signingIn).ok).toBe(true);
    await ws.value('sync.now', {});
    const status = await ws.value('sync.now', {});
    expect(status.state).toBe('idle');

    const queued = (await ws.value('queue.list', {})).items.map((i) => i.assignmentId);
    expect(queued.filter((id) => aIds.includes(id))).toEqual([]);
    expect([...queued].sort()).toEqual([...bIds].sort());
  });
});
