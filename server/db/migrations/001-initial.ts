import type { Kysely } from 'kysely';
import type { HubMigration } from '../migrate.ts';

const GENESIS = '0000000000000000000000000000000000000000000000000000000000000000';

/**
 * The first schema: accounts, catalogue, submissions, assignments, reviews, audit chain.
 * Sizes and sequence numbers are bigint (SQLite stores them as integers either way).
 */
export const initial: HubMigration = {
  version: 1,
  name: '001-initial',
  async up(trx) {
    const db = trx as unknown as Kysely<Record<string, Record<string, unknown>>>;
    const s = db.schema;
    await s.createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('roles', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('school', 'text')
      .addColumn('district', 'text')
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await s.createTable('micro_credentials').addColumn('id', 'text', (c) => c.primaryKey()).addColumn('body', 'text', (c) => c.notNull()).execute();
    await s.createTable('qualifications')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('micro_credential_id', 'text', (c) => c.notNull().references('micro_credentials.id'))
      .addColumn('calibrated_until', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('qualifications_pk', ['user_id', 'micro_credential_id'])
      .execute();
    await s.createTable('tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('device_name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    await s.createTable('rubrics')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('rubrics_pk', ['id', 'version'])
      .execute();
    await s.createTable('candidates').addColumn('ref', 'text', (c) => c.primaryKey()).addColumn('school', 'text').addColumn('district', 'text').execute();
    await s.createTable('artifacts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('bytes', 'bigint', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('duration_sec', 'double precision')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await s.createTable('submissions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('micro_credential_id', 'text', (c) => c.notNull().references('micro_credentials.id'))
      .addColumn('candidate_ref', 'text', (c) => c.notNull().references('candidates.ref'))
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('previous_submission_id', 'text', (c) => c.references('submissions.id'))
      .addColumn('submitted_at', 'text', (c) => c.notNull())
      .addColumn('reflection', 'text', (c) => c.notNull())
      .addColumn('rubric_id', 'text', (c) => c.notNull())
      .addColumn('rubric_version', 'integer', (c) => c.notNull())
      .addForeignKeyConstraint('submissions_rubric_fk', ['rubric_id', 'rubric_version'], 'rubrics', ['id', 'version'])
      .execute();
    await s.createTable('submission_artifacts')
      .addColumn('submission_id', 'text', (c) => c.notNull().references('submissions.id'))
      .addColumn('artifact_id', 'text', (c) => c.notNull().references('artifacts.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('submission_artifacts_pk', ['submission_id', 'artifact_id'])
      .execute();
    await s.createIndex('submission_artifacts_by_artifact').on('submission_artifacts').column('artifact_id').execute();
    await s.createTable('assignments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('submission_id', 'text', (c) => c.notNull().references('submissions.id'))
      .addColumn('assessor_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('assigned_at', 'text', (c) => c.notNull())
      .addColumn('due_at', 'text', (c) => c.notNull())
      .addColumn('locked', 'text', (c) => c.notNull())
      .addColumn('previous_submission_id', 'text', (c) => c.references('submissions.id'))
      .addColumn('previous_review_id', 'text')
      .addColumn('recusal_reason', 'text')
      .addColumn('change_seq', 'bigint', (c) => c.notNull())
      .execute();
    await s.createIndex('assignments_by_assessor').on('assignments').columns(['assessor_id', 'change_seq']).execute();
    await s.createIndex('assignments_by_submission').on('assignments').column('submission_id').execute();
    await s.createTable('reviews')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('assignment_id', 'text', (c) => c.notNull().unique().references('assignments.id'))
      .addColumn('submission_id', 'text', (c) => c.notNull().references('submissions.id'))
      .addColumn('assessor_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('decision', 'text', (c) => c.notNull())
      .addColumn('weighted_mean', 'double precision', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('reviews_by_submission').on('reviews').column('submission_id').execute();
    await s.createTable('recusals')
      .addColumn('assignment_id', 'text', (c) => c.primaryKey().references('assignments.id'))
      .addColumn('assessor_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('candidate_ref', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('recusals_by_assessor').on('recusals').columns(['assessor_id', 'candidate_ref']).execute();
    await s.createTable('audit_events')
      .addColumn('seq', 'bigint', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await s.createTable('meta').addColumn('key', 'text', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull()).execute();
    await db.insertInto('meta').values([
      { key: 'change_seq', value: '0' },
      { key: 'audit_head_seq', value: '0' },
      { key: 'audit_head_hash', value: GENESIS },
    ]).execute();
  },
};
