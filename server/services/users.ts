import type { Qualification, UserSummary } from '../../shared/index.ts';
import { notFound } from '../http/errors.ts';
import type { AuditAppend } from './audit.ts';
import type { HubContext } from './context.ts';
import type { Routing } from './routing.ts';

export type UserStatus = UserSummary & { active: boolean };

/**
 * Staff account maintenance: activation and qualifications, each change audited. A change
 * that makes an assessor eligible routes the submissions that were waiting for one.
 */
export function createUserAdmin(ctx: HubContext, audit: AuditAppend, routing: Routing) {
  const { repos } = ctx;
  function routeWaiting(actor: string, userId: string): void {
    const user = repos.users.byId(userId)!;
    for (const s of repos.submissions.waiting()) {
      if (routing.exclusion(user, s, repos.submissions.candidate(s.candidateRef)) === null) routing.route(s, { actor });
    }
  }
  const update = ctx.db.transaction((actor: string, userId: string, patch: { active?: boolean }): UserStatus => {
    const user = repos.users.byId(userId);
    if (!user) throw notFound('user');
    if (patch.active !== undefined && patch.active !== user.active) {
      repos.users.setActive(userId, patch.active);
      audit(actor, 'user.updated', userId, { active: patch.active });
      if (patch.active) routeWaiting(actor, userId);
    }
    return { id: user.id, displayName: user.displayName, roles: user.roles, active: patch.active ?? user.active };
  });
  const qualify = ctx.db.transaction((actor: string, userId: string, microCredentialId: string, calibratedUntil: string): Qualification => {
    if (!repos.users.byId(userId)) throw notFound('user');
    if (!repos.catalog.microCredential(microCredentialId)) throw notFound('micro-credential');
    repos.users.setQualification(userId, microCredentialId, calibratedUntil);
    audit(actor, 'qualification.set', userId, { microCredentialId, calibratedUntil });
    routeWaiting(actor, userId);
    return { microCredentialId, calibratedUntil };
  });
  return { update, qualify };
}

export type UserAdmin = ReturnType<typeof createUserAdmin>;
