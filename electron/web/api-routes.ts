// POST /api/{method} and GET /api/events: the Workstation API over HTTP. Domain outcomes
// (including `invalid` input) are 200 with the envelope; transport problems get a status.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, isMethodName, type Result, type WorkstationApi } from '../../shared/index.ts';
import { SECURITY_HEADERS, sendError, sendJson } from './http-replies.ts';

export const MAX_BODY_BYTES = 1024 * 1024;
const HEARTBEAT_MS = 15_000;

type LooseCall = (method: string, input: unknown) => Promise<Result<unknown>>;
type Body = { ok: true; input: unknown } | { ok: false; status: number; code: string; message: string };

async function readJsonBody(req: IncomingMessage): Promise<Body> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) return { ok: false, status: 413, code: ErrorCode.payloadTooLarge, message: `The body exceeds ${MAX_BODY_BYTES} bytes.` };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return { ok: false, status: 413, code: ErrorCode.payloadTooLarge, message: `The body exceeds ${MAX_BODY_BYTES} bytes.` };
    chunks.push(chunk);
  }
  if (size === 0) return { ok: true, input: undefined };
  // Only JSON: a cross-site form cannot send it without a CORS preflight, which we never grant.
  if (type !== 'application/json') return { ok: false, status: 415, code: ErrorCode.unsupportedMediaType, message: 'Send the input as application/json.' };
  try {
    return { ok: true, input: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown };
  } catch {
    return { ok: false, status: 400, code: ErrorCode.malformedJson, message: 'The body is not valid JSON.' };
  }
}

export async function handleApiCall(api: WorkstationApi, req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
  if (req.method !== 'POST') {
    sendError(res, 405, ErrorCode.methodNotAllowed, 'Call API methods with POST.', { allow: 'POST' });
    return;
  }
  if (!isMethodName(method)) {
    req.resume();
    sendError(res, 404, 'unknown_method', `Unknown method: ${method}`);
    return;
  }
  const body = await readJsonBody(req);
  if (!body.ok) {
    sendError(res, body.status, body.code, body.message, body.status === 413 ? { connection: 'close' } : {});
    return;
  }
  sendJson(res, 200, await (api.call as LooseCall)(method, body.input));
}

/** Server-sent events: one `data:` line per WorkstationEvent, a comment as heartbeat. */
export function openEventStream(api: WorkstationApi, req: IncomingMessage, res: ServerResponse, open: Set<() => void>): void {
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 3000\n: connected\n\n');
  const unsubscribe = api.subscribe((event) => {
    res.write(`data: ${JSON.stringify(event)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    open.delete(close);
    res.end();
  };
  open.add(close);
  req.on('close', close);
}
