import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../support/hub.ts';
import { meetEveryCriterion } from '../../support/review-content.ts';
import { startWorkstation, type TestWorkstation } from '../../support/workstation.ts';
import { startInterceptingProxy, type InterceptingProxy } from '../support/intercepting-proxy.ts';

let hub: RunningHub;
let proxy: InterceptingProxy;
let ws: TestWorkstation;
let strayPages = 0;

beforeAll(async () => {
  hub = await startHub({ demo: true });
  // The first two review uploads meet a proxy's HTML error page instead of the hub.
  proxy = await startInterceptingProxy(hub.url, (method, path) => {
    if (method === 'PUT' && path.startsWith('/v1/reviews/') && strayPages < 2) {
      strayPages += 1;
      return strayPages === 1
        ? { kind: 'reply', status: 404, contentType: 'text/html', body: '<html><body>Not Found</body></html>' }
        : { kind: 'reply', status: 403, contentType: 'text/html', body: '<html><body>Please log in to the Wi-Fi</body></html>' };
    }
    return { kind: 'pass' };
  });
  ws = await startWorkstation({ hubUrl: proxy.url, username: 'assessor1' });
});
afterAll(async () => {
  await ws?.stop();
  await proxy?.close();
  await hub?.stop();
});

describe('a 4xx page that is not the hub answering', () => {
  it('keeps the review queued and delivers it once the hub answers', async () => {
    await ws.value('sync.now', {});
    const item = (await ws.value('queue.list', {})).items.find((i) => i.assignmentState === 'assigned' && (i.role === 'primary' || i.role === 'second'));
    expect(item).toBeDefined();
    const view = await ws.value('submission.get', { assignmentId: item!.assignmentId });
    await ws.value('draft.save', { assignmentId: item!.assignmentId, patch: meetEveryCriterion(view) });
    await ws.value('review.submit', { assignmentId: item!.assignmentId });

    await ws.waitFor('outbox.status', {}, (o) => o.pending === 0, 15_000);
    expect(strayPages).toBe(2);
    expect(await ws.value('outbox.status', {})).toMatchObject({ pending: 0, failed: 0 });
    expect((await ws.value('draft.get', { assignmentId: item!.assignmentId })).status).toBe('synced');
    expect(proxy.seen.filter((r) => r.startsWith('PUT /v1/reviews/')).length).toBe(3);
  });
});
