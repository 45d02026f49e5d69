// A validity item on a real workstation core against the demo hub (Demo Assessor 1 holds one
// beside live work): it downloads with the live work, shows in the queue as any primary
// assignment does, opens and is scored with the network gone, and reaches the hub from the
// outbox once it is back, where it is compared with the master's review.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidityReadsResponse, type QueueItem } from '../../../shared/index.ts';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy.ts';
import { api, startHub, type Loose, type RunningHub } from '../../support/hub.ts';
import { meetEveryCriterion } from '../../support/review-content.ts';
import { startWorkstation, type TestWorkstation } from '../../support/workstation.ts';

let hub: RunningHub;
let proxy: FaultProxy;
let ws: TestWorkstation;

beforeAll(async () => {
  hub = await startHub({ demo: true });
  proxy = await startFaultProxy(hub.url, { seed: 1, rates: {} });
  ws = await startWorkstation({ hubUrl: proxy.url, username: 'assessor1' });
}, 120_000);
afterAll(async () => {
  await ws?.stop();
  await proxy?.close();
  await hub?.stop();
});

/** The assignment the hub seeded as a validity item for assessor1, from its own audit log (staff only). */
async function seededFor(assessorId: string): Promise<string> {
  const staff = api(hub.url, await hub.signIn('staff1'));
  const seeded: Loose[] = [];
  for (let after = 0; after >= 0; ) {
    const page = (await staff.get(`/v1/audit?after=${after}&limit=1000`)).body;
    seeded.push(...page.events.filter((e: Loose) => e.action === 'validity.seeded' && e.payload.assessorId === assessorId));
    after = page.next ?? -1;
  }
  expect(seeded, 'the demo seeds one validity item for assessor1').toHaveLength(1);
  return seeded[0].subject;
}

const isOpen = (i: QueueItem) => i.assignmentState === 'assigned' || i.assignmentState === 'in_progress';

describe('a validity item on the workstation', () => {
  it('downloads with the live work, is scored offline, and is delivered and compared once the hub is back', async () => {
    const validityId = await seededFor('u-assessor1');
    await ws.value('sync.now', {});
    const queue = await ws.waitFor('queue.list', {}, (q) => q.items.some((i) => i.assignmentId === validityId));
    await ws.waitFor('downloads.status', {}, (d) => d.batch.filesTotal > 0 && d.batch.filesDone === d.batch.filesTotal, 90_000);
    const items = (await ws.value('queue.list', {})).items;
    const item = items.find((i) => i.assignmentId === validityId)!;
    const live = items.find((i) => i.assignmentId !== validityId && isOpen(i) && i.microCredentialId === item.microCredentialId && i.attempt === 1)!;
    expect(live, 'live first-attempt work on the same micro-credential').toBeDefined();
    expect(queue.total).toBe(items.length);
    // In the queue it is what live work is: primary, downloaded, open, with the same fields.
    expect(Object.keys(item).sort()).toEqual(Object.keys(live).sort());
    expect(item).toMatchObject({ role: 'primary', assignmentState: live.assignmentState, reviewStatus: 'new', qualificationExpired: false, download: { state: 'complete' } });

    proxy.setRates({ drop: 1 });
    expect(await ws.value('sync.now', {})).toMatchObject({ state: 'offline', online: false });
    const view = await ws.value('submission.get', { assignmentId: validityId });
    expect(view.artifacts.length).toBeGreaterThan(0);
    expect(view.artifacts.every((a) => a.download.state === 'complete')).toBe(true);
    await ws.value('draft.save', { assignmentId: validityId, patch: meetEveryCriterion(view) });
    const submitted = await ws.value('review.submit', { assignmentId: validityId });
    expect(submitted.status).toBe('queued');
    expect((await ws.value('outbox.status', {})).pending).toBeGreaterThanOrEqual(1);

    proxy.setRates({});
    await ws.waitFor('outbox.status', {}, (o) => o.pending === 0 && o.failed === 0, 30_000);
    expect((await ws.value('draft.get', { assignmentId: validityId })).status).toBe('synced');
    const staff = api(hub.url, await hub.signIn('staff1'));
    const reads = ValidityReadsResponse.parse((await staff.get('/v1/calibration/validity?assessorId=u-assessor1')).body).reads;
    expect(reads.map((r) => r.assignmentId)).toContain(validityId);
  }, 180_000);
});
