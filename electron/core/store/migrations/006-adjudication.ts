import type { Migration } from '../../../../shared/sqlite/migrate.ts';

/**
 * Double scoring (issue #11). An adjudicator's draft lives in `drafts` like a review's (its
 * review id is the adjudication's client-made id), with two more columns: where each final
 * level came from and the one rationale; drafts from before have none. The outbox gains the
 * kinds that carry adjudications and consensus rounds; SQLite cannot widen a CHECK, so the
 * table is rebuilt with its rows and ids as they were.
 */
export const adjudication: Migration = {
  version: 6,
  name: '006-adjudication',
  up(db) {
    db.exec(`
      ALTER TABLE drafts ADD COLUMN criterion_basis TEXT NOT NULL DEFAULT '{}';
      ALTER TABLE drafts ADD COLUMN rationale TEXT NOT NULL DEFAULT '';
      CREATE TABLE outbox_new (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('review', 'recusal', 'opened', 'adjudication', 'consensus_proposal', 'consensus_response')),
        assignment_id TEXT NOT NULL REFERENCES assignments(id),
        client_id TEXT NOT NULL UNIQUE,
        body TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error TEXT,
        created_at TEXT NOT NULL
      );
      INSERT INTO outbox_new SELECT id, kind, assignment_id, client_id, body, attempts, next_attempt_at, last_error, created_at FROM outbox;
      DROP TABLE outbox;
      ALTER TABLE outbox_new RENAME TO outbox;
    `);
  },
};
