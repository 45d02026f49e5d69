// The cache limit: downloads that would push the cache past the limit are deferred (and
// counted), never forced in. Uses a real store filled from a real hub's sync answer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncResponse } from '../../../shared/index.ts';
import { openStore } from '../../../electron/core/store/open-store.ts';
import type { Store } from '../../../electron/core/store/types.ts';
import { planCache } from '../../../electron/core/sync/cache-planner.ts';
import { api, startHub } from '../../support/hub.ts';

const MIB = 1024 * 1024;
let dir: string;
let store: Store;

beforeAll(async () => {
  const hub = await startHub({ demo: true });
  try {
    const answer = SyncResponse.parse((await api(hub.url, await hub.signIn('assessor1')).get('/v1/sync')).body);
    // Pretend every file is 40 MiB so a 100 MB cache holds only two of them.
    for (const s of answer.submissions) for (const a of s.artifacts) a.bytes = 40 * MIB;
    dir = mkdtempSync(join(tmpdir(), 'assay-cache-'));
    store = openStore(join(dir, 'assay.db'));
    store.sync.apply(answer, new Date().toISOString());
  } finally {
    await hub.stop();
  }
});
afterAll(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('cache planner', () => {
  it('enqueues only what fits under the limit and counts the rest as deferred', () => {
    const needs = store.artifacts.needed();
    expect(needs.length).toBeGreaterThan(2);
    const plan = planCache(store, needs, 100, 30, new Date());
    expect(plan.enqueue.map((n) => n.artifactId)).toEqual(needs.slice(0, 2).map((n) => n.artifactId));
    expect(plan.deferred).toBe(needs.length - 2);
    expect(plan.purged).toBe(0);
  });

  it('enqueues everything when the limit allows it', () => {
    const needs = store.artifacts.needed();
    const plan = planCache(store, needs, 1_000_000, 30, new Date());
    expect(plan).toEqual({ enqueue: needs, deferred: 0, purged: 0 });
  });
});
