import { sql } from 'kysely';
import type { Artifact, ArtifactKind } from '../../shared/index.ts';
import type { Executor } from '../db/open.ts';

export type ArtifactRow = Omit<Artifact, 'durationSec' | 'kind'> & { kind: string; durationSec: number | null };

const COLUMNS = ['id', 'kind', 'filename', 'media_type as mediaType', 'bytes', 'sha256', 'duration_sec as durationSec'] as const;

export const toArtifact = (r: ArtifactRow): Artifact => {
  const { durationSec, ...rest } = r;
  const base = { ...rest, kind: rest.kind as ArtifactKind };
  return durationSec === null ? base : { ...base, durationSec };
};

/** Artifact metadata; the bytes live in the artifact store, named by id. */
export function createArtifactsRepo(db: Executor) {
  return {
    /** `storedAs`: the artifact whose stored file this row shares (a calibration item's copy). */
    async insert(a: Artifact, createdAt: string, storedAs: string | null = null): Promise<void> {
      await db.insertInto('artifacts').values({
        id: a.id, kind: a.kind, filename: a.filename, media_type: a.mediaType, bytes: a.bytes, sha256: a.sha256, duration_sec: a.durationSec ?? null, created_at: createdAt,
        stored_as: storedAs,
      }).execute();
    },
    /** The id the artifact store keeps this artifact's bytes under. */
    async storageId(id: string): Promise<string> {
      const r = await db.selectFrom('artifacts').select('stored_as').where('id', '=', id).executeTakeFirst();
      return r?.stored_as ?? id;
    },
    async byId(id: string): Promise<Artifact | undefined> {
      const r = await db.selectFrom('artifacts').select(COLUMNS).where('id', '=', id).executeTakeFirst();
      return r && toArtifact(r);
    },
    /** Each listed submission's artifacts in order (one query for a whole sync page). */
    async ofSubmissions(submissionIds: readonly string[]): Promise<Map<string, Artifact[]>> {
      const out = new Map<string, Artifact[]>(submissionIds.map((id) => [id, []]));
      if (submissionIds.length === 0) return out;
      const rows = await db.selectFrom('submission_artifacts as sa').innerJoin('artifacts as a', 'a.id', 'sa.artifact_id')
        .select(['sa.submission_id as submissionId', 'a.id', 'a.kind', 'a.filename', 'a.media_type as mediaType', 'a.bytes', 'a.sha256', 'a.duration_sec as durationSec'])
        .where('sa.submission_id', 'in', [...submissionIds]).orderBy('sa.submission_id').orderBy('sa.position').execute();
      for (const { submissionId, ...r } of rows) out.get(submissionId)!.push(toArtifact(r));
      return out;
    },
    async ofSubmission(submissionId: string): Promise<Artifact[]> {
      return (await this.ofSubmissions([submissionId])).get(submissionId)!;
    },
    /** The candidates whose submissions already list this artifact. */
    async candidatesOf(artifactId: string): Promise<string[]> {
      const rows = await db.selectFrom('submission_artifacts as sa').innerJoin('submissions as s', 's.id', 'sa.submission_id')
        .select('s.candidate_ref').distinct().where('sa.artifact_id', '=', artifactId).execute();
      return rows.map((r) => r.candidate_ref);
    },
    /** Assignees see a submission's artifacts and those of every earlier attempt it builds on. */
    async accessibleTo(userId: string, artifactId: string): Promise<boolean> {
      const { rows } = await sql<{ ok: number }>`WITH RECURSIVE chain(id) AS (
          SELECT submission_id FROM assignments WHERE assessor_id = ${userId} AND state NOT IN ('recused', 'revoked')
          UNION
          SELECT s.previous_submission_id FROM submissions s JOIN chain c ON s.id = c.id WHERE s.previous_submission_id IS NOT NULL
        )
        SELECT 1 AS ok FROM submission_artifacts WHERE artifact_id = ${artifactId} AND submission_id IN (SELECT id FROM chain) LIMIT 1`.execute(db);
      return rows.length > 0;
    },
  };
}

export type ArtifactsRepo = ReturnType<typeof createArtifactsRepo>;
