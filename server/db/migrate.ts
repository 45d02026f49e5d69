import { type Kysely, type Transaction } from 'kysely';
import { NewerDatabaseError } from '../../shared/sqlite/migrate.ts';
import { legacyVersion, lockMigrations, mirrorVersion, type Engine } from './dialect.ts';

/** One numbered schema step, written once with Kysely's schema builder for both engines. */
export type HubMigration = { version: number; name: string; up: (trx: Transaction<never>, engine: Engine) => Promise<void> };

type Schema = { schema_migrations: { version: number; name: string; applied_at: string } };

/**
 * The applied version: the highest row of schema_migrations, or, in a SQLite file the
 * pre-Kysely hub wrote, its user_version (those steps are then recorded as applied).
 */
async function currentVersion(trx: Transaction<Schema>, engine: Engine, latest: number, migrations: readonly HubMigration[]): Promise<number> {
  await trx.schema.createTable('schema_migrations').ifNotExists()
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  const row = await trx.selectFrom('schema_migrations').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
  const recorded = Number(row?.v ?? 0);
  const legacy = await legacyVersion(trx as never, engine);
  const found = Math.max(recorded, legacy);
  if (found > latest) throw new NewerDatabaseError(found, latest);
  if (legacy > recorded) {
    const at = new Date().toISOString();
    await trx.insertInto('schema_migrations')
      .values(migrations.slice(recorded, legacy).map((m) => ({ version: m.version, name: m.name, applied_at: at })))
      .execute();
  }
  return found;
}

/**
 * Applies every migration above the database's version, each in its own transaction
 * with the version row, under a lock so two hub processes starting together take turns.
 */
export async function migrateHub(db: Kysely<never>, engine: Engine, migrations: readonly HubMigration[]): Promise<{ from: number; to: number }> {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration registry out of order at ${m.name}: expected version ${i + 1}`);
  });
  const latest = migrations.length;
  let from: number | undefined;
  for (;;) {
    const done = await (db as unknown as Kysely<Schema>).transaction().execute(async (trx) => {
      await lockMigrations(trx as never, engine);
      const version = await currentVersion(trx, engine, latest, migrations);
      from ??= version;
      const next = migrations[version];
      if (!next) return true;
      await next.up(trx as never, engine);
      await trx.insertInto('schema_migrations').values({ version: next.version, name: next.name, applied_at: new Date().toISOString() }).execute();
      await mirrorVersion(trx as never, engine, next.version);
      return false;
    });
    if (done) return { from: from ?? latest, to: latest };
  }
}


const TABLES = ['read_pairs', 'audit_refs', 'recipients', 'selections', 'resolutions', 'adjudications', 'consensus_rounds', 'probation_releases', 'validity_reads', 'calibration_attempt_items', 'calibration_attempts', 'calibration_items', 'calibration_sets', 'decision_assessors', 'decisions', 'recusals', 'reviews', 'assignments', 'submission_artifacts', 'submissions', 'artifacts', 'candidates', 'tokens', 'qualifications',
  'micro_credentials', 'rubrics', 'users', 'audit_checkpoints', 'audit_events', 'meta', 'schema_migrations'];

/** Every hub table, children first, in one transaction. */
export async function dropHubTables(db: Kysely<never>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const t of TABLES) await trx.schema.dropTable(t).ifExists().execute();
  });
}
