// Who may call what: every hub route × every kind of caller against a demo hub, from one
// readable table. Other assessors get 404 (not 403) for owner-only work, so the hub never
// confirms that someone else's assignment or artifact exists.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { z } from 'zod';
import { HUB_ROUTES, type HubRouteKey } from '../../server/http/routes.ts';
import {
  AttemptResponse,
  AttemptsResponse,
  AssignmentOpenedResponse,
  AuditCheckpointsResponse,
  CalibrationSetResponse,
  CalibrationSetsResponse,
  MicroCredentialsResponse,
  ReassignResponse,
  ReliabilityReport,
  TurnaroundReport,
  ValidityReadsResponse,
  AuditPublicKey,
  AuditVerifyResponse,
  CredentialResponse,
  DecisionHistoryResponse,
  DecisionsResponse,
  IssuerJwks,
  IntakeArtifactResponse,
  IntakeSubmissionResponse,
  ReadsResponse,
  RecusalResponse,
  SelectionResponse,
  SignInResponse,
  StoredReview,
  SubmissionResult,
  SyncResponse,
  type Assignment,
  type Role,
  type Rubric,
  type Submission,
} from '../../shared/index.ts';
import { api, REPO_ROOT, startHub, type RunningHub } from '../support/hub.ts';

type Caller = 'anonymous' | 'revoked' | 'owner' | 'otherAssessor' | 'masterRater' | 'staff' | 'integration';
const COLUMNS: readonly Caller[] = ['anonymous', 'revoked', 'owner', 'otherAssessor', 'masterRater', 'staff', 'integration'];
/** Run order within a row: the owner's and integration's state-changing successes come last. */
const RUN_ORDER: readonly Caller[] = ['anonymous', 'revoked', 'otherAssessor', 'masterRater', 'staff', 'owner', 'integration'];
const USERNAME: Record<Exclude<Caller, 'anonymous'>, string> = {
  revoked: 'assessor1',
  owner: 'assessor1',
  otherAssessor: 'assessor2',
  masterRater: 'master1',
  staff: 'staff1',
  integration: 'intake1',
};
const ROLE_OF: Partial<Record<Caller, Role>> = {
  owner: 'assessor',
  otherAssessor: 'assessor',
  masterRater: 'master_rater',
  staff: 'staff',
  integration: 'integration',
};

/** Ids picked from the demo data once the hub is up. */
type Ctx = {
  reviewAssignment: Assignment;
  reviewRubric: Rubric;
  recusalAssignmentId: string;
  artifactId: string;
  ownSubmissionId: string;
  microCredentialId: string;
  intakeArtifactId: string;
  targetUserId: string;
  /** A published demo calibration set, spare calibration items (one per successful create), the owner's attempt. */
  setId: string;
  spareItems: string[];
  attemptId: string;
  earnedSubmissionId: string;
  /** Fresh live work for staff to reassign. */
  reassignAssignmentId: string;
};
type Req = { method: string; path: string; body?: unknown; headers?: Record<string, string>; freshToken?: boolean };
type Row = { route: HubRouteKey; statuses: Record<Caller, number>; request: (ctx: Ctx) => Req; schema?: z.ZodType };

function row(route: HubRouteKey, statuses: readonly number[], request: (ctx: Ctx) => Req, schema?: z.ZodType): Row {
  return { route, statuses: Object.fromEntries(COLUMNS.map((c, i) => [c, statuses[i]])) as Record<Caller, number>, request, schema };
}

function reviewBody(ctx: Ctx) {
  const { reviewAssignment: a, reviewRubric: r } = ctx;
  const scores = Object.fromEntries(r.criteria.map((c) => [c.id, a.locked[c.id]?.level ?? c.metLevel]));
  const criterionFeedback = Object.fromEntries(r.criteria.map((c) => [c.id, a.locked[c.id]?.feedback ?? `Evidence for ${c.title} is clear.`]));
  return { assignmentId: a.id, rubricId: r.id, rubricVersion: r.version, scores, criterionFeedback, overallFeedback: 'Well evidenced.', notes: [], timeSpentSec: 900 };
}

const MATRIX: readonly Row[] = [
  //  route                                                      anon  revkd owner other mastr staff integ
  row('GET /v1/health',                                          [200,  200,  200,  200,  200,  200,  200], () => ({ method: 'GET', path: '/v1/health' })),
  row('POST /v1/sessions',                                       [201,  201,  201,  201,  201,  201,  201],
    () => ({ method: 'POST', path: '/v1/sessions', body: { username: 'assessor2', password: 'demo', deviceName: 'matrix' } }), SignInResponse),
  row('GET /v1/sync',                                            [401,  401,  200,  200,  200,  200,  403], () => ({ method: 'GET', path: '/v1/sync' }), SyncResponse),
  row('GET /v1/artifacts/{artifactId}',                          [401,  401,  200,  404,  404,  200,  403], (c) => ({ method: 'GET', path: `/v1/artifacts/${c.artifactId}` })),
  row('PUT /v1/reviews/{reviewId}',                              [401,  401,  201,  404,  404,  403,  403],
    (c) => ({ method: 'PUT', path: `/v1/reviews/${randomUUID()}`, body: reviewBody(c) }), StoredReview),
  row('POST /v1/assignments/{assignmentId}/recusal',             [401,  401,  200,  404,  404,  403,  403],
    (c) => ({ method: 'POST', path: `/v1/assignments/${c.recusalAssignmentId}/recusal`, body: { reason: 'I taught with this candidate.' } }), RecusalResponse),
  row('POST /v1/intake/artifacts',                               [401,  401,  403,  403,  403,  403,  201],
    () => ({ method: 'POST', path: '/v1/intake/artifacts', body: 'Lesson plan notes.\n', headers: { 'content-type': 'text/plain', 'x-filename': 'plan.txt' } }), IntakeArtifactResponse),
  row('POST /v1/intake/submissions',                             [401,  401,  403,  403,  403,  403,  201],
    (c) => ({ method: 'POST', path: '/v1/intake/submissions', body: { candidateRef: 'cand-matrix', microCredentialId: c.microCredentialId, reflection: 'My reflection.', artifactIds: [c.intakeArtifactId] } }), IntakeSubmissionResponse),
  row('GET /v1/submissions/{submissionId}/result',               [401,  401,  403,  403,  403,  200,  200], (c) => ({ method: 'GET', path: `/v1/submissions/${c.ownSubmissionId}/result` }), SubmissionResult),
  row('GET /v1/audit',                                           [401,  401,  403,  403,  403,  200,  403], () => ({ method: 'GET', path: '/v1/audit?after=0' })),
  row('GET /v1/audit/verify',                                    [401,  401,  403,  403,  403,  200,  403], () => ({ method: 'GET', path: '/v1/audit/verify' }), AuditVerifyResponse),
  row('GET /v1/audit/checkpoints',                               [401,  401,  403,  403,  403,  200,  403], () => ({ method: 'GET', path: '/v1/audit/checkpoints?after=0' }), AuditCheckpointsResponse),
  row('GET /v1/audit/public-key',                                [401,  401,  403,  403,  403,  200,  403], () => ({ method: 'GET', path: '/v1/audit/public-key' }), AuditPublicKey),
  row('GET /v1/decisions',                                       [401,  401,  403,  403,  403,  200,  403], () => ({ method: 'GET', path: '/v1/decisions?limit=5' }), DecisionsResponse),
  row('GET /v1/exports/decisions.csv',                           [401,  401,  403,  403,  403,  200,  403], () => ({ method: 'GET', path: '/v1/exports/decisions.csv?decision=earned' })),
  row('PATCH /v1/users/{userId}',                                [401,  401,  403,  403,  403,  200,  403], (c) => ({ method: 'PATCH', path: `/v1/users/${c.targetUserId}`, body: { active: true } })),
  row('PUT /v1/users/{userId}/qualifications/{microCredentialId}', [401, 401, 403,  403,  403,  200,  403],
    (c) => ({ method: 'PUT', path: `/v1/users/${c.targetUserId}/qualifications/${c.microCredentialId}`, body: { calibratedUntil: new Date(Date.now() + 90 * 86_400_000).toISOString() } })),
  // Double scoring: the demo double-scores nothing, so the task routes find no task of the caller's (404).
  row('GET /v1/submissions/{submissionId}/selection',            [401,  401,  403,  403,  403,  200,  403], (c) => ({ method: 'GET', path: `/v1/submissions/${c.ownSubmissionId}/selection` }), SelectionResponse),
  row('GET /v1/submissions/{submissionId}/reads',                [401,  401,  403,  403,  200,  200,  403], (c) => ({ method: 'GET', path: `/v1/submissions/${c.ownSubmissionId}/reads` }), ReadsResponse),
  row('PUT /v1/adjudications/{adjudicationId}',                  [401,  401,  403,  403,  404,  403,  403], (c) => ({ method: 'PUT', path: `/v1/adjudications/${randomUUID()}`,
    body: { assignmentId: c.reviewAssignment.id, criteria: {}, overallFeedback: '', rationale: 'Weighed both reads.' } })),
  row('PUT /v1/consensus/{assignmentId}/proposal',               [401,  401,  404,  404,  404,  403,  403], (c) => ({ method: 'PUT', path: `/v1/consensus/${c.reviewAssignment.id}/proposal`,
    body: { round: 1, scores: {}, criterionFeedback: {}, overallFeedback: '' } })),
  row('PUT /v1/consensus/{assignmentId}/response',               [401,  401,  404,  404,  404,  403,  403], (c) => ({ method: 'PUT', path: `/v1/consensus/${c.reviewAssignment.id}/response`,
    body: { round: 1, agree: true } })),
  row('GET /v1/micro-credentials',                               [401,  401,  403,  403,  200,  200,  403], () => ({ method: 'GET', path: '/v1/micro-credentials' }), MicroCredentialsResponse),
  row('PATCH /v1/micro-credentials/{microCredentialId}/policy',  [401,  401,  403,  403,  403,  200,  403],
    (c) => ({ method: 'PATCH', path: `/v1/micro-credentials/${c.microCredentialId}/policy`, body: { slaDays: 7 } })),
  row('POST /v1/calibration-sets',                               [401,  401,  403,  403,  201,  201,  403],
    (c) => ({ method: 'POST', path: '/v1/calibration-sets', body: { microCredentialId: 'mc-questioning', title: 'Matrix set', submissionIds: [c.spareItems.shift()!] } }), CalibrationSetResponse),
  row('GET /v1/calibration-sets',                                [401,  401,  403,  403,  200,  200,  403], () => ({ method: 'GET', path: '/v1/calibration-sets?microCredentialId=mc-questioning' }), CalibrationSetsResponse),
  row('GET /v1/calibration-sets/{setId}',                        [401,  401,  403,  403,  200,  200,  403], (c) => ({ method: 'GET', path: `/v1/calibration-sets/${c.setId}` }), CalibrationSetResponse),
  row('POST /v1/calibration-sets/{setId}/publish',               [401,  401,  403,  403,  200,  200,  403], (c) => ({ method: 'POST', path: `/v1/calibration-sets/${c.setId}/publish` }), CalibrationSetResponse),
  // assessor2 failed an attempt on mc-questioning moments ago (the demo), so a retake is too soon.
  row('POST /v1/calibration/attempts',                           [401,  401,  201,  409,  403,  403,  403],
    () => ({ method: 'POST', path: '/v1/calibration/attempts', body: { microCredentialId: 'mc-questioning' } }), AttemptResponse),
  row('GET /v1/calibration/attempts',                            [401,  401,  200,  200,  200,  200,  403], () => ({ method: 'GET', path: '/v1/calibration/attempts' }), AttemptsResponse),
  row('GET /v1/calibration/attempts/{attemptId}',                [401,  401,  200,  404,  200,  200,  403], (c) => ({ method: 'GET', path: `/v1/calibration/attempts/${c.attemptId}` }), AttemptResponse),
  row('GET /v1/calibration/validity',                            [401,  401,  403,  403,  200,  200,  403], () => ({ method: 'GET', path: '/v1/calibration/validity' }), ValidityReadsResponse),
  row('GET /v1/submissions/{submissionId}/credential',           [401,  401,  403,  403,  403,  200,  200], (c) => ({ method: 'GET', path: `/v1/submissions/${c.earnedSubmissionId}/credential` }), CredentialResponse),
  row('GET /v1/decisions/{submissionId}/history',              [401,  401,  403,  403,  403,  200,  403], (c) => ({ method: 'GET', path: `/v1/decisions/${c.earnedSubmissionId}/history` }), DecisionHistoryResponse),
  row('POST /v1/assignments/{assignmentId}/opened',             [401,  401,  200,  404,  404,  403,  403],
    (c) => ({ method: 'POST', path: `/v1/assignments/${c.reviewAssignment.id}/opened`, body: { openedAt: new Date().toISOString() } }), AssignmentOpenedResponse),
  row('GET /v1/reports/reliability',                             [401,  401,  403,  403,  200,  200,  403],
    () => ({ method: 'GET', path: '/v1/reports/reliability?microCredentialId=mc-questioning&bucket=month' }), ReliabilityReport),
  row('GET /v1/reports/turnaround',                              [401,  401,  403,  403,  403,  200,  403], () => ({ method: 'GET', path: '/v1/reports/turnaround?bucket=week' }), TurnaroundReport),
  row('POST /v1/assignments/{assignmentId}/reassign',            [401,  401,  403,  403,  403,  200,  403],
    (c) => ({ method: 'POST', path: `/v1/assignments/${c.reassignAssignmentId}/reassign`, body: { reason: 'The assessor is away this week.' } }), ReassignResponse),
  row('GET /v1/issuer/jwks',                                     [200,  200,  200,  200,  200,  200,  200], () => ({ method: 'GET', path: '/v1/issuer/jwks' }), IssuerJwks),
  // Signing out revokes the token it is called with, so each caller signs in afresh for it.
  row('DELETE /v1/sessions/current',                             [401,  401,  204,  204,  204,  204,  204], () => ({ method: 'DELETE', path: '/v1/sessions/current', freshToken: true })),
];

/** The JSON schema docs/openapi.yaml gives a route's answer with this status, if any. */
const documentedSchema = (() => {
  const doc = parse(readFileSync(join(REPO_ROOT, 'docs/openapi.yaml'), 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats.default(ajv);
  // The document's top-level OpenAPI fields are not JSON Schema keywords.
  for (const key of Object.keys(doc)) ajv.addKeyword(key);
  ajv.addSchema({ ...doc, $id: 'openapi.json' });
  return (route: HubRouteKey, status: number): ValidateFunction | undefined => {
    const [method, path] = route.split(' ') as [string, string];
    return ajv.getSchema(`openapi.json#/paths/${path.replace(/\//g, '~1')}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`);
  };
})();

const ERROR_CODE_BY_STATUS: Record<number, string> = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' };

let hub: RunningHub;
const tokens = {} as Record<Exclude<Caller, 'anonymous'>, string>;
let ctx: Ctx;

async function signInWithUser(username: string) {
  const res = await api(hub.url).post('/v1/sessions', { username, password: 'demo', deviceName: 'matrix' });
  expect(res.status).toBe(201);
  return SignInResponse.parse(res.body);
}

async function pickContext(): Promise<Ctx> {
  const sync = SyncResponse.parse((await api(hub.url, tokens.owner).get('/v1/sync')).body);
  const open = sync.assignments.filter((a) => a.state === 'assigned' || a.state === 'in_progress');
  expect(new Set(open.map((a) => a.submissionId)).size, 'the demo gives assessor1 open work on 3 submissions').toBeGreaterThanOrEqual(3);
  const submission = (id: string) => sync.submissions.find((s) => s.id === id) as Submission;
  // The review goes to an assignment without locked criteria; the recusal and the artifact
  // each use a different submission, so re-routing after the recusal cannot change the others.
  const reviewAssignment = open.find((a) => Object.keys(a.locked).length === 0) ?? (open[0] as Assignment);
  const rest = open.filter((a) => a.submissionId !== reviewAssignment.submissionId);
  const recusal = rest[0] as Assignment;
  // The result row needs live work: a validity item in the queue looks the same, so ask the hub (as staff) which has a result.
  // ... and one the other assessor does not also read (double scoring gives most demo work a second reader).
  const others = new Set(SyncResponse.parse((await api(hub.url, tokens.otherAssessor).get('/v1/sync')).body).submissions.map((s) => s.id));
  const holders = rest.filter((a) => a.submissionId !== recusal.submissionId && !others.has(a.submissionId));
  const results = await Promise.all(holders.map((a) => api(hub.url, tokens.staff).get(`/v1/submissions/${a.submissionId}/result`)));
  const artifactHolder = holders.find((_, i) => results[i]!.status === 200) as Assignment;
  const reviewSubmission = submission(reviewAssignment.submissionId);
  const reviewRubric = sync.rubrics.find((r) => r.id === reviewSubmission.rubricId && r.version === reviewSubmission.rubricVersion) as Rubric;
  const upload = await api(hub.url, tokens.integration).post('/v1/intake/artifacts', 'Observation notes.\n', { 'content-type': 'text/plain', 'x-filename': 'notes.txt' });
  expect(upload.status).toBe(201);
  return {
    reviewAssignment,
    reviewRubric,
    recusalAssignmentId: recusal.id,
    artifactId: (submission(artifactHolder.submissionId).artifacts[0] as Submission['artifacts'][number]).id,
    ownSubmissionId: artifactHolder.submissionId,
    microCredentialId: reviewSubmission.microCredentialId,
    intakeArtifactId: IntakeArtifactResponse.parse(upload.body).artifact.id,
    targetUserId: (await signInWithUser('assessor3')).user.id,
    earnedSubmissionId: await earnedWithRecipient(reviewRubric, reviewSubmission.microCredentialId),
    reassignAssignmentId: await freshLiveWork(),
    ...(await calibrationContext()),
  };
}

/** A published demo set, spare calibration items from intake, and an attempt of the owner's on mc-formative-data. */
async function calibrationContext(): Promise<Pick<Ctx, 'setId' | 'spareItems' | 'attemptId'>> {
  const sets = CalibrationSetsResponse.parse((await api(hub.url, tokens.staff).get('/v1/calibration-sets?microCredentialId=mc-questioning')).body).sets;
  const spareItems: string[] = [];
  // One spare item per caller: each call of the create row takes the next.
  for (const ref of COLUMNS.map((_, i) => `cand-MTRX${i}`)) {
    const upload = await api(hub.url, tokens.integration).post('/v1/intake/artifacts', 'Calibration notes.\n', { 'content-type': 'text/plain', 'x-filename': 'cal.txt' });
    const res = await api(hub.url, tokens.integration).post('/v1/intake/submissions', {
      candidateRef: ref, microCredentialId: 'mc-questioning', reflection: 'A calibration item.', artifactIds: [upload.body.artifact.id], purpose: 'calibration',
    });
    expect(res.status).toBe(201);
    spareItems.push(res.body.submission.id);
  }
  const attempt = await api(hub.url, tokens.owner).post('/v1/calibration/attempts', { microCredentialId: 'mc-formative-data' });
  expect(attempt.status, JSON.stringify(attempt.body)).toBe(201);
  return { setId: sets.find((s) => s.state === 'published')!.id, spareItems, attemptId: attempt.body.attempt.id };
}

/** A new live submission's primary assignment (nobody else's row touches it). */
async function freshLiveWork(): Promise<string> {
  const upload = await api(hub.url, tokens.integration).post('/v1/intake/artifacts', 'Lesson notes.\n', { 'content-type': 'text/plain', 'x-filename': 'lesson.txt' });
  const intake = IntakeSubmissionResponse.parse((await api(hub.url, tokens.integration).post('/v1/intake/submissions', {
    candidateRef: 'cand-matrix-reassign', microCredentialId: 'mc-questioning', reflection: 'Mine.', artifactIds: [IntakeArtifactResponse.parse(upload.body).artifact.id],
  })).body);
  return intake.assignments.find((a) => a.role === 'primary')!.id;
}

/** An earned decision that names a recipient: intake, then the routed assessor scores every criterion at its met level. */
async function earnedWithRecipient(rubric: Rubric, microCredentialId: string): Promise<string> {
  const upload = await api(hub.url, tokens.integration).post('/v1/intake/artifacts', 'Lesson notes.\n', { 'content-type': 'text/plain', 'x-filename': 'lesson.txt' });
  const intake = IntakeSubmissionResponse.parse((await api(hub.url, tokens.integration).post('/v1/intake/submissions', {
    candidateRef: 'cand-matrix-badge', microCredentialId, reflection: 'Mine.', artifactIds: [IntakeArtifactResponse.parse(upload.body).artifact.id], recipient: { email: 'badge@school.example' },
  })).body);
  const created = (await api(hub.url, tokens.staff).get(`/v1/audit?limit=1000`)).body.events.filter((e: { action: string }) => e.action === 'user.created');
  // Every read (a second one too, when the demo's policy double-scores it) meets every criterion: the reads agree and the decision is final.
  for (const a of intake.assignments) {
    const username = created.find((e: { subject: string }) => e.subject === a.assessorId).payload.username as string;
    const body = { assignmentId: a.id, rubricId: rubric.id, rubricVersion: rubric.version, scores: Object.fromEntries(rubric.criteria.map((c) => [c.id, c.metLevel])),
      criterionFeedback: Object.fromEntries(rubric.criteria.map((c) => [c.id, 'Met.'])), overallFeedback: 'Earned.', notes: [], timeSpentSec: 600 };
    expect((await api(hub.url, await hub.signIn(username)).put(`/v1/reviews/${randomUUID()}`, body)).status).toBe(201);
  }
  return intake.submission.id;
}

beforeAll(async () => {
  hub = await startHub({ demo: true });
  for (const caller of Object.keys(USERNAME) as (keyof typeof USERNAME)[]) tokens[caller] = await hub.signIn(USERNAME[caller]);
  // A second device of assessor1 that has signed out: its token must open nothing.
  expect((await api(hub.url, tokens.revoked).del('/v1/sessions/current')).status).toBe(204);
  ctx = await pickContext();
});

afterAll(async () => {
  await hub?.stop();
});

async function perform(caller: Caller, req: Req) {
  let token: string | undefined;
  if (caller === 'revoked') token = tokens.revoked;
  else if (caller !== 'anonymous') token = req.freshToken ? await hub.signIn(USERNAME[caller]) : tokens[caller];
  return call(token, req);
}

function call(token: string | undefined, req: Req) {
  const client = api(hub.url, token);
  switch (req.method) {
    case 'GET':
      return client.get(req.path, req.headers);
    case 'DELETE':
      return client.del(req.path, req.headers);
    case 'POST':
      return client.post(req.path, req.body, req.headers);
    case 'PUT':
      return client.put(req.path, req.body, req.headers);
    default:
      return client.patch(req.path, req.body, req.headers);
  }
}

describe('the authorization matrix covers the whole hub', () => {
  it('has one row per route of the hub', () => {
    expect(MATRIX.map((r) => r.route).sort()).toEqual(HUB_ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  it("agrees with the route table's roles: 403 exactly for the roles a route does not admit", () => {
    for (const route of HUB_ROUTES) {
      const r = MATRIX.find((m) => m.route === `${route.method} ${route.path}`) as Row;
      for (const caller of COLUMNS) {
        const role = ROLE_OF[caller];
        if (role === undefined) continue;
        const admitted = !Array.isArray(route.roles) || (route.roles as readonly Role[]).includes(role);
        expect(r.statuses[caller] === 403, `${r.route} as ${caller}`).toBe(!admitted);
      }
    }
  });
});

describe.each(MATRIX)('$route', (r) => {
  it.each(RUN_ORDER.map((caller) => ({ caller, status: r.statuses[caller] })))('as $caller → $status', async ({ caller, status }) => {
    const req = r.request(ctx);
    const res = await perform(caller, req);
    expect(res.status, `${req.method} ${req.path} as ${caller}: ${JSON.stringify(res.body)}`).toBe(status);
    const code = ERROR_CODE_BY_STATUS[status];
    if (code !== undefined) expect(res.body).toMatchObject({ error: { code, message: expect.any(String) } });
    if (status < 300 && r.schema) expect(r.schema.safeParse(res.body).error?.issues ?? []).toEqual([]);
    // Every JSON success answer is documented in docs/openapi.yaml, and matches it.
    if (status < 300 && res.headers.get('content-type')?.startsWith('application/json')) {
      const validate = documentedSchema(r.route, status);
      expect(validate, `docs/openapi.yaml documents ${r.route} → ${status}`).toBeTypeOf('function');
      validate?.(res.body);
      expect(validate?.errors ?? []).toEqual([]);
    }
  });
});

describe('outside the table', () => {
  it('answers a method a route does not have with 405 and the error envelope', async () => {
    const res = await api(hub.url, tokens.owner).del('/v1/sync');
    expect(res.status).toBe(405);
    expect(res.body).toMatchObject({ error: { code: 'method_not_allowed' } });
  });

  it('answers an unknown path with 404 and the error envelope', async () => {
    const res = await api(hub.url, tokens.owner).get('/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: 'not_found' } });
  });

  it('treats a made-up bearer token like a missing one', async () => {
    const res = await api(hub.url, 'not-a-real-token').get('/v1/sync');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code: 'unauthorized' } });
  });
});
