import type { Kysely } from 'kysely';
import type { HubMigration } from '../migrate.ts';

/**
 * Credential recipients (issue #12): the email intake gave for a submission, kept only to
 * put its salted hash into the Open Badge, with a random salt of its own per recipient row.
 * Its own table, so no query that feeds assessors or master raters (sync, artifacts) can
 * reach it by accident; only the credential service reads it.
 */
export const recipients: HubMigration = {
  version: 7,
  name: '007-recipients',
  async up(trx) {
    const db = trx as unknown as Kysely<Record<string, Record<string, unknown>>>;
    await db.schema.createTable('recipients')
      .addColumn('submission_id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('salt', 'text', (c) => c.notNull())
      .execute();
  },
};
