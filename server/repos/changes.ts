import { jsonRows, jsonRowsOf, type Engine } from '../db/dialect.ts';
import type { Executor } from '../db/open.ts';
import { ofAssessorSinceQuery, toAssignmentRecord, type AssignmentRecord } from './assignments.ts';
import { qualificationsQuery } from './users.ts';

/** A qualification as the snapshot holds it; sync adds its state at the time of the request. */
export type StoredQualification = { microCredentialId: string; calibratedUntil: string; suspendedAt: string | null };

export type Changes = { changeSeq: number; assignments: AssignmentRecord[]; qualifications: StoredQualification[] };

/**
 * What a sync reads that writers change: the global change sequence, the caller's
 * assignments changed after `sinceSeq`, and the caller's qualifications. One statement reads
 * all three, so they come from one snapshot on either engine without a transaction (two
 * round trips fewer on PostgreSQL). An aggregate keeps its subquery's order in practice,
 * not by any promise of the engines, so assignments are sorted by sequence again here;
 * qualifications keep the database's order (a sort by text here could differ from its collation).
 */
export function createChangesRepo(db: Executor, engine: Engine) {
  return {
    async since(userId: string, sinceSeq: number): Promise<Changes> {
      const row = await db.selectFrom('meta').where('key', '=', 'change_seq').select([
        'value',
        jsonRows(engine, ofAssessorSinceQuery(db, userId, sinceSeq)).as('assignments'),
        jsonRows(engine, qualificationsQuery(db, userId)).as('qualifications'),
      ]).executeTakeFirst();
      if (!row) throw new Error('meta row change_seq is missing');
      const assignments = jsonRowsOf(row.assignments).map(toAssignmentRecord).sort((a, b) => a.changeSeq - b.changeSeq);
      return { changeSeq: Number(row.value), assignments, qualifications: jsonRowsOf(row.qualifications) };
    },
  };
}

export type ChangesRepo = ReturnType<typeof createChangesRepo>;
