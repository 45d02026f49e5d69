import type { StoredReview } from '../../../shared/index.ts';
import type { AssignmentRecord } from '../../repos/assignments.ts';
import type { HubContext, Tx } from '../context.ts';
import type { Routing } from '../review/routing.ts';
import { routeWaitingFor } from '../accounts/users.ts';
import { createAttempts } from './attempts.ts';
import { createPolicies } from './policy.ts';
import { createCalibrationSets } from './sets.ts';
import type { Validity } from './validity.ts';

/** Calibration as one service: policies, sets and master scoring, attempts, validity reads. */
export function createCalibration(ctx: HubContext, routing: Routing, validity: Validity) {
  const attempts = createAttempts(ctx, (tx, actor, userId) => routeWaitingFor(routing, tx, actor, userId));
  return {
    policies: createPolicies(ctx),
    sets: createCalibrationSets(ctx),
    attempts,
    validity,
    /** Every stored review passes here in its write transaction: copies are scored against their item's master review. */
    async afterReview(tx: Tx, assignment: AssignmentRecord, review: StoredReview): Promise<void> {
      const use = await tx.repos.submissions.useOf(review.submissionId);
      if (use?.purpose !== 'copy' || use.sourceSubmissionId === null) return;
      const attemptId = await tx.repos.calibration.attemptOf(assignment.id);
      if (attemptId) await attempts.onReview(tx, attemptId);
      else await validity.onRead(tx, routing, assignment, review, use.sourceSubmissionId);
    },
  };
}

export type Calibration = ReturnType<typeof createCalibration>;
