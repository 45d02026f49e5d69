import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPlaintextPrefix, readPlaintextRange } from '../../../electron/core/media/encrypted-file.ts';
import { collect, makeTempDir, removeDir } from '../media/support/media-fixture.ts';
import { startFaultServer, type FaultServer } from './support/fault-server.ts';
import { makeNeed, recordingDownloader, sha256 } from './support/harness.ts';

const TOKEN = 'kill-token';
const CHILD = join(import.meta.dirname, 'support/download-child.ts');
const root = makeTempDir('dl-kill');
let server: FaultServer;

beforeAll(async () => {
  // Trickled, so the file is still arriving when the child is killed.
  server = await startFaultServer({ token: TOKEN, bytesPerSec: 6 * 1024 * 1024 });
});
afterAll(async () => {
  await server.stop();
  removeDir(root);
});

it('a download killed mid-file resumes from its verified chunks without fetching them again', async () => {
  const data = randomBytes(6 * 1024 * 1024 + 999);
  server.add('killed', data);
  const key = randomBytes(32);
  const cacheDir = join(root, 'cache');
  const need = makeNeed('killed', data);
  const part = join(cacheDir, 'killed.part');

  const child = spawn(process.execPath, [CHILD, JSON.stringify({ cacheDir, keyHex: key.toString('hex'), hubUrl: server.url, token: TOKEN, need })], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<NodeJS.Signals | null>((done) => child.once('exit', (_code, signal) => done(signal)));
  const deadline = Date.now() + 20_000;
  for (;;) {
    const size = await stat(part).then((s) => s.size, () => 0);
    if (size >= data.length * 0.4) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the child never reached 40 % (${size} bytes): ${output}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  expect(output).not.toContain('verified');

  const kept = (await hashPlaintextPrefix(part, key)).bytes;
  expect(kept).toBeGreaterThan(data.length * 0.3);
  expect(kept).toBeLessThan(data.length);

  const r = recordingDownloader({ cacheDir, key, auth: () => ({ hubUrl: server.url, token: TOKEN }) });
  const startedAt = performance.now();
  r.downloader.enqueue([need]);
  await r.downloader.idle();
  const idleAt = performance.now();
  await r.downloader.stop();
  expect(r.failed).toEqual([]);
  const reqs = server.log.filter((l) => l.artifactId === 'killed');
  expect(reqs).toHaveLength(2);
  expect(reqs[1]).toMatchObject({ range: `bytes=${kept}-`, ifRange: `"${sha256(data)}"`, status: 206, bytesSent: data.length - kept });
  expect(server.bytesServed('killed')).toBeLessThan(data.length * 1.7);
  // Progress restarted from the kept bytes, not from zero.
  expect(r.progress.find((p) => p.file.bytesDone > 0)?.file.bytesDone).toBeGreaterThanOrEqual(kept);
  const got = await collect(readPlaintextRange(r.verified.get('killed') as string, key, 0, data.length - 1));
  expect(got.equals(data)).toBe(true);

  // Progress while bytes flow: throttled to ≤ 10 events/s, with a plausible rate and an ETA.
  // Each throttled event passed at least 100 ms after the one before it (the forced start
  // included), and all of them inside the download, so the download's span bounds their count.
  // Gaps between the listener's own timestamps do not: a busy machine can delay one callback
  // a few ms after its throttle check and not the next (seen: 92.8 ms with both cores busy);
  // test/core/downloads/progress.test.ts checks the gaps on the throttle's own clock.
  const flowing = r.progress.filter((p) => p.file.state === 'downloading').slice(1);
  expect(flowing.length).toBeGreaterThan(2);
  expect(flowing.length).toBeLessThanOrEqual(Math.floor((idleAt - startedAt) / 100));
  const late = flowing.at(-1)!.file;
  expect(late.rateBps).toBeGreaterThan(256 * 1024);
  expect(late.rateBps).toBeLessThan(60 * 1024 * 1024);
  expect(late.etaSec).toBeTypeOf('number');
  expect(flowing.at(-1)!.batch).toMatchObject({ filesTotal: 1, filesDone: 0, bytesTotal: data.length });
});

it('stop() mid-file keeps the partial file, and the next downloader resumes it', async () => {
  const data = randomBytes(4 * 1024 * 1024);
  server.add('stopped', data);
  const key = randomBytes(32);
  const cacheDir = join(root, 'stop-cache');
  const auth = () => ({ hubUrl: server.url, token: TOKEN });
  const first = recordingDownloader({ cacheDir, key, auth });
  first.downloader.enqueue([makeNeed('stopped', data)]);
  while (!first.progress.some((p) => p.file.bytesDone > data.length * 0.3)) await new Promise((r) => setTimeout(r, 20));
  await first.downloader.stop();
  await first.downloader.idle();
  expect(first.failed).toEqual([]);
  expect(first.verified.size).toBe(0);
  expect(first.downloader.status().files[0]?.state).toBe('pending');
  const kept = (await hashPlaintextPrefix(join(cacheDir, 'stopped.part'), key)).bytes;
  expect(kept).toBeGreaterThan(0);

  const second = recordingDownloader({ cacheDir, key, auth });
  second.downloader.enqueue([makeNeed('stopped', data)]);
  await second.downloader.idle();
  await second.downloader.stop();
  expect(second.failed).toEqual([]);
  expect(server.log.filter((l) => l.artifactId === 'stopped').at(-1)).toMatchObject({ range: `bytes=${kept}-`, status: 206 });
  expect((await collect(readPlaintextRange(second.verified.get('stopped') as string, key, 0, data.length - 1))).equals(data)).toBe(true);
});
