import type { StoredReview } from '../../../shared/index.ts';
import type { AssignmentRecord } from '../../repos/assignments.ts';
import type { Repos } from '../../repos/index.ts';

export type Read = { assignment: AssignmentRecord; review: StoredReview | null };
export type Reads = { first: Read | null; second: Read | null };

const LIVE = new Set(['assigned', 'in_progress', 'submitted']);

/** A submission's live primary and second reads, each with its review once submitted. */
export async function readsOf(repos: Repos, submissionId: string): Promise<Reads> {
  const live = (await repos.assignments.ofSubmission(submissionId)).filter((a) => LIVE.has(a.state));
  const load = async (role: 'primary' | 'second'): Promise<Read | null> => {
    const assignment = live.find((a) => a.role === role);
    if (!assignment) return null;
    return { assignment, review: (await repos.reviews.byAssignment(assignment.id))?.review ?? null };
  };
  return { first: await load('primary'), second: await load('second') };
}

/** Both reads, once both are in, [first, second]. */
export function bothReads(reads: Reads): [StoredReview, StoredReview] | null {
  return reads.first?.review && reads.second?.review ? [reads.first.review, reads.second.review] : null;
}

/** The readers of a submission over its whole history (a recused or reassigned reader is still one). */
export async function readerIds(repos: Repos, submissionId: string): Promise<Set<string>> {
  const all = await repos.assignments.ofSubmission(submissionId);
  return new Set(all.filter((a) => a.role === 'primary' || a.role === 'second').map((a) => a.assessorId));
}
