import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/core/store/index.ts';
import type { Store } from '../../../electron/core/store/types.ts';
import { fullSync, makeArtifact, makeAssignment, makeSubmission, makeSync, T0, tempDb, removeTempDirs } from './support/fixtures.ts';

let store: Store;
beforeEach(() => {
  store = openStore(tempDb());
});
afterEach(() => {
  store.close();
  removeTempDirs();
});

const ids = () => store.assignments.queue(T0).map((q) => q.assignmentId);

describe('sync.apply', () => {
  it('stores a full pull with its cursor and answers what changed', () => {
    expect(store.sync.cursor()).toBeNull();
    const changes = store.sync.apply(fullSync(), T0.toISOString());
    expect(changes).toEqual({ changedAssignmentIds: ['a1', 'a2'], revokedAssignmentIds: [], recoveredAssignmentIds: [] });
    expect(store.sync.cursor()).toBe('cursor-1');
    expect(store.sync.lastSyncAt()).toBe(T0.toISOString());
    expect(ids()).toEqual(['a1', 'a2']);
    const record = store.assignments.open('a2', T0);
    expect(record.submission.attempt).toBe(2);
    expect(record.rubric.criteria.map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
    expect(record.previous?.submission.id).toBe('s1');
    expect(record.locked).toEqual({ c1: { level: 4, feedback: 'Strong open questions.' } });
  });

  it('applies an incremental pull on top, updating changed assignments and keeping the rest', () => {
    store.sync.apply(fullSync(), T0.toISOString());
    const s3 = makeSubmission('s3', { artifacts: [makeArtifact('art-9')] });
    store.sync.apply(
      makeSync({ cursor: 'cursor-2', submissions: [s3], assignments: [makeAssignment('a3', 's3'), makeAssignment('a1', 's1', { dueInDays: 1, state: 'in_progress' })] }),
      T0.toISOString(),
    );
    expect(store.sync.cursor()).toBe('cursor-2');
    expect(ids()).toEqual(['a1', 'a2', 'a3']);
    const a1 = store.assignments.queue(T0).find((q) => q.assignmentId === 'a1');
    expect(a1).toMatchObject({ assignmentState: 'in_progress', dueAt: '2026-11-03T09:00:00.000Z' });
  });

  it('keeps a revoked assignment and its draft for the record, read-only with the reason', () => {
    store.sync.apply(fullSync(), T0.toISOString());
    store.drafts.save('a1', { overallFeedback: 'half written' }, T0);
    const changes = store.sync.apply(makeSync({ cursor: 'cursor-2', revoked: ['a1', 'unknown-id'] }), T0.toISOString());
    expect(changes.revokedAssignmentIds).toEqual(['a1']);
    const draft = store.drafts.get('a1');
    expect(draft).toMatchObject({ status: 'read_only', statusReason: 'Revoked by the hub', overallFeedback: 'half written' });
    expect(store.assignments.open('a1', T0)).toMatchObject({ readOnlyReason: 'Revoked by the hub', assignment: { state: 'revoked' } });
    expect(() => store.drafts.save('a1', { overallFeedback: 'more' }, T0)).toThrow(expect.objectContaining({ code: 'read_only' }));
    // A later pull that still lists it as assigned does not make it editable again.
    store.sync.apply(makeSync({ cursor: 'cursor-3', assignments: [makeAssignment('a1', 's1')] }), T0.toISOString());
    expect(store.drafts.get('a1').status).toBe('read_only');
    expect(store.assignments.queue(T0).find((q) => q.assignmentId === 'a1')?.reviewStatus).toBe('read_only');
  });

  it('shows an assignment that arrives already submitted as decided, read-only and with nothing to download', () => {
    const s3 = makeSubmission('s3', { artifacts: [makeArtifact('art-9', 800, 'd'), makeArtifact('art-1', 1000, 'a')] });
    const full = fullSync();
    store.sync.apply({ ...full, submissions: [...full.submissions, s3], assignments: [...full.assignments, makeAssignment('a3', 's3', { state: 'submitted', dueInDays: -2 })] }, T0.toISOString());
    // art-1 is shared with open work and gets downloaded; art-9 never is.
    store.artifacts.markPresent('art-1', '/media/art-1.enc', 'a'.repeat(64));
    const item = store.assignments.queue(T0).find((q) => q.assignmentId === 'a3');
    expect(item).toMatchObject({ reviewStatus: 'synced', overdue: false, download: { state: 'pending', bytesDone: 1000, bytesTotal: 1800 } });
    expect(store.artifacts.needed().map((n) => n.artifactId)).not.toContain('art-9');
    expect(store.assignments.open('a3', T0).readOnlyReason).toBe('Your review of this assignment is already on the hub');
    expect(() => store.drafts.save('a3', { overallFeedback: 'x' }, T0)).toThrow(expect.objectContaining({ code: 'read_only' }));
  });

  it('applies nothing, cursor included, when one part of a pull is inconsistent', () => {
    store.sync.apply(fullSync(), T0.toISOString());
    const bad = makeSync({ cursor: 'cursor-2', submissions: [makeSubmission('s4')], assignments: [makeAssignment('a4', 's4'), makeAssignment('a5', 'missing-sub')] });
    expect(() => store.sync.apply(bad, T0.toISOString())).toThrow(expect.objectContaining({ code: 'invalid' }));
    expect(store.sync.cursor()).toBe('cursor-1');
    expect(ids()).toEqual(['a1', 'a2']);
  });

  it('rejects a malformed response with invalid', () => {
    expect(() => store.sync.apply({ cursor: 1 } as never, T0.toISOString())).toThrow(expect.objectContaining({ code: 'invalid' }));
    expect(store.sync.cursor()).toBeNull();
  });
});

describe('session', () => {
  it('remembers who signed in and forgets session and cursor on clear, keeping drafts', () => {
    const user = { id: 'u-assessor1', displayName: 'Assessor One', roles: ['assessor' as const] };
    store.session.set({ hubUrl: 'http://127.0.0.1:1', user, deviceName: 'laptop', signedInAt: T0.toISOString() });
    expect(store.session.get()).toEqual({ hubUrl: 'http://127.0.0.1:1', user, deviceName: 'laptop', signedInAt: T0.toISOString() });
    store.sync.apply(fullSync(), T0.toISOString());
    store.drafts.save('a1', { overallFeedback: 'mine' }, T0);
    store.session.clear();
    expect(store.session.get()).toBeNull();
    expect(store.sync.cursor()).toBeNull();
    expect(store.drafts.get('a1').overallFeedback).toBe('mine');
  });
});
