import { createArtifactIntake } from './artifact-intake.ts';
import { verifyAudit } from './audit.ts';
import type { HubContext } from './context.ts';
import { createIntake } from './intake.ts';
import { createRecusal } from './recusal.ts';
import { createResults } from './results.ts';
import { createReviews } from './reviews.ts';
import { createRouting } from './routing.ts';
import { createSessions } from './sessions.ts';
import { createSync } from './sync.ts';
import { createUserAdmin } from './users.ts';

/** Wires the services together; every audited change runs in ctx.write with its audit events. */
export function createServices(ctx: HubContext) {
  const routing = createRouting(ctx);
  return {
    verifyAudit: () => verifyAudit(ctx),
    listAudit: (after: number, limit: number) => ctx.query((repos) => repos.audit.after(after, limit)),
    userCount: () => ctx.query((repos) => repos.users.count()),
    sessions: createSessions(ctx),
    routing,
    artifacts: createArtifactIntake(ctx),
    intake: createIntake(ctx, routing),
    reviews: createReviews(ctx),
    recusal: createRecusal(ctx, routing),
    sync: createSync(ctx),
    results: createResults(ctx),
    users: createUserAdmin(ctx, routing),
  };
}

export type Services = ReturnType<typeof createServices>;
