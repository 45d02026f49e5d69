// Property-based fuzzing of the web host's HTTP transport (POST /api/{method}) on a real
// host signed in to a real hub: random method names, HTTP methods, content types, malformed
// and mutated JSON, oversized bodies sent with a length and chunked. Every answer is JSON:
// a success, or {ok:false, error:{code, message}} with a specific code and a 2xx/4xx status,
// and a refused call leaves the workstation's stored state exactly as it was.
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../electron/web/api-routes.ts';
import { startWebHost, type WebHost } from '../../electron/web/host.ts';
import { METHOD_NAMES } from '../../shared/index.ts';
import { applyMutation, contentType, hostileString, hostileValue, jsonMutation, jsonText, percentEncode, rawPathJunk } from '../support/fuzz.ts';
import type { Loose } from '../support/hub.ts';
import { workstationSnapshot } from '../support/workstation-content.ts';
import { startFixtureHub, type FixtureHub } from '../hub/fixture-helpers.ts';

const RUNS = 150;

let hub: FixtureHub;
let host: WebHost;
const base = mkdtempSync(join(tmpdir(), 'assay-web-fuzz-'));
const dataDir = join(base, 'data');
let draftId = '';

type Answer = { status: number; json: Loose; text: string };

/** POSTs raw bytes; `chunked` sends them without a length, in 64 KiB pieces. */
function call(path: string, opts: { method?: string; type?: string; body?: Buffer; chunked?: boolean }): Promise<Answer> {
  const headers: Record<string, string> = { host: `127.0.0.1:${host.port}`, authorization: `Bearer ${host.token}` };
  if (opts.type !== undefined) headers['content-type'] = opts.type;
  if (opts.body && !opts.chunked) headers['content-length'] = String(opts.body.length);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, method: opts.method ?? 'POST', path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Loose;
        try {
          json = JSON.parse(text);
        } catch {
          json = null;
        }
        resolve({ status: res.statusCode ?? 0, json, text });
      });
      res.once('error', reject);
    });
    req.once('error', reject);
    req.setTimeout(60_000, () => req.destroy(new Error(`no answer within 60 s to ${path}`)));
    if (opts.body && opts.chunked) {
      for (let at = 0; at < opts.body.length; at += 65_536) req.write(opts.body.subarray(at, at + 65_536));
      req.end();
    } else req.end(opts.body);
  });
}

const api = async (method: string, input: unknown): Promise<Loose> => {
  const r = await call(`/api/${method}`, { type: 'application/json', body: Buffer.from(JSON.stringify(input)) });
  if (!r.json?.ok) throw new Error(`${method} failed: ${r.text}`);
  return r.json.value;
};

async function settled(): Promise<void> {
  const until = async (method: string, check: (v: Loose) => boolean) => {
    const deadline = Date.now() + 60_000;
    while (!check(await api(method, {}))) {
      if (Date.now() > deadline) throw new Error(`${method} did not settle within 60 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await until('sync.status', (s) => s.state !== 'syncing');
  await until('outbox.status', (o) => o.pending === 0);
  await until('downloads.status', (d) => d.batch.filesDone === d.batch.filesTotal);
}

async function restore(): Promise<void> {
  if (!(await api('session.status', {})).signedIn) await api('session.signIn', { hubUrl: hub.url, username: 'alice', password: 'demo' });
  await settled();
}

const snapshot = () => workstationSnapshot(dataDir, join(dataDir, 'workstation'));

beforeAll(async () => {
  hub = await startFixtureHub(['alice', 'bob', 'carol']);
  for (let i = 0; i < 6; i++) await hub.submit(`cand-web-${i}`);
  host = await startWebHost({ dataDir, rendererRoot: join(base, 'renderer'), tuning: { syncPeriodMs: 3_600_000, hubTimeoutMs: 5_000 } });
  await api('session.signIn', { hubUrl: hub.url, username: 'alice', password: 'demo' });
  await api('sync.now', {});
  const queue = await api('queue.list', {});
  draftId = (queue.items as Loose[]).find((i) => i.assignmentState === 'assigned').assignmentId;
  await api('draft.save', { assignmentId: draftId, patch: { overallFeedback: 'Saved before the fuzzing.' } });
  await settled();
}, 120_000);
afterAll(async () => {
  await host?.close();
  await hub?.stop();
  rmSync(base, { recursive: true, force: true });
});

const examples = (): Record<string, unknown> => ({
  'draft.save': { assignmentId: draftId, patch: { criterionFeedback: { 'c-plan': 'More.' }, addTimeSpentSec: 5 } },
  'queue.list': { filter: { text: 'cand' }, sort: { by: 'dueAt', dir: 'desc' } },
  'submission.get': { assignmentId: draftId },
  'settings.set': { patch: { playbackRate: 1.25 } },
});

type Case = { label: string; path: string; method: string; type?: string; body?: Buffer; chunked?: boolean };

const cases: fc.Arbitrary<Case> = fc
  .record({
    name: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...METHOD_NAMES) },
      { weight: 1, arbitrary: hostileString.filter((s) => s.length < 5000).map(percentEncode) },
      { weight: 1, arbitrary: fc.oneof(rawPathJunk, fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'session.status/x', 'session.status?x=1')) },
    ),
    method: fc.oneof({ weight: 6, arbitrary: fc.constant('POST') }, { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD') }),
    type: fc.oneof({ weight: 4, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: contentType }, { weight: 1, arbitrary: fc.constant(undefined) }),
    seed: fc.nat(),
  })
  .chain(({ name, method, type }) => {
    const ex = examples();
    const valid = Object.hasOwn(ex, name) ? ex[name] : {};
    const text = jsonText(valid);
    const bodies: fc.Arbitrary<[string, Buffer | undefined, boolean]>[] = [
      jsonMutation(valid).map((m) => [`json ${m.kind}`, Buffer.from(jsonText(applyMutation(valid, m))), false]),
      hostileValue.map((v) => ['hostile value', Buffer.from(jsonText(v)), false]),
      fc.nat({ max: Math.max(0, text.length - 1) }).map((n) => [`truncated at ${n}`, Buffer.from(text.slice(0, n)), false]),
      fc.uint8Array({ maxLength: 300 }).map((b) => ['random bytes', Buffer.from(b), false]),
      fc.constantFrom(MAX_BODY_BYTES + 1, 3 * MAX_BODY_BYTES).chain((n) => fc.boolean().map((chunked) => [`${n} bytes${chunked ? ' chunked' : ''}`, Buffer.alloc(n, 0x20), chunked])),
      fc.constant(['no body', undefined, false]),
    ];
    return fc.oneof(...bodies).map(([label, body, chunked]): Case => ({ label: `${method} ${name} (${type}) ${label}`, path: `/api/${name}`, method, type, body, chunked }));
  });

describe('web transport fuzzing', () => {
  it('answers every hostile request with JSON and a specific code, and a refused one changes nothing', async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const before = snapshot();
        const answer = await call(c.path, c);
        const what = `${c.label}: ${answer.status} ${answer.text.slice(0, 300)}`;
        expect(answer.status, what).toBeLessThan(500);
        if (c.method === 'HEAD') {
          expect(answer.status, what).toBe(405);
          expect(snapshot(), `the state changed after ${what}`).toEqual(before);
          return;
        }
        expect(typeof answer.json?.ok, `not the result envelope: ${what}`).toBe('boolean');
        if (answer.json.ok) {
          expect(answer.status, what).toBe(200);
          await restore();
          return;
        }
        refused++;
        expect([200, 400, 404, 405, 413, 415], what).toContain(answer.status);
        expect(answer.json.error.code, what).toMatch(/^[a-z][a-z_]*$/);
        expect(answer.json.error.code, what).not.toBe('internal');
        expect(typeof answer.json.error.message, what).toBe('string');
        expect(snapshot(), `the state changed after ${what}`).toEqual(before);
      }),
      { numRuns: RUNS },
    );
    expect(refused).toBeGreaterThan(RUNS / 4);
    expect((await api('draft.get', { assignmentId: draftId })).overallFeedback).toBe('Saved before the fuzzing.');
  }, 180_000);

  it.each([false, true])('answers an oversized body with 413 while the client is still sending (chunked: %s), 20 times', async (chunked) => {
    for (let i = 0; i < 20; i++) {
      const answer = await call('/api/draft.save', { type: 'application/json', body: Buffer.alloc(4 * MAX_BODY_BYTES, 0x20), chunked });
      expect(answer.status).toBe(413);
      expect(answer.json).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    }
    expect((await api('session.status', {})).signedIn).toBe(true);
  }, 120_000);
});
