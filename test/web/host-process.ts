// `npm run web` as a child process for tests: started as a user starts it, optionally under a
// parent that never reaps it (so a SIGKILLed host stays a zombie, as it can in real life),
// with every process it made killed when the test file ends.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { afterAll } from 'vitest';
import { DEFAULT_RENDERER_ROOT } from '../../electron/web/host.ts';
import { ensureRendererBuilt } from '../../electron/web/renderer-build.ts';
import { REPO_ROOT } from '../support/hub.ts';

export type HostReady = { url: string; origin: string; token: string; hubUrl: string | null; hubPid: number | null };

export type HostProcess = {
  /** The web host's own pid (not the wrapper's, when unreaped). */
  pid: number;
  /** Resolves once the host listens; rejects with its stderr when it exits first. */
  ready: Promise<HostReady>;
  /** The exit code of the process this test spawned (the wrapper's, when unreaped). */
  exited: Promise<number | null>;
  stderr(): string;
  /** Kills the host and its wrapper outright. */
  kill(): void;
};

const spawned = new Set<ChildProcess>();
const hostPids = new Set<number>();
const kill = (pid: number) => {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Gone already.
  }
};
afterAll(() => {
  for (const pid of hostPids) kill(pid);
  for (const child of spawned) child.kill('SIGKILL');
});

/** The UI is built once up front, so hosts started together do not all build it at once. */
export function buildRendererOnce(): void {
  if (!ensureRendererBuilt(DEFAULT_RENDERER_ROOT)) throw new Error('the renderer build failed');
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The process state letter from /proc (R, S, Z for a zombie, ...), or null once it is gone. */
export function processState(pid: number): string | null {
  try {
    return /\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1] ?? null;
  } catch {
    return null;
  }
}

/**
 * Starts `node electron/web/main.ts ...args`. With `unreaped`, a shell starts it in the
 * background and then becomes `sleep`, which never waits for children: once killed, the
 * host stays a zombie until the test ends.
 */
export function startHost(args: string[], opts: { unreaped?: boolean } = {}): HostProcess {
  const command = [process.execPath, 'electron/web/main.ts', ...args];
  const child = opts.unreaped
    ? spawn('bash', ['-c', '"$@" & echo "host pid $!"; exec sleep 600', 'bash', ...command], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(command[0]!, command.slice(1), { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  spawned.add(child);
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((done) => child.once('close', (code) => done(code)));
  let pid = opts.unreaped ? 0 : (child.pid as number);
  if (pid) hostPids.add(pid);
  const seen: HostReady = { url: '', origin: '', token: '', hubUrl: null, hubPid: null };
  let onPid: () => void = () => undefined;
  const pidKnown = new Promise<void>((done) => (onPid = done));
  if (pid) onPid();
  const ready = new Promise<HostReady>((done, fail) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const wrapped = /^host pid (\d+)$/.exec(line);
      if (wrapped) {
        pid = Number(wrapped[1]);
        hostPids.add(pid);
        onPid();
      }
      const hub = /^Assay demo hub on (\S+) \(pid (\d+)\)$/.exec(line);
      if (hub) {
        Object.assign(seen, { hubUrl: hub[1], hubPid: Number(hub[2]) });
        hostPids.add(seen.hubPid!);
      }
      const host = /^Assay web host listening on (\S+)$/.exec(line);
      if (host) {
        const url = new URL(host[1]!);
        done({ ...seen, url: host[1]!, origin: url.origin, token: url.searchParams.get('token')! });
      }
    });
    // The host's exit: its own for a plain child; for the wrapper, the host's stdout closing.
    child.stdout!.once('end', () => fail(new Error(`the web host exited before it listened: ${stderr.trim()}`)));
  });
  ready.catch(() => undefined);
  return {
    get pid() {
      return pid;
    },
    ready: pidKnown.then(() => ready),
    exited,
    stderr: () => stderr,
    kill() {
      if (pid) kill(pid);
      child.kill('SIGKILL');
    },
  };
}

/** Calls the host's API as the renderer does; resolves with the method's value or throws its error. */
export async function api<T = unknown>(host: HostReady, method: string, input: unknown = {}): Promise<T> {
  const res = await fetch(`${host.origin}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value?: T; error?: { code: string; message: string } };
  if (!body.ok) throw new Error(`${method} failed: ${body.error?.code}: ${body.error?.message}`);
  return body.value as T;
}

/** Polls `probe` until `check` holds; fails with `what` and the last value after timeoutMs. */
export async function waitUntil<T>(what: string, probe: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (check(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
