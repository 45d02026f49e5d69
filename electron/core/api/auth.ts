import type { UserSummary } from '../../../shared/index.ts';
import { createHubClient, type HubClient } from '../hub-client/hub-client.ts';
import type { SecretStore } from '../ports.ts';
import type { Store } from '../store/types.ts';

/** The name the bearer token is kept under in the SecretStore (never in settings or SQLite). */
export const TOKEN_SECRET = 'hubToken';

export type Signed = { hubUrl: string; token: string; user: UserSummary };

/**
 * Who this device is signed in as, in memory: the session row from the store plus the
 * token from the secret store. Everything that talks to the hub asks here for its client.
 */
export async function createAuth(store: Store, secrets: SecretStore, timeoutMs: number) {
  let current: Signed | null = null;
  let client: HubClient | null = null;
  const session = store.session.get();
  const token = session ? await secrets.get(TOKEN_SECRET) : null;
  if (session && token) current = { hubUrl: session.hubUrl, token, user: session.user };

  return {
    current: (): Signed | null => current,
    client(): HubClient | null {
      if (!current) return null;
      client ??= createHubClient({ hubUrl: current.hubUrl, token: current.token, timeoutMs });
      return client;
    },
    /** A client for a hub we are not signed in to yet (sign-in itself). */
    anonymous: (hubUrl: string): HubClient => createHubClient({ hubUrl, timeoutMs }),
    async set(next: Signed): Promise<void> {
      await secrets.set(TOKEN_SECRET, next.token);
      current = next;
      client = null;
    },
    /** Forgets the token first, so "signed out" is only ever reported once it is gone. */
    async clear(): Promise<void> {
      try {
        await secrets.delete(TOKEN_SECRET);
      } finally {
        // Even when the keychain fails, this process stops using the token.
        current = null;
        client = null;
      }
    },
  };
}

export type Auth = Awaited<ReturnType<typeof createAuth>>;
