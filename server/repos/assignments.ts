import type { AssignmentRole, AssignmentState, LockedCriterion } from '../../shared/index.ts';
import type { Executor } from '../db/open.ts';
import type { HubTables } from '../db/schema.ts';

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

const COLUMNS = ['id', 'submission_id as submissionId', 'assessor_id as assessorId', 'role', 'state', 'assigned_at as assignedAt', 'due_at as dueAt', 'locked',
  'previous_submission_id as previousSubmissionId', 'previous_review_id as previousReviewId', 'recusal_reason as recusalReason', 'change_seq as changeSeq'] as const;

export type AssignmentRow = Omit<AssignmentRecord, 'locked' | 'role' | 'state'> & { locked: string; role: string; state: string };

export const toAssignmentRecord = (r: AssignmentRow): AssignmentRecord => ({
  ...r, role: r.role as AssignmentRole, state: r.state as AssignmentState, locked: JSON.parse(r.locked) as Record<string, LockedCriterion>,
});

/** The assessor's assignments changed after `sinceSeq` (0: all of them), as rows: a subquery of changes.ts. */
export const ofAssessorSinceQuery = (db: Executor, assessorId: string, sinceSeq: number) =>
  db.selectFrom('assignments').select(COLUMNS).where('assessor_id', '=', assessorId).where('change_seq', '>', sinceSeq).orderBy('change_seq');

/** Assignments (one reader's job on one submission) and the recusals that ended some. */
export function createAssignmentsRepo(db: Executor) {
  const select = () => db.selectFrom('assignments').select(COLUMNS);
  return {
    async insert(a: AssignmentRecord): Promise<void> {
      const row: HubTables['assignments'] = {
        id: a.id, submission_id: a.submissionId, assessor_id: a.assessorId, role: a.role, state: a.state, assigned_at: a.assignedAt, due_at: a.dueAt,
        locked: JSON.stringify(a.locked), previous_submission_id: a.previousSubmissionId, previous_review_id: a.previousReviewId,
        recusal_reason: a.recusalReason, change_seq: a.changeSeq,
      };
      await db.insertInto('assignments').values(row).execute();
    },
    async byId(id: string): Promise<AssignmentRecord | undefined> {
      const r = await select().where('id', '=', id).executeTakeFirst();
      return r && toAssignmentRecord(r);
    },
    async ofSubmission(submissionId: string): Promise<AssignmentRecord[]> {
      return (await select().where('submission_id', '=', submissionId).orderBy('change_seq').execute()).map(toAssignmentRecord);
    },
    async setState(id: string, state: AssignmentState, changeSeq: number, recusalReason: string | null = null): Promise<void> {
      await db.updateTable('assignments')
        .set((eb) => ({ state, change_seq: changeSeq, recusal_reason: eb.fn.coalesce(eb.val(recusalReason), eb.ref('recusal_reason')) }))
        .where('id', '=', id).execute();
    },
    /** Open work (assigned + in progress) per assessor; absent means none. */
    async openWork(): Promise<Map<string, number>> {
      const rows = await db.selectFrom('assignments').select((eb) => ['assessor_id', eb.fn.countAll<number>().as('n')])
        .where('state', 'in', ['assigned', 'in_progress']).groupBy('assessor_id').execute();
      return new Map(rows.map((r) => [r.assessor_id, Number(r.n)]));
    },
    /** The assessor's open work of these roles on one micro-credential's submissions (drift suspension re-routes it). */
    async openOf(assessorId: string, microCredentialId: string, roles: readonly AssignmentRole[]): Promise<AssignmentRecord[]> {
      const rows = await db.selectFrom('assignments').innerJoin('submissions as s', 's.id', 'assignments.submission_id')
        .select(COLUMNS.map((c) => `assignments.${c}` as `assignments.${typeof c}`))
        .where('assignments.assessor_id', '=', assessorId).where('s.micro_credential_id', '=', microCredentialId)
        .where('assignments.state', 'in', ['assigned', 'in_progress']).where('assignments.role', 'in', [...roles])
        .orderBy('assignments.change_seq').execute();
      return rows.map(toAssignmentRecord);
    },
    async recordRecusal(assignmentId: string, assessorId: string, candidateRef: string, reason: string, at: string): Promise<void> {
      await db.insertInto('recusals').values({ assignment_id: assignmentId, assessor_id: assessorId, candidate_ref: candidateRef, reason, at }).execute();
    },
    /** The assessors who have recused themselves from this candidate's work. */
    async recusersOf(candidateRef: string): Promise<Set<string>> {
      const rows = await db.selectFrom('recusals').select('assessor_id').distinct().where('candidate_ref', '=', candidateRef).execute();
      return new Set(rows.map((r) => r.assessor_id));
    },
    async hasRecused(assessorId: string, candidateRef: string): Promise<boolean> {
      const r = await db.selectFrom('recusals').select('assignment_id').where('assessor_id', '=', assessorId).where('candidate_ref', '=', candidateRef).limit(1).executeTakeFirst();
      return r !== undefined;
    },
  };
}

export type AssignmentsRepo = ReturnType<typeof createAssignmentsRepo>;
