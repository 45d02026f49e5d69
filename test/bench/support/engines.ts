// One loop for the benchmarks that run the same measurement on each engine: `--engines
// sqlite,postgres` (the default), one throwaway PostgreSQL cluster shared by the runs, one
// work folder, both removed whatever happens, and the results written to bench-results/.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../../support/hub.ts';
import { startPgCluster, type PgCluster } from '../../support/postgres.ts';
import { within } from './deadline.ts';
import type { Engine } from './deployment.ts';

export async function onEachEngine<R>(
  name: string, run: (engine: Engine, cluster: PgCluster | undefined, work: string) => Promise<R>, describe: Record<string, unknown>,
): Promise<Record<string, R>> {
  const { values } = parseArgs({ options: { engines: { type: 'string', default: 'sqlite,postgres' } } });
  const engines = values.engines!.split(',') as Engine[];
  const work = mkdtempSync(join(tmpdir(), `assay-${name}-bench-`));
  let cluster: PgCluster | undefined;
  const results: Record<string, R> = {};
  try {
    if (engines.includes('postgres')) cluster = await within('a PostgreSQL cluster to start', 120_000, startPgCluster());
    for (const engine of engines) results[engine] = await run(engine, cluster, work);
  } finally {
    if (cluster) await within('the PostgreSQL cluster to stop', 60_000, cluster.stop());
    rmSync(work, { recursive: true, force: true });
  }
  const out = { at: new Date().toISOString(), machine: { cpus: cpus().length, loadavg: loadavg() }, ...describe, results };
  mkdirSync(join(REPO_ROOT, 'bench-results'), { recursive: true });
  writeFileSync(join(REPO_ROOT, 'bench-results', `${name}.json`), `${JSON.stringify(out, null, 2)}\n`);
  return results;
}
