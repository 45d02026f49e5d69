/**
 * The hub's tables as Kysely sees them. JSON documents are stored as text on both engines
 * (the wire shape, parsed in the repos); flags are 0/1 integers on both, so no query
 * differs by engine over them.
 */
export type HubTables = {
  users: {
    id: string;
    username: string;
    display_name: string;
    roles: string;
    active: number;
    school: string | null;
    district: string | null;
    password_hash: string;
    demo: number;
  };
  qualifications: { user_id: string; micro_credential_id: string; calibrated_until: string; suspended_at: string | null; window_from: string | null };
  tokens: { token_hash: string; user_id: string; device_name: string; created_at: string; revoked_at: string | null };
  rubrics: { id: string; version: number; body: string };
  micro_credentials: { id: string; body: string };
  candidates: { ref: string; school: string | null; district: string | null };
  artifacts: {
    id: string;
    kind: string;
    filename: string;
    media_type: string;
    bytes: number;
    sha256: string;
    duration_sec: number | null;
    created_at: string;
    stored_as: string | null;
  };
  submissions: {
    id: string;
    micro_credential_id: string;
    candidate_ref: string;
    attempt: number;
    previous_submission_id: string | null;
    submitted_at: string;
    reflection: string;
    rubric_id: string;
    rubric_version: number;
    purpose: string;
    source_submission_id: string | null;
  };
  submission_artifacts: { submission_id: string; artifact_id: string; position: number };
  assignments: {
    id: string;
    submission_id: string;
    assessor_id: string;
    role: string;
    state: string;
    assigned_at: string;
    due_at: string;
    locked: string;
    previous_submission_id: string | null;
    previous_review_id: string | null;
    recusal_reason: string | null;
    change_seq: number;
  };
  reviews: {
    id: string;
    assignment_id: string;
    submission_id: string;
    assessor_id: string;
    body: string;
    decision: string;
    weighted_mean: number;
    received_at: string;
    /** The body's `scores` (migration 009): read by the reliability report without the body. */
    scores: string | null;
  };
  recusals: { assignment_id: string; assessor_id: string; candidate_ref: string; reason: string; at: string };
  audit_events: { seq: number; at: string; actor: string; action: string; subject: string; payload: string; prev_hash: string; hash: string };
  decisions: {
    submission_id: string;
    candidate_ref: string;
    micro_credential_id: string;
    attempt: number;
    decision: string;
    basis: string;
    decided_at: string;
    assessor_ids: string;
    rubric_id: string;
    rubric_version: number;
    review_id: string;
    levels: string;
    /** The submission's time (migration 010), for the turnaround report; null only for a row whose submission is gone. */
    submitted_at: string | null;
    /** The decision's UTC day, days since 1970 (migration 011), for the turnaround report's buckets. */
    decided_day: number | null;
    /** decided_at − submitted_at in milliseconds (migration 011); null where submitted_at is. */
    duration_ms: number | null;
  };
  /** Both reads of a double-scored submission, written when the second is in (migration 010). */
  read_pairs: {
    submission_id: string;
    micro_credential_id: string;
    first_assessor_id: string;
    first_scores: string;
    first_decision: string;
    second_assessor_id: string;
    second_scores: string;
    second_decision: string;
    completed_at: string;
  };
  decision_assessors: { assessor_id: string; decided_at: string; submission_id: string };
  recipients: { submission_id: string; email: string; salt: string };
  audit_refs: { ref: string; seq: number; action: string };
  audit_checkpoints: { seq: number; hash: string; at: string; signature: string };
  selections: { submission_id: string; micro_credential_id: string; ordinal: number; selected: number; rule: string; inputs: string; audit_seq: number };
  resolutions: {
    submission_id: string;
    state: string;
    method: string | null;
    consensus_started_at: string | null;
    consensus_due_at: string | null;
    escalated_at: string | null;
    final: string | null;
    basis: string | null;
    decided_at: string | null;
  };
  adjudications: { id: string; assignment_id: string; submission_id: string; adjudicator_id: string; body: string; received_at: string };
  consensus_rounds: { submission_id: string; round: number; proposal: string; proposed_at: string; response: string | null };
  probation_releases: { assessor_id: string; micro_credential_id: string; released_at: string };
  calibration_sets: { id: string; micro_credential_id: string; title: string; state: string; created_at: string; published_at: string | null };
  calibration_items: { submission_id: string; set_id: string; position: number };
  calibration_attempts: {
    id: string;
    assessor_id: string;
    micro_credential_id: string;
    state: string;
    started_at: string;
    completed_at: string | null;
    outcome: string | null;
  };
  calibration_attempt_items: { assignment_id: string; attempt_id: string; position: number };
  validity_reads: {
    assignment_id: string;
    assessor_id: string;
    micro_credential_id: string;
    source_submission_id: string;
    submitted_at: string;
    points: number;
    levels: string;
    master_levels: string;
  };
  meta: { key: string; value: string };
  schema_migrations: { version: number; name: string; applied_at: string };
};
