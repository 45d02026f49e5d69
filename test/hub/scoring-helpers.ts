// Shared steps for the double-scoring tests: a fixture manifest whose micro-credentials
// carry the double-scoring policy under test, extra master raters, and the audit reader.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { HUB_ROUTES } from '../../server/http/routes.ts';
import type { Loose } from '../support/hub.ts';
import { FIXTURE, newReviewId, reviewBody, startFixtureHub, type FixtureHub } from './fixture-helpers.ts';

export const READERS = ['alice', 'bob', 'carol'] as const;
export const MASTERS = ['mona', 'nick'] as const;

/**
 * The hub fixture with these double-scoring policies (by micro-credential), no seeded
 * submissions (unless `keepFixture`: then its submissions and ivan stay too), both micro-credentials open to alice, bob and carol, and two master raters (mona, nick) in place of ivan.
 * `adjustUsers` then edits the manifest's users in place (a conflict, an expired qualification, a second role).
 */
export function scoringManifest(policies: Record<string, Record<string, unknown>>, keepFixture = false, adjustUsers?: (users: Loose[]) => void): string {
  const manifest = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Loose;
  const dir = mkdtempSync(join(tmpdir(), 'assay-scoring-fixture-'));
  for (const f of ['clip.webm', 'reflection-notes.txt']) copyFileSync(join(FIXTURE, '..', f), join(dir, f));
  for (const mc of manifest.microCredentials) mc.policy.doubleScoring = policies[mc.id] ?? { mode: 'none' };
  for (const u of manifest.users) {
    if ((READERS as readonly string[]).includes(u.username)) {
      u.qualifications = ['mc-questioning', 'mc-feedback'].map((microCredentialId) => ({ microCredentialId, calibratedUntilDays: 365 }));
    }
  }
  // The fixture's own master rater signs in with a password of its own; these two use the demo one.
  if (!keepFixture) manifest.users = manifest.users.filter((u: Loose) => u.username !== 'ivan');
  for (const username of MASTERS) manifest.users.push({ id: `u-${username}`, username, displayName: `${username} Master`, roles: ['master_rater'] });
  if (!keepFixture) manifest.submissions = [];
  adjustUsers?.(manifest.users);
  const file = join(dir, 'manifest.json');
  writeFileSync(file, JSON.stringify(manifest));
  return file;
}

export async function startScoringHub(policies: Record<string, Record<string, unknown>>): Promise<FixtureHub> {
  return startFixtureHub([...READERS, ...MASTERS], [], scoringManifest(policies));
}

/** The reader holding each role on a submission, from the intake answer. */
export function rolesOf(intake: Loose): { primary: Loose; second: Loose | undefined } {
  const by = (role: string) => (intake.assignments as Loose[]).find((a) => a.role === role);
  return { primary: by('primary'), second: by('second') };
}

export const usernameOf = (assessorId: string): string => assessorId.replace(/^u-/, '');

/** Display names by user id, as a manifest seeds them. */
export const displayNamesOf = (manifest: string): Map<string, string> =>
  new Map((JSON.parse(readFileSync(manifest, 'utf8')) as { users: { id: string; displayName: string }[] }).users.map((u) => [u.id, u.displayName]));

/** Submits a review as the assignment's reader; `scores` and feedback override the passing defaults. */
export async function read(hub: FixtureHub, assignment: Loose, overrides: Record<string, unknown> = {}): Promise<Loose> {
  const res = await hub.as(usernameOf(assignment.assessorId)).put(`/v1/reviews/${newReviewId()}`, reviewBody(assignment.id, overrides));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Every audit event, paging through the whole log. */
export async function allAuditEvents(hub: FixtureHub): Promise<Loose[]> {
  const events: Loose[] = [];
  for (let after = 0; ; ) {
    const res = await hub.as('sam').get(`/v1/audit?after=${after}&limit=1000`);
    expect(res.status).toBe(200);
    events.push(...res.body.events);
    if (res.body.next === undefined) return events;
    after = res.body.next;
  }
}

/**
 * Every byte a user can fetch about a submission: sync, each artifact it lists, and every GET
 * route of HUB_ROUTES whose path parameters this can fill (a refused one answers its error envelope).
 */
export async function everythingVisibleTo(hub: FixtureHub, username: string, submissionId: string, microCredentialId = 'mc-questioning'): Promise<string> {
  const me = hub.as(username);
  const sync = await me.get('/v1/sync');
  const artifactIds = (sync.body.submissions as Loose[]).flatMap((s) => (s.artifacts as Loose[]).map((a) => String(a.id)));
  const parts = [JSON.stringify(sync.body)];
  for (const route of HUB_ROUTES) {
    if (route.method !== 'GET' || route.path === '/v1/sync') continue;
    const filled = route.path.replace('{submissionId}', submissionId);
    const paths = filled.includes('{artifactId}') ? artifactIds.map((id) => filled.replace('{artifactId}', id)) : [filled];
    for (const path of paths.filter((p) => !p.includes('{'))) {
      const body = (await me.get(path.startsWith('/v1/reports/') ? `${path}?microCredentialId=${microCredentialId}` : path)).body;
      parts.push(typeof body === 'string' ? body : JSON.stringify(body));
    }
  }
  return parts.join('\n');
}
