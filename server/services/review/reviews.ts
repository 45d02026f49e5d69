import { canonicalJson, decide, ErrorCode, lockedViolations, ReviewBody, validateReview, type StoredReview } from '../../../shared/index.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import { conflict, invalid, notFound } from '../../http/errors.ts';
import type { AssignmentRecord } from '../../repos/assignments.ts';
import type { HubContext, Tx } from '../context.ts';
import type { DoubleScoringService } from '../scoring/index.ts';

export type PutReviewOutcome = { status: 200 | 201; review: StoredReview };

/** Runs in the review's write transaction once it is stored (calibration scoring hooks in here). */
export type AfterReview = (tx: Tx, assignment: AssignmentRecord, review: StoredReview) => Promise<void>;

/**
 * Review intake, idempotent by the client-generated review id. The checks run in the
 * order the protocol documents, so a replay is recognised before any state conflict.
 */
export function createReviews(ctx: HubContext, scoring: DoubleScoringService, afterReview: AfterReview) {
  async function store(tx: Tx, userId: string, reviewId: string, body: ReviewBody): Promise<PutReviewOutcome> {
    const { repos, audit } = tx;
    const assignment = await repos.assignments.byId(body.assignmentId);
    if (!assignment || assignment.assessorId !== userId) throw notFound('assignment');
    scoring.refuseResolutionTask(assignment);
    const existing = await repos.reviews.byId(reviewId);
    if (existing) {
      if (existing.review.assessorId !== userId) throw notFound('review');
      if (canonicalJson(ReviewBody.parse(existing.review)) === canonicalJson(body)) return { status: 200, review: existing.review };
      throw conflict(ErrorCode.reviewIdConflict, 'this review id was already used with a different body');
    }
    if (assignment.state === 'revoked' || assignment.state === 'recused') {
      throw conflict(ErrorCode.assignmentRevoked, `the assignment was ${assignment.state}`, { state: assignment.state });
    }
    const other = await repos.reviews.byAssignment(assignment.id);
    if (assignment.state === 'submitted' || other) {
      throw conflict(ErrorCode.alreadySubmitted, 'a review was already submitted for this assignment', { reviewId: other?.review.id });
    }
    const submission = await repos.submissions.byId(assignment.submissionId);
    if (!submission) throw notFound('submission');
    if (submission.rubricId !== body.rubricId || submission.rubricVersion !== body.rubricVersion) {
      throw conflict(ErrorCode.staleRubric, `the submission is scored on ${submission.rubricId} version ${submission.rubricVersion}`, {
        rubricId: submission.rubricId,
        rubricVersion: submission.rubricVersion,
      });
    }
    const rubric = await repos.catalog.rubric(submission.rubricId, submission.rubricVersion);
    if (!rubric) throw notFound('rubric');
    const artifactIds = new Set((await repos.artifacts.ofSubmission(submission.id)).map((a) => a.id));
    const issues = validateReview(rubric, body, artifactIds, { role: assignment.role });
    if (issues.length > 0) throw invalid('the review does not satisfy the rubric', issues);
    const changed = lockedViolations(assignment.locked, body);
    if (changed.length > 0) {
      throw conflict(ErrorCode.lockedCriterion, 'criteria met on the previous attempt may not change', { criterionIds: changed });
    }
    const outcome = decide(rubric, body.scores);
    const review: StoredReview = {
      ...body,
      id: reviewId,
      decision: outcome.decision!,
      receivedAt: ctx.now().toISOString(),
      assessorId: userId,
      submissionId: submission.id,
    };
    await repos.reviews.insert(review, outcome.weightedMean!);
    await repos.assignments.setState(assignment.id, 'submitted', await repos.meta.nextChangeSeq());
    // The primary read of live work decides (single scoring); the decisions list and export
    // read this row. Calibration items and their copies never decide anything for a candidate;
    // a double-scored submission is decided by its resolution instead (services/scoring).
    const doubleScored = (await repos.scoring.resolution(submission.id)) !== undefined;
    if (assignment.role === 'primary' && !doubleScored && (await repos.submissions.useOf(submission.id))?.purpose === 'live') {
      await repos.decisions.upsert({
        submissionId: submission.id, submittedAt: submission.submittedAt, candidateRef: submission.candidateRef, microCredentialId: submission.microCredentialId,
        attempt: submission.attempt,
        decision: review.decision, basis: 'single', decidedAt: review.receivedAt, assessorIds: [userId], rubricId: review.rubricId,
        rubricVersion: review.rubricVersion, reviewId: review.id, levels: review.scores,
      });
    }
    await audit(userId, 'review.submitted', review.id, {
      assignmentId: assignment.id,
      submissionId: submission.id,
      decision: review.decision,
      rubricId: review.rubricId,
      rubricVersion: review.rubricVersion,
      scores: review.scores,
      weightedMean: outcome.weightedMean,
    });
    if (doubleScored) await scoring.readSubmitted(tx, submission);
    await afterReview({ repos, audit }, assignment, review);
    return { status: 201, review };
  }

  return {
    /**
     * Writers take turns (the writers' lock), so a second PUT of the same id sees the
     * first one's row and answers 200. Should the unique key still catch a twin, the
     * rerun reads the committed review and answers the same way.
     */
    async put(userId: string, reviewId: string, body: ReviewBody): Promise<PutReviewOutcome> {
      try {
        return await ctx.write((tx) => store(tx, userId, reviewId, body));
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        return ctx.write((tx) => store(tx, userId, reviewId, body));
      }
    },
  };
}

export type Reviews = ReturnType<typeof createReviews>;
