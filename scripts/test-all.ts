// The whole test suite, as CI runs it: lint, type-check, unit + integration (Vitest),
// then the browser end-to-end suite (Playwright) when it exists. The hub suite also runs on
// PostgreSQL: without ASSAY_TEST_PG_URL a throwaway cluster is started here for the run
// and removed at the end, signals included.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startPgCluster, TEST_PG_URL_ENV } from '../test/support/postgres.ts';

type Step = { name: string; args: string[] };
const steps: Step[] = [
  { name: 'lint', args: ['node_modules/eslint/bin/eslint.js', '.'] },
  { name: 'typecheck', args: ['scripts/typecheck.ts'] },
  { name: 'vitest', args: ['node_modules/vitest/vitest.mjs', 'run'] },
];
if (existsSync('playwright.config.ts')) steps.push({ name: 'playwright', args: ['node_modules/@playwright/test/cli.js', 'test'] });

const cluster = process.env[TEST_PG_URL_ENV] ? undefined : await startPgCluster();
if (cluster) {
  process.env[TEST_PG_URL_ENV] = cluster.url;
  // startPgCluster removes the cluster on exit; a signal must reach exit first.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => process.exit(130));
}

const failed: string[] = [];
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  const r = spawnSync(process.execPath, step.args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) failed.push(step.name);
}
await cluster?.stop();
console.log(failed.length === 0 ? '\nAll test steps passed.' : `\nFailed steps: ${failed.join(', ')}`);
process.exit(failed.length === 0 ? 0 : 1);
