import { DEFAULT_SLA_DAYS, lockedFromPrevious, type AssignmentRole } from '../../shared/index.ts';
import type { AssignmentRecord } from '../repos/assignments.ts';
import type { Candidate, SubmissionRecord } from '../repos/submissions.ts';
import type { UserRecord } from '../repos/users.ts';
import type { AuditAppend } from './audit.ts';
import { addDays, newId, type HubContext } from './context.ts';

/** Why an assessor may not take a submission; the audit log records it on a fallback. */
export type ExclusionReason = 'not_assessor' | 'inactive' | 'qualification_expired' | 'conflict' | 'recused';

export type RouteOptions = {
  actor: string;
  /** When the assignment starts (the seeder back-dates demo work); defaults to now. */
  assignedAt?: string;
  role?: AssignmentRole;
};

/**
 * Assignment routing: eligibility (active, qualified now, no conflict), the previous
 * assessor first for a resubmission, otherwise least open work with username as tie-break.
 * Runs inside the caller's transaction.
 */
export function createRouting(ctx: HubContext, audit: AuditAppend) {
  const { repos } = ctx;

  function exclusion(user: UserRecord, submission: SubmissionRecord, candidate: Candidate | undefined): ExclusionReason | null {
    if (!user.roles.includes('assessor')) return 'not_assessor';
    if (!user.active) return 'inactive';
    const until = repos.users.qualification(user.id, submission.microCredentialId);
    if (until === undefined || Date.parse(until) <= ctx.now().getTime()) return 'qualification_expired';
    const same = (a: string | null | undefined, b: string | null | undefined) => a != null && b != null && a === b;
    if (candidate && (same(user.school, candidate.school) || same(user.district, candidate.district))) return 'conflict';
    if (repos.assignments.hasRecused(user.id, submission.candidateRef)) return 'recused';
    return null;
  }

  function leastOpenWork(submission: SubmissionRecord, candidate: Candidate | undefined, taken: ReadonlySet<string>): UserRecord | undefined {
    const open = repos.assignments.openWork();
    const eligible = repos.users
      .withRole('assessor')
      .filter((u) => !taken.has(u.id) && exclusion(u, submission, candidate) === null)
      .sort((a, b) => (open.get(a.id) ?? 0) - (open.get(b.id) ?? 0) || (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
    return eligible[0];
  }

  function chooseAssessor(submission: SubmissionRecord, actor: string): { user: UserRecord; rule: string } | undefined {
    const candidate = repos.submissions.candidate(submission.candidateRef);
    const taken = new Set(repos.assignments.ofSubmission(submission.id).filter((a) => a.state !== 'recused' && a.state !== 'revoked').map((a) => a.assessorId));
    const prevDecision = submission.previousSubmissionId ? repos.reviews.decisionOf(submission.previousSubmissionId) : undefined;
    if (prevDecision) {
      const original = repos.users.byId(prevDecision.review.assessorId);
      const reason = original ? exclusion(original, submission, candidate) : 'inactive';
      if (original && reason === null && !taken.has(original.id)) return { user: original, rule: 'previous_assessor' };
      audit(actor, 'routing.original_excluded', submission.id, {
        assessorId: prevDecision.review.assessorId,
        reason: reason ?? 'recused',
        previousSubmissionId: submission.previousSubmissionId,
      });
    }
    const user = leastOpenWork(submission, candidate, taken);
    return user && { user, rule: 'least_open_work' };
  }

  return {
    exclusion,
    /** Creates the submission's next assignment, or records that nobody is eligible. */
    route(submission: SubmissionRecord, opts: RouteOptions): AssignmentRecord | null {
      const chosen = chooseAssessor(submission, opts.actor);
      if (!chosen) {
        audit(opts.actor, 'submission.unassigned', submission.id, { reason: 'no_eligible_assessor' });
        return null;
      }
      const mc = repos.catalog.microCredential(submission.microCredentialId);
      const rubric = repos.catalog.rubric(submission.rubricId, submission.rubricVersion);
      const prev = submission.previousSubmissionId ? repos.reviews.decisionOf(submission.previousSubmissionId) : undefined;
      const assignedAt = opts.assignedAt ?? ctx.now().toISOString();
      const record: AssignmentRecord = {
        id: newId('asg'),
        submissionId: submission.id,
        assessorId: chosen.user.id,
        role: opts.role ?? 'primary',
        state: 'assigned',
        assignedAt,
        dueAt: addDays(assignedAt, mc?.policy.slaDays ?? DEFAULT_SLA_DAYS),
        locked: prev && rubric ? lockedFromPrevious(rubric, prev.review) : {},
        previousSubmissionId: prev ? submission.previousSubmissionId : null,
        previousReviewId: prev?.review.id ?? null,
        recusalReason: null,
        changeSeq: repos.meta.nextChangeSeq(),
      };
      repos.assignments.insert(record);
      audit(opts.actor, 'assignment.created', record.id, {
        submissionId: submission.id,
        assessorId: record.assessorId,
        role: record.role,
        dueAt: record.dueAt,
        rule: chosen.rule,
        lockedCriteria: Object.keys(record.locked),
      });
      return record;
    },
  };
}

export type Routing = ReturnType<typeof createRouting>;
