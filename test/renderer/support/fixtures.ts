import { Rubric, RoutingPolicy, SubmissionView, type Draft, type LockedCriterion, type StoredReview } from '../../../shared/index.ts';

/** A small 5-point rubric with each feedback rule once. */
export const rubric: Rubric = Rubric.parse({
  id: 'rub-q',
  version: 1,
  title: 'Questioning rubric',
  scale: { points: 5, labels: ['Beginning', 'Developing', 'Proficient', 'Accomplished', 'Exemplary'] },
  threshold: 3,
  criteria: [
    { id: 'c-questions', title: 'Questioning techniques', description: 'Open questions that raise thinking.', weight: 2, metLevel: 3, feedback: 'required_below_met', levels: ['Q1 closed only', 'Q2 some open', 'Q3 mostly open', 'Q4 builds on answers', 'Q5 students ask'] },
    { id: 'c-discourse', title: 'Student discourse', description: 'Students talk to each other.', weight: 1, metLevel: 3, feedback: 'required', levels: ['D1', 'D2', 'D3', 'D4', 'D5'] },
    { id: 'c-reflection', title: 'Reflection on practice', description: 'Names what to change.', weight: 1, metLevel: 3, feedback: 'optional', levels: ['R1', 'R2', 'R3', 'R4', 'R5'] },
  ],
});

const HOUR = 3_600_000;
const iso = (offsetMs: number) => new Date(Date.UTC(2026, 10, 20, 12) + offsetMs).toISOString();

export function makeView(opts: { locked?: Record<string, LockedCriterion>; previous?: StoredReview | null } = {}): SubmissionView {
  const previous = opts.previous ?? null;
  return SubmissionView.parse({
    assignment: {
      id: 'as-1', submissionId: 'sub-2', assessorId: 'u-ana', role: 'primary', state: 'in_progress',
      assignedAt: iso(0), dueAt: iso(7 * 24 * HOUR), locked: opts.locked ?? {},
    },
    submission: {
      id: 'sub-2', microCredentialId: 'mc-q', candidateRef: 'cand-17', attempt: previous ? 2 : 1,
      previousSubmissionId: previous ? 'sub-1' : null, submittedAt: iso(-HOUR), reflection: 'I tried wait time after each question.',
      rubricId: 'rub-q', rubricVersion: 1, artifacts: [],
    },
    rubric,
    microCredential: {
      id: 'mc-q', title: 'Questioning for deeper thinking', competency: 'Questioning', issuer: 'Demo issuer', rubricId: 'rub-q', rubricVersion: 1,
      policy: RoutingPolicy.parse({ validity: { rate: 0 } }),
    },
    artifacts: [],
    previous: previous
      ? {
          submission: {
            id: 'sub-1', microCredentialId: 'mc-q', candidateRef: 'cand-17', attempt: 1, previousSubmissionId: null,
            submittedAt: iso(-30 * 24 * HOUR), reflection: '', rubricId: 'rub-q', rubricVersion: 1, artifacts: [],
          },
          review: previous,
        }
      : null,
    locked: opts.locked ?? {},
    readOnlyReason: null,
  });
}

export function emptyDraft(assignmentId = 'as-1'): Draft {
  return {
    assignmentId, reviewId: '0b7c3f0e-8a4b-4c1d-9e2f-3a5b6c7d8e9f', revision: 0, savedAt: null,
    scores: {}, criterionFeedback: {}, criterionRationale: {}, criterionBasis: {}, rationale: '', overallFeedback: '', notes: [], timeSpentSec: 0, status: 'draft',
  };
}

export const previousReview: StoredReview = {
  id: '1a2b3c4d-1111-4222-8333-444455556666', assignmentId: 'as-0', rubricId: 'rub-q', rubricVersion: 1,
  scores: { 'c-questions': 4, 'c-discourse': 2, 'c-reflection': 3 },
  criterionFeedback: { 'c-questions': 'Strong follow-ups.', 'c-discourse': 'Students rarely respond to each other.', 'c-reflection': '' },
  overallFeedback: '', notes: [], timeSpentSec: 900, decision: 'not_yet', receivedAt: iso(-29 * 24 * HOUR), assessorId: 'u-ana', submissionId: 'sub-1',
};
