import { rmSync } from 'node:fs';
import type { ArtifactNeed, Store } from '../store/types.ts';

const MIB = 1024 * 1024;

export type CachePlan = { enqueue: ArtifactNeed[]; deferred: number; purged: number };

/**
 * After each sync: removes files whose retention ran out (the store decides which, and it
 * never names one an open assignment still needs), then picks the downloads that fit under
 * the cache limit. What does not fit is deferred and reported, never forced in.
 */
export function planCache(store: Store, needs: readonly ArtifactNeed[], limitMb: number, retentionDays: number, now: Date): CachePlan {
  let purged = 0;
  for (const file of store.artifacts.purgeable(now, retentionDays)) {
    rmSync(file.path, { force: true });
    store.artifacts.markPurged(file.artifactId);
    purged += 1;
  }
  const limit = limitMb * MIB;
  let used = store.artifacts.totalBytesPresent();
  const enqueue: ArtifactNeed[] = [];
  let deferred = 0;
  for (const need of needs) {
    if (used + need.bytes > limit) {
      deferred += 1;
      continue;
    }
    used += need.bytes;
    enqueue.push(need);
  }
  return { enqueue, deferred, purged };
}
