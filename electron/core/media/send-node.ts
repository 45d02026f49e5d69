import type { ServerResponse } from 'node:http';
import type { MediaResponse } from '../ports.ts';
import { MediaError } from './errors.ts';

/**
 * Writes a MediaResponse to a node:http response, honouring backpressure (the next chunk is
 * decrypted only when the socket has room) and stopping as soon as the client goes away
 * (a seeking <video> aborts requests all the time). The first chunk is decrypted before the
 * headers go out, so a tampered file yields a clean 500 rather than a truncated 200; a
 * failure later on can only cut the connection. Resolves when the exchange is over.
 */
export async function sendMediaResponse(res: ServerResponse, r: MediaResponse): Promise<void> {
  if (r.body === null) {
    res.writeHead(r.status, r.headers);
    res.end();
    return;
  }
  const it = r.body[Symbol.asyncIterator]();
  let first: IteratorResult<Uint8Array>;
  try {
    first = await it.next();
  } catch (err) {
    const code = err instanceof MediaError ? err.code : 'internal';
    res.writeHead(500, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify({ error: { code, message: 'The media file could not be read' } }));
    return;
  }
  res.writeHead(r.status, r.headers);
  const closed = new Promise<void>((done) => res.once('close', done));
  try {
    for (let step = first; !step.done; step = await it.next()) {
      if (res.destroyed) break;
      if (!res.write(step.value)) {
        await Promise.race([new Promise<void>((done) => res.once('drain', done)), closed]);
      }
    }
    if (!res.destroyed) res.end();
  } catch {
    res.destroy();
  } finally {
    await it.return?.();
  }
}
