import { ErrorCode, type CalibrationAttempt } from '../../../shared/index.ts';
import { conflict, invalid, notFound } from '../../http/errors.ts';
import type { AttemptRecord } from '../../repos/calibration.ts';
import type { Repos } from '../../repos/index.ts';
import { newId, randomBelow, type HubContext, type Tx } from '../context.ts';
import { copyItemFor } from './copies.ts';
import { scoreAttempt, type ScoredPair } from './scoring.ts';
import { masterReviewOf } from './sets.ts';

/** Who reads attempts: their own assessor, or staff and master raters (everyone's). */
export type AttemptReader = { userId: string; seesAll: boolean };

/** Runs after a passed attempt requalifies an assessor (routing work that waited for one). */
export type OnRequalified = (tx: Tx, actor: string, userId: string) => Promise<void>;

const HOUR_MS = 3_600_000;

const shuffled = <T>(xs: readonly T[]): T[] => {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomBelow(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

async function toWireAttempt(repos: Repos, a: AttemptRecord): Promise<CalibrationAttempt> {
  const wire: CalibrationAttempt = {
    id: a.id, assessorId: a.assessorId, microCredentialId: a.microCredentialId, state: a.state,
    assignmentIds: await repos.calibration.assignmentsOf(a.id), startedAt: a.startedAt,
  };
  // Master levels and rationales exist on an attempt only once it is complete (blindness).
  if (a.completedAt === null || a.outcome === null) return wire;
  return { ...wire, completedAt: a.completedAt, ...a.outcome };
}

/**
 * Calibration attempts: `itemsPerAttempt` copies of published items (unseen ones first),
 * scored as ordinary reviews, judged against the master reviews when the last one arrives.
 */
export function createAttempts(ctx: HubContext, onRequalified: OnRequalified) {
  const start = (userId: string, microCredentialId: string): Promise<CalibrationAttempt> => ctx.write(async (tx) => {
    const { repos } = tx;
    const mc = await repos.catalog.microCredential(microCredentialId);
    if (!mc) throw invalid('unknown micro-credential', [{ path: 'microCredentialId', message: 'no such micro-credential' }]);
    const policy = mc.policy.calibration;
    const earlier = await repos.calibration.attempts({ assessorId: userId, microCredentialId });
    const open = earlier.find((a) => a.state === 'open');
    if (open) throw conflict(ErrorCode.attemptOpen, 'an attempt for this micro-credential is still open; finish it first', { attemptId: open.id });
    const last = earlier.filter((a) => a.completedAt !== null).at(-1);
    const now = ctx.now();
    if (last) {
      const retryAfter = Date.parse(last.completedAt!) + policy.retakeAfterHours * HOUR_MS;
      if (retryAfter > now.getTime()) {
        throw conflict(ErrorCode.retakeTooSoon, `a new attempt may start ${policy.retakeAfterHours} hours after the last one`, { retryAfter: new Date(retryAfter).toISOString() });
      }
    }
    const seen = await repos.submissions.itemsSeenBy(userId);
    const published = await repos.calibration.publishedItems(microCredentialId);
    const chosen = [...shuffled(published.filter((id) => !seen.has(id))), ...shuffled(published.filter((id) => seen.has(id)))].slice(0, policy.itemsPerAttempt);
    if (chosen.length < policy.itemsPerAttempt) {
      throw conflict(ErrorCode.notReady, 'not enough published calibration items for an attempt yet', { available: published.length, needed: policy.itemsPerAttempt });
    }
    const startedAt = now.toISOString();
    const assignmentIds: string[] = [];
    for (const id of chosen) {
      const item = (await repos.submissions.byId(id))!;
      const { assignment } = await copyItemFor(tx, item, {
        like: item, assessorId: userId, role: 'calibration', assignedAt: startedAt, submittedAt: startedAt, slaDays: mc.policy.slaDays, actor: userId, rule: 'calibration_attempt',
      });
      assignmentIds.push(assignment.id);
    }
    const attempt: AttemptRecord = { id: newId('catt'), assessorId: userId, microCredentialId, state: 'open', startedAt, completedAt: null, outcome: null };
    await repos.calibration.insertAttempt(attempt, assignmentIds);
    await tx.audit(userId, 'calibration.attempt_started', attempt.id, { microCredentialId, assignmentIds, sourceSubmissionIds: chosen });
    return toWireAttempt(repos, attempt);
  });

  /** A review of one of the attempt's items arrived (in its write transaction): score once every item is in. */
  async function onReview(tx: Tx, attemptId: string): Promise<void> {
    const { repos } = tx;
    const attempt = (await repos.calibration.attempt(attemptId))!;
    if (attempt.state !== 'open') return;
    const pairs: ScoredPair[] = [];
    for (const assignmentId of await repos.calibration.assignmentsOf(attemptId)) {
      const review = (await repos.reviews.byAssignment(assignmentId))?.review;
      if (!review) return;
      const source = (await repos.submissions.useOf(review.submissionId))!.sourceSubmissionId!;
      pairs.push({ submissionId: review.submissionId, review, master: (await masterReviewOf(repos, source))! });
    }
    const mc = (await repos.catalog.microCredential(attempt.microCredentialId))!;
    const first = pairs[0]!.review;
    const rubric = (await repos.catalog.rubric(first.rubricId, first.rubricVersion))!;
    const { agreement, items, passed } = scoreAttempt(rubric, pairs, mc.policy.calibration);
    const completedAt = ctx.now().toISOString();
    const before = await repos.users.standing(attempt.assessorId, attempt.microCredentialId);
    let calibratedUntil = before?.calibratedUntil;
    if (passed) {
      calibratedUntil = new Date(Date.parse(completedAt) + mc.policy.calibration.validityDays * 86_400_000).toISOString();
      await repos.users.requalify(attempt.assessorId, attempt.microCredentialId, calibratedUntil, completedAt);
    }
    const outcome = { agreement, items, ...(calibratedUntil ? { qualification: { microCredentialId: attempt.microCredentialId, calibratedUntil } } : {}) };
    await repos.calibration.completeAttempt({ ...attempt, state: passed ? 'passed' : 'failed', completedAt, outcome });
    await tx.audit('system', passed ? 'calibration.attempt_passed' : 'calibration.attempt_failed', attempt.id, {
      assessorId: attempt.assessorId, microCredentialId: attempt.microCredentialId, completedAt, measure: mc.policy.calibration.measure, passMark: mc.policy.calibration.passMark,
      maxDiscrepancyAllowed: mc.policy.calibration.maxDiscrepancy, agreement, ...(passed ? { calibratedUntil } : {}),
    });
    if (passed) {
      await tx.audit('system', 'qualification.set', attempt.assessorId, { microCredentialId: attempt.microCredentialId, calibratedUntil, reason: 'calibration_passed', attemptId });
      if (before?.suspendedAt) {
        await tx.audit('system', 'qualification.reinstated', attempt.assessorId, { microCredentialId: attempt.microCredentialId, suspendedAt: before.suspendedAt, attemptId });
      }
      await onRequalified(tx, 'system', attempt.assessorId);
    }
  }

  const visible = (reader: AttemptReader, a: AttemptRecord | undefined): a is AttemptRecord => a !== undefined && (reader.seesAll || a.assessorId === reader.userId);

  return {
    start,
    onReview,
    get: (reader: AttemptReader, id: string) => ctx.read(async (repos) => {
      const a = await repos.calibration.attempt(id);
      // Another assessor's attempt is not confirmed to exist.
      if (!visible(reader, a)) throw notFound('calibration attempt');
      return toWireAttempt(repos, a);
    }),
    list: (reader: AttemptReader, filter: { microCredentialId?: string; assessorId?: string }) => ctx.read(async (repos) => {
      const assessorId = reader.seesAll ? filter.assessorId : reader.userId;
      const out: CalibrationAttempt[] = [];
      for (const a of await repos.calibration.attempts({ assessorId, microCredentialId: filter.microCredentialId })) out.push(await toWireAttempt(repos, a));
      return out;
    }),
  };
}

export type Attempts = ReturnType<typeof createAttempts>;
