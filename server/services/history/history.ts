import { SelectionRecord, type AuditEvent, type DecisionHistoryResponse, type HistoryRead, type Rubric } from '../../../shared/index.ts';
import type { Repos } from '../../repos/index.ts';
import { notFound } from '../../http/errors.ts';
import type { HubContext } from '../context.ts';
import { standingAt } from './standing.ts';

const SELECTION_ACTION = 'double_scoring.selected';

function selectionOf(events: readonly AuditEvent[]): SelectionRecord | null {
  const e = events.filter((x) => x.action === SELECTION_ACTION).at(-1);
  if (!e) return null;
  const parsed = SelectionRecord.safeParse({ selected: e.payload.selected ?? true, rule: e.payload.rule ?? 'unspecified', inputs: e.payload.inputs ?? {}, seq: e.seq });
  return parsed.success ? parsed.data : null;
}

/** Each rubric version named by the submission or a read, once, in the order first named. */
async function rubricsOf(repos: Repos, refs: readonly { rubricId: string; rubricVersion: number }[]): Promise<Rubric[]> {
  const distinct = new Map(refs.map((r) => [`${r.rubricId}@${r.rubricVersion}`, r]));
  const rubrics: Rubric[] = [];
  for (const { rubricId, rubricVersion } of distinct.values()) {
    const rubric = await repos.catalog.rubric(rubricId, rubricVersion);
    if (rubric) rubrics.push(rubric);
  }
  return rubrics;
}

/** Issuer staff's whole story of one decision (issue #12): no recipient, school or district in it. */
export function createHistory(ctx: HubContext) {
  const history = (submissionId: string): Promise<DecisionHistoryResponse> => ctx.read(async (repos) => {
    const submission = await repos.submissions.byId(submissionId);
    if (!submission) throw notFound('submission');
    const assignments = await repos.assignments.ofSubmission(submissionId);
    const reviews = await repos.reviews.ofSubmission(submissionId);
    // Events about the submission, its assignments or its reviews (subject or payload ids,
    // audit/refs.ts): double scoring, adjudication and consensus events name one of them too.
    const events = await repos.audit.touching([submissionId, ...assignments.map((a) => a.id), ...reviews.map((r) => r.review.id)]);
    const submittedSeq = new Map(events.filter((e) => e.action === 'review.submitted').map((e) => [e.subject, e.seq]));
    const roleOf = new Map(assignments.map((a) => [a.id, a.role]));
    const reads: HistoryRead[] = [];
    for (const { review } of reviews) {
      const beforeSeq = submittedSeq.get(review.id) ?? Number.MAX_SAFE_INTEGER;
      reads.push({
        reviewId: review.id, assignmentId: review.assignmentId, assessorId: review.assessorId, role: roleOf.get(review.assignmentId) ?? 'primary',
        receivedAt: review.receivedAt, decision: review.decision, rubricId: review.rubricId, rubricVersion: review.rubricVersion,
        scores: review.scores, criterionFeedback: review.criterionFeedback, overallFeedback: review.overallFeedback,
        standing: await standingAt(repos, review.assessorId, submission.microCredentialId, beforeSeq, review.receivedAt),
      });
    }
    const decision = await repos.decisions.of(submissionId);
    const attempts = [];
    for (const s of await repos.submissions.attemptsOf(submission.candidateRef, submission.microCredentialId)) {
      const d = s.id === submissionId ? decision : await repos.decisions.of(s.id);
      attempts.push({ submissionId: s.id, attempt: s.attempt, submittedAt: s.submittedAt, decision: d?.decision ?? null, decidedAt: d?.decidedAt ?? null });
    }
    const summary = decision && (({ reviewId: _r, levels: _l, ...rest }) => rest)(decision);
    return {
      submissionId, candidateRef: submission.candidateRef, microCredentialId: submission.microCredentialId, attempt: submission.attempt,
      submittedAt: submission.submittedAt, decision: summary ?? null, events, reads, selection: selectionOf(events), attempts,
      rubrics: await rubricsOf(repos, [submission, ...reads]),
    };
  });
  return { history };
}

export type History = ReturnType<typeof createHistory>;
