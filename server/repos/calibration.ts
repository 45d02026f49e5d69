import type { CalibrationAttempt } from '../../shared/index.ts';
import type { Executor } from '../db/open.ts';

export type SetRecord = { id: string; microCredentialId: string; title: string; state: 'draft' | 'published'; createdAt: string; publishedAt: string | null };
export type AttemptRecord = {
  id: string;
  assessorId: string;
  microCredentialId: string;
  state: CalibrationAttempt['state'];
  startedAt: string;
  completedAt: string | null;
  /** The scored outcome (agreement, items, qualification), stored whole once the attempt completes. */
  outcome: Pick<CalibrationAttempt, 'agreement' | 'items' | 'qualification'> | null;
};
export type ValidityReadRecord = {
  assignmentId: string;
  assessorId: string;
  microCredentialId: string;
  sourceSubmissionId: string;
  submittedAt: string;
  points: number;
  /** The assessor's and the master's levels, criterion by criterion in rubric order. */
  levels: number[];
  masterLevels: number[];
};

const SET_COLUMNS = ['id', 'micro_credential_id as microCredentialId', 'title', 'state', 'created_at as createdAt', 'published_at as publishedAt'] as const;
const ATTEMPT_COLUMNS = ['id', 'assessor_id as assessorId', 'micro_credential_id as microCredentialId', 'state', 'started_at as startedAt',
  'completed_at as completedAt', 'outcome'] as const;
const READ_COLUMNS = ['assignment_id as assignmentId', 'assessor_id as assessorId', 'micro_credential_id as microCredentialId',
  'source_submission_id as sourceSubmissionId', 'submitted_at as submittedAt', 'points', 'levels', 'master_levels as masterLevels'] as const;

type AttemptRow = Omit<AttemptRecord, 'state' | 'outcome'> & { state: string; outcome: string | null };
type ReadRow = Omit<ValidityReadRecord, 'levels' | 'masterLevels'> & { levels: string; masterLevels: string };

const toAttempt = (r: AttemptRow): AttemptRecord => ({ ...r, state: r.state as AttemptRecord['state'], outcome: r.outcome === null ? null : JSON.parse(r.outcome) });
const toRead = (r: ReadRow): ValidityReadRecord => ({ ...r, levels: JSON.parse(r.levels) as number[], masterLevels: JSON.parse(r.masterLevels) as number[] });

/** Calibration sets and their items, attempts and their assignments, validity reads. */
export function createCalibrationRepo(db: Executor) {
  return {
    async insertSet(s: SetRecord, submissionIds: readonly string[]): Promise<void> {
      await db.insertInto('calibration_sets').values({
        id: s.id, micro_credential_id: s.microCredentialId, title: s.title, state: s.state, created_at: s.createdAt, published_at: s.publishedAt,
      }).execute();
      await db.insertInto('calibration_items').values(submissionIds.map((id, i) => ({ submission_id: id, set_id: s.id, position: i }))).execute();
    },
    async set(id: string): Promise<SetRecord | undefined> {
      const r = await db.selectFrom('calibration_sets').select(SET_COLUMNS).where('id', '=', id).executeTakeFirst();
      return r && { ...r, state: r.state as SetRecord['state'] };
    },
    async sets(microCredentialId?: string): Promise<SetRecord[]> {
      let q = db.selectFrom('calibration_sets').select(SET_COLUMNS);
      if (microCredentialId) q = q.where('micro_credential_id', '=', microCredentialId);
      return (await q.orderBy('created_at').orderBy('id').execute()).map((r) => ({ ...r, state: r.state as SetRecord['state'] }));
    },
    async publish(id: string, at: string): Promise<void> {
      await db.updateTable('calibration_sets').set({ state: 'published', published_at: at }).where('id', '=', id).execute();
    },
    async itemsOf(setId: string): Promise<string[]> {
      return (await db.selectFrom('calibration_items').select('submission_id').where('set_id', '=', setId).orderBy('position').execute()).map((r) => r.submission_id);
    },
    async setOfItem(submissionId: string): Promise<string | undefined> {
      return (await db.selectFrom('calibration_items').select('set_id').where('submission_id', '=', submissionId).executeTakeFirst())?.set_id;
    },
    /** Every item of the micro-credential's published sets, in set then item order. */
    async publishedItems(microCredentialId: string): Promise<string[]> {
      const rows = await db.selectFrom('calibration_items as i').innerJoin('calibration_sets as s', 's.id', 'i.set_id').select('i.submission_id')
        .where('s.micro_credential_id', '=', microCredentialId).where('s.state', '=', 'published')
        .orderBy('s.published_at').orderBy('s.id').orderBy('i.position').execute();
      return rows.map((r) => r.submission_id);
    },
    async insertAttempt(a: AttemptRecord, assignmentIds: readonly string[]): Promise<void> {
      await db.insertInto('calibration_attempts').values({
        id: a.id, assessor_id: a.assessorId, micro_credential_id: a.microCredentialId, state: a.state, started_at: a.startedAt, completed_at: a.completedAt,
        outcome: a.outcome === null ? null : JSON.stringify(a.outcome),
      }).execute();
      await db.insertInto('calibration_attempt_items').values(assignmentIds.map((id, i) => ({ assignment_id: id, attempt_id: a.id, position: i }))).execute();
    },
    async attempt(id: string): Promise<AttemptRecord | undefined> {
      const r = await db.selectFrom('calibration_attempts').select(ATTEMPT_COLUMNS).where('id', '=', id).executeTakeFirst();
      return r && toAttempt(r);
    },
    async attempts(filter: { assessorId?: string; microCredentialId?: string }): Promise<AttemptRecord[]> {
      let q = db.selectFrom('calibration_attempts').select(ATTEMPT_COLUMNS);
      if (filter.assessorId) q = q.where('assessor_id', '=', filter.assessorId);
      if (filter.microCredentialId) q = q.where('micro_credential_id', '=', filter.microCredentialId);
      return (await q.orderBy('started_at').orderBy('id').execute()).map(toAttempt);
    },
    async attemptOf(assignmentId: string): Promise<string | undefined> {
      return (await db.selectFrom('calibration_attempt_items').select('attempt_id').where('assignment_id', '=', assignmentId).executeTakeFirst())?.attempt_id;
    },
    async assignmentsOf(attemptId: string): Promise<string[]> {
      return (await db.selectFrom('calibration_attempt_items').select('assignment_id').where('attempt_id', '=', attemptId).orderBy('position').execute())
        .map((r) => r.assignment_id);
    },
    async completeAttempt(a: AttemptRecord): Promise<void> {
      await db.updateTable('calibration_attempts').set({ state: a.state, completed_at: a.completedAt, outcome: JSON.stringify(a.outcome) }).where('id', '=', a.id).execute();
    },
    async insertRead(r: ValidityReadRecord): Promise<void> {
      await db.insertInto('validity_reads').values({
        assignment_id: r.assignmentId, assessor_id: r.assessorId, micro_credential_id: r.microCredentialId, source_submission_id: r.sourceSubmissionId,
        submitted_at: r.submittedAt, points: r.points, levels: JSON.stringify(r.levels), master_levels: JSON.stringify(r.masterLevels),
      }).execute();
    },
    async reads(filter: { assessorId?: string; microCredentialId?: string }): Promise<ValidityReadRecord[]> {
      let q = db.selectFrom('validity_reads').select(READ_COLUMNS);
      if (filter.assessorId) q = q.where('assessor_id', '=', filter.assessorId);
      if (filter.microCredentialId) q = q.where('micro_credential_id', '=', filter.microCredentialId);
      return (await q.orderBy('submitted_at').orderBy('assignment_id').execute()).map(toRead);
    },
    /** The assessor's newest `limit` reads for a micro-credential submitted after `from` (null: all), newest first. */
    async lastReads(assessorId: string, microCredentialId: string, from: string | null, limit: number): Promise<ValidityReadRecord[]> {
      let q = db.selectFrom('validity_reads').select(READ_COLUMNS).where('assessor_id', '=', assessorId).where('micro_credential_id', '=', microCredentialId);
      if (from !== null) q = q.where('submitted_at', '>', from);
      return (await q.orderBy('submitted_at', 'desc').orderBy('assignment_id', 'desc').limit(limit).execute()).map(toRead);
    },
  };
}

export type CalibrationRepo = ReturnType<typeof createCalibrationRepo>;
