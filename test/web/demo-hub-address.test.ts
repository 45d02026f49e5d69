// The demo hub's address per data folder, with the in-process hub the Electron main starts
// (`npm start -- --demo`): the remembered port is asked for again, a taken one is left for a
// new port with the move reported, and a damaged record only costs the old address.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHub, type Hub } from '../../server/app.ts';
import { rememberDemoHub, startDemoHubAt } from '../../electron/web/demo-hub-address.ts';

const base = mkdtempSync(join(tmpdir(), 'assay-demo-address-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

// No past work: addresses do not depend on the data, and the year takes a while to seed.
const start = (dir: string, demo = true) => startDemoHubAt(dir, (port) => createHub({ dataDir: join(dir, 'demo-hub'), demo, demoHistory: 'none', host: '127.0.0.1', port }));

const listenOn = (port: number) =>
  new Promise<Server>((done, fail) => {
    const server = createServer((socket) => socket.destroy());
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done(server));
  });

async function signIn(hub: Hub): Promise<number> {
  const res = await fetch(`${hub.url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'assessor1', password: 'demo', deviceName: 'probe' }) });
  return res.status;
}

describe('the demo hub address', () => {
  it('comes back on the remembered port, and moves (saying from where) when that port is taken', async () => {
    const dir = join(base, 'profile');
    const first = await start(dir);
    expect(first.moved).toBeNull();
    rememberDemoHub(dir, first.hub.url);
    await first.hub.close();

    const again = await start(dir);
    expect(again).toMatchObject({ hub: { url: first.hub.url }, moved: null });
    expect(await signIn(again.hub)).toBe(201);
    await again.hub.close();

    const squatter = await listenOn(first.hub.port);
    try {
      const moved = await start(dir);
      expect(moved.hub.url).not.toBe(first.hub.url);
      expect(moved.moved).toEqual({ from: first.hub.url, to: moved.hub.url });
      // The same hub, data and accounts, at the new address.
      expect(await signIn(moved.hub)).toBe(201);
      await moved.hub.close();
    } finally {
      await new Promise((done) => squatter.close(done));
    }
  });

  it('starts on a free port with nothing to re-point when the record is missing or damaged', async () => {
    const records = [null, '{"url":"http://127.0.0.1:0"}', '{"url":"http://127.0.0.1:99999"}', '{"url":"http://evil.test:8080"}', 'not json'];
    for (const [i, content] of records.entries()) {
      const dir = join(base, `record-${i}`);
      mkdirSync(dir, { recursive: true });
      if (content !== null) writeFileSync(join(dir, 'demo-hub.json'), content);
      // The address logic does not depend on the data: an empty hub spares five demo seedings.
      const { hub, moved } = await start(dir, false);
      expect(moved).toBeNull();
      expect(hub.port).toBeGreaterThan(0);
      await hub.close();
    }
  });
});
