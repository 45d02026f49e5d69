import { ErrorCode, type Assignment } from '../../../shared/index.ts';
import { conflict, notFound } from '../../http/errors.ts';
import type { HubContext } from '../context.ts';
import type { Routing } from './routing.ts';
import type { DoubleScoringService } from '../scoring/index.ts';
import { toWireAssignment } from '../sync/wire.ts';

/** An assessor steps back from an assignment; the submission is routed to someone else. */
export function createRecusal(ctx: HubContext, routing: Routing, scoring: DoubleScoringService) {
  const recuse = (userId: string, assignmentId: string, reason: string): Promise<Assignment> => ctx.write(async (tx) => {
    const { repos } = tx;
    const assignment = await repos.assignments.byId(assignmentId);
    if (!assignment || assignment.assessorId !== userId) throw notFound('assignment');
    // A retried recusal answers as the first one did.
    if (assignment.state === 'recused') return toWireAssignment(repos, assignment);
    if (assignment.state === 'submitted') throw conflict(ErrorCode.alreadySubmitted, 'a review was already submitted for this assignment');
    if (assignment.state === 'revoked') throw conflict(ErrorCode.assignmentRevoked, 'the assignment was revoked', { state: 'revoked' });
    const submission = await repos.submissions.byId(assignment.submissionId);
    if (!submission) throw notFound('submission');
    const at = ctx.now().toISOString();
    await repos.assignments.setState(assignment.id, 'recused', await repos.meta.nextChangeSeq(), reason);
    await repos.assignments.recordRecusal(assignment.id, userId, submission.candidateRef, reason, at);
    await tx.audit(userId, 'assignment.recused', assignment.id, { submissionId: submission.id, reason });
    if (scoring.isResolutionTask(assignment.role)) await scoring.rerouteTask(tx, submission, assignment, userId);
    else await routing.route(tx, submission, { actor: userId, role: assignment.role });
    return toWireAssignment(repos, (await repos.assignments.byId(assignment.id))!);
  });
  return { recuse };
}

export type Recusal = ReturnType<typeof createRecusal>;
