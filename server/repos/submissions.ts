import type { Submission } from '../../shared/index.ts';
import type { Db } from '../db/open.ts';

export type SubmissionRecord = Omit<Submission, 'artifacts'>;
export type Candidate = { ref: string; school: string | null; district: string | null };

const COLUMNS = `id, micro_credential_id AS microCredentialId, candidate_ref AS candidateRef, attempt,
  previous_submission_id AS previousSubmissionId, submitted_at AS submittedAt, reflection,
  rubric_id AS rubricId, rubric_version AS rubricVersion`;

/** Submissions, their artifact lists, and the candidates behind them. */
export function createSubmissionsRepo(db: Db) {
  const upsertCandidate = db.prepare(
    `INSERT INTO candidates (ref, school, district) VALUES (?, ?, ?)
     ON CONFLICT (ref) DO UPDATE SET school = coalesce(excluded.school, school), district = coalesce(excluded.district, district)`,
  );
  const candidate = db.prepare<[string], Candidate>('SELECT ref, school, district FROM candidates WHERE ref = ?');
  const insert = db.prepare(
    `INSERT INTO submissions (id, micro_credential_id, candidate_ref, attempt, previous_submission_id, submitted_at, reflection, rubric_id, rubric_version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const link = db.prepare('INSERT INTO submission_artifacts (submission_id, artifact_id, position) VALUES (?, ?, ?)');
  const byId = db.prepare<[string], SubmissionRecord>(`SELECT ${COLUMNS} FROM submissions WHERE id = ?`);
  const nextAttempt = db.prepare<[string], { id: string }>('SELECT id FROM submissions WHERE previous_submission_id = ? LIMIT 1');
  // Submissions nobody holds or has decided: routing found no eligible assessor for them.
  const waiting = db.prepare<[], SubmissionRecord>(
    `SELECT ${COLUMNS} FROM submissions s WHERE NOT EXISTS (
       SELECT 1 FROM assignments a WHERE a.submission_id = s.id AND a.state IN ('assigned', 'in_progress', 'submitted')
     ) ORDER BY submitted_at, id`,
  );
  return {
    upsertCandidate(c: Candidate): void {
      upsertCandidate.run(c.ref, c.school, c.district);
    },
    candidate(ref: string): Candidate | undefined {
      return candidate.get(ref);
    },
    insert(s: SubmissionRecord, artifactIds: readonly string[]): void {
      insert.run(s.id, s.microCredentialId, s.candidateRef, s.attempt, s.previousSubmissionId, s.submittedAt, s.reflection, s.rubricId, s.rubricVersion);
      artifactIds.forEach((a, i) => link.run(s.id, a, i));
    },
    byId(id: string): SubmissionRecord | undefined {
      return byId.get(id);
    },
    waiting(): SubmissionRecord[] {
      return waiting.all();
    },
    /** The id of the attempt that resubmits this one, if any. */
    resubmissionOf(id: string): string | undefined {
      return nextAttempt.get(id)?.id;
    },
  };
}

export type SubmissionsRepo = ReturnType<typeof createSubmissionsRepo>;
