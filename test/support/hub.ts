// Starts the real hub as a child process (`node server/main.ts`) on a free loopback port,
// so hub tests exercise the same entry point as `npm run hub`.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import pg from 'pg';
import { copyTestDatabase, createTestDatabase, dropTestDatabase, TEST_ENGINE_ENV } from './postgres.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
const MAIN = join(REPO_ROOT, 'server/main.ts');
const LISTENING = /^Assay hub listening on (http:\/\/\S+)$/;

export type StartHubOptions = { demo?: boolean; seed?: string; dataDir?: string; args?: string[] };

/**
 * The engine the hub suite runs on: ASSAY_TEST_ENGINE=postgres gives every hub a fresh
 * database on the test cluster (ASSAY_TEST_PG_URL); anything else, SQLite in its data folder.
 */
export const ENGINE: 'sqlite' | 'postgres' = process.env[TEST_ENGINE_ENV] === 'postgres' ? 'postgres' : 'sqlite';

/** The file in a data folder naming its test database, so a restart on that folder finds it again. */
const DB_URL_FILE = 'test-database-url';

/** The data folder's PostgreSQL database, created on first use (undefined on SQLite). */
export async function databaseUrlOf(dataDir: string): Promise<string | undefined> {
  if (ENGINE !== 'postgres') return undefined;
  const file = join(dataDir, DB_URL_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const url = await createTestDatabase();
  writeFileSync(file, url);
  return url;
}

/** A copy of a stopped hub's data (folder and database), to tamper with. */
export async function copyHubData(source: string): Promise<string> {
  const copy = makeDataDir();
  cpSync(source, copy, { recursive: true });
  const url = await databaseUrlOf(source);
  if (url) writeFileSync(join(copy, DB_URL_FILE), await copyTestDatabase(url));
  return copy;
}

/** Removes a data folder and its database. */
export async function removeHubData(dataDir: string): Promise<void> {
  const file = join(dataDir, DB_URL_FILE);
  if (ENGINE === 'postgres' && existsSync(file)) await dropTestDatabase(readFileSync(file, 'utf8').trim());
  rmSync(dataDir, { recursive: true, force: true });
}

/** Runs SQL statements (written to suit both engines) against a stopped hub's database; returns the last one's rows. */
export async function hubSql(dataDir: string, statements: readonly string[]): Promise<Record<string, unknown>[]> {
  const url = await databaseUrlOf(dataDir);
  let rows: Record<string, unknown>[] = [];
  if (!url) {
    const db = new Database(join(dataDir, 'hub.db'));
    try {
      for (const s of statements) {
        const stmt = db.prepare(s);
        rows = stmt.reader ? (stmt.all() as Record<string, unknown>[]) : (stmt.run(), []);
      }
    } finally {
      db.close();
    }
    return rows;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const s of statements) rows = (await client.query(s)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
  return rows;
}

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

async function hubArgs(dataDir: string, opts: StartHubOptions): Promise<string[]> {
  const args = [MAIN, '--port', '0', '--data', dataDir];
  const url = await databaseUrlOf(dataDir);
  if (url) args.push('--db', url);
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
  const child = spawn(process.execPath, await hubArgs(dataDir, opts), { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
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
    if (ownsDir) await removeHubData(dataDir);
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
export async function runHubToExit(opts: StartHubOptions & { dataDir: string }, timeoutMs = 20_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, await hubArgs(opts.dataDir, opts), { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
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
