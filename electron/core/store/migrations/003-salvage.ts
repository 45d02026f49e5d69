import type { Migration } from '../../../../shared/sqlite/migrate.ts';

/**
 * What was read back from a damaged database that had been set aside. Drafts, outbox rows
 * and journal entries reference an assignment, which the fresh database does not have yet:
 * they wait here (validated, as JSON rows) until a sync brings that assignment back, and are
 * then moved into their own tables in the same transaction. `salvage_source` records each
 * set-aside file once, so a crash half-way is finished at the next start and never repeated.
 */
export const salvage: Migration = {
  version: 3,
  name: '003-salvage',
  up(db) {
    db.exec(`
      CREATE TABLE salvage_source (
        file TEXT PRIMARY KEY,
        salvaged_at TEXT NOT NULL,
        report TEXT NOT NULL
      );
      CREATE TABLE salvage_held (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL REFERENCES salvage_source(file),
        kind TEXT NOT NULL CHECK (kind IN ('draft', 'outbox', 'journal')),
        assignment_id TEXT NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX salvage_held_by_assignment ON salvage_held(assignment_id);
    `);
  },
};
