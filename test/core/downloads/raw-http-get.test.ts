import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeHttpGetWith, type ArtifactResponse } from '../../../electron/core/downloads/http-get.ts';
import { rawHttpGetWith } from '../../../electron/core/downloads/raw-http-get.ts';

// The downloader's bare-socket client, against a TCP server that writes responses byte for
// byte: a head split over many packets, a chunked body (handed to node:http), a cut body, a
// silent server, and a response that is not HTTP at all.
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

async function serve(answer: (socket: Socket, request: string) => void): Promise<string> {
  const server = createServer((socket) => {
    let request = '';
    socket.on('data', (c: Buffer) => {
      request += c.toString('latin1');
      if (request.includes('\r\n\r\n')) answer(socket, request);
    });
    socket.on('error', () => undefined);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/artifacts/a1`;
}

const get = rawHttpGetWith(2_000, nodeHttpGetWith(2_000));
const collect = async (res: ArtifactResponse) => {
  const parts: Buffer[] = [];
  // Each chunk is copied: the client reuses its buffer for the next read.
  for await (const chunk of res.body) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
};
const signal = () => new AbortController().signal;

describe('raw HTTP artifact client', () => {
  it('reads a Content-Length body whose head arrives a few bytes at a time, and sends the headers it was given', async () => {
    const body = randomBytes(3 * 1024 * 1024 + 17);
    let seen = '';
    const url = await serve((socket, request) => {
      seen = request;
      const head = Buffer.from(`HTTP/1.1 206 Partial Content\r\nContent-Length: ${body.length}\r\nETag: "abc"\r\n\r\n`, 'latin1');
      let at = 0;
      const drip = () => {
        if (at < head.length) {
          socket.write(head.subarray(at, (at += 5)));
          setImmediate(drip);
        } else socket.end(body);
      };
      drip();
    });
    const res = await get(url, { authorization: 'Bearer t0k', range: 'bytes=10-' }, signal());
    expect(res.status).toBe(206);
    expect(res.header('ETag')).toBe('"abc"');
    expect((await collect(res)).equals(body)).toBe(true);
    expect(seen).toMatch(/^GET \/v1\/artifacts\/a1 HTTP\/1\.1\r\n/);
    expect(seen).toContain('\r\nauthorization: Bearer t0k\r\n');
    expect(seen).toContain('\r\nrange: bytes=10-\r\n');
  });

  it('hands a chunked 200 to the fallback client, which decodes it', async () => {
    const url = await serve((socket) => {
      socket.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n');
    });
    const res = await get(url, {}, signal());
    expect(res.status).toBe(200);
    expect((await collect(res)).toString()).toBe('hello world');
  });

  it('fails the body, naming how far it got, when the connection closes early', async () => {
    const url = await serve((socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789'));
    const res = await get(url, {}, signal());
    await expect(collect(res)).rejects.toThrow(/closed 10 of 100 bytes in/);
  });

  it('fails a connection that goes silent as stalled', async () => {
    const url = await serve((socket) => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n01234'));
    const res = await get(url, {}, signal());
    await expect(collect(res)).rejects.toThrow(/no data for 2000 ms \(stalled\)/);
  });

  it('rejects an answer that is not HTTP', async () => {
    const url = await serve((socket) => socket.end('SSH-2.0-OpenSSH\r\n\r\n'));
    await expect(get(url, {}, signal())).rejects.toThrow(/not an HTTP response/);
  });

  it('stops at once when aborted', async () => {
    const url = await serve((socket) => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n'));
    const abort = new AbortController();
    const res = await get(url, {}, abort.signal);
    const reading = collect(res);
    abort.abort(new Error('stopped by the test'));
    await expect(reading).rejects.toThrow(/stopped by the test/);
  });
});
