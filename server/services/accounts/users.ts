import type { Qualification, UserSummary } from '../../../shared/index.ts';
import { notFound } from '../../http/errors.ts';
import type { HubContext, Tx } from '../context.ts';
import type { Routing } from '../review/routing.ts';

export type UserStatus = UserSummary & { active: boolean };

/** Routes the waiting submissions this (newly eligible) assessor may take. */
export async function routeWaitingFor(routing: Routing, tx: Tx, actor: string, userId: string): Promise<void> {
  const { repos } = tx;
  const user = (await repos.users.byId(userId))!;
  for (const s of await repos.submissions.waiting()) {
    if ((await routing.exclusion(repos, user, s, await repos.submissions.candidate(s.candidateRef))) === null) await routing.route(tx, s, { actor });
  }
}

/**
 * Staff account maintenance: activation and qualifications, each change audited. A change
 * that makes an assessor eligible routes the submissions that were waiting for one.
 */
export function createUserAdmin(ctx: HubContext, routing: Routing) {
  const routeWaiting = (tx: Tx, actor: string, userId: string) => routeWaitingFor(routing, tx, actor, userId);
  const update = (actor: string, userId: string, patch: { active?: boolean }): Promise<UserStatus> => ctx.write(async (tx) => {
    const user = await tx.repos.users.byId(userId);
    if (!user) throw notFound('user');
    if (patch.active !== undefined && patch.active !== user.active) {
      await tx.repos.users.setActive(userId, patch.active);
      await tx.audit(actor, 'user.updated', userId, { active: patch.active });
      if (patch.active) await routeWaiting(tx, actor, userId);
    }
    return { id: user.id, displayName: user.displayName, roles: user.roles, active: patch.active ?? user.active };
  });
  const qualify = (actor: string, userId: string, microCredentialId: string, calibratedUntil: string): Promise<Qualification> => ctx.write(async (tx) => {
    if (!(await tx.repos.users.byId(userId))) throw notFound('user');
    if (!(await tx.repos.catalog.microCredential(microCredentialId))) throw notFound('micro-credential');
    await tx.repos.users.setQualification(userId, microCredentialId, calibratedUntil);
    await tx.audit(actor, 'qualification.set', userId, { microCredentialId, calibratedUntil });
    await routeWaiting(tx, actor, userId);
    return { microCredentialId, calibratedUntil };
  });
  return { update, qualify };
}

export type UserAdmin = ReturnType<typeof createUserAdmin>;
