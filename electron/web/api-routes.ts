// POST /api/{method} and GET /api/events: the Workstation API over HTTP. Domain outcomes
// (including `invalid` input) are 200 with the envelope; transport problems get a status.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, isMethodName, type Result, type WorkstationApi } from '../../shared/index.ts';
import { SECURITY_HEADERS, sendError, sendJson } from './http-replies.ts';

export const MAX_BODY_BYTES = 1024 * 1024;
const HEARTBEAT_MS = 15_000;

type LooseCall = (method: string, input: unknown) => Promise<Result<unknown>>;
type Body = { ok: true; input: unknown } | { ok: false; status: number; code: string; message: string };

/** How much of a refused body is read and dropped, and for how long, before the connection is cut. */
const DRAIN_BYTES = 8 * 1024 * 1024;
const DRAIN_MS = 10_000;

/**
 * Reads and drops the rest of a refused body on a kept-alive connection: closing while the
 * client still sends resets the connection, and the client never reads the 413.
 */
function discardRest(req: IncomingMessage): void {
  let dropped = 0;
  const cut = setTimeout(() => req.socket.destroy(), DRAIN_MS).unref();
  const stop = () => clearTimeout(cut);
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > DRAIN_BYTES) req.socket.destroy();
  });
  req.once('end', stop);
  req.once('close', stop);
  req.resume();
}

const tooLarge: Body = { ok: false, status: 413, code: ErrorCode.payloadTooLarge, message: `The body exceeds ${MAX_BODY_BYTES} bytes.` };

/** Reads at most MAX_BODY_BYTES. Listens to events: leaving an async iterator early destroys the socket, and the 413 would never arrive. */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else {
        req.off('data', onData);
        req.off('end', onEnd);
        resolve(null);
      }
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', reject);
  });
}

async function readJsonBody(req: IncomingMessage): Promise<Body> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) return tooLarge;
  const body = await readBody(req);
  if (body === null) return tooLarge;
  if (body.length === 0) return { ok: true, input: undefined };
  // Only JSON: a cross-site form cannot send it without a CORS preflight, which we never grant.
  if (type !== 'application/json') return { ok: false, status: 415, code: ErrorCode.unsupportedMediaType, message: 'Send the input as application/json.' };
  try {
    return { ok: true, input: JSON.parse(body.toString('utf8')) as unknown };
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
    if (body.status === 413) discardRest(req);
    sendError(res, body.status, body.code, body.message);
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
