import { canonicalJson, decide, ErrorCode, feedbackRequired, lockedViolations, type AdjudicationBody, type Rubric, type StoredAdjudication, type StoredReview } from '../../../shared/index.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import { conflict, invalid, notFound, type FieldIssue } from '../../http/errors.ts';
import type { HubContext, Tx } from '../context.ts';
import { bothReads, readsOf } from './reads.ts';
import { finalFrom, finalize } from './resolution.ts';

export type PutAdjudicationOutcome = { status: 200 | 201; adjudication: StoredAdjudication };

const bodyOf = ({ id: _i, submissionId: _s, adjudicatorId: _a, decision: _d, weightedMean: _w, receivedAt: _r, ...body }: StoredAdjudication): AdjudicationBody => body;

/**
 * Every criterion of the rubric once, a level on its scale, feedback where the rubric asks
 * for it; `first`/`second` only for exactly that read's level and feedback, so the
 * provenance on record is true.
 */
function issuesOf(rubric: Rubric, body: AdjudicationBody, reads: [StoredReview, StoredReview]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const known = new Set(rubric.criteria.map((c) => c.id));
  for (const id of Object.keys(body.criteria)) if (!known.has(id)) issues.push({ path: `criteria.${id}`, message: 'not a criterion of this rubric' });
  for (const c of rubric.criteria) {
    const final = body.criteria[c.id];
    if (!final) {
      issues.push({ path: `criteria.${c.id}`, message: `${c.title} has no final level` });
      continue;
    }
    if (final.level < 1 || final.level > rubric.scale.points) {
      issues.push({ path: `criteria.${c.id}.level`, message: `level must be a whole number from 1 to ${rubric.scale.points}` });
      continue;
    }
    if (final.feedback.trim() === '' && feedbackRequired(c, final.level)) issues.push({ path: `criteria.${c.id}.feedback`, message: `feedback for ${c.title} is required` });
    const source = final.basis === 'first' ? reads[0] : final.basis === 'second' ? reads[1] : null;
    if (source && (source.scores[c.id] !== final.level || (source.criterionFeedback[c.id] ?? '') !== final.feedback)) {
      issues.push({ path: `criteria.${c.id}.basis`, message: `the ${final.basis} read has another level or feedback here; use "own" for an edited text` });
    }
  }
  return issues;
}

/** `PUT /v1/adjudications/{id}`: idempotent by the client-generated id, like reviews. */
export function createAdjudications(ctx: HubContext) {
  async function store(tx: Tx, userId: string, id: string, body: AdjudicationBody): Promise<PutAdjudicationOutcome> {
    const { repos } = tx;
    const assignment = await repos.assignments.byId(body.assignmentId);
    if (!assignment || assignment.assessorId !== userId || assignment.role !== 'adjudication') throw notFound('adjudication assignment');
    const existing = await repos.scoring.adjudication(id);
    if (existing) {
      if (existing.adjudicatorId !== userId) throw notFound('adjudication');
      if (canonicalJson(bodyOf(existing)) === canonicalJson(body)) return { status: 200, adjudication: existing };
      throw conflict(ErrorCode.adjudicationIdConflict, 'this adjudication id was already used with a different body');
    }
    if (assignment.state === 'revoked' || assignment.state === 'recused') {
      throw conflict(ErrorCode.assignmentRevoked, `the assignment was ${assignment.state}`, { state: assignment.state });
    }
    if (assignment.state === 'submitted') throw conflict(ErrorCode.alreadySubmitted, 'an adjudication was already submitted for this assignment');
    const submission = (await repos.submissions.byId(assignment.submissionId))!;
    const rubric = (await repos.catalog.rubric(submission.rubricId, submission.rubricVersion))!;
    const reads = bothReads(await readsOf(repos, submission.id));
    if (!reads) throw notFound('reads');
    const issues = issuesOf(rubric, body, reads);
    if (issues.length > 0) throw invalid('the adjudication does not satisfy the rubric', issues);
    const scores = Object.fromEntries(Object.entries(body.criteria).map(([c, v]) => [c, v.level]));
    const criterionFeedback = Object.fromEntries(Object.entries(body.criteria).map(([c, v]) => [c, v.feedback]));
    const changed = lockedViolations(assignment.locked, { scores, criterionFeedback });
    if (changed.length > 0) throw conflict(ErrorCode.lockedCriterion, 'criteria met on the previous attempt may not change', { criterionIds: changed });
    const outcome = decide(rubric, scores);
    const at = ctx.now().toISOString();
    const adjudication: StoredAdjudication = { ...body, id, submissionId: submission.id, adjudicatorId: userId, decision: outcome.decision!, weightedMean: outcome.weightedMean!, receivedAt: at };
    await repos.scoring.insertAdjudication(adjudication);
    await repos.assignments.setState(assignment.id, 'submitted', await repos.meta.nextChangeSeq());
    await tx.audit(userId, 'adjudication.submitted', id, {
      assignmentId: assignment.id, submissionId: submission.id, decision: adjudication.decision, scores,
      basis: Object.fromEntries(Object.entries(body.criteria).map(([c, v]) => [c, v.basis])),
    });
    await finalize(tx, submission, finalFrom(rubric, { scores, criterionFeedback, overallFeedback: body.overallFeedback }, {
      source: 'adjudication', sourceId: id, decidedAt: at, assessorIds: [reads[0].assessorId, reads[1].assessorId, userId], basis: 'adjudicated',
    }));
    return { status: 201, adjudication };
  }

  return {
    async put(userId: string, id: string, body: AdjudicationBody): Promise<PutAdjudicationOutcome> {
      try {
        return await ctx.write((tx) => store(tx, userId, id, body));
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        return ctx.write((tx) => store(tx, userId, id, body));
      }
    },
  };
}
