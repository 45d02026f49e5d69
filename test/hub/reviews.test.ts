import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Loose } from '../support/hub.ts';
import { assignmentsOf, newReviewId, reviewBody, startFixtureHub, type FixtureHub } from './fixture-helpers.ts';

describe('PUT /v1/reviews/{reviewId}', () => {
  let hub: FixtureHub;
  beforeAll(async () => {
    hub = await startFixtureHub(['alice', 'bob', 'carol']);
  });
  afterAll(() => hub.stop());

  /** A fresh submission routed to this assessor (routing spreads work, so a few may go to others). */
  async function assignmentFor(userId: string): Promise<Loose> {
    for (let i = 0; i < 10; i++) {
      const { assignments } = await hub.submit('cand-3');
      if (assignments[0].assessorId === userId) return assignments[0];
    }
    throw new Error(`nothing was routed to ${userId}`);
  }
  const aliceAssignment = () => assignmentFor('u-alice');

  /** Asserts the assignment is still open, unreviewed, and the result still pending. */
  async function expectUnchanged(assignment: Loose): Promise<void> {
    const mine = await assignmentsOf(hub, 'alice');
    expect(mine.get(assignment.id).state).toBe('assigned');
    const result = await hub.as('sam').get(`/v1/submissions/${assignment.submissionId}/result`);
    expect(result.body).toEqual({ submissionId: assignment.submissionId, status: 'pending' });
  }

  it('stores a review with 201, replays it with 200 and the same body, and makes the result final', async () => {
    const a = await aliceAssignment();
    const id = newReviewId();
    const before = await hub.as('intake-bot').get(`/v1/submissions/${a.submissionId}/result`);
    expect(before.body.status).toBe('pending');
    const first = await hub.as('alice').put(`/v1/reviews/${id}`, reviewBody(a.id));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ id, decision: 'earned', assessorId: 'u-alice', submissionId: a.submissionId, assignmentId: a.id });
    const replay = await hub.as('alice').put(`/v1/reviews/${id}`, reviewBody(a.id));
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    expect((await assignmentsOf(hub, 'alice')).get(a.id).state).toBe('submitted');
    const result = await hub.as('intake-bot').get(`/v1/submissions/${a.submissionId}/result`);
    expect(result.body).toMatchObject({ status: 'final', decision: 'earned', reviewId: id, rubricId: 'rub-teach', rubricVersion: 1, weightedMean: 4 });
    expect(result.body.criteria[0]).toEqual({
      criterionId: 'c-plan', title: 'Planning', level: 4, label: 'Accomplished', met: true, feedback: 'Clear plan of questions.',
    });
  });

  it('answers 409 review_id_conflict for the same id with another body, and 404 for another assessor', async () => {
    const a = await aliceAssignment();
    const id = newReviewId();
    expect((await hub.as('alice').put(`/v1/reviews/${id}`, reviewBody(a.id))).status).toBe(201);
    const changed = await hub.as('alice').put(`/v1/reviews/${id}`, reviewBody(a.id, { overallFeedback: 'Different' }));
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe('review_id_conflict');
    const bobs = await assignmentFor('u-bob');
    const stolen = await hub.as('bob').put(`/v1/reviews/${id}`, reviewBody(bobs.id));
    expect(stolen.status).toBe(404);
    const again = await hub.as('alice').put(`/v1/reviews/${newReviewId()}`, reviewBody(a.id));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_submitted');
  });

  it('answers 404 for an assignment of another assessor, and 422 naming a bad review id', async () => {
    const a = await aliceAssignment();
    const res = await hub.as('bob').put(`/v1/reviews/${newReviewId()}`, reviewBody(a.id));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    const badId = await hub.as('alice').put('/v1/reviews/not-a-uuid', reviewBody(a.id));
    expect(badId.status).toBe(422);
    expect(badId.body.error.details[0].path).toBe('reviewId');
    await expectUnchanged(a);
  });

  it('answers 422 invalid naming the field for schema and rubric violations, changing nothing', async () => {
    const a = await aliceAssignment();
    const cases: [Loose, string][] = [
      [reviewBody(a.id, { scores: { 'c-plan': 9, 'c-engage': 4, 'c-assess': 4 } }), 'scores.c-plan'],
      [reviewBody(a.id, { scores: { 'c-plan': 4, 'c-engage': 4 } }), 'scores.c-assess'],
      [reviewBody(a.id, { scores: { 'c-plan': 2, 'c-engage': 4, 'c-assess': 4 }, criterionFeedback: {} }), 'criterionFeedback.c-plan'],
      [reviewBody(a.id, { scores: { 'c-plan': 'high', 'c-engage': 4, 'c-assess': 4 } }), 'scores.c-plan'],
      [reviewBody(a.id, { notes: [{ artifactId: 'art_elsewhere', atSec: 3, text: 'look' }] }), 'notes.0.artifactId'],
      [reviewBody(a.id, { timeSpentSec: -1 }), 'timeSpentSec'],
    ];
    for (const [body, path] of cases) {
      const res = await hub.as('alice').put(`/v1/reviews/${newReviewId()}`, body);
      expect(res.status, path).toBe(422);
      expect(res.body.error.code).toBe('invalid');
      expect((res.body.error.details as { path: string }[]).map((d) => d.path)).toContain(path);
    }
    await expectUnchanged(a);
  });

  it('answers 409 stale_rubric when the review is on another rubric version', async () => {
    const a = await aliceAssignment();
    const res = await hub.as('alice').put(`/v1/reviews/${newReviewId()}`, reviewBody(a.id, { rubricVersion: 2 }));
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'stale_rubric', details: { rubricId: 'rub-teach', rubricVersion: 1 } });
    await expectUnchanged(a);
  });

  it('answers 409 assignment_revoked after a recusal', async () => {
    const a = await aliceAssignment();
    expect((await hub.as('alice').post(`/v1/assignments/${a.id}/recusal`, { reason: 'Conflict' })).status).toBe(200);
    const res = await hub.as('alice').put(`/v1/reviews/${newReviewId()}`, reviewBody(a.id));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('assignment_revoked');
  });

  it('answers 409 locked_criterion when a resubmission changes a criterion met before', async () => {
    const { assignments } = await hub.submit('cand-2', { previousSubmissionId: 'sub-prev-2' });
    const a = assignments[0];
    expect(a.assessorId).toBe('u-alice');
    const locked = { 'c-plan': 4, 'c-assess': 3 };
    const feedback = { 'c-plan': 'Clear plan of questions.', 'c-engage': 'Much better.', 'c-assess': 'Good exit ticket.' };
    const changedLevel = reviewBody(a.id, { scores: { ...locked, 'c-plan': 5, 'c-engage': 4 }, criterionFeedback: feedback });
    const res = await hub.as('alice').put(`/v1/reviews/${newReviewId()}`, changedLevel);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'locked_criterion', details: { criterionIds: ['c-plan'] } });
    const changedFeedback = reviewBody(a.id, { scores: { ...locked, 'c-engage': 4 }, criterionFeedback: { ...feedback, 'c-assess': 'New words' } });
    const res2 = await hub.as('alice').put(`/v1/reviews/${newReviewId()}`, changedFeedback);
    expect(res2.body.error).toMatchObject({ code: 'locked_criterion', details: { criterionIds: ['c-assess'] } });
    await expectUnchanged(a);
    const keeps = await hub.as('alice').put(`/v1/reviews/${newReviewId()}`, reviewBody(a.id, { scores: { ...locked, 'c-engage': 4 }, criterionFeedback: feedback }));
    expect(keeps.status).toBe(201);
    expect(keeps.body.decision).toBe('earned');
  });
});
