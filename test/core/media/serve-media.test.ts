import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADER_BYTES } from '../../../electron/core/media/chunk-format.ts';
import { sendMediaResponse } from '../../../electron/core/media/send-node.ts';
import { serveMedia } from '../../../electron/core/media/serve-media.ts';
import type { LocalArtifactFile } from '../../../electron/core/store/types.ts';
import type { RunningHub } from '../../support/hub.ts';
import { startSeededHub } from '../downloads/support/seeded-hub.ts';
import { makeTempDir, removeDir, sha256, writeEncrypted } from './support/media-fixture.ts';

const root = makeTempDir('serve');
const key = randomBytes(32);
let hub: RunningHub;
let token: string;
let artifactId: string;
let plain: Buffer;
let media: Server;
let mediaUrl: string;
const files = new Map<string, LocalArtifactFile>();

beforeAll(async () => {
  const seedDir = join(root, 'seed');
  mkdirSync(seedDir);
  const seeded = await startSeededHub(seedDir, [1024 * 1024 + 12_345]);
  ({ hub, token } = seeded);
  const need = seeded.needs[0]!;
  artifactId = need.artifactId;
  plain = seeded.plain.get(artifactId)!;
  const path = join(root, 'clip.enc');
  await writeEncrypted(path, key, plain);
  files.set('clip', { artifactId, path, bytes: plain.length, sha256: need.sha256, mediaType: need.mediaType });
  files.set('missing', { artifactId: 'gone', path: join(root, 'gone.enc'), bytes: 10, sha256: need.sha256, mediaType: 'video/webm' });

  media = createServer((req, res) => {
    const file = files.get((req.url ?? '').slice(1));
    if (!file) return void res.writeHead(404).end();
    const headers = { range: req.headers.range, ifRange: req.headers['if-range'] as string | undefined };
    void serveMedia(file, key, headers, req.method === 'HEAD' ? 'HEAD' : 'GET').then(
      (r) => sendMediaResponse(res, r),
      (err: Error & { code?: string }) => res.writeHead(500, { 'x-error': err.code ?? 'internal' }).end(),
    );
  });
  await new Promise<void>((r) => media.listen(0, '127.0.0.1', r));
  mediaUrl = `http://127.0.0.1:${(media.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => media?.close(r));
  await hub?.stop();
  removeDir(root);
});

type Answer = { status: number; contentRange: string | null; contentLength: string | null; acceptRanges: string | null; etag: string | null; body: Buffer };
async function get(url: string, headers: Record<string, string>, method = 'GET'): Promise<Answer> {
  const res = await fetch(url, { method, headers });
  const body = Buffer.from(await res.arrayBuffer());
  const h = res.headers;
  return { status: res.status, contentRange: h.get('content-range'), contentLength: h.get('content-length'), acceptRanges: h.get('accept-ranges'), etag: h.get('etag'), body };
}

describe('media route', () => {
  const size = () => plain.length;
  const table: [string, () => Record<string, string>, number][] = [
    ['no Range', () => ({}), 200],
    ['bytes=0-0', () => ({ range: 'bytes=0-0' }), 206],
    ['bytes=100-', () => ({ range: 'bytes=100-' }), 206],
    ['bytes=-500', () => ({ range: 'bytes=-500' }), 206],
    ['a range across chunk boundaries', () => ({ range: 'bytes=65000-200000' }), 206],
    ['an end past the size', () => ({ range: `bytes=1000-${size() * 2}` }), 206],
    ['the last byte', () => ({ range: `bytes=${size() - 1}-` }), 206],
    ['bytes=size-', () => ({ range: `bytes=${size()}-` }), 416],
    ['bytes=-0', () => ({ range: 'bytes=-0' }), 416],
    ['multiple ranges', () => ({ range: 'bytes=0-10,20-30' }), 200],
    ['garbage', () => ({ range: 'pages=1-2' }), 200],
    ['If-Range that matches', () => ({ range: 'bytes=10-20', 'if-range': `"${sha256(plain)}"` }), 206],
    ['If-Range that does not match', () => ({ range: 'bytes=10-20', 'if-range': '"0123"' }), 200],
  ];

  it.each(table)('answers %s like the hub serving the same bytes', async (_label, headers, status) => {
    const ours = await get(`${mediaUrl}/clip`, headers());
    const theirs = await get(`${hub.url}/v1/artifacts/${artifactId}`, { ...headers(), authorization: `Bearer ${token}` });
    expect(ours.status).toBe(status);
    expect(ours.status).toBe(theirs.status);
    expect(ours.contentRange).toBe(theirs.contentRange);
    expect(ours.acceptRanges).toBe('bytes');
    expect(ours.etag).toBe(`"${sha256(plain)}"`);
    if (status !== 416) {
      expect(ours.etag).toBe(theirs.etag);
      expect(ours.contentLength).toBe(theirs.contentLength);
      expect(ours.body.equals(theirs.body)).toBe(true);
      const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(ours.contentRange ?? '');
      const expected = m ? plain.subarray(Number(m[1]), Number(m[2]) + 1) : plain;
      expect(ours.body.equals(expected)).toBe(true);
    }
  });

  it('marks the response sensitive and typed', async () => {
    const res = await fetch(`${mediaUrl}/clip`, { headers: { range: 'bytes=0-1' } });
    await res.arrayBuffer();
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-type')).toBe('video/webm');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(res.headers.get('content-disposition')).toBeNull();
  });

  it('sends a type the hub does not accept as an opaque download, never as a page', async () => {
    const clip = files.get('clip')!;
    for (const mediaType of ['text/html', 'image/svg+xml', 'application/javascript', 'video/webm; charset=x']) {
      const r = await serveMedia({ ...clip, mediaType }, key, {}, 'HEAD');
      expect(r.headers).toMatchObject({ 'Content-Type': 'application/octet-stream', 'Content-Disposition': 'attachment', 'X-Content-Type-Options': 'nosniff' });
    }
    for (const mediaType of ['application/pdf', 'image/png', 'text/vtt']) {
      const r = await serveMedia({ ...clip, mediaType }, key, {}, 'HEAD');
      expect(r.headers['Content-Type']).toBe(mediaType);
      expect(r.headers['Content-Disposition']).toBeUndefined();
    }
  });

  it('answers HEAD with the headers and no body', async () => {
    const head = await get(`${mediaUrl}/clip`, { range: 'bytes=5-9' }, 'HEAD');
    expect(head).toMatchObject({ status: 206, contentRange: `bytes 5-9/${plain.length}`, contentLength: '5' });
    expect(head.body.length).toBe(0);
  });

  it('answers 404 for a file that is not on disk', async () => {
    expect((await get(`${mediaUrl}/missing`, {})).status).toBe(404);
  });

  it('refuses a range whose first chunk is tampered before any header goes out (media_tampered)', async () => {
    const bytes = await readFile(files.get('clip')!.path);
    bytes[HEADER_BYTES + 100] = (bytes[HEADER_BYTES + 100] as number) ^ 1;
    const path = join(root, 'tampered.enc');
    await writeFile(path, bytes);
    files.set('tampered', { ...files.get('clip')!, path });
    const res = await fetch(`${mediaUrl}/tampered`, { headers: { range: 'bytes=0-10' } });
    // serveMedia itself rejects (the workstation's media route turns that into 503 and a re-download).
    expect(res.status).toBe(500);
    expect(res.headers.get('x-error')).toBe('media_tampered');
    // Ranges in untouched chunks still play.
    expect((await get(`${mediaUrl}/tampered`, { range: 'bytes=200000-200009' })).status).toBe(206);
  });

  it('cuts the connection when a later chunk of the range is tampered, so no garbage is played', async () => {
    const bytes = await readFile(files.get('clip')!.path);
    const at = HEADER_BYTES + 10 * (64 * 1024 + 16) + 5;
    bytes[at] = (bytes[at] as number) ^ 1;
    const path = join(root, 'late-tamper.enc');
    await writeFile(path, bytes);
    files.set('late', { ...files.get('clip')!, path });
    const res = await fetch(`${mediaUrl}/late`);
    expect(res.status).toBe(200);
    const err = await res.arrayBuffer().then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
  });

  it('stops reading when the client goes away mid-body and keeps serving others', async () => {
    const fdsBefore = readdirSync('/proc/self/fd').length;
    await new Promise<void>((done, fail) => {
      const req = request(`${mediaUrl}/clip`, (res) => {
        res.once('data', () => {
          req.destroy();
          done();
        });
      });
      req.on('error', (e) => (e.message.includes('aborted') || (e as NodeJS.ErrnoException).code === 'ECONNRESET' ? done() : fail(e)));
      req.end();
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(readdirSync('/proc/self/fd').length).toBeLessThanOrEqual(fdsBefore + 1);
    const after = await get(`${mediaUrl}/clip`, { range: 'bytes=0-99' });
    expect(after.body.equals(plain.subarray(0, 100))).toBe(true);
  });
});
