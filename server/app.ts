import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { loadCheckpointSigner } from './audit/checkpoints.ts';
import { loadCredentialSigner, type CredentialSigner } from './credentials/issuer-key.ts';
import type { IssuerProfileConfig } from './credentials/open-badge.ts';
import { openHubDb, type HubDb } from './db/open.ts';
import { answerClientError } from './http/early-answer.ts';
import { createRouter } from './http/router.ts';
import { createHandlers } from './routes/index.ts';
import { createFolderStore } from './services/intake/artifact-store.ts';
import { createContext } from './services/context.ts';
import { checkpointIfDue } from './services/audit/audit.ts';
import { createServices } from './services/index.ts';
import { BRIEF_DEMO_HISTORY, DEMO_HISTORY, type HistoryOptions } from './seed/history/index.ts';
import { seedHub } from './services/seed.ts';

export const DEMO_MANIFEST = resolve(import.meta.dirname, '../resources/demo/demo.json');
export const DEFAULT_MAX_ARTIFACT_BYTES = 2 * 1024 ** 3;
/** How often an idle hub looks whether a time-based checkpoint is due (10 minutes after the last, with new events). */
const CHECKPOINT_TICK_MS = 60_000;

export type HubOptions = {
  /** The artifact folder, and the SQLite file when no databaseUrl is given. */
  dataDir: string;
  /** postgres://user[:password]@host[:port]/database; without it, SQLite in dataDir. */
  databaseUrl?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Seed the bundled demo dataset into an empty database and accept demo accounts. */
  demo?: boolean;
  /** The demo's past work: a year of it (the default), half a year by six assessors (quicker to seed), none, or these options. */
  demoHistory?: 'full' | 'brief' | 'none' | HistoryOptions;
  /** Seed this manifest instead (implies demo accounts are accepted). */
  seed?: string;
  /** Told once, before an empty database is seeded (the demo's year of past work takes a while). */
  onSeeding?: () => void;
  maxArtifactBytes?: number;
  /** The hub's clock (tests move it to see a consensus escalate); the system clock by default. */
  now?: () => Date;
  /** How often an idle hub looks for a due checkpoint or consensus escalation (tests shorten it); a minute by default. */
  tickMs?: number;
  /** The issuer named in Open Badges; defaults to DEFAULT_ISSUER (docs/DEPLOYMENT.md). */
  issuer?: Partial<IssuerProfileConfig>;
  /** The address verifiers reach this hub at (the JWKS URL in each credential's kid); defaults to the listening URL. */
  publicUrl?: string;
};

function demoHistory(choice: HubOptions['demoHistory']): HistoryOptions | undefined {
  if (choice === 'none') return undefined;
  if (choice === 'brief') return BRIEF_DEMO_HISTORY;
  return choice === 'full' || choice === undefined ? DEMO_HISTORY : choice;
}

/** The demo's issuer profile: an example address, to be replaced by the issuer's own in production. */
export const DEFAULT_ISSUER: IssuerProfileConfig = { id: 'https://issuer.assay.example/', name: 'Assay Demo Issuer', url: 'https://issuer.assay.example/' };

export type Hub = { url: string; port: number; close(): Promise<void> };

/**
 * Seeding that fails leaves no half-seeded hub behind: the SQLite files and artifacts go;
 * on PostgreSQL (empty before seeding, or it would not have been seeded) the tables go.
 */
async function discardSeeded(db: HubDb, dataDir: string): Promise<void> {
  if (db.engine === 'postgres') await db.dropAll();
  await db.close();
  const files = db.engine === 'sqlite' ? ['hub.db', 'hub.db-wal', 'hub.db-shm'] : [];
  for (const name of [...files, 'artifacts', 'tmp']) rmSync(join(dataDir, name), { recursive: true, force: true });
}

/** The hub's composition root: database, artifact store, services, HTTP. */
export async function createHub(options: HubOptions): Promise<Hub> {
  mkdirSync(options.dataDir, { recursive: true });
  // Created on first start; hub processes sharing the data folder (DEPLOYMENT.md) share the key.
  const auditSigner = await loadCheckpointSigner(options.dataDir);
  const db = await openHubDb(options.databaseUrl ? { url: options.databaseUrl } : { file: join(options.dataDir, 'hub.db') });
  const seedFile = options.seed ?? (options.demo ? DEMO_MANIFEST : undefined);
  const ctx = createContext({
    db,
    store: createFolderStore(options.dataDir),
    dataDir: options.dataDir,
    allowDemoAccounts: seedFile !== undefined,
    maxArtifactBytes: options.maxArtifactBytes ?? DEFAULT_MAX_ARTIFACT_BYTES,
    auditSigner,
    now: options.now ?? (() => new Date()),
  });
  // The kid names the JWKS URL, known once the port is; credential requests wait for it.
  let signer!: { resolve: (s: CredentialSigner) => void; reject: (err: unknown) => void };
  const signerReady = new Promise<CredentialSigner>((resolve, reject) => (signer = { resolve, reject }));
  signerReady.catch(() => undefined);
  const services = createServices(ctx, { issuer: { ...DEFAULT_ISSUER, ...options.issuer }, signer: signerReady });
  if (seedFile && (await services.userCount()) === 0) {
    options.onSeeding?.();
    try {
      // The bundled demo also gets a year of past work, for the staff screens and the reports.
      // A manifest of one's own gets past work only when asked (the desktop app's bundled demo asks).
      await seedHub(ctx, services, seedFile, { history: options.seed === undefined || options.demoHistory !== undefined ? demoHistory(options.demoHistory) : undefined });
    } catch (err) {
      await discardSeeded(db, options.dataDir);
      throw err;
    }
  }
  const server = createServer({ headersTimeout: 30_000, requestTimeout: 0, keepAliveTimeout: 5_000 }, createRouter(createHandlers(ctx, services), (req) => services.sessions.authenticate(req)));
  server.on('clientError', answerClientError);
  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(options.port ?? 0, host, () => done());
    });
  } catch (err) {
    // A taken port is worth another try elsewhere (the demo hosts do): leave nothing open.
    await db.close();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  try {
    signer.resolve(await loadCredentialSigner(options.dataDir, `${(options.publicUrl ?? url).replace(/\/+$/, '')}/v1/issuer/jwks`));
  } catch (err) {
    signer.reject(err);
    await new Promise<void>((done) => server.close(() => done()));
    await db.close();
    throw err;
  }
  // A quiet hub still signs its newest events within about ten minutes; appends sign every 100.
  const checkpointTimer = setInterval(() => {
    ctx.write(({ repos }) => checkpointIfDue(repos, auditSigner, ctx.now())).catch((err: unknown) => {
      console.error(`Assay hub: audit checkpoint not signed this time: ${(err as Error).message}`);
    });
    // A quiet hub still escalates a consensus past its days, not only on the next request.
    services.scoring.escalateDue().catch((err: unknown) => console.error(`Assay hub: consensus escalation not checked this time: ${(err as Error).message}`));
  }, options.tickMs ?? CHECKPOINT_TICK_MS).unref();
  return {
    url,
    port,
    close: () =>
      new Promise<void>((done) => {
        clearInterval(checkpointTimer);
        server.close(() => {
          void db.close().then(done, done);
        });
        server.closeIdleConnections();
        // Downloads still streaming get a moment to finish, then are cut.
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      }),
  };
}
