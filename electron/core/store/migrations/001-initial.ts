import type { Migration } from '../../../../shared/sqlite/migrate.ts';

/**
 * The first workstation schema. Hub objects are kept whole as JSON (the wire shape) next to
 * the columns the queue and the joins need; local state (drafts, outbox, journal, artifact
 * files) lives in its own tables so a sync never overwrites what the assessor wrote.
 */
export const initial: Migration = {
  version: 1,
  name: '001-initial',
  up(db) {
    db.exec(`
      CREATE TABLE session (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        hub_url TEXT NOT NULL,
        user_json TEXT NOT NULL,
        device_name TEXT NOT NULL,
        signed_in_at TEXT NOT NULL
      );
      CREATE TABLE sync_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        cursor TEXT,
        last_sync_at TEXT
      );
      CREATE TABLE rubrics (
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (id, version)
      );
      CREATE TABLE micro_credentials (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        body TEXT NOT NULL
      );
      CREATE TABLE qualifications (
        micro_credential_id TEXT PRIMARY KEY,
        calibrated_until TEXT NOT NULL
      );
      CREATE TABLE submissions (
        id TEXT PRIMARY KEY,
        micro_credential_id TEXT NOT NULL,
        candidate_ref TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        body TEXT NOT NULL
      );
      CREATE TABLE artifacts (
        id TEXT PRIMARY KEY,
        filename TEXT NOT NULL,
        media_type TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        sha256 TEXT NOT NULL
      );
      CREATE TABLE submission_artifacts (
        submission_id TEXT NOT NULL REFERENCES submissions(id),
        artifact_id TEXT NOT NULL REFERENCES artifacts(id),
        PRIMARY KEY (submission_id, artifact_id)
      );
      CREATE INDEX submission_artifacts_by_artifact ON submission_artifacts(artifact_id);
      CREATE TABLE local_artifacts (
        artifact_id TEXT PRIMARY KEY REFERENCES artifacts(id),
        state TEXT NOT NULL CHECK (state IN ('complete', 'error', 'purged')),
        path TEXT,
        error TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE assignments (
        id TEXT PRIMARY KEY,
        submission_id TEXT NOT NULL REFERENCES submissions(id),
        role TEXT NOT NULL,
        state TEXT NOT NULL,
        assigned_at TEXT NOT NULL,
        due_at TEXT NOT NULL,
        body TEXT NOT NULL,
        read_only_reason TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX assignments_by_submission ON assignments(submission_id);
      CREATE TABLE drafts (
        assignment_id TEXT PRIMARY KEY REFERENCES assignments(id),
        review_id TEXT NOT NULL UNIQUE,
        revision INTEGER NOT NULL,
        saved_at TEXT,
        scores TEXT NOT NULL,
        criterion_feedback TEXT NOT NULL,
        overall_feedback TEXT NOT NULL,
        notes TEXT NOT NULL,
        time_spent_sec REAL NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('new', 'draft', 'queued', 'synced', 'read_only')),
        status_reason TEXT,
        decision TEXT,
        received_at TEXT,
        synced_at TEXT
      );
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('review', 'recusal')),
        assignment_id TEXT NOT NULL REFERENCES assignments(id),
        client_id TEXT NOT NULL UNIQUE,
        body TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error TEXT,
        created_at TEXT NOT NULL
      );
      CREATE TABLE journal (
        assignment_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        payload TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        PRIMARY KEY (assignment_id, seq)
      );
    `);
  },
};
