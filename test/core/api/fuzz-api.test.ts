// Property-based fuzzing of every Workstation API method through the dispatcher both
// transports call, on a real core (temporary data folder) signed in to a real hub. Inputs
// are mutations of a valid one, including values only structured clone (Electron IPC) can
// carry. A call either succeeds or answers {ok:false, error:{code, message}} with a specific
// code (never internal), never throws, and a refused call leaves the database, the media
// folder and the settings, key and secret files exactly as they were.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES, type MethodName } from '../../../shared/index.ts';
import { applyMutation, asParsed, hostileString, hostileValue, jsonMutation } from '../../support/fuzz.ts';
import type { Loose } from '../../support/hub.ts';
import { meetEveryCriterion } from '../../support/review-content.ts';
import { workstationSnapshot } from '../../support/workstation-content.ts';
import { startWorkstation, type TestWorkstation } from '../../support/workstation.ts';
import { newReviewId, reviewBody, startFixtureHub, type FixtureHub } from '../../hub/fixture-helpers.ts';

const RUNS = 40;

let hub: FixtureHub;
let ws: TestWorkstation;
/** Issuer staff's methods read the hub as staff: a second device, signed in as sam. */
let staffWs: TestWorkstation;
/** An earned, final decision with a recipient on record, for the staff reads of one decision. */
let earnedId = '';
/** Open assignments of alice's: [draft, draft fuzz, submit, recuse]. */
let ids: string[] = [];
let artifactId = '';
let draftArtifactId = '';

const EXAMPLES: Record<MethodName, () => unknown> = {
  'session.signIn': () => ({ hubUrl: hub.url, username: 'alice', password: 'demo' }),
  'session.signOut': () => ({}),
  'session.status': () => ({}),
  'sync.now': () => ({}),
  'sync.status': () => ({}),
  'queue.list': () => ({ filter: { reviewStatus: ['new', 'draft'], microCredentialId: 'mc-questioning', overdue: false, text: 'cand' }, sort: { by: 'dueAt', dir: 'asc' } }),
  'submission.get': () => ({ assignmentId: ids[0] }),
  'draft.get': () => ({ assignmentId: ids[0] }),
  'draft.save': () => ({
    assignmentId: ids[1],
    patch: { scores: { 'c-plan': 3, 'c-engage': null }, criterionFeedback: { 'c-plan': 'Plans ahead.' }, overallFeedback: 'So far so good.', notes: [{ artifactId: draftArtifactId, page: 1, text: 'Exit ticket.' }], addTimeSpentSec: 30 },
  }),
  'review.submit': () => ({ assignmentId: ids[2] }),
  'adjudication.submit': () => ({ assignmentId: ids[2] }),
  'consensus.propose': () => ({ assignmentId: ids[2] }),
  'consensus.respond': () => ({ assignmentId: ids[2], agree: false, comment: 'Engagement is lower than you say.' }),
  'assignment.recuse': () => ({ assignmentId: ids[3], reason: 'I taught this candidate.' }),
  'outbox.status': () => ({}),
  'downloads.status': () => ({}),
  'settings.get': () => ({}),
  'settings.set': () => ({ patch: { playbackRate: 1.5, shortcutMap: { playPause: 'k' }, retentionDays: 10 } }),
  'media.url': () => ({ artifactId }),
  'staff.decisions': () => ({ microCredentialId: 'mc-questioning', decision: 'earned', basis: 'single', from: '2000-01-01T00:00:00.000Z', limit: 5 }),
  'staff.decisionsCsv': () => ({ candidateRef: 'cand-ws-earned', to: '2100-01-01T00:00:00.000Z' }),
  'staff.history': () => ({ submissionId: earnedId }),
  'staff.credential': () => ({ submissionId: earnedId }),
  'audit.verify': () => ({}),
  'audit.events': () => ({ after: 0, limit: 20 }),
  'audit.checkpoints': () => ({ after: 0, limit: 20 }),
  'calibration.standing': () => ({}),
  'calibration.start': () => ({ microCredentialId: 'mc-questioning' }),
  'calibration.attempts': () => ({ microCredentialId: 'mc-questioning' }),
  'calibration.sets': () => ({ microCredentialId: 'mc-questioning' }),
  'calibration.publish': () => ({ setId: 'set-none' }),
  'calibration.validity': () => ({ microCredentialId: 'mc-questioning' }),
  'catalog.criteria': () => ({ microCredentialId: 'mc-questioning' }),
  'policy.list': () => ({}),
  'policy.update': () => ({ microCredentialId: 'mc-questioning', patch: { slaDays: 7 } }),
  'reports.reliability': () => ({ microCredentialId: 'mc-questioning', from: '2000-01-01T00:00:00.000Z', bucket: 'week' }),
  'reports.turnaround': () => ({ microCredentialId: 'mc-questioning', bucket: 'month' }),
  // No such assignment: the hub refuses it (not_found), so the fuzzing moves no real work.
  'reports.reassign': () => ({ assignmentId: 'a-none', reason: 'The assessor is away.' }),
};

const STAFF_METHODS = new Set<MethodName>(METHOD_NAMES.filter((m) => m.startsWith('staff.') || m.startsWith('audit.') || m.startsWith('reports.')));
const deviceFor = (method: MethodName) => (STAFF_METHODS.has(method) ? staffWs : ws);

/**
 * Methods whose answer is the hub's to give: alice is an assessor with no calibration sets
 * on the fixture hub, and staff or master-rater reads are refused to her. Their valid
 * example must pass the contract and come back with the hub's own specific code (or succeed).
 */
const HUB_DECIDES: ReadonlySet<MethodName> = new Set([
  'calibration.start', 'calibration.attempts', 'calibration.sets', 'calibration.publish', 'calibration.validity', 'policy.list', 'policy.update',
  'reports.reassign',
]);

/**
 * Methods for a kind of task alice does not hold (no adjudication or consensus task): their
 * valid example, on one of her reviews, is refused as the wrong task. Acceptance is tested
 * against real tasks in test/core/scoring/.
 */
const OTHER_TASK: ReadonlySet<MethodName> = new Set(['adjudication.submit', 'consensus.propose', 'consensus.respond']);

/** Values a compromised renderer could pass over IPC that JSON cannot express. */
const cloneOnly = fc.constantFrom<unknown>(
  NaN, Infinity, -Infinity, -0, undefined, 10n, new Date(0), new Date(NaN), new Map([['a', 1]]), new Set([1]), new Uint8Array(4),
  /re/g, new Array(3), Object.create(null), new Error('boom'), { length: 1e9 }, [undefined],
);

/** A mutation of the valid input, or a value of a kind only IPC carries, at the root or one field down. */
function inputs(valid: unknown): fc.Arbitrary<unknown> {
  const keys = valid !== null && typeof valid === 'object' ? Object.keys(valid) : [];
  const options: fc.Arbitrary<unknown>[] = [
    jsonMutation(valid).map((m) => asParsed(applyMutation(valid, m))),
    cloneOnly,
    fc.dictionary(hostileString, fc.oneof(hostileValue.map(asParsed), cloneOnly), { maxKeys: 3 }),
  ];
  if (keys.length > 0) {
    options.push(fc.record({ key: fc.constantFrom(...keys), value: cloneOnly }).map(({ key, value }) => ({ ...(valid as object), [key]: value })));
  }
  return fc.oneof(...options);
}

const isOpen = (i: Loose) => i.assignmentState === 'assigned' || i.assignmentState === 'in_progress';

/** Waits until nothing runs in the background (sync, downloads, outbox), so a snapshot only sees the call under test. */
async function settled(): Promise<void> {
  await ws.waitFor('sync.status', {}, (s) => s.state !== 'syncing', 60_000);
  await ws.waitFor('outbox.status', {}, (o) => o.pending === 0, 60_000);
  await ws.waitFor('downloads.status', {}, (d) => d.batch.filesDone === d.batch.filesTotal, 60_000);
}

/** After an accepted call: signed in as alice again, and quiet. */
async function restore(): Promise<void> {
  const status = await ws.value('session.status', {});
  if (!status.signedIn) await ws.value('session.signIn', { hubUrl: hub.url, username: 'alice', password: 'demo' });
  await settled();
}

beforeAll(async () => {
  hub = await startFixtureHub(['alice', 'bob', 'carol']);
  const earned = await hub.submit('cand-ws-earned', { recipient: { email: 'teacher@example.org' } });
  const primary = earned.assignments.find((a: Loose) => a.role === 'primary');
  const decided = await hub.as(primary.assessorId.replace(/^u-/, '')).put(`/v1/reviews/${newReviewId()}`, reviewBody(primary.id));
  expect(decided.status, JSON.stringify(decided.body)).toBe(201);
  earnedId = earned.submission.id;
  for (let i = 0; i < 12; i++) await hub.submit(`cand-ws-${i}`);
  ws = await startWorkstation({ hubUrl: hub.url, username: 'alice', tuning: { syncPeriodMs: 3_600_000 } });
  await ws.value('sync.now', {});
  const queue = await ws.waitFor('queue.list', {}, (q) => q.items.filter(isOpen).length >= 4);
  ids = queue.items.filter(isOpen).map((i) => i.assignmentId);
  await settled();
  const view = await ws.value('submission.get', { assignmentId: ids[2]! });
  artifactId = view.artifacts[0]!.id;
  draftArtifactId = (await ws.value('submission.get', { assignmentId: ids[1]! })).artifacts[0]!.id;
  staffWs = await startWorkstation({ hubUrl: hub.url, username: 'sam', tuning: { syncPeriodMs: 3_600_000 } });
  await ws.value('draft.save', { assignmentId: ids[0]!, patch: { overallFeedback: 'Saved before the fuzzing.' } });
  await ws.value('draft.save', { assignmentId: ids[2]!, patch: meetEveryCriterion(view) });
}, 120_000);
afterAll(async () => {
  await staffWs?.stop();
  await ws?.stop();
  await hub?.stop();
});

describe('Workstation API fuzzing', () => {
  it.each([...OTHER_TASK])('refuses the valid example of %s on a review as the wrong task, changing nothing', async (method) => {
    const before = workstationSnapshot(ws.dataDir);
    const r = await ws.call(method, EXAMPLES[method]() as never);
    expect(r).toMatchObject({ ok: false, error: { code: 'wrong_task' } });
    expect(workstationSnapshot(ws.dataDir)).toEqual(before);
  });

  it.each(METHOD_NAMES.filter((m) => !HUB_DECIDES.has(m) && !OTHER_TASK.has(m)))('accepts the valid example of %s', async (method) => {
    const r = await deviceFor(method).call(method, EXAMPLES[method]() as never);
    expect(r.ok, JSON.stringify(r).slice(0, 500)).toBe(true);
    await restore();
  });

  it.each([...HUB_DECIDES])('passes the valid example of %s to the hub and answers with its verdict', async (method) => {
    const r = await ws.call(method, EXAMPLES[method]() as never);
    if (!r.ok) {
      expect(r.error.code, r.error.message).toMatch(/^[a-z][a-z_]*$/);
      expect(['invalid', 'internal', 'offline', 'bad_hub_response']).not.toContain(r.error.code);
    }
    await restore();
  });

  it.each(METHOD_NAMES)('%s refuses hostile input with a specific code and changes nothing', async (method) => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(inputs(EXAMPLES[method]()), async (input) => {
        const device = deviceFor(method);
        const before = workstationSnapshot(device.dataDir);
        const r = await device.call(method, input as never);
        if (r.ok) {
          await restore();
          return;
        }
        refused++;
        const what = `${method} ${r.error.code}: ${r.error.message}`;
        expect(Object.keys(r).sort()).toEqual(['error', 'ok']);
        expect(r.error.code, what).toMatch(/^[a-z][a-z_]*$/);
        expect(r.error.code, what).not.toBe('internal');
        expect(r.error.message.length, what).toBeGreaterThan(0);
        expect(workstationSnapshot(device.dataDir), `a refused ${what} changed stored state`).toEqual(before);
      }),
      { numRuns: RUNS },
    );
    expect(refused, `${method}: some hostile inputs are refused`).toBeGreaterThan(0);
    // Work saved before the fuzzing is still there.
    expect((await ws.value('draft.get', { assignmentId: ids[0]! })).overallFeedback).toBe('Saved before the fuzzing.');
  }, 120_000);
});
