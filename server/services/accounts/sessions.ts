import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ErrorCode, type Role, type SignInRequest, type SignInResponse } from '../../../shared/index.ts';
import { HubError } from '../../http/errors.ts';
import type { Caller } from '../../http/router.ts';
import type { HubContext } from '../context.ts';
import { UNUSABLE_HASH, verifyPassword } from './passwords.ts';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

const refused = () => new HubError(401, ErrorCode.unauthorized, 'wrong username or password');

/** Sign-in, sign-out and bearer-token resolution; tokens are read from the database on every request. */
export function createSessions(ctx: HubContext) {
  return {
    async signIn(req: SignInRequest): Promise<SignInResponse> {
      const user = await ctx.query((repos) => repos.users.byUsername(req.username));
      const matches = await verifyPassword(req.password, user?.passwordHash ?? UNUSABLE_HASH);
      // Demo accounts share a published password: they only open on a hub started in demo mode.
      // A deactivated account gets no new session (existing ones may still deliver written reviews).
      if (!user || !matches || !user.active || (user.demo && !ctx.allowDemoAccounts)) throw refused();
      const token = randomBytes(32).toString('base64url');
      await ctx.write(async ({ repos, audit }) => {
        await repos.tokens.insert(hashToken(token), user.id, req.deviceName, ctx.now().toISOString());
        await audit(user.id, 'session.created', user.id, { deviceName: req.deviceName });
      });
      return { token, user: { id: user.id, displayName: user.displayName, roles: user.roles } };
    },
    signOut: (caller: Caller): Promise<void> => ctx.write(async ({ repos, audit }) => {
      if (await repos.tokens.revoke(caller.tokenHash, ctx.now().toISOString())) await audit(caller.userId, 'session.revoked', caller.userId, {});
    }),
    async authenticate(req: IncomingMessage): Promise<Caller | null> {
      const m = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(req.headers.authorization ?? '');
      if (!m) return null;
      const tokenHash = hashToken(m[1] as string);
      const owner = await ctx.query((repos) => repos.tokens.resolve(tokenHash));
      if (!owner) return null;
      return { userId: owner.userId, username: owner.username, displayName: owner.displayName, roles: JSON.parse(owner.roles) as Role[], tokenHash };
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
