// Losing and regaining the network: sync reports offline, the outbox keeps what was queued,
// and once the hub answers a probe again the sender delivers and the sync catches up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy.ts';
import { api, startHub, type RunningHub } from '../../support/hub.ts';
import { startWorkstation, type TestWorkstation } from '../../support/workstation.ts';

let hub: RunningHub;
let proxy: FaultProxy;
let ws: TestWorkstation;

beforeAll(async () => {
  hub = await startHub({ demo: true });
  proxy = await startFaultProxy(hub.url, { seed: 1, rates: {} });
  ws = await startWorkstation({ hubUrl: proxy.url, username: 'assessor2' });
});
afterAll(async () => {
  await ws?.stop();
  await proxy?.close();
  await hub?.stop();
});

describe('sync engine and outbox across a network outage', () => {
  it('goes offline, keeps the queued recusal, and delivers it after reconnecting', async () => {
    const first = await ws.value('sync.now', {});
    expect(first).toMatchObject({ state: 'idle', online: true });
    const queue = await ws.value('queue.list', {});
    const target = queue.items.find((i) => i.assignmentState === 'assigned');
    expect(target).toBeDefined();

    proxy.setRates({ drop: 1 });
    const offline = await ws.value('sync.now', {});
    expect(offline).toMatchObject({ state: 'offline', online: false });
    expect(offline.lastError).toContain(proxy.url);
    expect(ws.events).toContainEqual({ name: 'connectivity', payload: { online: false } });

    await ws.value('assignment.recuse', { assignmentId: target!.assignmentId, reason: 'Candidate is my neighbour' });
    await new Promise((r) => setTimeout(r, 300));
    expect((await ws.value('outbox.status', {})).pending).toBe(1);

    proxy.setRates({});
    // No sync.now here: the connectivity probe (or the sender's own retry) must notice.
    await ws.waitFor('outbox.status', {}, (o) => o.pending === 0, 15_000);
    expect(ws.events).toContainEqual({ name: 'connectivity', payload: { online: true } });
    const status = await ws.waitFor('sync.status', {}, (s) => s.state === 'idle' && s.online);
    expect(status.lastSyncAt).not.toBeNull();

    const staff = api(hub.url, await hub.signIn('staff1'));
    // The demo's log is longer than a page: read it through.
    const events: unknown[] = [];
    for (let after = 0; after >= 0; ) {
      const page = (await staff.get(`/v1/audit?after=${after}&limit=1000`)).body;
      events.push(...page.events);
      after = page.next ?? -1;
    }
    expect(JSON.stringify(events)).toContain(target!.assignmentId);
    const view = await ws.value('submission.get', { assignmentId: target!.assignmentId });
    expect(view.readOnlyReason).toEqual(expect.any(String));
  });

  it('coalesces concurrent sync requests into one run', async () => {
    await ws.waitFor('sync.status', {}, (s) => s.state === 'idle');
    const from = ws.events.length;
    const results = await Promise.all([ws.value('sync.now', {}), ws.value('sync.now', {}), ws.value('sync.now', {})]);
    expect(results.every((r) => r.state === 'idle')).toBe(true);
    const pulls = ws.events.slice(from).filter((e) => e.name === 'sync.progress' && e.payload.state === 'syncing');
    // One pull, plus at most one follow-up run for the requests that arrived during it.
    expect(pulls.length).toBeGreaterThanOrEqual(1);
    expect(pulls.length).toBeLessThanOrEqual(2);
  });
});
