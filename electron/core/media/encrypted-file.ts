import { createHash, type Hash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { HEADER_BYTES, importKey, decryptChunks, finishedLayout, readHeader, storedChunkBytes } from './chunk-format.ts';

export { openEncryptedWriter, type EncryptedWriter } from './encrypted-writer.ts';

/**
 * Reading encrypted media files (format in chunk-format.ts). Only the chunks that cover the
 * requested bytes are read and authenticated, so seeking in a long video costs one or two
 * 64 KiB chunks, not the whole file.
 */
export async function* readPlaintextRange(path: string, key: Buffer, start: number, endInclusive: number): AsyncGenerator<Uint8Array> {
  const secret = importKey(key);
  const fh = await open(path, 'r');
  try {
    const [{ size: fileBytes }, header] = await Promise.all([fh.stat(), readHeader(fh, path)]);
    const { chunks, plaintextBytes } = finishedLayout(header, fileBytes, path);
    if (!Number.isInteger(start) || !Number.isInteger(endInclusive) || start < 0 || endInclusive >= plaintextBytes || endInclusive < start - 1) {
      throw new RangeError(`range ${start}-${endInclusive} is outside ${path} (${plaintextBytes} bytes)`);
    }
    if (endInclusive < start) return;
    const size = header.chunkBytes;
    const from = Math.floor(start / size);
    const to = Math.floor(endInclusive / size);
    for await (const { index, plaintext } of decryptChunks(fh, secret, header, from, to, chunks - 1, fileBytes, path)) {
      const chunkStart = index * size;
      const a = Math.max(start, chunkStart) - chunkStart;
      const b = Math.min(endInclusive + 1, chunkStart + plaintext.length) - chunkStart;
      yield a === 0 && b === plaintext.length ? plaintext : plaintext.subarray(a, b);
    }
  } finally {
    await fh.close();
  }
}

/** The plaintext size of a finished encrypted file, from its header and length. */
export async function plaintextSize(path: string): Promise<number> {
  const fh = await open(path, 'r');
  try {
    // Both at once: a seek's first byte waits on every round trip to the file system.
    const [{ size: fileBytes }, header] = await Promise.all([fh.stat(), readHeader(fh, path)]);
    return finishedLayout(header, fileBytes, path).plaintextBytes;
  } finally {
    await fh.close();
  }
}

/**
 * Hashes the authenticated plaintext of an unfinished (.part) file's whole chunks, so a
 * resumed download can continue the SHA-256 without fetching those bytes again. A missing
 * or header-less file is an empty prefix; a chunk that fails authentication throws
 * MediaIntegrityError and the caller starts over.
 */
export async function hashPlaintextPrefix(path: string, key: Buffer): Promise<{ hash: Hash; bytes: number }> {
  const secret = importKey(key);
  const hash = createHash('sha256');
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { hash, bytes: 0 };
    throw err;
  }
  try {
    const fileBytes = (await fh.stat()).size;
    if (fileBytes < HEADER_BYTES) return { hash, bytes: 0 };
    const header = await readHeader(fh, path);
    const chunks = Math.floor((fileBytes - HEADER_BYTES) / storedChunkBytes(header));
    let bytes = 0;
    for await (const { plaintext } of decryptChunks(fh, secret, header, 0, chunks - 1, -1, fileBytes, path)) {
      hash.update(plaintext);
      bytes += plaintext.length;
    }
    return { hash, bytes };
  } finally {
    await fh.close();
  }
}
