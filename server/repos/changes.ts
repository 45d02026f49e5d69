import type { MicroCredential, Submission } from '../../shared/index.ts';
import { jsonRows, jsonRowsOf, type Engine } from '../db/dialect.ts';
import type { Executor } from '../db/open.ts';
import { ofAssessorSinceQuery, toAssignmentRecord, type AssignmentRecord } from './assignments.ts';
import { consensusDueQuery } from './scoring.ts';
import { submissionsWithArtifacts, withArtifactsQuery } from './submissions.ts';
import { qualificationsQuery } from './users.ts';

/** A qualification as the snapshot holds it; sync adds its state at the time of the request. */
export type StoredQualification = { microCredentialId: string; calibratedUntil: string; suspendedAt: string | null };

export type Changes = {
  changeSeq: number;
  assignments: AssignmentRecord[];
  qualifications: StoredQualification[];
  /** The submissions the live ones of those assignments name, with their artifacts (not their earlier attempts). */
  submissions: Submission[];
  /** The micro-credentials of those submissions, as they are in the snapshot. */
  microCredentials: MicroCredential[];
  /** True when some consensus is past its days and must escalate before anything shows it. */
  consensusDue: boolean;
};

/**
 * What a sync reads that writers change: the global change sequence, the caller's
 * assignments changed after `sinceSeq`, the caller's qualifications, the submissions the
 * live assignments name with their artifacts and micro-credentials, and whether any
 * consensus is due to escalate. One statement reads them all, so they come from one
 * snapshot on either engine without a transaction; on PostgreSQL each statement saved is
 * a round trip, and a sync's round trips are most of its cost (docs/ARCHITECTURE.md,
 * "Statements per sync"). An aggregate keeps its subquery's order in practice, not by any
 * promise of the engines, so assignments are sorted by sequence again here, and artifacts
 * by position (repos/submissions.ts); qualifications and submissions keep the database's
 * order (a sort by text here could differ from its collation).
 */
export function createChangesRepo(db: Executor, engine: Engine) {
  return {
    async since(userId: string, sinceSeq: number, liveStates: readonly string[], nowIso: string): Promise<Changes> {
      const live = db.selectFrom('assignments').select('submission_id')
        .where('assessor_id', '=', userId).where('change_seq', '>', sinceSeq).where('state', 'in', [...liveStates]);
      const microCredentials = db.selectFrom('micro_credentials').select('body')
        .where('id', 'in', db.selectFrom('submissions').select('micro_credential_id').where('id', 'in', live)).orderBy('id');
      const row = await db.selectFrom('meta').where('key', '=', 'change_seq').select((eb) => [
        'value',
        jsonRows(engine, ofAssessorSinceQuery(db, userId, sinceSeq)).as('assignments'),
        jsonRows(engine, qualificationsQuery(db, userId)).as('qualifications'),
        jsonRows(engine, withArtifactsQuery(db, live)).as('submissions'),
        jsonRows(engine, microCredentials).as('microCredentials'),
        eb.exists(consensusDueQuery(db, nowIso)).as('consensusDue'),
      ]).executeTakeFirst();
      if (!row) throw new Error('meta row change_seq is missing');
      const assignments = jsonRowsOf(row.assignments).map(toAssignmentRecord).sort((a, b) => a.changeSeq - b.changeSeq);
      return {
        changeSeq: Number(row.value),
        assignments,
        qualifications: jsonRowsOf(row.qualifications),
        submissions: submissionsWithArtifacts(jsonRowsOf(row.submissions)),
        microCredentials: jsonRowsOf(row.microCredentials).map((m) => JSON.parse(m.body) as MicroCredential),
        // SQLite answers EXISTS with 0 or 1, PostgreSQL with a boolean.
        consensusDue: Boolean(row.consensusDue),
      };
    },
  };
}

export type ChangesRepo = ReturnType<typeof createChangesRepo>;
