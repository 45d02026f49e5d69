import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readlinkSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { artifactPaths, attemptDownload } from '../../../electron/core/downloads/fetch-artifact.ts';
import type { ArtifactResponse } from '../../../electron/core/downloads/http-get.ts';
import { makeTempDir, removeDir } from '../media/support/media-fixture.ts';
import { makeNeed } from './support/harness.ts';

const root = makeTempDir('dl-prepare');
afterAll(() => removeDir(root));

/** Paths this process still has open (Linux). */
const openPaths = () =>
  readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/self/fd/${fd}`)];
    } catch {
      return [];
    }
  });

describe('a download that fails while getting ready to write', () => {
  it('cancels the response and closes the file when the ETag cannot be saved', async () => {
    const data = randomBytes(4096);
    const need = makeNeed('art-prep', data);
    const paths = artifactPaths(root, need.artifactId);
    // The ETag's place is taken by a folder: writing it fails after the writer opened.
    mkdirSync(paths.etag);
    let cancelled = false;
    const response: ArtifactResponse = {
      status: 200,
      header: (name) => (name === 'etag' ? '"v1"' : null),
      body: (async function* () {
        yield data;
      })(),
      cancel: async () => {
        cancelled = true;
      },
    };
    await expect(
      attemptDownload(need, {
        cacheDir: root, key: randomBytes(32), auth: () => ({ hubUrl: 'http://127.0.0.1:9', token: 't' }),
        get: async () => response, availableBytes: async () => 1024 ** 3, signal: new AbortController().signal, onBytes: () => undefined,
      }),
    ).rejects.toThrow(/EISDIR|illegal operation/);
    expect(cancelled).toBe(true);
    expect(openPaths()).not.toContain(paths.part);
  });
});
