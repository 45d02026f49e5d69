import type { Submission } from '../../shared/index.ts';
import type { Executor } from '../db/open.ts';

export type SubmissionRecord = Omit<Submission, 'artifacts'>;
export type Candidate = { ref: string; school: string | null; district: string | null };

const COLUMNS = ['id', 'micro_credential_id as microCredentialId', 'candidate_ref as candidateRef', 'attempt', 'previous_submission_id as previousSubmissionId',
  'submitted_at as submittedAt', 'reflection', 'rubric_id as rubricId', 'rubric_version as rubricVersion'] as const;

/** Submissions, their artifact lists, and the candidates behind them. */
export function createSubmissionsRepo(db: Executor) {
  const select = () => db.selectFrom('submissions as s').select(COLUMNS.map((c) => `s.${c}` as `s.${typeof c}`));
  return {
    async upsertCandidate(c: Candidate): Promise<void> {
      await db.insertInto('candidates').values(c)
        .onConflict((oc) => oc.column('ref').doUpdateSet((eb) => ({
          school: eb.fn.coalesce(eb.ref('excluded.school'), eb.ref('candidates.school')),
          district: eb.fn.coalesce(eb.ref('excluded.district'), eb.ref('candidates.district')),
        })))
        .execute();
    },
    async candidate(ref: string): Promise<Candidate | undefined> {
      return db.selectFrom('candidates').select(['ref', 'school', 'district']).where('ref', '=', ref).executeTakeFirst();
    },
    async insert(s: SubmissionRecord, artifactIds: readonly string[]): Promise<void> {
      await db.insertInto('submissions').values({
        id: s.id, micro_credential_id: s.microCredentialId, candidate_ref: s.candidateRef, attempt: s.attempt, previous_submission_id: s.previousSubmissionId,
        submitted_at: s.submittedAt, reflection: s.reflection, rubric_id: s.rubricId, rubric_version: s.rubricVersion,
      }).execute();
      if (artifactIds.length > 0) {
        await db.insertInto('submission_artifacts').values(artifactIds.map((a, i) => ({ submission_id: s.id, artifact_id: a, position: i }))).execute();
      }
    },
    async byId(id: string): Promise<SubmissionRecord | undefined> {
      return select().where('s.id', '=', id).executeTakeFirst();
    },
    async byIds(ids: readonly string[]): Promise<SubmissionRecord[]> {
      return ids.length === 0 ? [] : select().where('s.id', 'in', [...ids]).execute();
    },
    /** Submissions nobody holds or has decided: routing found no eligible assessor for them. */
    async waiting(): Promise<SubmissionRecord[]> {
      return select()
        .where(({ not, exists, selectFrom }) => not(exists(
          selectFrom('assignments as a').select('a.id').whereRef('a.submission_id', '=', 's.id').where('a.state', 'in', ['assigned', 'in_progress', 'submitted']),
        )))
        .orderBy('s.submitted_at').orderBy('s.id').execute();
    },
    /** Every attempt of a candidate at a micro-credential, first attempt first. */
    async attemptsOf(candidateRef: string, microCredentialId: string): Promise<SubmissionRecord[]> {
      return select().where('s.candidate_ref', '=', candidateRef).where('s.micro_credential_id', '=', microCredentialId).orderBy('s.attempt').orderBy('s.submitted_at').execute();
    },
    /** The id of the attempt that resubmits this one, if any. */
    async resubmissionOf(id: string): Promise<string | undefined> {
      return (await db.selectFrom('submissions').select('id').where('previous_submission_id', '=', id).limit(1).executeTakeFirst())?.id;
    },
  };
}

export type SubmissionsRepo = ReturnType<typeof createSubmissionsRepo>;
