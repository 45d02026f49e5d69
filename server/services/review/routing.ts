import { DEFAULT_SLA_DAYS, lockedFromPrevious, type AssignmentRole } from '../../../shared/index.ts';
import type { AssignmentRecord } from '../../repos/assignments.ts';
import type { Repos } from '../../repos/index.ts';
import type { Candidate, SubmissionRecord } from '../../repos/submissions.ts';
import { qualificationState, type QualificationStanding, type UserRecord } from '../../repos/users.ts';
import { addDays, newId, type HubContext, type Tx } from '../context.ts';
import { finalResultOf } from '../scoring/views.ts';

/** Why an assessor may not take a submission; the audit log records it on a fallback. */
export type ExclusionReason = 'not_assessor' | 'inactive' | 'qualification_expired' | 'qualification_suspended' | 'conflict' | 'recused';

/** Called once live work is routed: the validity seeding (services/calibration/validity.ts) hooks in here. */
export type AfterRoute = (tx: Tx, assignment: AssignmentRecord, submission: SubmissionRecord, actor: string) => Promise<void>;

export type RouteOptions = {
  actor: string;
  /** When the assignment starts (the seeder back-dates demo work); defaults to now. */
  assignedAt?: string;
  role?: AssignmentRole;
  /** Assessors who may not take it this time (a reassignment leaves out the one it moves away from). */
  exclude?: ReadonlySet<string>;
};

/** What eligibility needs to know about one assessor beyond the account itself. */
type Standing = { qualification: QualificationStanding | undefined; recused: boolean };

/**
 * Live assignment routing (calibration and master work is handed out by
 * services/calibration, never here): eligibility (active, qualified now and not suspended, no conflict), the previous
 * assessor first for a resubmission, otherwise least open work with username as tie-break.
 * Runs inside the caller's write transaction, whose writers' lock makes routing one at a
 * time across hub processes, so the open-work counts it reads are the committed ones.
 */
export function createRouting(ctx: HubContext, afterRoute: AfterRoute) {
  function excluded(user: UserRecord, candidate: Candidate | undefined, standing: Standing): ExclusionReason | null {
    if (!user.roles.includes('assessor')) return 'not_assessor';
    if (!user.active) return 'inactive';
    const q = standing.qualification;
    if (q === undefined || qualificationState(q, ctx.now()) === 'expired') return 'qualification_expired';
    if (qualificationState(q, ctx.now()) === 'suspended') return 'qualification_suspended';
    const same = (a: string | null | undefined, b: string | null | undefined) => a != null && b != null && a === b;
    if (candidate && (same(user.school, candidate.school) || same(user.district, candidate.district))) return 'conflict';
    if (standing.recused) return 'recused';
    return null;
  }

  async function exclusion(repos: Repos, user: UserRecord, submission: SubmissionRecord, candidate: Candidate | undefined): Promise<ExclusionReason | null> {
    const qualification = await repos.users.standing(user.id, submission.microCredentialId);
    return excluded(user, candidate, { qualification, recused: await repos.assignments.hasRecused(user.id, submission.candidateRef) });
  }

  async function leastOpenWork(repos: Repos, submission: SubmissionRecord, candidate: Candidate | undefined, taken: ReadonlySet<string>): Promise<UserRecord | undefined> {
    const open = await repos.assignments.openWork();
    const assessors = (await repos.users.withRole('assessor')).filter((u) => !taken.has(u.id));
    const standings = await repos.users.standings(assessors.map((u) => u.id), submission.microCredentialId);
    const recusers = await repos.assignments.recusersOf(submission.candidateRef);
    return assessors
      .filter((u) => excluded(u, candidate, { qualification: standings.get(u.id), recused: recusers.has(u.id) }) === null)
      .sort((a, b) => (open.get(a.id) ?? 0) - (open.get(b.id) ?? 0) || (a.username < b.username ? -1 : a.username > b.username ? 1 : 0))[0];
  }

  async function chooseAssessor(tx: Tx, submission: SubmissionRecord, actor: string, exclude: ReadonlySet<string>): Promise<{ user: UserRecord; rule: string } | undefined> {
    const { repos } = tx;
    const candidate = await repos.submissions.candidate(submission.candidateRef);
    const live = (await repos.assignments.ofSubmission(submission.id)).filter((a) => a.state !== 'recused' && a.state !== 'revoked');
    const taken = new Set([...live.map((a) => a.assessorId), ...exclude]);
    const prevDecision = submission.previousSubmissionId ? await repos.reviews.decisionOf(submission.previousSubmissionId) : undefined;
    // The original assessor already reading this attempt (a second read is being routed) is
    // not excluded from anything: the rule has done its work, and the audit log says nothing.
    if (prevDecision && !live.some((a) => a.assessorId === prevDecision.review.assessorId)) {
      const original = await repos.users.byId(prevDecision.review.assessorId);
      const reason = original ? await exclusion(repos, original, submission, candidate) : 'inactive';
      if (original && reason === null && !exclude.has(original.id)) return { user: original, rule: 'previous_assessor' };
      await tx.audit(actor, 'routing.original_excluded', submission.id, {
        assessorId: prevDecision.review.assessorId, reason: reason ?? 'reassigned', previousSubmissionId: submission.previousSubmissionId,
      });
    }
    const user = await leastOpenWork(repos, submission, candidate, taken);
    return user && { user, rule: 'least_open_work' };
  }

  return {
    exclusion,
    /** Creates the submission's next assignment, or records that nobody is eligible. */
    async route(tx: Tx, submission: SubmissionRecord, opts: RouteOptions): Promise<AssignmentRecord | null> {
      const { repos } = tx;
      const chosen = await chooseAssessor(tx, submission, opts.actor, opts.exclude ?? new Set());
      if (!chosen) {
        await tx.audit(opts.actor, 'submission.unassigned', submission.id, { reason: 'no_eligible_assessor' });
        return null;
      }
      const mc = await repos.catalog.microCredential(submission.microCredentialId);
      const rubric = await repos.catalog.rubric(submission.rubricId, submission.rubricVersion);
      const prev = submission.previousSubmissionId ? await repos.reviews.decisionOf(submission.previousSubmissionId) : undefined;
      // Locked criteria come from the final result, which for a double-scored attempt may be neither read.
      const final = submission.previousSubmissionId ? await finalResultOf(repos, submission.previousSubmissionId) : undefined;
      const assignedAt = opts.assignedAt ?? ctx.now().toISOString();
      const record: AssignmentRecord = {
        id: newId('asg'),
        submissionId: submission.id,
        assessorId: chosen.user.id,
        role: opts.role ?? 'primary',
        state: 'assigned',
        assignedAt,
        dueAt: addDays(assignedAt, mc?.policy.slaDays ?? DEFAULT_SLA_DAYS),
        locked: final && rubric ? lockedFromPrevious(rubric, final) : {},
        previousSubmissionId: prev ? submission.previousSubmissionId : null,
        previousReviewId: prev?.review.id ?? null,
        recusalReason: null,
        changeSeq: await repos.meta.nextChangeSeq(),
      };
      await repos.assignments.insert(record);
      await tx.audit(opts.actor, 'assignment.created', record.id, {
        submissionId: submission.id,
        assessorId: record.assessorId,
        role: record.role,
        dueAt: record.dueAt,
        rule: chosen.rule,
        lockedCriteria: Object.keys(record.locked),
      });
      await afterRoute(tx, record, submission, opts.actor);
      return record;
    },
  };
}

export type Routing = ReturnType<typeof createRouting>;
