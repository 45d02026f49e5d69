import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ErrorCode, type Role, type SignInRequest, type SignInResponse } from '../../shared/index.ts';
import { HubError } from '../http/errors.ts';
import type { Caller } from '../http/router.ts';
import type { AuditAppend } from './audit.ts';
import type { HubContext } from './context.ts';
import { UNUSABLE_HASH, verifyPassword } from './passwords.ts';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

const refused = () => new HubError(401, ErrorCode.unauthorized, 'wrong username or password');

/** Sign-in, sign-out and bearer-token resolution. */
export function createSessions(ctx: HubContext, audit: AuditAppend) {
  const { repos } = ctx;
  const issue = ctx.db.transaction((userId: string, deviceName: string): string => {
    const token = randomBytes(32).toString('base64url');
    repos.tokens.insert(hashToken(token), userId, deviceName, ctx.now().toISOString());
    audit(userId, 'session.created', userId, { deviceName });
    return token;
  });
  const revoke = ctx.db.transaction((caller: Caller) => {
    if (repos.tokens.revoke(caller.tokenHash, ctx.now().toISOString())) audit(caller.userId, 'session.revoked', caller.userId, {});
  });
  return {
    async signIn(req: SignInRequest): Promise<SignInResponse> {
      const user = repos.users.byUsername(req.username);
      const matches = await verifyPassword(req.password, user?.passwordHash ?? UNUSABLE_HASH);
      // Demo accounts share a published password: they only open on a hub started in demo mode.
      // A deactivated account gets no new session (existing ones may still deliver written reviews).
      if (!user || !matches || !user.active || (user.demo && !ctx.allowDemoAccounts)) throw refused();
      const token = issue(user.id, req.deviceName);
      return { token, user: { id: user.id, displayName: user.displayName, roles: user.roles } };
    },
    signOut(caller: Caller): void {
      revoke(caller);
    },
    authenticate(req: IncomingMessage): Caller | null {
      const m = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(req.headers.authorization ?? '');
      if (!m) return null;
      const tokenHash = hashToken(m[1] as string);
      const owner = repos.tokens.resolve(tokenHash);
      if (!owner) return null;
      return { userId: owner.userId, username: owner.username, displayName: owner.displayName, roles: JSON.parse(owner.roles) as Role[], tokenHash };
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
