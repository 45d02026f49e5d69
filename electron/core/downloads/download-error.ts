import { MediaError } from '../media/errors.ts';

/**
 * Why one artifact could not be downloaded. `transient` failures (network, 5xx) are retried
 * with backoff; the others are reported at once.
 */
export class DownloadError extends MediaError {
  readonly transient: boolean;
  constructor(code: string, message: string, transient = false) {
    super(code, message);
    this.transient = transient;
  }
}

export const DOWNLOAD_ERRORS = {
  network: 'network',
  unauthorized: 'unauthorized',
  notFound: 'not_found',
  checksumMismatch: 'checksum_mismatch',
  diskFull: 'disk_full',
  hubError: 'hub_error',
  invalid: 'invalid',
} as const;

export const transientError = (message: string) => new DownloadError(DOWNLOAD_ERRORS.network, message, true);
