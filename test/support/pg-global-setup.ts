// Vitest global setup of the PostgreSQL hub project: uses the cluster named by
// ASSAY_TEST_PG_URL (npm test starts one), or starts a throwaway one for this run. No
// cluster and none can be started: the run fails here, loudly, rather than skip.
import { startPgCluster, TEST_PG_URL_ENV, type PgCluster } from './postgres.ts';

let cluster: PgCluster | undefined;

export async function setup(): Promise<void> {
  if (process.env[TEST_PG_URL_ENV]) return;
  cluster = await startPgCluster();
  process.env[TEST_PG_URL_ENV] = cluster.url;
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
}
