import { createArtifactIntake } from './intake/artifact-intake.ts';
import { verifyAudit } from './audit/audit.ts';
import { createCredentials, type CredentialSettings } from './credentials/credentials.ts';
import { createDecisions } from './decisions/decisions.ts';
import { createHistory } from './history/history.ts';
import type { HubContext } from './context.ts';
import { createIntake } from './intake/intake.ts';
import { createOpenings } from './review/openings.ts';
import { createRecusal } from './review/recusal.ts';
import { createResults } from './decisions/results.ts';
import { createReviews } from './review/reviews.ts';
import { createRouting } from './review/routing.ts';
import { createSessions } from './accounts/sessions.ts';
import { createSync } from './sync/sync.ts';
import { createUserAdmin } from './accounts/users.ts';

/** Wires the services together; every audited change runs in ctx.write with its audit events. */
export function createServices(ctx: HubContext, credentials: CredentialSettings) {
  const routing = createRouting(ctx);
  return {
    verifyAudit: () => verifyAudit(ctx),
    listAudit: (after: number, limit: number) => ctx.query((repos) => repos.audit.after(after, limit)),
    listCheckpoints: (after: number, limit: number) => ctx.query((repos) => repos.checkpoints.after(after, limit)),
    auditPublicKey: () => ctx.auditSigner.publicJwk,
    userCount: () => ctx.query((repos) => repos.users.count()),
    sessions: createSessions(ctx),
    routing,
    artifacts: createArtifactIntake(ctx),
    intake: createIntake(ctx, routing),
    reviews: createReviews(ctx),
    recusal: createRecusal(ctx, routing),
    sync: createSync(ctx),
    results: createResults(ctx),
    decisions: createDecisions(ctx),
    users: createUserAdmin(ctx, routing),
    credentials: createCredentials(ctx, credentials),
    history: createHistory(ctx),
    openings: createOpenings(ctx),
  };
}

export type Services = ReturnType<typeof createServices>;
