import { mkdir } from 'node:fs/promises';
import { z } from 'zod';
import { Id, Sha256Hex, type BatchProgress, type DownloadsStatus, type FileProgress } from '../../../shared/index.ts';
import type { ArtifactNeed } from '../store/types.ts';
import { statfsFreeBytes, encryptedBytes } from './disk-space.ts';
import { MediaError, isDiskFull } from '../media/errors.ts';
import { DOWNLOAD_ERRORS, DownloadError } from './download-error.ts';
import { attemptDownload } from './fetch-artifact.ts';
import { DEFAULT_IDLE_TIMEOUT_MS, fetchGet, nodeHttpGetWith } from './http-get.ts';
import { rawHttpGetWith } from './raw-http-get.ts';
import { RateMeter, Throttle, etaSeconds } from './progress.ts';

export type DownloaderOptions = {
  cacheDir: string;
  key: Buffer;
  concurrency: number;
  auth: () => { hubUrl: string; token: string } | null;
  onProgress: (file: FileProgress, batch: BatchProgress) => void;
  /** The file at `path` matched `sha256` (the need's at the time the download started). */
  onVerified: (artifactId: string, path: string, sha256: string) => void;
  onFailed: (artifactId: string, code: string, message: string) => void;
  freeBytes?: (dir: string) => Promise<number>;
  /** Replaces the default client (raw sockets for http:, node:http for https:): tests, or a host with its own network stack. */
  fetchImpl?: typeof fetch;
  /** Retries of transient failures (network, 5xx) per file; an attempt that received bytes is retried at once and resets the count. */
  retry?: { attempts: number; baseDelayMs: number; maxDelayMs: number };
  /** A connection silent this long counts as stalled and is resumed (default 30 s). */
  idleTimeoutMs?: number;
};

export interface Downloader {
  /**
   * Queues artifacts the device needs; one already queued or downloading is not queued twice.
   * One finished under an older SHA-256 is queued again (its content changed on the hub).
   */
  enqueue(items: ArtifactNeed[]): void;
  status(): DownloadsStatus;
  /** Resolves when nothing is queued or running. */
  idle(): Promise<void>;
  /** Stops everything; partial files stay on disk and resume next time. */
  stop(): Promise<void>;
}

/** The store hands these over, but an id becomes a file name: checked at this boundary. */
const NeedSchema = z.object({
  artifactId: Id,
  submissionId: Id,
  assignmentIds: z.array(Id),
  filename: z.string().min(1),
  mediaType: z.string().min(1),
  bytes: z.number().int().min(0),
  sha256: Sha256Hex,
});

type Entry = { need: ArtifactNeed; state: FileProgress['state']; bytesDone: number; meter: RateMeter; throttle: Throttle; error?: string };

const DEFAULT_RETRY = { attempts: 5, baseDelayMs: 500, maxDelayMs: 15_000 };

/**
 * The download queue: at most `concurrency` files at a time, each fetched by attemptDownload
 * (resume, verify, encrypt, atomic rename) with bounded, jittered retries of transient
 * failures. A batch lasts from the first enqueue after idle until the queue drains again;
 * progress events (throttled to 10/s per file, state changes always) carry bytes, a smoothed
 * rate and an ETA for the file and the batch.
 */
export function createDownloader(opts: DownloaderOptions): Downloader {
  const retry = opts.retry ?? DEFAULT_RETRY;
  const freeBytes = opts.freeBytes ?? statfsFreeBytes;
  const idle = opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const get = opts.fetchImpl ? fetchGet(opts.fetchImpl, idle) : rawHttpGetWith(idle, nodeHttpGetWith(idle));
  const entries = new Map<string, Entry>();
  const queue: string[] = [];
  const running = new Map<string, Promise<void>>();
  const abort = new AbortController();
  let idleWaiters: (() => void)[] = [];
  let stopped = false;
  const cacheReady = mkdir(opts.cacheDir, { recursive: true, mode: 0o700 });
  // A failure here is reported by each download that awaits it, not as an unhandled rejection.
  cacheReady.catch(() => undefined);

  const view = (e: Entry): FileProgress => {
    const rateBps = e.state === 'downloading' ? e.meter.rate : 0;
    return {
      artifactId: e.need.artifactId, assignmentIds: e.need.assignmentIds, filename: e.need.filename, state: e.state,
      bytesDone: e.bytesDone, bytesTotal: e.need.bytes, rateBps, etaSec: e.state === 'complete' ? 0 : etaSeconds(e.need.bytes - e.bytesDone, rateBps),
      ...(e.error === undefined ? {} : { error: e.error }),
    };
  };
  const batch = (): BatchProgress => {
    let bytesDone = 0, bytesTotal = 0, rateBps = 0, filesDone = 0;
    for (const e of entries.values()) {
      bytesDone += e.bytesDone;
      bytesTotal += e.need.bytes;
      if (e.state === 'downloading') rateBps += e.meter.rate;
      if (e.state === 'complete') filesDone += 1;
    }
    return { filesDone, filesTotal: entries.size, bytesDone, bytesTotal, rateBps, etaSec: etaSeconds(bytesTotal - bytesDone, rateBps) };
  };
  const emit = (e: Entry, force: boolean) => {
    e.meter.sample(e.bytesDone);
    if (e.throttle.pass(force)) opts.onProgress(view(e), batch());
  };

  // What the other running downloads will still write, so two big files do not both pass the check.
  const reservedByOthers = (self: string) => {
    let sum = 0;
    for (const id of running.keys()) {
      const e = entries.get(id);
      if (id !== self && e) sum += encryptedBytes(e.need.bytes) - encryptedBytes(e.bytesDone);
    }
    return sum;
  };

  async function download(e: Entry): Promise<string> {
    let failures = 0;
    let mismatches = 0;
    for (;;) {
      const before = e.bytesDone;
      try {
        return await attemptDownload(e.need, {
          cacheDir: opts.cacheDir, key: opts.key, auth: opts.auth, get, signal: abort.signal,
          availableBytes: async () => (await freeBytes(opts.cacheDir)) - reservedByOthers(e.need.artifactId),
          onBytes: (bytes) => {
            e.bytesDone = bytes;
            emit(e, false);
          },
        });
      } catch (err) {
        if (abort.signal.aborted || !(err instanceof DownloadError)) throw err;
        if (err.code === DOWNLOAD_ERRORS.checksumMismatch && ++mismatches <= 1) continue;
        if (!err.transient) throw err;
        // A connection cut after bytes arrived is resumed at once (a flaky link, not a down
        // hub); only attempts that got nothing back off.
        if (e.bytesDone > before) {
          failures = 0;
          continue;
        }
        if (++failures > retry.attempts) throw err;
        await sleep(backoff(failures, retry), abort.signal);
      }
    }
  }

  function start(id: string): void {
    const e = entries.get(id);
    if (!e) return;
    e.state = 'downloading';
    delete e.error;
    emit(e, true);
    const job = cacheReady
      .then(() => download(e))
      .then((path) => {
        e.state = 'complete';
        e.bytesDone = e.need.bytes;
        emit(e, true);
        opts.onVerified(id, path, e.need.sha256);
      })
      .catch((err: unknown) => {
        if (stopped) {
          e.state = 'pending';
          return;
        }
        const [code, message] = describeFailure(err, e.need.filename);
        e.state = 'error';
        e.error = message;
        emit(e, true);
        opts.onFailed(id, code, message);
      })
      .finally(() => {
        // onVerified may already have queued and started a newer version of this artifact.
        if (running.get(id) === job) running.delete(id);
        pump();
      });
    running.set(id, job);
  }

  function pump(): void {
    while (!stopped && running.size < opts.concurrency && queue.length > 0) start(queue.shift() as string);
    if (running.size === 0 && queue.length === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  return {
    enqueue(items) {
      if (stopped) return;
      if (running.size === 0 && queue.length === 0) entries.clear();
      for (const item of items) {
        const parsed = NeedSchema.safeParse(item);
        if (!parsed.success) {
          opts.onFailed(String(item.artifactId), DOWNLOAD_ERRORS.invalid, `Artifact ${String(item.artifactId)} cannot be downloaded: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
          continue;
        }
        const existing = entries.get(item.artifactId);
        if (existing?.state === 'pending' && queue.includes(item.artifactId)) {
          // Not started yet: fetch the newest version the store asks for.
          existing.need = parsed.data;
          continue;
        }
        const changed = existing?.state === 'complete' && existing.need.sha256 !== parsed.data.sha256;
        if (existing && existing.state !== 'error' && !changed) continue;
        if (queue.includes(item.artifactId)) continue;
        entries.set(item.artifactId, { need: parsed.data, state: 'pending', bytesDone: 0, meter: new RateMeter(0), throttle: new Throttle(100) });
        queue.push(item.artifactId);
      }
      pump();
    },
    status: () => ({ files: [...entries.values()].map(view), batch: batch() }),
    idle: () => (running.size === 0 && queue.length === 0 ? Promise.resolve() : new Promise<void>((done) => idleWaiters.push(done))),
    async stop() {
      stopped = true;
      queue.length = 0;
      abort.abort();
      await Promise.allSettled([...running.values(), cacheReady]);
      pump();
    },
  };
}

/** A failure as the user sees it: our own errors keep their code; a full disk anywhere is disk_full. */
function describeFailure(err: unknown, filename: string): [code: string, message: string] {
  if (err instanceof MediaError) return [err.code, err.message];
  if (isDiskFull(err)) return [DOWNLOAD_ERRORS.diskFull, `The disk is full: could not save ${filename}; free some space and download again`];
  return ['io_error', `Could not save ${filename}: ${(err as Error).message}`];
}

function backoff(failures: number, r: { baseDelayMs: number; maxDelayMs: number }): number {
  const ceiling = Math.min(r.maxDelayMs, r.baseDelayMs * 2 ** (failures - 1));
  // Jitter: many devices coming back online at once do not retry in lockstep.
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((done, fail) => {
    if (signal.aborted) return fail(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      done();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      fail(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
