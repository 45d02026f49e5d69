import { createArtifactStore } from './artifact-store.ts';
import { createAuditAppend, verifyAudit } from './audit.ts';
import type { HubContext } from './context.ts';
import { createIntake } from './intake.ts';
import { createRecusal } from './recusal.ts';
import { createResults } from './results.ts';
import { createReviews } from './reviews.ts';
import { createRouting } from './routing.ts';
import { createSessions } from './sessions.ts';
import { createSync } from './sync.ts';
import { createUserAdmin } from './users.ts';

/** Wires the services together; every audited change shares the one append function. */
export function createServices(ctx: HubContext) {
  const audit = createAuditAppend(ctx);
  const routing = createRouting(ctx, audit);
  return {
    audit,
    verifyAudit: () => verifyAudit(ctx),
    listAudit: (after: number, limit: number) => ctx.repos.audit.after(after, limit),
    sessions: createSessions(ctx, audit),
    routing,
    artifacts: createArtifactStore(ctx, audit),
    intake: createIntake(ctx, audit, routing),
    reviews: createReviews(ctx, audit),
    recusal: createRecusal(ctx, audit, routing),
    sync: createSync(ctx),
    results: createResults(ctx),
    users: createUserAdmin(ctx, audit, routing),
  };
}

export type Services = ReturnType<typeof createServices>;
