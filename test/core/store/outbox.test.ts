import { describe, expect, it } from 'vitest';
import { COMPLETE_PATCH, days, T0, useSyncedStore } from './support/fixtures.ts';

const current = useSyncedStore();

function submitA1(): { rowId: number; reviewId: string } {
  current().drafts.save('a1', COMPLETE_PATCH, T0);
  const { reviewId } = current().outbox.enqueueReview('a1', T0);
  return { rowId: current().outbox.head()?.id ?? -1, reviewId };
}

describe('outbox.enqueueReview', () => {
  it('refuses an incomplete review with the issues, leaving the draft editable and nothing queued', () => {
    current().drafts.save('a1', { scores: { c1: 2 } }, T0);
    let thrown: unknown;
    try {
      current().outbox.enqueueReview('a1', T0);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toMatchObject({ code: 'incomplete' });
    const issues = (thrown as { details: { path: string }[] }).details.map((i) => i.path);
    expect(issues).toEqual(['criterionFeedback.c1', 'scores.c2', 'scores.c3', 'criterionFeedback.c3']);
    expect(current().outbox.head()).toBeNull();
    expect(current().drafts.get('a1').status).toBe('draft');
  });

  it('freezes the draft and queues exactly its content under the review id', () => {
    current().drafts.save('a1', { ...COMPLETE_PATCH, notes: [{ artifactId: 'art-1', atSec: 5, text: 'good question' }], addTimeSpentSec: 90 }, T0);
    const { reviewId } = current().outbox.enqueueReview('a1', days(1));
    expect(reviewId).toBe(current().drafts.get('a1').reviewId);
    expect(current().outbox.head()).toEqual({
      id: expect.any(Number), kind: 'review', assignmentId: 'a1', clientId: reviewId, attempts: 0, lastError: null,
      nextAttemptAt: days(1).toISOString(), createdAt: days(1).toISOString(),
      body: {
        assignmentId: 'a1', rubricId: 'rubric-qt', rubricVersion: 1, scores: COMPLETE_PATCH.scores, criterionFeedback: COMPLETE_PATCH.criterionFeedback,
        overallFeedback: COMPLETE_PATCH.overallFeedback, notes: [{ artifactId: 'art-1', atSec: 5, text: 'good question' }], timeSpentSec: 90,
      },
    });
    expect(current().drafts.get('a1').status).toBe('queued');
    expect(current().journal.list('a1').at(-1)).toMatchObject({ action: 'submitted', payload: { reviewId, revision: 1, decision: 'earned' } });
    expect(() => current().outbox.enqueueReview('a1', T0)).toThrow(expect.objectContaining({ code: 'read_only' }));
  });

  it('delivers strictly in order and counts retries', () => {
    const first = submitA1();
    current().drafts.save('a2', { scores: { c2: 3, c3: 3 }, criterionFeedback: { c3: 'Keep going.' } }, T0);
    current().outbox.enqueueReview('a2', T0);
    expect(current().outbox.status()).toEqual({ pending: 2, failed: 0 });
    for (let i = 0; i < 5; i++) current().outbox.retryLater(first.rowId, `ECONNRESET ${i}`, days(1));
    expect(current().outbox.head()).toMatchObject({ id: first.rowId, attempts: 5, lastError: 'ECONNRESET 4', nextAttemptAt: days(1).toISOString() });
    expect(current().outbox.status()).toEqual({ pending: 2, failed: 1, lastError: 'ECONNRESET 4' });
    current().outbox.delivered(first.rowId, { id: first.reviewId, decision: 'earned', receivedAt: T0.toISOString() }, days(1));
    expect(current().outbox.head()?.assignmentId).toBe('a2');
    expect(current().drafts.get('a1')).toMatchObject({ status: 'synced' });
    expect(() => current().outbox.delivered(first.rowId, {}, T0)).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});

describe('outbox.rejected', () => {
  it('assignment_revoked: read-only with the hub reason', () => {
    const { rowId } = submitA1();
    current().outbox.rejected(rowId, 'assignment_revoked', 'Reassigned by staff', T0);
    expect(current().drafts.get('a1')).toMatchObject({ status: 'read_only', statusReason: 'Reassigned by staff' });
    expect(current().assignments.open('a1', T0)).toMatchObject({ readOnlyReason: 'Reassigned by staff', assignment: { state: 'revoked' } });
    expect(current().outbox.status().pending).toBe(0);
  });

  it.each(['locked_criterion', 'stale_rubric', 'invalid'])('%s: back to draft with the reason and the same review id', (code) => {
    const { rowId, reviewId } = submitA1();
    current().outbox.rejected(rowId, code, `hub says ${code}`, T0);
    expect(current().drafts.get('a1')).toMatchObject({ status: 'draft', statusReason: `hub says ${code}`, reviewId });
    expect(current().drafts.save('a1', { overallFeedback: 'fixed' }, T0).revision).toBe(2);
    expect(current().outbox.enqueueReview('a1', T0).reviewId).toBe(reviewId);
  });

  it('already_submitted: read-only, another review is in', () => {
    const { rowId } = submitA1();
    current().outbox.rejected(rowId, 'already_submitted', 'already', T0);
    expect(current().drafts.get('a1')).toMatchObject({ status: 'read_only', statusReason: 'Another review was already submitted for this assignment' });
    expect(() => current().drafts.save('a1', { overallFeedback: 'x' }, T0)).toThrow(expect.objectContaining({ code: 'read_only' }));
  });

  it('review_id_conflict: back to draft under a new review id', () => {
    const { rowId, reviewId } = submitA1();
    current().outbox.rejected(rowId, 'review_id_conflict', 'id taken', T0);
    const draft = current().drafts.get('a1');
    expect(draft).toMatchObject({ status: 'draft', statusReason: 'id taken' });
    expect(draft.reviewId).not.toBe(reviewId);
    expect(current().outbox.enqueueReview('a1', T0).reviewId).toBe(draft.reviewId);
  });
});

describe('outbox recusal', () => {
  it('freezes the draft at once and makes the assignment recused when delivered', () => {
    current().drafts.save('a1', { scores: { c1: 3 } }, T0);
    const { clientId } = current().outbox.enqueueRecusal('a1', '  I know this teacher  ', T0);
    expect(current().outbox.head()).toMatchObject({ kind: 'recusal', clientId, body: { reason: 'I know this teacher' } });
    expect(current().drafts.get('a1').status).toBe('read_only');
    expect(() => current().outbox.enqueueReview('a1', T0)).toThrow(expect.objectContaining({ code: 'read_only' }));
    current().outbox.delivered(current().outbox.head()?.id ?? -1, {}, T0);
    expect(current().assignments.open('a1', T0)).toMatchObject({ readOnlyReason: 'You recused yourself: I know this teacher', assignment: { state: 'recused' } });
    expect(current().journal.list('a1').map((e) => e.action)).toEqual(['level_set', 'recused']);
  });

  it('goes back to draft when the hub refuses the recusal, and rejects an empty reason', () => {
    expect(() => current().outbox.enqueueRecusal('a1', '   ', T0)).toThrow(expect.objectContaining({ code: 'invalid' }));
    current().drafts.save('a1', { scores: { c1: 3 } }, T0);
    current().outbox.enqueueRecusal('a1', 'conflict', T0);
    current().outbox.rejected(current().outbox.head()?.id ?? -1, 'forbidden', 'not yours', T0);
    expect(current().drafts.get('a1')).toMatchObject({ status: 'draft', statusReason: 'The hub did not accept the recusal: not yours' });
  });
});
