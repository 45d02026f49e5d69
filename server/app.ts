import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { openHubDb, type Db } from './db/open.ts';
import { answerClientError } from './http/early-answer.ts';
import { createRouter } from './http/router.ts';
import { createRepos } from './repos/index.ts';
import { createHandlers } from './routes/index.ts';
import type { HubContext } from './services/context.ts';
import { createServices } from './services/index.ts';
import { seedHub } from './services/seed.ts';

export const DEMO_MANIFEST = resolve(import.meta.dirname, '../resources/demo/demo.json');
export const DEFAULT_MAX_ARTIFACT_BYTES = 2 * 1024 ** 3;

export type HubOptions = {
  dataDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Seed the bundled demo dataset into an empty data folder and accept demo accounts. */
  demo?: boolean;
  /** Seed this manifest instead (implies demo accounts are accepted). */
  seed?: string;
  maxArtifactBytes?: number;
};

export type Hub = { url: string; port: number; close(): Promise<void> };

/** Seeding that fails leaves no half-seeded data folder behind. */
function discardDataDir(db: Db, dataDir: string): void {
  db.close();
  for (const name of ['hub.db', 'hub.db-wal', 'hub.db-shm', 'artifacts', 'tmp']) rmSync(join(dataDir, name), { recursive: true, force: true });
}

/** The hub's composition root: database, services, HTTP. */
export async function createHub(options: HubOptions): Promise<Hub> {
  mkdirSync(options.dataDir, { recursive: true });
  const db = openHubDb(join(options.dataDir, 'hub.db'));
  const seedFile = options.seed ?? (options.demo ? DEMO_MANIFEST : undefined);
  const ctx: HubContext = {
    db,
    repos: createRepos(db),
    dataDir: options.dataDir,
    allowDemoAccounts: seedFile !== undefined,
    maxArtifactBytes: options.maxArtifactBytes ?? DEFAULT_MAX_ARTIFACT_BYTES,
    now: () => new Date(),
  };
  const services = createServices(ctx);
  if (seedFile && ctx.repos.users.count() === 0) {
    try {
      await seedHub(ctx, services, seedFile);
    } catch (err) {
      discardDataDir(db, options.dataDir);
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
    db.close();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => {
          db.close();
          done();
        });
        server.closeIdleConnections();
        // Downloads still streaming get a moment to finish, then are cut.
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      }),
  };
}
