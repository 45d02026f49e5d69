import { z } from 'zod';
import {
  API_PREFIX, Assignment, AssignmentOpenedResponse, AttemptResponse, AttemptsResponse, AuditCheckpointsResponse, AuditListResponse, AuditVerifyResponse, CalibrationSetResponse,
  CalibrationSetsResponse, CredentialResponse, DecisionHistoryResponse, DecisionsResponse, MicroCredentialsResponse, ReassignResponse, RecusalResponse,
  ReliabilityReport, SignInResponse, StoredAdjudication, StoredReview, SubmissionResult, SyncResponse, TurnaroundReport, ValidityReadsResponse, fail, ok,
  type AdjudicationBody, type ConsensusProposalRequest, type ConsensusResponseRequest, type DecisionsQuery, type PolicyPatch, type ReliabilityQuery, type Result, type ReviewBody, type SignInRequest,
  type TurnaroundQuery,
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
/** The answer to a consensus proposal or response: the task as it now stands. */
const ConsensusAnswer = z.object({ assignment: Assignment });
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

  type Sent = { ok: true; res: Response; text: string } | { ok: false; error: HubFailure };

  async function send(method: string, path: string, accept: string, body?: unknown): Promise<Sent> {
    const headers: Record<string, string> = { accept };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      const res = await doFetch(`${base}${API_PREFIX}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
        // A redirect is not the hub answering (a captive portal, a misconfigured proxy).
        redirect: 'manual',
      });
      const text = await res.text();
      if (res.ok) return { ok: true, res, text };
      const e = ErrorBody.safeParse(parseJson(text));
      if (e.success) return { ok: false, error: { status: res.status, ...e.data.error, fromHub: true } };
      // A proxy or a crashing hub answers without our envelope: treat 5xx as transient.
      return { ok: false, error: { status: res.status, code: res.status >= 500 ? CLIENT_ERRORS.offline : CLIENT_ERRORS.badHubResponse, message: `The hub answered HTTP ${res.status}` } };
    } catch (err) {
      const reason = err instanceof Error && err.name === 'TimeoutError' ? 'timed out' : 'unreachable';
      return { ok: false, error: { status: 0, code: CLIENT_ERRORS.offline, message: `Cannot reach the hub at ${opts.hubUrl} (${reason})` } };
    }
  }

  async function request<S extends z.ZodType>(method: string, path: string, schema: S | null, body?: unknown): Promise<HubResult<z.infer<S>>> {
    const sent = await send(method, path, 'application/json', body);
    if (!sent.ok) return sent;
    const { res, text } = sent;
    if (schema === null) return { ok: true, value: undefined as z.infer<S>, status: res.status };
    const parsed = schema.safeParse(parseJson(text));
    if (!parsed.success) {
      return { ok: false, error: { status: res.status, code: CLIENT_ERRORS.badHubResponse, message: `The hub's answer to ${method} ${path.split('?')[0]} is malformed`, details: parsed.error.issues } };
    }
    return { ok: true, value: parsed.data, status: res.status };
  }

  /** A text body of the given media type (the CSV export); anything else is not the hub's answer. */
  async function requestText(path: string, mediaType: string): Promise<HubResult<string>> {
    const sent = await send('GET', path, mediaType);
    if (!sent.ok) return sent;
    const type = (sent.res.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== mediaType) {
      return { ok: false, error: { status: sent.res.status, code: CLIENT_ERRORS.badHubResponse, message: `The hub's answer to GET ${path.split('?')[0]} is not ${mediaType}` } };
    }
    return { ok: true, value: sent.text, status: sent.res.status };
  }

  return {
    hubUrl: base,
    health: () => request('GET', '/health', Health),
    signIn: (req: SignInRequest) => request('POST', '/sessions', SignInResponse, req),
    signOut: () => request('DELETE', '/sessions/current', null),
    sync: (cursor: string | null) => request('GET', cursor === null ? '/sync' : `/sync?cursor=${encodeURIComponent(cursor)}`, SyncResponse),
    putReview: (reviewId: string, body: ReviewBody) => request('PUT', `/reviews/${encodeURIComponent(reviewId)}`, StoredReview, body),
    putAdjudication: (adjudicationId: string, body: AdjudicationBody) => request('PUT', `/adjudications/${encodeURIComponent(adjudicationId)}`, StoredAdjudication, body),
    consensusProposal: (assignmentId: string, body: ConsensusProposalRequest) => request('PUT', `/consensus/${encodeURIComponent(assignmentId)}/proposal`, ConsensusAnswer, body),
    consensusResponse: (assignmentId: string, body: ConsensusResponseRequest) => request('PUT', `/consensus/${encodeURIComponent(assignmentId)}/response`, ConsensusAnswer, body),
    opened: (assignmentId: string, openedAt: string) => request('POST', `/assignments/${encodeURIComponent(assignmentId)}/opened`, AssignmentOpenedResponse, { openedAt }),
    recuse: (assignmentId: string, reason: string) => request('POST', `/assignments/${encodeURIComponent(assignmentId)}/recusal`, RecusalResponse, { reason }),
    decisions: (query: Partial<DecisionsQuery>) => request('GET', `/decisions${queryString(query)}`, DecisionsResponse),
    decisionsCsv: (query: Partial<DecisionsQuery>) => requestText(`/exports/decisions.csv${queryString(query)}`, 'text/csv'),
    history: (submissionId: string) => request('GET', `/decisions/${encodeURIComponent(submissionId)}/history`, DecisionHistoryResponse),
    result: (submissionId: string) => request('GET', `/submissions/${encodeURIComponent(submissionId)}/result`, SubmissionResult),
    credential: (submissionId: string) => request('GET', `/submissions/${encodeURIComponent(submissionId)}/credential`, CredentialResponse),
    audit: (query: { after?: number; limit?: number }) => request('GET', `/audit${queryString(query)}`, AuditListResponse),
    auditVerify: () => request('GET', '/audit/verify', AuditVerifyResponse),
    auditCheckpoints: (query: { after?: number; limit?: number }) => request('GET', `/audit/checkpoints${queryString(query)}`, AuditCheckpointsResponse),
    startAttempt: (microCredentialId: string) => request('POST', '/calibration/attempts', AttemptResponse, { microCredentialId }),
    attempts: (microCredentialId: string) => request('GET', `/calibration/attempts${queryString({ microCredentialId })}`, AttemptsResponse),
    calibrationSets: (microCredentialId?: string) => request('GET', `/calibration-sets${queryString({ microCredentialId })}`, CalibrationSetsResponse),
    publishSet: (setId: string) => request('POST', `/calibration-sets/${encodeURIComponent(setId)}/publish`, CalibrationSetResponse, {}),
    validityReads: (microCredentialId?: string) => request('GET', `/calibration/validity${queryString({ microCredentialId })}`, ValidityReadsResponse),
    microCredentials: () => request('GET', '/micro-credentials', MicroCredentialsResponse),
    /** The answer's body is not relied on: the caller reads the micro-credential back. */
    patchPolicy: (microCredentialId: string, patch: PolicyPatch) => request('PATCH', `/micro-credentials/${encodeURIComponent(microCredentialId)}/policy`, null, patch),
    reliability: (query: ReliabilityQuery) => request('GET', `/reports/reliability${queryString(query)}`, ReliabilityReport),
    turnaround: (query: TurnaroundQuery) => request('GET', `/reports/turnaround${queryString(query)}`, TurnaroundReport),
    reassign: (assignmentId: string, reason: string) => request('POST', `/assignments/${encodeURIComponent(assignmentId)}/reassign`, ReassignResponse, { reason }),
  };
}

export type HubClient = ReturnType<typeof createHubClient>;

/** `?a=1&b=x` from the defined entries, or "" when there are none. */
function queryString(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
