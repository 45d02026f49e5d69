import { AsyncLocalStorage } from 'node:async_hooks';
import { randomInt } from 'node:crypto';
import type { AuditEvent } from '../../shared/index.ts';
import type { CheckpointSigner } from '../audit/checkpoints.ts';
import { ErrorCode } from '../../shared/index.ts';
import { isUnavailable } from '../db/dialect.ts';
import type { HubDb } from '../db/open.ts';
import { HubError } from '../http/errors.ts';
import { createRepos, type Repos, type RepoShared } from '../repos/index.ts';
import type { ArtifactStore } from './intake/artifact-store.ts';
import { appendAudit } from './audit/audit.ts';

export type AuditAppend = (actor: string, action: string, subject: string, payload?: Record<string, unknown>) => Promise<AuditEvent>;

/** One write transaction: its repos, and the audit append that commits with them. */
export type Tx = { repos: Repos; audit: AuditAppend };

/** What every service needs: the database, the artifact store and the hub's settings. */
export type HubContext = {
  db: HubDb;
  store: ArtifactStore;
  dataDir: string;
  /** Demo accounts (seeded with the password "demo") may sign in only when this is set. */
  allowDemoAccounts: boolean;
  maxArtifactBytes: number;
  /** The Ed25519 audit key (data folder, 0600) that signs checkpoints of the chain head. */
  auditSigner: CheckpointSigner;
  now: () => Date;
  /** A write transaction (db/open.ts): the change and its audit events commit together or not at all. */
  write<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** A read-only snapshot. */
  read<T>(fn: (repos: Repos) => Promise<T>): Promise<T>;
  /** Single statements, no transaction (a token lookup, one row). */
  query<T>(fn: (repos: Repos) => Promise<T>): Promise<T>;
};

export type ContextSettings = Pick<HubContext, 'db' | 'store' | 'dataDir' | 'allowDemoAccounts' | 'maxArtifactBytes' | 'auditSigner' | 'now'>;

const unavailable = () => new HubError(503, ErrorCode.unavailable, 'the hub database is unavailable or too busy to answer in time; try again shortly', undefined, { 'retry-after': '2' });

/** A database that went away answers 503 unavailable, never 500: the request may simply be retried. */
async function guard<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof HubError) && isUnavailable(err)) throw unavailable();
    throw err;
  }
}

export function createContext(settings: ContextSettings): HubContext {
  const shared: RepoShared = { engine: settings.db.engine, rubricCache: new Map() };
  const pooled = createRepos(settings.db.kysely, shared);
  return {
    ...settings,
    write: (fn) => guard(() => settings.db.write((trx) => {
      const repos = createRepos(trx, shared);
      return fn({ repos, audit: (actor, action, subject, payload) => appendAudit(repos, settings.auditSigner, settings.now, actor, action, subject, payload) });
    })),
    read: (fn) => guard(() => settings.db.read((trx) => fn(createRepos(trx, shared)))),
    query: (fn) => guard(() => fn(pooled)),
  };
}

/** A stream of numbers in [0, 1) that stands in for the system's randomness (server/seed/history). */
const seeded = new AsyncLocalStorage<() => number>();

/**
 * Runs `fn` with every id and random pick the services make drawn from `random`, so seeded
 * demo history gets the same ids (and so the same validity draws) on every run. Outside it,
 * ids and picks come from the system's cryptographic randomness.
 */
export const withSeededRandom = <T>(random: () => number, fn: () => Promise<T>): Promise<T> => seeded.run(random, fn);

/** A whole number from 0 to n − 1. */
export function randomBelow(n: number): number {
  const random = seeded.getStore();
  return random ? Math.floor(random() * n) : randomInt(n);
}

/** A fresh opaque id with a readable prefix, e.g. "asg_Qm9v...". */
export function newId(prefix: string): string {
  const random = seeded.getStore();
  if (!random) return `${prefix}_${crypto.randomUUID().replaceAll('-', '')}`;
  let hex = '';
  while (hex.length < 32) hex += Math.floor(random() * 2 ** 32).toString(16).padStart(8, '0');
  return `${prefix}_${hex}`;
}

export const addDays = (iso: string, days: number): string => new Date(Date.parse(iso) + days * 86_400_000).toISOString();
