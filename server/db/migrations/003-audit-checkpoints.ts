import type { Kysely } from 'kysely';
import type { HubMigration } from '../migrate.ts';

/**
 * Signed checkpoints of the audit chain's head (server/audit/checkpoints.ts). One row per
 * checkpointed seq: the key makes a second signer of the same head (another hub process,
 * the timer racing an append) a no-op.
 */
export const auditCheckpoints: HubMigration = {
  version: 3,
  name: '003-audit-checkpoints',
  async up(trx) {
    const db = trx as unknown as Kysely<Record<string, Record<string, unknown>>>;
    await db.schema.createTable('audit_checkpoints')
      .addColumn('seq', 'bigint', (c) => c.primaryKey())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('signature', 'text', (c) => c.notNull())
      .execute();
  },
};
