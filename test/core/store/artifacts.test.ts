import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/core/store/index.ts';
import type { Store } from '../../../electron/core/store/types.ts';
import type { DraftPatch } from '../../../shared/index.ts';
import { COMPLETE_PATCH, days, fullSync, makeArtifact, makeSubmission, makeSync, T0, tempDb, removeTempDirs } from './support/fixtures.ts';

let store: Store;
beforeEach(() => {
  store = openStore(tempDb(), { now: () => T0 });
  store.sync.apply(fullSync(), T0.toISOString());
});
afterEach(() => {
  store.close();
  removeTempDirs();
});

const neededIds = () => store.artifacts.needed().map((n) => n.artifactId);

function syncReview(assignmentId: string, patch: DraftPatch, now: Date): void {
  store.drafts.save(assignmentId, patch, T0);
  store.outbox.enqueueReview(assignmentId, T0);
  store.outbox.delivered(store.outbox.head()?.id ?? -1, { decision: 'earned', receivedAt: now.toISOString() }, now);
}
const syncA1 = (now: Date) => syncReview('a1', COMPLETE_PATCH, now);
// c1 is locked on a2 (met on attempt 1); the draft carries it already.
const syncA2 = (now: Date) => syncReview('a2', { scores: { c2: 3, c3: 4 }, criterionFeedback: { c3: 'Better follow-up.' }, overallFeedback: 'Earned on attempt 2.' }, now);

describe('local artifacts', () => {
  it('lists what open assignments need until a verified file is recorded', () => {
    expect(store.artifacts.needed()).toEqual([
      // a2 reviews s2, the resubmission of s1: it needs attempt 1's files too.
      { artifactId: 'art-1', submissionId: 's1', assignmentIds: ['a1', 'a2'], filename: 'art-1.webm', mediaType: 'video/webm', bytes: 1000, sha256: 'a'.repeat(64) },
      { artifactId: 'art-2', submissionId: 's1', assignmentIds: ['a1', 'a2'], filename: 'art-2.webm', mediaType: 'video/webm', bytes: 500, sha256: 'b'.repeat(64) },
      { artifactId: 'art-3', submissionId: 's2', assignmentIds: ['a2'], filename: 'art-3.webm', mediaType: 'video/webm', bytes: 2000, sha256: 'c'.repeat(64) },
    ]);
    store.artifacts.markPresent('art-1', '/cache/art-1.enc', 'a'.repeat(64));
    store.artifacts.markError('art-2', 'disk full');
    expect(neededIds()).toEqual(['art-2', 'art-3']);
    expect(store.artifacts.file('art-1')).toEqual({ artifactId: 'art-1', path: '/cache/art-1.enc', bytes: 1000, sha256: 'a'.repeat(64), mediaType: 'video/webm' });
    expect(store.artifacts.file('art-2')).toBeNull();
    expect(store.artifacts.state('art-2')).toEqual({ state: 'error', error: 'disk full' });
    expect(store.artifacts.state('art-3')).toEqual({ state: 'pending' });
    expect(store.artifacts.totalBytesPresent()).toBe(1000);
    expect(() => store.artifacts.markPresent('ghost', '/x', 'a'.repeat(64))).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('needs a file again when its content changed on the hub', () => {
    store.artifacts.markPresent('art-3', '/cache/art-3.enc', 'c'.repeat(64));
    store.sync.apply(makeSync({ cursor: 'c2', submissions: [makeSubmission('s2', { attempt: 2, previous: 's1', artifacts: [makeArtifact('art-3', 2100, 'd')] })] }), T0.toISOString());
    expect(store.artifacts.file('art-3')).toBeNull();
    expect(store.artifacts.needed().find((n) => n.artifactId === 'art-3')).toMatchObject({ bytes: 2100, sha256: 'd'.repeat(64) });
  });

  it('records nothing when the file was verified against a SHA-256 the hub has since replaced', () => {
    store.sync.apply(makeSync({ cursor: 'c2', submissions: [makeSubmission('s2', { attempt: 2, previous: 's1', artifacts: [makeArtifact('art-3', 2100, 'd')] })] }), T0.toISOString());
    expect(store.artifacts.markPresent('art-3', '/cache/art-3.enc', 'c'.repeat(64))).toBe(false);
    expect(store.artifacts.file('art-3')).toBeNull();
    expect(store.artifacts.state('art-3')).toEqual({ state: 'pending' });
    expect(store.artifacts.needed().find((n) => n.artifactId === 'art-3')).toMatchObject({ sha256: 'd'.repeat(64) });
    expect(store.artifacts.markPresent('art-3', '/cache/art-3.enc', 'd'.repeat(64))).toBe(true);
    expect(store.artifacts.file('art-3')).toMatchObject({ sha256: 'd'.repeat(64), bytes: 2100 });
  });

  it('purges files only after the review synced and the retention period passed', () => {
    for (const [id, c] of [['art-1', 'a'], ['art-2', 'b'], ['art-3', 'c']] as const) store.artifacts.markPresent(id, `/cache/${id}.enc`, c.repeat(64));
    syncA1(days(1));
    expect(store.artifacts.purgeable(days(20), 30)).toEqual([]);
    // a2, the resubmission's review, still compares against attempt 1's files.
    expect(store.artifacts.purgeable(days(32), 30)).toEqual([]);
    syncA2(days(40));
    expect(store.artifacts.purgeable(days(60), 30)).toEqual([]);
    expect(store.artifacts.purgeable(days(72), 30).map((f) => f.artifactId)).toEqual(['art-1', 'art-2', 'art-3']);
    store.artifacts.markPurged('art-1');
    expect(store.artifacts.file('art-1')).toBeNull();
    expect(store.artifacts.totalBytesPresent()).toBe(2500);
  });

  it("a resubmission's review needs the previous attempt's files after its own, and keeps them while it is open", () => {
    store.sync.apply(makeSync({ cursor: 'c2', revoked: ['a1'] }), T0.toISOString());
    expect(store.artifacts.needed().map((n) => [n.artifactId, n.submissionId, n.assignmentIds])).toEqual([
      ['art-3', 's2', ['a2']],
      ['art-1', 's1', ['a2']],
      ['art-2', 's1', ['a2']],
    ]);
    store.artifacts.markPresent('art-1', '/cache/art-1.enc', 'a'.repeat(64));
    expect(store.artifacts.purgeable(days(400), 30)).toEqual([]);
    store.sync.apply(makeSync({ cursor: 'c3', revoked: ['a2'] }), T0.toISOString());
    expect(store.artifacts.purgeable(T0, 30).map((f) => f.artifactId)).toEqual(['art-1']);
    expect(neededIds()).toEqual([]);
  });

  it('keeps files for an assignment while its review is open or queued, not once it synced or was revoked', () => {
    expect(store.artifacts.keptFor('a1')).toBe(true);
    store.drafts.save('a1', COMPLETE_PATCH, T0);
    store.outbox.enqueueReview('a1', T0);
    expect(store.artifacts.keptFor('a1')).toBe(true);
    store.outbox.delivered(store.outbox.head()?.id ?? -1, { decision: 'earned', receivedAt: T0.toISOString() }, T0);
    expect(store.artifacts.keptFor('a1')).toBe(false);
    store.sync.apply(makeSync({ cursor: 'c2', revoked: ['a2'] }), T0.toISOString());
    expect(store.artifacts.keptFor('a2')).toBe(false);
    expect(store.artifacts.keptFor('ghost')).toBe(false);
  });

  it('lets files of a revoked assignment go at once', () => {
    store.artifacts.markPresent('art-3', '/cache/art-3.enc', 'c'.repeat(64));
    expect(store.artifacts.purgeable(T0, 30)).toEqual([]);
    store.sync.apply(makeSync({ cursor: 'c2', revoked: ['a2'] }), T0.toISOString());
    expect(store.artifacts.purgeable(T0, 30).map((f) => f.artifactId)).toEqual(['art-3']);
    expect(neededIds()).toEqual(['art-1', 'art-2']);
  });
});
