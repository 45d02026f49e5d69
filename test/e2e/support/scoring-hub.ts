// A hub of its own for the double-scoring specs (the shared demo hub's data is left alone):
// the test fixture with every mc-questioning submission double-scored and resolved by
// adjudication, every mc-feedback one by consensus, alice, bob and carol qualified for both,
// and two master raters. Reads are written through the hub's API.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Loose } from '../../support/hub.ts';
import { HUB_READY, REPO_ROOT, startProcess, stopProcess, type RunningProcess } from './processes.ts';

const FIXTURE = join(REPO_ROOT, 'test/support/fixtures/hub-fixture.json');
const READERS = ['alice', 'bob', 'carol'];
export const MASTERS = ['mona', 'nick'];
const POLICIES: Record<string, Loose> = {
  'mc-questioning': { mode: 'all', tolerance: 1, resolution: 'adjudication' },
  'mc-feedback': { mode: 'all', tolerance: 1, resolution: 'consensus', consensusDays: 3 },
};

function manifest(dir: string): string {
  const m = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Loose;
  for (const f of ['clip.webm', 'reflection-notes.txt']) copyFileSync(join(FIXTURE, '..', f), join(dir, f));
  for (const mc of m.microCredentials) mc.policy.doubleScoring = POLICIES[mc.id] ?? { mode: 'none' };
  for (const u of m.users) {
    if (READERS.includes(u.username)) u.qualifications = Object.keys(POLICIES).map((microCredentialId) => ({ microCredentialId, calibratedUntilDays: 365 }));
  }
  m.users = m.users.filter((u: Loose) => u.username !== 'ivan' && u.username !== 'erin');
  for (const username of MASTERS) m.users.push({ id: `u-${username}`, username, displayName: `${username} Master`, roles: ['master_rater'] });
  m.submissions = [];
  const file = join(dir, 'manifest.json');
  writeFileSync(file, JSON.stringify(m));
  return file;
}

export type ScoringHub = {
  url: string;
  root: string;
  call(method: string, path: string, token: string | null, body?: unknown, headers?: Record<string, string>): Promise<Loose>;
  tokenOf(username: string): Promise<string>;
  /** A new submission of `candidateRef` with one PDF artifact (after the fixture's clip with `video`), read by nobody yet. Answers the intake. */
  intake(microCredentialId: string, candidateRef: string, options?: { video?: boolean }): Promise<Loose>;
  /** One reader's read of an assignment from an intake, through the hub's API, `body` over a valid default. */
  read(assignment: Loose, body: Loose): Promise<void>;
  /** A submission whose two reads disagree: the primary gives `primary`, the second reader `second`. Answers the intake. */
  disagreement(microCredentialId: string, candidateRef: string, primary: Loose, second: Loose): Promise<Loose>;
  stop(): Promise<void>;
};

export async function startScoringHub(): Promise<ScoringHub> {
  const root = mkdtempSync(join(tmpdir(), 'assay-e2e-scoring-'));
  const hub: RunningProcess = await startProcess('server/main.ts', ['--port', '0', '--data', join(root, 'hub'), '--seed', manifest(root)], HUB_READY);
  const call: ScoringHub['call'] = async (method, path, token, body, headers = {}) => {
    const bytes = body instanceof Uint8Array;
    const res = await fetch(`${hub.url}/v1${path}`, {
      method, body: bytes ? (body as Uint8Array<ArrayBuffer>) : body === undefined ? undefined : JSON.stringify(body),
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(bytes ? {} : { 'content-type': 'application/json' }), ...headers },
    });
    const json = (await res.json()) as Loose;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const tokenOf = async (username: string) => (await call('POST', '/sessions', null, { username, password: 'demo', deviceName: 'e2e' })).token as string;
  const intake: ScoringHub['intake'] = async (microCredentialId, candidateRef, { video = false } = {}) => {
    const bot = await tokenOf('intake-bot');
    const clip = video ? [(await call('POST', '/intake/artifacts', bot, new Uint8Array(readFileSync(join(root, 'clip.webm'))), { 'content-type': 'video/webm', 'x-filename': 'clip.webm' })).artifact.id] : [];
    const pdf = new Uint8Array(2048).map((_, i) => (i * 7919 + 13) % 251);
    pdf.set(new TextEncoder().encode('%PDF-1.4\n'), 0);
    const artifact = (await call('POST', '/intake/artifacts', bot, pdf, { 'content-type': 'application/pdf', 'x-filename': 'evidence.pdf' })).artifact;
    return call('POST', '/intake/submissions', bot, { candidateRef, microCredentialId, reflection: 'What I tried.', artifactIds: [...clip, artifact.id] });
  };
  const read: ScoringHub['read'] = async (assignment, body) => {
    await call('PUT', `/reviews/${crypto.randomUUID()}`, await tokenOf(String(assignment.assessorId).replace(/^u-/, '')), {
      assignmentId: assignment.id, rubricId: 'rub-teach', rubricVersion: 1, overallFeedback: 'Read.', notes: [], timeSpentSec: 300, ...body,
    });
  };
  const disagreement: ScoringHub['disagreement'] = async (microCredentialId, candidateRef, primary, second) => {
    const made = await intake(microCredentialId, candidateRef);
    for (const a of made.assignments as Loose[]) await read(a, a.role === 'primary' ? primary : second);
    return made;
  };
  return {
    url: hub.url, root, call, tokenOf, intake, read, disagreement,
    async stop() {
      await stopProcess(hub.pid);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
