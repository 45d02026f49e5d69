import type { Executor } from '../db/open.ts';

export type TokenOwner = { userId: string; username: string; displayName: string; roles: string };

/**
 * Device tokens, stored only as their SHA-256 and looked up by it (primary key) on every
 * request: no process keeps a copy, so a sign-out on one hub process holds on all.
 */
export function createTokensRepo(db: Executor) {
  return {
    async insert(tokenHash: string, userId: string, deviceName: string, at: string): Promise<void> {
      await db.insertInto('tokens').values({ token_hash: tokenHash, user_id: userId, device_name: deviceName, created_at: at, revoked_at: null }).execute();
    },
    async resolve(tokenHash: string): Promise<TokenOwner | undefined> {
      return db.selectFrom('tokens as t').innerJoin('users as u', 'u.id', 't.user_id')
        .select(['u.id as userId', 'u.username', 'u.display_name as displayName', 'u.roles'])
        .where('t.token_hash', '=', tokenHash).where('t.revoked_at', 'is', null).executeTakeFirst();
    },
    async revoke(tokenHash: string, at: string): Promise<boolean> {
      const r = await db.updateTable('tokens').set({ revoked_at: at }).where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}

export type TokensRepo = ReturnType<typeof createTokensRepo>;
