import { sql, type Kysely } from 'kysely';
import type { HubMigration } from '../migrate.ts';

type Db = Kysely<Record<string, Record<string, unknown>>>;

/**
 * Double scoring (issue #11). Its version is its position in HUB_MIGRATIONS (the registry counts up without gaps). `selections`: the decision made once at intake, per
 * submission, with the live ordinal first_n and sample count by. `resolutions`: the state
 * of a double-scored submission from its two reads to its final result (kept as JSON, the
 * reads themselves are never touched). `adjudications` and `consensus_rounds` keep every
 * resolution step; `probation_releases` who left probation for which micro-credential.
 * Consensus gives each reader a task on the same submission, so the one-live-per-role
 * backstop (002) now leaves that role out and has its own, one per reader.
 */
export const doubleScoring: HubMigration = {
  version: 6,
  name: '006-double-scoring',
  async up(trx) {
    const db = trx as unknown as Db;
    const s = db.schema;
    await s.createTable('selections')
      .addColumn('submission_id', 'text', (c) => c.primaryKey().references('submissions.id'))
      .addColumn('micro_credential_id', 'text', (c) => c.notNull())
      .addColumn('ordinal', 'integer', (c) => c.notNull())
      .addColumn('selected', 'integer', (c) => c.notNull())
      .addColumn('rule', 'text', (c) => c.notNull())
      .addColumn('inputs', 'text', (c) => c.notNull())
      .addColumn('audit_seq', 'bigint', (c) => c.notNull())
      .execute();
    await s.createIndex('selections_by_micro_credential').on('selections').columns(['micro_credential_id', 'ordinal']).execute();
    await s.createTable('resolutions')
      .addColumn('submission_id', 'text', (c) => c.primaryKey().references('submissions.id'))
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('method', 'text')
      .addColumn('consensus_started_at', 'text')
      .addColumn('consensus_due_at', 'text')
      .addColumn('escalated_at', 'text')
      .addColumn('final', 'text')
      .addColumn('basis', 'text')
      .addColumn('decided_at', 'text')
      .execute();
    await s.createIndex('resolutions_consensus_due').on('resolutions').columns(['state', 'consensus_due_at']).execute();
    await s.createTable('adjudications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('assignment_id', 'text', (c) => c.notNull().unique().references('assignments.id'))
      .addColumn('submission_id', 'text', (c) => c.notNull().references('submissions.id'))
      .addColumn('adjudicator_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .execute();
    await s.createTable('consensus_rounds')
      .addColumn('submission_id', 'text', (c) => c.notNull().references('submissions.id'))
      .addColumn('round', 'integer', (c) => c.notNull())
      .addColumn('proposal', 'text', (c) => c.notNull())
      .addColumn('proposed_at', 'text', (c) => c.notNull())
      .addColumn('response', 'text')
      .addPrimaryKeyConstraint('consensus_rounds_pk', ['submission_id', 'round'])
      .execute();
    await s.createTable('probation_releases')
      .addColumn('assessor_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('micro_credential_id', 'text', (c) => c.notNull())
      .addColumn('released_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('probation_releases_pk', ['assessor_id', 'micro_credential_id'])
      .execute();
    await s.dropIndex('assignments_one_live_per_role').execute();
    await s.createIndex('assignments_one_live_per_role').unique().on('assignments').columns(['submission_id', 'role'])
      .where(sql<boolean>`state IN ('assigned', 'in_progress', 'submitted') AND role <> 'consensus'`)
      .execute();
    await s.createIndex('assignments_one_live_consensus_per_reader').unique().on('assignments').columns(['submission_id', 'assessor_id'])
      .where(sql<boolean>`state IN ('assigned', 'in_progress', 'submitted') AND role = 'consensus'`)
      .execute();
    const seed = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('hex');
    await db.insertInto('meta').values({ key: 'double_scoring_seed', value: seed }).execute();
  },
};
