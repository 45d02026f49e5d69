// A throwaway PostgreSQL 15 cluster for tests and benchmarks: initdb into a temp folder,
// pg_ctl on a free loopback port with its socket in that folder, stopped and removed at the
// end (and on process exit). As root the server runs as the `postgres` user via runuser.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The environment variable naming an admin URL (database `postgres`) of a running test cluster. */
export const TEST_PG_URL_ENV = 'ASSAY_TEST_PG_URL';
/** The hub suite's engine: `sqlite` (default) or `postgres`; test/support/hub.ts reads it. */
export const TEST_ENGINE_ENV = 'ASSAY_TEST_ENGINE';

const BIN_DIRS = ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin'];
const USER = 'assay';

export type PgCluster = {
  /** Admin URL: user `assay` (trust auth), database `postgres`. */
  url: string;
  port: number;
  dir: string;
  /** Stops the server but keeps the cluster (tests of a database that goes away). */
  pause(): Promise<void>;
  /** Starts a paused server again on the same port. */
  resume(): Promise<void>;
  /** Stops the server and removes the cluster. */
  stop(): Promise<void>;
};

function binDir(): string {
  const found = BIN_DIRS.find((d) => existsSync(join(d, 'initdb')));
  if (!found) throw new Error(`PostgreSQL binaries not found (looked in ${BIN_DIRS.join(', ')}); install Debian's postgresql package or set ${TEST_PG_URL_ENV}`);
  return found;
}

const isRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL tool as the cluster's owner; throws with its output on failure. */
function run(tool: string, args: string[]): void {
  const exe = join(binDir(), tool);
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => done(port));
    });
  });
}

/**
 * initdb + pg_ctl start. Durability settings are off: the cluster is thrown away, and tests
 * of crash safety use SQLite or stop the server cleanly.
 */
export async function startPgCluster(opts: { password?: string } = {}): Promise<PgCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'assay-pg-'));
  if (isRoot()) chownSync(dir, ...pgOwner());
  const data = join(dir, 'data');
  const port = await freePort();
  let started = false;
  const options = ['-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off',
    '-c', 'full_page_writes=off', '-c', 'max_connections=200'].join(' ');
  const start = () => {
    run('pg_ctl', ['start', '-w', '-t', '60', '-D', data, '-l', join(dir, 'server.log'), '-o', options]);
    started = true;
  };
  const halt = (mode: 'fast' | 'immediate') => {
    if (!started) return;
    started = false;
    run('pg_ctl', ['stop', '-w', '-t', '60', '-m', mode, '-D', data]);
  };
  const remove = () => {
    try {
      halt('immediate');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  process.once('exit', remove);
  try {
    // With a password, TCP connections must present it (tests of a wrong one); the socket stays trusted.
    const auth = opts.password === undefined ? ['-A', 'trust'] : ['--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${join(dir, 'pw')}`];
    if (opts.password !== undefined) writeFileSync(join(dir, 'pw'), `${opts.password}\n`, { mode: 0o644 });
    run('initdb', ['-D', data, ...auth, '-U', USER, '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    start();
  } catch (err) {
    remove();
    throw err;
  }
  return {
    url: `postgres://${USER}${opts.password === undefined ? '' : `:${encodeURIComponent(opts.password)}`}@127.0.0.1:${port}/postgres`,
    port,
    dir,
    pause: async () => halt('fast'),
    resume: async () => start(),
    stop: async () => {
      process.off('exit', remove);
      remove();
    },
  };
}

function pgOwner(): [number, number] {
  const ids = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return [ids('-u'), ids('-g')];
}

/** The running test cluster's admin URL; fails loudly when none was provided. */
export function testPgUrl(): string {
  const url = process.env[TEST_PG_URL_ENV];
  if (!url) throw new Error(`${TEST_PG_URL_ENV} is not set: run the tests through \`npm test\` or the vitest config, which start a cluster`);
  return url;
}

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

async function admin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database on the cluster (CREATE DATABASE); returns its URL. */
export async function createTestDatabase(adminUrl = testPgUrl(), template?: string): Promise<string> {
  const name = `hub_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await admin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : ''}`));
  return withDatabase(adminUrl, name);
}

/** A copy of a database nobody is connected to (CREATE DATABASE … TEMPLATE). */
export async function copyTestDatabase(url: string, adminUrl = testPgUrl()): Promise<string> {
  return createTestDatabase(adminUrl, new URL(url).pathname.slice(1));
}

export async function dropTestDatabase(url: string, adminUrl = testPgUrl()): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`));
}
