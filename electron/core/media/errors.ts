/**
 * Errors of the media cache and the downloader that a user (or the API envelope) can act on.
 * Each carries a stable code, like StoreError, so the API layer can pass it through.
 */
export class MediaError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A chunk failed authentication: tampered, reordered, truncated, or the wrong key. */
export class MediaIntegrityError extends MediaError {
  constructor(message: string) {
    super('media_tampered', message);
  }
}

/** The disk (or quota) ran out while writing. */
export class DiskFullError extends MediaError {
  constructor(message: string) {
    super('disk_full', message);
  }
}

/** The media key file is missing its protection or is not a key. */
export class KeyFileError extends MediaError {}

const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);

export function isDiskFull(err: unknown): boolean {
  return typeof err === 'object' && err !== null && DISK_FULL_CODES.has((err as { code?: string }).code ?? '');
}
