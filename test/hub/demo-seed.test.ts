import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MANIFEST } from '../../server/app.ts';
import { SeedManifest } from '../../server/seed/manifest.ts';
import { api, startHub, type Loose, type RunningHub } from '../support/hub.ts';

// The bundled demo dataset goes through the live services on a fresh hub started with --demo.
describe('--demo seeding', () => {
  const manifest = SeedManifest.parse(JSON.parse(readFileSync(DEMO_MANIFEST, 'utf8')));
  const staff = manifest.users.find((u) => u.roles.includes('staff'));
  let hub: RunningHub;
  beforeAll(async () => {
    hub = await startHub({ demo: true });
  });
  afterAll(() => hub.stop());

  it('has a staff account to check the seeded data with', () => {
    expect(staff).toBeDefined();
  });

  it('stores every submission, with final results exactly for the decided ones', async () => {
    const sam = api(hub.url, await hub.signIn(staff!.username));
    for (const s of manifest.submissions) {
      const res = await sam.get(`/v1/submissions/${s.id}/result`);
      expect(res.status, s.id).toBe(200);
      expect(res.body.status, s.id).toBe(s.decidedReview ? 'final' : 'pending');
    }
    expect((await sam.get('/v1/audit/verify')).body.ok).toBe(true);
  });

  it('gives assessors work they can sync and download', async () => {
    let seen = 0;
    for (const u of manifest.users.filter((x) => x.roles.includes('assessor'))) {
      const token = await hub.signIn(u.username);
      const client = api(hub.url, token);
      const sync = await client.get('/v1/sync');
      expect(sync.status).toBe(200);
      for (const s of sync.body.submissions as Loose[]) {
        const res = await fetch(`${hub.url}/v1/artifacts/${s.artifacts[0].id}`, { headers: { authorization: `Bearer ${token}`, range: 'bytes=0-3' } });
        expect(res.status).toBe(206);
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(0);
  });
});
