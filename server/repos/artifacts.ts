import type { Artifact, ArtifactKind } from '../../shared/index.ts';
import type { Db } from '../db/open.ts';

type ArtifactRow = Omit<Artifact, 'durationSec'> & { durationSec: number | null };

const COLUMNS = 'id, kind, filename, media_type AS mediaType, bytes, sha256, duration_sec AS durationSec';

const toArtifact = (r: ArtifactRow): Artifact => {
  const { durationSec, ...rest } = r;
  return durationSec === null ? { ...rest, kind: rest.kind as ArtifactKind } : { ...rest, kind: rest.kind as ArtifactKind, durationSec };
};

/** Artifact metadata; the bytes live in the data folder's artifacts/ directory, named by id. */
export function createArtifactsRepo(db: Db) {
  const insert = db.prepare(
    'INSERT INTO artifacts (id, kind, filename, media_type, bytes, sha256, duration_sec, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const byId = db.prepare<[string], ArtifactRow>(`SELECT ${COLUMNS} FROM artifacts WHERE id = ?`);
  const candidatesOf = db.prepare<[string], { candidate_ref: string }>(
    `SELECT DISTINCT s.candidate_ref FROM submission_artifacts sa JOIN submissions s ON s.id = sa.submission_id WHERE sa.artifact_id = ?`,
  );
  const ofSubmission = db.prepare<[string], ArtifactRow>(
    `SELECT ${COLUMNS.split(', ').map((c) => `a.${c}`).join(', ')} FROM submission_artifacts sa JOIN artifacts a ON a.id = sa.artifact_id
     WHERE sa.submission_id = ? ORDER BY sa.position`,
  );
  // Assignees see a submission's artifacts and those of every earlier attempt it builds on.
  const accessible = db.prepare<[string, string], { ok: number }>(
    `WITH RECURSIVE chain(id) AS (
       SELECT submission_id FROM assignments WHERE assessor_id = ? AND state NOT IN ('recused', 'revoked')
       UNION
       SELECT s.previous_submission_id FROM submissions s JOIN chain c ON s.id = c.id WHERE s.previous_submission_id IS NOT NULL
     )
     SELECT 1 AS ok FROM submission_artifacts WHERE artifact_id = ? AND submission_id IN (SELECT id FROM chain) LIMIT 1`,
  );
  return {
    insert(a: Artifact, createdAt: string): void {
      insert.run(a.id, a.kind, a.filename, a.mediaType, a.bytes, a.sha256, a.durationSec ?? null, createdAt);
    },
    byId(id: string): Artifact | undefined {
      const r = byId.get(id);
      return r && toArtifact(r);
    },
    ofSubmission(submissionId: string): Artifact[] {
      return ofSubmission.all(submissionId).map(toArtifact);
    },
    /** The candidates whose submissions already list this artifact. */
    candidatesOf(artifactId: string): string[] {
      return candidatesOf.all(artifactId).map((r) => r.candidate_ref);
    },
    accessibleTo(userId: string, artifactId: string): boolean {
      return accessible.get(userId, artifactId) !== undefined;
    },
  };
}

export type ArtifactsRepo = ReturnType<typeof createArtifactsRepo>;
