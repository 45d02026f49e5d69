import { decide, type SubmissionResult } from '../../../shared/index.ts';
import { notFound } from '../../http/errors.ts';
import type { HubContext } from '../context.ts';
import { finalResultOf } from '../scoring/views.ts';

/**
 * A submission's outcome for the issuer's systems: pending until it is final (its primary
 * read, or for a double-scored submission the end of its resolution), then one coherent
 * set of levels and feedback with the basis it rests on.
 */
export function createResults(ctx: HubContext) {
  return {
    result: (submissionId: string): Promise<SubmissionResult> => ctx.read(async (repos) => {
      const submission = await repos.submissions.byId(submissionId);
      // Calibration items and their copies have no candidate, so no candidate result.
      if (!submission || (await repos.submissions.useOf(submissionId))?.purpose !== 'live') throw notFound('submission');
      const final = await finalResultOf(repos, submissionId);
      if (!final) return { submissionId, status: 'pending' };
      const rubric = await repos.catalog.rubric(submission.rubricId, submission.rubricVersion);
      if (!rubric) throw notFound('rubric');
      const outcome = decide(rubric, final.scores);
      return {
        submissionId,
        status: 'final',
        decision: final.decision,
        decidedAt: final.decidedAt,
        reviewId: final.sourceId,
        rubricId: submission.rubricId,
        rubricVersion: submission.rubricVersion,
        weightedMean: final.weightedMean,
        criteria: outcome.criteria.map((c) => ({
          criterionId: c.criterionId,
          title: c.title,
          level: c.level ?? 0,
          label: rubric.scale.labels[(c.level ?? 1) - 1] ?? '',
          met: c.met,
          feedback: final.criterionFeedback[c.criterionId] ?? '',
        })),
        overallFeedback: final.overallFeedback,
        basis: final.basis,
      };
    }),
  };
}

export type Results = ReturnType<typeof createResults>;
