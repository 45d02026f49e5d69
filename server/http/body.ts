import type { IncomingMessage } from 'node:http';
import { ErrorCode } from '../../shared/index.ts';
import { HubError } from './errors.ts';

export const JSON_BODY_LIMIT = 1024 * 1024;

export const tooLarge = (limit: number) =>
  new HubError(413, ErrorCode.payloadTooLarge, `request body is larger than ${limit} bytes`, { limit });

/** Refuses early when the declared length is already over the limit. */
export function checkDeclaredLength(req: IncomingMessage, limit: number): void {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw tooLarge(limit);
}

/**
 * Reads a JSON body of at most `limit` bytes; 400 malformed_json when it does not parse.
 * Listens to events rather than async-iterating: leaving an iterator early destroys the
 * socket, and the 413 answer would never reach the client.
 */
export function readJson(req: IncomingMessage, limit = JSON_BODY_LIMIT): Promise<unknown> {
  checkDeclaredLength(req, limit);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.off('end', onEnd);
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new HubError(400, ErrorCode.malformedJson, 'request body is not valid JSON'));
      }
    };
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', reject);
  });
}
