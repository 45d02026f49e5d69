import type { Assignment, Submission } from '../../../shared/index.ts';
import type { AssignmentRecord } from '../../repos/assignments.ts';
import type { Repos } from '../../repos/index.ts';
import type { SubmissionRecord } from '../../repos/submissions.ts';
import { resolutionViews } from '../scoring/tasks.ts';

/** Stored rows in their wire shapes (shared/domain), each list loaded with one query per table. */
export async function toWireAssignments(repos: Repos, records: readonly AssignmentRecord[]): Promise<Assignment[]> {
  const previous = await repos.reviews.byIds([...new Set(records.flatMap((a) => (a.previousReviewId ? [a.previousReviewId] : [])))]);
  const resolution = await resolutionViews(repos, records);
  return records.map((a) => {
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
    const prev = a.previousReviewId ? previous.get(a.previousReviewId) : undefined;
    if (a.previousSubmissionId && prev) wire.previous = { submissionId: a.previousSubmissionId, review: prev.review };
    return { ...wire, ...resolution.get(a.id) };
  });
}

export async function toWireAssignment(repos: Repos, a: AssignmentRecord): Promise<Assignment> {
  return (await toWireAssignments(repos, [a]))[0]!;
}

export async function toWireSubmissions(repos: Repos, records: readonly SubmissionRecord[]): Promise<Submission[]> {
  const artifacts = await repos.artifacts.ofSubmissions(records.map((s) => s.id));
  return records.map((s) => ({ ...s, artifacts: artifacts.get(s.id) ?? [] }));
}

export async function toWireSubmission(repos: Repos, s: SubmissionRecord): Promise<Submission> {
  return (await toWireSubmissions(repos, [s]))[0]!;
}
