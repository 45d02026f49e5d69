// The assay:// protocol: assay://app/<path> serves the built renderer, assay://media/<id>
// serves a decrypted artifact (Range-aware) from the workstation. Written against the Fetch
// API's Request/Response, which is what protocol.handle uses, so it runs under Node tests.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { MediaResponse } from '../core/ports.ts';
import { resolveStatic } from '../web/static-files.ts';
import { APP_HOST, APP_ORIGIN, MEDIA_HOST, buildCsp } from './security.ts';

export type MediaSource = (artifactId: string, headers: { range?: string; ifRange?: string }, method: 'GET' | 'HEAD') => Promise<MediaResponse>;

const BASE_HEADERS = { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };

function plain(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { ...BASE_HEADERS, 'content-type': 'text/plain; charset=utf-8', ...extra } });
}

function toWebStream(body: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  return Readable.toWeb(Readable.from(body)) as ReadableStream<Uint8Array>;
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

async function serveApp(root: string, rawPath: string, method: 'GET' | 'HEAD'): Promise<Response> {
  const found = await resolveStatic(root, rawPath);
  if (found.status !== 200) return plain(found.status, found.reason);
  const headers = { ...BASE_HEADERS, 'content-type': found.contentType, 'content-length': String(found.size), 'content-security-policy': buildCsp() };
  const body = method === 'HEAD' ? null : toWebStream(createReadStream(found.file));
  return new Response(body, { status: 200, headers });
}

async function serveMedia(media: MediaSource, request: Request, rawPath: string, method: 'GET' | 'HEAD'): Promise<Response> {
  const id = safeDecode(rawPath.replace(/^\//, ''));
  if (id === null || id === '' || id.includes('/')) return plain(404, 'not found');
  const range = request.headers.get('range') ?? undefined;
  const ifRange = request.headers.get('if-range') ?? undefined;
  const answer = await media(id, { ...(range ? { range } : {}), ...(ifRange ? { ifRange } : {}) }, method);
  // CORS for the app origin only: pdf.js fetches documents from assay://media.
  const headers = { ...BASE_HEADERS, ...answer.headers, 'access-control-allow-origin': APP_ORIGIN, vary: 'Origin' };
  const body = method === 'HEAD' || answer.body === null ? null : toWebStream(answer.body);
  return new Response(body, { status: answer.status, headers });
}

/** The protocol.handle handler: GET and HEAD only, app and media hosts only. */
export function createAppProtocolHandler(opts: { rendererRoot: string; media: MediaSource }): (request: Request) => Promise<Response> {
  return async (request) => {
    const method = request.method.toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') return plain(405, 'method not allowed', { allow: 'GET, HEAD' });
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return plain(400, 'bad url');
    }
    if (url.username !== '' || url.password !== '' || url.port !== '') return plain(404, 'not found');
    try {
      if (url.hostname === APP_HOST) return await serveApp(opts.rendererRoot, url.pathname, method);
      if (url.hostname === MEDIA_HOST) return await serveMedia(opts.media, request, url.pathname, method);
    } catch (err) {
      console.error('assay protocol:', err);
      return plain(500, 'internal error');
    }
    return plain(404, 'not found');
  };
}
