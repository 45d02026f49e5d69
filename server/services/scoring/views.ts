import { agreementOf, type ReadsResponse, type SelectionRecord } from '../../../shared/index.ts';
import { notFound } from '../../http/errors.ts';
import type { Repos } from '../../repos/index.ts';
import type { FinalResult } from '../../repos/scoring.ts';
import type { Read } from './reads.ts';
import { readerIds, readsOf } from './reads.ts';

/**
 * A submission's one final result: the resolution's when it was double-scored (none until
 * resolution is done), otherwise its primary read (basis `single`).
 */
export async function finalResultOf(repos: Repos, submissionId: string): Promise<FinalResult | undefined> {
  const resolution = await repos.scoring.resolution(submissionId);
  if (resolution) return resolution.final ?? undefined;
  const decided = await repos.reviews.decisionOf(submissionId);
  if (!decided) return undefined;
  const { review } = decided;
  return {
    scores: review.scores, criterionFeedback: review.criterionFeedback, overallFeedback: review.overallFeedback, source: 'review', sourceId: review.id,
    decision: review.decision, weightedMean: decided.weightedMean, decidedAt: review.receivedAt, assessorIds: [review.assessorId], basis: 'single',
  };
}

export async function selectionRecord(repos: Repos, submissionId: string): Promise<SelectionRecord | null> {
  const s = await repos.scoring.selection(submissionId);
  return s ? { selected: s.selected, rule: s.rule, inputs: s.inputs, seq: s.seq } : null;
}

/**
 * Every read, the resolution and where the reads differ, for staff and master raters.
 * A master rater who holds or held a read of this submission gets 404 until its result is
 * final: both reads in is not enough, since an open adjudication is still blind to the readers.
 */
export async function readsView(repos: Repos, submissionId: string, callerId: string): Promise<ReadsResponse> {
  const submission = await repos.submissions.byId(submissionId);
  if (!submission) throw notFound('submission');
  const final = await finalResultOf(repos, submissionId);
  if (!final && (await readerIds(repos, submissionId)).has(callerId)) throw notFound('submission');
  const reads = await readsOf(repos, submissionId);
  const present = [reads.first, reads.second].filter((r): r is Read => r !== null);
  const resolution = await repos.scoring.resolution(submissionId);
  const mc = await repos.catalog.microCredential(submission.microCredentialId);
  const rubric = (await repos.catalog.rubric(submission.rubricId, submission.rubricVersion))!;
  const tolerance = mc!.policy.doubleScoring.tolerance;
  const outcome = reads.first?.review && reads.second?.review ? agreementOf(rubric, reads.first.review.scores, reads.second.review.scores, tolerance) : null;
  const rounds = resolution?.consensusStartedAt ? await repos.scoring.rounds(submissionId) : [];
  const single = !resolution;
  return {
    submissionId,
    selection: await selectionRecord(repos, submissionId),
    reads: present.flatMap((r) => (r.review ? [{ role: r.assignment.role as 'primary' | 'second', assignmentId: r.assignment.id, assessorId: r.assignment.assessorId, review: r.review }] : [])),
    pending: present.flatMap((r) => (r.review ? [] : [{ role: r.assignment.role as 'primary' | 'second', assignmentId: r.assignment.id, assessorId: r.assignment.assessorId }])),
    differing: outcome?.differing ?? [],
    agreement: outcome && { agreed: outcome.agreed, decisions: outcome.decisions, tolerance },
    resolution: {
      state: single ? (final ? 'final' : 'single') : resolution.state,
      method: resolution?.method ?? null,
      basis: final?.basis ?? null,
      decidedAt: final?.decidedAt ?? null,
      adjudication: (await repos.scoring.adjudicationOf(submissionId)) ?? null,
      consensus: resolution?.consensusStartedAt ? { startedAt: resolution.consensusStartedAt, dueAt: resolution.consensusDueAt!, rounds } : null,
      escalatedAt: resolution?.escalatedAt ?? null,
    },
  };
}
