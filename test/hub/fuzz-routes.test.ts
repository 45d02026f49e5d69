// Property-based fuzzing of every hub route, driven from HUB_ROUTES: random mutations of a
// valid request (body fields, whole body, raw bytes, path and query parameters, headers,
// method, token) against a real hub child process. A request the hub accepts answers 2xx;
// every other answer is the shared error envelope with a specific 4xx code, and leaves the
// database and the artifact folder exactly as they were. The hub stays up throughout.
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_ROUTES, type HubRouteKey } from '../../server/http/routes.ts';
import { ErrorEnvelope, type Role } from '../../shared/index.ts';
import type { Loose } from '../support/hub.ts';
import { hubContentHash, hubFileListing } from '../support/hub-content.ts';
import {
  applyMutation, contentType, headerText, hostileString, hostileValue, jsonMutation, jsonText, percentEncode, rawPathJunk,
} from '../support/fuzz.ts';
import { calibrationItem, publishedSet } from './calibration-helpers.ts';
import { newReviewId, pdfBytes, reviewBody, startFixtureHub, type FixtureHub } from './fixture-helpers.ts';
import { rolesOf, scoringManifest, usernameOf } from './scoring-helpers.ts';

const RUNS = 45;
const ARTIFACT_LIMIT = 300_000;

type Req = { method: string; path: string; query: [string, string][]; rawQuery?: string; headers: Record<string, string>; body?: Buffer };
type Answer = { status: number; text: string };

/** A valid request for a route: who sends it, its path parameters, query, and body. */
type Example = {
  user: string | null;
  params: Record<string, string>;
  query?: [string, string][];
  json?: unknown;
  raw?: { bytes: Uint8Array; headers: Record<string, string> };
  /** A fresh token for each case (signing out revokes the one it is given). */
  freshToken?: () => Promise<string>;
};

let hub: FixtureHub;
const open: { user: string; assignmentId: string; artifactId: string }[] = [];
let intakeArtifactId = '';
/** Double-scoring tasks on mc-feedback (every submission double-scored, consensus): [valid, fuzz] of each. */
const tasks = { adjudication: [] as Loose[], proposal: [] as Loose[], response: [] as Loose[] };
/** Calibration ids made once the hub is up: a published set, spare items, an open attempt. */
const cal = { setId: '', spare: [] as string[], attemptId: '' };
let earnedSubmissionId = '';

/** One valid example per route; the type makes a route added to HUB_ROUTES without one a compile error. */
const EXAMPLES: Record<HubRouteKey, (variant: 'valid' | 'fuzz') => Example> = {
  'GET /v1/health': () => ({ user: null, params: {} }),
  'POST /v1/sessions': () => ({ user: null, params: {}, json: { username: 'carol', password: 'demo', deviceName: 'fuzz device' } }),
  'DELETE /v1/sessions/current': () => ({ user: 'carol', params: {}, freshToken: () => hub.signIn('carol') }),
  'GET /v1/sync': () => ({ user: 'alice', params: {}, query: [['cursor', '0']] }),
  'GET /v1/artifacts/{artifactId}': () => ({ user: open[0]!.user, params: { artifactId: open[0]!.artifactId } }),
  'PUT /v1/reviews/{reviewId}': (v) => {
    const a = open[v === 'valid' ? 0 : 1]!;
    return { user: a.user, params: { reviewId: randomUUID() }, json: reviewBody(a.assignmentId, { notes: [{ artifactId: a.artifactId, atSec: 1, text: 'Pauses to wait.' }] }) };
  },
  'POST /v1/assignments/{assignmentId}/recusal': (v) => {
    const a = open[v === 'valid' ? 2 : 3]!;
    return { user: a.user, params: { assignmentId: a.assignmentId }, json: { reason: 'I taught this candidate.' } };
  },
  'POST /v1/intake/artifacts': () => ({
    user: 'intake-bot',
    params: {},
    raw: { bytes: pdfBytes(2048), headers: { 'content-type': 'application/pdf', 'x-filename': 'plan.pdf', 'x-duration-sec': '0' } },
  }),
  'POST /v1/intake/submissions': () => ({
    user: 'intake-bot',
    params: {},
    json: { candidateRef: 'cand-fuzz', microCredentialId: 'mc-questioning', reflection: 'My lesson.', artifactIds: [intakeArtifactId], school: 'Eastside', district: 'D9' },
  }),
  'GET /v1/submissions/{submissionId}/result': () => ({ user: 'intake-bot', params: { submissionId: 'sub-prev-1' } }),
  'GET /v1/audit': () => ({ user: 'sam', params: {}, query: [['after', '0'], ['limit', '20']] }),
  'GET /v1/audit/verify': () => ({ user: 'sam', params: {} }),
  'GET /v1/audit/checkpoints': () => ({ user: 'sam', params: {}, query: [['after', '0'], ['limit', '20']] }),
  'GET /v1/audit/public-key': () => ({ user: 'sam', params: {} }),
  'GET /v1/exports/decisions.csv': () => ({ user: 'sam', params: {}, query: [['microCredentialId', 'mc-questioning'], ['to', '2100-01-01T00:00:00Z']] }),
  'GET /v1/decisions': () => ({ user: 'sam', params: {}, query: [['microCredentialId', 'mc-questioning'], ['decision', 'earned'], ['from', '2020-01-01T00:00:00Z'], ['limit', '10']] }),
  'PATCH /v1/users/{userId}': () => ({ user: 'sam', params: { userId: 'u-dave' }, json: { active: true } }),
  'PUT /v1/users/{userId}/qualifications/{microCredentialId}': () => ({
    user: 'sam',
    params: { userId: 'u-dave', microCredentialId: 'mc-feedback' },
    json: { calibratedUntil: '2031-01-01T00:00:00.000Z' },
  }),
  'GET /v1/submissions/{submissionId}/selection': () => ({ user: 'sam', params: { submissionId: 'sub-prev-1' } }),
  'GET /v1/submissions/{submissionId}/reads': () => ({ user: 'ivan', params: { submissionId: 'sub-prev-1' } }),
  'PUT /v1/adjudications/{adjudicationId}': (v) => {
    const t = tasks.adjudication[v === 'valid' ? 0 : 1];
    const criteria = Object.fromEntries(['c-plan', 'c-engage', 'c-assess'].map((c) => [c, { level: 3, feedback: `Adjudicated ${c}.`, basis: 'own' }]));
    return { user: usernameOf(t.assessorId), params: { adjudicationId: randomUUID() }, json: { assignmentId: t.id, criteria, overallFeedback: 'Adjudicated.', rationale: 'Evidence weighed.' } };
  },
  'PUT /v1/consensus/{assignmentId}/proposal': (v) => {
    const t = tasks.proposal[v === 'valid' ? 0 : 1];
    return { user: usernameOf(t.assessorId), params: { assignmentId: t.id }, json: { round: 1, scores: { 'c-plan': 3, 'c-engage': 3, 'c-assess': 3 },
      criterionFeedback: { 'c-plan': 'p', 'c-engage': 'e', 'c-assess': 'a' }, overallFeedback: 'Agreed.' } };
  },
  'PUT /v1/consensus/{assignmentId}/response': (v) => {
    const t = tasks.response[v === 'valid' ? 0 : 1];
    return { user: usernameOf(t.assessorId), params: { assignmentId: t.id }, json: { round: 1, agree: false, comment: 'Look again at engagement.' } };
  },
  'GET /v1/micro-credentials': () => ({ user: 'ivan', params: {} }),
  'PATCH /v1/micro-credentials/{microCredentialId}/policy': () => ({
    user: 'sam', params: { microCredentialId: 'mc-feedback' }, json: { calibration: { passMark: 0.8, measure: 'exact' }, validity: { window: 10 } },
  }),
  'POST /v1/calibration-sets': (v) => ({
    user: 'ivan', params: {}, json: { microCredentialId: 'mc-questioning', title: 'Fuzz set', submissionIds: [cal.spare[v === 'valid' ? 0 : 1]!] },
  }),
  'GET /v1/calibration-sets': () => ({ user: 'sam', params: {}, query: [['microCredentialId', 'mc-questioning']] }),
  'GET /v1/calibration-sets/{setId}': () => ({ user: 'ivan', params: { setId: cal.setId } }),
  'POST /v1/calibration-sets/{setId}/publish': () => ({ user: 'sam', params: { setId: cal.setId } }),
  'POST /v1/calibration/attempts': () => ({ user: 'alice', params: {}, json: { microCredentialId: 'mc-questioning' } }),
  'GET /v1/calibration/attempts': () => ({ user: 'carol', params: {}, query: [['microCredentialId', 'mc-questioning']] }),
  'GET /v1/calibration/attempts/{attemptId}': () => ({ user: 'carol', params: { attemptId: cal.attemptId } }),
  'GET /v1/calibration/validity': () => ({ user: 'ivan', params: {}, query: [['assessorId', 'u-alice'], ['microCredentialId', 'mc-questioning']] }),
  'GET /v1/submissions/{submissionId}/credential': () => ({ user: 'sam', params: { submissionId: earnedSubmissionId } }),
  'GET /v1/issuer/jwks': () => ({ user: null, params: {} }),
  'GET /v1/decisions/{submissionId}/history': () => ({ user: 'sam', params: { submissionId: earnedSubmissionId } }),
  'POST /v1/assignments/{assignmentId}/opened': (v) => {
    const a = open[v === 'valid' ? 4 : 5] ?? open[0]!;
    return { user: a.user, params: { assignmentId: a.assignmentId }, json: { openedAt: '2026-11-30T08:00:00.000Z' } };
  },
  'GET /v1/reports/reliability': () => ({ user: 'ivan', params: {}, query: [['microCredentialId', 'mc-questioning'], ['bucket', 'week']] }),
  'GET /v1/reports/turnaround': () => ({ user: 'sam', params: {}, query: [['microCredentialId', 'mc-questioning'], ['bucket', 'month']] }),
  'POST /v1/assignments/{assignmentId}/reassign': (v) => {
    const a = open[v === 'valid' ? 6 : 7] ?? open[0]!;
    return { user: 'sam', params: { assignmentId: a.assignmentId }, json: { reason: 'Overdue: the assessor is away this week.' } };
  },
};

const ROLE_OF: Record<string, Role> = { alice: 'assessor', sam: 'staff', 'intake-bot': 'integration', ivan: 'master_rater' };

function send(req: Req): Promise<Answer> {
  const url = new URL(hub.url);
  const query = req.rawQuery ?? (req.query.length > 0 ? `?${new URLSearchParams(req.query)}` : '');
  return new Promise((resolve, reject) => {
    const r = request({ host: url.hostname, port: url.port, method: req.method, path: req.path + query, headers: req.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.once('error', reject);
    });
    r.once('error', reject);
    r.setTimeout(60_000, () => r.destroy(new Error(`no answer within 60 s to ${req.method} ${req.path}`)));
    r.end(req.body);
  });
}

async function baseRequest(route: (typeof HUB_ROUTES)[number], ex: Example): Promise<Req> {
  const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => percentEncode(ex.params[name] ?? ''));
  const headers: Record<string, string> = {};
  const token = ex.freshToken ? await ex.freshToken() : ex.user ? hub.tokens[ex.user] : undefined;
  if (token) headers.authorization = `Bearer ${token}`;
  let body: Buffer | undefined;
  if (ex.json !== undefined) {
    body = Buffer.from(jsonText(ex.json));
    headers['content-type'] = 'application/json';
  } else if (ex.raw) {
    body = Buffer.from(ex.raw.bytes);
    Object.assign(headers, ex.raw.headers);
  }
  if (body) headers['content-length'] = String(body.length);
  return { method: route.method, path, query: ex.query ?? [], headers, body };
}

/** A change to the valid request, and whether it is certain to be refused. */
type Change = { label: string; mustRefuse: boolean; apply(req: Req): Req };

const withBody = (req: Req, body: Buffer): Req => ({ ...req, body, headers: { ...req.headers, 'content-length': String(body.length) } });

function changes(route: (typeof HUB_ROUTES)[number], ex: Example): fc.Arbitrary<Change> {
  const params = route.path.match(/\{(\w+)\}/g)?.map((p) => p.slice(1, -1)) ?? [];
  const served = new Set(HUB_ROUTES.filter((r) => r.path === route.path).map((r) => r.method));
  const otherMethods = ['OPTIONS', 'TRACE', 'PROPFIND', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => !served.has(m as never) && !(m === 'GET' && served.has('GET')));
  const options: fc.Arbitrary<Change>[] = [
    fc.array(fc.tuple(fc.oneof(hostileString, fc.constantFrom('cursor', 'after', 'limit')), fc.oneof(hostileString, fc.constantFrom('-1', '1e309', 'NaN', '-0', '1001', '0', '99999999999999999'))), { minLength: 1, maxLength: 3 })
      .map((extra) => ({ label: `query ${JSON.stringify(extra).slice(0, 200)}`, mustRefuse: false, apply: (r: Req) => ({ ...r, query: [...extra, ...r.query] }) })),
    fc.oneof(rawPathJunk, fc.constantFrom('%', '&&', '=', 'cursor', 'cursor=%ZZ', 'limit=1&limit=x'))
      .map((q) => ({ label: `raw query ${q}`, mustRefuse: false, apply: (r: Req) => ({ ...r, rawQuery: `?${q}` }) })),
    fc.constantFrom(...otherMethods).map((m) => ({ label: `method ${m}`, mustRefuse: true, apply: (r: Req) => ({ ...r, method: m }) })),
    fc.record({ name: fc.constantFrom('range', 'if-range', 'if-none-match', 'x-duration-sec', 'x-filename', 'accept', 'content-encoding', 'transfer-encoding-x'), value: fc.oneof(headerText, fc.constantFrom('bytes=0-', 'bytes=-1', 'bytes=5-1', 'bytes=0-1,2-3', 'bytes=99999999999999999999-', 'bytes=x', '"*"', 'gzip', '1e309', '-0', 'NaN')) })
      .map(({ name, value }) => ({ label: `header ${name}: ${value}`, mustRefuse: false, apply: (r: Req) => ({ ...r, headers: { ...r.headers, [name]: value } }) })),
  ];
  if (params.length > 0) {
    options.push(
      fc.record({ name: fc.constantFrom(...params), value: fc.oneof(hostileString.map(percentEncode), rawPathJunk) }).map(({ name, value }) => ({
        label: `path ${name}=${value.slice(0, 200)}`,
        mustRefuse: false,
        apply: (r: Req) => ({ ...r, path: route.path.replace(/\{(\w+)\}/g, (_m, p: string) => (p === name ? value : percentEncode(ex.params[p] ?? ''))) }),
      })),
    );
  }
  if (route.roles !== 'public') {
    const allowed = route.roles === 'any' ? null : (route.roles as readonly Role[]);
    const wrongRole = allowed ? Object.keys(ROLE_OF).filter((u) => !allowed.includes(ROLE_OF[u]!)) : [];
    const tokens = fc.constantFrom<[string, string | undefined]>(
      ['no token', undefined],
      ['garbage token', 'Bearer not-a-token'],
      ['basic auth', 'Basic YWxpY2U6ZGVtbw=='],
      ['empty bearer', 'Bearer '],
      ['long token', `Bearer ${'a'.repeat(5000)}`],
      ...wrongRole.map((u): [string, string] => [`role of ${u}`, `Bearer ${hub.tokens[u]}`]),
    );
    options.push(tokens.map(([label, auth]) => ({
      label, mustRefuse: true,
      apply: (r: Req) => {
        const headers = { ...r.headers };
        if (auth === undefined) delete headers.authorization;
        else headers.authorization = auth;
        return { ...r, headers };
      },
    })));
  }
  if (ex.json !== undefined) {
    const text = jsonText(ex.json);
    options.push(
      jsonMutation(ex.json).map((m) => ({
        label: `json ${m.kind} ${JSON.stringify('path' in m ? m.path : [])}`,
        mustRefuse: m.kind === 'whole' && (m.value === null || typeof m.value !== 'object' || Array.isArray(m.value)),
        apply: (r: Req) => withBody(r, Buffer.from(jsonText(applyMutation(ex.json, m)))),
      })),
      fc.nat({ max: text.length - 1 }).map((n) => ({ label: `truncated at ${n}`, mustRefuse: true, apply: (r: Req) => withBody(r, Buffer.from(text.slice(0, n))) })),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ label: `random bytes ${Buffer.from(bytes).toString('hex').slice(0, 80)}`, mustRefuse: false, apply: (r: Req) => withBody(r, Buffer.from(bytes)) })),
      fc.constantFrom(Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from(text)]), Buffer.from(text, 'utf16le'), Buffer.from(`${text}garbage`), Buffer.from(`${text}${text}`))
        .map((b) => ({ label: `framed body ${b.subarray(0, 8).toString('hex')}`, mustRefuse: true, apply: (r: Req) => withBody(r, b) })),
      contentType.map((ct) => ({ label: `content-type ${ct}`, mustRefuse: false, apply: (r: Req) => ({ ...r, headers: { ...r.headers, 'content-type': ct } }) })),
    );
  } else if (ex.raw) {
    options.push(
      fc.uint8Array({ maxLength: 2000 }).map((bytes) => ({ label: `bytes ${Buffer.from(bytes).toString('hex').slice(0, 80)}`, mustRefuse: bytes.length === 0, apply: (r: Req) => withBody(r, Buffer.from(bytes)) })),
      fc.constantFrom(ARTIFACT_LIMIT + 1, 2 * ARTIFACT_LIMIT).map((n) => ({ label: `${n} bytes`, mustRefuse: true, apply: (r: Req) => withBody(r, Buffer.from(pdfBytes(n))) })),
      contentType.map((ct) => ({ label: `content-type ${ct}`, mustRefuse: false, apply: (r: Req) => ({ ...r, headers: { ...r.headers, 'content-type': ct } }) })),
      fc.oneof(headerText, hostileString.map(percentEncode), rawPathJunk).map((name) => ({ label: `x-filename ${name.slice(0, 200)}`, mustRefuse: false, apply: (r: Req) => ({ ...r, headers: { ...r.headers, 'x-filename': name } }) })),
    );
  } else {
    options.push(
      fc.oneof(hostileValue.map(jsonText), fc.constant('{')).map((t) => ({ label: `unexpected body ${t.slice(0, 80)}`, mustRefuse: false, apply: (r: Req) => withBody({ ...r, headers: { ...r.headers, 'content-type': 'application/json' } }, Buffer.from(t)) })),
    );
  }
  return fc.oneof(...options);
}

/**
 * Six disagreeing double-scored submissions on mc-feedback, each in consensus: two where
 * one reader recused (escalated, so a master rater adjudicates), two awaiting a proposal, two a response.
 */
async function seedDoubleScoring(): Promise<void> {
  for (let i = 0; i < 6; i++) {
    const x = await hub.submit(`cand-ds-${i}`, { microCredentialId: 'mc-feedback' });
    const { primary, second } = rolesOf(x);
    for (const [a, level] of [[primary, 2], [second, 5]] as const) {
      const res = await hub.as(usernameOf(a.assessorId)).put(`/v1/reviews/${newReviewId()}`, reviewBody(a.id, {
        scores: { 'c-plan': level, 'c-engage': level, 'c-assess': level }, criterionFeedback: { 'c-plan': 'p', 'c-engage': 'e', 'c-assess': 'a' } }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const taskOf = async (a: Loose) => ((await hub.as(usernameOf(a.assessorId)).get('/v1/sync')).body.assignments as Loose[])
      .find((t) => t.role === 'consensus' && t.submissionId === x.submission.id);
    const mine = await taskOf(primary);
    if (i < 2) {
      expect((await hub.as(usernameOf(primary.assessorId)).post(`/v1/assignments/${mine.id}/recusal`, { reason: 'Conflict found.' })).status).toBe(200);
      const masters = await Promise.all(['ivan', 'mona', 'nick'].map(async (m) => (await hub.as(m).get('/v1/sync')).body.assignments as Loose[]));
      tasks.adjudication.push(masters.flat().find((t) => t.role === 'adjudication' && t.submissionId === x.submission.id));
    } else if (i < 4) {
      tasks.proposal.push(mine);
    } else {
      const body = EXAMPLES['PUT /v1/consensus/{assignmentId}/proposal']('valid').json as Loose;
      expect((await hub.as(usernameOf(primary.assessorId)).put(`/v1/consensus/${mine.id}/proposal`, body)).status).toBe(201);
      tasks.response.push(await taskOf(second));
    }
  }
  expect([tasks.adjudication, tasks.proposal, tasks.response].map((l) => l.filter(Boolean).length)).toEqual([2, 2, 2]);
}

const isSuccess = (status: number) => (status >= 200 && status < 300) || status === 304;

beforeAll(async () => {
  hub = await startFixtureHub(['alice', 'bob', 'carol', 'mona', 'nick'], ['--max-artifact-bytes', String(ARTIFACT_LIMIT)],
    scoringManifest({ 'mc-feedback': { mode: 'all', resolution: 'consensus' } }, true));
  hub.tokens.ivan = await hub.signIn('ivan', 'ivan-secret-pw');
  // An earned decision with a recipient, so the credential route has something to issue.
  const badge = await hub.submit('cand-fz-badge', { recipient: { email: 'badge@school.example' } });
  const routed = badge.assignments[0].assessorId.replace(/^u-/, '');
  hub.tokens[routed] ??= await hub.signIn(routed);
  expect((await hub.as(routed).put(`/v1/reviews/${randomUUID()}`, reviewBody(badge.assignments[0].id))).status).toBe(201);
  earnedSubmissionId = badge.submission.id;
  for (let i = 0; i < 8; i++) await hub.submit(`cand-fz-${i}`);
  for (const user of ['alice', 'bob', 'carol']) {
    const sync = await hub.as(user).get('/v1/sync');
    const subs = new Map((sync.body.submissions as Loose[]).map((s) => [s.id, s]));
    for (const a of sync.body.assignments as Loose[]) {
      if (a.state === 'assigned' && a.role === 'primary') open.push({ user, assignmentId: a.id, artifactId: subs.get(a.submissionId).artifacts[0].id });
    }
  }
  expect(open.length, 'enough open assignments for the examples').toBeGreaterThanOrEqual(4);
  intakeArtifactId = (await hub.uploadArtifact(pdfBytes(1024))).id;
  await seedDoubleScoring();
  cal.setId = (await publishedSet(hub, 'fz-set', [0, 1, 2].map(() => ({ 'c-plan': 3, 'c-engage': 3, 'c-assess': 3 })))).id;
  cal.spare = [(await calibrationItem(hub, 'cand-fz-spare-0')).id, (await calibrationItem(hub, 'cand-fz-spare-1')).id];
  const attempt = await hub.as('carol').post('/v1/calibration/attempts', { microCredentialId: 'mc-questioning' });
  expect(attempt.status, JSON.stringify(attempt.body)).toBe(201);
  cal.attemptId = attempt.body.attempt.id;
}, 120_000);
afterAll(async () => {
  await hub?.stop();
});

describe('hub route fuzzing', () => {
  it('has a valid example for every route in HUB_ROUTES', () => {
    const missing = HUB_ROUTES.map((r) => `${r.method} ${r.path}`).filter((k) => typeof EXAMPLES[k as HubRouteKey] !== 'function');
    expect(missing).toEqual([]);
  });

  it.each(HUB_ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))('accepts the valid example of %s', async (_key, route) => {
    const answer = await send(await baseRequest(route, EXAMPLES[`${route.method} ${route.path}` as HubRouteKey]('valid')));
    expect(isSuccess(answer.status), `${answer.status} ${answer.text.slice(0, 500)}`).toBe(true);
  });

  it.each(HUB_ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))('%s refuses hostile variants with a specific error and changes nothing', async (key, route) => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(changes(route, EXAMPLES[key as HubRouteKey]('fuzz')), async (change) => {
        const req = change.apply(await baseRequest(route, EXAMPLES[key as HubRouteKey]('fuzz')));
        const dbBefore = await hubContentHash(hub);
        const filesBefore = hubFileListing(hub);
        const answer = await send(req);
        const what = `${change.label}: ${answer.status} ${answer.text.slice(0, 300)}`;
        if (isSuccess(answer.status)) {
          expect(change.mustRefuse, `accepted ${what}`).toBe(false);
          return;
        }
        refused++;
        expect(answer.status, what).toBeGreaterThanOrEqual(400);
        expect(answer.status, what).toBeLessThan(500);
        const envelope = ErrorEnvelope.safeParse(JSON.parse(answer.text));
        expect(envelope.success, `${what} is not the error envelope: ${envelope.error?.message}`).toBe(true);
        expect(envelope.data?.error.code, what).not.toBe('internal');
        expect(await hubContentHash(hub), `the database changed after ${what}`).toBe(dbBefore);
        expect(hubFileListing(hub), `the artifact folder changed after ${what}`).toEqual(filesBefore);
      }),
      { numRuns: RUNS },
    );
    expect(refused, `${key}: some hostile variants are refused`).toBeGreaterThan(0);
    const health = await send({ method: 'GET', path: '/v1/health', query: [], headers: {} });
    expect(health).toEqual({ status: 200, text: '{"ok":true}' });
    expect(() => process.kill(hub.pid, 0), 'the hub process is alive').not.toThrow();
  }, 120_000);
});
