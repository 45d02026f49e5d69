import type { Assignment, Submission } from '../../shared/index.ts';
import type { AssignmentRecord } from '../repos/assignments.ts';
import type { Repos } from '../repos/index.ts';
import type { SubmissionRecord } from '../repos/submissions.ts';

/** Stored rows in their wire shapes (shared/domain). */
export function toWireAssignment(repos: Repos, a: AssignmentRecord): Assignment {
  const wire: Assignment = {
    id: a.id,
    submissionId: a.submissionId,
    assessorId: a.assessorId,
    role: a.role,
    state: a.state,
    assignedAt: a.assignedAt,
    dueAt: a.dueAt,
    locked: a.locked,
  };
  const prev = a.previousReviewId ? repos.reviews.byId(a.previousReviewId) : undefined;
  if (a.previousSubmissionId && prev) wire.previous = { submissionId: a.previousSubmissionId, review: prev.review };
  return wire;
}

export function toWireSubmission(repos: Repos, s: SubmissionRecord): Submission {
  return { ...s, artifacts: repos.artifacts.ofSubmission(s.id) };
}
