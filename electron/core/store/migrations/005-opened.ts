import type { Migration } from '../../../../shared/sqlite/migrate.ts';

/**
 * The first opening of an assignment is reported to the hub (issue #12) through the outbox,
 * as its own kind of row; `opened_reports` remembers which assignments were reported, so an
 * assignment is reported once in its life however often it is opened. SQLite cannot widen a
 * CHECK, so the outbox table is rebuilt with its rows and ids as they were.
 */
export const opened: Migration = {
  version: 5,
  name: '005-opened',
  up(db) {
    db.exec(`
      CREATE TABLE outbox_new (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('review', 'recusal', 'opened')),
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
      CREATE TABLE opened_reports (
        assignment_id TEXT PRIMARY KEY REFERENCES assignments(id),
        opened_at TEXT NOT NULL
      );
    `);
  },
};
