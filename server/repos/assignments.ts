import type { AssignmentRole, AssignmentState, LockedCriterion } from '../../shared/index.ts';
import type { Db } from '../db/open.ts';

export type AssignmentRecord = {
  id: string;
  submissionId: string;
  assessorId: string;
  role: AssignmentRole;
  state: AssignmentState;
  assignedAt: string;
  dueAt: string;
  locked: Record<string, LockedCriterion>;
  previousSubmissionId: string | null;
  previousReviewId: string | null;
  recusalReason: string | null;
  changeSeq: number;
};

type AssignmentRow = Omit<AssignmentRecord, 'locked'> & { locked: string };

const COLUMNS = `id, submission_id AS submissionId, assessor_id AS assessorId, role, state, assigned_at AS assignedAt,
  due_at AS dueAt, locked, previous_submission_id AS previousSubmissionId, previous_review_id AS previousReviewId,
  recusal_reason AS recusalReason, change_seq AS changeSeq`;

const toRecord = (r: AssignmentRow): AssignmentRecord => ({ ...r, locked: JSON.parse(r.locked) as Record<string, LockedCriterion> });

/** Assignments (one reader's job on one submission) and the recusals that ended some. */
export function createAssignmentsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO assignments (id, submission_id, assessor_id, role, state, assigned_at, due_at, locked, previous_submission_id, previous_review_id, recusal_reason, change_seq)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare<[string], AssignmentRow>(`SELECT ${COLUMNS} FROM assignments WHERE id = ?`);
  const ofAssessor = db.prepare<[string, number], AssignmentRow>(`SELECT ${COLUMNS} FROM assignments WHERE assessor_id = ? AND change_seq > ? ORDER BY change_seq`);
  const ofSubmission = db.prepare<[string], AssignmentRow>(`SELECT ${COLUMNS} FROM assignments WHERE submission_id = ? ORDER BY change_seq`);
  const setState = db.prepare('UPDATE assignments SET state = ?, recusal_reason = coalesce(?, recusal_reason), change_seq = ? WHERE id = ?');
  const openWork = db.prepare<[], { assessorId: string; n: number }>(
    `SELECT assessor_id AS assessorId, COUNT(*) AS n FROM assignments WHERE state IN ('assigned', 'in_progress') GROUP BY assessor_id`,
  );
  const insertRecusal = db.prepare('INSERT INTO recusals (assignment_id, assessor_id, candidate_ref, reason, at) VALUES (?, ?, ?, ?, ?)');
  const recused = db.prepare<[string, string], { one: number }>('SELECT 1 AS one FROM recusals WHERE assessor_id = ? AND candidate_ref = ? LIMIT 1');
  return {
    insert(a: AssignmentRecord): void {
      insert.run(a.id, a.submissionId, a.assessorId, a.role, a.state, a.assignedAt, a.dueAt, JSON.stringify(a.locked),
        a.previousSubmissionId, a.previousReviewId, a.recusalReason, a.changeSeq);
    },
    byId(id: string): AssignmentRecord | undefined {
      const r = byId.get(id);
      return r && toRecord(r);
    },
    /** The assessor's assignments changed after `sinceSeq` (0: all of them). */
    ofAssessorSince(assessorId: string, sinceSeq: number): AssignmentRecord[] {
      return ofAssessor.all(assessorId, sinceSeq).map(toRecord);
    },
    ofSubmission(submissionId: string): AssignmentRecord[] {
      return ofSubmission.all(submissionId).map(toRecord);
    },
    setState(id: string, state: AssignmentState, changeSeq: number, recusalReason: string | null = null): void {
      setState.run(state, recusalReason, changeSeq, id);
    },
    /** Open work (assigned + in progress) per assessor; absent means none. */
    openWork(): Map<string, number> {
      return new Map(openWork.all().map((r) => [r.assessorId, r.n]));
    },
    recordRecusal(assignmentId: string, assessorId: string, candidateRef: string, reason: string, at: string): void {
      insertRecusal.run(assignmentId, assessorId, candidateRef, reason, at);
    },
    hasRecused(assessorId: string, candidateRef: string): boolean {
      return recused.get(assessorId, candidateRef) !== undefined;
    },
  };
}

export type AssignmentsRepo = ReturnType<typeof createAssignmentsRepo>;
