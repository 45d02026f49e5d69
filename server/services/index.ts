import { createArtifactIntake } from './intake/artifact-intake.ts';
import { verifyAudit } from './audit/audit.ts';
import { createCredentials, type CredentialSettings } from './credentials/credentials.ts';
import { createDecisions } from './decisions/decisions.ts';
import { createHistory } from './history/history.ts';
import type { HubContext } from './context.ts';
import { createIntake } from './intake/intake.ts';
import { createOpenings } from './review/openings.ts';
import { createReassignment } from './review/reassign.ts';
import { createRecusal } from './review/recusal.ts';
import { createResults } from './decisions/results.ts';
import { createReviews } from './review/reviews.ts';
import { createRouting } from './review/routing.ts';
import { createDoubleScoring } from './scoring/index.ts';
import { createSessions } from './accounts/sessions.ts';
import { createSync } from './sync/sync.ts';
import { createUserAdmin } from './accounts/users.ts';
import { createCalibration } from './calibration/index.ts';
import { createValidity } from './calibration/validity.ts';
import { createReliability } from './reports/reliability.ts';
import { createTurnaround } from './reports/turnaround.ts';

/** Wires the services together; every audited change runs in ctx.write with its audit events. */
export function createServices(ctx: HubContext, credentials: CredentialSettings) {
  const validity = createValidity(ctx);
  const routing = createRouting(ctx, validity.afterRoute);
  const scoring = createDoubleScoring(ctx, routing);
  const calibration = createCalibration(ctx, routing, validity);
  return {
    verifyAudit: () => verifyAudit(ctx),
    listAudit: (after: number, limit: number) => ctx.query((repos) => repos.audit.after(after, limit)),
    listCheckpoints: (after: number, limit: number) => ctx.query((repos) => repos.checkpoints.after(after, limit)),
    auditPublicKey: () => ctx.auditSigner.publicJwk,
    userCount: () => ctx.query((repos) => repos.users.count()),
    sessions: createSessions(ctx),
    routing,
    artifacts: createArtifactIntake(ctx),
    intake: createIntake(ctx, routing, scoring),
    reviews: createReviews(ctx, scoring, calibration.afterReview),
    recusal: createRecusal(ctx, routing, scoring, calibration.sets),
    calibration,
    sync: createSync(ctx, scoring.escalateDue),
    results: createResults(ctx),
    decisions: createDecisions(ctx),
    users: createUserAdmin(ctx, routing),
    scoring,
    credentials: createCredentials(ctx, credentials),
    history: createHistory(ctx),
    openings: createOpenings(ctx),
    reports: { reliability: createReliability(ctx), turnaround: createTurnaround(ctx) },
    reassignment: createReassignment(ctx, routing),
  };
}

export type Services = ReturnType<typeof createServices>;
