// Shared steps for the hub tests: the fixture manifest, intake as the integration account,
// and review bodies that satisfy the fixture's rubric.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { expect } from 'vitest';
import { api, REPO_ROOT, startHub, type Loose, type RunningHub } from '../support/hub.ts';

export const FIXTURE = join(REPO_ROOT, 'test/support/fixtures/hub-fixture.json');
export const FIXTURE_WEBM = join(REPO_ROOT, 'test/support/fixtures/clip.webm');

/** GET /v1/audit/verify from a fixture hub started on a (stopped, perhaps tampered) data folder. */
export async function verifyOverHttp(dataDir: string): Promise<Loose> {
  const hub = await startHub({ dataDir, seed: FIXTURE });
  try {
    const res = await api(hub.url, await hub.signIn('sam')).get('/v1/audit/verify');
    expect(res.status).toBe(200);
    return res.body;
  } finally {
    await hub.stop();
  }
}

/** A PDF-looking body of the given size (the hub checks only the leading magic bytes). */
export function pdfBytes(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 7919 + 13) % 251;
  bytes.set(new TextEncoder().encode('%PDF-1.4\n'), 0);
  return bytes;
}

export type FixtureHub = RunningHub & {
  tokens: Record<string, string>;
  as(username: string): ReturnType<typeof api>;
  uploadArtifact(body: Uint8Array, mediaType?: string, filename?: string): Promise<Loose>;
  submit(candidateRef: string, extra?: Record<string, unknown>): Promise<Loose>;
};

/** A hub seeded with the fixture manifest, as the given accounts see it: signed in, uploading and submitting as intake. */
export async function fixtureClients(url: string, signIn: (username: string) => Promise<string>, usernames: readonly string[]) {
  const tokens: Record<string, string> = {};
  for (const u of ['intake-bot', 'sam', ...usernames]) tokens[u] ??= await signIn(u);
  const as = (username: string) => api(url, tokens[username]);
  const uploadArtifact = async (body: Uint8Array, mediaType = 'application/pdf', filename = 'evidence.pdf') => {
    const res = await as('intake-bot').post('/v1/intake/artifacts', body, { 'content-type': mediaType, 'x-filename': filename });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.artifact;
  };
  const submit = async (candidateRef: string, extra: Record<string, unknown> = {}) => {
    const artifact = await uploadArtifact(pdfBytes(2048));
    const res = await as('intake-bot').post('/v1/intake/submissions', {
      candidateRef, microCredentialId: 'mc-questioning', reflection: `Reflection of ${candidateRef}`, artifactIds: [artifact.id], ...extra,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  return { tokens, as, uploadArtifact, submit };
}

/** Starts a hub seeded with the fixture manifest and signs in the given accounts. */
export async function startFixtureHub(usernames: readonly string[], args: string[] = [], seed = FIXTURE): Promise<FixtureHub> {
  const hub = await startHub({ seed, args });
  return { ...hub, ...(await fixtureClients(hub.url, hub.signIn, usernames)) };
}

/** A complete review for the fixture rubric; `scores` override the passing defaults. */
export function reviewBody(assignmentId: string, overrides: Record<string, unknown> = {}): Loose {
  return {
    assignmentId,
    rubricId: 'rub-teach',
    rubricVersion: 1,
    scores: { 'c-plan': 4, 'c-engage': 4, 'c-assess': 4 },
    criterionFeedback: { 'c-plan': 'Clear plan of questions.', 'c-engage': 'Everyone took part.', 'c-assess': 'Good exit ticket.' },
    overallFeedback: 'Well done.',
    notes: [],
    timeSpentSec: 600,
    ...overrides,
  };
}

export const newReviewId = () => randomUUID();

/** The caller's current assignments, by id. */
export async function assignmentsOf(hub: FixtureHub, username: string): Promise<Map<string, Loose>> {
  const res = await hub.as(username).get('/v1/sync');
  expect(res.status).toBe(200);
  return new Map((res.body.assignments as Loose[]).map((a) => [a.id, a]));
}

export async function auditEvents(hub: FixtureHub, action?: string): Promise<Loose[]> {
  const res = await hub.as('sam').get('/v1/audit?limit=1000');
  expect(res.status).toBe(200);
  const events = res.body.events as Loose[];
  return action ? events.filter((e) => e.action === action) : events;
}

/** Migration 005's tables and columns, dropped so a stopped hub's schema is 004's again (same SQL on both engines). */
export const UNDO_005 = ['DROP TABLE validity_reads', 'DROP TABLE calibration_attempt_items', 'DROP TABLE calibration_attempts', 'DROP TABLE calibration_items',
  'DROP TABLE calibration_sets', 'DROP INDEX submissions_by_source', 'ALTER TABLE submissions DROP COLUMN purpose', 'ALTER TABLE submissions DROP COLUMN source_submission_id',
  'ALTER TABLE artifacts DROP COLUMN stored_as', 'ALTER TABLE qualifications DROP COLUMN suspended_at', 'ALTER TABLE qualifications DROP COLUMN window_from'];

/** Migration 006 (double scoring) undone: its tables, seed and indexes. */
const UNDO_006 = ['DROP TABLE selections', 'DROP TABLE resolutions', 'DROP TABLE adjudications', 'DROP TABLE consensus_rounds', 'DROP TABLE probation_releases',
  "DELETE FROM meta WHERE key = 'double_scoring_seed'", 'DROP INDEX assignments_one_live_consensus_per_reader', 'DROP INDEX assignments_one_live_per_role',
  "CREATE UNIQUE INDEX assignments_one_live_per_role ON assignments (submission_id, role) WHERE state IN ('assigned', 'in_progress', 'submitted')"];

/** Migration 010 (the reports' narrow rows) undone. */
export const UNDO_010 = ['DROP TABLE read_pairs', 'ALTER TABLE decisions DROP COLUMN submitted_at'];

/** Migration 011 (the turnaround report's numbers and indexes) undone. */
export const UNDO_011 = ['DROP INDEX assignments_open_by_due', 'DROP INDEX decisions_turnaround', 'ALTER TABLE decisions DROP COLUMN decided_day', 'ALTER TABLE decisions DROP COLUMN duration_ms'];

/** Every migration after 004 undone, newest first (011 turnaround, 010 report rows, 009 review scores, 008 audit refs, 007 recipients, 006, 005), for tests that re-run one. */
export const UNDO_AFTER_004 = [...UNDO_011, ...UNDO_010, 'ALTER TABLE reviews DROP COLUMN scores', 'DROP TABLE audit_refs', 'DROP INDEX submissions_by_candidate', 'DROP TABLE recipients', ...UNDO_006, ...UNDO_005];
