import type { ArtifactNeed, LocalArtifactFile, LocalArtifactRepo } from './types.ts';
import { iso, notFound, write, type Db } from './write.ts';

type FileRow = { id: string; path: string; bytes: number; sha256: string; media_type: string };
type NeedRow = { id: string; filename: string; media_type: string; bytes: number; sha256: string; submission_id: string; assignment_ids: string };

// An assignment keeps its files while its review is still being written or waits in the outbox.
const IN_REVIEW = "a.read_only_reason IS NULL AND a.state IN ('assigned', 'in_progress') AND coalesce(d.status, 'new') IN ('new', 'draft', 'queued')";

// Every file an assignment looks at: its own submission's (depth 0) and, on a resubmission,
// the previous attempt's (depth 1), so the assessor can compare both offline.
const ASSIGNMENT_FILES = `assignment_files AS (
  SELECT a.id AS assignment_id, sa.artifact_id, sa.submission_id, 0 AS depth
  FROM assignments a JOIN submission_artifacts sa ON sa.submission_id = a.submission_id
  UNION ALL
  SELECT a.id, sa.artifact_id, sa.submission_id, 1
  FROM assignments a JOIN submission_artifacts sa ON sa.submission_id = json_extract(a.body, '$.previous.submissionId'))`;

const toFile = (r: FileRow): LocalArtifactFile => ({ artifactId: r.id, path: r.path, bytes: r.bytes, sha256: r.sha256, mediaType: r.media_type });

/** Which artifact files this device needs, holds (verified and encrypted) or may purge. */
export function createArtifactRepo(db: Db, clock: () => Date): LocalArtifactRepo {
  // The attempts under review come first, earlier attempts after them; the submission named
  // is the nearest attempt the file belongs to.
  const neededStmt = db.prepare<[], NeedRow>(`
    WITH ${ASSIGNMENT_FILES}
    SELECT ar.id, ar.filename, ar.media_type, ar.bytes, ar.sha256, substr(min(f.depth || f.submission_id), 2) AS submission_id,
      group_concat(DISTINCT a.id) AS assignment_ids
    FROM artifacts ar
    JOIN assignment_files f ON f.artifact_id = ar.id
    JOIN assignments a ON a.id = f.assignment_id
    LEFT JOIN drafts d ON d.assignment_id = a.id
    LEFT JOIN local_artifacts la ON la.artifact_id = ar.id
    WHERE ${IN_REVIEW} AND coalesce(la.state, 'pending') <> 'complete'
    GROUP BY ar.id
    ORDER BY min(f.depth), min(a.due_at), ar.id`);
  const keptStmt = db.prepare<[string], { kept: number }>(`
    SELECT 1 AS kept FROM assignments a LEFT JOIN drafts d ON d.assignment_id = a.id WHERE a.id = ? AND ${IN_REVIEW}`);
  const existsStmt = db.prepare<[string], { id: string; sha256: string }>('SELECT id, sha256 FROM artifacts WHERE id = ?');
  const upsertStmt = db.prepare(
    `INSERT INTO local_artifacts (artifact_id, state, path, error, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (artifact_id) DO UPDATE SET state = excluded.state, path = coalesce(excluded.path, local_artifacts.path),
       error = excluded.error, updated_at = excluded.updated_at`,
  );
  const purgedStmt = db.prepare("UPDATE local_artifacts SET state = 'purged', path = NULL, error = NULL, updated_at = ? WHERE artifact_id = ?");
  const stateStmt = db.prepare<[string], { state: string; error: string | null }>('SELECT state, error FROM local_artifacts WHERE artifact_id = ?');
  const fileStmt = db.prepare<[string], FileRow>(`
    SELECT ar.id, la.path, ar.bytes, ar.sha256, ar.media_type FROM local_artifacts la JOIN artifacts ar ON ar.id = la.artifact_id
    WHERE la.artifact_id = ? AND la.state = 'complete'`);
  const purgeableStmt = db.prepare<[string], FileRow>(`
    WITH ${ASSIGNMENT_FILES}
    SELECT ar.id, la.path, ar.bytes, ar.sha256, ar.media_type FROM local_artifacts la JOIN artifacts ar ON ar.id = la.artifact_id
    WHERE la.state = 'complete' AND NOT EXISTS (
      SELECT 1 FROM assignment_files f
      JOIN assignments a ON a.id = f.assignment_id
      LEFT JOIN drafts d ON d.assignment_id = a.id
      WHERE f.artifact_id = ar.id AND ((${IN_REVIEW}) OR (d.status = 'synced' AND d.synced_at > ?)))
    ORDER BY ar.id`);
  const totalStmt = db.prepare<[], { total: number | null }>(
    "SELECT sum(ar.bytes) AS total FROM local_artifacts la JOIN artifacts ar ON ar.id = la.artifact_id WHERE la.state = 'complete'",
  );

  // verifiedSha: the SHA-256 the file was checked against; a sync may have changed the artifact meanwhile.
  const record = (artifactId: string, state: 'complete' | 'error', path: string | null, error: string | null, verifiedSha?: string) =>
    write(db, () => {
      const row = existsStmt.get(artifactId);
      if (!row) throw notFound('Artifact', artifactId);
      if (verifiedSha !== undefined && row.sha256 !== verifiedSha) return false;
      upsertStmt.run(artifactId, state, path, error, iso(clock()));
      return true;
    });

  return {
    needed(): ArtifactNeed[] {
      return neededStmt.all().map((r) => ({
        artifactId: r.id, submissionId: r.submission_id, assignmentIds: r.assignment_ids.split(',').sort(),
        filename: r.filename, mediaType: r.media_type, bytes: r.bytes, sha256: r.sha256,
      }));
    },
    keptFor(assignmentId) {
      return keptStmt.get(assignmentId) !== undefined;
    },
    markPresent(artifactId, path, sha256) {
      return record(artifactId, 'complete', path, null, sha256);
    },
    markError(artifactId, message) {
      record(artifactId, 'error', null, message);
    },
    state(artifactId) {
      const row = stateStmt.get(artifactId);
      if (row?.state === 'complete') return { state: 'complete' };
      if (row?.state === 'error') return { state: 'error', error: row.error ?? 'Download failed' };
      return { state: 'pending' };
    },
    file(artifactId) {
      const row = fileStmt.get(artifactId);
      return row ? toFile(row) : null;
    },
    purgeable(now, retentionDays) {
      const cutoff = iso(new Date(now.getTime() - retentionDays * 86_400_000));
      return purgeableStmt.all(cutoff).map(toFile);
    },
    markPurged(artifactId) {
      write(db, () => {
        if (purgedStmt.run(iso(clock()), artifactId).changes === 0) throw notFound('Local artifact', artifactId);
      });
    },
    totalBytesPresent() {
      return totalStmt.get()?.total ?? 0;
    },
  };
}
