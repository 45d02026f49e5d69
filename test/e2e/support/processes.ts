// Starting and stopping the hub and the web host as child processes, for the e2e suite and
// the UI benchmark. Each process is remembered by pid in a state file so the teardown (in
// another process than the one that started it) can stop exactly those processes.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

/** `output` holds the stdout lines printed before the ready line. */
export type RunningProcess = { pid: number; url: string; output: string[] };

/** A port that was free a moment ago: the hub must come back on the same one after a stop. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** Spawns `node <script> ...args` and resolves with the URL from its first line matching `ready`. */
export function startProcess(script: string, args: string[], ready: RegExp, timeoutMs = 60_000): Promise<RunningProcess> {
  const child = spawn(process.execPath, [join(REPO_ROOT, script), ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: false });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const output: string[] = [];
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`${script} did not start within ${timeoutMs} ms:\n${stderr}`));
    }, timeoutMs);
    let started = false;
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = started ? null : ready.exec(line);
      if (!m) {
        if (!started) output.push(line);
        return;
      }
      started = true;
      clearTimeout(timer);
      // Keep draining output so the child never blocks on a full pipe.
      child.stdout.resume();
      child.unref();
      done({ pid: child.pid as number, url: m[1] as string, output });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${script} exited (${code}) before it was ready:\n${stderr}`));
    });
  });
}

export const HUB_READY = /^Assay hub listening on (http:\/\/\S+)$/;
export const WEB_READY = /^Assay web host listening on (http:\/\/\S+)$/;

export function startHub(port: number, dataDir: string): Promise<RunningProcess> {
  return startProcess('server/main.ts', ['--demo', '--port', String(port), '--data', dataDir], HUB_READY);
}

/** A demo host seeds its hub's past work first: minutes with both cores busy, where a plain host starts in seconds. */
export const DEMO_HOST_START_MS = 300_000;

export function startWebHost(dataDir: string, demo = false): Promise<RunningProcess> {
  return startProcess('electron/web/main.ts', [...(demo ? ['--demo'] : []), '--port', '0', '--data', dataDir], WEB_READY, demo ? DEMO_HOST_START_MS : undefined);
}

export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Stops one process we started (by pid) and waits until it is gone. */
export async function stopProcess(pid: number, timeoutMs = 10_000): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const until = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the renderer when dist/renderer is missing or older than its sources. */
export async function ensureRendererBuilt(): Promise<void> {
  const index = join(REPO_ROOT, 'dist/renderer/index.html');
  const sources = Math.max(newestMtime(join(REPO_ROOT, 'renderer')), newestMtime(join(REPO_ROOT, 'shared')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const vite = join(REPO_ROOT, 'node_modules/vite/bin/vite.js');
  const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: 'inherit' });
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  if (code !== 0) throw new Error(`vite build failed (${code})`);
}

/** What the e2e processes share: written by the global setup, updated when the hub restarts. */
export type E2eState = { root: string; hubPort: number; hubDataDir: string; hubPid: number; hubUrl: string; webPid: number; webUrl: string };

export const STATE_FILE = join(REPO_ROOT, 'test-results/e2e-state.json');

export const readState = (): E2eState => JSON.parse(readFileSync(STATE_FILE, 'utf8')) as E2eState;
export const writeState = (state: E2eState): void => writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
