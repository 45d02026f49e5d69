// An adjudicator's draft in the workstation store: where each final level came from, one
// rationale, the frozen body the outbox sends (each basis true to the reads), the refusal of
// the wrong kind of submit, and recovery of a queued adjudication from a damaged database.
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, openStoreOrRecover, quarantine } from '../../../electron/core/store/index.ts';
import type { Store } from '../../../electron/core/store/types.ts';
import type { AdjudicationBody, StoredReview } from '../../../shared/index.ts';
import { at, fullSync, makeAssignment, makePreviousReview, makeSync, T0, tempDb, removeTempDirs } from './support/fixtures.ts';

afterEach(removeTempDirs);

const read = (id: string, scores: Record<string, number>, feedback: Record<string, string>): StoredReview =>
  ({ ...makePreviousReview('s1'), id, assignmentId: `r-${id.slice(0, 4)}`, submissionId: 's1', scores, criterionFeedback: feedback, receivedAt: at(-1) });
const A = read('11111111-4b5a-4c6d-8e7f-9a0b1c2d3e4f', { c1: 2, c2: 2, c3: 2 }, { c1: 'A: closed.', c3: 'A: no follow-up.' });
const B = read('22222222-4b5a-4c6d-8e7f-9a0b1c2d3e4f', { c1: 5, c2: 4, c3: 4 }, { c1: 'B: open.', c3: 'B: follows up.' });

function adjudicationStore(path = tempDb()): Store {
  const store = openStore(path);
  const base = fullSync();
  store.sync.apply(makeSync({ ...base, assignments: [...base.assignments, { ...makeAssignment('adj', 's1', { role: 'adjudication' }), reads: [A, B] }] }), T0.toISOString());
  return store;
}

const takeFrom = (r: StoredReview, id: string, basis: 'first' | 'second') =>
  ({ scores: { [id]: r.scores[id] as number }, criterionFeedback: { [id]: r.criterionFeedback[id] ?? '' }, criterionBasis: { [id]: basis } });

describe('adjudication drafts', () => {
  it('records each basis, makes an edit the adjudicator\'s own, and queues a body whose every basis is true', () => {
    const store = adjudicationStore();
    store.drafts.save('adj', takeFrom(B, 'c1', 'second'), T0);
    store.drafts.save('adj', takeFrom(A, 'c2', 'first'), T0);
    store.drafts.save('adj', takeFrom(B, 'c3', 'second'), T0);
    store.drafts.save('adj', { criterionFeedback: { c3: 'Follows up, mostly.' } }, T0);
    // A basis claimed for a level that is not that read's is not what the hub will be told.
    store.drafts.save('adj', { scores: { c2: 3 }, criterionBasis: { c2: 'first' } }, T0);
    expect(store.drafts.get('adj').criterionBasis).toEqual({ c1: 'second', c2: 'first', c3: 'own' });
    expect(() => store.outbox.enqueueAdjudication('adj', T0)).toThrow(/rationale for the adjudication is required/);
    store.drafts.save('adj', { rationale: '  B matches the clip.  ', overallFeedback: 'Adjudicated.' }, T0);
    const { adjudicationId } = store.outbox.enqueueAdjudication('adj', T0);
    const head = store.outbox.head()!;
    expect(head).toMatchObject({ kind: 'adjudication', assignmentId: 'adj', clientId: adjudicationId });
    expect(head.body as AdjudicationBody).toEqual({
      assignmentId: 'adj', overallFeedback: 'Adjudicated.', rationale: 'B matches the clip.',
      criteria: { c1: { level: 5, feedback: 'B: open.', basis: 'second' }, c2: { level: 3, feedback: '', basis: 'own' }, c3: { level: 4, feedback: 'Follows up, mostly.', basis: 'own' } },
    });
    expect(store.drafts.get('adj')).toMatchObject({ status: 'queued', reviewId: adjudicationId });
    expect(store.outbox.status().pending).toBe(1);
    store.close();
  });

  it('refuses an adjudication submitted as a review and a review submitted as an adjudication', () => {
    const store = adjudicationStore();
    expect(() => store.outbox.enqueueReview('adj', T0)).toThrow(expect.objectContaining({ code: 'wrong_task' }));
    expect(() => store.outbox.enqueueAdjudication('a1', T0)).toThrow(expect.objectContaining({ code: 'wrong_task' }));
    expect(store.outbox.head()).toBeNull();
    store.close();
  });

  it('recovers a queued adjudication from a damaged database under the same id', () => {
    const path = tempDb();
    const before = adjudicationStore(path);
    for (const id of ['c1', 'c2', 'c3']) before.drafts.save('adj', takeFrom(B, id, 'second'), T0);
    before.drafts.save('adj', { rationale: 'B throughout.' }, T0);
    const { adjudicationId } = before.outbox.enqueueAdjudication('adj', T0);
    const body = before.outbox.head()!.body;
    before.close();
    quarantine(path, T0);
    const { store, recovered } = openStoreOrRecover(path);
    expect(recovered?.message).toContain('1 submitted review');
    store.sync.apply(makeSync({ ...fullSync(), assignments: [{ ...makeAssignment('adj', 's1', { role: 'adjudication' }), reads: [A, B] }] }), T0.toISOString());
    expect(store.outbox.head()).toMatchObject({ kind: 'adjudication', clientId: adjudicationId, body });
    expect(store.drafts.get('adj')).toMatchObject({ status: 'queued', rationale: 'B throughout.', criterionBasis: { c1: 'second', c2: 'second', c3: 'second' } });
    store.close();
  });

  it('recovers a queued consensus proposal from a damaged database, round and all', () => {
    const path = tempDb();
    const before = openStore(path);
    const consensus = { round: 1, proposal: null, returnedComment: 'Lower, please.', awaiting: 'proposal' as const, proposer: true, dueAt: at(3) };
    const task = { ...makeAssignment('con', 's1', { role: 'consensus' }), reads: [A, B], consensus };
    before.sync.apply(makeSync({ ...fullSync(), assignments: [task] }), T0.toISOString());
    before.drafts.save('con', { scores: { c1: 3, c2: 3, c3: 3 }, criterionFeedback: { c3: 'Some follow-up.' } }, T0);
    expect(before.outbox.enqueueProposal('con', T0)).toEqual({ round: 2 });
    const queued = before.outbox.head()!;
    before.close();
    quarantine(path, T0);
    const { store } = openStoreOrRecover(path);
    store.sync.apply(makeSync({ ...fullSync(), assignments: [task] }), T0.toISOString());
    expect(store.outbox.head()).toMatchObject({ kind: 'consensus_proposal', clientId: queued.clientId, body: { round: 2, scores: { c1: 3, c2: 3, c3: 3 } } });
    expect(store.drafts.get('con')).toMatchObject({ status: 'queued', scores: { c1: 3, c2: 3, c3: 3 } });
    store.close();
  });
});
