import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import { jsonArrayFrom as pgJsonArrayFrom } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArrayFrom } from 'kysely/helpers/sqlite';

/**
 * Where the two engines differ, and nowhere else: the writers' lock, the migration lock,
 * JSON array membership, a subquery's rows or a group's values as one JSON value, an
 * instant's milliseconds, SQLite's user_version, and how each reports a unique violation,
 * a transaction to retry, or a database that is not there.
 */
export type Engine = 'sqlite' | 'postgres';

/** The meta row every write transaction locks first (see docs/ARCHITECTURE.md, "How hub processes coordinate"). */
export const WRITER_LOCK_KEY = 'audit_head_seq';

/**
 * Serialises writers across hub processes: SELECT … FOR UPDATE on the chain head row, held
 * to commit. SQLite needs nothing: BEGIN IMMEDIATE already admits one writer at a time.
 */
export async function lockWriters(trx: Transaction<never> | Kysely<never>, engine: Engine): Promise<void> {
  if (engine === 'postgres') await sql`SELECT key FROM meta WHERE key = ${WRITER_LOCK_KEY} FOR UPDATE`.execute(trx);
}

/** Two processes starting at once migrate one after the other (an advisory lock held to commit). */
export async function lockMigrations(trx: Transaction<never> | Kysely<never>, engine: Engine): Promise<void> {
  if (engine === 'postgres') await sql`SELECT pg_advisory_xact_lock(hashtext('assay-hub-migrations'))`.execute(trx);
}

/** `users.roles` (a JSON array as text) contains `role`. */
export function rolesContain(engine: Engine, role: string): Expression<SqlBool> {
  return engine === 'postgres'
    ? sql<SqlBool>`(users.roles::jsonb) @> jsonb_build_array(${role}::text)`
    : sql<SqlBool>`EXISTS (SELECT 1 FROM json_each(users.roles) WHERE value = ${role})`;
}

/**
 * A subquery's rows as one JSON array column, so that one statement (one snapshot) can read
 * several row sets. Read the column back with `jsonRowsOf`. Its columns must be named
 * explicitly (SQLite's json_object needs the names).
 */
export function jsonRows<O>(engine: Engine, subquery: Parameters<typeof sqliteJsonArrayFrom<O>>[0]): RawBuilder<O[]> {
  return (engine === 'postgres' ? pgJsonArrayFrom(subquery) : sqliteJsonArrayFrom(subquery)) as RawBuilder<O[]>;
}

/** One member of a JSON object stored as text (e.g. a review body's "scores"), as JSON text on both engines. */
export function jsonMemberText(engine: Engine, column: string, key: string): RawBuilder<string | null> {
  return engine === 'postgres'
    ? sql<string | null>`(${sql.ref(column)}::jsonb -> ${key}::text)::text`
    : sql<string | null>`json_extract(${sql.ref(column)}, ${`$.${key}`})`;
}

/**
 * An instant stored as ISO 8601 text, as whole milliseconds since 1970 (exact on both: SQLite
 * keeps a julian day in whole milliseconds, PostgreSQL's epoch is numeric); NULL for NULL.
 */
export function instantMs(engine: Engine, column: string): RawBuilder<number | null> {
  return engine === 'postgres'
    ? sql<number | null>`(extract(epoch from ${sql.ref(column)}::timestamptz) * 1000)::bigint`
    : sql<number | null>`CAST(round((julianday(${sql.ref(column)}) - 2440587.5) * 86400000) AS INTEGER)`;
}

/**
 * A column's values over each group, as one JSON array. Two of them in one SELECT list line
 * up element for element: both engines feed a group's rows to all its aggregates in one pass.
 * Read it back with `jsonRowsOf`.
 */
export function jsonArrayAgg<T>(engine: Engine, column: string): RawBuilder<T[] | string> {
  return engine === 'postgres' ? sql<T[]>`json_agg(${sql.ref(column)})` : sql<string>`json_group_array(${sql.ref(column)})`;
}

/** pg hands a json value back parsed, better-sqlite3 as its text. */
export const jsonRowsOf = <O>(value: O[] | string): O[] => (typeof value === 'string' ? (JSON.parse(value) as O[]) : value);

/** The schema version the pre-Kysely hub kept in SQLite's user_version (0 on PostgreSQL). */
export async function legacyVersion(trx: Transaction<never>, engine: Engine): Promise<number> {
  if (engine !== 'sqlite') return 0;
  const { rows } = await sql<{ user_version: number }>`PRAGMA user_version`.execute(trx);
  return Number(rows[0]?.user_version ?? 0);
}

/** SQLite keeps user_version in step, so an older hub (which reads only that) still refuses a newer file. */
export async function mirrorVersion(trx: Transaction<never>, engine: Engine, version: number): Promise<void> {
  if (engine === 'sqlite') await sql.raw(`PRAGMA user_version = ${Math.trunc(version)}`).execute(trx);
}

const codeOf = (err: unknown): string => String((err as { code?: unknown } | null)?.code ?? '');

export function isUniqueViolation(err: unknown): boolean {
  const code = codeOf(err);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** PostgreSQL's serialization failure and deadlock: the whole transaction may simply run again. */
export function isRetryable(err: unknown): boolean {
  const code = codeOf(err);
  return code === '40001' || code === '40P01';
}

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE',
  '57P01', '57P02', '57P03', '53300']);

/** The database is down, restarting, unreachable or out of connections: nothing the request did wrong. */
export function isUnavailable(err: unknown): boolean {
  const code = codeOf(err);
  if (UNAVAILABLE_CODES.has(code) || code.startsWith('08')) return true;
  const message = err instanceof Error ? err.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection is closed/i.test(message);
}
