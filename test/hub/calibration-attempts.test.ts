// Calibration attempts through real HTTP: an expired assessor calibrates; attempts are
// blind until complete (every byte the assessor can fetch is searched for the master's
// rationales and levels); scoring equals shared/stats computed here; the pass mark edge
// passes, one pair past maxDiscrepancy fails; open-attempt and retake rules; unseen items first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementStats, AttemptResponse, SyncResponse, type Points } from '../../shared/index.ts';
import type { Loose } from '../support/hub.ts';
import { auditEvents, newReviewId, startFixtureHub, type FixtureHub } from './fixture-helpers.ts';
import { copyReview, CRITERIA, patchPolicy, publishedSet } from './calibration-helpers.ts';

/** Master levels per item; c-plan is 2 or 4 so a level 3 away always exists. */
const MASTER: Record<string, number>[] = [
  { 'c-plan': 2, 'c-engage': 3, 'c-assess': 4 }, { 'c-plan': 4, 'c-engage': 2, 'c-assess': 3 },
  { 'c-plan': 2, 'c-engage': 4, 'c-assess': 3 }, { 'c-plan': 4, 'c-engage': 3, 'c-assess': 2 },
  { 'c-plan': 2, 'c-engage': 2, 'c-assess': 4 }, { 'c-plan': 4, 'c-engage': 4, 'c-assess': 3 },
  { 'c-plan': 2, 'c-engage': 3, 'c-assess': 3 }, { 'c-plan': 4, 'c-engage': 2, 'c-assess': 2 },
];

let hub: FixtureHub;
/** Item index by the reflection a copy carries (test knowledge only: the hub never says). */
const itemOfReflection = new Map<string, number>();
const seen: Loose[] = [];

async function fetchAll(user: string, path: string): Promise<Loose> {
  const res = await hub.as(user).get(path);
  seen.push(res.body);
  return res;
}

/** The copies an attempt handed out, each with its item index, from the assessor's own sync. */
async function attemptCopies(user: string, attempt: Loose): Promise<{ assignmentId: string; submissionId: string; item: number }[]> {
  const sync = SyncResponse.parse((await fetchAll(user, '/v1/sync')).body);
  return attempt.assignmentIds.map((id: string) => {
    const a = sync.assignments.find((x) => x.id === id)!;
    expect(a.role).toBe('calibration');
    const s = sync.submissions.find((x) => x.id === a.submissionId)!;
    return { assignmentId: id, submissionId: s.id, item: itemOfReflection.get(s.reflection)! };
  });
}

beforeAll(async () => {
  hub = await startFixtureHub(['alice', 'bob', 'carol', 'dave']);
  hub.tokens.ivan = await hub.signIn('ivan', 'ivan-secret-pw');
  await publishedSet(hub, 'att', MASTER);
  for (let i = 0; i < MASTER.length; i++) itemOfReflection.set(`Calibration reflection att-${i}`, i);
  await patchPolicy(hub, { calibration: { itemsPerAttempt: 4, passMark: 0.75, maxDiscrepancy: 2 } });
}, 120_000);
afterAll(async () => {
  await hub?.stop();
});

describe('a calibration attempt', () => {
  let attempt: Loose;
  let copies: { assignmentId: string; submissionId: string; item: number }[];
  let firstItems: number[];

  it('starts for an assessor whose qualification has expired, with copies delivered by sync', async () => {
    const before = SyncResponse.parse((await fetchAll('dave', '/v1/sync')).body);
    expect(before.qualifications).toEqual([expect.objectContaining({ microCredentialId: 'mc-questioning', state: 'expired' })]);
    const res = await hub.as('dave').post('/v1/calibration/attempts', { microCredentialId: 'mc-questioning' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    seen.push(res.body);
    attempt = AttemptResponse.parse(res.body).attempt;
    expect(attempt).toMatchObject({ state: 'open', microCredentialId: 'mc-questioning' });
    expect(attempt.assignmentIds).toHaveLength(4);
    copies = await attemptCopies('dave', attempt);
    firstItems = copies.map((c) => c.item);
    expect(new Set(firstItems).size).toBe(4);
  });

  it('refuses a second attempt while one is open (409 attempt_open)', async () => {
    const res = await hub.as('dave').post('/v1/calibration/attempts', { microCredentialId: 'mc-questioning' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'attempt_open', details: { attemptId: attempt.id } });
  });

  it('is blind: nothing the assessor can fetch before completion carries a master level or rationale', async () => {
    const sync = SyncResponse.parse((await fetchAll('dave', '/v1/sync')).body);
    await fetchAll('dave', `/v1/sync?cursor=${sync.cursor}`);
    const bytes: string[] = [];
    for (const s of sync.submissions) {
      for (const a of s.artifacts) {
        const res = await fetch(`${hub.url}/v1/artifacts/${a.id}`, { headers: { authorization: `Bearer ${hub.tokens.dave}` } });
        expect(res.status).toBe(200);
        bytes.push(Buffer.from(await res.arrayBuffer()).toString('latin1'));
      }
    }
    await fetchAll('dave', `/v1/calibration/attempts/${attempt.id}`);
    await fetchAll('dave', '/v1/calibration/attempts?microCredentialId=mc-questioning');
    const text = JSON.stringify(seen) + bytes.join('');
    expect(text).not.toMatch(/MASTER-RATIONALE|master-feedback|Master feedback/i);
    expect(text).not.toMatch(/masterLevel|masterRationale|masterDecision|criterionRationale|"agreement"|"items"/);
    // No item's submission id or candidate leaks either: only fresh copies reach the assessor.
    expect(text).not.toMatch(/cand-att-\d/);
    const own = (await hub.as('dave').get(`/v1/calibration/attempts/${attempt.id}`)).body.attempt;
    expect(Object.keys(own).sort()).toEqual(['assessorId', 'assignmentIds', 'id', 'microCredentialId', 'startedAt', 'state']);
  });

  it('is 404 to another assessor, and listed only to its own assessor, staff and master raters', async () => {
    expect((await hub.as('alice').get(`/v1/calibration/attempts/${attempt.id}`)).status).toBe(404);
    expect((await hub.as('alice').get('/v1/calibration/attempts')).body.attempts).toEqual([]);
    for (const u of ['sam', 'ivan']) {
      const list = (await hub.as(u).get('/v1/calibration/attempts?assessorId=u-dave')).body.attempts;
      expect(list.map((a: Loose) => a.id), u).toEqual([attempt.id]);
    }
  });

  it('passes exactly at the pass mark (9 of 12 exact), scored as shared/stats computes it, and requalifies', async () => {
    // Items 0..2 match the master exactly; item 3 is one level off on all three criteria.
    const levels = copies.map((c, i) => Object.fromEntries(CRITERIA.map((k) => {
      const m = MASTER[c.item]![k]!;
      return [k, i < 3 ? m : m === 2 ? 3 : m - 1];
    })));
    for (const [i, c] of copies.entries()) {
      const res = await hub.as('dave').put(`/v1/reviews/${newReviewId()}`, copyReview(c.assignmentId, levels[i]!));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      if (i < 3) expect((await hub.as('dave').get(`/v1/calibration/attempts/${attempt.id}`)).body.attempt.state).toBe('open');
    }
    const done = AttemptResponse.parse((await hub.as('dave').get(`/v1/calibration/attempts/${attempt.id}`)).body).attempt;
    expect(done.state).toBe('passed');
    const rater = levels.flatMap((l) => CRITERIA.map((k) => l[k]!));
    const reference = copies.flatMap((c) => CRITERIA.map((k) => MASTER[c.item]![k]!));
    const expected = agreementStats({ points: 5 as Points, rater, reference });
    if (!expected.ok) throw new Error('the test data does not fit the scale');
    const agreement = done.agreement!;
    expect(agreement.ratings).toBe(12);
    expect(agreement.exact).toBe(0.75);
    expect(agreement.exact).toBe(expected.value.exact.value);
    expect(agreement.adjacent).toBe(expected.value.adjacent.value);
    expect(agreement.qwk).toBeCloseTo(expected.value.kappa.quadratic.value!, 12);
    expect(agreement.meanDifference).toBeCloseTo(expected.value.meanDifference.value!, 12);
    expect(agreement.maxDiscrepancy).toBe(1);
    for (const [j, k] of CRITERIA.entries()) {
      const one = agreementStats({ points: 5, rater: levels.map((l) => l[k]!), reference: copies.map((c) => MASTER[c.item]![k]!) });
      if (!one.ok) throw new Error('bad data');
      expect(agreement.perCriterion[j]).toEqual({ criterionId: k, exact: one.value.exact.value, adjacent: one.value.adjacent.value, meanDifference: one.value.meanDifference.value });
    }
    expect(done.items!.map((i) => i.submissionId)).toEqual(copies.map((c) => c.submissionId));
    for (const [i, item] of done.items!.entries()) {
      for (const c of item.criteria) {
        expect(c.masterLevel).toBe(MASTER[copies[i]!.item]![c.criterionId]);
        expect(c.level).toBe(levels[i]![c.criterionId]);
        expect(c.masterRationale).toMatch(/^MASTER-RATIONALE sub_\w+ c-/);
      }
    }
    const until = Date.parse(done.completedAt!) + 365 * 86_400_000;
    expect(done.qualification).toEqual({ microCredentialId: 'mc-questioning', calibratedUntil: new Date(until).toISOString() });
    const sync = SyncResponse.parse((await hub.as('dave').get('/v1/sync')).body);
    expect(sync.qualifications).toEqual([{ microCredentialId: 'mc-questioning', calibratedUntil: new Date(until).toISOString(), state: 'current' }]);
    expect((await auditEvents(hub, 'calibration.attempt_passed')).map((e) => e.subject)).toEqual([attempt.id]);
  });

  it('refuses a retake before retakeAfterHours (409 retake_too_soon with retryAfter)', async () => {
    const done = (await hub.as('dave').get(`/v1/calibration/attempts/${attempt.id}`)).body.attempt;
    const res = await hub.as('dave').post('/v1/calibration/attempts', { microCredentialId: 'mc-questioning' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('retake_too_soon');
    expect(res.body.error.details.retryAfter).toBe(new Date(Date.parse(done.completedAt) + 24 * 3_600_000).toISOString());
  });

  it('prefers items not scored before, and fails with one pair past maxDiscrepancy however high the agreement', async () => {
    await patchPolicy(hub, { calibration: { retakeAfterHours: 0 } });
    const before = SyncResponse.parse((await hub.as('dave').get('/v1/sync')).body).qualifications;
    const res = await hub.as('dave').post('/v1/calibration/attempts', { microCredentialId: 'mc-questioning' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const second = res.body.attempt;
    const next = await attemptCopies('dave', second);
    expect(next.map((c) => c.item).filter((i) => firstItems.includes(i))).toEqual([]);
    // 11 of 12 exact; the one miss is three levels away (c-plan 2 → 5 or 4 → 1).
    for (const [i, c] of next.entries()) {
      const levels = { ...MASTER[c.item]! };
      if (i === 0) levels['c-plan'] = levels['c-plan'] === 2 ? 5 : 1;
      expect((await hub.as('dave').put(`/v1/reviews/${newReviewId()}`, copyReview(c.assignmentId, levels))).status).toBe(201);
    }
    const done = (await hub.as('dave').get(`/v1/calibration/attempts/${second.id}`)).body.attempt;
    expect(done.state).toBe('failed');
    expect(done.agreement.exact).toBeCloseTo(11 / 12, 12);
    expect(done.agreement.maxDiscrepancy).toBe(3);
    expect(SyncResponse.parse((await hub.as('dave').get('/v1/sync')).body).qualifications).toEqual(before);
    expect((await auditEvents(hub, 'calibration.attempt_failed')).map((e) => e.subject)).toEqual([second.id]);
  });

  it('refuses an attempt when too few items are published (409 not_ready)', async () => {
    await patchPolicy(hub, { calibration: { itemsPerAttempt: 9 } });
    const res = await hub.as('alice').post('/v1/calibration/attempts', { microCredentialId: 'mc-questioning' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'not_ready', details: { available: 8, needed: 9 } });
    await patchPolicy(hub, { calibration: { itemsPerAttempt: 4 } });
  });

  it('never seeds an item the assessor scored in an attempt as a validity item', async () => {
    // dave's two attempts used all eight published items.
    const started = (await auditEvents(hub, 'calibration.attempt_started')).filter((e) => e.actor === 'u-dave');
    expect(new Set(started.flatMap((e) => e.payload.sourceSubmissionIds)).size).toBe(MASTER.length);
    await patchPolicy(hub, { validity: { rate: 1 } });
    let routed = false;
    for (let i = 0; i < 20 && !routed; i++) routed = (await hub.submit(`cand-V${i}Q`)).assignments.some((a: Loose) => a.assessorId === 'u-dave');
    expect(routed, 'live work reaches dave').toBe(true);
    expect((await auditEvents(hub, 'validity.seeded')).filter((e) => e.payload.assessorId === 'u-dave')).toEqual([]);
    expect((await auditEvents(hub, 'validity.no_item')).map((e) => e.subject)).toContain('u-dave');
    expect((await auditEvents(hub, 'validity.seeded')).length).toBeGreaterThan(0);
    await patchPolicy(hub, { validity: { rate: 0 } });
  });
});
