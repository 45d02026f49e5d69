import { randomUUID } from 'node:crypto';
import {
  rationaleRequired, trueBasis, type AdjudicationBasis, type AdjudicationBody, type ConsensusProposalRequest, type ReviewBody, type StoredReview,
} from '../../../shared/index.ts';
import type { Catalog } from './catalog.ts';
import type { DraftRows } from './draft-rows.ts';
import { RECUSAL_WAITING_REASON } from './outbox-repo.ts';
import type { Haul, SalvagedDraftRow, SalvagedJournalRow, SalvagedOutboxRow } from './salvage-read.ts';
import type { LocalSession, StoreOwner } from './types.ts';
import { iso, write, type Db } from './write.ts';

/** What one salvage carried over, for the message the user sees. */
export type SalvageReport = {
  file: string;
  /** Edited drafts not yet submitted. */
  drafts: number;
  /** Submitted reviews and recusals that had not reached the hub yet. */
  unsent: number;
  /** Rows known to be there that could not be read (null: the damage hid how many). */
  unreadable: { drafts: number | null; outbox: number | null; journal: number | null };
  /** Whether the salvage was kept from this database because another account owns it. */
  otherAccount: boolean;
  /** Whether SQLite could read the damaged file at all. */
  readable: boolean;
};

type Held = { kind: 'draft' | 'outbox' | 'journal'; body: string };

/** A salvaged draft's replacement when only its outbox row could be read: the frozen review it queued. */
function draftFromOutbox(row: SalvagedOutboxRow): SalvagedDraftRow {
  const base = {
    assignment_id: row.assignment_id, revision: 1, saved_at: row.created_at, decision: null, received_at: null, synced_at: null,
  };
  if (row.kind === 'recusal') {
    const { reason } = JSON.parse(row.body) as { reason: string };
    return {
      ...base, review_id: randomUUID(), scores: '{}', criterion_feedback: '{}', criterion_rationale: '{}', criterion_basis: '{}', rationale: '',
      overall_feedback: '', notes: '[]', time_spent_sec: 0, status: 'read_only', status_reason: `${RECUSAL_WAITING_REASON}${reason}`,
    };
  }
  if (row.kind === 'consensus_proposal' || row.kind === 'consensus_response') {
    const body = JSON.parse(row.body) as Partial<ConsensusProposalRequest>;
    return {
      ...base, review_id: randomUUID(), scores: JSON.stringify(body.scores ?? {}), criterion_feedback: JSON.stringify(body.criterionFeedback ?? {}), criterion_rationale: '{}',
      criterion_basis: '{}', rationale: '', overall_feedback: body.overallFeedback ?? '', notes: '[]', time_spent_sec: 0, status: 'queued', status_reason: null,
    };
  }
  if (row.kind === 'adjudication') {
    const body = JSON.parse(row.body) as AdjudicationBody;
    const per = <T>(pick: (c: AdjudicationBody['criteria'][string]) => T) => JSON.stringify(Object.fromEntries(Object.entries(body.criteria).map(([id, c]) => [id, pick(c)])));
    return {
      ...base, review_id: row.client_id, scores: per((c) => c.level), criterion_feedback: per((c) => c.feedback), criterion_rationale: '{}', criterion_basis: per((c) => c.basis),
      rationale: body.rationale, overall_feedback: body.overallFeedback, notes: '[]', time_spent_sec: 0, status: 'queued', status_reason: null,
    };
  }
  const body = JSON.parse(row.body) as ReviewBody;
  return {
    ...base, review_id: row.client_id, scores: JSON.stringify(body.scores), criterion_feedback: JSON.stringify(body.criterionFeedback),
    criterion_rationale: JSON.stringify(body.criterionRationale ?? {}), criterion_basis: '{}', rationale: '', overall_feedback: body.overallFeedback, notes: JSON.stringify(body.notes), time_spent_sec: body.timeSpentSec, status: 'queued', status_reason: null,
  };
}

/**
 * Salvaged work waiting for its assignment. `promote` runs inside the sync transaction that
 * stored the assignment, so a salvaged row is either still held or in its own table, never
 * both and never neither.
 */
export function createSalvageRepo(db: Db, catalog: Catalog, rows: DraftRows) {
  const sourceStmt = db.prepare<[string], { file: string }>('SELECT file FROM salvage_source WHERE file = ?');
  const addSourceStmt = db.prepare('INSERT INTO salvage_source (file, salvaged_at, report) VALUES (?, ?, ?)');
  const holdStmt = db.prepare("INSERT INTO salvage_held (source, kind, assignment_id, body) VALUES (?, ?, ?, ?)");
  const heldStmt = db.prepare<[string], Held>('SELECT kind, body FROM salvage_held WHERE assignment_id = ? ORDER BY id');
  const dropStmt = db.prepare('DELETE FROM salvage_held WHERE assignment_id = ?');
  const heldIdsStmt = db.prepare<[], { assignment_id: string }>('SELECT DISTINCT assignment_id FROM salvage_held');
  const ownerStmt = db.prepare<[], StoreOwner>('SELECT hub_url AS hubUrl, user_id AS userId, display_name AS displayName FROM owner WHERE id = 1');
  const claimStmt = db.prepare('INSERT INTO owner (id, hub_url, user_id, display_name) VALUES (1, ?, ?, ?)');
  const hasSessionStmt = db.prepare('SELECT 1 FROM session WHERE id = 1').pluck();
  const sessionStmt = db.prepare('INSERT INTO session (id, hub_url, user_json, device_name, signed_in_at) VALUES (1, ?, ?, ?, ?)');
  const draftStmt = db.prepare(
    `INSERT INTO drafts (assignment_id, review_id, revision, saved_at, scores, criterion_feedback, criterion_rationale, criterion_basis, rationale, overall_feedback, notes,
       time_spent_sec, status, status_reason, decision, received_at, synced_at)
     VALUES (@assignment_id, @review_id, @revision, @saved_at, @scores, @criterion_feedback, @criterion_rationale, @criterion_basis, @rationale, @overall_feedback, @notes,
       @time_spent_sec, @status, @status_reason, @decision, @received_at, @synced_at)`,
  );
  const reviewIdTakenStmt = db.prepare('SELECT 1 FROM drafts WHERE review_id = ?').pluck();
  const outboxStmt = db.prepare(
    'INSERT INTO outbox (kind, assignment_id, client_id, body, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const journalStmt = db.prepare(
    'INSERT OR IGNORE INTO journal (assignment_id, seq, at, action, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );

  const queue = (kind: SalvagedOutboxRow['kind'], assignmentId: string, clientId: string, body: string, attempts: number, createdAt: string, now: Date) =>
    outboxStmt.run(kind, assignmentId, clientId, body, attempts, iso(now), createdAt);

  /** The same for an adjudication: its frozen final read, each basis made true against the reads. */
  const requeueAdjudication = (draft: SalvagedDraftRow, reads: readonly StoredReview[] | undefined, now: Date): boolean => {
    if (reads?.length !== 2) return false;
    const scores = JSON.parse(draft.scores) as Record<string, number>;
    const feedback = JSON.parse(draft.criterion_feedback) as Record<string, string>;
    const claimed = JSON.parse(draft.criterion_basis) as Record<string, AdjudicationBasis>;
    const criteria = Object.fromEntries(Object.entries(scores).map(([id, level]) => {
      const text = feedback[id] ?? '';
      return [id, { level, feedback: text, basis: trueBasis(reads as [StoredReview, StoredReview], id, level, text, claimed[id]) }];
    }));
    const body: AdjudicationBody = { assignmentId: draft.assignment_id, criteria, overallFeedback: draft.overall_feedback, rationale: draft.rationale };
    queue('adjudication', draft.assignment_id, draft.review_id, JSON.stringify(body), 0, iso(now), now);
    return true;
  };

  /** Re-queues the frozen review of a queued draft whose outbox row was lost, under the same review id. */
  const requeue = (draft: SalvagedDraftRow, now: Date): boolean => {
    if (draft.status === 'read_only' && draft.status_reason?.startsWith(RECUSAL_WAITING_REASON)) {
      const reason = draft.status_reason.slice(RECUSAL_WAITING_REASON.length);
      queue('recusal', draft.assignment_id, randomUUID(), JSON.stringify({ reason }), 0, iso(now), now);
      return true;
    }
    if (draft.status !== 'queued') return true;
    const found = catalog.assignment(draft.assignment_id);
    const submission = found && catalog.submission(found.assignment.submissionId);
    if (!submission) return false;
    if (found.assignment.role === 'adjudication') return requeueAdjudication(draft, found.assignment.reads, now);
    // A consensus round names the round it answers, which the device cannot know for sure after the loss: the reader sends it again.
    if (found.assignment.role === 'consensus') return false;
    const body: ReviewBody = {
      assignmentId: draft.assignment_id, rubricId: submission.rubricId, rubricVersion: submission.rubricVersion,
      scores: JSON.parse(draft.scores) as ReviewBody['scores'], criterionFeedback: JSON.parse(draft.criterion_feedback) as ReviewBody['criterionFeedback'],
      overallFeedback: draft.overall_feedback, notes: JSON.parse(draft.notes) as ReviewBody['notes'], timeSpentSec: draft.time_spent_sec,
    };
    if (rationaleRequired(found.assignment.role)) body.criterionRationale = JSON.parse(draft.criterion_rationale) as Record<string, string>;
    queue('review', draft.assignment_id, draft.review_id, JSON.stringify(body), 0, iso(now), now);
    return true;
  };

  const promoteNow = (assignmentId: string, now: Date): boolean => {
    const held = heldStmt.all(assignmentId);
    if (held.length === 0 || !catalog.assignment(assignmentId)) return false;
    dropStmt.run(assignmentId);
    // Work written on this device since the damage is newer than the salvaged copy.
    if (rows.find(assignmentId)) return false;
    const of = <T>(kind: Held['kind']) => held.filter((h) => h.kind === kind).map((h) => JSON.parse(h.body) as T);
    const outbox = of<SalvagedOutboxRow>('outbox');
    // Rows held before migration 004 carry no rationale.
    const heldDraft = of<SalvagedDraftRow>('draft')[0];
    const draft = heldDraft
      ? { ...heldDraft, criterion_rationale: heldDraft.criterion_rationale ?? '{}', criterion_basis: heldDraft.criterion_basis ?? '{}', rationale: heldDraft.rationale ?? '' }
      : (outbox[0] && draftFromOutbox(outbox[0]));
    if (draft) {
      if (reviewIdTakenStmt.get(draft.review_id)) draft.review_id = randomUUID();
      const requeued = outbox.length > 0 || requeue(draft, now);
      draftStmt.run(requeued ? draft : { ...draft, status: 'draft', status_reason: 'Recovered from a damaged database: please submit again.' });
    }
    for (const row of outbox) queue(row.kind, row.assignment_id, row.client_id, row.body, row.attempts, row.created_at, now);
    for (const j of of<SalvagedJournalRow>('journal')) journalStmt.run(j.assignment_id, j.seq, j.at, j.action, j.payload, j.prev_hash, j.hash);
    return true;
  };

  return {
    /** Whether this set-aside file was salvaged already (each file is salvaged once). */
    salvaged: (file: string): boolean => sourceStmt.get(file) !== undefined,
    /**
     * Keeps what was read from a set-aside file, in one transaction: the owner and session
     * when the fresh database has none, and the work, which waits for its assignment. Work of
     * another account than this database's owner is not taken in (it stays in the file).
     */
    hold(file: string, haul: Haul, now: Date): SalvageReport {
      return write(db, () => {
        const owner = ownerStmt.get();
        const salvagedOwner = haul.owner ?? (haul.session && { hub_url: haul.session.hub_url, user_id: (JSON.parse(haul.session.user_json) as { id: string }).id, display_name: '' });
        const otherAccount = owner !== undefined && salvagedOwner !== null && (owner.hubUrl !== salvagedOwner.hub_url || owner.userId !== salvagedOwner.user_id);
        const keep = <T extends { assignment_id: string }>(list: T[], pick: (r: T) => boolean = () => true) => (otherAccount ? [] : list.filter(pick));
        // An untouched draft holds nothing the assessor wrote: a fresh one is created on demand.
        const drafts = keep(haul.drafts.rows, (d) => d.revision > 0 || d.status !== 'new');
        const outbox = keep(haul.outbox.rows);
        const journal = keep(haul.journal.rows);
        if (!owner && haul.owner) claimStmt.run(haul.owner.hub_url, haul.owner.user_id, haul.owner.display_name);
        if (!otherAccount && haul.session && !hasSessionStmt.get()) {
          const s = haul.session;
          sessionStmt.run(s.hub_url, s.user_json, s.device_name, s.signed_in_at);
        }
        const queuedDrafts = drafts.filter((d) => (d.status === 'queued' || d.status_reason?.startsWith(RECUSAL_WAITING_REASON)) && !outbox.some((o) => o.assignment_id === d.assignment_id));
        const report: SalvageReport = {
          file,
          drafts: drafts.filter((d) => d.status === 'draft').length,
          unsent: outbox.length + queuedDrafts.length,
          // An outbox row rebuilt from its queued draft is not lost.
          unreadable: {
            drafts: haul.drafts.unreadable,
            outbox: haul.outbox.unreadable === null ? null : Math.max(0, haul.outbox.unreadable - queuedDrafts.length),
            journal: haul.journal.unreadable,
          },
          otherAccount,
          readable: haul.readable,
        };
        addSourceStmt.run(file, iso(now), JSON.stringify(report));
        for (const d of drafts) holdStmt.run(file, 'draft', d.assignment_id, JSON.stringify(d));
        for (const o of outbox) holdStmt.run(file, 'outbox', o.assignment_id, JSON.stringify(o));
        for (const j of journal) holdStmt.run(file, 'journal', j.assignment_id, JSON.stringify(j));
        // Assignments this database already has (a file set aside before an upgrade) take their work back at once.
        for (const { assignment_id } of heldIdsStmt.all()) promoteNow(assignment_id, now);
        return report;
      });
    },
    /** A sync stored this assignment: its salvaged work moves into place (inside the caller's transaction). Answers whether it did. */
    promote: promoteNow,
  };
}

export type SalvageRepo = ReturnType<typeof createSalvageRepo>;

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The words the user reads about a salvage (shown in the sync status). */
export function salvageMessage(quarantinedAs: string, report: SalvageReport, session: LocalSession | null): string {
  const head = `The local database was damaged and has been set aside at ${quarantinedAs}; Assay continues with a fresh one.`;
  const signIn = session ? '' : ' Please sign in again.';
  if (!report.readable) {
    return `${head} Nothing could be read from the damaged file, so there was nothing to recover. Reviews already sent are safe on the hub.${signIn} The set-aside file is kept for support.`;
  }
  if (report.otherAccount) return `${head} It holds another account's work, which stays in the set-aside file for support.`;
  const { drafts, outbox, journal } = report.unreadable;
  const lost = [
    drafts !== 0 && `${drafts ?? 'some'} draft row(s)`,
    outbox !== 0 && `${outbox ?? 'some'} unsent review row(s)`,
    journal !== 0 && `${journal ?? 'some'} journal entr(ies)`,
  ].filter((s): s is string => typeof s === 'string');
  const recovered =
    report.drafts + report.unsent === 0
      ? 'No unsent drafts or reviews could be recovered from it.'
      : `Recovered ${count(report.drafts, 'draft', 'drafts')} and ${count(report.unsent, 'submitted review', 'submitted reviews')} not yet sent; ` +
        'they come back as their assignments sync from the hub, and recovered reviews are then sent.';
  const unread = lost.length > 0 ? ` Could not be read: ${lost.join(', ')}.` : ' Everything unsent could be read.';
  return `${head} ${recovered}${unread}${signIn} The set-aside file is kept for support.`;
}
