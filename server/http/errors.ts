import type { z } from 'zod';
import { ErrorCode, type ErrorEnvelope } from '../../shared/index.ts';

/** A failure with its HTTP status and protocol error code; services throw it, the router answers it. */
export class HubError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  /** Extra response headers the answer needs (Allow, Content-Range). */
  readonly headers: Record<string, string>;
  constructor(status: number, code: string, message: string, details?: unknown, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
}

export type FieldIssue = { path: string; message: string };

export const invalid = (message: string, details: FieldIssue[]) => new HubError(422, ErrorCode.invalid, message, details);
export const notFound = (what: string) => new HubError(404, ErrorCode.notFound, `${what} not found`);
export const conflict = (code: string, message: string, details?: unknown) => new HubError(409, code, message, details);

/** zod issues as `{path, message}` with dotted paths, the shape every 422 carries. */
export function zodIssues(error: z.ZodError, prefix: readonly (string | number)[] = []): FieldIssue[] {
  return error.issues.map((i) => ({ path: [...prefix, ...i.path.map(String)].join('.') || '(body)', message: i.message }));
}

/** Parses with a schema or throws 422 invalid naming each bad field. */
export function parseOr422<S extends z.ZodType>(schema: S, value: unknown, what: string, prefix: readonly (string | number)[] = []): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw invalid(`${what} is invalid`, zodIssues(r.error, prefix));
  return r.data;
}

/** The `{error: {code, message, details?}}` body every refusal carries. */
export function envelopeOf(err: HubError): ErrorEnvelope {
  const envelope: ErrorEnvelope = { error: { code: err.code, message: err.message } };
  if (err.details !== undefined) envelope.error.details = err.details;
  return envelope;
}
