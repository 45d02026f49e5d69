import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { tooLarge } from '../../http/body.ts';
import { streamFileRange } from '../../routes/artifact-stream.ts';
import { SIGNATURE_BYTES } from './media-check.ts';

/** What a store learnt while receiving bytes: enough to check the content before keeping it. */
export type ReceivedBytes = { bytes: number; sha256: string; head: Buffer; containsNul: boolean };

/** Bytes received but not yet visible under their id: commit makes them so, discard drops them. */
export type PendingArtifact = ReceivedBytes & { commit(): Promise<void>; discard(): Promise<void> };

/**
 * Where artifact bytes live, by artifact id. Every hub process serving one database must
 * see the same store (docs/DEPLOYMENT.md). put → check → commit keeps half-received or
 * refused bodies invisible; an object store fits the same shape (docs/ARCHITECTURE.md).
 */
export interface ArtifactStore {
  /** Streams `body` aside while hashing and counting; never holds it whole. Refuses past `limit` bytes. */
  put(id: string, body: Readable, limit: number): Promise<PendingArtifact>;
  /** Writes bytes [start, end] into the response and ends it; a failure ends the response, never throws. */
  readRange(id: string, start: number, end: number, res: ServerResponse): Promise<void>;
  stat(id: string): Promise<{ bytes: number } | null>;
  delete(id: string): Promise<void>;
}

function receive(body: Readable, file: string, limit: number): Promise<ReceivedBytes> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(file);
    const hash = createHash('sha256');
    let bytes = 0;
    let head = Buffer.alloc(0);
    let containsNul = false;
    const fail = (err: unknown) => {
      body.off('data', onData);
      body.off('end', onEnd);
      out.destroy();
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > limit) return fail(tooLarge(limit));
      if (head.length < SIGNATURE_BYTES) head = Buffer.concat([head, chunk.subarray(0, SIGNATURE_BYTES - head.length)]);
      containsNul ||= chunk.includes(0);
      hash.update(chunk);
      if (!out.write(chunk)) {
        body.pause();
        out.once('drain', () => body.resume());
      }
    };
    const onEnd = () => out.end(() => resolve({ bytes, sha256: hash.digest('hex'), head, containsNul }));
    body.on('data', onData);
    body.once('end', onEnd);
    body.once('error', fail);
    out.once('error', fail);
  });
}

/**
 * The shipped store: a folder (`<root>/artifacts/<id>`, uploads in `<root>/tmp`). Ids are
 * random and files are only ever renamed into place, so several processes, or hosts on
 * one network mount, can share it.
 */
export function createFolderStore(root: string): ArtifactStore {
  const path = (id: string) => join(root, 'artifacts', id);
  return {
    async put(id, body, limit) {
      const tmpDir = join(root, 'tmp');
      await mkdir(tmpDir, { recursive: true });
      await mkdir(join(root, 'artifacts'), { recursive: true });
      const tmp = join(tmpDir, `${id}.part`);
      let got: ReceivedBytes;
      try {
        got = await receive(body, tmp, limit);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
      return {
        ...got,
        commit: () => rename(tmp, path(id)),
        discard: () => rm(tmp, { force: true }),
      };
    },
    readRange: (id, start, end, res) => streamFileRange(path(id), start, end, res),
    async stat(id) {
      try {
        return { bytes: (await stat(path(id))).size };
      } catch {
        return null;
      }
    },
    delete: (id) => rm(path(id), { force: true }),
  };
}
