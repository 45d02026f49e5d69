import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fail } from '../../shared/index.ts';
import { createAuth } from './api/auth.ts';
import { createDispatcher } from './api/dispatch.ts';
import { createHandlers } from './api/handlers.ts';
import { createDownloader } from './downloads/downloader.ts';
import { createEventBus } from './events/event-bus.ts';
import type { HubClient } from './hub-client/hub-client.ts';
import { createMediaRoute } from './media/media-route.ts';
import { createOutboxSender } from './outbox/sender.ts';
import type { Workstation, WorkstationOptions } from './ports.ts';
import { openStoreOrRecover } from './store/open-store.ts';
import type { Store } from './store/types.ts';
import { createSyncEngine } from './sync/sync-engine.ts';

/** Timings a test or benchmark may shorten; production uses the defaults. */
export type EngineTuning = {
  hubTimeoutMs?: number;
  syncPeriodMs?: number;
  probeMinMs?: number;
  probeMaxMs?: number;
  outboxBaseDelayMs?: number;
  outboxMaxDelayMs?: number;
  /** Check every pushed event against the contract (on in tests and development). */
  validateEvents?: boolean;
};

/** Before anything reads the session: its saved hub address must be the one that answers now. */
function moveHub(store: Store, settings: WorkstationOptions['settings'], { from, to }: { from: string; to: string }): void {
  if (from === to) return;
  store.session.moveHub(from, to);
  if (settings.get().hubUrl === from) settings.set({ hubUrl: to });
}

/**
 * The composition root of the workstation core: store, media key, downloader, sync engine,
 * outbox sender and the handler table behind one dispatcher. Both hosts (Electron main and
 * the web host) call this and only add their transport.
 */
export async function createWorkstation(options: WorkstationOptions, tuning: EngineTuning = {}): Promise<Workstation> {
  const now = options.now ?? (() => new Date());
  mkdirSync(options.dataDir, { recursive: true });
  // A damaged database has been set aside and salvaged by now; the user is told through sync.status.
  const { store, recovered } = openStoreOrRecover(join(options.dataDir, 'assay.db'), { now });
  if (recovered) console.error(`workstation: ${recovered.message}`);
  if (options.hubMoved) moveHub(store, options.settings, options.hubMoved);
  const key = await options.keys.mediaKey();
  const bus = createEventBus({ validate: tuning.validateEvents ?? process.env.NODE_ENV !== 'production' });
  const auth = await createAuth(store, options.secrets, tuning.hubTimeoutMs ?? 20_000);

  // Only the session whose token was refused is forgotten: a late 401 from before a fresh
  // sign-in must not sign the new session out.
  let forgetting: Promise<void> | null = null;
  const forgetSession = (client: HubClient) => {
    if (forgetting || auth.client() !== client) return;
    forgetting = (async () => {
      // Nobody awaits this: a rejection here would end the process. Each step is tried on its own.
      try {
        store.session.clear();
      } catch (err) {
        console.error('workstation: could not remove the refused session from the store', err);
      }
      try {
        await auth.clear();
      } catch (err) {
        console.error('workstation: could not delete the refused token', err);
      } finally {
        sync.signedOut();
        forgetting = null;
      }
    })();
  };
  // A download may finish after its artifact left the store (a device hand-over, a revoked
  // assignment); recording it then must not take the downloader down.
  const settle = (artifactId: string, record: () => void) => {
    const need = sync.downloadSettled(artifactId);
    try {
      record();
    } catch (err) {
      console.error(`workstation: download of ${artifactId} settled after it was no longer needed`, err);
      return;
    }
    if (need) bus.emit('assignments.changed', { assignmentIds: need.assignmentIds });
  };
  const sender = createOutboxSender({
    store,
    bus,
    hub: auth.client,
    now,
    onUnauthorized: forgetSession,
    onReachable: (up) => sync.reachable(up),
    baseDelayMs: tuning.outboxBaseDelayMs,
    maxDelayMs: tuning.outboxMaxDelayMs,
  });
  const downloader = createDownloader({
    cacheDir: join(options.dataDir, 'media'),
    key,
    concurrency: options.settings.get().downloadConcurrency,
    auth: () => {
      const signed = auth.current();
      return signed && { hubUrl: signed.hubUrl, token: signed.token };
    },
    onProgress: (file, batch) => bus.emit('download.progress', { file, batch }),
    onVerified: (artifactId, path, sha256) =>
      settle(artifactId, () => {
        if (store.artifacts.markPresent(artifactId, path, sha256)) return;
        // A sync changed the artifact while it downloaded: these are the old bytes. Once the
        // downloader has let go of this job, the current version is queued.
        rmSync(path, { force: true });
        setImmediate(() => sync.refeed());
      }),
    onFailed: (artifactId, _code, message) => settle(artifactId, () => store.artifacts.markError(artifactId, message)),
  });
  const sync = createSyncEngine({
    store,
    bus,
    settings: options.settings,
    downloads: downloader,
    hub: auth.client,
    now,
    onUnauthorized: forgetSession,
    onReconnect: () => sender.retryNow(),
    onRecovered: () => sender.wake(),
    periodMs: tuning.syncPeriodMs,
    probeMinMs: tuning.probeMinMs,
    probeMaxMs: tuning.probeMaxMs,
    notice: recovered?.message ?? null,
  });
  const dispatch = createDispatcher(
    createHandlers({
      store, bus, settings: options.settings, auth, sync, sender, downloads: downloader,
      mediaUrl: options.mediaUrl, demo: options.demo ?? null, deviceName: options.deviceName, now,
    }),
  );

  // A tampered file is dropped and queued again; the downloader decides when it can start.
  const media = createMediaRoute(store, key, () => setImmediate(() => sync.refeed()));

  if (auth.current()) {
    sync.start();
    sender.retryNow();
  }

  let closed = false;
  const call = (async (method: string, input: unknown) =>
    closed ? fail('closed', 'The workstation is shutting down') : dispatch(method, input)) as Workstation['call'];
  return {
    call,
    subscribe: bus.subscribe,
    media,
    async close() {
      if (closed) return;
      closed = true;
      await forgetting;
      await sync.stop();
      await sender.stop();
      await downloader.stop();
      store.close();
    },
  };
}
