import { sql, type Kysely } from 'kysely';
import type { HubMigration } from '../migrate.ts';

type Db = Kysely<Record<string, Record<string, unknown>>>;

/**
 * Narrow rows for the reports, written once with the event they describe, so a report over a
 * million ratings reads one compact table instead of joining the wide ones:
 * - `read_pairs`: both reads of a double-scored submission, written when the second is in
 *   (they never change afterwards), with each read's levels and decision;
 * - `decisions.submitted_at`: the turnaround report's start, beside the decision's time.
 * Both are filled in from what the hub already holds.
 */
export const reportRows: HubMigration = {
  version: 10,
  name: '010-report-rows',
  async up(trx) {
    const db = trx as unknown as Db;
    await db.schema.createTable('read_pairs')
      .addColumn('submission_id', 'text', (c) => c.primaryKey().references('submissions.id'))
      .addColumn('micro_credential_id', 'text', (c) => c.notNull())
      .addColumn('first_assessor_id', 'text', (c) => c.notNull())
      .addColumn('first_scores', 'text', (c) => c.notNull())
      .addColumn('first_decision', 'text', (c) => c.notNull())
      .addColumn('second_assessor_id', 'text', (c) => c.notNull())
      .addColumn('second_scores', 'text', (c) => c.notNull())
      .addColumn('second_decision', 'text', (c) => c.notNull())
      .addColumn('completed_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('read_pairs_by_micro_credential').on('read_pairs').columns(['micro_credential_id', 'completed_at']).execute();
    await sql`
      INSERT INTO read_pairs (submission_id, micro_credential_id, first_assessor_id, first_scores, first_decision, second_assessor_id, second_scores, second_decision, completed_at)
      SELECT s.id, s.micro_credential_id, a1.assessor_id, COALESCE(r1.scores, '{}'), r1.decision, a2.assessor_id, COALESCE(r2.scores, '{}'), r2.decision,
             CASE WHEN r1.received_at > r2.received_at THEN r1.received_at ELSE r2.received_at END
      FROM submissions s
      JOIN assignments a1 ON a1.submission_id = s.id AND a1.role = 'primary' AND a1.state = 'submitted'
      JOIN reviews r1 ON r1.assignment_id = a1.id
      JOIN assignments a2 ON a2.submission_id = s.id AND a2.role = 'second' AND a2.state = 'submitted'
      JOIN reviews r2 ON r2.assignment_id = a2.id
      WHERE s.purpose = 'live'`.execute(trx);
    await db.schema.alterTable('decisions').addColumn('submitted_at', 'text').execute();
    await sql`UPDATE decisions SET submitted_at = (SELECT s.submitted_at FROM submissions s WHERE s.id = decisions.submission_id)`.execute(trx);
  },
};
