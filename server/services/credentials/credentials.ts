import { ErrorCode, OPEN_STATES, type AssignmentRole, type CredentialResponse, type IssuerJwks } from '../../../shared/index.ts';
import type { CredentialSigner } from '../../credentials/issuer-key.ts';
import { REDACTED } from '../../credentials/evidence.ts';
import { buildOpenBadgeCredential, type IssuerProfileConfig } from '../../credentials/open-badge.ts';
import { conflict, HubError, notFound } from '../../http/errors.ts';
import type { HubContext } from '../context.ts';

/** Reads that can still change a decision once made: while one is open, the decision is not final. */
const RESOLVING_ROLES: readonly AssignmentRole[] = ['second', 'adjudication', 'consensus'];

export type CredentialSettings = {
  issuer: IssuerProfileConfig;
  /** Resolves once the hub knows the URL it serves the JWKS at (the kid names it). */
  signer: Promise<CredentialSigner>;
};

/**
 * Open Badges 3.0 credentials for earned final decisions (issue #12). Nothing is stored: the
 * credential is rebuilt from the decision each time, with name-based ids, so asking twice gives
 * the same credential; the JWT differs only if the issuer key or its URL changed.
 */
export function createCredentials(ctx: HubContext, settings: CredentialSettings) {
  const credential = (submissionId: string): Promise<CredentialResponse> => ctx.read(async (repos) => {
    const submission = await repos.submissions.byId(submissionId);
    if (!submission) throw notFound('submission');
    const decision = await repos.decisions.of(submissionId);
    if (!decision) throw conflict(ErrorCode.notFinal, 'the submission has no final decision yet');
    const pending = (await repos.assignments.ofSubmission(submissionId)).filter((a) => RESOLVING_ROLES.includes(a.role) && OPEN_STATES.includes(a.state));
    if (pending.length > 0) throw conflict(ErrorCode.notFinal, 'the decision is waiting for its resolution', { pendingRoles: [...new Set(pending.map((a) => a.role))] });
    if (decision.decision !== 'earned') throw conflict(ErrorCode.notEarned, 'the final decision is "not yet": there is no credential to issue', { decision: decision.decision });
    const recipient = await repos.recipients.of(submissionId);
    if (!recipient) throw new HubError(422, ErrorCode.noRecipient, 'intake gave no recipient for this submission, so the credential has nobody to name');
    const mc = await repos.catalog.microCredential(decision.microCredentialId);
    const rubric = await repos.catalog.rubric(decision.rubricId, decision.rubricVersion);
    // The candidate's feedback is the final result's: a resolution's (agreed, adjudicated or by
    // consensus; its source may be no review at all) or else the deciding review's.
    const final = (await repos.scoring.resolution(submissionId))?.final;
    const criterionFeedback = final?.criterionFeedback ?? (await repos.reviews.byId(decision.reviewId))?.review.criterionFeedback;
    if (!mc || !rubric || !criterionFeedback) throw notFound('decision record');
    // Feedback may name the evidence by id; the ids of this attempt's files go, whatever their form.
    const artifactIds = (await repos.artifacts.ofSubmission(submissionId)).map((a) => a.id);
    const feedback = Object.fromEntries(Object.entries(criterionFeedback)
      .map(([id, text]) => [id, artifactIds.reduce((out, artifactId) => out.replaceAll(artifactId, REDACTED), text)]));
    const built = buildOpenBadgeCredential({
      decisionId: submissionId,
      candidateSeed: submission.candidateRef,
      recipient,
      microCredential: { id: mc.id, title: mc.title, competency: mc.competency, validForDays: mc.validForDays },
      rubric,
      levels: decision.levels,
      feedback,
      issuer: settings.issuer,
      decidedAt: decision.decidedAt,
    });
    if (!built.ok) throw new HubError(500, ErrorCode.internal, built.error.message, built.error.details);
    return { credential: built.value, jwt: await (await settings.signer).sign(built.value) };
  });
  return {
    credential,
    jwks: async (): Promise<IssuerJwks> => (await settings.signer).jwks(),
  };
}

export type Credentials = ReturnType<typeof createCredentials>;
