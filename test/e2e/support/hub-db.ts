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

/**
 * The master's levels for the item a calibration assignment shows, read from the hub's own
 * database: the test plays an assessor who agrees with the master, which the device itself
 * can never know (the hub keeps attempts blind).
 */
export function masterLevelsFor(hubDataDir: string, calibrationAssignmentId: string): Record<string, number> {
  const db = new Database(join(hubDataDir, 'hub.db'), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare(
      `SELECT r.body FROM assignments c
       JOIN submissions s ON s.id = c.submission_id
       JOIN assignments m ON m.submission_id = COALESCE(s.source_submission_id, s.id) AND m.role = 'master'
       JOIN reviews r ON r.assignment_id = m.id
       WHERE c.id = ?`,
    ).get(calibrationAssignmentId) as { body: string } | undefined;
    if (!row) throw new Error(`no master review on the hub for the item of calibration assignment ${calibrationAssignmentId}`);
    return (JSON.parse(row.body) as { scores: Record<string, number> }).scores;
  } finally {
    db.close();
  }
}
