// Type-checks each tsconfig project on its own, so the process boundaries (shared/ without
// Node or DOM, renderer/ without Node) are enforced by the compiler as well as by lint.
import { spawnSync } from 'node:child_process';

const projects = ['shared', 'renderer', 'node', 'electron', 'test'];
let failed = false;
for (const p of projects) {
  const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', `tsconfig.${p}.json`], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`typecheck: tsconfig.${p}.json failed`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
