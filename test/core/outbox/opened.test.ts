// The first opening of an assignment reaches the hub through the outbox: sent at once when
// online, queued while the hub cannot be reached and delivered after, once per assignment
// however often it is opened; the hub moves the assignment to in_progress and audits it.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Loose } from '../../support/hub.ts';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy.ts';
import { api, startHub, type RunningHub } from '../../support/hub.ts';
import { startWorkstation, type TestWorkstation } from '../../support/workstation.ts';

let hub: RunningHub;
let proxy: FaultProxy;
let ws: TestWorkstation;
let staff: ReturnType<typeof api>;

beforeAll(async () => {
  hub = await startHub({ demo: true });
  proxy = await startFaultProxy(hub.url, { seed: 7, rates: {} });
  ws = await startWorkstation({ hubUrl: proxy.url, username: 'assessor1' });
  staff = api(hub.url, await hub.signIn('staff1'));
});
afterAll(async () => {
  await ws?.stop();
  await proxy?.close();
  await hub?.stop();
});

const openedEvents = async (assignmentId: string): Promise<Loose[]> => {
  const events: Loose[] = [];
  for (let after = 0; ; ) {
    const page = (await staff.get(`/v1/audit?after=${after}&limit=1000`)).body;
    events.push(...page.events);
    if (page.next === undefined) break;
    after = page.next;
  }
  return events.filter((e) => e.action === 'assignment.opened' && e.subject === assignmentId);
};
const hubState = async (assignmentId: string) => {
  const mine = api(hub.url, await hub.signIn('assessor1'));
  return ((await mine.get('/v1/sync')).body.assignments as Loose[]).find((a) => a.id === assignmentId)?.state;
};

describe('reporting the first opening of an assignment', () => {
  let targets: string[] = [];

  it('sends the first opening at once when online, and never again for that assignment', async () => {
    await ws.value('sync.now', {});
    const queue = await ws.value('queue.list', {});
    // Reads only: the demo's consensus task ties on due date with them, so the order would vary.
    targets = queue.items.filter((i) => i.assignmentState === 'assigned' && (i.role === 'primary' || i.role === 'second')).map((i) => i.assignmentId);
    expect(targets.length, 'assessor1 has at least two assigned submissions in the demo').toBeGreaterThanOrEqual(2);
    const [first] = targets as [string];
    const before = Date.now();
    await ws.value('submission.get', { assignmentId: first });
    await vi.waitFor(async () => expect(await openedEvents(first)).not.toEqual([]), { timeout: 15_000, interval: 100 });
    const [event, ...more] = await openedEvents(first);
    expect(more).toEqual([]);
    expect(event).toMatchObject({ actor: 'u-assessor1', payload: { openedAt: expect.any(String), receivedAt: expect.any(String) } });
    expect(Date.parse(event.payload.openedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(await hubState(first)).toBe('in_progress');
    await ws.value('submission.get', { assignmentId: first });
    await ws.value('submission.get', { assignmentId: first });
    await ws.value('sync.now', {});
    await ws.value('submission.get', { assignmentId: first });
    // An "opened" report is not the assessor's work, so the outbox status never counts it.
    expect((await ws.value('outbox.status', {})).pending).toBe(0);
    await ws.value('sync.now', {});
    expect(await openedEvents(first)).toHaveLength(1);
  });

  it('queues the opening while the hub is unreachable and delivers it once it answers again', async () => {
    const second = targets[1]!;
    proxy.setRates({ drop: 1 });
    const offline = await ws.value('sync.now', {});
    expect(offline).toMatchObject({ online: false });
    const openedAt = Date.now();
    await ws.value('submission.get', { assignmentId: second });
    await ws.value('submission.get', { assignmentId: second });
    expect((await ws.value('outbox.status', {})).pending).toBe(0);
    expect(await openedEvents(second)).toEqual([]);
    expect(await hubState(second)).toBe('assigned');
    proxy.setRates({});
    await vi.waitFor(async () => expect(await openedEvents(second)).not.toEqual([]), { timeout: 30_000, interval: 200 });
    const events = await openedEvents(second);
    expect(events).toHaveLength(1);
    // The opening is dated when it happened on the device, not when the hub heard of it.
    expect(Date.parse(events[0].payload.openedAt)).toBeLessThanOrEqual(Date.parse(events[0].payload.receivedAt));
    expect(Math.abs(Date.parse(events[0].payload.openedAt) - openedAt)).toBeLessThan(5_000);
    expect(await hubState(second)).toBe('in_progress');
  });
});
