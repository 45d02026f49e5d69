import { createHash, type Hash } from 'node:crypto';
import { open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { hashPlaintextPrefix, openEncryptedWriter, type EncryptedWriter } from '../media/encrypted-file.ts';
import { DiskFullError, MediaIntegrityError } from '../media/errors.ts';
import type { ArtifactNeed } from '../store/types.ts';
import { checkSpace, encryptedBytes } from './disk-space.ts';
import { startEarlyWriteback, type EarlyWriteback } from './early-writeback.ts';
import { DOWNLOAD_ERRORS, DownloadError, transientError } from './download-error.ts';
import type { ArtifactGet, ArtifactResponse } from './http-get.ts';
import { verifyEncryptedFile } from './verify-file.ts';

export type ArtifactPaths = { part: string; etag: string; enc: string };

export const artifactPaths = (cacheDir: string, artifactId: string): ArtifactPaths => ({
  part: join(cacheDir, `${artifactId}.part`),
  etag: join(cacheDir, `${artifactId}.part.etag`),
  enc: join(cacheDir, `${artifactId}.enc`),
});

export type AttemptContext = {
  cacheDir: string;
  key: Buffer;
  auth: () => { hubUrl: string; token: string } | null;
  get: ArtifactGet;
  /** Free bytes on the cache's disk, minus what other running downloads still need. */
  availableBytes: () => Promise<number>;
  signal: AbortSignal;
  /** Plaintext bytes verified or written so far for this file. */
  onBytes: (bytesDone: number) => void;
};

/**
 * One attempt at one artifact: continue the .part from its authenticated whole chunks
 * (Range + If-Range with the ETag the bytes came from), or start over when the hub sends
 * the whole file instead (the file changed: never splice two versions); stream into the
 * encrypted writer while hashing (flushing to disk in the background as it goes, so the
 * final fsync is short); verify size and SHA-256; only then seal, rename to .enc
 * and fsync the folder. Throws DownloadError (transient ones are retried by the caller).
 */
export async function attemptDownload(need: ArtifactNeed, ctx: AttemptContext): Promise<string> {
  const paths = artifactPaths(ctx.cacheDir, need.artifactId);
  if (await verifyEncryptedFile(paths.enc, ctx.key, need)) return paths.enc;

  const auth = ctx.auth();
  if (!auth) throw new DownloadError(DOWNLOAD_ERRORS.unauthorized, 'Not signed in to a hub: sign in to download the submission files');
  let { hash, bytes } = await resumablePrefix(paths, ctx.key);
  const etag = bytes > 0 ? await readFile(paths.etag, 'utf8').catch(() => null) : null;
  if (bytes > 0 && !etag) ({ hash, bytes } = await discard(paths));
  ctx.onBytes(bytes);
  checkSpace(need.filename, encryptedBytes(need.bytes) - encryptedBytes(bytes), await ctx.availableBytes());

  const headers: Record<string, string> = { authorization: `Bearer ${auth.token}`, 'accept-encoding': 'identity' };
  if (bytes > 0) Object.assign(headers, { range: `bytes=${bytes}-`, 'if-range': etag as string });
  const url = `${auth.hubUrl.replace(/\/+$/, '')}/v1/artifacts/${encodeURIComponent(need.artifactId)}`;
  let res: ArtifactResponse;
  try {
    res = await ctx.get(url, headers, ctx.signal);
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    throw transientError(`Cannot reach the hub to download ${need.filename} (${(err as Error).message})`);
  }

  if (res.status === 416 && bytes === need.bytes) {
    // Every byte is here already; only the final seal was missing.
    await res.cancel();
    return seal(await openEncryptedWriter(paths.part, ctx.key, { resume: true }), hash, bytes, need, paths);
  }
  if (res.status !== 200 && res.status !== 206) {
    await res.cancel();
    if (res.status === 416) await discard(paths);
    throw statusError(res.status, need.filename);
  }
  if (res.status === 206 && res.header('content-range') !== `bytes ${bytes}-${need.bytes - 1}/${need.bytes}`) {
    await res.cancel();
    await discard(paths);
    throw transientError(`The hub answered an unexpected range (${res.header('content-range')}) for ${need.filename}`);
  }
  if (res.status === 200 && bytes > 0) ({ hash, bytes } = await discard(paths));

  const { writer, writeback } = await prepareWriter(res, bytes, need, paths, ctx);
  try {
    bytes = await pump(res, writer, hash, bytes, need, paths, ctx, writeback);
  } finally {
    await writeback.settle();
  }
  return seal(writer, hash, bytes, need, paths);
}

/**
 * Opens the encrypted writer, records the ETag and starts the background flush. If any of
 * it fails (a full disk, say), the response is cancelled and the writer closed: neither the
 * connection nor the file handle may outlive the attempt.
 */
async function prepareWriter(res: ArtifactResponse, bytes: number, need: ArtifactNeed, paths: ArtifactPaths, ctx: AttemptContext): Promise<{ writer: EncryptedWriter; writeback: EarlyWriteback }> {
  let writer: EncryptedWriter | null = null;
  try {
    writer = await openEncryptedWriter(paths.part, ctx.key, { resume: bytes > 0 });
    if (writer.plaintextOffset !== bytes) {
      await writer.abort();
      await discard(paths);
      throw transientError(`The partial download of ${need.filename} changed underneath; starting over`);
    }
    const newEtag = res.header('etag');
    if (newEtag && /^"[^"]+"$/.test(newEtag)) await writeFile(paths.etag, newEtag, { mode: 0o600 });
    else await rm(paths.etag, { force: true });
    return { writer, writeback: await startEarlyWriteback(paths.part) };
  } catch (err) {
    await res.cancel();
    await writer?.abort().catch(() => undefined);
    throw err;
  }
}

async function pump(res: ArtifactResponse, writer: EncryptedWriter, hash: Hash, start: number, need: ArtifactNeed, paths: ArtifactPaths, ctx: AttemptContext, writeback: EarlyWriteback): Promise<number> {
  let bytes = start;
  try {
    for await (const chunk of res.body) {
      hash.update(chunk);
      if (bytes + chunk.length > need.bytes) {
        // More bytes than the artifact has: counted, not written, and the check in seal() fails.
        bytes += chunk.length;
        await res.cancel();
        break;
      }
      await writer.write(chunk);
      writeback.written(chunk.length);
      bytes += chunk.length;
      ctx.onBytes(bytes);
    }
    return bytes;
  } catch (err) {
    await res.cancel();
    if (err instanceof DiskFullError) {
      await writer.abort();
      await discard(paths);
      throw new DownloadError(DOWNLOAD_ERRORS.diskFull, `The disk filled up while downloading ${need.filename}; free some space and download again`);
    }
    // Keep the whole chunks received so far: the next attempt resumes from them.
    await writer.close().catch(() => writer.abort());
    if (ctx.signal.aborted || err instanceof DownloadError) throw err;
    throw transientError(`The download of ${need.filename} was interrupted (${(err as Error).message})`);
  }
}

async function seal(writer: EncryptedWriter, hash: Hash, bytes: number, need: ArtifactNeed, paths: ArtifactPaths): Promise<string> {
  const digest = hash.digest('hex');
  if (bytes !== need.bytes || digest !== need.sha256) {
    await writer.abort();
    await discard(paths);
    throw new DownloadError(DOWNLOAD_ERRORS.checksumMismatch, `${need.filename} arrived damaged (${bytes} bytes, SHA-256 ${digest.slice(0, 12)}…, expected ${need.bytes} bytes, ${need.sha256.slice(0, 12)}…)`);
  }
  try {
    await writer.finish();
  } catch (err) {
    await writer.abort();
    await discard(paths);
    if (err instanceof DiskFullError) throw new DownloadError(DOWNLOAD_ERRORS.diskFull, `The disk filled up while saving ${need.filename}; free some space and download again`);
    throw err;
  }
  await rename(paths.part, paths.enc);
  await fsyncDir(dirname(paths.enc));
  await rm(paths.etag, { force: true });
  return paths.enc;
}

async function resumablePrefix(paths: ArtifactPaths, key: Buffer): Promise<{ hash: Hash; bytes: number }> {
  try {
    return await hashPlaintextPrefix(paths.part, key);
  } catch (err) {
    if (err instanceof MediaIntegrityError) return discard(paths);
    throw err;
  }
}

/** Removes a partial download and answers an empty prefix. */
async function discard(paths: ArtifactPaths): Promise<{ hash: Hash; bytes: number }> {
  await rm(paths.part, { force: true });
  await rm(paths.etag, { force: true });
  return { hash: createHash('sha256'), bytes: 0 };
}

/** Makes the rename durable: a power cut must not bring back the .part or lose the .enc. */
async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

function statusError(status: number, filename: string): DownloadError {
  if (status === 401) return new DownloadError(DOWNLOAD_ERRORS.unauthorized, `The hub refused the download of ${filename}: sign in again`);
  if (status === 403 || status === 404) return new DownloadError(DOWNLOAD_ERRORS.notFound, `${filename} is no longer available to you on the hub`);
  if (status === 416) return transientError(`The hub refused the resume range for ${filename}; starting over`);
  if (status >= 500 || status === 408 || status === 429) return transientError(`The hub answered HTTP ${status} for ${filename}`);
  return new DownloadError(DOWNLOAD_ERRORS.hubError, `The hub answered HTTP ${status} for ${filename}`);
}
