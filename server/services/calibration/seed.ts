import { randomUUID } from 'node:crypto';
import type { ReviewBody } from '../../../shared/index.ts';
import { HubError } from '../../http/errors.ts';
import type { SeedArtifact, SeedCalibration } from '../../seed/manifest.ts';
import type { HubContext } from '../context.ts';
import type { Intake } from '../intake/intake.ts';
import type { Reviews } from '../review/reviews.ts';
import type { Calibration } from './index.ts';
import { masterReviewOf } from './sets.ts';

const ACTOR = 'system';

type Services = { intake: Intake; reviews: Reviews; calibration: Calibration };

async function put(services: Services, userId: string, body: ReviewBody, what: string): Promise<void> {
  try {
    await services.reviews.put(userId, randomUUID(), body);
  } catch (err) {
    if (err instanceof HubError) throw new Error(`seed: ${what} was refused (${err.code}): ${err.message} ${JSON.stringify(err.details ?? '')}`, { cause: err });
    throw err;
  }
}

/**
 * The manifest's calibration section through the live services, in order: items through
 * intake, sets (master assignments routed for real) with their master reviews, published
 * when asked; completed attempts; validity items beside an assessor's live work.
 */
export async function seedCalibration(
  ctx: HubContext, services: Services, cal: SeedCalibration, storeArtifacts: (candidateRef: string, artifacts: readonly SeedArtifact[]) => Promise<string[]>,
): Promise<void> {
  const userId = async (username: string) => {
    const u = await ctx.query((repos) => repos.users.byUsername(username));
    if (!u) throw new Error(`seed: no user ${username}`);
    return u.id;
  };
  for (const item of cal.items) {
    const artifactIds = await storeArtifacts(item.candidateRef, item.artifacts);
    await services.intake.intake(
      { candidateRef: item.candidateRef, microCredentialId: item.microCredentialId, reflection: item.reflection, artifactIds, purpose: 'calibration' },
      { actor: ACTOR, id: item.id },
    );
  }
  for (const s of cal.sets) {
    const { set } = await services.calibration.sets.create(ACTOR, { id: s.id, microCredentialId: s.microCredentialId, title: s.title, submissionIds: s.submissionIds });
    for (const entry of set.items) {
      const review = cal.items.find((i) => i.id === entry.submissionId)?.masterReview;
      if (!review) continue;
      if (!entry.masterAssignmentId) throw new Error(`seed: calibration item ${entry.submissionId} has a masterReview but no eligible master rater`);
      const a = (await ctx.query((repos) => repos.assignments.byId(entry.masterAssignmentId!)))!;
      const sub = (await ctx.query((repos) => repos.submissions.byId(entry.submissionId)))!;
      await put(services, a.assessorId, {
        assignmentId: a.id, rubricId: sub.rubricId, rubricVersion: sub.rubricVersion, scores: review.scores, criterionFeedback: review.criterionFeedback,
        overallFeedback: review.overallFeedback, notes: [], timeSpentSec: review.timeSpentSec, criterionRationale: review.criterionRationale,
      }, `the master review of ${entry.submissionId}`);
    }
    if (s.publish) await services.calibration.sets.publish(ACTOR, s.id);
  }
  for (const a of cal.attempts) {
    const assessorId = await userId(a.username);
    const attempt = await services.calibration.attempts.start(assessorId, a.microCredentialId);
    for (const assignmentId of attempt.assignmentIds) {
      const body = await ctx.read(async (repos) => {
        const copy = (await repos.submissions.byId((await repos.assignments.byId(assignmentId))!.submissionId))!;
        const master = (await masterReviewOf(repos, (await repos.submissions.useOf(copy.id))!.sourceSubmissionId!))!;
        const rubric = (await repos.catalog.rubric(copy.rubricId, copy.rubricVersion))!;
        const clamp = (n: number) => Math.min(rubric.scale.points, Math.max(1, n));
        return {
          assignmentId, rubricId: copy.rubricId, rubricVersion: copy.rubricVersion,
          scores: Object.fromEntries(rubric.criteria.map((c) => [c.id, clamp(master.scores[c.id]! + a.offset)])),
          criterionFeedback: Object.fromEntries(rubric.criteria.map((c) => [c.id, a.feedback])), overallFeedback: a.feedback, notes: [], timeSpentSec: 900,
        } satisfies ReviewBody;
      });
      await put(services, assessorId, body, `a calibration review of ${a.username}`);
    }
  }
  for (const v of cal.validity) {
    const assessorId = await userId(v.username);
    await ctx.write(async (tx) => {
      const mc = (await tx.repos.catalog.microCredential(v.microCredentialId))!;
      const open = (await tx.repos.assignments.openOf(assessorId, mc.id, ['primary'])).at(-1);
      const like = open && (await tx.repos.submissions.byId(open.submissionId));
      if (!like) throw new Error(`seed: ${v.username} has no live work on ${mc.id} for a validity item to join`);
      // The first item of the manifest's published set, even when older sets (demo history) come first.
      const anchor = cal.sets.find((s) => s.publish && s.microCredentialId === mc.id)?.submissionIds[0];
      const copy = await services.calibration.validity.seed(tx, assessorId, mc, like, open.assignedAt, ACTOR, anchor ? { itemId: anchor } : 0);
      if (!copy) throw new Error(`seed: no published item for ${v.username}'s validity item`);
    });
  }
}
