import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubClient } from '../../../electron/core/hub-client/hub-client.ts';

// A scripted hub: each path answers one fixed way, so every client branch can be hit.
let server: Server;
let url = '';
let lastAuth: string | undefined;

beforeAll(async () => {
  server = createServer((req, res) => {
    lastAuth = req.headers.authorization;
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body);
    };
    if (req.url === '/v1/health') return send(200, '{"ok":true}');
    if (req.url === '/v1/sync?cursor=portal') {
      // A captive portal sends the client elsewhere.
      res.writeHead(302, { location: '/v1/health' });
      return res.end();
    }
    if (req.url?.startsWith('/v1/sync')) return send(200, '{"cursor":5}');
    if (req.url === '/v1/sessions') return send(401, '{"error":{"code":"unauthorized","message":"nope"}}');
    if (req.url?.startsWith('/v1/reviews/')) return send(409, '{"error":{"code":"locked_criterion","message":"locked","details":["c1"]}}');
    if (req.url === '/v1/sessions/current') {
      // Never answers: the client's timeout must fire.
      return;
    }
    send(502, '<html>bad gateway</html>');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('no port');
  url = `http://127.0.0.1:${addr.port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

describe('hub client', () => {
  it('sends the bearer token and validates a good answer', async () => {
    const r = await createHubClient({ hubUrl: `${url}/`, token: 'tok' }).health();
    expect(r).toEqual({ ok: true, value: { ok: true }, status: 200 });
    expect(lastAuth).toBe('Bearer tok');
  });

  it('answers bad_hub_response for a body that does not match the protocol', async () => {
    const r = await createHubClient({ hubUrl: url, token: 't' }).sync(null);
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_hub_response', status: 200 } });
  });

  it("keeps the hub's error code, message, details and status", async () => {
    const c = createHubClient({ hubUrl: url, token: 't' });
    expect(await c.signIn({ username: 'a', password: 'b', deviceName: 'd' })).toEqual({
      ok: false,
      error: { status: 401, code: 'unauthorized', message: 'nope', fromHub: true },
    });
    const body = { assignmentId: 'a1', rubricId: 'r', rubricVersion: 1, scores: {}, criterionFeedback: {}, overallFeedback: '', notes: [], timeSpentSec: 0 };
    expect(await c.putReview('0b8f8f7e-3c1a-4c7e-9a55-1f0f4a7e2b10', body)).toMatchObject({
      ok: false,
      error: { status: 409, code: 'locked_criterion', details: ['c1'] },
    });
  });

  it('does not follow a redirect, and marks an answer without the envelope as not from the hub', async () => {
    const c = createHubClient({ hubUrl: url, token: 't' });
    const redirected = await c.sync('portal');
    expect(redirected).toMatchObject({ ok: false, error: { status: 302, code: 'bad_hub_response' } });
    expect(!redirected.ok && redirected.error.fromHub).toBeFalsy();
    const gateway = await c.recuse('a1', 'conflict');
    expect(!gateway.ok && gateway.error.fromHub).toBeFalsy();
  });

  it('treats a 5xx without the envelope as transient (offline) and a timeout or refused port as offline', async () => {
    const c = createHubClient({ hubUrl: url, token: 't', timeoutMs: 300 });
    expect(await c.recuse('a1', 'conflict')).toMatchObject({ ok: false, error: { status: 502, code: 'offline' } });
    const t = Date.now();
    expect(await c.signOut()).toMatchObject({ ok: false, error: { status: 0, code: 'offline' } });
    expect(Date.now() - t).toBeLessThan(5_000);
    const refused = await createHubClient({ hubUrl: 'http://127.0.0.1:9' }).health();
    expect(refused).toMatchObject({ ok: false, error: { status: 0, code: 'offline', message: expect.stringContaining('http://127.0.0.1:9') } });
  });
});
