// `npm start [-- --demo]`: builds what is missing, then runs the app in Electron.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MISSING_ELECTRON_HELP, REPO_ROOT, electronBinary } from './electron-binary.ts';

const VITE = join(REPO_ROOT, 'node_modules/vite/bin/vite.js');

function build(what: string, args: string[]): void {
  console.log(`start: building ${what}…`);
  const r = spawnSync(process.execPath, [VITE, 'build', ...args], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`start: building ${what} failed`);
    process.exit(r.status ?? 1);
  }
}

const binary = electronBinary();
if (binary === null) {
  console.error(MISSING_ELECTRON_HELP);
  process.exit(1);
}
if (!existsSync(join(REPO_ROOT, 'dist/renderer/index.html'))) build('the renderer', []);
if (!existsSync(join(REPO_ROOT, 'dist-electron/main/index.cjs')) || !existsSync(join(REPO_ROOT, 'dist-electron/preload/index.cjs'))) {
  build('the Electron bundles', ['-c', 'vite.electron.config.ts']);
}

const child = spawn(binary, ['.', ...process.argv.slice(2)], { cwd: REPO_ROOT, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
