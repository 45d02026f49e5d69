import type { KeyObject } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { DiskFullError, isDiskFull } from './errors.ts';
import { HEADER_BYTES, importKey, newHeader, readHeader, sealChunk, storedChunkBytes, type Header } from './chunk-format.ts';

export interface EncryptedWriter {
  /** Plaintext bytes already in the file when it was opened (kept on resume; 0 for a new file). */
  readonly plaintextOffset: number;
  write(data: Uint8Array): Promise<void>;
  /** Seals the final chunk, fsyncs and closes: the file is complete. */
  finish(): Promise<void>;
  /** Writes the whole chunks buffered so far and closes; the file stays resumable. */
  close(): Promise<void>;
  /** Closes without writing anything more (after a failed write, or to discard the file). */
  abort(): Promise<void>;
}

/** Encrypted chunks are collected and written about 1 MiB at a time: fewer syscalls. */
const FLUSH_BYTES = 1024 * 1024;

/**
 * Opens an encrypted media file for appending plaintext. With `resume`, the whole non-final
 * chunks already there are kept (a trailing partial chunk from an interrupted write is cut
 * off) and `plaintextOffset` says where the plaintext continues; a missing or header-less
 * file starts afresh. Disk-full errors surface as DiskFullError.
 */
export async function openEncryptedWriter(path: string, key: Buffer, opts: { resume: boolean }): Promise<EncryptedWriter> {
  const secret = importKey(key);
  if (opts.resume) {
    const existing = await openExisting(path);
    if (existing) return new ChunkWriter(existing.fh, secret, existing.header, existing.chunks, path);
  }
  const fh = await open(path, 'w', 0o600).catch((err: unknown) => {
    throw translate(err, path);
  });
  const header = newHeader();
  try {
    await fh.write(header.bytes, 0, HEADER_BYTES, 0);
  } catch (err) {
    await fh.close();
    throw translate(err, path);
  }
  return new ChunkWriter(fh, secret, header, 0, path);
}

async function openExisting(path: string): Promise<{ fh: FileHandle; header: Header; chunks: number } | null> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r+');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    const size = (await fh.stat()).size;
    if (size < HEADER_BYTES) {
      await fh.close();
      return null;
    }
    const header = await readHeader(fh, path);
    const chunks = Math.floor((size - HEADER_BYTES) / storedChunkBytes(header));
    await fh.truncate(HEADER_BYTES + chunks * storedChunkBytes(header));
    return { fh, header, chunks };
  } catch (err) {
    await fh.close();
    throw err;
  }
}

function translate(err: unknown, path: string): unknown {
  return isDiskFull(err) ? new DiskFullError(`The disk is full: could not write ${path}`) : err;
}

class ChunkWriter implements EncryptedWriter {
  readonly plaintextOffset: number;
  #fh: FileHandle;
  #key: KeyObject;
  #header: Header;
  #path: string;
  #index: number;
  #stage: Buffer;
  #staged = 0;
  #out: Buffer[] = [];
  #outBytes = 0;
  #position: number;
  #closed = false;

  constructor(fh: FileHandle, key: KeyObject, header: Header, chunks: number, path: string) {
    this.#fh = fh;
    this.#key = key;
    this.#header = header;
    this.#path = path;
    this.#index = chunks;
    this.#position = HEADER_BYTES + chunks * storedChunkBytes(header);
    this.plaintextOffset = chunks * header.chunkBytes;
    this.#stage = Buffer.allocUnsafe(header.chunkBytes);
  }

  async write(data: Uint8Array): Promise<void> {
    this.#assertOpen();
    const size = this.#header.chunkBytes;
    let offset = 0;
    while (offset < data.length) {
      // A full chunk is sealed only once more data follows: the last one must be sealed as final.
      if (this.#staged === size) this.#seal(this.#stage, false);
      if (this.#staged === 0 && data.length - offset > size) {
        this.#seal(data.subarray(offset, offset + size), false);
        offset += size;
        if (this.#outBytes >= FLUSH_BYTES) await this.#flush();
        continue;
      }
      const n = Math.min(size - this.#staged, data.length - offset);
      this.#stage.set(data.subarray(offset, offset + n), this.#staged);
      this.#staged += n;
      offset += n;
    }
    if (this.#outBytes >= FLUSH_BYTES) await this.#flush();
  }

  async finish(): Promise<void> {
    this.#assertOpen();
    this.#seal(this.#stage.subarray(0, this.#staged), true);
    await this.#flush();
    try {
      await this.#fh.sync();
    } catch (err) {
      throw translate(err, this.#path);
    }
    await this.#end();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    if (this.#staged === this.#header.chunkBytes) this.#seal(this.#stage, false);
    try {
      await this.#flush();
    } finally {
      await this.#end();
    }
  }

  async abort(): Promise<void> {
    if (this.#closed) return;
    this.#out = [];
    this.#outBytes = 0;
    await this.#end();
  }

  #seal(plaintext: Uint8Array, final: boolean): void {
    const parts = sealChunk(this.#key, this.#header, this.#index, final, plaintext);
    this.#index += 1;
    this.#staged = 0;
    for (const p of parts) {
      this.#out.push(p);
      this.#outBytes += p.length;
    }
  }

  async #flush(): Promise<void> {
    if (this.#outBytes === 0) return;
    const parts = this.#out;
    const total = this.#outBytes;
    this.#out = [];
    this.#outBytes = 0;
    let done = 0;
    try {
      // One writev for the batch; a short write (rare: a signal, or the disk filling) is finished piecewise.
      done = (await this.#fh.writev(parts, this.#position)).bytesWritten;
      if (done < total) {
        const rest = Buffer.concat(parts, total).subarray(done);
        for (let at = 0; at < rest.length; ) {
          const { bytesWritten } = await this.#fh.write(rest, at, rest.length - at, this.#position + done);
          at += bytesWritten;
          done += bytesWritten;
        }
      }
    } catch (err) {
      throw translate(err, this.#path);
    } finally {
      this.#position += done;
    }
  }

  async #end(): Promise<void> {
    this.#closed = true;
    await this.#fh.close();
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error(`encrypted writer for ${this.#path} is closed`);
  }
}
