import type { Migration } from '../../../shared/sqlite/migrate.ts';

/** The first schema: accounts, catalogue, submissions, assignments, reviews, audit chain. */
export const initial: Migration = {
  version: 1,
  name: '001-initial',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        roles TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        school TEXT,
        district TEXT,
        password_hash TEXT NOT NULL,
        demo INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE qualifications (
        user_id TEXT NOT NULL REFERENCES users(id),
        micro_credential_id TEXT NOT NULL REFERENCES micro_credentials(id),
        calibrated_until TEXT NOT NULL,
        PRIMARY KEY (user_id, micro_credential_id)
      );
      CREATE TABLE tokens (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        device_name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        revoked_at TEXT
      ) WITHOUT ROWID;
      CREATE TABLE rubrics (
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (id, version)
      );
      CREATE TABLE micro_credentials (
        id TEXT PRIMARY KEY,
        body TEXT NOT NULL
      );
      CREATE TABLE candidates (
        ref TEXT PRIMARY KEY,
        school TEXT,
        district TEXT
      );
      CREATE TABLE artifacts (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        filename TEXT NOT NULL,
        media_type TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        duration_sec REAL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE submissions (
        id TEXT PRIMARY KEY,
        micro_credential_id TEXT NOT NULL REFERENCES micro_credentials(id),
        candidate_ref TEXT NOT NULL REFERENCES candidates(ref),
        attempt INTEGER NOT NULL,
        previous_submission_id TEXT REFERENCES submissions(id),
        submitted_at TEXT NOT NULL,
        reflection TEXT NOT NULL,
        rubric_id TEXT NOT NULL,
        rubric_version INTEGER NOT NULL,
        FOREIGN KEY (rubric_id, rubric_version) REFERENCES rubrics(id, version)
      );
      CREATE TABLE submission_artifacts (
        submission_id TEXT NOT NULL REFERENCES submissions(id),
        artifact_id TEXT NOT NULL REFERENCES artifacts(id),
        position INTEGER NOT NULL,
        PRIMARY KEY (submission_id, artifact_id)
      );
      CREATE INDEX submission_artifacts_by_artifact ON submission_artifacts(artifact_id);
      CREATE TABLE assignments (
        id TEXT PRIMARY KEY,
        submission_id TEXT NOT NULL REFERENCES submissions(id),
        assessor_id TEXT NOT NULL REFERENCES users(id),
        role TEXT NOT NULL,
        state TEXT NOT NULL,
        assigned_at TEXT NOT NULL,
        due_at TEXT NOT NULL,
        locked TEXT NOT NULL,
        previous_submission_id TEXT REFERENCES submissions(id),
        previous_review_id TEXT,
        recusal_reason TEXT,
        change_seq INTEGER NOT NULL
      );
      CREATE INDEX assignments_by_assessor ON assignments(assessor_id, change_seq);
      CREATE INDEX assignments_by_submission ON assignments(submission_id);
      CREATE TABLE reviews (
        id TEXT PRIMARY KEY,
        assignment_id TEXT NOT NULL UNIQUE REFERENCES assignments(id),
        submission_id TEXT NOT NULL REFERENCES submissions(id),
        assessor_id TEXT NOT NULL REFERENCES users(id),
        body TEXT NOT NULL,
        decision TEXT NOT NULL,
        weighted_mean REAL NOT NULL,
        received_at TEXT NOT NULL
      );
      CREATE INDEX reviews_by_submission ON reviews(submission_id);
      CREATE TABLE recusals (
        assignment_id TEXT PRIMARY KEY REFERENCES assignments(id),
        assessor_id TEXT NOT NULL REFERENCES users(id),
        candidate_ref TEXT NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX recusals_by_assessor ON recusals(assessor_id, candidate_ref);
      CREATE TABLE audit_events (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        payload TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      INSERT INTO meta (key, value) VALUES ('change_seq', '0'), ('audit_head_seq', '0'),
        ('audit_head_hash', '0000000000000000000000000000000000000000000000000000000000000000');
    `);
  },
};
