import { sql, type SqlBool } from 'kysely';
import { jsonArrayAgg, jsonRowsOf, type Engine } from '../db/dialect.ts';
import type { Executor } from '../db/open.ts';

/** The period a report covers: from inclusive, to exclusive, either open. */
export type Period = { from?: string; to?: string };

/** A validity read, compact: levels in the copy's rubric order, both decisions. */
export type ValidityPairRow = {
  assessorId: string; at: string; levels: string; masterLevels: string; decision: string; masterDecision: string | null; rubricId: string; rubricVersion: number;
};
/** A completed calibration attempt: its stored outcome (items with levels and master levels). */
export type AttemptRow = { assessorId: string; at: string; outcome: string };
/** Both reads of a double-scored submission: scores as JSON text. */
export type PeerPairRow = {
  firstId: string; firstScores: string; firstDecision: string; secondId: string; secondScores: string; secondDecision: string; at: string;
  /** Whether the submission's result is final (its resolution done), so the pair no longer needs to stay blind to its readers. */
  resolutionState: string | null;
};
/**
 * The decisions of one micro-credential by one set of readers (assessor_ids as stored), with
 * each decision's turnaround (migration 011): its UTC day since 1970 and its milliseconds
 * from submission, element for element.
 */
export type DecisionTimes = { microCredentialId: string; assessorIds: string; decidedDays: number[]; durationsMs: number[] };
export type OpeningRow = { microCredentialId: string; assessorId: string; assignedAt: string; payload: string };
export type OpenWorkRow = {
  assignmentId: string; submissionId: string; microCredentialId: string; assessorId: string; role: string; state: string; assignedAt: string; dueAt: string;
  originalAssessorId: string | null;
};

/**
 * The rows the reliability and turnaround reports aggregate, each read in one statement
 * (no query per assessor or item): compact columns only, never a review's whole body.
 */
export function createReportsRepo(db: Executor, engine: Engine) {
  return {
    /** Display names of these users, in one statement. */
    async displayNames(ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', [...ids]).execute();
      return new Map(rows.map((r) => [r.id, r.display_name]));
    },
    async validityPairs(microCredentialId: string, p: Period): Promise<ValidityPairRow[]> {
      let q = db.selectFrom('validity_reads as vr')
        .innerJoin('reviews as rv', 'rv.assignment_id', 'vr.assignment_id')
        .innerJoin('submissions as s', 's.id', 'rv.submission_id')
        .leftJoin('assignments as ma', (j) => j.onRef('ma.submission_id', '=', 'vr.source_submission_id').on('ma.role', '=', 'master').on('ma.state', '=', 'submitted'))
        .leftJoin('reviews as mr', 'mr.assignment_id', 'ma.id')
        .select(['vr.assessor_id as assessorId', 'vr.submitted_at as at', 'vr.levels', 'vr.master_levels as masterLevels', 'rv.decision', 'mr.decision as masterDecision',
          's.rubric_id as rubricId', 's.rubric_version as rubricVersion'])
        .where('vr.micro_credential_id', '=', microCredentialId);
      if (p.from) q = q.where('vr.submitted_at', '>=', p.from);
      if (p.to) q = q.where('vr.submitted_at', '<', p.to);
      return q.execute();
    },
    async attempts(microCredentialId: string, p: Period): Promise<AttemptRow[]> {
      let q = db.selectFrom('calibration_attempts').select(['assessor_id as assessorId', 'completed_at as at', 'outcome'])
        .where('micro_credential_id', '=', microCredentialId).where('completed_at', 'is not', null).where('outcome', 'is not', null);
      if (p.from) q = q.where('completed_at', '>=', p.from);
      if (p.to) q = q.where('completed_at', '<', p.to);
      return (await q.execute()) as AttemptRow[];
    },
    /** The primary and second read of every double-scored live submission with both in (read_pairs); `at` is the later one. */
    async peerPairs(microCredentialId: string, p: Period): Promise<PeerPairRow[]> {
      let q = db.selectFrom('read_pairs as rp')
        .leftJoin('resolutions as r', 'r.submission_id', 'rp.submission_id')
        .select(['rp.first_assessor_id as firstId', 'rp.first_scores as firstScores', 'rp.first_decision as firstDecision',
          'rp.second_assessor_id as secondId', 'rp.second_scores as secondScores', 'rp.second_decision as secondDecision', 'rp.completed_at as at', 'r.state as resolutionState'])
        .where('rp.micro_credential_id', '=', microCredentialId);
      if (p.from) q = q.where('rp.completed_at', '>=', p.from);
      if (p.to) q = q.where('rp.completed_at', '<', p.to);
      return q.execute();
    },
    /**
     * Grouped in SQL: a year holds a few hundred sets of readers, so 100,000 decisions come
     * back as that many rows of two number arrays (the index decisions_turnaround is in the
     * group's order) instead of 100,000 rows to build and hash one by one.
     */
    async decisionTimes(microCredentialId: string | undefined, p: Period): Promise<DecisionTimes[]> {
      let q = db.selectFrom('decisions as d')
        .select(['d.micro_credential_id as microCredentialId', 'd.assessor_ids as assessorIds',
          jsonArrayAgg<number>(engine, 'd.decided_day').as('decidedDays'), jsonArrayAgg<number>(engine, 'd.duration_ms').as('durationsMs')])
        .where('d.duration_ms', 'is not', null);
      if (microCredentialId) q = q.where('d.micro_credential_id', '=', microCredentialId);
      if (p.from) q = q.where('d.decided_at', '>=', p.from);
      if (p.to) q = q.where('d.decided_at', '<', p.to);
      const groups = await q.groupBy(['d.micro_credential_id', 'd.assessor_ids']).execute();
      return groups.map((g) => ({ microCredentialId: g.microCredentialId, assessorIds: g.assessorIds, decidedDays: jsonRowsOf(g.decidedDays), durationsMs: jsonRowsOf(g.durationsMs) }));
    },
    /** First openings (audited by POST /v1/assignments/{id}/opened) of live work assigned in the period. */
    async openings(microCredentialId: string | undefined, p: Period): Promise<OpeningRow[]> {
      let q = db.selectFrom('audit_refs as ar')
        .innerJoin('assignments as a', 'a.id', 'ar.ref')
        .innerJoin('submissions as s', 's.id', 'a.submission_id')
        .innerJoin('audit_events as e', 'e.seq', 'ar.seq')
        .select(['s.micro_credential_id as microCredentialId', 'a.assessor_id as assessorId', 'a.assigned_at as assignedAt', 'e.payload'])
        .where('ar.action', '=', 'assignment.opened').whereRef('e.subject', '=', 'a.id').where('s.purpose', '=', 'live');
      if (microCredentialId) q = q.where('s.micro_credential_id', '=', microCredentialId);
      if (p.from) q = q.where('a.assigned_at', '>=', p.from);
      if (p.to) q = q.where('a.assigned_at', '<', p.to);
      return q.execute();
    },
    /** Open primary and second reads of live work due before `dueBefore`, soonest first, with the assessor of the attempt before (resubmissions). */
    async openWorkDueBefore(microCredentialId: string | undefined, dueBefore: string): Promise<OpenWorkRow[]> {
      let q = db.selectFrom('assignments as a').innerJoin('submissions as s', 's.id', 'a.submission_id')
        .leftJoin('reviews as pr', 'pr.id', 'a.previous_review_id')
        .select(['a.id as assignmentId', 'a.submission_id as submissionId', 's.micro_credential_id as microCredentialId', 'a.assessor_id as assessorId', 'a.role',
          'a.state', 'a.assigned_at as assignedAt', 'a.due_at as dueAt', 'pr.assessor_id as originalAssessorId'])
        // Literal, not bound, so SQLite can see that the partial index assignments_open_by_due applies.
        .where(sql<SqlBool>`a.state IN ('assigned', 'in_progress')`).where('a.role', 'in', ['primary', 'second']).where('s.purpose', '=', 'live')
        .where('a.due_at', '<', dueBefore);
      if (microCredentialId) q = q.where('s.micro_credential_id', '=', microCredentialId);
      return q.orderBy('a.due_at').orderBy('a.id').execute();
    },
  };
}

export type ReportsRepo = ReturnType<typeof createReportsRepo>;
