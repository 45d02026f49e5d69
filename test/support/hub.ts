// Starts the real hub as a child process (`node server/main.ts`) on a free loopback port,
// so hub tests exercise the same entry point as `npm run hub`.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
const MAIN = join(REPO_ROOT, 'server/main.ts');
const LISTENING = /^Assay hub listening on (http:\/\/\S+)$/;

export type StartHubOptions = { demo?: boolean; seed?: string; dataDir?: string; args?: string[]; env?: Record<string, string> };

export type RunningHub = {
  url: string;
  dataDir: string;
  /** The hub's process id (benchmarks read its CPU time from /proc). */
  pid: number;
  stop(): Promise<void>;
  signIn(username: string, password?: string): Promise<string>;
};

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export function makeDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'assay-hub-'));
}

function hubArgs(dataDir: string, opts: StartHubOptions): string[] {
  const args = [MAIN, '--port', '0', '--data', dataDir];
  if (opts.demo) args.push('--demo');
  if (opts.seed) args.push('--seed', opts.seed);
  return [...args, ...(opts.args ?? [])];
}

/**
 * Starts a hub and resolves once it prints its listening line. A data folder made here is
 * removed on stop; one passed in is kept (tests that restart a hub on the same data).
 */
export async function startHub(opts: StartHubOptions = {}): Promise<RunningHub> {
  const ownsDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? makeDataDir();
  const child = spawn(process.execPath, hubArgs(dataDir, opts), { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
  running.add(child);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = await new Promise<string>((done, fail) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const m = LISTENING.exec(line);
      if (m) done(m[1] as string);
    });
    child.once('exit', (code) => fail(new Error(`hub exited (${code}) before listening:\n${stderr}`)));
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    running.delete(child);
    if (ownsDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const signIn = async (username: string, password = 'demo') => {
    const res = await fetch(`${url}/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password, deviceName: `test-${username}` }),
    });
    const body = (await res.json()) as { token?: string };
    if (res.status !== 201 || typeof body.token !== 'string') throw new Error(`sign-in as ${username} failed: ${res.status} ${JSON.stringify(body)}`);
    return body.token;
  };
  return { url, dataDir, pid: child.pid as number, stop, signIn };
}

/** Runs the hub expecting it to exit (e.g. refusing a database); resolves with its exit code and output. */
export function runHubToExit(opts: StartHubOptions & { dataDir: string }, timeoutMs = 20_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, hubArgs(opts.dataDir, opts), { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`hub did not exit within ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      running.delete(child);
      done({ code, stdout, stderr });
    });
  });
}

/** Response bodies in tests are read loosely; the hub's schemas are checked where it matters. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

export type ApiResponse<T = Loose> = { status: number; body: T; headers: Headers };

/** A small JSON client for one hub and token. */
export function api(url: string, token?: string) {
  const call = async <T = Loose>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> => {
    const h: Record<string, string> = { ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    if (body !== undefined) h['content-type'] ??= 'application/json';
    const res = await fetch(`${url}${path}`, {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // Non-JSON bodies (artifact bytes) are returned as text.
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  };
  return {
    get: <T = Loose>(path: string, headers?: Record<string, string>) => call<T>('GET', path, undefined, headers),
    post: <T = Loose>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('POST', path, body, headers),
    put: <T = Loose>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('PUT', path, body, headers),
    patch: <T = Loose>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('PATCH', path, body, headers),
    del: <T = Loose>(path: string, headers?: Record<string, string>) => call<T>('DELETE', path, undefined, headers),
  };
}
