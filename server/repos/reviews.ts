import type { StoredReview } from '../../shared/index.ts';
import type { Executor } from '../db/open.ts';

export type ReviewRecord = { review: StoredReview; weightedMean: number };

type ReviewRow = { body: string; weightedMean: number };

const toRecord = (r: ReviewRow): ReviewRecord => ({ review: JSON.parse(r.body) as StoredReview, weightedMean: r.weightedMean });

/** Submitted reviews, stored whole as JSON (the wire shape) plus the columns queries need. */
export function createReviewsRepo(db: Executor) {
  const select = () => db.selectFrom('reviews').select(['reviews.body', 'reviews.weighted_mean as weightedMean']);
  return {
    async insert(review: StoredReview, weightedMean: number): Promise<void> {
      await db.insertInto('reviews').values({
        id: review.id, assignment_id: review.assignmentId, submission_id: review.submissionId, assessor_id: review.assessorId,
        body: JSON.stringify(review), decision: review.decision, weighted_mean: weightedMean, received_at: review.receivedAt,
        scores: JSON.stringify(review.scores),
      }).execute();
    },
    async byId(id: string): Promise<ReviewRecord | undefined> {
      const r = await select().where('id', '=', id).executeTakeFirst();
      return r && toRecord(r);
    },
    /** Several reviews by id at once (previous attempts' reviews on a sync page). */
    async byIds(ids: readonly string[]): Promise<Map<string, ReviewRecord>> {
      if (ids.length === 0) return new Map();
      const rows = await db.selectFrom('reviews').select(['id', 'body', 'weighted_mean as weightedMean']).where('id', 'in', [...ids]).execute();
      return new Map(rows.map((r) => [r.id, toRecord(r)]));
    },
    async byAssignment(assignmentId: string): Promise<ReviewRecord | undefined> {
      const r = await select().where('assignment_id', '=', assignmentId).executeTakeFirst();
      return r && toRecord(r);
    },
    async ofSubmission(submissionId: string): Promise<ReviewRecord[]> {
      return (await select().where('submission_id', '=', submissionId).orderBy('received_at').orderBy('id').execute()).map(toRecord);
    },
    /** The review that decided a submission (its primary read), if any. */
    async decisionOf(submissionId: string): Promise<ReviewRecord | undefined> {
      const r = await select().innerJoin('assignments as a', 'a.id', 'reviews.assignment_id')
        .where('reviews.submission_id', '=', submissionId).where('a.role', '=', 'primary').orderBy('reviews.received_at', 'desc').limit(1).executeTakeFirst();
      return r && toRecord(r);
    },
  };
}

export type ReviewsRepo = ReturnType<typeof createReviewsRepo>;
