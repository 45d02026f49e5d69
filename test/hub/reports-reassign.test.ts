// Staff reassigning open work: the old assignment leaves its assessor's sync, the new one
// reaches another eligible assessor, the move is audited; a resubmission stays with its
// original assessor until its due date has passed; and every refusal changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubContentHash } from '../support/hub-content.ts';
import type { Loose } from '../support/hub.ts';
import { calibrationItem } from './calibration-helpers.ts';
import { auditEvents, newReviewId, reviewBody } from './fixture-helpers.ts';
import { DAY_MS, startClockedHub, type ClockedHub } from './reports-helpers.ts';
import { displayNamesOf, MASTERS, scoringManifest, usernameOf } from './scoring-helpers.ts';

const READERS = ['alice', 'bob', 'carol'];

describe('POST /v1/assignments/{id}/reassign', () => {
  let hub: ClockedHub;
  let manifest: string;
  beforeAll(async () => {
    manifest = scoringManifest({});
    hub = await startClockedHub(manifest, [...READERS, ...MASTERS], Date.parse('2026-10-05T09:00:00.000Z'));
  }, 60_000);
  afterAll(async () => {
    await hub?.stop();
  });

  const reassign = (id: string, body: unknown = { reason: 'The assessor is away this week.' }) => hub.as('sam').post(`/v1/assignments/${id}/reassign`, body);

  /** Answers with this status and error code, and leaves the database exactly as it was. */
  async function refused(id: string, body: unknown, status: number, code: string) {
    const before = await hubContentHash(hub);
    const res = await reassign(id, body);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.error).toMatchObject({ code, message: expect.any(String) });
    expect(await hubContentHash(hub), `${code} changed nothing`).toBe(before);
    return res.body.error;
  }

  it('moves open work to another assessor: withdrawn from the old one\'s sync, delivered to the new one\'s, audited', async () => {
    const { assignments } = await hub.submit('cand-move');
    const old = assignments[0];
    const from = usernameOf(old.assessorId);
    const cursor = (await hub.as(from).get('/v1/sync')).body.cursor;
    const res = await reassign(old.id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { assignment, previous } = res.body;
    expect(previous).toMatchObject({ id: old.id, state: 'revoked', assessorId: old.assessorId });
    expect(assignment).toMatchObject({ submissionId: old.submissionId, role: 'primary', state: 'assigned' });
    expect(assignment.assessorId).not.toBe(old.assessorId);
    const names = displayNamesOf(manifest);
    expect(res.body.assessorNames).toEqual({ [old.assessorId]: names.get(old.assessorId), [assignment.assessorId]: names.get(assignment.assessorId) });
    const oldSync = (await hub.as(from).get(`/v1/sync?cursor=${cursor}`)).body;
    expect(oldSync.revoked).toContain(old.id);
    expect(oldSync.assignments.map((a: Loose) => a.id)).not.toContain(old.id);
    const newSync = (await hub.as(usernameOf(assignment.assessorId)).get('/v1/sync')).body;
    expect(newSync.assignments.map((a: Loose) => a.id)).toContain(assignment.id);
    expect(newSync.submissions.map((s: Loose) => s.id)).toContain(old.submissionId);
    const [event] = (await auditEvents(hub, 'assignment.reassigned')).filter((e) => e.subject === old.id);
    expect(event).toMatchObject({ actor: expect.any(String), payload: { fromAssessorId: old.assessorId, toAssessorId: assignment.assessorId, newAssignmentId: assignment.id,
      reason: 'The assessor is away this week.', resubmission: false } });
    const late = await hub.as(from).put(`/v1/reviews/${newReviewId()}`, reviewBody(old.id));
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('assignment_revoked');
    await refused(old.id, { reason: 'Again.' }, 409, 'assignment_closed');
  });

  it('keeps a resubmission with its original assessor until its due date has passed, then moves it', async () => {
    const first = await hub.submit('cand-again');
    const original = first.assignments[0];
    const review = await hub.as(usernameOf(original.assessorId)).put(`/v1/reviews/${newReviewId()}`, reviewBody(original.id, {
      scores: { 'c-plan': 1, 'c-engage': 1, 'c-assess': 1 }, criterionFeedback: { 'c-plan': 'Not yet.', 'c-engage': 'Not yet.', 'c-assess': 'Not yet.' },
    }));
    expect(review.status, JSON.stringify(review.body)).toBe(201);
    expect(review.body.decision).toBe('not_yet');
    const again = await hub.submit('cand-again', { previousSubmissionId: first.submission.id });
    const held = again.assignments[0];
    expect(held.assessorId, 'the resubmission went back to its original assessor').toBe(original.assessorId);
    const report = (await hub.as('sam').get('/v1/reports/turnaround?microCredentialId=mc-questioning')).body;
    expect(report.openWork.find((w: Loose) => w.assignmentId === held.id)).toBeUndefined();

    hub.clock.set(Date.parse(held.dueAt) - 60_000);
    const soon = (await hub.as('sam').get('/v1/reports/turnaround?microCredentialId=mc-questioning')).body;
    expect(soon.openWork.find((w: Loose) => w.assignmentId === held.id)).toMatchObject({ overdue: false, resubmission: true, dueAt: held.dueAt });
    const error = await refused(held.id, { reason: 'Too slow.' }, 409, 'resubmission_not_due');
    expect(error.details).toEqual({ dueAt: held.dueAt });

    hub.clock.set(Date.parse(held.dueAt) + 60_000);
    const overdue = (await hub.as('sam').get('/v1/reports/turnaround?microCredentialId=mc-questioning')).body;
    expect(overdue.openWork.find((w: Loose) => w.assignmentId === held.id)).toMatchObject({ overdue: true, resubmission: true });
    const res = await reassign(held.id, { reason: 'Overdue resubmission.' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.assignment.assessorId).not.toBe(original.assessorId);
    expect(res.body.assignment.previous?.submissionId, 'the new assessor sees the earlier attempt too').toBe(first.submission.id);
    const [event] = (await auditEvents(hub, 'assignment.reassigned')).filter((e) => e.subject === held.id);
    expect(event.payload).toMatchObject({ resubmission: true, reason: 'Overdue resubmission.' });
    hub.clock.advance(DAY_MS);
  });

  it('refuses unknown, closed and non-live work and bad bodies, changing nothing', async () => {
    await refused('asg_nothing_here', { reason: 'x' }, 404, 'not_found');
    const { assignments } = await hub.submit('cand-bodies');
    const open = assignments[0];
    for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: 'ok', extra: 1 }, { reason: 7 }, { reason: 'x'.repeat(1001) }]) await refused(open.id, body, 422, 'invalid');
    const before = await hubContentHash(hub);
    const malformed = await hub.as('sam').post(`/v1/assignments/${open.id}/reassign`, '{"reason":', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    expect(await hubContentHash(hub)).toBe(before);
    const done = await hub.as(usernameOf(open.assessorId)).put(`/v1/reviews/${newReviewId()}`, reviewBody(open.id));
    expect(done.status).toBe(201);
    await refused(open.id, { reason: 'Too late.' }, 409, 'assignment_closed');
    const item = await calibrationItem(hub, 'cand-cal-item');
    const set = await hub.as('sam').post('/v1/calibration-sets', { microCredentialId: 'mc-questioning', title: 'Reassign set', submissionIds: [item.id] });
    expect(set.status).toBe(201);
    await refused(set.body.set.items[0].masterAssignmentId, { reason: 'Not this.' }, 409, 'not_reassignable');
  });

  it('refuses when nobody else is eligible, leaving the work where it was', async () => {
    const { assignments } = await hub.submit('cand-alone');
    const open = assignments[0];
    for (const reader of READERS.filter((r) => `u-${r}` !== open.assessorId)) {
      expect((await hub.as('sam').patch(`/v1/users/u-${reader}`, { active: false })).status).toBe(200);
    }
    await refused(open.id, { reason: 'No one else.' }, 409, 'no_eligible_assessor');
    const sync = (await hub.as(usernameOf(open.assessorId)).get('/v1/sync')).body;
    expect(sync.assignments.find((a: Loose) => a.id === open.id)).toMatchObject({ state: 'assigned' });
  });
});
