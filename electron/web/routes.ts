// The web host's request router: host/origin checks first, then static renderer files
// (no auth; a valid ?token sets the cookie), the API, events and media (token required).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '../../shared/index.ts';
import { sendMediaResponse } from '../core/media/send-node.ts';
import type { Workstation } from '../core/ports.ts';
import { buildCsp } from '../main/security.ts';
import { handleApiCall, openEventStream } from './api-routes.ts';
import { SECURITY_HEADERS, sendError } from './http-replies.ts';
import { isAllowedHost, isAllowedOrigin, isAuthorized, tokenCookie, tokensEqual } from './request-guards.ts';
import { resolveStatic, streamFile } from './static-files.ts';

export type RouterOptions = {
  workstation: Workstation;
  token: string;
  rendererRoot: string;
  /** The port actually bound (known only after listen when 0 was asked for). */
  port: () => number;
  /** Closers of open event streams, so the host can end them on shutdown. */
  streams: Set<() => void>;
};

function splitTarget(target: string): { path: string; query: URLSearchParams } {
  const q = target.indexOf('?');
  return q === -1 ? { path: target, query: new URLSearchParams() } : { path: target.slice(0, q), query: new URLSearchParams(target.slice(q + 1)) };
}

async function serveStatic(opts: RouterOptions, req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<void> {
  const found = await resolveStatic(opts.rendererRoot, path);
  if (found.status !== 200) {
    sendError(res, found.status, found.status === 403 ? ErrorCode.forbidden : ErrorCode.notFound, found.reason);
    return;
  }
  const given = query.get('token');
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'content-type': found.contentType,
    'content-length': String(found.size),
    'content-security-policy': buildCsp(),
    'cache-control': found.contentType.startsWith('text/html') ? 'no-store' : 'no-cache',
  };
  if (given !== null && tokensEqual(given, opts.token)) headers['set-cookie'] = tokenCookie(opts.token);
  res.writeHead(200, headers);
  if (req.method === 'HEAD') res.end();
  else await streamFile(found.file, res);
}

async function serveMedia(opts: RouterOptions, req: IncomingMessage, res: ServerResponse, rawId: string): Promise<void> {
  let id: string;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    sendError(res, 404, ErrorCode.notFound, 'No such artifact.');
    return;
  }
  const headers: { range?: string; ifRange?: string } = {};
  if (req.headers.range !== undefined) headers.range = req.headers.range;
  if (typeof req.headers['if-range'] === 'string') headers.ifRange = req.headers['if-range'];
  const answer = await opts.workstation.media(id, headers, req.method === 'HEAD' ? 'HEAD' : 'GET');
  // Media and app share this origin here, so other sites' pages may not embed it.
  // (Not in the core: the Electron app loads assay://media from assay://app, another origin.)
  await sendMediaResponse(res, { ...answer, headers: { ...answer.headers, 'Cross-Origin-Resource-Policy': 'same-origin' } });
}

async function route(opts: RouterOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const port = opts.port();
  if (!isAllowedHost(req.headers.host, port)) {
    sendError(res, 421, ErrorCode.forbidden, 'This host answers only to 127.0.0.1 and localhost.');
    return;
  }
  const origin = req.headers.origin;
  if (!isAllowedOrigin(origin, port)) {
    sendError(res, 403, ErrorCode.forbidden, 'Cross-origin requests are refused.');
    return;
  }
  const { path, query } = splitTarget(req.url ?? '/');
  const isData = path === '/api' || path.startsWith('/api/') || path.startsWith('/media/');
  if (!isData) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, 405, ErrorCode.methodNotAllowed, 'Only GET and HEAD are served here.', { allow: 'GET, HEAD' });
      return;
    }
    await serveStatic(opts, req, res, path, query);
    return;
  }
  if (!isAuthorized(req.headers, opts.token)) {
    req.resume();
    sendError(res, 401, ErrorCode.unauthorized, 'Open the address printed by the web host (it carries the token), or send Authorization: Bearer <token>.', { 'www-authenticate': 'Bearer' });
    return;
  }
  if (path === '/api/events') {
    if (req.method !== 'GET') sendError(res, 405, ErrorCode.methodNotAllowed, 'Open the event stream with GET.', { allow: 'GET' });
    else openEventStream(opts.workstation, req, res, opts.streams);
    return;
  }
  if (path.startsWith('/media/')) {
    if (req.method !== 'GET' && req.method !== 'HEAD') sendError(res, 405, ErrorCode.methodNotAllowed, 'Media is read with GET or HEAD.', { allow: 'GET, HEAD' });
    else await serveMedia(opts, req, res, path.slice('/media/'.length));
    return;
  }
  await handleApiCall(opts.workstation, req, res, path.slice('/api/'.length));
}

export function createRouter(opts: RouterOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    route(opts, req, res).catch((err: unknown) => {
      console.error('web host:', err);
      if (!res.headersSent) sendError(res, 500, ErrorCode.internal, 'The web host failed to answer; see its log.');
      else res.destroy();
    });
  };
}
