// The whole test suite, as CI runs it: lint, type-check, unit + integration (Vitest),
// then the browser end-to-end suite (Playwright) when it exists.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

type Step = { name: string; args: string[] };
const steps: Step[] = [
  { name: 'lint', args: ['node_modules/eslint/bin/eslint.js', '.'] },
  { name: 'typecheck', args: ['scripts/typecheck.ts'] },
  { name: 'vitest', args: ['node_modules/vitest/vitest.mjs', 'run'] },
];
if (existsSync('playwright.config.ts')) steps.push({ name: 'playwright', args: ['node_modules/@playwright/test/cli.js', 'test'] });

const failed: string[] = [];
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  const r = spawnSync(process.execPath, step.args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) failed.push(step.name);
}
console.log(failed.length === 0 ? '\nAll test steps passed.' : `\nFailed steps: ${failed.join(', ')}`);
process.exit(failed.length === 0 ? 0 : 1);
