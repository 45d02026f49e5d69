import { ErrorCode, type Assignment } from '../../../shared/index.ts';
import { conflict, invalid, notFound } from '../../http/errors.ts';
import type { CalibrationSets } from '../calibration/sets.ts';
import type { HubContext } from '../context.ts';
import type { Routing } from './routing.ts';
import type { DoubleScoringService } from '../scoring/index.ts';
import { toWireAssignment } from '../sync/wire.ts';

/** An assessor steps back from an assignment; the submission is routed to someone else. */
export function createRecusal(ctx: HubContext, routing: Routing, scoring: DoubleScoringService, sets: CalibrationSets) {
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
    if (assignment.role === 'calibration') {
      throw invalid('a calibration item cannot be recused', [{ path: 'assignmentId', message: 'calibration items have no real candidate to be in conflict with' }]);
    }
    const at = ctx.now().toISOString();
    await repos.assignments.setState(assignment.id, 'recused', await repos.meta.nextChangeSeq(), reason);
    await repos.assignments.recordRecusal(assignment.id, userId, submission.candidateRef, reason, at);
    await tx.audit(userId, 'assignment.recused', assignment.id, { submissionId: submission.id, reason });
    const use = await repos.submissions.useOf(submission.id);
    // A master item goes to another master rater; a validity item simply ends (the next draw seeds another).
    if (assignment.role === 'master') await sets.routeMaster(tx, submission, userId, new Set([userId]));
    else if (scoring.isResolutionTask(assignment.role)) await scoring.rerouteTask(tx, submission, assignment, userId);
    else if (use?.purpose === 'live') await routing.route(tx, submission, { actor: userId, role: assignment.role });
    return toWireAssignment(repos, (await repos.assignments.byId(assignment.id))!);
  });
  return { recuse };
}

export type Recusal = ReturnType<typeof createRecusal>;
