import type { Submission } from '../../shared/index.ts';
import type { SelectQueryBuilder } from 'kysely';
import type { Executor } from '../db/open.ts';
import type { HubTables } from '../db/schema.ts';
import { toArtifact } from './artifacts.ts';

export type SubmissionRecord = Omit<Submission, 'artifacts'>;
export type Candidate = { ref: string; school: string | null; district: string | null };
/** What a submission is for; kept out of SubmissionRecord so it can never reach the wire. */
export type Purpose = 'live' | 'calibration' | 'copy';
export type SubmissionUse = { purpose: Purpose; sourceSubmissionId: string | null };

const COLUMNS = ['id', 'micro_credential_id as microCredentialId', 'candidate_ref as candidateRef', 'attempt', 'previous_submission_id as previousSubmissionId',
  'submitted_at as submittedAt', 'reflection', 'rubric_id as rubricId', 'rubric_version as rubricVersion'] as const;

const selectFrom = (db: Executor) => db.selectFrom('submissions as s').select(COLUMNS.map((c) => `s.${c}` as `s.${typeof c}`));

/** One row per submission × artifact (a submission without any gives one row of nulls); `submissionsWithArtifacts` folds them. */
export const withArtifactsQuery = (db: Executor, ids: string[] | SelectQueryBuilder<HubTables, keyof HubTables, { submission_id: string }>) =>
  selectFrom(db).leftJoin('submission_artifacts as sa', 'sa.submission_id', 's.id').leftJoin('artifacts as a', 'a.id', 'sa.artifact_id')
    .select(['sa.position', 'a.id as artifactId', 'a.kind', 'a.filename', 'a.media_type as mediaType', 'a.bytes', 'a.sha256', 'a.duration_sec as durationSec'])
    .where('s.id', 'in', ids).orderBy('s.id').orderBy('sa.position');

type WithArtifactsRow = Awaited<ReturnType<ReturnType<typeof withArtifactsQuery>['execute']>>[number];

/**
 * Rows of `withArtifactsQuery` as submissions, each with its artifacts in position order.
 * Artifacts are sorted here again: rows read back from a JSON aggregate keep their order only
 * in practice. Submissions keep the database's order (a sort by text here could differ from its collation).
 */
export function submissionsWithArtifacts(rows: readonly WithArtifactsRow[]): Submission[] {
  const out = new Map<string, Submission & { positions: number[] }>();
  for (const { position, artifactId, kind, filename, mediaType, bytes, sha256, durationSec, ...s } of rows) {
    let found = out.get(s.id);
    if (!found) out.set(s.id, (found = { ...s, artifacts: [], positions: [] }));
    if (artifactId === null) continue;
    found.artifacts.push(toArtifact({ id: artifactId, kind: kind!, filename: filename!, mediaType: mediaType!, bytes: bytes!, sha256: sha256!, durationSec }));
    found.positions.push(position!);
  }
  return [...out.values()].map(({ positions, artifacts, ...s }) => ({
    ...s,
    artifacts: artifacts.map((a, i) => [positions[i]!, a] as const).sort((x, y) => x[0] - y[0]).map(([, a]) => a),
  }));
}

/** Submissions, their artifact lists, and the candidates behind them. */
export function createSubmissionsRepo(db: Executor) {
  const select = () => selectFrom(db);
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
    async insert(s: SubmissionRecord, artifactIds: readonly string[], use: SubmissionUse = { purpose: 'live', sourceSubmissionId: null }): Promise<void> {
      await db.insertInto('submissions').values({
        id: s.id, micro_credential_id: s.microCredentialId, candidate_ref: s.candidateRef, attempt: s.attempt, previous_submission_id: s.previousSubmissionId,
        submitted_at: s.submittedAt, reflection: s.reflection, rubric_id: s.rubricId, rubric_version: s.rubricVersion,
        purpose: use.purpose, source_submission_id: use.sourceSubmissionId,
      }).execute();
      if (artifactIds.length > 0) {
        await db.insertInto('submission_artifacts').values(artifactIds.map((a, i) => ({ submission_id: s.id, artifact_id: a, position: i }))).execute();
      }
    },
    async byId(id: string): Promise<SubmissionRecord | undefined> {
      return select().where('s.id', '=', id).executeTakeFirst();
    },
    async useOf(id: string): Promise<SubmissionUse | undefined> {
      const r = await db.selectFrom('submissions').select(['purpose', 'source_submission_id as sourceSubmissionId']).where('id', '=', id).executeTakeFirst();
      return r && { purpose: r.purpose as Purpose, sourceSubmissionId: r.sourceSubmissionId };
    },
    /** The calibration items this assessor has been handed a copy of, in an attempt or as validity work. */
    async itemsSeenBy(assessorId: string): Promise<Set<string>> {
      const rows = await db.selectFrom('submissions as s').innerJoin('assignments as a', 'a.submission_id', 's.id')
        .select('s.source_submission_id as source').distinct().where('s.purpose', '=', 'copy').where('a.assessor_id', '=', assessorId).execute();
      return new Set(rows.flatMap((r) => (r.source ? [r.source] : [])));
    },
    async idTaken(id: string): Promise<boolean> {
      return (await db.selectFrom('submissions').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
    },
    async byIds(ids: readonly string[]): Promise<SubmissionRecord[]> {
      return ids.length === 0 ? [] : select().where('s.id', 'in', [...ids]).execute();
    },
    /** Several submissions with their artifacts in order, read by one statement (a sync page). */
    async withArtifacts(ids: readonly string[]): Promise<Submission[]> {
      return ids.length === 0 ? [] : submissionsWithArtifacts(await withArtifactsQuery(db, [...ids]).execute());
    },
    /** Live submissions nobody holds or has decided: routing found no eligible assessor for them. */
    async waiting(): Promise<SubmissionRecord[]> {
      return select()
        .where('s.purpose', '=', 'live')
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
