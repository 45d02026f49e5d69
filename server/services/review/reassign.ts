import { ErrorCode, type ReassignResponse } from '../../../shared/index.ts';
import { conflict, notFound } from '../../http/errors.ts';
import type { HubContext } from '../context.ts';
import { toWireAssignment } from '../sync/wire.ts';
import type { Routing } from './routing.ts';

const REASSIGNABLE_ROLES = new Set(['primary', 'second']);

/**
 * Staff move open work to another assessor (issue #13). The old assignment is revoked, which
 * withdraws it from its assessor's next sync (as drift suspension does); live routing picks
 * the new assessor with today's eligibility, leaving the old one out. A resubmission held by
 * its original assessor stays with them until its due date has passed.
 */
export function createReassignment(ctx: HubContext, routing: Routing) {
  const reassign = (actor: string, assignmentId: string, reason: string): Promise<ReassignResponse> => ctx.write(async (tx) => {
    const { repos } = tx;
    const assignment = await repos.assignments.byId(assignmentId);
    if (!assignment) throw notFound('assignment');
    if (assignment.state !== 'assigned' && assignment.state !== 'in_progress') {
      throw conflict(ErrorCode.assignmentClosed, `the assignment is ${assignment.state}: only open work can be reassigned`, { state: assignment.state });
    }
    const submission = (await repos.submissions.byId(assignment.submissionId))!;
    const use = await repos.submissions.useOf(submission.id);
    if (!REASSIGNABLE_ROLES.has(assignment.role) || use?.purpose !== 'live') {
      throw conflict(ErrorCode.notReassignable, 'only primary and second reads of live submissions can be reassigned', { role: assignment.role, purpose: use?.purpose });
    }
    const now = ctx.now();
    const previous = assignment.previousReviewId ? await repos.reviews.byId(assignment.previousReviewId) : undefined;
    const original = previous !== undefined && previous.review.assessorId === assignment.assessorId;
    if (original && Date.parse(assignment.dueAt) > now.getTime()) {
      throw conflict(ErrorCode.resubmissionNotDue, 'a resubmission stays with its original assessor until its due date has passed', { dueAt: assignment.dueAt });
    }
    await repos.assignments.setState(assignment.id, 'revoked', await repos.meta.nextChangeSeq());
    const next = await routing.route(tx, submission, { actor, role: assignment.role, exclude: new Set([assignment.assessorId]) });
    // Throwing rolls the revocation back with everything else: the work stays where it was.
    if (!next) throw conflict(ErrorCode.noEligibleAssessor, 'no other eligible assessor can take this work now', { submissionId: submission.id });
    await tx.audit(actor, 'assignment.reassigned', assignment.id, {
      submissionId: submission.id, fromAssessorId: assignment.assessorId, toAssessorId: next.assessorId, newAssignmentId: next.id, reason,
      dueAt: assignment.dueAt, resubmission: original, at: now.toISOString(),
    });
    const names = await repos.reports.displayNames([assignment.assessorId, next.assessorId]);
    return {
      assignment: await toWireAssignment(repos, next),
      previous: await toWireAssignment(repos, (await repos.assignments.byId(assignment.id))!),
      assessorNames: Object.fromEntries(names),
    };
  });
  return { reassign };
}

export type Reassignment = ReturnType<typeof createReassignment>;
