import type { SyncStatus } from '../../../shared/index.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { HubClient } from '../hub-client/hub-client.ts';
import type { SettingsStore } from '../ports.ts';
import type { ArtifactNeed, Store } from '../store/types.ts';
import { planCache } from './cache-planner.ts';
import { createConnectivity } from './connectivity.ts';

/** The part of the downloader the sync engine feeds. */
export type DownloadQueue = { enqueue(items: ArtifactNeed[]): void };

export type SyncEngineOptions = {
  store: Store;
  bus: EventBus;
  settings: SettingsStore;
  downloads: DownloadQueue;
  /** The client for the signed-in hub, or null when signed out. */
  hub: () => HubClient | null;
  now: () => Date;
  /** The hub refused this client's token: the host forgets that session. */
  onUnauthorized: (client: HubClient) => void;
  /** The hub is reachable again (the outbox sender wakes on this). */
  onReconnect: () => void;
  periodMs?: number;
  probeMinMs?: number;
  probeMaxMs?: number;
  /** Work salvaged from a damaged database was put back in the outbox (the sender wakes on this). */
  onRecovered?: () => void;
  /** Shown in lastError, ahead of whatever else is wrong, for as long as this process runs (e.g. a quarantined database). */
  notice?: string | null;
};

/**
 * Pulls changes from the hub and applies each answer atomically, then feeds the downloader.
 * Runs on start, on reconnect, every `periodMs` and on demand; concurrent requests share
 * one run.
 */
export function createSyncEngine(opts: SyncEngineOptions) {
  const { store, bus } = opts;
  let state: SyncStatus['state'] = 'idle';
  let lastError: string | undefined;
  const notice = opts.notice ?? undefined;
  let running: Promise<SyncStatus> | null = null;
  let again = false;
  let periodic: NodeJS.Timeout | null = null;
  const inFlight = new Map<string, ArtifactNeed>();
  // Bumped whenever the session ends or changes hands: an answer asked for before is stale.
  let generation = 0;

  const connectivity = createConnectivity({
    probe: async () => (await opts.hub()?.health())?.ok === true,
    onChange: (online) => {
      bus.emit('connectivity', { online });
      publish();
    },
    onReconnect: () => {
      void syncNow();
      opts.onReconnect();
    },
    minDelayMs: opts.probeMinMs,
    maxDelayMs: opts.probeMaxMs,
  });

  function status(): SyncStatus {
    const s: SyncStatus = { state, online: connectivity.online, lastSyncAt: store.sync.lastSyncAt() };
    const shown = [notice, lastError].filter((m) => m !== undefined).join(' ');
    if (shown !== '') s.lastError = shown;
    return s;
  }
  function publish(): SyncStatus {
    const s = status();
    bus.emit('sync.progress', s);
    return s;
  }

  async function runOnce(): Promise<void> {
    const client = opts.hub();
    if (!client) {
      state = 'signed_out';
      return;
    }
    state = 'syncing';
    publish();
    const asked = generation;
    const answer = await client.sync(store.sync.cursor());
    if (asked !== generation || opts.hub() !== client) {
      // Asked for an account that signed out (or handed the device over) meanwhile: never applied.
      state = opts.hub() ? 'idle' : 'signed_out';
      return;
    }
    if (!answer.ok) {
      const e = answer.error;
      if (e.status === 401) {
        state = 'signed_out';
        lastError = 'The hub no longer accepts this device’s sign-in; please sign in again.';
        opts.onUnauthorized(client);
      } else if (e.code === 'offline') {
        state = 'offline';
        lastError = e.message;
        connectivity.report(false);
      } else {
        state = 'error';
        lastError = `${e.code}: ${e.message}`;
      }
      return;
    }
    connectivity.report(true);
    const changes = store.sync.apply(answer.value, opts.now().toISOString());
    const ids = [...new Set([...changes.changedAssignmentIds, ...changes.revokedAssignmentIds])];
    if (ids.length > 0) bus.emit('assignments.changed', { assignmentIds: ids });
    if (changes.recoveredAssignmentIds.length > 0) opts.onRecovered?.();
    state = 'idle';
    lastError = feedDownloads();
  }

  /** Purges expired files and enqueues what fits in the cache; answers a notice when some did not. */
  function feedDownloads(): string | undefined {
    const { cacheLimitMb, retentionDays } = opts.settings.get();
    const plan = planCache(store, store.artifacts.needed(), cacheLimitMb, retentionDays, opts.now());
    // A need whose SHA-256 changed while in flight goes again: the downloader decides when it can start.
    const fresh = plan.enqueue.filter((n) => inFlight.get(n.artifactId)?.sha256 !== n.sha256);
    for (const n of fresh) inFlight.set(n.artifactId, n);
    if (fresh.length > 0) opts.downloads.enqueue(fresh);
    return plan.deferred > 0 ? `Cache limit of ${cacheLimitMb} MB reached: ${plan.deferred} file(s) not downloaded` : undefined;
  }

  function syncNow(): Promise<SyncStatus> {
    if (running) {
      // A request during a run may have been prompted by news the run already missed.
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await runOnce();
        } while (again && state === 'idle');
      } catch (err) {
        state = 'error';
        lastError = err instanceof Error ? err.message : String(err);
        console.error('sync failed', err);
      } finally {
        running = null;
      }
      return publish();
    })();
    return running;
  }

  return {
    status,
    syncNow,
    /** First sync plus the periodic timer. */
    start(): void {
      if (!periodic) {
        periodic = setInterval(() => void syncNow(), opts.periodMs ?? 60_000);
        periodic.unref();
      }
      void syncNow();
    },
    /** The downloader finished with an artifact (verified or failed): answers the need it served. */
    downloadSettled(artifactId: string): ArtifactNeed | undefined {
      const need = inFlight.get(artifactId);
      inFlight.delete(artifactId);
      return need;
    },
    /** Feeds the downloader from the store without asking the hub (a download settled stale). */
    refeed(): void {
      if (!opts.hub()) return;
      const notice = feedDownloads();
      if (notice !== lastError && state === 'idle') {
        lastError = notice;
        publish();
      }
    },
    /** Another part (the outbox sender) found out whether the hub answers. */
    reachable(up: boolean): void {
      connectivity.report(up);
    },
    signedOut(): void {
      generation += 1;
      state = 'signed_out';
      inFlight.clear();
      publish();
    },
    /** Discards any answer still on its way and waits for the run asking for it to end (before a wipe). */
    async quiesce(): Promise<void> {
      generation += 1;
      inFlight.clear();
      await running;
    },
    async stop(): Promise<void> {
      if (periodic) clearInterval(periodic);
      periodic = null;
      connectivity.stop();
      await running;
    },
  };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
