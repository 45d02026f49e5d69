import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contentRange, ifRangeMatches, parseRange, unsatisfiedRange } from '../../../../shared/http-range.ts';

/** One served file; `faults` apply to the next responses for it, in order, one per response. */
export type Fault =
  | { kind: 'cut'; afterBytes: number }
  | { kind: 'stall'; afterBytes: number }
  | { kind: 'flip'; at: number }
  | { kind: 'replace'; data: Buffer }
  /** This one response serves other bytes (its own length and ETag), the file stays as it was. */
  | { kind: 'serve'; data: Buffer }
  | { kind: 'status'; status: number };

export type Served = { data: Buffer; faults: Fault[] };
export type LoggedRequest = { artifactId: string; range?: string; ifRange?: string; status: number; bytesSent: number };

/**
 * A tiny artifact server speaking the hub's GET /v1/artifacts/{id} (Range, If-Range, strong
 * ETag = quoted SHA-256) that can misbehave on purpose: cut or stall a response, flip a byte, swap
 * the file for a new version, serve other bytes once, answer an error status, or trickle at a set rate.
 */
export async function startFaultServer(opts: { token: string; bytesPerSec?: number }) {
  const files = new Map<string, Served>();
  const log: LoggedRequest[] = [];
  const etagOf = (d: Buffer) => `"${createHash('sha256').update(d).digest('hex')}"`;

  const server: Server = createServer((req, res) => {
    const id = decodeURIComponent((req.url ?? '').replace(/^\/v1\/artifacts\//, ''));
    const entry: LoggedRequest = { artifactId: id, status: 0, bytesSent: 0, ...(req.headers.range ? { range: req.headers.range } : {}), ...(typeof req.headers['if-range'] === 'string' ? { ifRange: req.headers['if-range'] } : {}) };
    log.push(entry);
    const file = files.get(id);
    if (req.headers.authorization !== `Bearer ${opts.token}`) return end(401);
    if (!file) return end(404);
    let fault = file.faults.shift();
    if (fault?.kind === 'replace') {
      file.data = fault.data;
      fault = file.faults.shift();
    }
    if (fault?.kind === 'status') return end(fault.status);
    const data = fault?.kind === 'serve' ? fault.data : file.data;
    const etag = etagOf(data);
    const size = data.length;
    const range = ifRangeMatches(req.headers['if-range'] as string | undefined, etag) ? parseRange(req.headers.range, size) : { kind: 'full' as const };
    if (range.kind === 'unsatisfiable') {
      res.setHeader('content-range', unsatisfiedRange(size));
      return end(416);
    }
    const [start, endAt] = range.kind === 'partial' ? [range.start, range.end] : [0, size - 1];
    entry.status = range.kind === 'partial' ? 206 : 200;
    res.writeHead(entry.status, {
      'content-type': 'video/webm', 'content-length': endAt - start + 1, etag, 'accept-ranges': 'bytes',
      ...(range.kind === 'partial' ? { 'content-range': contentRange(start, endAt, size) } : {}),
    });
    const body = Buffer.from(data.subarray(start, endAt + 1));
    if (fault?.kind === 'flip' && fault.at >= start && fault.at <= endAt) body[fault.at - start] = (body[fault.at - start] as number) ^ 0xff;
    const limit = fault?.kind === 'cut' || fault?.kind === 'stall' ? fault.afterBytes : body.length;
    // A stalled response keeps its connection open and sends nothing more.
    void send(body, limit, entry).then(() => fault?.kind === 'stall' ? undefined : limit < body.length ? res.destroy() : res.end());

    function end(status: number) {
      entry.status = status;
      res.statusCode = status;
      res.end();
    }
    async function send(b: Buffer, upTo: number, e: LoggedRequest) {
      const piece = 64 * 1024;
      for (let at = 0; at < upTo && !res.destroyed; at += piece) {
        const part = b.subarray(at, Math.min(upTo, at + piece));
        if (!res.write(part)) await new Promise((r) => res.once('drain', r));
        e.bytesSent += part.length;
        if (opts.bytesPerSec) await new Promise((r) => setTimeout(r, (part.length / opts.bytesPerSec!) * 1000));
      }
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    log,
    files,
    add(id: string, data: Buffer, faults: Fault[] = []) {
      files.set(id, { data, faults });
    },
    bytesServed: (id: string) => log.filter((l) => l.artifactId === id).reduce((n, l) => n + l.bytesSent, 0),
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
export type FaultServer = Awaited<ReturnType<typeof startFaultServer>>;
