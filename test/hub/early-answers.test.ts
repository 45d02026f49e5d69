// A refusal the hub sends before (or while) it reads a request body must reach a client that is
// still writing that body: with Node's fetch, with curl, and with a raw socket that streams the
// body slowly, 50 times each per refusal, while two busy processes keep both cores loaded.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../support/hub.ts';
import { startFixtureHub, type FixtureHub } from './fixture-helpers.ts';

const ATTEMPTS = 50;
const PARALLEL = 6;
// Over the 1 MiB JSON limit, and more than loopback's socket buffers take in at once.
const BODY_BYTES = 1280 * 1024;
const MAX_ARTIFACT_BYTES = 256 * 1024;

type Refusal = {
  name: string;
  method: string;
  path: string;
  /** Who sends it (a fixture account), or nobody. */
  as?: string;
  headers?: Record<string, string>;
  /** Sent chunked, without a Content-Length, so the limit is met while reading. */
  chunked?: boolean;
  status: number;
  code: string;
};

const REFUSALS: Refusal[] = [
  { name: '413 declared JSON body', method: 'POST', path: '/v1/sessions', headers: { 'content-type': 'application/json' }, status: 413, code: 'payload_too_large' },
  { name: '413 streamed JSON body', method: 'POST', path: '/v1/sessions', headers: { 'content-type': 'application/json' }, chunked: true, status: 413, code: 'payload_too_large' },
  { name: '413 declared artifact', method: 'POST', path: '/v1/intake/artifacts', as: 'intake-bot', headers: { 'content-type': 'application/pdf', 'x-filename': 'big.pdf' }, status: 413, code: 'payload_too_large' },
  { name: '413 streamed artifact', method: 'POST', path: '/v1/intake/artifacts', as: 'intake-bot', headers: { 'content-type': 'application/pdf', 'x-filename': 'big.pdf' }, chunked: true, status: 413, code: 'payload_too_large' },
  { name: '401 no token', method: 'POST', path: '/v1/intake/artifacts', headers: { 'content-type': 'application/pdf', 'x-filename': 'a.pdf' }, status: 401, code: 'unauthorized' },
  { name: '403 wrong role', method: 'POST', path: '/v1/intake/artifacts', as: 'alice', headers: { 'content-type': 'application/pdf', 'x-filename': 'a.pdf' }, status: 403, code: 'forbidden' },
  { name: '404 unknown path', method: 'POST', path: '/v1/no-such-endpoint', headers: { 'content-type': 'application/json' }, status: 404, code: 'not_found' },
  { name: '405 wrong method', method: 'PUT', path: '/v1/sessions', headers: { 'content-type': 'application/json' }, status: 405, code: 'method_not_allowed' },
  { name: '422 bad file name', method: 'POST', path: '/v1/intake/artifacts', as: 'intake-bot', headers: { 'content-type': 'application/pdf', 'x-filename': '.hidden.pdf' }, status: 422, code: 'invalid' },
  { name: '415 unaccepted type', method: 'POST', path: '/v1/intake/artifacts', as: 'intake-bot', headers: { 'content-type': 'application/zip', 'x-filename': 'a.zip' }, status: 415, code: 'unsupported_media_type' },
  { name: '431 headers too large', method: 'POST', path: '/v1/sessions', headers: { 'content-type': 'application/json', 'x-padding': 'p'.repeat(20_000) }, status: 431, code: 'headers_too_large' },
];

type Outcome = { status: number; code: unknown };

const body = new Uint8Array(BODY_BYTES).fill(0x78);

/** Runs `n` attempts, `PARALLEL` at a time; a failed attempt is reported with its number. */
async function attempts(n: number, one: (i: number) => Promise<Outcome>): Promise<Outcome[]> {
  const results: Outcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      results[i] = await one(i).catch((err: Error) => ({ status: -1, code: `attempt ${i} failed: ${err.message} ${String((err.cause as Error | undefined)?.message ?? '')}` }));
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return results;
}

function headersFor(hub: FixtureHub, r: Refusal): Record<string, string> {
  const h: Record<string, string> = { ...r.headers };
  if (r.as) h.authorization = `Bearer ${hub.tokens[r.as]}`;
  return h;
}

async function viaFetch(hub: FixtureHub, r: Refusal): Promise<Outcome> {
  const stream = () =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < BODY_BYTES; at += 64 * 1024) controller.enqueue(body.subarray(at, at + 64 * 1024));
        controller.close();
      },
    });
  const res = await fetch(`${hub.url}${r.path}`, { method: r.method, headers: headersFor(hub, r), body: r.chunked ? stream() : body, duplex: 'half' } as RequestInit);
  const parsed = (await res.json()) as { error?: { code?: unknown } };
  return { status: res.status, code: parsed.error?.code };
}

function viaCurl(hub: FixtureHub, r: Refusal, bodyFile: string): Promise<Outcome> {
  // No "Expect: 100-continue": curl starts writing at once, the harder case for the hub.
  const args = ['--silent', '--show-error', '--max-time', '60', '-X', r.method, '--data-binary', `@${bodyFile}`, '-H', 'Expect:', '-o', '-', '-w', '\n%{http_code}'];
  for (const [k, v] of Object.entries(headersFor(hub, r))) args.push('-H', `${k}: ${v}`);
  if (r.chunked) args.push('-H', 'Transfer-Encoding: chunked');
  args.push(`${hub.url}${r.path}`);
  return new Promise((done, fail) => {
    execFile('curl', args, { maxBuffer: 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) return fail(new Error(`curl: ${err.message} ${stderr}`));
      const cut = stdout.lastIndexOf('\n');
      const parsed = JSON.parse(stdout.slice(0, cut)) as { error?: { code?: unknown } };
      done({ status: Number(stdout.slice(cut + 1)), code: parsed.error?.code });
    });
  });
}

/**
 * Writes the headers, then the whole body in small pieces, yielding between them, and reads
 * the answer meanwhile. Any socket error fails the attempt: the hub must neither reset the
 * connection under a writing client nor close it before the answer is read. An answer that
 * says `Connection: close` must be followed by the hub's orderly close (FIN, not a reset).
 */
function viaSocket(hub: FixtureHub, r: Refusal): Promise<Outcome> {
  const { hostname, port } = new URL(hub.url);
  const headers = { host: `${hostname}:${port}`, ...headersFor(hub, r), ...(r.chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(BODY_BYTES) }) };
  const head = `${r.method} ${r.path} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  return new Promise((done, fail) => {
    // Half-open: the hub's FIN does not stop this client writing, so the hub must keep reading.
    const socket = connect({ port: Number(port), host: hostname, allowHalfOpen: true });
    let received = Buffer.alloc(0);
    let answer: Outcome | null = null;
    let closes = false;
    let ended = false;
    let written = false;
    const settle = () => {
      if (!answer || !written || (closes && !ended)) return;
      socket.destroy();
      done(answer);
    };
    socket.on('error', (err) => fail(new Error(`socket error ${answer ? 'after' : 'before'} the answer: ${err.message}`)));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n\r\n');
      if (answer || end < 0) return;
      const head = received.subarray(0, end).toString('latin1');
      const length = Number(/^content-length:\s*(\d+)$/im.exec(head)?.[1] ?? NaN);
      if (received.length < end + 4 + length) return;
      const parsed = JSON.parse(received.subarray(end + 4, end + 4 + length).toString('utf8')) as { error?: { code?: unknown } };
      answer = { status: Number(head.split(' ')[1]), code: parsed.error?.code };
      closes = /^connection:\s*close$/im.test(head);
      settle();
    });
    socket.on('end', () => {
      ended = true;
      if (!answer) fail(new Error(`the hub closed before answering; got ${JSON.stringify(received.toString('latin1').slice(0, 200))}`));
      settle();
    });
    const piece = 16 * 1024;
    let at = 0;
    const writeSome = () => {
      if (socket.destroyed) return;
      if (at >= BODY_BYTES) {
        socket.write(r.chunked ? '0\r\n\r\n' : '', () => {
          written = true;
          settle();
        });
        return;
      }
      const chunk = body.subarray(at, at + piece);
      at += chunk.length;
      const ok = socket.write(r.chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk);
      if (ok) setImmediate(writeSome);
      else socket.once('drain', writeSome);
    };
    socket.once('connect', () => socket.write(head, () => writeSome()));
  });
}

describe('early refusals reach a client that is still writing its body', () => {
  let hub: FixtureHub;
  let bodyDir: string;
  let bodyFile: string;
  const burners: ChildProcess[] = [];

  beforeAll(async () => {
    hub = await startFixtureHub(['alice'], ['--max-artifact-bytes', String(MAX_ARTIFACT_BYTES)]);
    bodyDir = mkdtempSync(join(tmpdir(), 'assay-early-'));
    bodyFile = join(bodyDir, 'body.bin');
    writeFileSync(bodyFile, body);
    // Both cores busy for the whole file: the race shows when the hub and the client are starved.
    for (let i = 0; i < 2; i++) burners.push(spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
  });
  afterAll(async () => {
    for (const b of burners) b.kill('SIGKILL');
    await hub?.stop();
    if (bodyDir) rmSync(bodyDir, { recursive: true, force: true });
  });

  for (const r of REFUSALS) {
    it(`${r.name}: fetch, curl and a raw socket, ${ATTEMPTS} times each`, async () => {
      const expected = Array.from({ length: ATTEMPTS }, () => ({ status: r.status, code: r.code }));
      expect(await attempts(ATTEMPTS, () => viaFetch(hub, r)), 'fetch').toEqual(expected);
      expect(await attempts(ATTEMPTS, () => viaCurl(hub, r, bodyFile)), 'curl').toEqual(expected);
      expect(await attempts(ATTEMPTS, () => viaSocket(hub, r)), 'raw socket').toEqual(expected);
      expect((await api(hub.url).get('/v1/health')).status).toBe(200);
    }, 120_000);
  }

  it('keeps serving afterwards: sign-in and an artifact upload on fresh connections', async () => {
    await expect(hub.signIn('bob')).resolves.toMatch(/.+/);
    const small = new Uint8Array(4096).fill(0x41);
    small.set(new TextEncoder().encode('%PDF-1.4\n'));
    const artifact = await hub.uploadArtifact(small);
    expect(artifact.bytes).toBe(4096);
  });
});
