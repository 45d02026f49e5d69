import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { ErrorCode, type ErrorEnvelope } from '../../shared/index.ts';

/** How much of a refused request is read and dropped (so the answer reaches a client still sending), and for how long. */
const DRAIN_BYTES = 8 * 1024 * 1024;
const DRAIN_MS = 5_000;

function answerFor(code: string | undefined): { status: number; reason: string; envelope: ErrorEnvelope } {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return { status: 431, reason: 'Request Header Fields Too Large', envelope: { error: { code: ErrorCode.payloadTooLarge, message: 'the request line and headers are larger than this hub reads (16 KiB)' } } };
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT' || code === 'HPE_HEADERS_TIMEOUT') {
    return { status: 408, reason: 'Request Timeout', envelope: { error: { code: ErrorCode.invalid, message: 'the request did not arrive in time' } } };
  }
  return { status: 400, reason: 'Bad Request', envelope: { error: { code: ErrorCode.invalid, message: 'the request is not valid HTTP/1.1' } } };
}

/**
 * Requests node cannot parse (a 1 MiB URL, a broken header) get the protocol's error
 * envelope rather than node's bare status line or a reset; the rest of what the client
 * sends is read and dropped up to a bound, so it can read the answer before the close.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const { status, reason, envelope } = answerFor(err.code);
    const body = JSON.stringify(envelope);
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
    let drained = 0;
    const timer = setTimeout(() => socket.destroy(), DRAIN_MS).unref();
    socket.on('data', (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > DRAIN_BYTES) socket.destroy();
    });
    socket.once('close', () => clearTimeout(timer));
    socket.resume();
  });
}
