import pg from 'pg';
import { PostgresDialect } from 'kysely';
import { isUnavailable } from './dialect.ts';
import { prepareStatements } from './prepared.ts';

/** A hub start that cannot use the database it was given: one line for the operator. */
export class DatabaseOpenError extends Error {}

const BIGINT_OID = 20;
const POOL_SIZE = 10;

/** The URL with its password masked, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

function checkUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new DatabaseOpenError('--db is not a URL; expected postgres://user[:password]@host[:port]/database');
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw new DatabaseOpenError(`--db must be a postgres:// URL, not ${u.protocol}//…`);
  }
  if (!u.hostname || u.pathname.length < 2) throw new DatabaseOpenError(`--db ${redactUrl(url)} must name a host and a database`);
}

function explain(err: unknown, url: string): DatabaseOpenError {
  const at = redactUrl(url);
  const code = String((err as { code?: unknown }).code ?? '');
  const message = (err as Error).message.split('\n')[0];
  if (code === '28P01' || code === '28000') return new DatabaseOpenError(`PostgreSQL at ${at} refused the sign-in: ${message}`);
  if (code === '3D000') return new DatabaseOpenError(`PostgreSQL at ${at}: ${message}`);
  if (isUnavailable(err)) return new DatabaseOpenError(`cannot reach PostgreSQL at ${at} (${code || message})`);
  return new DatabaseOpenError(`PostgreSQL at ${at} could not be used: ${message}`);
}

/**
 * A pool for the URL, checked with one round trip. bigint columns (byte counts, sequence
 * numbers) come back as numbers: every one the hub stores is below 2^53.
 */
export async function postgresDialect(url: string): Promise<{ dialect: PostgresDialect; pool: pg.Pool }> {
  checkUrl(url);
  const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === BIGINT_OID ? Number : pg.types.getTypeParser(oid, format)) };
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000, application_name: 'assay-hub', types: types as pg.CustomTypesConfig });
  // An idle connection that breaks (the server restarts) is dropped by the pool; the next
  // query opens a fresh one. Without a listener the error would end the process.
  pool.on('error', () => undefined);
  pool.on('connect', prepareStatements);
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw explain(err, url);
  }
  return { dialect: new PostgresDialect({ pool }), pool };
}
