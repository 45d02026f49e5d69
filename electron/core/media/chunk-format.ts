import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { MediaIntegrityError } from './errors.ts';
import { READ_BUFFER_BYTES, returnReadBuffer, takeReadBuffer } from './read-buffers.ts';

/**
 * The on-disk format of an encrypted media file:
 *
 *   header (24 bytes): "ASSAYENC" | version u8 | 3 zero bytes | chunk size u32 BE | nonce prefix (8 random bytes)
 *   chunks: AES-256-GCM ciphertext of up to `chunk size` plaintext bytes, then its 16-byte tag
 *
 * Every chunk but the last holds exactly `chunk size` bytes, so any byte range maps to known
 * chunks. The nonce is prefix ‖ chunk index (u32 BE) and the associated data is
 * header ‖ chunk index ‖ final flag: a chunk moved to another index or file, a swapped
 * header, a dropped tail (the new last chunk was not sealed as final) or an appended chunk
 * all fail authentication instead of decrypting to garbage.
 */
export const MAGIC = Buffer.from('ASSAYENC', 'ascii');
export const FORMAT_VERSION = 1;
export const HEADER_BYTES = 24;
export const TAG_BYTES = 16;
export const DEFAULT_CHUNK_BYTES = 64 * 1024;
const KEY_BYTES = 32;

export type Header = { bytes: Buffer; chunkBytes: number; prefix: Buffer };

export function newHeader(chunkBytes = DEFAULT_CHUNK_BYTES): Header {
  const bytes = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(bytes, 0);
  bytes.writeUInt8(FORMAT_VERSION, 8);
  bytes.writeUInt32BE(chunkBytes, 12);
  const prefix = randomBytes(8);
  prefix.copy(bytes, 16);
  return { bytes, chunkBytes, prefix };
}

export function parseHeader(bytes: Buffer, path: string): Header {
  if (bytes.length < HEADER_BYTES || !bytes.subarray(0, 8).equals(MAGIC)) {
    throw new MediaIntegrityError(`${path} is not an Assay encrypted media file`);
  }
  const version = bytes.readUInt8(8);
  if (version !== FORMAT_VERSION) throw new MediaIntegrityError(`${path} has unsupported format version ${version}`);
  if (bytes.readUIntBE(9, 3) !== 0) throw new MediaIntegrityError(`${path} has a malformed header`);
  const chunkBytes = bytes.readUInt32BE(12);
  if (chunkBytes < 1024 || chunkBytes > 16 * 1024 * 1024) throw new MediaIntegrityError(`${path} has an implausible chunk size ${chunkBytes}`);
  const copy = Buffer.from(bytes.subarray(0, HEADER_BYTES));
  return { bytes: copy, chunkBytes, prefix: copy.subarray(16, 24) };
}

export async function readHeader(fh: FileHandle, path: string): Promise<Header> {
  const buf = Buffer.alloc(HEADER_BYTES);
  const { bytesRead } = await fh.read(buf, 0, HEADER_BYTES, 0);
  return parseHeader(buf.subarray(0, bytesRead), path);
}

export const storedChunkBytes = (h: Header) => h.chunkBytes + TAG_BYTES;

/** Layout of a finished file from its size: chunk count and plaintext size. */
export function finishedLayout(h: Header, fileBytes: number, path: string): { chunks: number; plaintextBytes: number } {
  const body = fileBytes - HEADER_BYTES;
  const chunks = Math.ceil(body / storedChunkBytes(h));
  const lastStored = body - (chunks - 1) * storedChunkBytes(h);
  if (chunks < 1 || lastStored < TAG_BYTES) throw new MediaIntegrityError(`${path} is truncated`);
  return { chunks, plaintextBytes: body - chunks * TAG_BYTES };
}

/** Checks the key and wraps it once, so the per-chunk ciphers do not re-import it every 64 KiB. */
export function importKey(key: Buffer): KeyObject {
  if (key.length !== KEY_BYTES) throw new TypeError(`media key must be ${KEY_BYTES} bytes, got ${key.length}`);
  return createSecretKey(key);
}

function nonce(h: Header, index: number): Buffer {
  const n = Buffer.allocUnsafe(12);
  h.prefix.copy(n, 0);
  n.writeUInt32BE(index, 8);
  return n;
}

function aad(h: Header, index: number, final: boolean): Buffer {
  const a = Buffer.allocUnsafe(HEADER_BYTES + 5);
  h.bytes.copy(a, 0);
  a.writeUInt32BE(index, HEADER_BYTES);
  a.writeUInt8(final ? 1 : 0, HEADER_BYTES + 4);
  return a;
}

/** Ciphertext followed by its tag, ready to be written at the chunk's position. */
export function sealChunk(key: KeyObject, h: Header, index: number, final: boolean, plaintext: Uint8Array): Buffer[] {
  if (index > 0xffffffff) throw new RangeError('media file too large for the chunk index');
  const c = createCipheriv('aes-256-gcm', key, nonce(h, index), { authTagLength: TAG_BYTES });
  c.setAAD(aad(h, index, final));
  const ct = c.update(plaintext);
  c.final();
  return [ct, c.getAuthTag()];
}

/** Decrypts one stored chunk (ciphertext ‖ tag); throws MediaIntegrityError unless it authenticates. */
export function openChunk(key: KeyObject, h: Header, index: number, final: boolean, stored: Buffer, path: string): Buffer {
  if (stored.length < TAG_BYTES) throw new MediaIntegrityError(`chunk ${index} of ${path} is truncated`);
  const ctEnd = stored.length - TAG_BYTES;
  const d = createDecipheriv('aes-256-gcm', key, nonce(h, index), { authTagLength: TAG_BYTES });
  d.setAAD(aad(h, index, final));
  d.setAuthTag(stored.subarray(ctEnd));
  const pt = d.update(stored.subarray(0, ctEnd));
  try {
    d.final();
  } catch {
    throw new MediaIntegrityError(`chunk ${index} of ${path} failed authentication (tampered, truncated, reordered or wrong key)`);
  }
  return pt;
}

/**
 * Reads and authenticates chunks [from, to] (inclusive) in batches of about 1 MiB, yielding
 * each chunk's plaintext. `finalIndex` is the chunk sealed as final (-1: none, for a .part).
 * The next batch is read (on libuv's pool) while this one is decrypted: reading and
 * decrypting overlap instead of taking turns.
 */
export async function* decryptChunks(fh: FileHandle, key: KeyObject, h: Header, from: number, to: number, finalIndex: number, fileBytes: number, path: string): AsyncGenerator<{ index: number; plaintext: Buffer }> {
  const stored = storedChunkBytes(h);
  const perBatch = Math.max(1, Math.floor(READ_BUFFER_BYTES / stored));
  const bufBytes = Math.min(perBatch, to - from + 1) * stored;
  const buffers: Buffer[] = [];
  const readBatch = async (first: number, buf: Buffer) => {
    const pos = HEADER_BYTES + first * stored;
    const want = Math.min((Math.min(to, first + perBatch - 1) - first + 1) * stored, fileBytes - pos);
    const { bytesRead } = await fh.read(buf, 0, want, pos);
    if (bytesRead !== want) throw new MediaIntegrityError(`${path} changed while being read`);
    return bytesRead;
  };
  const bufferFor = (turn: number) => (buffers[turn] ??= takeReadBuffer(bufBytes));
  let pending: Promise<number> | null = from <= to ? readBatch(from, bufferFor(0)) : null;
  try {
    for (let first = from, turn = 0; first <= to; first += perBatch, turn ^= 1) {
      const bytesRead = await (pending as Promise<number>);
      const buf = buffers[turn] as Buffer;
      const next = first + perBatch;
      pending = next <= to ? readBatch(next, bufferFor(turn ^ 1)) : null;
      const last = Math.min(to, next - 1);
      for (let i = first; i <= last; i++) {
        const off = (i - first) * stored;
        const chunk = buf.subarray(off, Math.min(off + stored, bytesRead));
        yield { index: i, plaintext: openChunk(key, h, i, i === finalIndex, chunk, path) };
      }
    }
  } finally {
    // A consumer that stops early must not leave a read running on a handle it is about to
    // close, or into a buffer the next reader is given.
    await pending?.catch(() => undefined);
    for (const buf of buffers) returnReadBuffer(buf);
  }
}
