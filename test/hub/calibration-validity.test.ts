// Validity items through real HTTP: at rate 1 each live routing also seeds a copy of a
// published item; in the same sync it is indistinguishable from the live assignment field
// by field; it never yields a candidate result; its review is compared with the master's;
// drift below the pass mark over the window suspends the qualification (live work
// re-routed), and a passed attempt lifts the suspension.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttemptsResponse, DecisionHistoryResponse, SyncResponse, ValidityReadsResponse, type Assignment, type Submission } from '../../shared/index.ts';
import type { Loose } from '../support/hub.ts';
import { auditEvents, newReviewId, reviewBody, startFixtureHub, type FixtureHub } from './fixture-helpers.ts';
import { copyReview, CRITERIA, patchPolicy, publishedSet } from './calibration-helpers.ts';

const MASTER: Record<string, number>[] = [
  { 'c-plan': 2, 'c-engage': 3, 'c-assess': 4 }, { 'c-plan': 4, 'c-engage': 2, 'c-assess': 3 },
  { 'c-plan': 3, 'c-engage': 4, 'c-assess': 3 }, { 'c-plan': 4, 'c-engage': 3, 'c-assess': 2 },
  { 'c-plan': 2, 'c-engage': 2, 'c-assess': 4 }, { 'c-plan': 3, 'c-engage': 3, 'c-assess': 3 },
];
const itemOf = (s: Submission) => Number(/^Calibration reflection val-(\d+)$/.exec(s.reflection)?.[1] ?? -1);
/** Live candidate refs in one shape, so the look-alike refs of copies can be checked against it. */
const liveRef = (n: number) => `cand-Q${n % 10}X${Math.floor(n / 10)}K0`;

let hub: FixtureHub;
let live: Loose;
let assessor: string;
let sync: ReturnType<typeof SyncResponse.parse>;
/** The hub's answer to a review of a validity copy, to hold beside a live review's answer. */
let copyAnswer: Loose;

const usernameOf = (userId: string) => userId.replace(/^u-/, '');

beforeAll(async () => {
  hub = await startFixtureHub(['alice', 'bob', 'carol', 'dave']);
  hub.tokens.ivan = await hub.signIn('ivan', 'ivan-secret-pw');
  await publishedSet(hub, 'val', MASTER);
  await patchPolicy(hub, { validity: { rate: 1, window: 2 }, calibration: { itemsPerAttempt: 2, passMark: 0.5 } });
  live = await hub.submit(liveRef(1));
  assessor = usernameOf(live.assignments[0].assessorId);
  sync = SyncResponse.parse((await hub.as(assessor).get('/v1/sync')).body);
}, 120_000);
afterAll(async () => {
  await hub?.stop();
});

function pairOfSync(): { liveA: Assignment; copyA: Assignment; liveS: Submission; copyS: Submission } {
  const liveA = sync.assignments.find((a) => a.submissionId === live.submission.id)!;
  const copyS = sync.submissions.find((s) => itemOf(s) >= 0)!;
  const copyA = sync.assignments.find((a) => a.submissionId === copyS.id)!;
  return { liveA, copyA, liveS: sync.submissions.find((s) => s.id === live.submission.id)!, copyS };
}

describe('a validity item', () => {
  it('arrives with the live work it was drawn for, and looks like it field by field', () => {
    const { liveA, copyA, liveS, copyS } = pairOfSync();
    expect(copyA).toBeDefined();
    expect(Object.keys(copyA).sort()).toEqual(Object.keys(liveA).sort());
    expect(Object.keys(copyS).sort()).toEqual(Object.keys(liveS).sort());
    // Every field either equals the live one, is a fresh id of the same form, or is the item's own
    // content (the words and bytes assessors judge). A field the wire gains must be placed here.
    const hubIdForm = (v: unknown) => String(v).replace(/^([a-z]+)_[0-9a-f]{32}$/, '$1_<hex32>');
    const refForm = (v: unknown) => String(v).replace(/[A-Z]/g, 'A').replace(/[0-9]/g, '9').replace(/[a-z]/g, 'a');
    const sameForm = { id: hubIdForm, submissionId: hubIdForm, candidateRef: refForm } as Record<string, (v: unknown) => string>;
    const content = new Set(['reflection', 'bytes', 'sha256', 'durationSec']);
    const compare = (what: string, live: Record<string, unknown>, copy: Record<string, unknown>, skip: readonly string[] = []) => {
      for (const key of new Set([...Object.keys(live), ...Object.keys(copy)])) {
        if (skip.includes(key)) continue;
        if (content.has(key)) expect(typeof copy[key], `${what}.${key}`).toBe(typeof live[key]);
        else if (sameForm[key]) {
          expect(copy[key], `${what}.${key} is fresh`).not.toBe(live[key]);
          expect(sameForm[key]!(copy[key]), `${what}.${key} has the live form`).toBe(sameForm[key]!(live[key]));
        } else expect(copy[key], `${what}.${key}`).toEqual(live[key]);
      }
    };
    compare('assignment', liveA, copyA, ['dueAt']);
    compare('submission', liveS, copyS, ['artifacts']);
    expect(copyS.artifacts).toHaveLength(liveS.artifacts.length);
    copyS.artifacts.forEach((art, i) => compare(`artifact ${i}`, liveS.artifacts[i]!, art));
    expect(copyA.role).toBe('primary');
    expect(copyA.state).toBe(liveA.state);
    expect(copyA.assessorId).toBe(liveA.assessorId);
    expect(copyA.locked).toEqual(liveA.locked);
    expect(copyA.assignedAt).toBe(liveA.assignedAt);
    expect(Date.parse(copyA.dueAt) - Date.parse(copyA.assignedAt)).toBe(Date.parse(liveA.dueAt) - Date.parse(liveA.assignedAt));
    expect(Date.parse(copyA.dueAt) - Date.parse(copyA.assignedAt)).toBe(5 * 86_400_000);
    const hubId = (prefix: string) => new RegExp(`^${prefix}_[0-9a-f]{32}$`);
    for (const [a, s] of [[liveA, liveS], [copyA, copyS]] as const) {
      expect(a.id).toMatch(hubId('asg'));
      expect(s.id).toMatch(hubId('sub'));
      expect(s.candidateRef).toMatch(/^cand-[A-Z][0-9][A-Z][0-9][A-Z][0-9]$/);
      for (const art of s.artifacts) expect(art.id).toMatch(hubId('art'));
    }
    expect(copyS.candidateRef).not.toBe(liveS.candidateRef);
    expect(copyS).toMatchObject({ attempt: liveS.attempt, previousSubmissionId: liveS.previousSubmissionId, submittedAt: liveS.submittedAt, microCredentialId: liveS.microCredentialId });
    expect(copyS.artifacts.map((a) => Object.keys(a).sort())).toEqual(liveS.artifacts.map((a) => Object.keys(a).sort()));
  });

  it('serves the item\'s bytes under its own new artifact id, and never a candidate result', async () => {
    const { copyS } = pairOfSync();
    const item = (await hub.as('sam').get('/v1/calibration-sets')).body.sets[0].items[itemOf(copyS)].submissionId;
    const ivanSync = SyncResponse.parse((await hub.as('ivan').get('/v1/sync')).body);
    const source = ivanSync.submissions.find((s) => s.id === item)!;
    expect(copyS.artifacts[0]!.id).not.toBe(source.artifacts[0]!.id);
    expect(copyS.artifacts[0]!.sha256).toBe(source.artifacts[0]!.sha256);
    const get = async (user: string, id: string) => Buffer.from(await (await fetch(`${hub.url}/v1/artifacts/${id}`, { headers: { authorization: `Bearer ${hub.tokens[user]}` } })).arrayBuffer());
    expect((await get(assessor, copyS.artifacts[0]!.id)).equals(await get('ivan', source.artifacts[0]!.id))).toBe(true);
    expect((await hub.as('intake-bot').get(`/v1/submissions/${copyS.id}/result`)).status).toBe(404);
    expect((await hub.as('intake-bot').get(`/v1/submissions/${live.submission.id}/result`)).body.status).toBe('pending');
  });

  it('records the draw in the audit log, reproducibly from the assignment id', async () => {
    const { liveA, copyA } = pairOfSync();
    const [drawn] = (await auditEvents(hub, 'validity.drawn')).filter((e) => e.subject === liveA.id);
    expect(drawn.payload).toMatchObject({ rate: 1, seeds: true });
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`assay-validity/1\n${liveA.id}`)));
    expect(drawn.payload.draw).toBe(Buffer.from(digest).readUIntBE(0, 6) / 2 ** 48);
    expect((await auditEvents(hub, 'validity.seeded')).map((e) => e.subject)).toContain(copyA.id);
  });

  it('never hands an assessor an item they were given before', async () => {
    for (let i = 2; i < 24; i++) await hub.submit(liveRef(i));
    const seeded = await auditEvents(hub, 'validity.seeded');
    const byAssessor = new Map<string, string[]>();
    for (const e of seeded) byAssessor.set(e.payload.assessorId, [...(byAssessor.get(e.payload.assessorId) ?? []), e.payload.sourceSubmissionId]);
    for (const [, items] of byAssessor) expect(new Set(items).size).toBe(items.length);
    expect([...byAssessor.values()].some((items) => items.length === MASTER.length)).toBe(true);
    expect((await auditEvents(hub, 'validity.no_item')).length).toBeGreaterThan(0);
  });
});

describe('drift', () => {
  it('compares each validity review with the master\'s, and suspends below the pass mark over the window', async () => {
    sync = SyncResponse.parse((await hub.as(assessor).get('/v1/sync')).body);
    const copies = sync.submissions.filter((s) => itemOf(s) >= 0);
    const openLive = sync.assignments.filter((a) => a.state === 'assigned' && !copies.some((c) => c.id === a.submissionId));
    expect(copies.length).toBeGreaterThanOrEqual(2);
    expect(openLive.length).toBeGreaterThan(0);
    // Two reads with every level two away from the master's: exact agreement 0, below 0.5.
    for (const s of copies.slice(0, 2)) {
      const a = sync.assignments.find((x) => x.submissionId === s.id)!;
      const far = Object.fromEntries(CRITERIA.map((c) => [c, MASTER[itemOf(s)]![c]! <= 3 ? MASTER[itemOf(s)]![c]! + 2 : 1]));
      const answer = await hub.as(assessor).put(`/v1/reviews/${newReviewId()}`, copyReview(a.id, far));
      expect(answer.status).toBe(201);
      copyAnswer = answer.body;
    }
    const res = await hub.as('sam').get(`/v1/calibration/validity?assessorId=u-${assessor}&microCredentialId=mc-questioning`);
    expect(res.status).toBe(200);
    const body = ValidityReadsResponse.parse(res.body);
    expect(body.reads).toHaveLength(2);
    expect(body.reads.every((r) => r.exact === 0 && r.assessorId === `u-${assessor}`)).toBe(true);
    expect(body.windows).toEqual([{ assessorId: `u-${assessor}`, microCredentialId: 'mc-questioning', n: 2, measure: 0, suspended: true }]);
    const after = SyncResponse.parse((await hub.as(assessor).get(`/v1/sync?cursor=${sync.cursor}`)).body);
    expect(after.qualifications).toEqual([expect.objectContaining({ microCredentialId: 'mc-questioning', state: 'suspended' })]);
    for (const a of openLive) expect(after.revoked).toContain(a.id);
    const decisions = (await hub.as('sam').get('/v1/decisions?limit=100')).body.decisions as Loose[];
    expect(decisions.filter((d) => copies.some((c) => c.id === d.submissionId))).toEqual([]);
    const revoked = await auditEvents(hub, 'assignment.revoked');
    expect(revoked.filter((e) => e.payload.reason === 'qualification_suspended').length).toBeGreaterThan(0);
    for (const e of revoked) {
      const reassigned = (await auditEvents(hub, 'assignment.created')).filter((c) => c.payload.submissionId === e.payload.submissionId && c.seq > e.seq);
      expect(reassigned.length, e.payload.submissionId).toBe(1);
      expect(reassigned[0].payload.assessorId).not.toBe(`u-${assessor}`);
    }
    expect((await auditEvents(hub, 'qualification.suspended')).map((e) => e.subject)).toEqual([`u-${assessor}`]);
  });

  it('gives a suspended assessor no new live work', async () => {
    for (let i = 30; i < 34; i++) {
      const res = await hub.submit(liveRef(i));
      expect(res.assignments[0].assessorId).not.toBe(`u-${assessor}`);
    }
  });

  it('lets the suspended assessor calibrate, and a passed attempt lifts the suspension', async () => {
    const res = await hub.as(assessor).post('/v1/calibration/attempts', { microCredentialId: 'mc-questioning' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const s = SyncResponse.parse((await hub.as(assessor).get('/v1/sync')).body);
    for (const id of res.body.attempt.assignmentIds as string[]) {
      const a = s.assignments.find((x) => x.id === id)!;
      const item = itemOf(s.submissions.find((x) => x.id === a.submissionId)!);
      expect((await hub.as(assessor).put(`/v1/reviews/${newReviewId()}`, copyReview(id, MASTER[item]!))).status).toBe(201);
    }
    expect((await hub.as(assessor).get(`/v1/calibration/attempts/${res.body.attempt.id}`)).body.attempt.state).toBe('passed');
    const q = SyncResponse.parse((await hub.as(assessor).get('/v1/sync')).body).qualifications;
    expect(q).toEqual([expect.objectContaining({ microCredentialId: 'mc-questioning', state: 'current' })]);
    const v = ValidityReadsResponse.parse((await hub.as('ivan').get(`/v1/calibration/validity?assessorId=u-${assessor}`)).body);
    expect(v.windows).toEqual([{ assessorId: `u-${assessor}`, microCredentialId: 'mc-questioning', n: 0, measure: null, suspended: false }]);
    expect((await auditEvents(hub, 'qualification.reinstated')).map((e) => e.subject)).toEqual([`u-${assessor}`]);
  });

  it('gives a live read after the lifting its standing then in the decision history: current to the new date, the passed attempt', async () => {
    const attempts = AttemptsResponse.parse((await hub.as(assessor).get('/v1/calibration/attempts?microCredentialId=mc-questioning')).body).attempts;
    const passed = attempts.find((a) => a.state === 'passed')!;
    // Live work reaches the requalified assessor again; the first that does is read.
    let mine: Loose | undefined;
    for (let i = 40; i < 60 && !mine; i++) mine = (await hub.submit(liveRef(i))).assignments.find((a: Loose) => a.assessorId === `u-${assessor}`);
    expect(mine, 'live work is routed to the requalified assessor').toBeDefined();
    const answer = await hub.as(assessor).put(`/v1/reviews/${newReviewId()}`, reviewBody(mine!.id));
    expect(answer.status).toBe(201);
    // A review of live work is answered like the review of a validity copy: the same fields.
    expect(Object.keys(answer.body).sort()).toEqual(Object.keys(copyAnswer).sort());
    const history = DecisionHistoryResponse.parse((await hub.as('sam').get(`/v1/decisions/${mine!.submissionId}/history`)).body);
    expect(history.reads.map((r) => r.standing)).toEqual([{
      state: 'current', calibratedUntil: passed.qualification!.calibratedUntil,
      lastAttempt: { attemptId: passed.id, state: 'passed', completedAt: passed.completedAt, exact: passed.agreement!.exact, adjacent: passed.agreement!.adjacent, qwk: passed.agreement!.qwk },
    }]);
  });
});
