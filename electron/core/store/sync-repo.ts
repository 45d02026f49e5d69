import { SyncResponse, type Assignment, type Submission } from '../../../shared/index.ts';
import type { AssignmentStateWriter } from './assignment-state.ts';
import type { Catalog } from './catalog.ts';
import type { DraftRows } from './draft-rows.ts';
import { ALREADY_SUBMITTED_REASON } from './outbox-repo.ts';
import type { SalvageRepo } from './salvage.ts';

/** An assignment that arrives already decided: its review reached the hub from elsewhere. */
export const SUBMITTED_ELSEWHERE_REASON = 'Your review of this assignment is already on the hub';
import { StoreError, STORE_ERRORS, type SyncRepo } from './types.ts';
import { iso, write, type Db } from './write.ts';

export const REVOKED_REASON = 'Revoked by the hub';
export const RECUSED_ON_HUB_REASON = 'You recused yourself from this assignment';

const invalid = (message: string) => new StoreError(STORE_ERRORS.invalid, `The hub sent an inconsistent update: ${message}`);

/** Applies pulls from the hub: all of one response in one transaction, cursor included. */
export function createSyncRepo(db: Db, catalog: Catalog, rows: DraftRows, assignments: AssignmentStateWriter, salvage: SalvageRepo): SyncRepo {
  const stateStmt = db.prepare<[], { cursor: string | null; last_sync_at: string | null }>('SELECT cursor, last_sync_at FROM sync_state WHERE id = 1');
  const cursorStmt = db.prepare(
    `INSERT INTO sync_state (id, cursor, last_sync_at) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET cursor = excluded.cursor, last_sync_at = excluded.last_sync_at`,
  );
  const rubricStmt = db.prepare('INSERT OR REPLACE INTO rubrics (id, version, body) VALUES (?, ?, ?)');
  const mcStmt = db.prepare(
    'INSERT INTO micro_credentials (id, title, body) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET title = excluded.title, body = excluded.body',
  );
  const qualificationStmt = db.prepare(
    `INSERT INTO qualifications (micro_credential_id, calibrated_until, state) VALUES (?, ?, ?)
     ON CONFLICT (micro_credential_id) DO UPDATE SET calibrated_until = excluded.calibrated_until, state = excluded.state`,
  );
  const submissionStmt = db.prepare(
    `INSERT INTO submissions (id, micro_credential_id, candidate_ref, attempt, body) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET micro_credential_id = excluded.micro_credential_id, candidate_ref = excluded.candidate_ref,
       attempt = excluded.attempt, body = excluded.body`,
  );
  const artifactShaStmt = db.prepare<[string], { sha256: string }>('SELECT sha256 FROM artifacts WHERE id = ?');
  const artifactStmt = db.prepare(
    `INSERT INTO artifacts (id, filename, media_type, bytes, sha256) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET filename = excluded.filename, media_type = excluded.media_type, bytes = excluded.bytes, sha256 = excluded.sha256`,
  );
  // A file whose hub content changed is no longer verified: fetch it again (the path stays so the downloader can replace it).
  const staleFileStmt = db.prepare(
    "UPDATE local_artifacts SET state = 'error', error = 'The file changed on the hub', updated_at = ? WHERE artifact_id = ? AND state = 'complete'",
  );
  const unlinkStmt = db.prepare('DELETE FROM submission_artifacts WHERE submission_id = ?');
  const linkStmt = db.prepare('INSERT OR IGNORE INTO submission_artifacts (submission_id, artifact_id) VALUES (?, ?)');
  const assignmentStmt = db.prepare(
    `INSERT INTO assignments (id, submission_id, role, state, assigned_at, due_at, body, read_only_reason, updated_at)
     VALUES (@id, @submissionId, @role, @state, @assignedAt, @dueAt, @body, NULL, @at)
     ON CONFLICT (id) DO UPDATE SET submission_id = excluded.submission_id, role = excluded.role, assigned_at = excluded.assigned_at,
       due_at = excluded.due_at, body = excluded.body, updated_at = excluded.updated_at,
       state = CASE WHEN assignments.read_only_reason IS NOT NULL AND assignments.state IN ('revoked', 'recused') THEN assignments.state ELSE excluded.state END`,
  );

  const storeSubmission = (s: Submission, at: string) => {
    if (!catalog.hasRubric(s.rubricId, s.rubricVersion)) throw invalid(`submission ${s.id} needs rubric ${s.rubricId} v${s.rubricVersion}`);
    if (!catalog.microCredential(s.microCredentialId)) throw invalid(`submission ${s.id} needs micro-credential ${s.microCredentialId}`);
    submissionStmt.run(s.id, s.microCredentialId, s.candidateRef, s.attempt, JSON.stringify(s));
    unlinkStmt.run(s.id);
    for (const a of s.artifacts) {
      const before = artifactShaStmt.get(a.id);
      artifactStmt.run(a.id, a.filename, a.mediaType, a.bytes, a.sha256);
      if (before && before.sha256 !== a.sha256) staleFileStmt.run(at, a.id);
      linkStmt.run(s.id, a.id);
    }
  };

  const storeAssignment = (a: Assignment, now: Date, recovered: string[]) => {
    const at = iso(now);
    if (!catalog.submission(a.submissionId)) throw invalid(`assignment ${a.id} needs submission ${a.submissionId}`);
    assignmentStmt.run({ id: a.id, submissionId: a.submissionId, role: a.role, state: a.state, assignedAt: a.assignedAt, dueAt: a.dueAt, body: JSON.stringify(a), at: iso(now) });
    // Work salvaged from a damaged database takes its place before the hub's state is applied to it.
    if (salvage.promote(a.id, now)) recovered.push(a.id);
    if (a.state === 'revoked') assignments.freeze(a.id, 'revoked', REVOKED_REASON, now);
    else if (a.state === 'recused' && catalog.assignment(a.id)?.readOnlyReason == null) assignments.freeze(a.id, 'recused', RECUSED_ON_HUB_REASON, now);
    else if (a.state === 'submitted') {
      // Submitted elsewhere (another device): a review still being written here can no longer go in.
      const draft = rows.find(a.id);
      // A consensus both readers agreed on is done for each of them, not taken by someone else.
      if (draft && a.role === 'consensus' && draft.status !== 'synced') rows.markSynced(a.id, null, null, at);
      else if (draft && (draft.status === 'new' || draft.status === 'draft')) rows.setStatus(a.id, 'read_only', ALREADY_SUBMITTED_REASON);
      else if (!draft) assignments.freeze(a.id, 'submitted', SUBMITTED_ELSEWHERE_REASON, now);
    }
  };

  return {
    cursor() {
      return stateStmt.get()?.cursor ?? null;
    },
    lastSyncAt() {
      return stateStmt.get()?.last_sync_at ?? null;
    },
    apply(response, at) {
      const parsed = SyncResponse.safeParse(response);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        throw invalid(`${first?.path.join('.') ?? ''}: ${first?.message ?? 'malformed'}`);
      }
      const r = parsed.data;
      const now = new Date(at);
      return write(db, () => {
        for (const rubric of r.rubrics) {
          rubricStmt.run(rubric.id, rubric.version, JSON.stringify(rubric));
          catalog.forgetRubric(rubric.id, rubric.version);
        }
        for (const mc of r.microCredentials) mcStmt.run(mc.id, mc.title, JSON.stringify(mc));
        for (const q of r.qualifications) qualificationStmt.run(q.microCredentialId, q.calibratedUntil, q.state ?? null);
        for (const s of r.submissions) storeSubmission(s, at);
        const recoveredAssignmentIds: string[] = [];
        for (const a of r.assignments) storeAssignment(a, now, recoveredAssignmentIds);
        const revokedAssignmentIds = r.revoked.filter((id) => catalog.assignment(id) !== undefined);
        for (const id of revokedAssignmentIds) assignments.freeze(id, 'revoked', REVOKED_REASON, now);
        cursorStmt.run(r.cursor, at);
        return { changedAssignmentIds: r.assignments.map((a) => a.id), revokedAssignmentIds, recoveredAssignmentIds };
      });
    },
  };
}
