// GET /v1/submissions/{id}/credential and GET /v1/issuer/jwks through a real hub, on either
// engine: an earned decision's Open Badge verifies against the published key through
// node:crypto alone (not the JOSE library that signed it), carries no way to an artifact,
// stays the same when asked again, and every refusal the issue lists answers its own code.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialResponse, IssuerJwks } from '../../shared/index.ts';
import { api, hubSql, makeDataDir, REPO_ROOT, removeHubData, startHub, type Loose, type RunningHub } from '../support/hub.ts';
import { FIXTURE, newReviewId, pdfBytes, reviewBody } from './fixture-helpers.ts';

const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'test/support/fixtures/ob3-credential.schema.json'), 'utf8')) as object;
const ISSUER = ['--issuer-id', 'https://badges.district.example/issuer', '--issuer-name', 'District Educator Badges', '--issuer-url', 'https://badges.district.example/'];
const EMAIL = 'Teacher.Badge@School.example';
const PASS = { 'c-plan': 4, 'c-engage': 5, 'c-assess': 3 };
const FAIL = { 'c-plan': 1, 'c-engage': 4, 'c-assess': 4 };

type Parts = { header: Loose; payload: Loose; signingInput: string; signature: Buffer };
const partsOf = (jwt: string): Parts => {
  const [h, p, s] = jwt.split('.') as [string, string, string];
  const json = (x: string) => JSON.parse(Buffer.from(x, 'base64url').toString('utf8')) as Loose;
  return { header: json(h), payload: json(p), signingInput: `${h}.${p}`, signature: Buffer.from(s, 'base64url') };
};

/** Every string value in a JSON document. */
const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(strings) : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : [];

describe('Open Badges 3.0 credentials over HTTP', () => {
  const dataDir = makeDataDir();
  let hub: RunningHub;
  const tokens: Record<string, string> = {};
  const as = (user: string) => api(hub.url, tokens[user]);
  const artifactIds: string[] = [];
  const ids: Record<string, string> = {};

  const start = async () => {
    hub = await startHub({ dataDir, seed: FIXTURE, args: ISSUER });
    for (const u of ['sam', 'intake-bot', 'alice', 'bob', 'carol', 'dave']) tokens[u] = await hub.signIn(u);
  };

  /** Intake (with a recipient unless told otherwise), then the routed assessor's review; returns the submission id. */
  const decided = async (ref: string, scores: Record<string, number> | null, recipient: unknown = { email: EMAIL }, feedback?: Record<string, string>) => {
    const up = await as('intake-bot').post('/v1/intake/artifacts', pdfBytes(2048), { 'content-type': 'application/pdf', 'x-filename': 'lesson-video-notes.pdf' });
    expect(up.status).toBe(201);
    artifactIds.push(up.body.artifact.id);
    const res = await as('intake-bot').post('/v1/intake/submissions', {
      candidateRef: ref, microCredentialId: 'mc-questioning', reflection: `Reflection of ${ref}`, artifactIds: [up.body.artifact.id], school: 'Eastside Middle',
      ...(recipient === null ? {} : { recipient }),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const a = res.body.assignments[0];
    if (scores) {
      const user = a.assessorId.replace(/^u-/, '');
      const overrides: Record<string, unknown> = { scores };
      if (feedback) overrides.criterionFeedback = feedback;
      const put = await as(user).put(`/v1/reviews/${newReviewId()}`, reviewBody(a.id, overrides));
      expect(put.status, JSON.stringify(put.body)).toBe(201);
    }
    return res.body.submission.id as string;
  };

  beforeAll(async () => {
    await start();
    const leaky = (id: string) => ({
      'c-plan': `Strong plan; see ${hub.url}/v1/artifacts/${id} at 02:10 and lesson-clip.mp4.`,
      'c-engage': 'Every student answered at least once.',
      'c-assess': `Exit tickets (artifact ${id}) were checked.`,
    });
    ids.earned = await decided('cand-badge', PASS);
    const up = await as('intake-bot').post('/v1/intake/artifacts', pdfBytes(4096), { 'content-type': 'application/pdf', 'x-filename': 'plan.pdf' });
    const leakId = up.body.artifact.id as string;
    artifactIds.push(leakId);
    const res = await as('intake-bot').post('/v1/intake/submissions', {
      candidateRef: 'cand-leak', microCredentialId: 'mc-questioning', reflection: 'Mine.', artifactIds: [leakId], recipient: { email: 'leak@school.example' },
    });
    const a = res.body.assignments[0];
    const user = a.assessorId.replace(/^u-/, '');
    expect((await as(user).put(`/v1/reviews/${newReviewId()}`, reviewBody(a.id, { scores: PASS, criterionFeedback: leaky(leakId) }))).status).toBe(201);
    ids.leak = res.body.submission.id;
    ids.notYet = await decided('cand-notyet', FAIL);
    ids.undecided = await decided('cand-open', null);
    ids.noRecipient = await decided('cand-anon', PASS, null);
  }, 120_000);

  afterAll(async () => {
    await hub?.stop();
    await removeHubData(dataDir);
  });

  it('answers staff and integration with the credential and its VC-JWT, which verifies against the public JWKS through node:crypto', async () => {
    const jwks = await api(hub.url).get('/v1/issuer/jwks');
    expect(jwks.status).toBe(200);
    const { keys } = IssuerJwks.parse(jwks.body);
    for (const user of ['sam', 'intake-bot']) {
      const res = await as(user).get(`/v1/submissions/${ids.earned}/credential`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const { credential, jwt } = CredentialResponse.parse(res.body);
      const { header, payload, signingInput, signature } = partsOf(jwt);
      expect(header).toEqual({ alg: 'RS256', kid: expect.any(String), typ: 'JWT' });
      expect(header.kid).toBe(`${hub.url}/v1/issuer/jwks#${header.kid.split('#')[1]}`);
      const jwk = keys.find((k) => k.kid === header.kid);
      expect(jwk, 'the kid resolves in the JWKS').toBeDefined();
      const key = createPublicKey({ key: jwk!, format: 'jwk' });
      expect(verify('RSA-SHA256', Buffer.from(signingInput), key, signature)).toBe(true);
      const forged = Buffer.from(JSON.stringify({ ...payload, name: 'Another badge' })).toString('base64url');
      expect(verify('RSA-SHA256', Buffer.from(`${signingInput.split('.')[0]}.${forged}`), key, signature)).toBe(false);
      // OB 3.0 "JWT Payload Format": the credential itself, plus iss, jti, sub and nbf (exp only with validUntil).
      const { iss, jti, sub, nbf, ...rest } = payload;
      expect(rest).toEqual(credential);
      expect(iss).toBe((credential.issuer as Loose).id);
      expect(jti).toBe(credential.id);
      expect(sub).toBe((credential.credentialSubject as Loose).id);
      expect(nbf).toBe(Date.parse(credential.validFrom as string) / 1000);
    }
  });

  it('is an OpenBadgeCredential for the decision: required fields and types, issuer from the hub options, results inside the rubric', async () => {
    const { credential: c } = (await as('sam').get(`/v1/submissions/${ids.earned}/credential`)).body as { credential: Loose };
    const validate = new Ajv({ strict: true, strictTuples: false, strictRequired: false, allErrors: true }).compile(schema);
    expect(validate(c), JSON.stringify(validate.errors)).toBe(true);
    expect(c['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
    expect(c.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(c.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(c.issuer).toEqual({ id: 'https://badges.district.example/issuer', type: ['Profile'], name: 'District Educator Badges', url: 'https://badges.district.example/' });
    expect(c.name).toBe('Effective questioning');
    expect(c).not.toHaveProperty('validUntil');
    const decision = (await as('sam').get('/v1/decisions?candidateRef=cand-badge')).body.decisions[0];
    expect(c.validFrom).toBe(`${decision.decidedAt.slice(0, 19)}Z`);
    const subject = c.credentialSubject;
    expect(subject.type).toEqual(['AchievementSubject']);
    expect(subject.id).toMatch(/^urn:uuid:/);
    const [identity] = subject.identifier;
    expect(identity).toMatchObject({ type: 'IdentityObject', identityType: 'emailAddress', hashed: true });
    expect(identity.identityHash).toBe(`sha256$${createHash('sha256').update(EMAIL.toLowerCase() + identity.salt).digest('hex')}`);
    expect(identity.salt.length).toBeGreaterThanOrEqual(16);
    const achievement = subject.achievement;
    expect(achievement).toMatchObject({ type: ['Achievement'], achievementType: 'MicroCredential', name: 'Effective questioning', criteria: { narrative: expect.any(String) } });
    expect(achievement.resultDescription.map((d: Loose) => d.name)).toEqual(['Planning', 'Engagement', 'Checking']);
    const levelIds = new Map<string, Set<string>>(achievement.resultDescription.map((d: Loose) => [d.id, new Set(d.rubricCriterionLevel.map((l: Loose) => l.id))]));
    for (const d of achievement.resultDescription) {
      expect(d.resultType).toBe('RubricCriterionLevel');
      expect(levelIds.get(d.id)!.has(d.requiredLevel), `${d.name} requiredLevel is one of its levels`).toBe(true);
    }
    expect(subject.result).toHaveLength(3);
    const achieved = subject.result.map((r: Loose) => {
      expect(levelIds.get(r.resultDescription)?.has(r.achievedLevel), 'achievedLevel exists in its resultDescription').toBe(true);
      const d = achievement.resultDescription.find((x: Loose) => x.id === r.resultDescription);
      return Number(d.rubricCriterionLevel.find((l: Loose) => l.id === r.achievedLevel).level);
    });
    expect(achieved).toEqual(Object.values(PASS));
    expect(c.evidence[0].narrative).toContain('Everyone took part.');
  }, 30_000);

  it('carries no URL, id or file name of any artifact, even when the feedback pasted them', async () => {
    const { credential, jwt } = (await as('sam').get(`/v1/submissions/${ids.leak}/credential`)).body;
    const payload = partsOf(jwt).payload;
    for (const doc of [credential, payload]) {
      const text = JSON.stringify(doc);
      expect(text).not.toContain('/v1/artifacts');
      expect(text).not.toContain(hub.url);
      for (const id of artifactIds) expect(text).not.toContain(id);
      expect(text).not.toMatch(/\.(mp4|pdf|webm)\b/);
      const addresses = strings(doc).filter((s) => /^[a-z][a-z0-9+.-]*:\S+$/i.test(s) && !s.startsWith('urn:uuid:'));
      expect([...new Set(addresses)].sort()).toEqual([
        'https://badges.district.example/', 'https://badges.district.example/issuer',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', 'https://www.w3.org/ns/credentials/v2',
      ]);
    }
    expect(credential.evidence[0].narrative).toContain('[link removed]');
  });

  it('gives the same credential, id included, when asked again', async () => {
    const first = (await as('sam').get(`/v1/submissions/${ids.earned}/credential`)).body;
    const second = (await as('intake-bot').get(`/v1/submissions/${ids.earned}/credential`)).body;
    expect(second.credential).toEqual(first.credential);
    expect(second.jwt).toBe(first.jwt);
    const other = (await as('sam').get(`/v1/submissions/${ids.leak}/credential`)).body;
    expect(other.credential.id).not.toBe(first.credential.id);
    expect(other.credential.credentialSubject.identifier[0].salt).not.toBe(first.credential.credentialSubject.identifier[0].salt);
  });

  it('refuses a "not yet" decision, an undecided submission, a missing recipient and an unknown submission, each with its code', async () => {
    const expectError = async (id: string, status: number, code: string) => {
      const res = await as('sam').get(`/v1/submissions/${id}/credential`);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body).toMatchObject({ error: { code, message: expect.any(String) } });
    };
    await expectError(ids.notYet!, 409, 'not_earned');
    await expectError(ids.undecided!, 409, 'not_final');
    await expectError(ids.noRecipient!, 422, 'no_recipient');
    await expectError('sub-does-not-exist', 404, 'not_found');
  });

  it('never shows the recipient to assessors or master raters, and refuses an intake recipient that is not an email', async () => {
    for (const user of ['alice', 'bob', 'carol', 'dave']) {
      const text = JSON.stringify((await as(user).get('/v1/sync')).body).toLowerCase();
      expect(text).not.toContain('school.example');
      expect(text).not.toContain('recipient');
    }
    tokens.ivan ??= await hub.signIn('ivan', 'ivan-secret-pw');
    const masterSees = [];
    for (const path of ['/v1/sync', `/v1/submissions/${ids.earned}/reads`, `/v1/submissions/${ids.undecided}/reads`, '/v1/reports/reliability?microCredentialId=mc-questioning', '/v1/calibration-sets']) {
      const res = await as('ivan').get(path);
      expect(res.status, path).toBeLessThan(500);
      masterSees.push(JSON.stringify(res.body).toLowerCase());
    }
    expect(masterSees.some((t) => t.includes(ids.earned!))).toBe(true);
    for (const text of masterSees) {
      expect(text).not.toContain('school.example');
      expect(text).not.toContain('recipient');
    }
    expect(JSON.stringify((await as('sam').get('/v1/audit?limit=1000')).body).toLowerCase()).not.toContain('school.example');
    const before = await as('sam').get('/v1/audit?limit=1000');
    for (const recipient of [{ email: 'not-an-email' }, { email: '' }, { email: 'a@b.example', name: 'Extra' }, 'a@b.example']) {
      const res = await as('intake-bot').post('/v1/intake/submissions', { candidateRef: 'cand-bad', microCredentialId: 'mc-questioning', reflection: 'x', artifactIds: [artifactIds[0]], recipient });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('invalid');
      expect(res.body.error.details.some((d: Loose) => String(d.path).startsWith('recipient'))).toBe(true);
    }
    expect((await as('sam').get('/v1/audit?limit=1000')).body.events.length).toBe(before.body.events.length);
  });

  it('recognises a retried intake by its recipient too', async () => {
    const up = await as('intake-bot').post('/v1/intake/artifacts', pdfBytes(2048), { 'content-type': 'application/pdf', 'x-filename': 'p.pdf' });
    const body = { id: 'sub-retry-badge', candidateRef: 'cand-retry', microCredentialId: 'mc-questioning', reflection: 'x', artifactIds: [up.body.artifact.id], recipient: { email: 'r@school.example' } };
    expect((await as('intake-bot').post('/v1/intake/submissions', body)).status).toBe(201);
    expect((await as('intake-bot').post('/v1/intake/submissions', { ...body, recipient: { email: 'R@School.example' } })).status).toBe(200);
    const other = await as('intake-bot').post('/v1/intake/submissions', { ...body, recipient: { email: 'someone.else@school.example' } });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('submission_id_conflict');
  });

  it('waits for an open resolving read (not_final), and states validUntil once the micro-credential expires', async () => {
    const before = (await as('sam').get(`/v1/submissions/${ids.earned}/credential`)).body.credential;
    await hub.stop();
    const mc = (await hubSql(dataDir, ["SELECT body FROM micro_credentials WHERE id = 'mc-questioning'"]))[0]!.body as string;
    const body = JSON.stringify({ ...JSON.parse(mc), validForDays: 1095 }).replaceAll("'", "''");
    await hubSql(dataDir, [
      `UPDATE micro_credentials SET body = '${body}' WHERE id = 'mc-questioning'`,
      `INSERT INTO assignments (id, submission_id, assessor_id, role, state, assigned_at, due_at, locked, previous_submission_id, previous_review_id, recusal_reason, change_seq)
       SELECT 'asg-second-read', submission_id, 'u-erin', 'second', 'assigned', '2026-01-01T00:00:00.000Z', '2026-01-08T00:00:00.000Z', '{}', NULL, NULL, NULL, 0 FROM decisions WHERE candidate_ref = 'cand-leak'`,
    ]);
    await start();
    const pending = await as('sam').get(`/v1/submissions/${ids.leak}/credential`);
    expect(pending.status).toBe(409);
    expect(pending.body.error).toMatchObject({ code: 'not_final', details: { pendingRoles: ['second'] } });
    const res = await as('sam').get(`/v1/submissions/${ids.earned}/credential`);
    expect(res.status).toBe(200);
    const { credential, jwt } = res.body;
    expect(credential.id).toBe(before.id);
    expect(Date.parse(credential.validUntil) - Date.parse(credential.validFrom)).toBe(1095 * 86_400_000);
    const { exp, nbf } = partsOf(jwt).payload;
    expect(exp).toBe(Date.parse(credential.validUntil) / 1000);
    expect(exp - nbf).toBe(1095 * 86_400);
  }, 60_000);
});
