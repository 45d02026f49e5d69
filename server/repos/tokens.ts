import type { Db } from '../db/open.ts';

export type TokenOwner = { userId: string; username: string; displayName: string; roles: string };

/** Device tokens, stored only as their SHA-256 and looked up by it (primary key). */
export function createTokensRepo(db: Db) {
  const insert = db.prepare('INSERT INTO tokens (token_hash, user_id, device_name, created_at) VALUES (?, ?, ?, ?)');
  const resolve = db.prepare<[string], TokenOwner>(
    `SELECT u.id AS userId, u.username, u.display_name AS displayName, u.roles
     FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND t.revoked_at IS NULL`,
  );
  const revoke = db.prepare('UPDATE tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL');
  return {
    insert(tokenHash: string, userId: string, deviceName: string, at: string): void {
      insert.run(tokenHash, userId, deviceName, at);
    },
    resolve(tokenHash: string): TokenOwner | undefined {
      return resolve.get(tokenHash);
    },
    revoke(tokenHash: string, at: string): boolean {
      return revoke.run(at, tokenHash).changes === 1;
    },
  };
}

export type TokensRepo = ReturnType<typeof createTokensRepo>;
