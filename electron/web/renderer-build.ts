import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(import.meta.dirname, '../..');

/**
 * A fresh checkout has no built UI yet: build it once (vite) so `npm run web` works with
 * no other step. Returns false, having said why, when the build fails.
 */
export function ensureRendererBuilt(rendererRoot: string): boolean {
  if (existsSync(join(rendererRoot, 'index.html'))) return true;
  console.log('Building the workstation UI (first run)…');
  const vite = join(REPO_ROOT, 'node_modules/vite/bin/vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (r.status !== 0) console.error('Building the workstation UI failed; run `npm run build:renderer` to see why.');
  return r.status === 0;
}
