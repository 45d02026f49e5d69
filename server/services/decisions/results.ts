import { decide, type SubmissionResult } from '../../../shared/index.ts';
import { notFound } from '../../http/errors.ts';
import type { HubContext } from '../context.ts';

/** A submission's outcome for the issuer's systems: pending until its primary review arrives. */
export function createResults(ctx: HubContext) {
  return {
    result: (submissionId: string): Promise<SubmissionResult> => ctx.read(async (repos) => {
      const submission = await repos.submissions.byId(submissionId);
      // Calibration items and their copies have no candidate, so no candidate result.
      if (!submission || (await repos.submissions.useOf(submissionId))?.purpose !== 'live') throw notFound('submission');
      const decided = await repos.reviews.decisionOf(submissionId);
      if (!decided) return { submissionId, status: 'pending' };
      const { review } = decided;
      const rubric = await repos.catalog.rubric(review.rubricId, review.rubricVersion);
      if (!rubric) throw notFound('rubric');
      const outcome = decide(rubric, review.scores);
      return {
        submissionId,
        status: 'final',
        decision: review.decision,
        decidedAt: review.receivedAt,
        reviewId: review.id,
        rubricId: review.rubricId,
        rubricVersion: review.rubricVersion,
        weightedMean: decided.weightedMean,
        criteria: outcome.criteria.map((c) => ({
          criterionId: c.criterionId,
          title: c.title,
          level: c.level ?? 0,
          label: rubric.scale.labels[(c.level ?? 1) - 1] ?? '',
          met: c.met,
          feedback: review.criterionFeedback[c.criterionId] ?? '',
        })),
        overallFeedback: review.overallFeedback,
      };
    }),
  };
}

export type Results = ReturnType<typeof createResults>;
