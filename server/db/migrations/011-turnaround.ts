import { sql, type Kysely } from 'kysely';
import { instantMs } from '../dialect.ts';
import type { HubMigration } from '../migrate.ts';

type Db = Kysely<Record<string, Record<string, unknown>>>;

/**
 * What the turnaround report reads, made cheap to read:
 * - Each decision's turnaround as numbers, written with the decision: `duration_ms` (decided −
 *   submitted) and `decided_day` (the UTC day of the decision, days since 1970). The report
 *   reads 100,000 of them; as ISO text they cost it two instants parsed per row and a string
 *   per column, a third of its time. Existing decisions are filled in from their times.
 * - An index that holds every column the report reads, in the order it groups them
 *   (micro-credential, readers), so the report walks the index alone and groups without a
 *   sort: looking each row up in the wide table was two thirds of reading them.
 * - Open work by due date (a partial index): the overdue list scanned every assignment ever made.
 */
export const turnaround: HubMigration = {
  version: 11,
  name: '011-turnaround',
  async up(trx, engine) {
    const db = trx as unknown as Db;
    await db.schema.alterTable('decisions').addColumn('decided_day', 'integer').execute();
    await db.schema.alterTable('decisions').addColumn('duration_ms', 'bigint').execute();
    const decided = instantMs(engine, 'decided_at');
    // Integer division floors here: every hub instant is after 1970.
    await sql`UPDATE decisions SET decided_day = ${decided} / 86400000, duration_ms = ${decided} - ${instantMs(engine, 'submitted_at')}`.execute(trx);
    await db.schema.createIndex('decisions_turnaround').on('decisions').columns(['micro_credential_id', 'assessor_ids', 'decided_at', 'decided_day', 'duration_ms']).execute();
    await db.schema.createIndex('assignments_open_by_due').on('assignments').column('due_at').where(sql<boolean>`state IN ('assigned', 'in_progress')`).execute();
  },
};
