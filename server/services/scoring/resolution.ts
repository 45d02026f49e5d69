import { agreementOf, decide, type AssignmentRole, type FinalRead, type Rubric, type StoredReview } from '../../../shared/index.ts';
import type { AssignmentRecord } from '../../repos/assignments.ts';
import type { Repos } from '../../repos/index.ts';
import type { FinalResult } from '../../repos/scoring.ts';
import type { SubmissionRecord } from '../../repos/submissions.ts';
import type { UserRecord } from '../../repos/users.ts';
import { addDays, newId, type Tx } from '../context.ts';
import { releaseIfDue } from './probation.ts';
import { bothReads, readerIds, readsOf } from './reads.ts';

/** A resolution task (adjudication, consensus) for one user; locked criteria as the reads had them. */
export async function createTask(tx: Tx, submission: SubmissionRecord, assessorId: string, role: AssignmentRole, at: string, dueAt: string, actor: string, rule: string,
  locked: AssignmentRecord['locked']): Promise<AssignmentRecord> {
  const record: AssignmentRecord = {
    id: newId('asg'), submissionId: submission.id, assessorId, role, state: 'assigned', assignedAt: at, dueAt, locked,
    previousSubmissionId: null, previousReviewId: null, recusalReason: null, changeSeq: await tx.repos.meta.nextChangeSeq(),
  };
  await tx.repos.assignments.insert(record);
  await tx.audit(actor, 'assignment.created', record.id, { submissionId: submission.id, assessorId, role, dueAt, rule, lockedCriteria: Object.keys(locked) });
  return record;
}

/** Master raters who may adjudicate: active, not one of the readers, no conflict with the candidate, not recused from them. */
async function chooseAdjudicator(repos: Repos, submission: SubmissionRecord, readers: ReadonlySet<string>): Promise<UserRecord | undefined> {
  const candidate = await repos.submissions.candidate(submission.candidateRef);
  const recusers = await repos.assignments.recusersOf(submission.candidateRef);
  const open = await repos.assignments.openWork();
  const same = (a: string | null | undefined, b: string | null | undefined) => a != null && b != null && a === b;
  return (await repos.users.withRole('master_rater'))
    .filter((u) => u.active && !readers.has(u.id) && !recusers.has(u.id))
    .filter((u) => !candidate || !(same(u.school, candidate.school) || same(u.district, candidate.district)))
    .sort((a, b) => (open.get(a.id) ?? 0) - (open.get(b.id) ?? 0) || (a.username < b.username ? -1 : a.username > b.username ? 1 : 0))[0];
}

export async function startAdjudication(tx: Tx, submission: SubmissionRecord, at: string, actor: string): Promise<void> {
  const { repos } = tx;
  await repos.scoring.updateResolution(submission.id, { state: 'adjudication' });
  const master = await chooseAdjudicator(repos, submission, await readerIds(repos, submission.id));
  if (!master) {
    await tx.audit(actor, 'submission.unassigned', submission.id, { reason: 'no_eligible_master_rater', role: 'adjudication' });
    return;
  }
  const mc = await repos.catalog.microCredential(submission.microCredentialId);
  const first = (await readsOf(repos, submission.id)).first;
  await createTask(tx, submission, master.id, 'adjudication', at, addDays(at, mc!.policy.slaDays), actor, 'least_open_work_master', first?.assignment.locked ?? {});
}

async function startConsensus(tx: Tx, submission: SubmissionRecord, readers: [StoredReview, StoredReview], at: string): Promise<void> {
  const { repos } = tx;
  const mc = await repos.catalog.microCredential(submission.microCredentialId);
  const dueAt = addDays(at, mc!.policy.doubleScoring.consensusDays);
  await repos.scoring.updateResolution(submission.id, { state: 'consensus', consensusStartedAt: at, consensusDueAt: dueAt });
  await tx.audit('system', 'double_scoring.consensus_started', submission.id, { readers: readers.map((r) => r.assessorId), dueAt });
  const locked = (await readsOf(repos, submission.id)).first?.assignment.locked ?? {};
  for (const r of readers) await createTask(tx, submission, r.assessorId, 'consensus', at, dueAt, 'system', 'consensus_reader', locked);
}

/** Writes the one final result: the resolution row, the decisions table, and the audit event. */
export async function finalize(tx: Tx, submission: SubmissionRecord, final: FinalResult): Promise<void> {
  const { repos } = tx;
  await repos.scoring.updateResolution(submission.id, { state: 'final', final, decidedAt: final.decidedAt });
  await repos.decisions.upsert({
    submissionId: submission.id, submittedAt: submission.submittedAt, candidateRef: submission.candidateRef, microCredentialId: submission.microCredentialId,
        attempt: submission.attempt,
    decision: final.decision, basis: final.basis, decidedAt: final.decidedAt, assessorIds: final.assessorIds, rubricId: submission.rubricId,
    rubricVersion: submission.rubricVersion, reviewId: final.sourceId, levels: final.scores,
  });
  await tx.audit('system', 'double_scoring.final', submission.id, {
    basis: final.basis, decision: final.decision, source: final.source, sourceId: final.sourceId, assessorIds: final.assessorIds, scores: final.scores,
  });
}

export function finalFrom(rubric: Rubric, read: FinalRead, meta: Pick<FinalResult, 'source' | 'sourceId' | 'decidedAt' | 'assessorIds' | 'basis'>): FinalResult {
  const outcome = decide(rubric, read.scores);
  return { scores: read.scores, criterionFeedback: read.criterionFeedback, overallFeedback: read.overallFeedback, decision: outcome.decision!, weightedMean: outcome.weightedMean!, ...meta };
}

/**
 * A read of a double-scored submission came in. Once both are in: agreement makes the
 * primary read final (`agreed`); otherwise the policy's resolution starts. Returns false
 * when the submission is single-scored (the caller writes that decision as before).
 */
export async function onReadSubmitted(tx: Tx, submission: SubmissionRecord, at: string): Promise<boolean> {
  const { repos } = tx;
  const resolution = await repos.scoring.resolution(submission.id);
  if (!resolution) return false;
  const both = bothReads(await readsOf(repos, submission.id));
  if (resolution.state !== 'awaiting_reads' || !both) return true;
  const [first, second] = both;
  const mc = await repos.catalog.microCredential(submission.microCredentialId);
  const rubric = (await repos.catalog.rubric(submission.rubricId, submission.rubricVersion))!;
  const policy = mc!.policy.doubleScoring;
  const outcome = agreementOf(rubric, first.scores, second.scores, policy.tolerance);
  await repos.scoring.updateResolution(submission.id, { method: outcome.agreed ? null : policy.resolution });
  await repos.scoring.insertReadPair(submission, first, second, first.receivedAt > second.receivedAt ? first.receivedAt : second.receivedAt);
  await tx.audit('system', 'double_scoring.reads_complete', submission.id, {
    readers: [first.assessorId, second.assessorId], reviewIds: [first.id, second.id], agreed: outcome.agreed, decisions: outcome.decisions,
    differing: outcome.differing, tolerance: policy.tolerance, resolution: outcome.agreed ? null : policy.resolution,
  });
  await releaseIfDue(tx, [first.assessorId, second.assessorId], submission.microCredentialId, rubric.scale.points, at);
  if (outcome.agreed) {
    await finalize(tx, submission, finalFrom(rubric, first, { source: 'review', sourceId: first.id, decidedAt: at, assessorIds: [first.assessorId, second.assessorId], basis: 'agreed' }));
  } else if (policy.resolution === 'consensus') {
    await startConsensus(tx, submission, both, at);
  } else {
    await startAdjudication(tx, submission, at, 'system');
  }
  return true;
}

/** A consensus past its days escalates: both tasks are revoked and an adjudicator is routed; audited. */
export async function escalate(tx: Tx, submission: SubmissionRecord, at: string, reason: 'consensus_days_elapsed' | 'reader_recused' | 'reader_suspended'): Promise<void> {
  const { repos } = tx;
  const resolution = await repos.scoring.resolution(submission.id);
  if (resolution?.state !== 'consensus') return;
  for (const a of await repos.assignments.ofSubmission(submission.id)) {
    if (a.role === 'consensus' && (a.state === 'assigned' || a.state === 'in_progress')) await repos.assignments.setState(a.id, 'revoked', await repos.meta.nextChangeSeq());
  }
  await repos.scoring.updateResolution(submission.id, { escalatedAt: at, method: 'adjudication' });
  await tx.audit('system', 'double_scoring.consensus_escalated', submission.id, {
    reason, startedAt: resolution.consensusStartedAt, dueAt: resolution.consensusDueAt, rounds: (await repos.scoring.rounds(submission.id)).length,
  });
  await startAdjudication(tx, submission, at, 'system');
}
