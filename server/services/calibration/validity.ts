import { createHash } from 'node:crypto';
import type { MicroCredential, StoredReview, ValidityRead, ValidityReadsResponse } from '../../../shared/index.ts';
import type { AssignmentRecord } from '../../repos/assignments.ts';
import type { ValidityReadRecord } from '../../repos/calibration.ts';
import type { Repos } from '../../repos/index.ts';
import type { SubmissionRecord } from '../../repos/submissions.ts';
import type { HubContext, Tx } from '../context.ts';
import type { Routing } from '../review/routing.ts';
import { escalate } from '../scoring/resolution.ts';
import { copyItemFor } from './copies.ts';
import { levelAgreement, meetsPassMark } from './scoring.ts';
import { masterReviewOf } from './sets.ts';

/**
 * The validity draw for a live assignment: the first 48 bits of SHA-256 over its id, as a
 * share of 2^48. Deterministic, so anyone can recompute it from the audit log.
 */
export function validityDraw(assignmentId: string): number {
  const digest = createHash('sha256').update(`assay-validity/1\n${assignmentId}`).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

type Drift = { n: number; measure: number | null; reads: ValidityReadRecord[] };

/**
 * Validity items: master-scored calibration items seeded into live work at the policy's
 * rate, looking like any other live assignment; each review is compared with the master's,
 * and drift below the pass mark over the last `window` reads suspends the qualification.
 */
export function createValidity(ctx: HubContext) {
  /**
   * Hands the assessor a copy of a published item they have never been given, as primary live
   * work: the one at share `pick` of that list, or the named item (the demo's anchor) if it is on it.
   */
  async function seed(tx: Tx, assessorId: string, mc: MicroCredential, like: SubmissionRecord, assignedAt: string, actor: string, pick: number | { itemId: string }) {
    const { repos } = tx;
    const seen = await repos.submissions.itemsSeenBy(assessorId);
    const unseen = (await repos.calibration.publishedItems(mc.id)).filter((id) => !seen.has(id));
    const itemId = typeof pick === 'number' ? unseen[Math.floor(pick * unseen.length)] : unseen.find((id) => id === pick.itemId);
    if (itemId === undefined) {
      await tx.audit(actor, 'validity.no_item', assessorId, { microCredentialId: mc.id });
      return null;
    }
    const item = (await repos.submissions.byId(itemId))!;
    const copy = await copyItemFor(tx, item, { like, assessorId, role: 'primary', assignedAt, submittedAt: like.submittedAt, slaDays: mc.policy.slaDays, actor, rule: 'validity_item' });
    await tx.audit(actor, 'validity.seeded', copy.assignment.id, { assessorId, microCredentialId: mc.id, sourceSubmissionId: item.id, submissionId: copy.submission.id });
    return copy;
  }

  /** Routing's hook: after live primary work is routed, draw whether a validity item joins it. */
  async function afterRoute(tx: Tx, assignment: AssignmentRecord, submission: SubmissionRecord, actor: string): Promise<void> {
    const { repos } = tx;
    if (assignment.role !== 'primary' || (await repos.submissions.useOf(submission.id))?.purpose !== 'live') return;
    const mc = await repos.catalog.microCredential(submission.microCredentialId);
    const rate = mc?.policy.validity.rate ?? 0;
    if (!mc || rate <= 0) return;
    const draw = validityDraw(assignment.id);
    await tx.audit(actor, 'validity.drawn', assignment.id, { rate, draw, seeds: draw < rate, rule: 'sha256(assay-validity/1\\n<assignmentId>)[0..6] / 2^48 < rate' });
    if (draw < rate) await seed(tx, assignment.assessorId, mc, submission, assignment.assignedAt, actor, draw / rate);
  }

  async function drift(repos: Repos, assessorId: string, mc: MicroCredential, windowFrom: string | null): Promise<Drift> {
    const reads = await repos.calibration.lastReads(assessorId, mc.id, windowFrom, mc.policy.validity.window);
    if (reads.length === 0) return { n: 0, measure: null, reads };
    const points = reads[0]!.points;
    const same = reads.filter((r) => r.points === points);
    const stats = levelAgreement(points, same.flatMap((r) => r.levels), same.flatMap((r) => r.masterLevels));
    return { n: reads.length, measure: (mc.policy.calibration.measure === 'exact' ? stats.exact : stats.adjacent).value, reads };
  }

  /**
   * Drift: suspends the qualification, withdraws open validity items and re-routes open reads.
   * An open consensus task is not a read to hand to someone else: the reader who drifted should
   * not settle the final levels, so it escalates to a master rater, as a recusal does.
   */
  async function suspend(tx: Tx, routing: Routing, assessorId: string, mc: MicroCredential, d: Drift): Promise<void> {
    const { repos } = tx;
    const at = ctx.now().toISOString();
    await repos.users.suspend(assessorId, mc.id, at);
    await tx.audit('system', 'qualification.suspended', assessorId, {
      microCredentialId: mc.id, measure: mc.policy.calibration.measure, value: d.measure, passMark: mc.policy.calibration.passMark,
      window: mc.policy.validity.window, readAssignmentIds: d.reads.map((r) => r.assignmentId),
    });
    for (const a of await repos.assignments.openOf(assessorId, mc.id, ['primary', 'second', 'consensus'])) {
      const submission = (await repos.submissions.byId(a.submissionId))!;
      if (a.role === 'consensus') {
        await escalate(tx, submission, at, 'reader_suspended');
        continue;
      }
      await repos.assignments.setState(a.id, 'revoked', await repos.meta.nextChangeSeq());
      if ((await repos.submissions.useOf(a.submissionId))?.purpose === 'copy') {
        await tx.audit('system', 'validity.withdrawn', a.id, { reason: 'qualification_suspended' });
        continue;
      }
      await tx.audit('system', 'assignment.revoked', a.id, { submissionId: a.submissionId, reason: 'qualification_suspended' });
      await routing.route(tx, submission, { actor: 'system', role: a.role });
    }
  }

  /** A review of a validity copy arrived (in its write transaction): store the comparison, then judge drift. */
  async function onRead(tx: Tx, routing: Routing, assignment: AssignmentRecord, review: StoredReview, sourceId: string): Promise<void> {
    const { repos } = tx;
    const master = (await masterReviewOf(repos, sourceId))!;
    const rubric = (await repos.catalog.rubric(review.rubricId, review.rubricVersion))!;
    const submission = (await repos.submissions.byId(review.submissionId))!;
    const mc = (await repos.catalog.microCredential(submission.microCredentialId))!;
    const read: ValidityReadRecord = {
      assignmentId: assignment.id, assessorId: assignment.assessorId, microCredentialId: mc.id, sourceSubmissionId: sourceId, submittedAt: review.receivedAt,
      points: rubric.scale.points, levels: rubric.criteria.map((c) => review.scores[c.id]!), masterLevels: rubric.criteria.map((c) => master.scores[c.id]!),
    };
    await repos.calibration.insertRead(read);
    const wire = toWireRead(read);
    await tx.audit('system', 'validity.read', assignment.id, { assessorId: read.assessorId, microCredentialId: mc.id, sourceSubmissionId: sourceId, exact: wire.exact, adjacent: wire.adjacent });
    const standing = await repos.users.standing(assignment.assessorId, mc.id);
    if (!standing || standing.suspendedAt !== null) return;
    const d = await drift(repos, assignment.assessorId, mc, standing.windowFrom);
    if (d.n >= mc.policy.validity.window && !meetsPassMark({ value: d.measure ?? 0 }, mc.policy.calibration.passMark)) await suspend(tx, routing, assignment.assessorId, mc, d);
  }

  function toWireRead(r: ValidityReadRecord): ValidityRead {
    const stats = levelAgreement(r.points, r.levels, r.masterLevels);
    return {
      assignmentId: r.assignmentId, assessorId: r.assessorId, microCredentialId: r.microCredentialId, sourceSubmissionId: r.sourceSubmissionId,
      submittedAt: r.submittedAt, exact: stats.exact.value, adjacent: stats.adjacent.value, maxDiscrepancy: stats.maxDiscrepancy.value,
    };
  }

  const list = (filter: { assessorId?: string; microCredentialId?: string }): Promise<ValidityReadsResponse> => ctx.read(async (repos) => {
    const reads = await repos.calibration.reads(filter);
    const pairs = [...new Map(reads.map((r) => [`${r.assessorId}\u0000${r.microCredentialId}`, r])).values()];
    const windows = [];
    for (const p of pairs) {
      const mc = (await repos.catalog.microCredential(p.microCredentialId))!;
      const standing = await repos.users.standing(p.assessorId, mc.id);
      const d = await drift(repos, p.assessorId, mc, standing?.windowFrom ?? null);
      windows.push({ assessorId: p.assessorId, microCredentialId: mc.id, n: d.n, measure: d.measure, suspended: standing?.suspendedAt != null });
    }
    return { reads: reads.map(toWireRead), windows };
  });

  return { afterRoute, seed, onRead, list };
}

export type Validity = ReturnType<typeof createValidity>;
