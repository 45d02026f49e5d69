// One hub deployment for the benchmark: SQLite in a data folder with one hub process, or a
// fresh database on a PostgreSQL cluster with one or more hub processes sharing it and one
// artifact folder. Reads each process's CPU time, the cluster's included.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHub, type RunningHub } from '../../support/hub.ts';
import { createTestDatabase, dropTestDatabase, type PgCluster } from '../../support/postgres.ts';
import { postgresWriter, sqliteWriter, type BulkWriter } from './bulk-writer.ts';
import { processCpuSeconds, treeCpuSeconds } from './cpu-time.ts';
import { within } from './deadline.ts';

export type Engine = 'sqlite' | 'postgres';

export type Deployment = {
  engine: Engine;
  hubs: RunningHub[];
  dataDir: string;
  /** A writer straight onto the hub's database (the history loader). */
  writer(): Promise<BulkWriter>;
  /** Cumulative CPU seconds of every hub process, and of the PostgreSQL cluster (postmaster and all its backends). */
  cpu(): Record<string, number>;
  stop(): Promise<void>;
};

export type DeploymentOptions = { engine: Engine; seed: string; dataDir: string; hubs: number; cluster?: PgCluster };

/** The seed runs in the first process alone; the others join the database it has migrated and seeded. */
const HUB_START_MS = 600_000;

export async function startDeployment(opts: DeploymentOptions): Promise<Deployment> {
  if (opts.engine === 'sqlite' && opts.hubs !== 1) throw new Error('a SQLite hub is one process');
  const cluster = opts.cluster;
  if (opts.engine === 'postgres' && !cluster) throw new Error('a PostgreSQL deployment needs a cluster');
  const dbUrl = cluster ? await createTestDatabase(cluster.url) : null;
  const args = dbUrl ? ['--db', dbUrl] : [];
  const hubs: RunningHub[] = [];
  const stop = async () => {
    for (const hub of hubs.reverse()) await hub.stop();
    if (dbUrl && cluster) await dropTestDatabase(dbUrl, cluster.url);
  };
  try {
    hubs.push(await within(`the first ${opts.engine} hub to seed and listen`, HUB_START_MS, startHub({ seed: opts.seed, dataDir: opts.dataDir, args })));
    for (let i = 1; i < opts.hubs; i++) hubs.push(await within(`${opts.engine} hub ${i + 1} to listen`, 60_000, startHub({ dataDir: opts.dataDir, args })));
  } catch (err) {
    await stop();
    throw err;
  }
  const postmaster = () => Number(readFileSync(join(cluster!.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  return {
    engine: opts.engine,
    hubs,
    dataDir: opts.dataDir,
    writer: () => (dbUrl ? postgresWriter(dbUrl) : Promise.resolve(sqliteWriter(join(opts.dataDir, 'hub.db')))),
    cpu: () => ({
      ...Object.fromEntries(hubs.map((h, i) => [`hub${i + 1}`, processCpuSeconds(h.pid)])),
      ...(cluster ? { postgres: treeCpuSeconds(postmaster()) } : {}),
    }),
    stop,
  };
}
