import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** The little of an HTTP response the downloader needs, whichever client fetched it. */
export type ArtifactResponse = {
  status: number;
  header(name: string): string | null;
  /** Each chunk is valid only until the next is asked for: a client may read into one buffer it reuses. */
  body: AsyncIterable<Uint8Array>;
  /** Stops the body and frees the connection. */
  cancel(): Promise<void>;
};
export type ArtifactGet = (url: string, headers: Record<string, string>, signal: AbortSignal) => Promise<ArtifactResponse>;

/** How long a download may receive nothing before it counts as stalled (then resumed). */
export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;

const stalled = (ms: number) => new Error(`no data for ${ms} ms (stalled)`);

/**
 * The default client: node:http(s) directly. Streaming a large body through it costs about
 * half the CPU of fetch's web streams, which matters when SHA-256 and AES-GCM share the core.
 * A connection silent for `idleTimeoutMs` is destroyed: the attempt fails as transient.
 */
export function nodeHttpGetWith(idleTimeoutMs: number): ArtifactGet {
  return (url, headers, signal) =>
    new Promise((done, fail) => {
      const request = url.startsWith('https:') ? httpsRequest : httpRequest;
      const req = request(url, { method: 'GET', headers, signal }, (res: IncomingMessage) => {
        done({
          status: res.statusCode ?? 0,
          header: (name) => {
            const v = res.headers[name.toLowerCase()];
            return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
          },
          body: res,
          cancel: async () => {
            res.destroy();
          },
        });
      });
      req.setTimeout(idleTimeoutMs, () => req.destroy(stalled(idleTimeoutMs)));
      req.once('error', fail);
      req.end();
    });
}

export const nodeHttpGet: ArtifactGet = nodeHttpGetWith(DEFAULT_IDLE_TIMEOUT_MS);

/** An injected fetch (tests, or a host with its own network stack). */
export function fetchGet(fetchImpl: typeof fetch, idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS): ArtifactGet {
  return async (url, headers, signal) => {
    const res = await fetchImpl(url, { headers, signal });
    const body = res.body;
    const readWithin = (reader: ReadableStreamDefaultReader<Uint8Array>) =>
      new Promise<Awaited<ReturnType<typeof reader.read>>>((done, fail) => {
        const timer = setTimeout(() => {
          fail(stalled(idleTimeoutMs));
          void reader.cancel().catch(() => undefined);
        }, idleTimeoutMs);
        reader.read().then(
          (r) => {
            clearTimeout(timer);
            done(r);
          },
          (err: unknown) => {
            clearTimeout(timer);
            fail(err);
          },
        );
      });
    return {
      status: res.status,
      header: (name) => res.headers.get(name),
      body: {
        async *[Symbol.asyncIterator]() {
          if (!body) return;
          const reader = body.getReader();
          try {
            for (let r = await readWithin(reader); !r.done; r = await readWithin(reader)) yield r.value;
          } finally {
            reader.releaseLock();
          }
        },
      },
      cancel: async () => {
        await body?.cancel().catch(() => undefined);
      },
    };
  };
}
