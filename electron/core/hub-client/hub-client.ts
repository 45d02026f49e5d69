import { z } from 'zod';
import {
  API_PREFIX, AssignmentOpenedResponse, RecusalResponse, SignInResponse, StoredReview, SyncResponse, fail, ok,
  type Result, type ReviewBody, type SignInRequest,
} from '../../../shared/index.ts';

/** Codes the client adds to the hub's own: the hub could not be reached, or answered nonsense. */
export const CLIENT_ERRORS = { offline: 'offline', badHubResponse: 'bad_hub_response' } as const;

/**
 * A hub answer that is not a success, with its HTTP status (0 when the hub was not reached).
 * `fromHub` is true only when the body is the hub's own error envelope: a page from a proxy or
 * a captive portal carries a status too, but says nothing about the request.
 */
export type HubFailure = { status: number; code: string; message: string; details?: unknown; fromHub?: boolean };
export type HubResult<T> = { ok: true; value: T; status: number } | { ok: false; error: HubFailure };

export type HubClientOptions = {
  hubUrl: string;
  token?: string | null;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
};

const Health = z.object({ ok: z.literal(true) });
const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) });

/** Turns a HubResult into the API's envelope (the status is the client's business only). */
export function toResult<T>(r: HubResult<T>): Result<T> {
  return r.ok ? ok(r.value) : fail(r.error.code, r.error.message, r.error.details);
}

/**
 * A typed client for the hub protocol: bearer token, per-request timeout, every answer
 * validated with the shared schemas. It never throws: network trouble is `offline`, a body
 * that does not match its schema is `bad_hub_response`, a hub error keeps its code.
 */
export function createHubClient(opts: HubClientOptions) {
  const base = opts.hubUrl.replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const doFetch = opts.fetchImpl ?? fetch;

  async function request<S extends z.ZodType>(method: string, path: string, schema: S | null, body?: unknown): Promise<HubResult<z.infer<S>>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    let text: string;
    try {
      res = await doFetch(`${base}${API_PREFIX}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
        // A redirect is not the hub answering (a captive portal, a misconfigured proxy).
        redirect: 'manual',
      });
      text = await res.text();
    } catch (err) {
      const reason = err instanceof Error && err.name === 'TimeoutError' ? 'timed out' : 'unreachable';
      return { ok: false, error: { status: 0, code: CLIENT_ERRORS.offline, message: `Cannot reach the hub at ${opts.hubUrl} (${reason})` } };
    }
    const json = parseJson(text);
    if (!res.ok) {
      const e = ErrorBody.safeParse(json);
      if (e.success) return { ok: false, error: { status: res.status, ...e.data.error, fromHub: true } };
      // A proxy or a crashing hub answers without our envelope: treat 5xx as transient.
      return { ok: false, error: { status: res.status, code: res.status >= 500 ? CLIENT_ERRORS.offline : CLIENT_ERRORS.badHubResponse, message: `The hub answered HTTP ${res.status}` } };
    }
    if (schema === null) return { ok: true, value: undefined as z.infer<S>, status: res.status };
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      return { ok: false, error: { status: res.status, code: CLIENT_ERRORS.badHubResponse, message: `The hub's answer to ${method} ${path.split('?')[0]} is malformed`, details: parsed.error.issues } };
    }
    return { ok: true, value: parsed.data, status: res.status };
  }

  return {
    hubUrl: base,
    health: () => request('GET', '/health', Health),
    signIn: (req: SignInRequest) => request('POST', '/sessions', SignInResponse, req),
    signOut: () => request('DELETE', '/sessions/current', null),
    sync: (cursor: string | null) => request('GET', cursor === null ? '/sync' : `/sync?cursor=${encodeURIComponent(cursor)}`, SyncResponse),
    putReview: (reviewId: string, body: ReviewBody) => request('PUT', `/reviews/${encodeURIComponent(reviewId)}`, StoredReview, body),
    opened: (assignmentId: string, openedAt: string) => request('POST', `/assignments/${encodeURIComponent(assignmentId)}/opened`, AssignmentOpenedResponse, { openedAt }),
    recuse: (assignmentId: string, reason: string) => request('POST', `/assignments/${encodeURIComponent(assignmentId)}/recusal`, RecusalResponse, { reason }),
  };
}

export type HubClient = ReturnType<typeof createHubClient>;

function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
