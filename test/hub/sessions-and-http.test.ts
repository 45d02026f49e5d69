import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeDataDir, startHub } from '../support/hub.ts';
import { FIXTURE, startFixtureHub, type FixtureHub } from './fixture-helpers.ts';

describe('sessions, tokens and the HTTP envelope', () => {
  let hub: FixtureHub;
  beforeAll(async () => {
    hub = await startFixtureHub(['alice']);
  });
  afterAll(() => hub.stop());

  it('answers health without a token', async () => {
    const res = await api(hub.url).get('/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
  });

  it('signs in with 201, the token and the user summary', async () => {
    const res = await api(hub.url).post('/v1/sessions', { username: 'bob', password: 'demo', deviceName: 'laptop' });
    expect(res.status).toBe(201);
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.body.user).toEqual({ id: 'u-bob', displayName: 'Bob Assessor', roles: ['assessor'] });
  });

  it('refuses a wrong password and an unknown user alike with 401', async () => {
    for (const username of ['bob', 'nobody']) {
      const res = await api(hub.url).post('/v1/sessions', { username, password: 'wrong', deviceName: 'x' });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
  });

  it('answers 401 for a missing or unknown token', async () => {
    expect((await api(hub.url).get('/v1/sync')).status).toBe(401);
    const unknown = await api(hub.url, 'A'.repeat(43)).get('/v1/sync');
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it('sign-out answers 204 and the token stops working; other devices keep theirs', async () => {
    const first = await hub.signIn('carol');
    const second = await hub.signIn('carol');
    expect((await api(hub.url, first).get('/v1/sync')).status).toBe(200);
    expect((await api(hub.url, first).del('/v1/sessions/current')).status).toBe(204);
    expect((await api(hub.url, first).get('/v1/sync')).status).toBe(401);
    expect((await api(hub.url, first).del('/v1/sessions/current')).status).toBe(401);
    expect((await api(hub.url, second).get('/v1/sync')).status).toBe(200);
  });

  it('answers 403 forbidden when a role may never use an endpoint', async () => {
    const alice = hub.as('alice');
    expect((await alice.get('/v1/audit')).body.error.code).toBe('forbidden');
    const intake = await alice.post('/v1/intake/submissions', {});
    expect(intake.status).toBe(403);
    expect((await hub.as('intake-bot').get('/v1/sync')).status).toBe(403);
  });

  it('answers 405 with Allow for a wrong method and 404 for an unknown path', async () => {
    const wrong = await hub.as('alice').post('/v1/sync', {});
    expect(wrong.status).toBe(405);
    expect(wrong.body.error.code).toBe('method_not_allowed');
    expect(wrong.headers.get('allow')).toBe('GET');
    const unknown = await hub.as('alice').get('/v1/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
  });

  it('answers 400 malformed_json and 422 invalid with the fields named', async () => {
    const bad = await api(hub.url).post('/v1/sessions', '{"username": ');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('malformed_json');
    const wrongTypes = await api(hub.url).post('/v1/sessions', { username: 7, password: 'x' });
    expect(wrongTypes.status).toBe(422);
    expect(wrongTypes.body.error.code).toBe('invalid');
    const paths = (wrongTypes.body.error.details as { path: string }[]).map((d) => d.path).sort();
    expect(paths).toEqual(['deviceName', 'username']);
  });

  it('refuses a JSON body over 1 MiB with 413 and keeps serving', async () => {
    const huge = JSON.stringify({ username: 'x'.repeat(1024 * 1024 + 10), password: 'p', deviceName: 'd' });
    const res = await api(hub.url).post('/v1/sessions', huge);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect((await api(hub.url).get('/v1/health')).status).toBe(200);
  });
});

describe('demo accounts', () => {
  it('accepts the demo password only on a hub started in demo or seed mode', async () => {
    const dataDir = makeDataDir();
    const seeded = await startHub({ seed: FIXTURE, dataDir });
    await expect(seeded.signIn('bob')).resolves.toMatch(/.+/);
    await seeded.stop();
    const plain = await startHub({ dataDir });
    try {
      const res = await api(plain.url).post('/v1/sessions', { username: 'bob', password: 'demo', deviceName: 'x' });
      expect(res.status).toBe(401);
      // An account with a password of its own is unaffected.
      await expect(plain.signIn('ivan', 'ivan-secret-pw')).resolves.toMatch(/.+/);
    } finally {
      await plain.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
