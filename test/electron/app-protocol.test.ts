import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEncryptedWriter } from '../../electron/core/media/encrypted-file.ts';
import { serveMedia } from '../../electron/core/media/serve-media.ts';
import { createAppProtocolHandler } from '../../electron/main/app-protocol.ts';
import { buildCsp } from '../../electron/main/security.ts';
import { resolveStatic } from '../../electron/web/static-files.ts';

// A renderer build and, beside it, files that must never be served.
const base = mkdtempSync(join(tmpdir(), 'assay-protocol-'));
const root = join(base, 'renderer');
const SECRET = 'secret outside the renderer root';
const INDEX = '<!doctype html><title>Assay</title>';
const media = Buffer.from(randomBytes(300_000));
const key = randomBytes(32);
const mediaPath = join(base, 'a1.enc');

beforeAll(async () => {
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), INDEX);
  writeFileSync(join(root, 'assets/app.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), SECRET);
  mkdirSync(join(base, 'outside'));
  writeFileSync(join(base, 'outside/secret.txt'), SECRET);
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets/leak.txt'));
  symlinkSync(join(base, 'outside'), join(root, 'escape'));
  const writer = await openEncryptedWriter(mediaPath, key, { resume: false });
  await writer.write(media);
  await writer.finish();
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const handler = createAppProtocolHandler({
  rendererRoot: root,
  media: (id, headers, method) =>
    id === 'a1'
      ? serveMedia({ artifactId: 'a1', path: mediaPath, bytes: media.length, sha256: createHash('sha256').update(media).digest('hex'), mediaType: 'video/mp4' }, key, headers, method)
      : Promise.resolve({ status: 404, headers: {}, body: null }),
});
const get = (url: string, init: RequestInit = {}) => handler(new Request(url, init));

describe('static path resolver', () => {
  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets%5c..%5c..%5csecret.txt',
    '/..\\secret.txt',
    `/${join(base, 'secret.txt')}/../x`,
    '/C:/Windows/win.ini',
    '/%00index.html',
    '/.env',
    '/%E0%A4%A',
  ])('refuses %s', async (path) => {
    expect(await resolveStatic(root, path)).toMatchObject({ status: 403 });
  });

  it('does not follow a symlink out of the root', async () => {
    expect(await resolveStatic(root, '/assets/leak.txt')).toMatchObject({ status: 404 });
    const escaped = await resolveStatic(root, '/escape/secret.txt');
    expect(escaped).toMatchObject({ status: 404 });
  });

  it('serves files with their content type and falls back to index.html for app routes', async () => {
    expect(await resolveStatic(root, '/assets/app.js')).toMatchObject({ status: 200, file: join(root, 'assets/app.js'), contentType: 'text/javascript; charset=utf-8' });
    expect(await resolveStatic(root, '/')).toMatchObject({ status: 200, file: join(root, 'index.html') });
    expect(await resolveStatic(root, '/review/a-17')).toMatchObject({ status: 200, file: join(root, 'index.html') });
    expect(await resolveStatic(root, '/assets/missing.js')).toMatchObject({ status: 404 });
  });
});

describe('assay:// protocol handler', () => {
  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('answers %s with 405', async (method) => {
    const res = await get('assay://app/index.html', { method });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });

  it('serves the UI with the CSP header', async () => {
    const res = await get('assay://app/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(buildCsp());
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toBe(INDEX);
    const head = await get('assay://app/assets/app.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('14');
    expect(await head.text()).toBe('');
  });

  it('never serves a file outside the root', async () => {
    for (const url of ['assay://app/../secret.txt', 'assay://app/%2e%2e/secret.txt', 'assay://app/assets/leak.txt', 'assay://app/escape/secret.txt', 'assay://app/..%5csecret.txt']) {
      const res = await get(url);
      expect(await res.text(), url).not.toContain(SECRET);
    }
  });

  it('answers foreign hosts with 404', async () => {
    expect((await get('assay://other/index.html')).status).toBe(404);
    expect((await get('assay://app:8080/index.html')).status).toBe(404);
  });

  it('serves decrypted media ranges like a file server', async () => {
    const whole = await get('assay://media/a1');
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(media)).toBe(true);
    expect(whole.headers.get('access-control-allow-origin')).toBe('assay://app');

    for (const [start, end] of [[0, 0], [1000, 70_000], [65_535, 65_536], [media.length - 10, media.length - 1]] as const) {
      const res = await get('assay://media/a1', { headers: { range: `bytes=${start}-${end}` } });
      expect(res.status).toBe(206);
      expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${media.length}`);
      expect(Buffer.from(await res.arrayBuffer()).equals(media.subarray(start, end + 1))).toBe(true);
    }
    const past = await get('assay://media/a1', { headers: { range: `bytes=${media.length}-` } });
    expect(past.status).toBe(416);
    expect((await get('assay://media/unknown')).status).toBe(404);
    expect((await get('assay://media/a1', { method: 'POST' })).status).toBe(405);
  });
});
