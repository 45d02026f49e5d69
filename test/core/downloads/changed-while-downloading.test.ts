// The hub replaces an artifact (new SHA-256) while this device is still downloading the old
// version: the old bytes must never be recorded as the new version.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../support/hub.ts';
import { startWorkstation, type TestWorkstation } from '../../support/workstation.ts';
import { startInterceptingProxy, type InterceptingProxy } from '../support/intercepting-proxy.ts';

let hub: RunningHub;
let proxy: InterceptingProxy;
let ws: TestWorkstation;
let release: () => void = () => undefined;
const released = new Promise<void>((done) => {
  release = done;
});
let firstSync: Buffer | null = null;

/** The first pull again, with every artifact claiming new content. */
function replaced(): Buffer {
  const answer = JSON.parse((firstSync as Buffer).toString('utf8')) as { submissions: { artifacts: { sha256: string }[] }[] };
  for (const s of answer.submissions) for (const a of s.artifacts) a.sha256 = 'f'.repeat(64);
  return Buffer.from(JSON.stringify(answer));
}

beforeAll(async () => {
  hub = await startHub({ demo: true });
  proxy = await startInterceptingProxy(hub.url, (method, path) => {
    if (method === 'GET' && path === '/v1/sync') {
      return { kind: 'rewrite', edit: (body) => (firstSync === null ? (firstSync = body) : replaced()) };
    }
    if (method === 'GET' && path.startsWith('/v1/artifacts/')) return { kind: 'hold', until: released };
    return { kind: 'pass' };
  });
  ws = await startWorkstation({ hubUrl: proxy.url, username: 'assessor1' });
});
afterAll(async () => {
  release();
  await ws?.stop();
  await proxy?.close();
  await hub?.stop();
});

const openItems = (q: { items: { assignmentState: string; download: { state: string } }[] }) =>
  q.items.filter((i) => i.assignmentState === 'assigned' || i.assignmentState === 'in_progress');

describe('an artifact that changes on the hub during its download', () => {
  it('is not recorded from the old bytes, and is fetched again for the new version', async () => {
    await ws.waitFor('queue.list', {}, (q) => openItems(q).length > 0);
    expect(firstSync).not.toBeNull();
    await ws.value('sync.now', {});
    release();

    // The hub still serves the old bytes, so the new version fails its check: never complete.
    const settled = await ws.waitFor('queue.list', {}, (q) => openItems(q).every((i) => i.download.state === 'error'));
    expect(openItems(settled).length).toBeGreaterThan(0);
    const media = join(ws.dataDir, 'media');
    expect(existsSync(media) ? readdirSync(media).filter((f) => f.endsWith('.enc')) : []).toEqual([]);
    const artifactGets = proxy.seen.filter((r) => r.startsWith('GET /v1/artifacts/'));
    expect(new Set(artifactGets).size).toBeLessThan(artifactGets.length);
  });
});
