import { ErrorCode, type AssignmentRole } from '../../../shared/index.ts';
import type { AssignmentRecord } from '../../repos/assignments.ts';
import type { SubmissionRecord } from '../../repos/submissions.ts';
import { conflict, notFound } from '../../http/errors.ts';
import type { HubContext, Tx } from '../context.ts';
import type { Routing } from '../review/routing.ts';
import { createAdjudications } from './adjudication.ts';
import { createConsensus } from './consensus.ts';
import { escalate, onReadSubmitted, startAdjudication } from './resolution.ts';
import { selectAtIntake } from './selection.ts';
import { readsView, selectionRecord } from './views.ts';

const RESOLUTION_ROLES: ReadonlySet<AssignmentRole> = new Set(['adjudication', 'consensus']);

/**
 * Double scoring (issue #11): selection at intake, the blind second read, agreement and
 * its resolution. Intake, reviews and recusal call in here at one point each.
 */
export function createDoubleScoring(ctx: HubContext, routing: Routing) {
  return {
    /** After routing chose the primary: decide selection once and route the second read in parallel. */
    async afterRouting(tx: Tx, submission: SubmissionRecord, primary: AssignmentRecord | null, opts: { actor: string; assignedAt?: string }): Promise<AssignmentRecord | null> {
      const selection = await selectAtIntake(tx, submission, primary?.assessorId ?? null, opts.actor);
      if (!selection.selected || !primary) return null;
      return routing.route(tx, submission, { actor: opts.actor, assignedAt: opts.assignedAt, role: 'second' });
    },
    /** A review PUT on an adjudication or consensus task is refused: those have their own endpoints. */
    refuseResolutionTask(assignment: AssignmentRecord): void {
      if (RESOLUTION_ROLES.has(assignment.role)) {
        throw conflict(ErrorCode.notAReviewTask, `an ${assignment.role} task is answered at its own endpoint, not as a review`, { role: assignment.role });
      }
    },
    /** True when double scoring decides this submission (the single-read decision is then not written). */
    readSubmitted: (tx: Tx, submission: SubmissionRecord) => onReadSubmitted(tx, submission, ctx.now().toISOString()),
    isResolutionTask: (role: AssignmentRole) => RESOLUTION_ROLES.has(role),
    /** A recused adjudicator is replaced by another master rater; a recused consensus reader escalates it to adjudication. */
    async rerouteTask(tx: Tx, submission: SubmissionRecord, assignment: AssignmentRecord, actor: string): Promise<void> {
      const at = ctx.now().toISOString();
      if (assignment.role === 'adjudication') await startAdjudication(tx, submission, at, actor);
      else await escalate(tx, submission, at, 'reader_recused');
    },
    /** Consensus past its days escalates; run before every request that could show or change one, and on the hub's timer. */
    async escalateDue(): Promise<void> {
      const at = ctx.now().toISOString();
      const due = await ctx.query((repos) => repos.scoring.consensusDue(at));
      if (due.length === 0) return;
      await ctx.write(async (tx) => {
        for (const id of await tx.repos.scoring.consensusDue(at)) await escalate(tx, (await tx.repos.submissions.byId(id))!, at, 'consensus_days_elapsed');
      });
    },
    adjudications: createAdjudications(ctx),
    consensus: createConsensus(ctx),
    selection: (submissionId: string) => ctx.read(async (repos) => {
      if (!(await repos.submissions.byId(submissionId))) throw notFound('submission');
      const record = await selectionRecord(repos, submissionId);
      if (!record) throw notFound('selection');
      return record;
    }),
    reads: (submissionId: string, callerId: string) => ctx.read((repos) => readsView(repos, submissionId, callerId)),
  };
}

export type DoubleScoringService = ReturnType<typeof createDoubleScoring>;
