import type { Db } from '../db/open.ts';
import type { Repos } from '../repos/index.ts';

/** What every service needs: the database, its repos, the data folder and the hub's settings. */
export type HubContext = {
  db: Db;
  repos: Repos;
  dataDir: string;
  /** Demo accounts (seeded with the password "demo") may sign in only when this is set. */
  allowDemoAccounts: boolean;
  maxArtifactBytes: number;
  now: () => Date;
};

/** A fresh opaque id with a readable prefix, e.g. "asg_Qm9v...". */
export function newId(prefix: string): string {
  return `${prefix}_${crypto.randomUUID().replaceAll('-', '')}`;
}

export const addDays = (iso: string, days: number): string => new Date(Date.parse(iso) + days * 86_400_000).toISOString();
