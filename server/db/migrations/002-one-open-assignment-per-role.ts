import { sql } from 'kysely';
import type { HubMigration } from '../migrate.ts';

/**
 * A backstop under routing's lock: a submission holds at most one live assignment per
 * role. Recused and revoked ones are history and may repeat.
 */
export const oneOpenAssignmentPerRole: HubMigration = {
  version: 2,
  name: '002-one-open-assignment-per-role',
  async up(trx) {
    await trx.schema.createIndex('assignments_one_live_per_role').unique().on('assignments').columns(['submission_id', 'role'])
      .where(sql<boolean>`state IN ('assigned', 'in_progress', 'submitted')`)
      .execute();
  },
};
