import { rmSync } from 'node:fs';
import type { MediaResponse } from '../ports.ts';
import type { Store } from '../store/types.ts';
import { MediaIntegrityError } from './errors.ts';
import { serveMedia } from './serve-media.ts';

const RETRY_AFTER_SEC = 5;

export const TAMPERED_MESSAGE = 'The file on this device failed its integrity check; it is being downloaded again from the hub.';

const plain = (status: number, extra: Record<string, string> = {}): MediaResponse => ({
  status, headers: { 'content-type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra }, body: null,
});

/**
 * The workstation's media route. A local file that fails authentication (truncated, a chunk
 * swapped or altered, a length other than the artifact's) is never played: it is deleted,
 * recorded as not present, and fetched again from the hub (`refetch`), so playback recovers
 * by itself. The request that found it gets 503 media_tampered with Retry-After: a local
 * integrity failure, not the client's fault, and temporary. A failure found after the
 * headers went out cuts the connection (the host's part) and is handled the same way.
 */
export function createMediaRoute(store: Store, key: Buffer, refetch: () => void) {
  const tampered = (artifactId: string, path: string, err: MediaIntegrityError) => {
    console.error(`workstation: media file of ${artifactId} failed its integrity check (${err.message}); fetching it again`);
    if (store.artifacts.file(artifactId)?.path === path) {
      store.artifacts.markError(artifactId, TAMPERED_MESSAGE);
      rmSync(path, { force: true });
      refetch();
    }
  };
  const watched = (artifactId: string, path: string, body: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> => ({
    [Symbol.asyncIterator]: () => {
      const it = body[Symbol.asyncIterator]();
      return {
        next: () =>
          it.next().catch((err: unknown) => {
            if (err instanceof MediaIntegrityError) tampered(artifactId, path, err);
            throw err;
          }),
        return: async () => (await it.return?.()) ?? { done: true, value: undefined },
      };
    },
  });

  return async (artifactId: string, headers: { range?: string; ifRange?: string }, method: 'GET' | 'HEAD'): Promise<MediaResponse> => {
    const file = store.artifacts.file(artifactId);
    if (!file) return plain(404);
    try {
      const answer = await serveMedia(file, key, headers, method);
      return answer.body === null ? answer : { ...answer, body: watched(artifactId, file.path, answer.body) };
    } catch (err) {
      if (!(err instanceof MediaIntegrityError)) throw err;
      tampered(artifactId, file.path, err);
      const body = Buffer.from(JSON.stringify({ error: { code: err.code, message: TAMPERED_MESSAGE } }));
      return {
        status: 503,
        headers: { 'content-type': 'application/json', 'Cache-Control': 'no-store', 'Retry-After': String(RETRY_AFTER_SEC), 'Content-Length': String(body.length) },
        body: (async function* () {
          yield body;
        })(),
      };
    }
  };
}
