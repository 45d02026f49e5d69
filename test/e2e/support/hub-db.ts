import Database from 'better-sqlite3';
import { join } from 'node:path';

/** Reads the hub's own database (read-only) to check what actually arrived there. */
export function hubCounts(hubDataDir: string, assignmentId: string): { reviews: number; submittedEvents: number; recusals: number } {
  const db = new Database(join(hubDataDir, 'hub.db'), { readonly: true, fileMustExist: true });
  try {
    const reviews = db.prepare('SELECT id FROM reviews WHERE assignment_id = ?').all(assignmentId) as { id: string }[];
    const submittedEvents = reviews.length === 0
      ? 0
      : (db.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'review.submitted' AND subject = ?").get(reviews[0]?.id) as { n: number }).n;
    const recusals = (db.prepare('SELECT count(*) AS n FROM recusals WHERE assignment_id = ?').get(assignmentId) as { n: number }).n;
    return { reviews: reviews.length, submittedEvents, recusals };
  } finally {
    db.close();
  }
}
