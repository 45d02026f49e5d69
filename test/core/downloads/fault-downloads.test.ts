import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readPlaintextRange } from '../../../electron/core/media/encrypted-file.ts';
import { writeEncrypted, collect, makeTempDir, removeDir } from '../media/support/media-fixture.ts';
import { startFaultServer, type FaultServer } from './support/fault-server.ts';
import { makeNeed, recordingDownloader, sha256 } from './support/harness.ts';

const TOKEN = 'fault-token';
const key = randomBytes(32);
const root = makeTempDir('dl-fault');
let server: FaultServer;
let n = 0;
const freshDir = () => join(root, `cache-${++n}`);
const auth = () => ({ hubUrl: server.url, token: TOKEN });
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  server = await startFaultServer({ token: TOKEN });
});
afterEach(async () => {
  for (const s of stops.splice(0)) await s();
});
afterAll(async () => {
  await server.stop();
  removeDir(root);
});

function downloaderFor(cacheDir: string, extra: Parameters<typeof recordingDownloader>[0] extends infer O ? Partial<O> : never = {}) {
  const r = recordingDownloader({ cacheDir, key, auth, ...extra });
  stops.push(() => r.downloader.stop());
  return r;
}

const decrypted = (path: string, size: number) => collect(readPlaintextRange(path, key, 0, size - 1));

describe('downloader against a misbehaving server', () => {
  it('resumes with Range + If-Range after a cut connection, without fetching verified bytes again', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 4321);
    server.add('cut-twice', data, [{ kind: 'cut', afterBytes: 1_000_000 }, { kind: 'cut', afterBytes: 1_200_000 }]);
    const cacheDir = freshDir();
    const r = downloaderFor(cacheDir);
    r.downloader.enqueue([makeNeed('cut-twice', data)]);
    await r.downloader.idle();
    expect(r.failed).toEqual([]);
    const path = r.verified.get('cut-twice') as string;
    expect(sha256(await decrypted(path, data.length))).toBe(sha256(data));
    const reqs = server.log.filter((l) => l.artifactId === 'cut-twice');
    expect(reqs.map((q) => q.status)).toEqual([200, 206, 206]);
    expect(reqs[1]?.range).toMatch(/^bytes=\d+-$/);
    expect(reqs[1]?.ifRange).toBe(`"${sha256(data)}"`);
    expect(server.bytesServed('cut-twice')).toBeLessThan(data.length * 1.2);
    expect(await readdir(cacheDir)).toEqual(['cut-twice.enc']);
  });

  for (const via of ['default client', 'fetch'] as const) {
    it(`resumes a download that stalls half-way (${via})`, async () => {
      const data = randomBytes(1024 * 1024 + 9);
      const id = `stall-${via === 'fetch' ? 'fetch' : 'node'}`;
      server.add(id, data, [{ kind: 'stall', afterBytes: 500_000 }]);
      const r = downloaderFor(freshDir(), { idleTimeoutMs: 300, ...(via === 'fetch' ? { fetchImpl: fetch } : {}) });
      const started = performance.now();
      r.downloader.enqueue([makeNeed(id, data)]);
      await r.downloader.idle();
      expect(r.failed).toEqual([]);
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(server.log.filter((l) => l.artifactId === id).map((l) => l.status)).toEqual([200, 206]);
      expect((await decrypted(r.verified.get(id) as string, data.length)).equals(data)).toBe(true);
    });
  }

  it('uses an injected fetch instead of the default client, with the same resume behaviour', async () => {
    const data = randomBytes(1024 * 1024 + 5);
    server.add('via-fetch', data, [{ kind: 'cut', afterBytes: 400_000 }]);
    const calls: string[] = [];
    const counting: typeof fetch = (input, init) => {
      calls.push(String(input));
      return fetch(input, init);
    };
    const r = downloaderFor(freshDir(), { fetchImpl: counting });
    r.downloader.enqueue([makeNeed('via-fetch', data)]);
    await r.downloader.idle();
    expect(r.failed).toEqual([]);
    expect(calls).toEqual([`${server.url}/v1/artifacts/via-fetch`, `${server.url}/v1/artifacts/via-fetch`]);
    expect(server.log.filter((l) => l.artifactId === 'via-fetch').map((l) => l.status)).toEqual([200, 206]);
    expect((await decrypted(r.verified.get('via-fetch') as string, data.length)).equals(data)).toBe(true);
  });

  it('restarts from zero when the ETag changed between attempts: the new version, never a splice', async () => {
    const v1 = randomBytes(2 * 1024 * 1024);
    const v2 = randomBytes(2 * 1024 * 1024);
    server.add('changing', v1, [{ kind: 'cut', afterBytes: 900_000 }, { kind: 'replace', data: v2 }]);
    const r = downloaderFor(freshDir());
    r.downloader.enqueue([makeNeed('changing', v2)]);
    await r.downloader.idle();
    expect(r.failed).toEqual([]);
    expect((await decrypted(r.verified.get('changing') as string, v2.length)).equals(v2)).toBe(true);
    const reqs = server.log.filter((l) => l.artifactId === 'changing');
    expect(reqs[1]?.ifRange).toBe(`"${sha256(v1)}"`);
    expect(reqs[1]?.status).toBe(200);
    expect(reqs[1]?.bytesSent).toBe(v2.length);
  });

  it('detects flipped bytes and fetches the file again', async () => {
    const data = randomBytes(1024 * 1024);
    server.add('flipped', data, [{ kind: 'flip', at: 500_000 }]);
    const r = downloaderFor(freshDir());
    r.downloader.enqueue([makeNeed('flipped', data)]);
    await r.downloader.idle();
    expect(r.failed).toEqual([]);
    expect((await decrypted(r.verified.get('flipped') as string, data.length)).equals(data)).toBe(true);
    expect(server.log.filter((l) => l.artifactId === 'flipped').map((l) => l.status)).toEqual([200, 200]);
  });

  it('gives up with checksum_mismatch when the bytes are wrong twice, leaving nothing behind', async () => {
    const data = randomBytes(300_000);
    server.add('always-bad', data, [{ kind: 'flip', at: 10 }, { kind: 'flip', at: 20 }]);
    const cacheDir = freshDir();
    const r = downloaderFor(cacheDir);
    r.downloader.enqueue([makeNeed('always-bad', data)]);
    await r.downloader.idle();
    expect(r.verified.size).toBe(0);
    expect(r.failed).toMatchObject([{ artifactId: 'always-bad', code: 'checksum_mismatch' }]);
    expect(await readdir(cacheDir)).toEqual([]);
    expect(r.downloader.status().files[0]).toMatchObject({ state: 'error', error: expect.stringContaining('damaged') });
  });

  it('retries a 503, then succeeds', async () => {
    const data = randomBytes(100_000);
    server.add('busy', data, [{ kind: 'status', status: 503 }]);
    const r = downloaderFor(freshDir());
    r.downloader.enqueue([makeNeed('busy', data)]);
    await r.downloader.idle();
    expect(r.failed).toEqual([]);
    expect(server.log.filter((l) => l.artifactId === 'busy').map((l) => l.status)).toEqual([503, 200]);
  });

  it('reports network after bounded retries when the hub cannot be reached', async () => {
    const r = downloaderFor(freshDir(), { auth: () => ({ hubUrl: 'http://127.0.0.1:9', token: TOKEN }) });
    r.downloader.enqueue([makeNeed('unreachable', randomBytes(10))]);
    await r.downloader.idle();
    expect(r.failed).toMatchObject([{ code: 'network', message: expect.stringContaining('Cannot reach the hub') }]);
  });

  it('refuses to start when the free-space check fails, before any request', async () => {
    const data = randomBytes(200_000);
    server.add('too-big', data);
    const cacheDir = freshDir();
    const r = downloaderFor(cacheDir, { freeBytes: async () => 5 * 1024 * 1024 });
    r.downloader.enqueue([makeNeed('too-big', data, 'lesson.webm')]);
    await r.downloader.idle();
    expect(r.failed).toMatchObject([{ artifactId: 'too-big', code: 'disk_full' }]);
    expect(r.failed[0]?.message).toMatch(/^Not enough free disk space to download lesson\.webm: needs 8\.2 MB, 5\.0 MB free$/);
    expect(server.log.some((l) => l.artifactId === 'too-big')).toBe(false);
    expect(r.verified.size).toBe(0);
  });

  it('fetches each artifact once even when it is queued twice', async () => {
    const data = randomBytes(200_000);
    server.add('twice', data);
    const r = downloaderFor(freshDir());
    const need = makeNeed('twice', data);
    r.downloader.enqueue([need, need]);
    r.downloader.enqueue([need]);
    await r.downloader.idle();
    expect(server.log.filter((l) => l.artifactId === 'twice')).toHaveLength(1);
    expect(r.downloader.status().batch).toMatchObject({ filesDone: 1, filesTotal: 1, bytesDone: data.length });
  });

  it('accepts an already finished .enc that verifies, without a request', async () => {
    const data = randomBytes(150_000);
    const cacheDir = freshDir();
    mkdirSync(cacheDir, { recursive: true });
    await writeEncrypted(join(cacheDir, 'already.enc'), key, data);
    const r = downloaderFor(cacheDir);
    r.downloader.enqueue([makeNeed('already', data)]);
    await r.downloader.idle();
    expect(r.verified.get('already')).toBe(join(cacheDir, 'already.enc'));
    expect(server.log.some((l) => l.artifactId === 'already')).toBe(false);
  });

  it('replaces a finished .enc that does not verify by downloading it again', async () => {
    const data = randomBytes(150_000);
    server.add('stale-enc', data);
    const cacheDir = freshDir();
    mkdirSync(cacheDir, { recursive: true });
    await writeEncrypted(join(cacheDir, 'stale-enc.enc'), key, randomBytes(150_000));
    const r = downloaderFor(cacheDir);
    r.downloader.enqueue([makeNeed('stale-enc', data)]);
    await r.downloader.idle();
    expect(server.log.filter((l) => l.artifactId === 'stale-enc')).toHaveLength(1);
    expect((await decrypted(r.verified.get('stale-enc') as string, data.length)).equals(data)).toBe(true);
  });

  it('refuses an artifact id that is not an id (it would become a path)', async () => {
    const r = downloaderFor(freshDir());
    r.downloader.enqueue([makeNeed('../escape', randomBytes(10))]);
    await r.downloader.idle();
    expect(r.failed).toMatchObject([{ code: 'invalid' }]);
    expect(existsSync(join(root, 'escape.part'))).toBe(false);
  });
});

describe('bytes that do not match the manifest', () => {
  /** A cache that already holds one verified file, which must survive whatever comes next. */
  async function cacheWithKeptFile() {
    const cacheDir = freshDir();
    const kept = randomBytes(200_000);
    server.add(`kept-${n}`, kept);
    const r = downloaderFor(cacheDir);
    r.downloader.enqueue([makeNeed(`kept-${n}`, kept)]);
    await r.downloader.idle();
    expect(r.failed).toEqual([]);
    return { cacheDir, kept, keptId: `kept-${n}`, r };
  }

  async function onlyThatFileFailed(label: string, faults: Parameters<FaultServer['add']>[2], data: Buffer) {
    const { cacheDir, kept, keptId, r } = await cacheWithKeptFile();
    const bad = `bad-${label}`;
    const good = `good-${label}`;
    const other = randomBytes(400_000);
    server.add(bad, data, faults);
    server.add(good, other);
    r.downloader.enqueue([makeNeed(bad, data), makeNeed(good, other)]);
    await r.downloader.idle();
    expect(r.failed).toMatchObject([{ artifactId: bad, code: 'checksum_mismatch' }]);
    expect(r.downloader.status().files.find((f) => f.artifactId === bad)).toMatchObject({
      state: 'error', error: expect.stringMatching(new RegExp(`arrived damaged .*expected ${data.length} bytes`)),
    });
    expect((await decrypted(r.verified.get(good) as string, other.length)).equals(other)).toBe(true);
    expect((await decrypted(r.verified.get(keptId) as string, kept.length)).equals(kept)).toBe(true);
    // Nothing of the bad file is left behind, and nothing present was touched.
    expect((await readdir(cacheDir)).sort()).toEqual([`${good}.enc`, `${keptId}.enc`].sort());
    return server.log.filter((l) => l.artifactId === bad);
  }

  it('refuses a hub that serves more bytes than the manifest says (its Content-Length disagrees too)', async () => {
    const data = randomBytes(300_000);
    const longer = Buffer.concat([data, randomBytes(70_000)]);
    const log = await onlyThatFileFailed('longer', [1, 2, 3, 4].map(() => ({ kind: 'serve', data: longer })), data);
    expect(log.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a hub that serves fewer bytes than the manifest says and then closes cleanly', async () => {
    const data = randomBytes(300_000);
    const shorter = data.subarray(0, 230_000);
    await onlyThatFileFailed('shorter', [1, 2, 3, 4].map(() => ({ kind: 'serve', data: shorter })), data);
  });

  it('refuses other bytes sent with 200 and a different ETag on a resume, never splicing them', async () => {
    const data = randomBytes(1024 * 1024);
    const other = randomBytes(data.length);
    const log = await onlyThatFileFailed('etag', [{ kind: 'cut', afterBytes: 300_000 }, ...[1, 2, 3, 4].map(() => ({ kind: 'serve' as const, data: other }))], data);
    expect(log[1]?.ifRange).toBe(`"${sha256(data)}"`);
    expect(log[1]?.status).toBe(200);
  });
});

