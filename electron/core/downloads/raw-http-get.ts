import { connect, type Socket } from 'node:net';
import type { ArtifactGet, ArtifactResponse } from './http-get.ts';

/** Bytes read from the socket at a time, into one buffer per connection that is reused. */
const READ_BYTES = 1024 * 1024;
/** A response head longer than this is not a hub's. */
const MAX_HEAD_BYTES = 64 * 1024;
const HEAD_END = Buffer.from('\r\n\r\n');

type Head = { status: number; headers: Map<string, string>; rest: Buffer };

/**
 * A plain-HTTP artifact client on a bare socket, for the downloader's hot path. node:http
 * allocates a fresh 64 KiB buffer for every read; here each connection reads 1 MiB at a time
 * into one buffer it keeps, and pauses the socket until the consumer has taken the chunk.
 * That halves the CPU the download spends beside SHA-256 and AES-GCM (the benchmark measures
 * it). A chunk handed out is valid only until the next one is asked for: the downloader hashes
 * and encrypts it before asking. Only Content-Length bodies are read here; a 200/206 framed
 * any other way (chunked, through some proxy) is fetched again with `fallback`.
 */
export function rawHttpGetWith(idleTimeoutMs: number, fallback: ArtifactGet): ArtifactGet {
  return async (url, headers, signal) => {
    const u = new URL(url);
    if (u.protocol !== 'http:') return fallback(url, headers, signal);
    const conn = openConnection(u, headers, idleTimeoutMs, signal);
    const head = await conn.head;
    const length = head.headers.get('content-length');
    const framed = length !== undefined && /^\d+$/.test(length) && !head.headers.has('transfer-encoding');
    if ((head.status === 200 || head.status === 206) && !framed) {
      conn.socket.destroy();
      return fallback(url, headers, signal);
    }
    const total = framed ? Number(length) : 0;
    return {
      status: head.status,
      header: (name) => head.headers.get(name.toLowerCase()) ?? null,
      body: conn.body(head.rest, total),
      cancel: async () => {
        conn.socket.destroy();
      },
    } satisfies ArtifactResponse;
  };
}

function openConnection(u: URL, headers: Record<string, string>, idleTimeoutMs: number, signal: AbortSignal) {
  const buffer = Buffer.allocUnsafe(READ_BYTES);
  // Reads before the head is complete are copied here; once it is, each read is handed over.
  let headBytes: Buffer[] = [];
  let headLength = 0;
  let onHead: ((h: Head) => void) | null = null;
  let onChunk: ((b: Buffer) => void) | null = null;
  let failure: Error | null = null;
  let onFailure: ((e: Error) => void) | null = null;
  let ended = false;
  const fail = (err: Error) => {
    if (failure) return;
    failure = err;
    onFailure?.(err);
    socket.destroy();
  };

  const socket: Socket = connect({
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: Number(u.port || 80),
    onread: {
      buffer,
      callback: (n: number) => {
        if (onHead) {
          headBytes.push(Buffer.from(buffer.subarray(0, n)));
          headLength += n;
          const all = Buffer.concat(headBytes, headLength);
          const end = all.indexOf(HEAD_END);
          if (end < 0) {
            if (headLength > MAX_HEAD_BYTES) fail(new Error(`the response head is over ${MAX_HEAD_BYTES} bytes`));
            return true;
          }
          headBytes = [];
          const parsed = parseHead(all.subarray(0, end).toString('latin1'));
          if (parsed instanceof Error) {
            fail(parsed);
            return false;
          }
          const done = onHead;
          onHead = null;
          done({ ...parsed, rest: all.subarray(end + 4) });
          return false;
        }
        const take = onChunk;
        onChunk = null;
        take?.(buffer.subarray(0, n));
        // Paused until the consumer asks for the next chunk: the buffer is then free again.
        return false;
      },
    },
  });
  socket.setNoDelay(true);
  socket.setTimeout(idleTimeoutMs, () => fail(new Error(`no data for ${idleTimeoutMs} ms (stalled)`)));
  socket.once('error', (err) => fail(err));
  socket.once('end', () => {
    ended = true;
    onChunk?.(Buffer.alloc(0));
  });
  socket.once('close', () => fail(new Error('the connection closed')));
  const onAbort = () => fail(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  socket.once('close', () => signal.removeEventListener('abort', onAbort));

  const lines = [`GET ${u.pathname}${u.search} HTTP/1.1`, `Host: ${u.host}`, 'Connection: close'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  socket.write(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');

  const waitFor = <T>(register: (done: (v: T) => void) => void) =>
    new Promise<T>((done, reject) => {
      if (failure) return reject(failure);
      onFailure = reject;
      register(done);
    });

  return {
    socket,
    head: waitFor<Head>((done) => (onHead = done)),
    async *body(rest: Buffer, total: number): AsyncGenerator<Uint8Array> {
      let left = total;
      try {
        if (rest.length > 0 && left > 0) {
          const piece = rest.subarray(0, left);
          left -= piece.length;
          yield piece;
        }
        while (left > 0) {
          const chunk = await waitFor<Buffer>((done) => {
            onChunk = done;
            socket.resume();
          });
          if (chunk.length === 0 && ended) throw new Error(`the connection closed ${total - left} of ${total} bytes in`);
          const piece = chunk.length > left ? chunk.subarray(0, left) : chunk;
          left -= piece.length;
          yield piece;
        }
      } finally {
        socket.destroy();
      }
    },
  };
}

function parseHead(text: string): Omit<Head, 'rest'> | Error {
  const [statusLine = '', ...rest] = text.split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(statusLine);
  if (!m) return new Error(`not an HTTP response: ${JSON.stringify(statusLine.slice(0, 80))}`);
  const headers = new Map<string, string>();
  for (const line of rest) {
    const colon = line.indexOf(':');
    if (colon <= 0) return new Error(`malformed response header ${JSON.stringify(line.slice(0, 80))}`);
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
  }
  return { status: Number(m[1]), headers };
}
