import type { Kysely } from 'kysely';
import { auditRefs } from '../../audit/refs.ts';
import type { HubMigration } from '../migrate.ts';

type Db = Kysely<Record<string, Record<string, unknown>>>;
const PAGE = 1000;

/**
 * An index of audit events by the ids they concern (audit/refs.ts), written with each
 * append: a decision's history and an assessor's standing at a moment are then index
 * lookups, not scans of the chain. (ref, action, seq) serves "the latest qualification event
 * of this assessor before seq". Existing events are indexed here. Submissions get an index by
 * candidate and micro-credential, for the history's list of attempts.
 */
export const auditRefsIndex: HubMigration = {
  version: 8,
  name: '008-audit-refs',
  async up(trx) {
    const db = trx as unknown as Db;
    await db.schema.createTable('audit_refs')
      .addColumn('ref', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('audit_refs_pk', ['ref', 'seq'])
      .execute();
    await db.schema.createIndex('audit_refs_by_action').on('audit_refs').columns(['ref', 'action', 'seq']).execute();
    await db.schema.createIndex('submissions_by_candidate').on('submissions').columns(['candidate_ref', 'micro_credential_id', 'attempt']).execute();
    for (let after = 0; ; ) {
      const rows = (await db.selectFrom('audit_events').select(['seq', 'action', 'subject', 'payload']).where('seq', '>', after).orderBy('seq').limit(PAGE).execute()) as
        { seq: number | string; action: string; subject: string; payload: string }[];
      const refs = rows.flatMap((r) => auditRefs(r.subject, JSON.parse(r.payload) as Record<string, unknown>).map((ref) => ({ ref, seq: Number(r.seq), action: r.action })));
      if (refs.length > 0) await db.insertInto('audit_refs').values(refs).execute();
      if (rows.length < PAGE) return;
      after = Number(rows[rows.length - 1]!.seq);
    }
  },
};
