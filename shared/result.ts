/** The envelope every result crosses a boundary in: never a thrown string. */
export type AppError = { code: string; message: string; details?: unknown };
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: string, message: string, details?: unknown): Result<T> =>
  details === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, details } };
