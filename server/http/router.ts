import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, type Role } from '../../shared/index.ts';
import { HubError, sendError, sendJson } from './errors.ts';
import { HUB_ROUTES, type HubRoute, type HubRouteKey, type RouteAccess } from './routes.ts';

/** The signed-in user behind a request's bearer token. */
export type Caller = { userId: string; username: string; displayName: string; roles: readonly Role[]; tokenHash: string };

export type RequestContext = {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
  /** null only on public routes. */
  caller: Caller | null;
};

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
/** Returns a JSON reply, or nothing when it wrote the response itself (streamed bytes). */
export type Handler = (ctx: RequestContext) => Promise<Reply | void> | Reply | void;
export type Handlers = Record<HubRouteKey, Handler>;
export type Authenticate = (req: IncomingMessage) => Promise<Caller | null>;

type CompiledRoute = HubRoute & { segments: string[]; handler: Handler };

function compile(handlers: Handlers): CompiledRoute[] {
  return HUB_ROUTES.map((r) => ({ ...r, segments: r.path.split('/').slice(1), handler: handlers[`${r.method} ${r.path}` as HubRouteKey] }));
}

function matchPath(segments: readonly string[], parts: readonly string[]): Record<string, string> | null {
  if (segments.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] as string;
    const part = parts[i] as string;
    if (seg.startsWith('{')) {
      if (part === '') return null;
      params[seg.slice(1, -1)] = part;
    } else if (seg !== part) return null;
  }
  return params;
}

function decodeParts(pathname: string): string[] | null {
  try {
    return pathname.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return null;
  }
}

const allows = (access: RouteAccess, caller: Caller): boolean =>
  access === 'any' || access === 'public' || caller.roles.some((r) => (access as readonly Role[]).includes(r));

/**
 * Order of refusals: unknown path 404, wrong method 405, no valid token 401, role 403;
 * then the handler. HEAD is answered as GET (node drops the body).
 */
export function createRouter(handlers: Handlers, authenticate: Authenticate) {
  const routes = compile(handlers);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = URL.parse(req.url ?? '/', 'http://hub');
      if (url === null) throw new HubError(404, ErrorCode.notFound, 'not a request path this hub serves');
      const parts = decodeParts(url.pathname);
      const candidates = parts === null ? [] : routes.flatMap((r) => {
        const params = matchPath(r.segments, parts);
        return params ? [{ route: r, params }] : [];
      });
      if (candidates.length === 0) throw new HubError(404, ErrorCode.notFound, `no such endpoint: ${url.pathname}`);
      const method = req.method === 'HEAD' ? 'GET' : req.method;
      const hit = candidates.find((c) => c.route.method === method);
      if (!hit) {
        const allow = [...new Set(candidates.map((c) => c.route.method))].join(', ');
        throw new HubError(405, ErrorCode.methodNotAllowed, `${req.method} is not allowed here; use ${allow}`, { allow }, { allow });
      }
      let caller: Caller | null = null;
      if (hit.route.roles !== 'public') {
        caller = await authenticate(req);
        if (!caller) throw new HubError(401, ErrorCode.unauthorized, 'a valid bearer token is required');
        if (!allows(hit.route.roles, caller)) throw new HubError(403, ErrorCode.forbidden, 'your role may not use this endpoint');
      }
      const reply = await hit.route.handler({ req, res, params: hit.params, query: url.searchParams, caller });
      if (reply) {
        if (reply.body === undefined) {
          res.writeHead(reply.status, reply.headers);
          res.end();
        } else sendJson(res, reply.status, reply.body, reply.headers);
      }
    } catch (err) {
      answerError(req, res, err);
    }
  };
}

function answerError(req: IncomingMessage, res: ServerResponse, err: unknown): void {
  const hubErr = err instanceof HubError ? err : new HubError(500, ErrorCode.internal, 'internal error');
  if (!(err instanceof HubError)) console.error(err);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const headers: Record<string, string> = { ...hubErr.headers };
  if (hubErr.status === 401) headers['www-authenticate'] = 'Bearer';
  // An unread body (refused before or while reading it) is drained and the connection closed.
  if (!req.complete) headers.connection = 'close';
  req.resume();
  sendError(res, hubErr, headers);
}
