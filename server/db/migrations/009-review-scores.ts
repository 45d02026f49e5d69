import { sql, type Kysely } from 'kysely';
import { jsonMemberText } from '../dialect.ts';
import type { HubMigration } from '../migrate.ts';

type Db = Kysely<Record<string, Record<string, unknown>>>;

/**
 * A review's levels (its body's `scores`) in a column of their own, written with each
 * review: the reliability report pairs 1,000,000 levels without reading the review bodies
 * they come from (feedback text, notes). Existing reviews are filled in from their bodies.
 */
export const reviewScores: HubMigration = {
  version: 9,
  name: '009-review-scores',
  async up(trx, engine) {
    const db = trx as unknown as Db;
    await db.schema.alterTable('reviews').addColumn('scores', 'text').execute();
    await sql`UPDATE reviews SET scores = ${jsonMemberText(engine, 'body', 'scores')}`.execute(trx);
  },
};
