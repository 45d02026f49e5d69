// `npm run hub -- verify --data <dir> [--db postgres://…] --public-key <file>`: an auditor's
// check of a copy of the hub's database with no hub running. Reads only; never migrates.
import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, type Dialect } from 'kysely';
import type { HubTables } from '../db/schema.ts';
import { createAuditRepo } from '../repos/audit.ts';
import { createCheckpointsRepo } from '../repos/checkpoints.ts';
import { createMetaRepo } from '../repos/meta.ts';
import { verifyChain, type ChainVerdict } from './verify-chain.ts';

export const VERIFY_USAGE = 'usage: node server/main.ts verify --data <dir> [--db postgres://user[:password]@host[:port]/database] --public-key <jwk.json | public.pem>';

/** The public key as a JWK: the JSON `GET /v1/audit/public-key` serves, or a PEM public key. */
export function readPublicKey(file: string): JsonWebKey {
  const text = readFileSync(file, 'utf8');
  if (text.trimStart().startsWith('{')) return JSON.parse(text) as JsonWebKey;
  return createPublicKey(text).export({ format: 'jwk' });
}

async function dialectFor(dataDir: string, databaseUrl: string | undefined): Promise<Dialect> {
  if (databaseUrl) return (await import('../db/postgres.ts')).postgresDialect(databaseUrl).then((d) => d.dialect);
  const file = join(dataDir, 'hub.db');
  if (!existsSync(file)) throw new Error(`no hub database at ${file}`);
  return new SqliteDialect({ database: new Database(file, { readonly: true, fileMustExist: true }) });
}

/** Verifies the chain in the database against its checkpoints, the head row and the key. */
export async function verifyCopy(dataDir: string, databaseUrl: string | undefined, publicKey: JsonWebKey): Promise<ChainVerdict & { checkpoints: number }> {
  const db = new Kysely<HubTables>({ dialect: await dialectFor(dataDir, databaseUrl) });
  try {
    return await db.transaction().execute(async (trx) => {
      const checkpoints = await createCheckpointsRepo(trx).all();
      const meta = createMetaRepo(trx);
      const head = { seq: Number(await meta.read('audit_head_seq')), hash: await meta.read('audit_head_hash') };
      return { ...(await verifyChain(createAuditRepo(trx).scan(), checkpoints, publicKey, head)), checkpoints: checkpoints.length };
    });
  } finally {
    await db.destroy();
  }
}

/** Runs the subcommand; resolves with the exit code (0 ok, 1 a bad chain or an unreadable copy, 2 usage). */
export async function runOfflineVerify(argv: readonly string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: { data: { type: 'string' }, db: { type: 'string' }, 'public-key': { type: 'string' } }, strict: true }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${VERIFY_USAGE}`);
    return 2;
  }
  if (!values.data || !values['public-key']) {
    console.error(`--data and --public-key are required\n${VERIFY_USAGE}`);
    return 2;
  }
  let verdict;
  try {
    verdict = await verifyCopy(values.data, values.db, readPublicKey(values['public-key']));
  } catch (err) {
    console.error(`Assay audit verify could not read the copy: ${(err as Error).message.split('\n')[0]}`);
    return 1;
  }
  if (!verdict.ok) {
    console.error(`first bad seq ${verdict.firstBadSeq ?? '(none)'}: ${verdict.reason} (${verdict.checked} entries read, ${verdict.checkpoints} checkpoints)`);
    return 1;
  }
  console.log(`ok: ${verdict.checked} entries, ${verdict.checkpoints} signed checkpoints`);
  return 0;
}
