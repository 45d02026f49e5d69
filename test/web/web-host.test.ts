import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCsp } from '../../electron/main/security.ts';
import { startWebHost, type WebHost } from '../../electron/web/host.ts';
import { METHOD_NAMES, type WorkstationEvent } from '../../shared/index.ts';
import { startHub, type RunningHub } from '../support/hub.ts';
import { raw } from './raw-http.ts';

const base = mkdtempSync(join(tmpdir(), 'assay-web-'));
const rendererRoot = join(base, 'renderer');
const INDEX = '<!doctype html><title>Assay</title><script type="module" src="/assets/app.js"></script>';
let hub: RunningHub;
let host: WebHost;
let auth: Record<string, string>;

beforeAll(async () => {
  mkdirSync(join(rendererRoot, 'assets'), { recursive: true });
  writeFileSync(join(rendererRoot, 'index.html'), INDEX);
  writeFileSync(join(rendererRoot, 'assets/app.js'), 'export {};');
  hub = await startHub({ demo: true });
  host = await startWebHost({ dataDir: join(base, 'data'), rendererRoot, tuning: { syncPeriodMs: 60_000 } });
  auth = { authorization: `Bearer ${host.token}` };
});
afterAll(async () => {
  await host?.close();
  await hub?.stop();
  rmSync(base, { recursive: true, force: true });
});

const post = (method: string, input: unknown, headers: Record<string, string> = auth) =>
  raw(host.port, 'POST', `/api/${method}`, { 'content-type': 'application/json', ...headers }, JSON.stringify(input));

describe('who may talk to the web host', () => {
  it('refuses data routes without the token', async () => {
    for (const [method, path] of [['POST', '/api/session.status'], ['GET', '/api/events'], ['GET', '/media/a1']] as const) {
      const res = await raw(host.port, method, path, method === 'POST' ? { 'content-type': 'application/json' } : {}, method === 'POST' ? '{}' : undefined);
      expect(res.status, path).toBe(401);
      expect(res.json).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
  });

  it('refuses a wrong token in the header or the cookie', async () => {
    expect((await post('session.status', {}, { authorization: 'Bearer wrong-token-wrong-token' })).status).toBe(401);
    expect((await post('session.status', {}, { cookie: 'assay_token=wrong-token-wrong-token' })).status).toBe(401);
    expect((await post('session.status', {}, { authorization: `Basic ${host.token}` })).status).toBe(401);
  });

  it('refuses a foreign Origin even with the token (CSRF)', async () => {
    for (const origin of ['https://evil.test', `http://127.0.0.1:${host.port + 1}`, 'null']) {
      const res = await post('session.status', {}, { ...auth, origin });
      expect(res.status, origin).toBe(403);
      expect(res.json).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect((await post('session.status', {}, { ...auth, origin: host.origin })).status).toBe(200);
  });

  it('refuses a foreign Host even with the token (DNS rebinding)', async () => {
    for (const h of ['evil.test', `evil.test:${host.port}`, `127.0.0.1:${host.port + 1}`, `localhost.evil.test:${host.port}`]) {
      const res = await post('session.status', {}, { ...auth, host: h });
      expect(res.status, h).toBe(421);
    }
    expect((await post('session.status', {}, { ...auth, host: `localhost:${host.port}` })).status).toBe(200);
  });

  it('sets an HttpOnly SameSite=Strict cookie when the page is opened with the token, and accepts it', async () => {
    const page = await raw(host.port, 'GET', `/?token=${host.token}`);
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toMatch(/^assay_token=[^;]+; HttpOnly; SameSite=Strict; Path=\//);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect((await raw(host.port, 'GET', '/?token=not-the-token')).headers['set-cookie']).toBeUndefined();
    const viaCookie = await post('session.status', {}, { cookie: cookie.split(';')[0]! });
    expect(viaCookie.json).toMatchObject({ ok: true });
  });
});

describe('POST /api/{method}', () => {
  it.each(METHOD_NAMES)('%s rejects malformed input with invalid', async (method) => {
    for (const input of [{ bogus: true }, 42, [], 'text']) {
      const res = await post(method, input);
      expect(res.status).toBe(200);
      expect(res.json, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    }
  });

  it('answers an unknown method with 404 and the envelope', async () => {
    const res = await post('fs.readFile', { path: '/etc/passwd' });
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect((await post('__proto__', {})).status).toBe(404);
  });

  it('answers transport mistakes with their status and the envelope', async () => {
    expect((await raw(host.port, 'GET', '/api/session.status', auth)).status).toBe(405);
    const bad = await raw(host.port, 'POST', '/api/session.status', { ...auth, 'content-type': 'application/json' }, '{"x":');
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: 'malformed_json' } });
    const form = await raw(host.port, 'POST', '/api/session.status', { ...auth, 'content-type': 'text/plain' }, '{}');
    expect(form.status).toBe(415);
    const huge = await raw(host.port, 'POST', '/api/draft.save', { ...auth, 'content-type': 'application/json' }, JSON.stringify({ pad: 'x'.repeat(1_100_000) }));
    expect(huge.status).toBe(413);
    expect(huge.json).toMatchObject({ error: { code: 'payload_too_large' } });
  });
});

describe('renderer files', () => {
  it('serves the UI without auth, with the CSP header and its content type', async () => {
    const res = await raw(host.port, 'GET', '/');
    expect(res.status).toBe(200);
    expect(res.text).toBe(INDEX);
    expect(res.headers['content-security-policy']).toBe(buildCsp());
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect((await raw(host.port, 'GET', '/assets/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await raw(host.port, 'GET', '/queue/overdue')).text).toBe(INDEX);
    expect((await raw(host.port, 'POST', '/')).status).toBe(405);
  });

  it.each(['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2f..%2fpackage.json', '/..%5c..%5cpackage.json', '/assets/../../secret'])(
    'never leaves the renderer root: %s',
    async (path) => {
      const res = await raw(host.port, 'GET', path);
      expect(res.status).toBe(403);
      expect(res.text).not.toContain('"name"');
    },
  );
});

describe('signed in against a real hub', () => {
  const events: WorkstationEvent[] = [];
  let stream: AbortController;

  beforeAll(async () => {
    stream = new AbortController();
    const res = await fetch(`${host.origin}/api/events`, { headers: auth, signal: stream.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      const reader = res.body!.getReader();
      try {
        for (let r = await reader.read(); !r.done; r = await reader.read()) {
          buffer += decoder.decode(r.value, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            for (const line of frame.split('\n')) if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)) as WorkstationEvent);
          }
        }
      } catch {
        // Aborted at the end of the suite.
      }
    })();
    const signIn = await post('session.signIn', { hubUrl: hub.url, username: 'assessor1', password: 'demo' });
    expect(signIn.json).toMatchObject({ ok: true });
  });
  afterAll(() => stream.abort());

  it('pushes events over server-sent events', async () => {
    await post('sync.now', {});
    await expect.poll(() => events.some((e) => e.name === 'sync.progress'), { timeout: 10_000 }).toBe(true);
  });

  it('serves a downloaded artifact with Range through the media route, using the cookie', async () => {
    const queue = (await post('queue.list', {})).json as { value: { items: { assignmentId: string }[] } };
    let artifact: { id: string; bytes: number } | null = null;
    await expect
      .poll(async () => {
        for (const item of queue.value.items) {
          const view = (await post('submission.get', { assignmentId: item.assignmentId })).json as { ok: boolean; value?: { artifacts: { id: string; bytes: number; download: { state: string } }[] } };
          const done = view.value?.artifacts.find((a) => a.download.state === 'complete' && a.bytes > 100);
          if (done) artifact = done;
        }
        return artifact !== null;
      }, { timeout: 30_000, interval: 500 })
      .toBe(true);
    const { id, bytes } = artifact!;
    const url = ((await post('media.url', { artifactId: id })).json as { value: { url: string } }).value.url;
    expect(url).toBe(`/media/${id}`);
    const hubToken = await hub.signIn('assessor1');
    const original = Buffer.from(await (await fetch(`${hub.url}/v1/artifacts/${id}`, { headers: { authorization: `Bearer ${hubToken}` } })).arrayBuffer());
    expect(original.length).toBe(bytes);

    const cookie = `assay_token=${host.token}`;
    const part = await raw(host.port, 'GET', url, { cookie, range: 'bytes=10-99' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 10-99/${bytes}`);
    expect(part.body.equals(original.subarray(10, 100))).toBe(true);
    expect(part.headers).toMatchObject({ 'cross-origin-resource-policy': 'same-origin', 'x-content-type-options': 'nosniff', 'content-security-policy': "sandbox; default-src 'none'" });
    const whole = await raw(host.port, 'GET', url, { cookie });
    expect(whole.status).toBe(200);
    expect(whole.body.equals(original)).toBe(true);
    expect((await raw(host.port, 'GET', url, { cookie, range: `bytes=${bytes}-` })).status).toBe(416);
    expect((await raw(host.port, 'GET', url, { range: 'bytes=0-1' })).status).toBe(401);
  });
});
