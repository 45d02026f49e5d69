import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamFile } from '../../electron/web/static-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'assay-stream-'));
let server: Server;
let base: string;

beforeAll(async () => {
  writeFileSync(join(dir, 'here.txt'), 'still here');
  // Headers first (as after a stat), then the file: the way the router serves static files.
  server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '10' });
    void streamFile(join(dir, (req.url ?? '/').slice(1)), res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  rmSync(dir, { recursive: true, force: true });
});

describe('streaming a static file', () => {
  it('cuts only that response when the file vanished after its headers went out, and keeps serving', async () => {
    // The connection is cut (the headers may not even have left): the client sees a failure, not a short 200.
    await expect(fetch(`${base}/vanished.txt`).then((r) => r.arrayBuffer())).rejects.toThrow();
    const here = await fetch(`${base}/here.txt`);
    expect(await here.text()).toBe('still here');
  });
});
