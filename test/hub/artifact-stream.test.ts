import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamFileRange } from '../../server/routes/artifact-stream.ts';

// Several 1 MiB reads and an odd tail, so buffers are reused and the last read is short.
const data = randomBytes(9 * 1024 * 1024 + 123);
const dir = mkdtempSync(join(tmpdir(), 'assay-artifact-stream-'));
const path = join(dir, 'artifact');
let server: Server;
let url: string;
let served: Promise<void>[] = [];
const openFds = () => readdirSync('/proc/self/fd').length;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  writeFileSync(path, data);
  // GET /<start>/<end>/<file>: that range of the named file in this folder.
  server = createServer((req, res) => {
    const [, start, end, name] = (req.url ?? '').split('/');
    res.writeHead(200, { 'content-length': Number(end) - Number(start) + 1 });
    served.push(streamFileRange(join(dir, name ?? ''), Number(start), Number(end), res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

function request(p: string): Promise<IncomingMessage> {
  return new Promise((done, fail) => get(`${url}${p}`, done).once('error', fail));
}

async function readAll(res: IncomingMessage, pauseEveryBytes = Infinity): Promise<Buffer> {
  const parts: Buffer[] = [];
  let sincePause = 0;
  for await (const chunk of res) {
    parts.push(chunk as Buffer);
    sincePause += (chunk as Buffer).length;
    if (sincePause >= pauseEveryBytes) {
      sincePause = 0;
      await new Promise((r) => setTimeout(r, 30));
    }
  }
  return Buffer.concat(parts);
}

describe('streamFileRange', () => {
  it('streams a whole file and an inner range byte for byte', async () => {
    const whole = await readAll(await request(`/0/${data.length - 1}/artifact`));
    expect(sha(whole)).toBe(sha(data));
    const inner = await readAll(await request(`/1048570/3145740/artifact`));
    expect(inner.equals(data.subarray(1048570, 3145741))).toBe(true);
  });

  it('keeps the bytes intact for a slow reader that fills the socket (buffers are reused only once sent)', async () => {
    const body = await readAll(await request(`/0/${data.length - 1}/artifact`), 2 * 1024 * 1024);
    expect(body.length).toBe(data.length);
    expect(sha(body)).toBe(sha(data));
  });

  it('stops quietly and closes the file when the client goes away mid-file', async () => {
    served = [];
    const before = openFds();
    const res = await request(`/0/${data.length - 1}/artifact`);
    await new Promise((r) => res.once('data', r));
    res.destroy();
    await Promise.all(served);
    expect(openFds()).toBeLessThanOrEqual(before);
  });

  it('cuts the connection when the file cannot be read, without throwing in the server', async () => {
    served = [];
    await expect(request('/0/99/no-such-file')).rejects.toThrow(/socket hang up/);
    expect(served).toHaveLength(1);
    await expect(served[0]).resolves.toBeUndefined();
  });
});
