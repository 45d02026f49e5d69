import { randomUUID } from 'node:crypto';
import type { AdjudicationBasis, Draft, EvidenceNote, ReviewStatus } from '../../../shared/index.ts';
import type { Catalog } from './catalog.ts';
import { notFound, write, type Db } from './write.ts';

export type DraftRow = {
  assignment_id: string;
  review_id: string;
  revision: number;
  saved_at: string | null;
  scores: string;
  criterion_feedback: string;
  criterion_rationale: string;
  criterion_basis: string;
  rationale: string;
  overall_feedback: string;
  notes: string;
  time_spent_sec: number;
  status: ReviewStatus;
  status_reason: string | null;
  decision: string | null;
  received_at: string | null;
  synced_at: string | null;
};

/** What the assessor wrote, as the merge and the outbox handle it. */
export type DraftContent = Pick<Draft, 'scores' | 'criterionFeedback' | 'criterionRationale' | 'criterionBasis' | 'rationale' | 'overallFeedback' | 'notes' | 'timeSpentSec'>;

export function toDraft(r: DraftRow): Draft {
  const draft: Draft = {
    assignmentId: r.assignment_id,
    reviewId: r.review_id,
    revision: r.revision,
    savedAt: r.saved_at,
    scores: JSON.parse(r.scores) as Record<string, number>,
    criterionFeedback: JSON.parse(r.criterion_feedback) as Record<string, string>,
    criterionRationale: JSON.parse(r.criterion_rationale) as Record<string, string>,
    criterionBasis: JSON.parse(r.criterion_basis) as Record<string, AdjudicationBasis>,
    rationale: r.rationale,
    overallFeedback: r.overall_feedback,
    notes: JSON.parse(r.notes) as EvidenceNote[],
    timeSpentSec: r.time_spent_sec,
    status: r.status,
  };
  if (r.status_reason !== null) draft.statusReason = r.status_reason;
  return draft;
}

/** Statuses in which the assessor may still change the review. */
export const EDITABLE: readonly ReviewStatus[] = ['new', 'draft'];

/**
 * Row-level access to drafts, shared by the draft, outbox and sync repos. A draft is created
 * on first access with a fresh review id and the locked criteria already filled in.
 */
export function createDraftRows(db: Db, catalog: Catalog) {
  const getStmt = db.prepare<[string], DraftRow>('SELECT * FROM drafts WHERE assignment_id = ?');
  const insertStmt = db.prepare(
    `INSERT INTO drafts (assignment_id, review_id, revision, saved_at, scores, criterion_feedback, overall_feedback, notes, time_spent_sec, status, status_reason)
     VALUES (?, ?, 0, NULL, ?, ?, '', '[]', 0, ?, ?)`,
  );
  const contentStmt = db.prepare(
    `UPDATE drafts SET revision = revision + 1, saved_at = ?, scores = ?, criterion_feedback = ?, criterion_rationale = ?, criterion_basis = ?, rationale = ?,
       overall_feedback = ?, notes = ?,
       time_spent_sec = ?, status = 'draft' WHERE assignment_id = ?`,
  );
  const statusStmt = db.prepare('UPDATE drafts SET status = ?, status_reason = ? WHERE assignment_id = ?');
  const reviewIdStmt = db.prepare('UPDATE drafts SET review_id = ? WHERE assignment_id = ?');
  const syncedStmt = db.prepare(
    "UPDATE drafts SET status = 'synced', status_reason = NULL, decision = ?, received_at = ?, synced_at = ? WHERE assignment_id = ?",
  );

  const rows = {
    find(assignmentId: string): DraftRow | undefined {
      return getStmt.get(assignmentId);
    },
    getOrCreate(assignmentId: string): DraftRow {
      const existing = getStmt.get(assignmentId);
      if (existing) return existing;
      return write(db, () => {
        const found = catalog.assignment(assignmentId);
        if (!found) throw notFound('Assignment', assignmentId);
        const scores: Record<string, number> = {};
        const feedback: Record<string, string> = {};
        for (const [id, lock] of Object.entries(found.assignment.locked)) {
          scores[id] = lock.level;
          feedback[id] = lock.feedback;
        }
        const status: ReviewStatus = found.readOnlyReason === null ? 'new' : 'read_only';
        insertStmt.run(assignmentId, randomUUID(), JSON.stringify(scores), JSON.stringify(feedback), status, found.readOnlyReason);
        return getStmt.get(assignmentId) as DraftRow;
      });
    },
    saveContent(assignmentId: string, content: DraftContent, savedAt: string): void {
      contentStmt.run(
        savedAt, JSON.stringify(content.scores), JSON.stringify(content.criterionFeedback), JSON.stringify(content.criterionRationale),
        JSON.stringify(content.criterionBasis), content.rationale, content.overallFeedback,
        JSON.stringify(content.notes), content.timeSpentSec, assignmentId,
      );
    },
    setStatus(assignmentId: string, status: ReviewStatus, reason: string | null): void {
      statusStmt.run(status, reason, assignmentId);
    },
    newReviewId(assignmentId: string): void {
      reviewIdStmt.run(randomUUID(), assignmentId);
    },
    markSynced(assignmentId: string, decision: string | null, receivedAt: string | null, syncedAt: string): void {
      syncedStmt.run(decision, receivedAt, syncedAt, assignmentId);
    },
  };
  return rows;
}

export type DraftRows = ReturnType<typeof createDraftRows>;
