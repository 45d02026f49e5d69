import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDownloader } from '../../../electron/core/downloads/downloader.ts';
import { readPlaintextRange } from '../../../electron/core/media/encrypted-file.ts';
import type { ArtifactNeed } from '../../../electron/core/store/types.ts';
import type { RunningHub } from '../../support/hub.ts';
import { collect, makeTempDir, removeDir } from '../media/support/media-fixture.ts';
import { recordingDownloader } from './support/harness.ts';
import { startSeededHub } from './support/seeded-hub.ts';

const root = makeTempDir('dl-hub');
const key = randomBytes(32);
let hub: RunningHub;
let token: string;
let needs: ArtifactNeed[];
let plain: Map<string, Buffer>;
let n = 0;
const freshDir = () => join(root, `cache-${++n}`);

beforeAll(async () => {
  const seedDir = join(root, 'seed');
  mkdirSync(seedDir);
  ({ hub, token, needs, plain } = await startSeededHub(seedDir, [3 * 1024 * 1024 + 17, 1024 * 1024, 200_000]));
});
afterAll(async () => {
  await hub?.stop();
  removeDir(root);
});

const auth = () => ({ hubUrl: hub.url, token });
const need = (i: number) => needs[i] as ArtifactNeed;

describe('downloader against the real hub', () => {
  it('downloads a batch, verifies and encrypts every file, and reports progress per file and batch', async () => {
    const cacheDir = freshDir();
    const r = recordingDownloader({ cacheDir, key, auth });
    r.downloader.enqueue(needs);
    expect(r.downloader.status().batch).toMatchObject({ filesTotal: 3, filesDone: 0 });
    await r.downloader.idle();
    await r.downloader.stop();
    expect(r.failed).toEqual([]);
    expect([...r.verified.keys()].sort()).toEqual(needs.map((x) => x.artifactId).sort());
    for (const x of needs) {
      const got = await collect(readPlaintextRange(r.verified.get(x.artifactId) as string, key, 0, x.bytes - 1));
      expect(got.equals(plain.get(x.artifactId) as Buffer)).toBe(true);
    }
    expect((await readdir(cacheDir)).sort()).toEqual(needs.map((x) => `${x.artifactId}.enc`).sort());

    for (const x of needs) {
      const events = r.progress.filter((p) => p.file.artifactId === x.artifactId).map((p) => p.file);
      expect(events[0]?.state).toBe('downloading');
      expect(events.at(-1)).toMatchObject({ state: 'complete', bytesDone: x.bytes, bytesTotal: x.bytes, etaSec: 0, filename: x.filename, assignmentIds: x.assignmentIds });
      const done = events.map((e) => e.bytesDone);
      expect(done).toEqual([...done].sort((a, b) => a - b));
    }
    const total = needs.reduce((s, x) => s + x.bytes, 0);
    expect(r.progress.at(-1)?.batch).toMatchObject({ filesDone: 3, filesTotal: 3, bytesDone: total, bytesTotal: total });
    expect(r.downloader.status().files.every((f) => f.state === 'complete')).toBe(true);
  });

  it('maps a refused token to unauthorized and an unknown artifact to not_found', async () => {
    const r = recordingDownloader({ cacheDir: freshDir(), key, auth: () => ({ hubUrl: hub.url, token: 'not-a-token' }) });
    r.downloader.enqueue([need(2)]);
    await r.downloader.idle();
    expect(r.failed).toMatchObject([{ code: 'unauthorized' }]);

    const r2 = recordingDownloader({ cacheDir: freshDir(), key, auth });
    r2.downloader.enqueue([{ ...need(2), artifactId: 'art-does-not-exist' }]);
    await r2.downloader.idle();
    expect(r2.failed).toMatchObject([{ artifactId: 'art-does-not-exist', code: 'not_found' }]);

    const r3 = recordingDownloader({ cacheDir: freshDir(), key, auth: () => null });
    r3.downloader.enqueue([need(2)]);
    await r3.downloader.idle();
    expect(r3.failed).toMatchObject([{ code: 'unauthorized', message: expect.stringContaining('Not signed in') }]);
  });

  it('downloads an artifact again when it returns with a new SHA-256 after it completed', async () => {
    const shas: string[] = [];
    const changed = { ...need(2), sha256: 'f'.repeat(64) };
    const failed: { artifactId: string; code: string }[] = [];
    const d = createDownloader({
      cacheDir: freshDir(), key, auth, concurrency: 1, retry: { attempts: 1, baseDelayMs: 10, maxDelayMs: 10 },
      onProgress: () => undefined,
      onVerified: (_id, _path, sha) => {
        shas.push(sha);
        // The batch is still running: a sync reports that the hub replaced this file.
        d.enqueue([changed]);
      },
      onFailed: (artifactId, code) => failed.push({ artifactId, code }),
    });
    d.enqueue([need(2)]);
    await d.idle();
    await d.stop();
    expect(shas).toEqual([need(2).sha256]);
    // The hub still serves the old bytes, so the new version cannot verify: it was really fetched again.
    expect(failed).toEqual([{ artifactId: need(2).artifactId, code: 'checksum_mismatch' }]);
  });

  describe('on a full disk (2 MB tmpfs)', () => {
    let mountDir: string;
    beforeAll(() => {
      mountDir = join(root, 'tiny');
      mkdirSync(mountDir);
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountDir], { stdio: 'pipe' });
      } catch (err) {
        throw new Error(`This test needs to mount a 2 MB tmpfs (run as root, or in a container with CAP_SYS_ADMIN): ${(err as Error).message}`, { cause: err });
      }
    });
    afterAll(() => {
      execFileSync('umount', [mountDir]);
    });

    it('ENOSPC in the middle of a file gives disk_full and registers nothing', async () => {
      const cacheDir = join(mountDir, 'mid-write');
      // The space check is told there is plenty, so the write itself runs out of room.
      const r = recordingDownloader({ cacheDir, key, auth, freeBytes: async () => 1024 ** 4 });
      r.downloader.enqueue([need(0)]);
      await r.downloader.idle();
      expect(r.verified.size).toBe(0);
      expect(r.failed).toMatchObject([{ artifactId: need(0).artifactId, code: 'disk_full', message: expect.stringContaining('disk filled up') }]);
      expect(await readdir(cacheDir)).toEqual([]);
      expect(r.downloader.status().files[0]).toMatchObject({ state: 'error' });
    });

    it('the free-space check refuses a file the disk cannot hold, before downloading', async () => {
      const cacheDir = join(mountDir, 'precheck');
      const r = recordingDownloader({ cacheDir, key, auth });
      r.downloader.enqueue([need(0)]);
      await r.downloader.idle();
      expect(r.verified.size).toBe(0);
      expect(r.failed[0]?.code).toBe('disk_full');
      expect(r.failed[0]?.message).toMatch(new RegExp(`^Not enough free disk space to download ${need(0).filename.replace('.', '\\.')}: needs 11\\.0 MB, [12]\\.\\d MB free$`));
      expect(await readdir(cacheDir)).toEqual([]);
    });
  });
});
