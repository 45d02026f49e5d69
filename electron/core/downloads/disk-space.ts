import { statfs } from 'node:fs/promises';
import { HEADER_BYTES, TAG_BYTES, DEFAULT_CHUNK_BYTES } from '../media/chunk-format.ts';
import { DOWNLOAD_ERRORS, DownloadError } from './download-error.ts';

/** Head room left on the disk besides the file itself (the database, its WAL, the OS). */
export const SPACE_MARGIN_BYTES = 8 * 1024 * 1024;

export async function statfsFreeBytes(dir: string): Promise<number> {
  const s = await statfs(dir);
  return s.bavail * s.bsize;
}

/** Bytes an encrypted file of `plaintextBytes` takes on disk. */
export function encryptedBytes(plaintextBytes: number): number {
  return HEADER_BYTES + (Math.floor(plaintextBytes / DEFAULT_CHUNK_BYTES) + 1) * TAG_BYTES + plaintextBytes;
}

const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

/** Refuses to start a download the disk cannot hold, before a single byte is fetched. */
export function checkSpace(filename: string, neededBytes: number, freeBytes: number): void {
  const needs = neededBytes + SPACE_MARGIN_BYTES;
  if (freeBytes < needs) {
    throw new DownloadError(
      DOWNLOAD_ERRORS.diskFull,
      `Not enough free disk space to download ${filename}: needs ${mb(needs)} MB, ${mb(Math.max(0, freeBytes))} MB free`,
    );
  }
}
