import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startWebHost } from '../../electron/web/host.ts';

const base = mkdtempSync(join(tmpdir(), 'assay-web-close-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('web host shutdown', () => {
  it('ends within a couple of seconds although a client stopped reading a large response', async () => {
    const rendererRoot = join(base, 'renderer');
    mkdirSync(join(rendererRoot, 'assets'), { recursive: true });
    writeFileSync(join(rendererRoot, 'index.html'), '<!doctype html><title>Assay</title>');
    // Far more than the socket buffers hold, so the server's writes must wait for the client.
    writeFileSync(join(rendererRoot, 'assets/big.png'), Buffer.alloc(48 * 1024 * 1024, 1));
    const host = await startWebHost({ dataDir: join(base, 'data'), rendererRoot });

    const socket = connect(host.port, '127.0.0.1');
    let received = 0;
    await new Promise<void>((done) => {
      socket.once('connect', () => {
        socket.write(`GET /assets/big.png HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n\r\n`);
        socket.once('data', (chunk: Buffer) => {
          received += chunk.length;
          socket.pause();
          done();
        });
      });
    });
    const closedByServer = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('error', () => undefined);
    await new Promise((r) => setTimeout(r, 200));

    const started = performance.now();
    await host.close();
    expect(performance.now() - started).toBeLessThan(2_000);
    socket.resume();
    await closedByServer;
    expect(received).toBeGreaterThan(0);
  });
});
