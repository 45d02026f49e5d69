import type { Kysely } from 'kysely';
import { MicroCredential } from '../../../shared/index.ts';
import type { HubMigration } from '../migrate.ts';

type Db = Kysely<Record<string, Record<string, unknown>>>;

/**
 * Calibration and validity items (issue #10).
 * - micro_credentials bodies are rewritten to the policy with calibration, validity and
 *   double-scoring defaults (`validityItemRate` becomes `validity.rate`).
 * - submissions.purpose: 'live' (the default), 'calibration' (an intake item for master
 *   scoring) or 'copy' (a calibration item handed to an assessor, in an attempt or as a
 *   validity item); source_submission_id names a copy's item. Neither is ever on the wire.
 * - artifacts.stored_as: a copy's artifact row names the stored file it shares.
 * - qualifications.suspended_at / window_from: drift suspension, and where the next
 *   validity window starts (the last passed attempt).
 * - calibration sets and items, attempts and their items, validity reads.
 */
export const calibration: HubMigration = {
  version: 5,
  name: '005-calibration',
  async up(trx) {
    const db = trx as unknown as Db;
    const s = db.schema;
    const rows = (await db.selectFrom('micro_credentials').select(['id', 'body']).execute()) as { id: string; body: string }[];
    for (const r of rows) {
      const body = JSON.stringify(MicroCredential.parse(JSON.parse(r.body)));
      await db.updateTable('micro_credentials').set({ body }).where('id', '=', r.id).execute();
    }
    await s.alterTable('submissions').addColumn('purpose', 'text', (c) => c.notNull().defaultTo('live')).execute();
    await s.alterTable('submissions').addColumn('source_submission_id', 'text').execute();
    await s.createIndex('submissions_by_source').on('submissions').column('source_submission_id').execute();
    await s.alterTable('artifacts').addColumn('stored_as', 'text').execute();
    await s.alterTable('qualifications').addColumn('suspended_at', 'text').execute();
    await s.alterTable('qualifications').addColumn('window_from', 'text').execute();
    await s.createTable('calibration_sets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('micro_credential_id', 'text', (c) => c.notNull().references('micro_credentials.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('published_at', 'text')
      .execute();
    await s.createTable('calibration_items')
      .addColumn('submission_id', 'text', (c) => c.primaryKey().references('submissions.id'))
      .addColumn('set_id', 'text', (c) => c.notNull().references('calibration_sets.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .execute();
    await s.createIndex('calibration_items_by_set').on('calibration_items').columns(['set_id', 'position']).execute();
    await s.createTable('calibration_attempts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('assessor_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('micro_credential_id', 'text', (c) => c.notNull().references('micro_credentials.id'))
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('completed_at', 'text')
      .addColumn('outcome', 'text')
      .execute();
    await s.createIndex('calibration_attempts_by_assessor').on('calibration_attempts').columns(['assessor_id', 'micro_credential_id', 'started_at']).execute();
    await s.createTable('calibration_attempt_items')
      .addColumn('assignment_id', 'text', (c) => c.primaryKey().references('assignments.id'))
      .addColumn('attempt_id', 'text', (c) => c.notNull().references('calibration_attempts.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .execute();
    await s.createIndex('calibration_attempt_items_by_attempt').on('calibration_attempt_items').columns(['attempt_id', 'position']).execute();
    await s.createTable('validity_reads')
      .addColumn('assignment_id', 'text', (c) => c.primaryKey().references('assignments.id'))
      .addColumn('assessor_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('micro_credential_id', 'text', (c) => c.notNull())
      .addColumn('source_submission_id', 'text', (c) => c.notNull())
      .addColumn('submitted_at', 'text', (c) => c.notNull())
      .addColumn('points', 'integer', (c) => c.notNull())
      .addColumn('levels', 'text', (c) => c.notNull())
      .addColumn('master_levels', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('validity_reads_by_assessor').on('validity_reads').columns(['assessor_id', 'micro_credential_id', 'submitted_at']).execute();
  },
};
