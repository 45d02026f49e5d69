/**
 * Reusable buffers for reading encrypted chunks. Every media request reads about 1 MiB at a
 * time; a fresh 1 MiB buffer per read costs page faults and garbage collection that show up
 * in seek-heavy playback. They only ever hold ciphertext (decryption writes fresh buffers),
 * so handing one to the next reader leaks nothing.
 */
export const READ_BUFFER_BYTES = 1024 * 1024;
const KEEP = 4;
const spare: Buffer[] = [];

/** A buffer of at least `bytes`; pooled ones are exactly READ_BUFFER_BYTES long. */
export function takeReadBuffer(bytes: number): Buffer {
  if (bytes > READ_BUFFER_BYTES) return Buffer.allocUnsafe(bytes);
  return spare.pop() ?? Buffer.allocUnsafe(READ_BUFFER_BYTES);
}

/** Returns a buffer once no read into it is running any more. */
export function returnReadBuffer(buf: Buffer): void {
  if (buf.length === READ_BUFFER_BYTES && spare.length < KEEP && !spare.includes(buf)) spare.push(buf);
}
