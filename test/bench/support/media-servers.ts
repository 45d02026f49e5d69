// Two loopback servers for the same bytes: the workstation's media route (decrypting on the
// fly) and a plain Range file server (fs.createReadStream), plus a client that reads ranges
// from either and counts the bytes.
import { createReadStream } from 'node:fs';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendMediaResponse } from '../../../electron/core/media/send-node.ts';
import { serveMedia } from '../../../electron/core/media/serve-media.ts';
import { contentRange, parseRange } from '../../../shared/http-range.ts';

/** A range read that receives nothing this long fails the benchmark instead of hanging it. */
const READ_TIMEOUT_MS = 30_000;

const listen = async (server: Server) => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
};

/**
 * The plain server answers like the media route does (same Content-Type, Cache-Control:
 * no-store), so a browser caches neither and the two differ only in how the bytes are read.
 */
export async function startMediaServers(o: { plainPath: string; encPath: string; key: Buffer; bytes: number; mediaType?: string }) {
  const mediaType = o.mediaType ?? 'video/webm';
  const file = { artifactId: 'bench', path: o.encPath, bytes: o.bytes, sha256: '0'.repeat(64), mediaType };
  // What each server was asked for and sent: a player that re-fetches shows up here.
  const served = { media: { requests: 0, bytes: 0 }, plain: { requests: 0, bytes: 0 } };
  const count = (side: keyof typeof served, res: import('node:http').ServerResponse) => {
    served[side].requests += 1;
    const write = res.write.bind(res);
    res.write = ((chunk: Uint8Array, ...rest: never[]) => {
      served[side].bytes += chunk.length;
      return write(chunk, ...rest);
    }) as typeof res.write;
  };
  const media = createServer((req, res) => {
    count('media', res);
    void serveMedia(file, o.key, { range: req.headers.range }, 'GET').then((r) => sendMediaResponse(res, r));
  });
  const plain = createServer((req, res) => {
    count('plain', res);
    const r = parseRange(req.headers.range, o.bytes);
    const [start, end] = r.kind === 'partial' ? [r.start, r.end] : [0, o.bytes - 1];
    res.writeHead(r.kind === 'partial' ? 206 : 200, {
      'content-length': end - start + 1, 'accept-ranges': 'bytes', 'content-type': mediaType, 'cache-control': 'no-store',
      ...(r.kind === 'partial' ? { 'content-range': contentRange(start, end, o.bytes) } : {}),
    });
    createReadStream(o.plainPath, { start, end, highWaterMark: 1024 * 1024 }).pipe(res);
  });
  const [mediaUrl, plainUrl] = [await listen(media), await listen(plain)];
  return {
    mediaUrl,
    plainUrl,
    /** Counts so far; take a copy before and after to see one measurement's share. */
    served: () => structuredClone(served),
    stop: async () => {
      await new Promise((r) => media.close(r));
      await new Promise((r) => plain.close(r));
    },
  };
}

export async function readRangesOverHttp(url: string, ranges: readonly [number, number][]): Promise<number> {
  let bytes = 0;
  for (const [start, end] of ranges) {
    bytes += await new Promise<number>((done, fail) => {
      const req = get(url, { headers: { range: `bytes=${start}-${end}` } }, async (res) => {
        let n = 0;
        for await (const chunk of res) n += (chunk as Buffer).length;
        if (res.statusCode !== 206 || n !== end - start + 1) fail(new Error(`range ${start}-${end}: HTTP ${res.statusCode}, ${n} bytes`));
        else done(n);
      });
      req.setTimeout(READ_TIMEOUT_MS, () => req.destroy(new Error(`timed out after ${READ_TIMEOUT_MS} ms of silence waiting for bytes ${start}-${end} from ${url}`)));
      req.once('error', fail);
    });
  }
  return bytes;
}
