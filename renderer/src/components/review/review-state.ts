import type { Draft, LockedCriterion, SubmissionView } from '../../../../shared/index.ts';

/** The levels and feedback that count: the draft's, with locked criteria fixed to their earlier read. */
export function effectiveReview(draft: Draft, locked: Readonly<Record<string, LockedCriterion>>) {
  const scores: Record<string, number> = { ...draft.scores };
  const feedback: Record<string, string> = { ...draft.criterionFeedback };
  for (const [id, lock] of Object.entries(locked)) {
    scores[id] = lock.level;
    feedback[id] = lock.feedback;
  }
  return { scores, feedback };
}

/** Why the review cannot be edited, in words for the save status; null while it is a draft. */
export function readOnlyText(view: SubmissionView, draft: Draft): string | null {
  switch (draft.status) {
    case 'queued':
      return 'Submitted: waiting to reach the hub';
    case 'synced':
      return 'Submitted and received by the hub';
    case 'read_only':
      return `Read-only: ${draft.statusReason ?? view.readOnlyReason ?? 'no longer assigned to you'}`;
    default:
      return view.readOnlyReason ? `Read-only: ${view.readOnlyReason}` : null;
  }
}
