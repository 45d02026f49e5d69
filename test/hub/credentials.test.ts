import { execFileSync } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenBadgeCredential, identityHash, OB3_CONTEXT, type OpenBadgeCredential, type OpenBadgeInput } from '../../server/credentials/open-badge.ts';
import { ISSUER_KEY_FILE, loadCredentialSigner, type CredentialSigner } from '../../server/credentials/issuer-key.ts';
import { uuidV5 } from '../../server/credentials/stable-uuid.ts';
import { Rubric } from '../../shared/index.ts';
import { makeDataDir, REPO_ROOT } from '../support/hub.ts';

const fixture = JSON.parse(readFileSync(join(REPO_ROOT, 'test/support/fixtures/hub-fixture.json'), 'utf8')) as { rubrics: unknown[] };
const rubric = Rubric.parse(fixture.rubrics[0]);
const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'test/support/fixtures/ob3-credential.schema.json'), 'utf8')) as object;
const ISSUER = { id: 'https://issuer.example.org/', name: 'Example Educator Network', url: 'https://issuer.example.org/about' };
const JWKS_URL = 'https://hub.example.org/v1/issuer/jwks';

function input(overrides: Partial<OpenBadgeInput> = {}): OpenBadgeInput {
  return {
    decisionId: 'sub_001',
    candidateSeed: 'cand_7f3a',
    recipient: { email: 'Teacher.One@School.example ', salt: 'salt-0123456789' },
    microCredential: { id: 'mc-questioning', title: 'Questioning for understanding', competency: 'Uses questions to surface and extend thinking' },
    rubric,
    levels: { 'c-plan': 4, 'c-engage': 3, 'c-assess': 5 },
    feedback: { 'c-plan': 'Questions were planned in sequence.', 'c-engage': 'Most students answered.', 'c-assess': 'Exit tickets checked every student.' },
    issuer: ISSUER,
    decidedAt: '2025-03-04T10:20:30.456Z',
    ...overrides,
  };
}

function build(overrides: Partial<OpenBadgeInput> = {}): OpenBadgeCredential {
  const r = buildOpenBadgeCredential(input(overrides));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

/** Every string in a JSON value that looks like an address (scheme:...), with where it is. */
function uris(value: unknown, path = ''): { path: string; uri: string }[] {
  if (typeof value === 'string') return /^[a-z][a-z0-9+.-]*:\S+$/i.test(value) ? [{ path, uri: value }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => uris(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => uris(v, `${path}.${k}`));
  return [];
}

/** The credential carries no link to anything but its contexts and the issuer's own profile. */
function expectNoArtifactLinks(serialised: string, parsed: unknown): void {
  const expected = [...OB3_CONTEXT, ISSUER.id, ISSUER.url];
  const rest = expected.reduce((text, url) => text.replaceAll(JSON.stringify(url), '""'), serialised).toLowerCase();
  for (const needle of ['/v1/artifacts', 'artifact', '.mp4', '.webm', '.pdf', 'data:', 'www.', '://', '@school.example']) expect(rest.includes(needle), needle).toBe(false);
  const web = uris(parsed).filter((u) => !u.uri.startsWith('urn:uuid:'));
  expect([...new Set(web.map((u) => u.uri))].sort()).toEqual(expected.sort());
}

describe('stable ids and identity hashes', () => {
  it('derives RFC 9562 version 5 UUIDs (checked against Python uuid.uuid5)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    expect(uuidV5('6ba7b811-9dad-11d1-80b4-00c04fd430c8', 'https://example.org/é')).toBe('4db32f13-2b90-551e-bb13-4c966035961b');
  });

  it('hashes an identifier the way the OB 3.0 IdentityHash example does', () => {
    expect(identityHash('a@example.com', 'Kosher')).toBe('sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399');
  });
});

describe('buildOpenBadgeCredential', () => {
  it('passes the OB 3.0 structural schema', () => {
    const ajv = new Ajv({ strict: true, strictTuples: false, strictRequired: false, allErrors: true });
    const validate = ajv.compile(schema);
    const credential = build({ microCredential: { ...input().microCredential, validForDays: 1095 } });
    expect(validate(credential), JSON.stringify(validate.errors)).toBe(true);
    const broken = structuredClone(credential) as unknown as Record<string, Record<string, unknown>>;
    delete broken.credentialSubject!.achievement;
    expect(validate(broken)).toBe(false);
  });

  it('is an OpenBadgeCredential with the contexts, types, issuer, dates and name the issue lists', () => {
    const c = build({ microCredential: { ...input().microCredential, validForDays: 365 } });
    expect(c['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
    expect(c.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(c.issuer).toEqual({ ...ISSUER, type: ['Profile'] });
    expect(c.validFrom).toBe('2025-03-04T10:20:30Z');
    expect(c.validUntil).toBe('2026-03-04T10:20:30Z');
    expect(c.name).toBe('Questioning for understanding');
    expect(c.credentialSubject.type).toEqual(['AchievementSubject']);
    expect(c.credentialSubject.achievement.achievementType).toBe('MicroCredential');
    expect(c.credentialSubject.achievement.criteria.narrative).toContain('Planning: Proficient (level 3 of 5) or above');
    expect('validUntil' in build()).toBe(false);
  });

  it('keeps its ids stable for the decision and the candidate, and apart for others', () => {
    const a = build();
    expect(build()).toEqual(a);
    expect(a.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.credentialSubject.id).toMatch(/^urn:uuid:/);
    const otherDecision = build({ decisionId: 'sub_002' });
    expect(otherDecision.id).not.toBe(a.id);
    expect(otherDecision.credentialSubject.id).toBe(a.credentialSubject.id);
    expect(build({ candidateSeed: 'cand_other' }).credentialSubject.id).not.toBe(a.credentialSubject.id);
    expect(build({ issuer: { ...ISSUER, id: 'https://other.example.org/' } }).id).not.toBe(a.id);
  });

  it('gives the same ids in another process', () => {
    const script = `import { buildOpenBadgeCredential } from './server/credentials/open-badge.ts';
      const r = buildOpenBadgeCredential(JSON.parse(process.argv[1]));
      process.stdout.write(JSON.stringify(r.ok ? r.value : r.error));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(input())], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(build());
  });

  it('identifies the recipient by a salted SHA-256 of the email, never the email itself', () => {
    const c = build();
    expect(c.credentialSubject.identifier).toEqual([
      { type: 'IdentityObject', identityHash: identityHash('teacher.one@school.example', 'salt-0123456789'), identityType: 'emailAddress', hashed: true, salt: 'salt-0123456789' },
    ]);
    expect(JSON.stringify(c).toLowerCase()).not.toContain('teacher.one');
  });

  it('describes every rubric criterion with its levels, and results that point into them', () => {
    const c = build();
    const { resultDescription } = c.credentialSubject.achievement;
    expect(resultDescription.map((d) => d.name)).toEqual(rubric.criteria.map((cr) => cr.title));
    resultDescription.forEach((d, i) => {
      const criterion = rubric.criteria[i]!;
      expect(d.resultType).toBe('RubricCriterionLevel');
      expect(d.rubricCriterionLevel.map((l) => l.description)).toEqual(criterion.levels);
      expect(d.rubricCriterionLevel.map((l) => l.name)).toEqual(rubric.scale.labels);
      expect(d.requiredLevel).toBe(d.rubricCriterionLevel[criterion.metLevel - 1]!.id);
    });
    const allIds = [c.id, c.credentialSubject.id, c.credentialSubject.achievement.id, ...resultDescription.flatMap((d) => [d.id, ...d.rubricCriterionLevel.map((l) => l.id)])];
    expect(new Set(allIds).size).toBe(allIds.length);
    expect(c.credentialSubject.result).toHaveLength(rubric.criteria.length);
    for (const r of c.credentialSubject.result) {
      const description = resultDescription.find((d) => d.id === r.resultDescription);
      expect(description, r.resultDescription).toBeDefined();
      expect(description!.rubricCriterionLevel.map((l) => l.id)).toContain(r.achievedLevel);
    }
    const achieved = c.credentialSubject.result.map((r, i) => resultDescription[i]!.rubricCriterionLevel.findIndex((l) => l.id === r.achievedLevel) + 1);
    expect(achieved).toEqual([4, 3, 5]);
  });

  it('turns per-criterion feedback into an evidence narrative with every link and media file name removed', () => {
    const c = build({
      feedback: {
        'c-plan': 'See http://127.0.0.1:8080/v1/artifacts/art_9/content at 02:10, and classroom-visit.MP4.',
        'c-engage': 'Compare www.example.com/clip and /v1/artifacts/art_3 and data:video/webm;base64,AAAA here.',
        'c-assess': 'Student work (worksheet_scan.pdf) shows ftp://files.example/x; well done.',
      },
    });
    const [evidence] = c.evidence;
    expect(evidence.type).toEqual(['Evidence']);
    expect(evidence).not.toHaveProperty('id');
    expect(evidence.narrative).toContain('## Planning\n\nLevel reached: Accomplished\n\nSee [link removed] at 02:10, and [link removed]');
    expect(evidence.narrative).toContain('well done.');
    const serialised = JSON.stringify(c);
    expectNoArtifactLinks(serialised, c);
  });

  it('refuses input it cannot express, naming each bad field', () => {
    const r = buildOpenBadgeCredential(
      input({ levels: { 'c-plan': 6, 'c-engage': 2.5, 'c-other': 3 }, recipient: { email: 'nobody', salt: 'short' }, issuer: { ...ISSUER, url: 'not a uri' }, decidedAt: 'yesterday' }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_credential_input');
    expect((r.error.details as { path: string }[]).map((d) => d.path).sort()).toEqual(
      ['decidedAt', 'issuer.url', 'levels.c-assess', 'levels.c-engage', 'levels.c-other', 'levels.c-plan', 'recipient.email', 'recipient.salt'].sort(),
    );
  });
});

describe('VC-JWT of the credential', () => {
  const dataDir = makeDataDir();
  let signer: CredentialSigner;
  let credential: OpenBadgeCredential;
  let jwt: string;
  beforeAll(async () => {
    signer = await loadCredentialSigner(dataDir, JWKS_URL);
    credential = build({ microCredential: { ...input().microCredential, validForDays: 30 } });
    jwt = await signer.sign(credential);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const part = (i: number) => JSON.parse(Buffer.from(jwt.split('.')[i]!, 'base64url').toString('utf8')) as Record<string, unknown>;

  it('keeps the key in the data folder, owner-only, and reuses it on the next start', async () => {
    expect(statSync(join(dataDir, ISSUER_KEY_FILE)).mode & 0o777).toBe(0o600);
    const again = await loadCredentialSigner(dataDir, JWKS_URL);
    expect(again.kid).toBe(signer.kid);
    expect(again.jwks()).toEqual(signer.jwks());
  });

  it('publishes only the public key, under the kid that the header names', () => {
    const { keys } = signer.jwks();
    expect(keys).toHaveLength(1);
    const [jwk] = keys;
    for (const privateMember of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(jwk).not.toHaveProperty(privateMember);
    expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: signer.kid });
    expect(signer.kid.startsWith(`${JWKS_URL}#`)).toBe(true);
    expect(Buffer.from(jwk!.n, 'base64url').length).toBe(256);
    expect(part(0)).toEqual({ alg: 'RS256', kid: signer.kid, typ: 'JWT' });
  });

  it('verifies with the JWKS through node:crypto alone', () => {
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    const jwk = signer.jwks().keys.find((k) => k.kid === part(0).kid)!;
    const publicKey = createPublicKey({ key: jwk, format: 'jwk' });
    expect(verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url'))).toBe(true);
    const forged = Buffer.from(JSON.stringify({ ...part(1), name: 'Another badge' })).toString('base64url');
    expect(verify('RSA-SHA256', Buffer.from(`${header}.${forged}`), publicKey, Buffer.from(signature, 'base64url'))).toBe(false);
  });

  it('carries the credential as its payload, with iss, jti, sub, nbf and exp mapped as OB 3.0 says', () => {
    const { iss, jti, sub, nbf, exp, ...rest } = part(1);
    expect(rest).toEqual(credential);
    expect(iss).toBe(credential.issuer.id);
    expect(jti).toBe(credential.id);
    expect(sub).toBe(credential.credentialSubject.id);
    expect(nbf).toBe(Date.parse(credential.validFrom) / 1000);
    expect(exp).toBe(Date.parse(credential.validUntil!) / 1000);
    expect(exp).toBe((nbf as number) + 30 * 86_400);
  });

  it('leaves exp out when the micro-credential does not expire', async () => {
    const claims = JSON.parse(Buffer.from((await signer.sign(build())).split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(claims).not.toHaveProperty('exp');
    expect(claims).toHaveProperty('nbf');
  });

  it('has no link to any artifact in the payload', () => {
    const payload = Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8');
    expectNoArtifactLinks(payload, JSON.parse(payload));
  });
});
