import type { Kysely } from 'kysely';
import type { HubMigration } from '../migrate.ts';

type Db = Kysely<Record<string, Record<string, unknown>>>;
type Decided = { submission_id: string; candidate_ref: string; micro_credential_id: string; attempt: number; decision: string; received_at: string;
  assessor_id: string; rubric_id: string; rubric_version: number; review_id: string; body: string };

/**
 * Final decisions, one row per submission, for the staff list and the CSV export: written
 * with the review that decides (services/reviews.ts), keyed for keyset paging newest first,
 * with an index per filter that narrows most. `basis` says how the decision was reached
 * ("single" until double scoring exists); decision_assessors lists everyone whose reads it
 * rests on. Existing primary reviews are copied in.
 */
export const decisions: HubMigration = {
  version: 4,
  name: '004-decisions',
  async up(trx) {
    const db = trx as unknown as Db;
    await db.schema.createTable('decisions')
      .addColumn('submission_id', 'text', (c) => c.primaryKey())
      .addColumn('candidate_ref', 'text', (c) => c.notNull())
      .addColumn('micro_credential_id', 'text', (c) => c.notNull())
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('decision', 'text', (c) => c.notNull())
      .addColumn('basis', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text', (c) => c.notNull())
      .addColumn('assessor_ids', 'text', (c) => c.notNull())
      .addColumn('rubric_id', 'text', (c) => c.notNull())
      .addColumn('rubric_version', 'integer', (c) => c.notNull())
      .addColumn('review_id', 'text', (c) => c.notNull())
      .addColumn('levels', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('decisions_by_time').on('decisions').columns(['decided_at', 'submission_id']).execute();
    await db.schema.createIndex('decisions_by_micro_credential').on('decisions').columns(['micro_credential_id', 'decided_at', 'submission_id']).execute();
    await db.schema.createIndex('decisions_by_candidate').on('decisions').columns(['candidate_ref', 'decided_at', 'submission_id']).execute();
    await db.schema.createTable('decision_assessors')
      .addColumn('assessor_id', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text', (c) => c.notNull())
      .addColumn('submission_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('decision_assessors_pk', ['assessor_id', 'decided_at', 'submission_id'])
      .execute();
    const rows = (await db.selectFrom('reviews as r')
      .innerJoin('assignments as a', 'a.id', 'r.assignment_id')
      .innerJoin('submissions as s', 's.id', 'r.submission_id')
      .select(['s.id as submission_id', 's.candidate_ref', 's.micro_credential_id', 's.attempt', 'r.decision', 'r.received_at', 'r.assessor_id',
        's.rubric_id', 's.rubric_version', 'r.id as review_id', 'r.body'])
      .where('a.role', '=', 'primary').orderBy('r.received_at').execute()) as unknown as Decided[];
    const latest = new Map(rows.map((r) => [r.submission_id, r]));
    for (const r of latest.values()) {
      const scores = (JSON.parse(r.body) as { scores: Record<string, number> }).scores;
      await db.insertInto('decisions').values({
        submission_id: r.submission_id, candidate_ref: r.candidate_ref, micro_credential_id: r.micro_credential_id, attempt: r.attempt, decision: r.decision,
        basis: 'single', decided_at: r.received_at, assessor_ids: JSON.stringify([r.assessor_id]), rubric_id: r.rubric_id, rubric_version: r.rubric_version,
        review_id: r.review_id, levels: JSON.stringify(scores),
      }).execute();
      await db.insertInto('decision_assessors').values({ assessor_id: r.assessor_id, decided_at: r.received_at, submission_id: r.submission_id }).execute();
    }
  },
};
