// A tiny HTTP proxy in front of a real hub that lets a test decide, per request, to pass it,
// answer it itself (a captive portal, a stray 404 page), hold the hub's answer back until
// released (a slow network) or change the hub's answer (the hub's data changing meanwhile).
import { request as httpRequest, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export type Interception =
  | { kind: 'pass' }
  | { kind: 'reply'; status: number; contentType: string; body: string }
  | { kind: 'hold'; until: Promise<void> }
  | { kind: 'rewrite'; edit: (body: Buffer) => Buffer };

export type InterceptingProxy = {
  url: string;
  /** Requests seen so far, as "METHOD /path". */
  seen: string[];
  close(): Promise<void>;
};

export async function startInterceptingProxy(target: string, intercept: (method: string, path: string) => Interception): Promise<InterceptingProxy> {
  const upstream = new URL(target);
  const seen: string[] = [];
  const sockets = new Set<Socket>();

  const forward = (req: IncomingMessage, body: Buffer, res: ServerResponse, until: Promise<void>, edit: (b: Buffer) => Buffer) => {
    const up = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          void until.then(() => {
            const out = edit(Buffer.concat(chunks));
            const headers = { ...answer.headers };
            delete headers['transfer-encoding'];
            res.writeHead(answer.statusCode ?? 502, { ...headers, 'content-length': String(out.length) });
            res.end(out);
          });
        });
      },
    );
    up.on('error', () => res.destroy());
    up.end(body);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      seen.push(`${req.method} ${path}`);
      const what = intercept(req.method ?? 'GET', path);
      if (what.kind === 'reply') {
        res.writeHead(what.status, { 'content-type': what.contentType });
        res.end(what.body);
        return;
      }
      forward(req, Buffer.concat(chunks), res, what.kind === 'hold' ? what.until : Promise.resolve(), what.kind === 'rewrite' ? what.edit : (b) => b);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('intercepting proxy has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    seen,
    close: () =>
      new Promise<void>((done) => {
        for (const s of sockets) s.destroy();
        server.close(() => done());
      }),
  };
}
