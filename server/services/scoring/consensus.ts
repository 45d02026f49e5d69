import {
  canonicalJson, ErrorCode, lockedViolations, validateReview, type Assignment, type ConsensusProposalRequest, type ConsensusResponseRequest, type FinalRead,
} from '../../../shared/index.ts';
import type { AssignmentRecord } from '../../repos/assignments.ts';
import { conflict, invalid, notFound } from '../../http/errors.ts';
import type { HubContext, Tx } from '../context.ts';
import { toWireAssignment } from '../sync/wire.ts';
import { readsOf } from './reads.ts';
import { finalFrom, finalize } from './resolution.ts';

export type ConsensusOutcome = { status: 200 | 201; assignment: Assignment };

/**
 * Consensus between the two readers: the primary reader proposes round 1, 2, …; the second
 * reader agrees (final, basis `consensus`) or returns the round with a comment. A round is
 * written once: the same request again answers 200, a different one 409.
 */
export function createConsensus(ctx: HubContext) {
  async function task(tx: Tx, userId: string, assignmentId: string, proposer: boolean) {
    const { repos } = tx;
    const assignment = await repos.assignments.byId(assignmentId);
    if (!assignment || assignment.assessorId !== userId || assignment.role !== 'consensus') throw notFound('consensus assignment');
    const reads = await readsOf(repos, assignment.submissionId);
    if ((reads.first?.assignment.assessorId === userId) !== proposer) {
      throw conflict(ErrorCode.consensusTurn, proposer ? 'only the primary reader proposes' : 'only the second reader answers a proposal');
    }
    return { assignment, submission: (await repos.submissions.byId(assignment.submissionId))!, rounds: await repos.scoring.rounds(assignment.submissionId), reads };
  }

  const refuseClosed = (a: AssignmentRecord) => {
    if (a.state === 'revoked' || a.state === 'recused') throw conflict(ErrorCode.assignmentRevoked, `the assignment was ${a.state}`, { state: a.state });
    if (a.state === 'submitted') throw conflict(ErrorCode.alreadySubmitted, 'the consensus is already final');
  };

  /** Both readers' tasks move in the change sequence, so each device's next sync shows the new round. */
  async function touch(tx: Tx, submissionId: string): Promise<void> {
    for (const a of await tx.repos.assignments.ofSubmission(submissionId)) {
      if (a.role === 'consensus' && (a.state === 'assigned' || a.state === 'in_progress')) await tx.repos.assignments.setState(a.id, a.state, await tx.repos.meta.nextChangeSeq());
    }
  }

  const answer = async (tx: Tx, assignmentId: string, status: 200 | 201): Promise<ConsensusOutcome> =>
    ({ status, assignment: await toWireAssignment(tx.repos, (await tx.repos.assignments.byId(assignmentId))!) });

  const propose = (userId: string, assignmentId: string, req: ConsensusProposalRequest): Promise<ConsensusOutcome> => ctx.write(async (tx) => {
    const { assignment, submission, rounds } = await task(tx, userId, assignmentId, true);
    const { round, ...proposal } = req;
    const existing = rounds.find((r) => r.round === round);
    if (existing) {
      if (canonicalJson(existing.proposal) === canonicalJson(proposal)) return answer(tx, assignmentId, 200);
      throw conflict(ErrorCode.consensusRoundConflict, `round ${round} was already proposed with other levels or feedback`);
    }
    refuseClosed(assignment);
    const latest = rounds[rounds.length - 1];
    if (round !== rounds.length + 1 || (latest && latest.response === null)) {
      throw conflict(ErrorCode.consensusTurn, latest && latest.response === null ? `round ${latest.round} awaits the second reader` : `the next round is ${rounds.length + 1}`,
        { expectedRound: latest && latest.response === null ? null : rounds.length + 1 });
    }
    const rubric = (await tx.repos.catalog.rubric(submission.rubricId, submission.rubricVersion))!;
    const issues = validateReview(rubric, { ...proposal, notes: [] });
    if (issues.length > 0) throw invalid('the proposal does not satisfy the rubric', issues);
    const changed = lockedViolations(assignment.locked, proposal);
    if (changed.length > 0) throw conflict(ErrorCode.lockedCriterion, 'criteria met on the previous attempt may not change', { criterionIds: changed });
    await tx.repos.scoring.insertRound(submission.id, round, proposal, ctx.now().toISOString());
    await tx.audit(userId, 'consensus.proposed', submission.id, { assignmentId, round, scores: proposal.scores });
    await touch(tx, submission.id);
    return answer(tx, assignmentId, 201);
  });

  const respond = (userId: string, assignmentId: string, req: ConsensusResponseRequest): Promise<ConsensusOutcome> => ctx.write(async (tx) => {
    const { assignment, submission, rounds, reads } = await task(tx, userId, assignmentId, false);
    const target = rounds.find((r) => r.round === req.round);
    if (target?.response) {
      if (target.response.agree === req.agree && target.response.comment === (req.comment ?? null)) return answer(tx, assignmentId, 200);
      throw conflict(ErrorCode.consensusRoundConflict, `round ${req.round} was already answered otherwise`);
    }
    refuseClosed(assignment);
    if (!target || target.round !== rounds.length) throw conflict(ErrorCode.consensusTurn, `there is no open proposal for round ${req.round}`, { expectedRound: null });
    const at = ctx.now().toISOString();
    await tx.repos.scoring.respond(submission.id, req.round, { agree: req.agree, comment: req.comment ?? null, at });
    await tx.audit(userId, 'consensus.responded', submission.id, { assignmentId, round: req.round, agree: req.agree, comment: req.comment ?? null });
    if (!req.agree) {
      await touch(tx, submission.id);
      return answer(tx, assignmentId, 201);
    }
    for (const a of await tx.repos.assignments.ofSubmission(submission.id)) {
      if (a.role === 'consensus' && (a.state === 'assigned' || a.state === 'in_progress')) await tx.repos.assignments.setState(a.id, 'submitted', await tx.repos.meta.nextChangeSeq());
    }
    const rubric = (await tx.repos.catalog.rubric(submission.rubricId, submission.rubricVersion))!;
    const proposal: FinalRead = target.proposal;
    await finalize(tx, submission, finalFrom(rubric, proposal, {
      source: 'consensus', sourceId: `${submission.id}#${req.round}`, decidedAt: at,
      assessorIds: [reads.first!.assignment.assessorId, reads.second!.assignment.assessorId], basis: 'consensus',
    }));
    return answer(tx, assignmentId, 201);
  });

  return { propose, respond };
}
