import { randomUUID } from 'node:crypto';
import { Assignment, lockedViolations, validateReview, type ConsensusProposalRequest, type ConsensusResponseRequest } from '../../../shared/index.ts';
import type { AssignmentContext, Catalog } from './catalog.ts';
import { readOnlyError } from './draft-repo.ts';
import { EDITABLE, toDraft, type DraftRows } from './draft-rows.ts';
import { StoreError, STORE_ERRORS, type JournalRepo } from './types.ts';
import { iso, write, type Db } from './write.ts';

type Insert = (kind: 'consensus_proposal' | 'consensus_response', assignmentId: string, clientId: string, body: string, now: Date) => void;

/** The consensus state of a task, refusing anything but a consensus task whose turn it is for this reader. */
function turnOf(ctx: AssignmentContext, proposer: boolean) {
  const c = ctx.assignment.consensus;
  if (ctx.assignment.role !== 'consensus' || !c) throw new StoreError(STORE_ERRORS.wrongTask, 'Only a consensus task is answered this way.');
  if (c.proposer !== proposer) throw new StoreError(STORE_ERRORS.wrongTask, proposer ? 'Only the primary reader proposes.' : 'Only the second reader answers a proposal.');
  const wanted = proposer ? 'proposal' : 'response';
  if (c.awaiting !== wanted) {
    throw new StoreError(STORE_ERRORS.readOnly, c.awaiting === 'none' ? 'This consensus is closed.' : proposer ? 'The second reader has the proposal: wait for their answer.' : 'There is no proposal to answer yet.');
  }
  return c;
}

/** Whether the proposer may change their proposal draft now (their turn, nothing queued). */
export function proposalEditable(assignment: Assignment): boolean {
  return assignment.role !== 'consensus' || (assignment.consensus?.proposer === true && assignment.consensus.awaiting === 'proposal');
}

/**
 * Consensus rounds queued in the outbox (issue #11): the primary reader's proposal (the
 * consensus task's draft: levels, feedback, overall comment) and the second reader's answer.
 * Each names its round, so a replay is recognised by the hub; the draft waits "queued" until
 * the hub's answer brings the task's next state.
 */
export function createConsensusQueue(db: Db, catalog: Catalog, rows: DraftRows, journal: JournalRepo, insert: Insert) {
  const bodyStmt = db.prepare('UPDATE assignments SET body = ?, state = ?, updated_at = ? WHERE id = ?');
  return {
    enqueueProposal(assignmentId: string, now: Date): { round: number } {
      return write(db, () => {
        const ctx = catalog.context(assignmentId);
        const c = turnOf(ctx, true);
        const row = rows.getOrCreate(assignmentId);
        if (!EDITABLE.includes(row.status) || ctx.readOnlyReason !== null) throw readOnlyError(row, ctx.readOnlyReason);
        const draft = toDraft(row);
        const issues = validateReview(ctx.rubric, { scores: draft.scores, criterionFeedback: draft.criterionFeedback, notes: [] });
        if (issues.length > 0) throw new StoreError(STORE_ERRORS.incomplete, `The proposal is not complete: ${issues.map((i) => i.message).join('; ')}.`, issues);
        const violations = lockedViolations(ctx.assignment.locked, draft);
        if (violations.length > 0) throw new StoreError(STORE_ERRORS.lockedCriterion, `Locked criteria were changed: ${violations.join(', ')}.`, { criterionIds: violations });
        const round = c.round + 1;
        const body: ConsensusProposalRequest = { round, scores: draft.scores, criterionFeedback: draft.criterionFeedback, overallFeedback: draft.overallFeedback };
        rows.setStatus(assignmentId, 'queued', null);
        insert('consensus_proposal', assignmentId, randomUUID(), JSON.stringify(body), now);
        journal.append(assignmentId, 'submitted', { consensusRound: round, revision: draft.revision }, now);
        return { round };
      });
    },
    enqueueResponse(assignmentId: string, agree: boolean, comment: string | undefined, now: Date): { round: number } {
      const text = comment?.trim();
      if (!agree && !text) throw new StoreError(STORE_ERRORS.invalid, 'comment: returning a proposal needs a comment');
      return write(db, () => {
        const ctx = catalog.context(assignmentId);
        const c = turnOf(ctx, false);
        const row = rows.getOrCreate(assignmentId);
        if (!EDITABLE.includes(row.status) || ctx.readOnlyReason !== null) throw readOnlyError(row, ctx.readOnlyReason);
        const body: ConsensusResponseRequest = agree ? { round: c.round, agree } : { round: c.round, agree, comment: text };
        rows.setStatus(assignmentId, 'queued', null);
        insert('consensus_response', assignmentId, randomUUID(), JSON.stringify(body), now);
        journal.append(assignmentId, 'submitted', { consensusRound: c.round, agree }, now);
        return { round: c.round };
      });
    },
    /** The hub took the round: keep the task as it now stands; the draft is open again for the next turn, or done. */
    delivered(assignmentId: string, answer: unknown, now: Date): void {
      const parsed = Assignment.safeParse((answer as { assignment?: unknown } | null)?.assignment);
      if (parsed.success && parsed.data.id === assignmentId) bodyStmt.run(JSON.stringify(parsed.data), parsed.data.state, iso(now), assignmentId);
      const state = parsed.success ? parsed.data.state : null;
      if (state === 'submitted') rows.markSynced(assignmentId, null, null, iso(now));
      else rows.setStatus(assignmentId, 'draft', null);
    },
  };
}

export type ConsensusQueue = ReturnType<typeof createConsensusQueue>;
