import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { ErrorCode, type ErrorEnvelope } from '../../shared/index.ts';

/**
 * Answers that go out while the client is still sending its body (a refusal before or while
 * reading it) must still reach that client. Closing a socket with unread bytes makes the kernel
 * answer them with a reset, and a client that is still writing then fails with EPIPE or
 * ECONNRESET before it reads the answer. So such an answer says `Connection: close`, and the hub
 * keeps reading and dropping the rest of the body before it closes, up to these bounds.
 */
export const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;
export const DRAIN_LIMIT_MS = 5_000;

const JSON_TYPE = 'application/json; charset=utf-8';

/** Whether the request announced a body that may not have arrived yet. */
const announcesBody = (req: IncomingMessage): boolean =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/** Reads and drops what arrives until `done` ends it, `bytes` is reached or the time runs out. */
function drain(source: Duplex | IncomingMessage, onEnd: () => void, subscribe: (data: (chunk: Buffer) => void, end: () => void) => () => void): void {
  let dropped = 0;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    unsubscribe();
    onEnd();
  };
  const timer = setTimeout(finish, DRAIN_LIMIT_MS);
  timer.unref();
  const unsubscribe = subscribe((chunk) => {
    dropped += chunk.length;
    if (dropped > DRAIN_LIMIT_BYTES) finish();
  }, finish);
  source.once('close', finish);
}

/**
 * Sends a reply (a JSON body, or none). A request whose body is still arriving gets the whole
 * answer at once (its Content-Length lets the client finish reading it), while the response is
 * kept open until the body has been read to its end; then node closes the connection cleanly.
 */
export function answer(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  const head: Record<string, string | number> = body === undefined ? { ...headers } : { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(text), ...headers };
  if (req.complete || !announcesBody(req)) {
    res.writeHead(status, head);
    res.end(text);
    return;
  }
  res.writeHead(status, { ...head, connection: 'close' });
  res.write(text);
  drain(req, () => {
    res.end();
    // Past a bound the rest is not worth reading; the client has had its answer for a while.
    if (!req.complete) req.socket.destroy();
  }, (onData, onEnd) => {
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onEnd);
    req.resume();
    return () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onEnd);
    };
  });
}

/** Sockets with a response under way: a raw answer there would interleave with it. */
const busy = new WeakMap<Duplex, number>();

export function trackResponse(res: ServerResponse): void {
  const socket = res.socket;
  if (!socket) return;
  busy.set(socket, (busy.get(socket) ?? 0) + 1);
  res.once('close', () => busy.set(socket, (busy.get(socket) ?? 1) - 1));
}

function refusalOf(code: string | undefined): [number, string, string] {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return [431, ErrorCode.headersTooLarge, 'the request headers are too large'];
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return [413, ErrorCode.payloadTooLarge, 'the chunk extensions are too large'];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, ErrorCode.requestTimeout, 'the request headers did not arrive in time'];
    default:
      return [400, ErrorCode.malformedRequest, 'the request is not well-formed HTTP/1.1'];
  }
}

/**
 * node's own answer to a request it cannot parse is a bare 400 followed by an immediate
 * destroy, which a client still sending never reads. This one is the hub's error envelope,
 * a half-close, and the same bounded drain as `answer`. Later parse errors on the same socket
 * (node keeps feeding its parser) find it no longer writable and are ignored.
 */
export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable) return;
  if (err.code === 'ECONNRESET' || (busy.get(socket) ?? 0) > 0) {
    socket.destroy();
    return;
  }
  const [status, code, message] = refusalOf(err.code);
  const envelope: ErrorEnvelope = { error: { code, message } };
  const text = JSON.stringify(envelope);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nContent-Type: ${JSON_TYPE}\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
  drain(socket, () => socket.destroy(), (onData, onEnd) => {
    socket.on('data', onData);
    socket.once('end', onEnd);
    return () => {
      socket.off('data', onData);
      socket.off('end', onEnd);
    };
  });
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 413: 'Payload Too Large', 431: 'Request Header Fields Too Large' };
