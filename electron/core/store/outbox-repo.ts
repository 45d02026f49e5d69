import { randomUUID } from 'node:crypto';
import {
  adjudicationIssues, decide, Decision, ErrorCode, IsoTime, lockedViolations, rationaleRequired, trueBasis, validateReview, type AdjudicationBody, type ReviewBody, type StoredReview,
} from '../../../shared/index.ts';
import type { AssignmentStateWriter } from './assignment-state.ts';
import type { Catalog } from './catalog.ts';
import { createConsensusQueue } from './consensus-queue.ts';
import { readOnlyError } from './draft-repo.ts';
import { EDITABLE, toDraft, type DraftRows } from './draft-rows.ts';
import { StoreError, STORE_ERRORS, type JournalRepo, type OutboxKind, type OutboxRepo, type OutboxRow } from './types.ts';
import { iso, notFound, write, type Db } from './write.ts';

type Row = { id: number; kind: OutboxKind; assignment_id: string; client_id: string; body: string; attempts: number; next_attempt_at: string; last_error: string | null; created_at: string };

/** After this many attempts a row counts as "failed" in the status (it is still retried). */
export const FAILED_AFTER_ATTEMPTS = 5;
export const ALREADY_SUBMITTED_REASON = 'Another review was already submitted for this assignment';
/** Adjudication and consensus tasks are answered at their own endpoints, never as a review. */
const NOT_A_REVIEW = new Set(['adjudication', 'consensus']);
/** The read-only reason of a recusal still in the outbox, followed by the reason given. */
export const RECUSAL_WAITING_REASON = 'Recusal waiting to reach the hub: ';

const toRow = (r: Row): OutboxRow => ({
  id: r.id, kind: r.kind, assignmentId: r.assignment_id, clientId: r.client_id, body: JSON.parse(r.body) as OutboxRow['body'],
  attempts: r.attempts, nextAttemptAt: r.next_attempt_at, lastError: r.last_error, createdAt: r.created_at,
});

/** The hub's answer to an accepted review or adjudication, read leniently: the record itself or { review }. */
function acceptedReview(answer: unknown): { decision: string | null; receivedAt: string | null } {
  const obj = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>) : {};
  const review = typeof obj.review === 'object' && obj.review !== null ? (obj.review as Record<string, unknown>) : obj;
  return { decision: Decision.safeParse(review.decision).data ?? null, receivedAt: IsoTime.safeParse(review.receivedAt).data ?? null };
}

/**
 * The outbox: what must reach the hub, in order. Submitting freezes the draft and queues its
 * frozen body in the same transaction; the hub's answers move the draft to its next state.
 */
export function createOutboxRepo(db: Db, catalog: Catalog, rows: DraftRows, assignments: AssignmentStateWriter, journal: JournalRepo): OutboxRepo {
  const insertStmt = db.prepare(
    'INSERT INTO outbox (kind, assignment_id, client_id, body, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, 0, ?, ?)',
  );
  const headStmt = db.prepare<[], Row>('SELECT * FROM outbox ORDER BY id LIMIT 1');
  const getStmt = db.prepare<[number], Row>('SELECT * FROM outbox WHERE id = ?');
  const deleteStmt = db.prepare('DELETE FROM outbox WHERE id = ?');
  const retryStmt = db.prepare('UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?');
  const statusStmt = db.prepare<[number], { pending: number; failed: number | null }>(
    // An "opened" report is turnaround bookkeeping, not the assessor's work: "N waiting to
    // send" counts only reviews and recusals.
    "SELECT count(*) AS pending, sum(attempts >= ?) AS failed FROM outbox WHERE kind <> 'opened'",
  );
  const markOpenedStmt = db.prepare('INSERT OR IGNORE INTO opened_reports (assignment_id, opened_at) VALUES (?, ?)');
  const lastErrorStmt = db.prepare<[], { last_error: string }>('SELECT last_error FROM outbox WHERE last_error IS NOT NULL ORDER BY id LIMIT 1');

  const consensus = createConsensusQueue(db, catalog, rows, journal, (kind, assignmentId, clientId, body, now) =>
    insertStmt.run(kind, assignmentId, clientId, body, iso(now), iso(now)));

  const take = (rowId: number): Row => {
    const row = getStmt.get(rowId);
    if (!row) throw notFound('Outbox row', String(rowId));
    deleteStmt.run(rowId);
    return row;
  };
  const backToDraft = (assignmentId: string, reason: string) => {
    const draft = rows.getOrCreate(assignmentId);
    rows.setStatus(assignmentId, draft.revision > 0 ? 'draft' : 'new', reason);
  };

  return {
    enqueueReview(assignmentId, now) {
      return write(db, () => {
        const ctx = catalog.context(assignmentId);
        const row = rows.getOrCreate(assignmentId);
        if (!EDITABLE.includes(row.status) || ctx.readOnlyReason !== null) throw readOnlyError(row, ctx.readOnlyReason);
        const draft = toDraft(row);
        const role = ctx.assignment.role;
        if (NOT_A_REVIEW.has(role)) throw new StoreError(STORE_ERRORS.wrongTask, `An ${role} task is not submitted as a review.`);
        const issues = validateReview(ctx.rubric, draft, new Set(ctx.submission.artifacts.map((a) => a.id)), { role });
        if (issues.length > 0) {
          throw new StoreError(STORE_ERRORS.incomplete, `The review is not complete: ${issues.map((i) => i.message).join('; ')}.`, issues);
        }
        const violations = lockedViolations(ctx.assignment.locked, draft);
        if (violations.length > 0) {
          throw new StoreError(STORE_ERRORS.lockedCriterion, `Locked criteria were changed: ${violations.join(', ')}.`, { criterionIds: violations });
        }
        const body: ReviewBody = {
          assignmentId, rubricId: ctx.rubric.id, rubricVersion: ctx.rubric.version, scores: draft.scores,
          criterionFeedback: draft.criterionFeedback, overallFeedback: draft.overallFeedback, notes: draft.notes, timeSpentSec: draft.timeSpentSec,
          // Only a master review carries reasons; other roles never send the field.
          ...(rationaleRequired(role) ? { criterionRationale: draft.criterionRationale } : {}),
        };
        rows.setStatus(assignmentId, 'queued', null);
        insertStmt.run('review', assignmentId, draft.reviewId, JSON.stringify(body), iso(now), iso(now));
        journal.append(assignmentId, 'submitted', { reviewId: draft.reviewId, revision: draft.revision, decision: decide(ctx.rubric, draft.scores).decision }, now);
        return { reviewId: draft.reviewId };
      });
    },
    enqueueAdjudication(assignmentId, now) {
      return write(db, () => {
        const ctx = catalog.context(assignmentId);
        if (ctx.assignment.role !== 'adjudication') throw new StoreError(STORE_ERRORS.wrongTask, 'Only an adjudication task is submitted as an adjudication.');
        const reads = ctx.assignment.reads;
        if (reads?.length !== 2) throw new StoreError(STORE_ERRORS.invalid, 'The two reads of this submission have not reached this device yet; sync first.');
        const both = reads as [StoredReview, StoredReview];
        const row = rows.getOrCreate(assignmentId);
        if (!EDITABLE.includes(row.status) || ctx.readOnlyReason !== null) throw readOnlyError(row, ctx.readOnlyReason);
        const draft = toDraft(row);
        const issues = adjudicationIssues(ctx.rubric, draft);
        if (issues.length > 0) {
          throw new StoreError(STORE_ERRORS.incomplete, `The adjudication is not complete: ${issues.map((i) => i.message).join('; ')}.`, issues);
        }
        const violations = lockedViolations(ctx.assignment.locked, draft);
        if (violations.length > 0) {
          throw new StoreError(STORE_ERRORS.lockedCriterion, `Locked criteria were changed: ${violations.join(', ')}.`, { criterionIds: violations });
        }
        const criteria = Object.fromEntries(ctx.rubric.criteria.map((c) => {
          const level = draft.scores[c.id] as number;
          const feedback = draft.criterionFeedback[c.id] ?? '';
          return [c.id, { level, feedback, basis: trueBasis(both, c.id, level, feedback, draft.criterionBasis[c.id]) }];
        }));
        const body: AdjudicationBody = { assignmentId, criteria, overallFeedback: draft.overallFeedback, rationale: draft.rationale.trim() };
        rows.setStatus(assignmentId, 'queued', null);
        insertStmt.run('adjudication', assignmentId, draft.reviewId, JSON.stringify(body), iso(now), iso(now));
        journal.append(assignmentId, 'submitted', { adjudicationId: draft.reviewId, revision: draft.revision, decision: decide(ctx.rubric, draft.scores).decision }, now);
        return { adjudicationId: draft.reviewId };
      });
    },
    enqueueProposal: consensus.enqueueProposal,
    enqueueResponse: consensus.enqueueResponse,
    enqueueRecusal(assignmentId, reason, now) {
      const text = reason.trim();
      if (text === '' || text.length > 2000) throw new StoreError(STORE_ERRORS.invalid, 'reason: a recusal needs a reason of 1 to 2000 characters');
      return write(db, () => {
        const found = catalog.assignment(assignmentId);
        if (!found) throw notFound('Assignment', assignmentId);
        const row = rows.getOrCreate(assignmentId);
        if (!EDITABLE.includes(row.status) || found.readOnlyReason !== null) throw readOnlyError(row, found.readOnlyReason);
        const clientId = randomUUID();
        insertStmt.run('recusal', assignmentId, clientId, JSON.stringify({ reason: text }), iso(now), iso(now));
        rows.setStatus(assignmentId, 'read_only', `${RECUSAL_WAITING_REASON}${text}`);
        journal.append(assignmentId, 'recused', { clientId, reason: text }, now);
        return { clientId };
      });
    },
    enqueueOpened(assignmentId, now) {
      return write(db, () => {
        if (!catalog.assignment(assignmentId)) throw notFound('Assignment', assignmentId);
        if (markOpenedStmt.run(assignmentId, iso(now)).changes === 0) return false;
        insertStmt.run('opened', assignmentId, randomUUID(), JSON.stringify({ openedAt: iso(now) }), iso(now), iso(now));
        return true;
      });
    },
    head() {
      const row = headStmt.get();
      return row ? toRow(row) : null;
    },
    delivered(rowId, hubAnswer, now) {
      write(db, () => {
        const row = take(rowId);
        if (row.kind === 'opened') return;
        if (row.kind === 'consensus_proposal' || row.kind === 'consensus_response') {
          consensus.delivered(row.assignment_id, hubAnswer, now);
        } else if (row.kind === 'review' || row.kind === 'adjudication') {
          const { decision, receivedAt } = acceptedReview(hubAnswer);
          rows.markSynced(row.assignment_id, decision, receivedAt, iso(now));
          assignments.setState(row.assignment_id, 'submitted', now);
        } else {
          const { reason } = JSON.parse(row.body) as { reason: string };
          assignments.freeze(row.assignment_id, 'recused', `You recused yourself: ${reason}`, now);
        }
      });
    },
    rejected(rowId, code, message, now) {
      write(db, () => {
        const row = take(rowId);
        const id = row.assignment_id;
        // A report of an opening has nothing to undo: whatever the hub says, it is done with.
        if (row.kind === 'opened') return;
        if (code === ErrorCode.assignmentRevoked) {
          assignments.freeze(id, 'revoked', message || 'Revoked by the hub', now);
        } else if (row.kind === 'recusal') {
          backToDraft(id, `The hub did not accept the recusal: ${message}`);
        } else if (code === ErrorCode.alreadySubmitted) {
          rows.setStatus(id, 'read_only', ALREADY_SUBMITTED_REASON);
        } else {
          // locked_criterion, stale_rubric, invalid and anything unforeseen: the assessor can fix and resubmit.
          if (code === ErrorCode.reviewIdConflict || code === ErrorCode.adjudicationIdConflict) rows.newReviewId(id);
          backToDraft(id, message);
        }
      });
    },
    retryLater(rowId, error, nextAttemptAt) {
      write(db, () => {
        if (retryStmt.run(iso(nextAttemptAt), error, rowId).changes === 0) throw notFound('Outbox row', String(rowId));
      });
    },
    status() {
      const counts = statusStmt.get(FAILED_AFTER_ATTEMPTS) as { pending: number; failed: number | null };
      const lastError = lastErrorStmt.get()?.last_error;
      return lastError === undefined
        ? { pending: counts.pending, failed: counts.failed ?? 0 }
        : { pending: counts.pending, failed: counts.failed ?? 0, lastError };
    },
  };
}
