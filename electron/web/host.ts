// The web host: the workstation core served to a browser on 127.0.0.1, guarded by a
// per-run token. `startWebHost` is what `npm run web` and the tests call.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { confSettingsStore } from '../core/settings/conf-settings.ts';
import { fileKeyProvider } from '../core/media/key-file.ts';
import type { Workstation, WorkstationOptions } from '../core/ports.ts';
import { fileSecretStore } from '../core/secrets/file-secret-store.ts';
import { createWorkstation, type EngineTuning } from '../core/workstation.ts';
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts';
import { createRouter } from './routes.ts';

export const DEFAULT_RENDERER_ROOT = resolve(import.meta.dirname, '../../dist/renderer');

export type WebHostOptions = {
  /** Everything the workstation keeps: database, media cache, key file, settings. */
  dataDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to ASSAY_WEB_TOKEN, else 32 random bytes. */
  token?: string;
  rendererRoot?: string;
  demo?: WorkstationOptions['demo'];
  hubMoved?: WorkstationOptions['hubMoved'];
  tuning?: EngineTuning;
  /** The data folder's lock, when the caller took it first (to start a demo hub in it); else taken here. Released on close. */
  lock?: DataDirLock;
};

export type WebHost = {
  /** Base URL, e.g. http://127.0.0.1:5173 */
  origin: string;
  /** The address to open: it carries the token once, the host then sets a cookie. */
  url: string;
  port: number;
  token: string;
  workstation: Workstation;
  close(): Promise<void>;
};

/** How long open responses may finish on shutdown before their connections are cut. */
const CLOSE_GRACE_MS = 500;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done((server.address() as AddressInfo).port));
  });
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? (process.env.ASSAY_WEB_TOKEN || newToken());
  if (token.length < 16 || !/^[A-Za-z0-9._~-]+$/.test(token)) throw new Error('The web token must be at least 16 URL-safe characters (A-Z a-z 0-9 . _ ~ -).');
  const lock = opts.lock ?? (await lockDataDir(opts.dataDir));
  const workstation = await createWorkstation(
    {
      dataDir: join(opts.dataDir, 'workstation'),
      keys: fileKeyProvider(join(opts.dataDir, 'media.key')),
      secrets: fileSecretStore(join(opts.dataDir, 'secrets.json')),
      settings: confSettingsStore(opts.dataDir),
      mediaUrl: (artifactId) => `/media/${encodeURIComponent(artifactId)}`,
      demo: opts.demo ?? null,
      hubMoved: opts.hubMoved ?? null,
      deviceName: `${hostname()} (web)`,
    },
    opts.tuning,
  ).catch(async (err: unknown) => {
    await lock.release();
    throw err;
  });
  const streams = new Set<() => void>();
  let port = 0;
  const server = createServer(
    { headersTimeout: 30_000, requestTimeout: 0 },
    createRouter({ workstation, token, rendererRoot: opts.rendererRoot ?? DEFAULT_RENDERER_ROOT, port: () => port, streams }),
  );
  try {
    port = await listen(server, opts.port ?? 0);
  } catch (err) {
    await workstation.close();
    await lock.release();
    throw err;
  }
  const origin = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      for (const end of [...streams]) end();
      await new Promise<void>((done) => {
        // A response the client stopped reading (a paused <video>) would hold close() forever.
        const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        server.close(() => {
          clearTimeout(force);
          done();
        });
        server.closeIdleConnections();
      });
      await workstation.close();
      await lock.release();
    })());
  return { origin, url: `${origin}/?token=${token}`, port, token, workstation, close };
}
