import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DecisionSummary } from '../../shared/index.ts';
import type { Engine } from '../db/dialect.ts';
import type { Executor } from '../db/open.ts';
import type { HubTables } from '../db/schema.ts';

/** A final decision as stored: the summary plus the review it rests on and the final levels. */
export type DecisionRecord = DecisionSummary & { reviewId: string; levels: Record<string, number> };

export type DecisionFilter = {
  microCredentialId?: string;
  assessorId?: string;
  decision?: string;
  basis?: string;
  from?: string;
  to?: string;
  candidateRef?: string;
};

/** Where a page ends: the last row's (decidedAt, submissionId); the next page starts below it. */
export type DecisionKey = { decidedAt: string; submissionId: string };

const COLUMNS = ['d.submission_id as submissionId', 'd.candidate_ref as candidateRef', 'd.micro_credential_id as microCredentialId', 'd.attempt', 'd.decision',
  'd.basis', 'd.decided_at as decidedAt', 'd.assessor_ids as assessorIds', 'd.rubric_id as rubricId', 'd.rubric_version as rubricVersion',
  'd.review_id as reviewId', 'd.levels'] as const;

type Row = Omit<DecisionRecord, 'assessorIds' | 'levels' | 'decision' | 'basis'> & { assessorIds: string; levels: string; decision: string; basis: string };

const toRecord = (r: Row): DecisionRecord => ({
  ...r, decision: r.decision as DecisionRecord['decision'], basis: r.basis as DecisionRecord['basis'],
  assessorIds: JSON.parse(r.assessorIds) as string[], levels: JSON.parse(r.levels) as Record<string, number>,
});

/**
 * The turnaround report's numbers (migration 011): milliseconds from submission to decision
 * and the decision's UTC day, as migration 011's SQL works them out from the same instants.
 */
const turnaroundOf = (submittedAt: string, decidedAt: string) => {
  const decided = Date.parse(decidedAt);
  return { decided_day: Math.floor(decided / 86_400_000), duration_ms: decided - Date.parse(submittedAt) };
};

type InScope = ExpressionBuilder<HubTables & { d: HubTables['decisions'] }, 'd'>;

/** Every filter but the assessor's, on the decision `d`; null when there is none. */
const matching = (f: DecisionFilter) => (eb: InScope): Expression<SqlBool> => {
  const all: Expression<SqlBool>[] = [];
  if (f.microCredentialId) all.push(eb('d.micro_credential_id', '=', f.microCredentialId));
  if (f.candidateRef) all.push(eb('d.candidate_ref', '=', f.candidateRef));
  if (f.decision) all.push(eb('d.decision', '=', f.decision));
  if (f.basis) all.push(eb('d.basis', '=', f.basis));
  if (f.from) all.push(eb('d.decided_at', '>=', f.from));
  if (f.to) all.push(eb('d.decided_at', '<', f.to));
  return eb.and(all);
};

/**
 * Final decisions, newest first with keyset paging on (decided_at, submission_id). Filtered
 * by an assessor, the scan is driven by decision_assessors, whose key (assessor_id,
 * decided_at, submission_id) already holds that assessor's decisions in page order: a page
 * reads about as many rows as it answers, where ordering the assessor's matches by
 * decisions.decided_at sorted all of them first (seconds with further filters at 100,000).
 * PostgreSQL's planner would still hash-join the assessor's whole history and sort it (300 ms
 * at 100,000), so there each key fetches its decision in a LATERAL subquery that cannot be
 * flattened (LIMIT 1 on a primary key): the walk down the key stops once the page is full.
 */
export function createDecisionsRepo(db: Executor, engine: Engine) {
  const filtered = (f: DecisionFilter) => {
    const assessor = f.assessorId;
    if (!assessor) return db.selectFrom('decisions as d').where(matching(f));
    // The period also bounds the walk down the assessor's key, not only the decisions it finds.
    const period = (eb: ExpressionBuilder<HubTables & { k: HubTables['decision_assessors'] }, 'k'>) => eb.and([
      eb('k.assessor_id', '=', assessor), ...(f.from ? [eb('k.decided_at', '>=', f.from)] : []), ...(f.to ? [eb('k.decided_at', '<', f.to)] : []),
    ]);
    if (engine === 'postgres') {
      return db.selectFrom('decision_assessors as k')
        .innerJoinLateral((eb) => eb.selectFrom('decisions as d').selectAll('d')
          .whereRef('d.submission_id', '=', 'k.submission_id').whereRef('d.decided_at', '=', 'k.decided_at').where(matching(f)).limit(1).as('d'), (j) => j.onTrue())
        .where(period);
    }
    // Joined on the whole key, so either table may drive the scan without a search per row.
    return db.selectFrom('decisions as d')
      .innerJoin('decision_assessors as k', (j) => j.onRef('k.submission_id', '=', 'd.submission_id').onRef('k.decided_at', '=', 'd.decided_at'))
      .where(period).where(matching(f));
  };
  const page = (f: DecisionFilter, after: DecisionKey | null, limit: number) => {
    // The same values either way (decision_assessors copies decided_at); the key is whichever table drives the scan.
    const key = f.assessorId ? 'k' : 'd';
    const decidedAt = sql.ref(`${key}.decided_at`);
    const submissionId = sql.ref(`${key}.submission_id`);
    let q = filtered(f).select(COLUMNS);
    if (after) q = q.where(sql<SqlBool>`(${decidedAt}, ${submissionId}) < (${after.decidedAt}, ${after.submissionId})`);
    return q.orderBy(decidedAt, 'desc').orderBy(submissionId, 'desc').limit(limit).execute();
  };
  return {
    /** The decision a review makes final; a later deciding review replaces it. */
    async upsert(d: DecisionRecord & { submittedAt: string }): Promise<void> {
      const row = {
        submitted_at: d.submittedAt,
        submission_id: d.submissionId, candidate_ref: d.candidateRef, micro_credential_id: d.microCredentialId, attempt: d.attempt, decision: d.decision,
        basis: d.basis, decided_at: d.decidedAt, assessor_ids: JSON.stringify(d.assessorIds), rubric_id: d.rubricId, rubric_version: d.rubricVersion,
        review_id: d.reviewId, levels: JSON.stringify(d.levels), ...turnaroundOf(d.submittedAt, d.decidedAt),
      };
      const { submission_id: _key, ...rest } = row;
      await db.insertInto('decisions').values(row).onConflict((oc) => oc.column('submission_id').doUpdateSet(rest)).execute();
      await db.deleteFrom('decision_assessors').where('submission_id', '=', d.submissionId).execute();
      await db.insertInto('decision_assessors').values(d.assessorIds.map((a) => ({ assessor_id: a, decided_at: d.decidedAt, submission_id: d.submissionId }))).execute();
    },
    async of(submissionId: string): Promise<DecisionRecord | undefined> {
      const r = await db.selectFrom('decisions as d').select(COLUMNS).where('d.submission_id', '=', submissionId).executeTakeFirst();
      return r && toRecord(r);
    },
    /** The rubric versions the matching decisions were scored on (the export's level columns). */
    rubricsOf(f: DecisionFilter): Promise<{ rubricId: string; rubricVersion: number }[]> {
      return filtered(f).select(['d.rubric_id as rubricId', 'd.rubric_version as rubricVersion']).distinct()
        .orderBy('d.rubric_id').orderBy('d.rubric_version').execute();
    },
    async page(f: DecisionFilter, after: DecisionKey | null, limit: number): Promise<DecisionRecord[]> {
      return (await page(f, after, limit)).map(toRecord);
    },
    /** Every matching decision, a page at a time (the CSV export), so memory stays flat. */
    async *scan(f: DecisionFilter, pageSize = 500): AsyncGenerator<DecisionRecord> {
      for (let after: DecisionKey | null = null; ; ) {
        const rows = await page(f, after, pageSize);
        for (const r of rows) yield toRecord(r);
        if (rows.length < pageSize) return;
        const last = rows[rows.length - 1]!;
        after = { decidedAt: last.decidedAt, submissionId: last.submissionId };
      }
    },
  };
}

export type DecisionsRepo = ReturnType<typeof createDecisionsRepo>;
