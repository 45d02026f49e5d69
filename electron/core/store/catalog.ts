import type { Assignment, AssignmentState, MicroCredential, QualificationState, Rubric, Submission } from '../../../shared/index.ts';
import { notFound, type Db } from './write.ts';

type AssignmentRow = { body: string; state: string; read_only_reason: string | null };

/** One assignment with everything its review is judged against. */
export type AssignmentContext = {
  assignment: Assignment;
  submission: Submission;
  rubric: Rubric;
  readOnlyReason: string | null;
};

/**
 * Reads of the hub objects a sync stored (kept as wire JSON). Rubric versions are
 * immutable, so parsed rubrics are cached: a draft save then costs no JSON parse of them.
 */
export function createCatalog(db: Db) {
  const assignmentStmt = db.prepare<[string], AssignmentRow>('SELECT body, state, read_only_reason FROM assignments WHERE id = ?');
  const submissionStmt = db.prepare<[string], { body: string }>('SELECT body FROM submissions WHERE id = ?');
  const rubricStmt = db.prepare<[string, number], { body: string }>('SELECT body FROM rubrics WHERE id = ? AND version = ?');
  const mcStmt = db.prepare<[string], { body: string }>('SELECT body FROM micro_credentials WHERE id = ?');
  const qualificationStmt = db.prepare<[string], { calibrated_until: string; state: QualificationState | null }>(
    'SELECT calibrated_until, state FROM qualifications WHERE micro_credential_id = ?',
  );
  const rubricCache = new Map<string, Rubric>();

  const catalog = {
    assignment(id: string): { assignment: Assignment; readOnlyReason: string | null } | undefined {
      const row = assignmentStmt.get(id);
      if (!row) return undefined;
      const assignment = { ...(JSON.parse(row.body) as Assignment), state: row.state as AssignmentState };
      return { assignment, readOnlyReason: row.read_only_reason };
    },
    submission(id: string): Submission | undefined {
      const row = submissionStmt.get(id);
      return row ? (JSON.parse(row.body) as Submission) : undefined;
    },
    rubric(id: string, version: number): Rubric | undefined {
      const key = `${id}@${version}`;
      const cached = rubricCache.get(key);
      if (cached) return cached;
      const row = rubricStmt.get(id, version);
      if (!row) return undefined;
      const rubric = JSON.parse(row.body) as Rubric;
      rubricCache.set(key, rubric);
      return rubric;
    },
    /** Checks presence without caching (inside a sync transaction that may still roll back). */
    hasRubric(id: string, version: number): boolean {
      return rubricStmt.get(id, version) !== undefined;
    },
    /** A sync stored this rubric version again: read it afresh next time. */
    forgetRubric(id: string, version: number): void {
      rubricCache.delete(`${id}@${version}`);
    },
    microCredential(id: string): MicroCredential | undefined {
      const row = mcStmt.get(id);
      return row ? (JSON.parse(row.body) as MicroCredential) : undefined;
    },
    /** The assessor's standing as the last sync gave it; null when there is none on record. */
    qualification(microCredentialId: string): { calibratedUntil: string; state: QualificationState | null } | null {
      const row = qualificationStmt.get(microCredentialId);
      return row ? { calibratedUntil: row.calibrated_until, state: row.state } : null;
    },
    /** Throws not_found when the assignment (or what a sync guaranteed with it) is missing. */
    context(assignmentId: string): AssignmentContext {
      const found = catalog.assignment(assignmentId);
      if (!found) throw notFound('Assignment', assignmentId);
      const submission = catalog.submission(found.assignment.submissionId);
      if (!submission) throw notFound('Submission', found.assignment.submissionId);
      const rubric = catalog.rubric(submission.rubricId, submission.rubricVersion);
      if (!rubric) throw notFound('Rubric', `${submission.rubricId} v${submission.rubricVersion}`);
      return { assignment: found.assignment, submission, rubric, readOnlyReason: found.readOnlyReason };
    },
  };
  return catalog;
}

export type Catalog = ReturnType<typeof createCatalog>;
