import type { Decision, DecisionBasis as Basis, FinalRead, ResolutionState, StoredAdjudication, StoredReview } from '../../shared/index.ts';
import type { Executor } from '../db/open.ts';

/** The selection made at intake, as `double_scoring.selected` recorded it. */
export type SelectionRow = { submissionId: string; microCredentialId: string; ordinal: number; selected: boolean; rule: string; inputs: Record<string, unknown>; seq: number };

/** The one coherent result a resolution ends in: where its levels and feedback came from, and who it rests on. */
export type FinalResult = FinalRead & {
  source: 'review' | 'adjudication' | 'consensus';
  sourceId: string;
  decision: Decision;
  weightedMean: number;
  decidedAt: string;
  assessorIds: string[];
  basis: Basis;
};

export type ResolutionRecord = {
  submissionId: string;
  state: ResolutionState;
  method: 'adjudication' | 'consensus' | null;
  consensusStartedAt: string | null;
  consensusDueAt: string | null;
  escalatedAt: string | null;
  final: FinalResult | null;
  decidedAt: string | null;
};

export type RoundRecord = { round: number; proposal: FinalRead; proposedAt: string; response: { agree: boolean; comment: string | null; at: string } | null };

type ResolutionRow = { submission_id: string; state: string; method: string | null; consensus_started_at: string | null; consensus_due_at: string | null;
  escalated_at: string | null; final: string | null; basis: string | null; decided_at: string | null };

const toResolution = (r: ResolutionRow): ResolutionRecord => ({
  submissionId: r.submission_id, state: r.state as ResolutionState, method: r.method as ResolutionRecord['method'], consensusStartedAt: r.consensus_started_at,
  consensusDueAt: r.consensus_due_at, escalatedAt: r.escalated_at, final: r.final === null ? null : (JSON.parse(r.final) as FinalResult), decidedAt: r.decided_at,
});

/** Double scoring's tables (migrations 006 and 010): selections, resolutions and their steps, probation releases, the read pairs the reports count. */
/** Consensus resolutions past their due time (they escalate to adjudication); sync asks whether any exist in its own statement. */
export const consensusDueQuery = (db: Executor, nowIso: string) =>
  db.selectFrom('resolutions').select('submission_id').where('state', '=', 'consensus').where('consensus_due_at', '<=', nowIso);

export function createScoringRepo(db: Executor) {
  return {
    async insertSelection(s: SelectionRow): Promise<void> {
      await db.insertInto('selections').values({
        submission_id: s.submissionId, micro_credential_id: s.microCredentialId, ordinal: s.ordinal, selected: s.selected ? 1 : 0, rule: s.rule,
        inputs: JSON.stringify(s.inputs), audit_seq: s.seq,
      }).execute();
    },
    async selection(submissionId: string): Promise<SelectionRow | undefined> {
      const r = await db.selectFrom('selections').selectAll().where('submission_id', '=', submissionId).executeTakeFirst();
      return r && { submissionId: r.submission_id, microCredentialId: r.micro_credential_id, ordinal: Number(r.ordinal), selected: Number(r.selected) === 1, rule: r.rule,
        inputs: JSON.parse(r.inputs) as Record<string, unknown>, seq: Number(r.audit_seq) };
    },
    /** How many live submissions of the micro-credential were selected or not before this one: its ordinal. */
    async selectionCount(microCredentialId: string): Promise<number> {
      const r = await db.selectFrom('selections').select((eb) => eb.fn.countAll<number>().as('n')).where('micro_credential_id', '=', microCredentialId).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    /** Both reads once the second is in: written once, never changed (the reads themselves never are). */
    async insertReadPair(submission: { id: string; microCredentialId: string }, first: StoredReview, second: StoredReview, completedAt: string): Promise<void> {
      await db.insertInto('read_pairs').values({
        submission_id: submission.id, micro_credential_id: submission.microCredentialId, first_assessor_id: first.assessorId, first_scores: JSON.stringify(first.scores),
        first_decision: first.decision, second_assessor_id: second.assessorId, second_scores: JSON.stringify(second.scores), second_decision: second.decision, completed_at: completedAt,
      }).execute();
    },
    async insertResolution(submissionId: string): Promise<void> {
      await db.insertInto('resolutions').values({ submission_id: submissionId, state: 'awaiting_reads', method: null, consensus_started_at: null, consensus_due_at: null,
        escalated_at: null, final: null, basis: null, decided_at: null }).execute();
    },
    async resolution(submissionId: string): Promise<ResolutionRecord | undefined> {
      const r = await db.selectFrom('resolutions').selectAll().where('submission_id', '=', submissionId).executeTakeFirst();
      return r && toResolution(r);
    },
    async updateResolution(submissionId: string, patch: Partial<Omit<ResolutionRecord, 'submissionId'>>): Promise<void> {
      const set: Partial<ResolutionRow> = {};
      if (patch.state !== undefined) set.state = patch.state;
      if (patch.method !== undefined) set.method = patch.method;
      if (patch.consensusStartedAt !== undefined) set.consensus_started_at = patch.consensusStartedAt;
      if (patch.consensusDueAt !== undefined) set.consensus_due_at = patch.consensusDueAt;
      if (patch.escalatedAt !== undefined) set.escalated_at = patch.escalatedAt;
      if (patch.decidedAt !== undefined) set.decided_at = patch.decidedAt;
      if (patch.final !== undefined) {
        set.final = patch.final === null ? null : JSON.stringify(patch.final);
        set.basis = patch.final?.basis ?? null;
      }
      await db.updateTable('resolutions').set(set).where('submission_id', '=', submissionId).execute();
    },
    /** Consensus resolutions past their due time (they escalate to adjudication). */
    async consensusDue(nowIso: string): Promise<string[]> {
      const rows = await consensusDueQuery(db, nowIso).orderBy('submission_id').execute();
      return rows.map((r) => r.submission_id);
    },
    async insertAdjudication(a: StoredAdjudication): Promise<void> {
      await db.insertInto('adjudications').values({ id: a.id, assignment_id: a.assignmentId, submission_id: a.submissionId, adjudicator_id: a.adjudicatorId,
        body: JSON.stringify(a), received_at: a.receivedAt }).execute();
    },
    async adjudication(id: string): Promise<StoredAdjudication | undefined> {
      const r = await db.selectFrom('adjudications').select('body').where('id', '=', id).executeTakeFirst();
      return r && (JSON.parse(r.body) as StoredAdjudication);
    },
    async adjudicationOf(submissionId: string): Promise<StoredAdjudication | undefined> {
      const r = await db.selectFrom('adjudications').select('body').where('submission_id', '=', submissionId).executeTakeFirst();
      return r && (JSON.parse(r.body) as StoredAdjudication);
    },
    async rounds(submissionId: string): Promise<RoundRecord[]> {
      const rows = await db.selectFrom('consensus_rounds').selectAll().where('submission_id', '=', submissionId).orderBy('round').execute();
      return rows.map((r) => ({ round: Number(r.round), proposal: JSON.parse(r.proposal) as FinalRead, proposedAt: r.proposed_at,
        response: r.response === null ? null : (JSON.parse(r.response) as RoundRecord['response']) }));
    },
    async insertRound(submissionId: string, round: number, proposal: FinalRead, at: string): Promise<void> {
      await db.insertInto('consensus_rounds').values({ submission_id: submissionId, round, proposal: JSON.stringify(proposal), proposed_at: at, response: null }).execute();
    },
    async respond(submissionId: string, round: number, response: NonNullable<RoundRecord['response']>): Promise<void> {
      await db.updateTable('consensus_rounds').set({ response: JSON.stringify(response) }).where('submission_id', '=', submissionId).where('round', '=', round).execute();
    },
    async released(assessorId: string, microCredentialId: string): Promise<boolean> {
      const r = await db.selectFrom('probation_releases').select('released_at').where('assessor_id', '=', assessorId).where('micro_credential_id', '=', microCredentialId)
        .executeTakeFirst();
      return r !== undefined;
    },
    async release(assessorId: string, microCredentialId: string, at: string): Promise<void> {
      await db.insertInto('probation_releases').values({ assessor_id: assessorId, micro_credential_id: microCredentialId, released_at: at }).execute();
    },
    /** The double-scored submissions of a micro-credential whose two reads are both in and one of them is this assessor's. */
    async pairedSubmissions(assessorId: string, microCredentialId: string): Promise<string[]> {
      const rows = await db.selectFrom('resolutions as res').innerJoin('submissions as s', 's.id', 'res.submission_id')
        .innerJoin('reviews as r', 'r.submission_id', 'res.submission_id').innerJoin('assignments as a', 'a.id', 'r.assignment_id')
        .select('res.submission_id').distinct()
        .where('res.state', '<>', 'awaiting_reads').where('s.micro_credential_id', '=', microCredentialId)
        .where('r.assessor_id', '=', assessorId).where('a.role', 'in', ['primary', 'second'])
        .orderBy('res.submission_id').execute();
      return rows.map((r) => r.submission_id);
    },
  };
}

export type ScoringRepo = ReturnType<typeof createScoringRepo>;
