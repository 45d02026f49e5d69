import type { AppError, Result } from '../../../shared/index.ts';

/** A failed Workstation API call, thrown into react-query so screens see code and message. */
export class ApiError extends Error {
  readonly code: string;
  readonly details: unknown;
  constructor(error: AppError) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
    this.details = error.details;
  }
}

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

/** Codes that mean the session is gone (token expired or revoked): back to sign-in. */
export const SESSION_ENDED_CODES: ReadonlySet<string> = new Set(['unauthorized', 'signed_out', 'token_expired', 'session_expired']);

export const isSessionEnded = (error: unknown): boolean => error instanceof ApiError && SESSION_ENDED_CODES.has(error.code);
