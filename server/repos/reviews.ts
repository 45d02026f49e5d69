import type { StoredReview } from '../../shared/index.ts';
import type { Db } from '../db/open.ts';

export type ReviewRecord = { review: StoredReview; weightedMean: number };

type ReviewRow = { body: string; weightedMean: number };

const toRecord = (r: ReviewRow): ReviewRecord => ({ review: JSON.parse(r.body) as StoredReview, weightedMean: r.weightedMean });

/** Submitted reviews, stored whole as JSON (the wire shape) plus the columns queries need. */
export function createReviewsRepo(db: Db) {
  const insert = db.prepare(
    'INSERT INTO reviews (id, assignment_id, submission_id, assessor_id, body, decision, weighted_mean, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const byId = db.prepare<[string], ReviewRow>('SELECT body, weighted_mean AS weightedMean FROM reviews WHERE id = ?');
  const byAssignment = db.prepare<[string], ReviewRow>('SELECT body, weighted_mean AS weightedMean FROM reviews WHERE assignment_id = ?');
  const decisionOf = db.prepare<[string], ReviewRow>(
    `SELECT r.body, r.weighted_mean AS weightedMean FROM reviews r JOIN assignments a ON a.id = r.assignment_id
     WHERE r.submission_id = ? AND a.role = 'primary' ORDER BY r.received_at DESC LIMIT 1`,
  );
  return {
    insert(review: StoredReview, weightedMean: number): void {
      insert.run(review.id, review.assignmentId, review.submissionId, review.assessorId, JSON.stringify(review), review.decision, weightedMean, review.receivedAt);
    },
    byId(id: string): ReviewRecord | undefined {
      const r = byId.get(id);
      return r && toRecord(r);
    },
    byAssignment(assignmentId: string): ReviewRecord | undefined {
      const r = byAssignment.get(assignmentId);
      return r && toRecord(r);
    },
    /** The review that decided a submission (its primary read), if any. */
    decisionOf(submissionId: string): ReviewRecord | undefined {
      const r = decisionOf.get(submissionId);
      return r && toRecord(r);
    },
  };
}

export type ReviewsRepo = ReturnType<typeof createReviewsRepo>;
