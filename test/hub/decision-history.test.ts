// GET /v1/decisions/{id}/history through a real hub, on either engine: with several
// submissions' work interleaved (routing, recusal, reviews, a resubmission, qualification
// changes between reads), each history holds exactly the audit events about its submission,
// its assignments and its reviews, oldest first, and each read the assessor's standing then.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecisionHistoryResponse } from '../../shared/index.ts';
import type { Loose } from '../support/hub.ts';
import { auditEvents, FIXTURE, newReviewId, reviewBody, startFixtureHub, type FixtureHub } from './fixture-helpers.ts';

const FAIL = { 'c-plan': 1, 'c-engage': 4, 'c-assess': 4 };
const SCHOOL = 'Westfield Elementary';
const DISTRICT = 'District 42';
const EMAIL = 'history.teacher@school.example';

/** The ids an event is about, as the protocol defines them: its subject and payload ids. */
const refsOf = (e: Loose): string[] => [e.subject, e.payload.submissionId, e.payload.assignmentId, e.payload.reviewId].filter((x) => typeof x === 'string');

describe('decision history', () => {
  let hub: FixtureHub;
  const subs: Record<string, string> = {};
  const q1 = '2031-06-01T00:00:00.000Z';
  const q2 = '2032-06-01T00:00:00.000Z';

  const userOf = (assessorId: string) => assessorId.replace(/^u-/, '');
  const signedIn = async (user: string) => {
    hub.tokens[user] ??= await hub.signIn(user);
    return hub.as(user);
  };
  const review = async (a: Loose, scores?: Record<string, number>) => {
    const res = await (await signedIn(userOf(a.assessorId))).put(`/v1/reviews/${newReviewId()}`, reviewBody(a.id, scores ? { scores } : {}));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    hub = await startFixtureHub(['alice', 'bob', 'carol', 'dave']);
    const a = await hub.submit('cand-h-a', { school: SCHOOL, district: DISTRICT, recipient: { email: EMAIL } });
    const b = await hub.submit('cand-h-b', { school: SCHOOL });
    const c = await hub.submit('cand-h-c', { district: DISTRICT });
    subs.a = a.submission.id;
    subs.b = b.submission.id;
    subs.c = c.submission.id;
    // Interleave: b's assessor recuses (b is routed again), a fails, c passes, b passes.
    const bFirst = b.assignments[0];
    expect((await (await signedIn(userOf(bFirst.assessorId))).post(`/v1/assignments/${bFirst.id}/recusal`, { reason: 'Former colleague.' })).status).toBe(200);
    const aAssessor = a.assignments[0].assessorId;
    expect((await hub.as('sam').put(`/v1/users/${aAssessor}/qualifications/mc-questioning`, { calibratedUntil: q1 })).status).toBe(200);
    await review(a.assignments[0], FAIL);
    await review(c.assignments[0]);
    const bNow = (await hub.as('sam').get(`/v1/audit?limit=1000`)).body.events.filter((e: Loose) => e.action === 'assignment.created' && e.payload.submissionId === subs.b).at(-1);
    await review({ id: bNow.subject, assessorId: bNow.payload.assessorId });
    // The same assessor's qualification moves before the resubmission is read.
    expect((await hub.as('sam').put(`/v1/users/${aAssessor}/qualifications/mc-questioning`, { calibratedUntil: q2 })).status).toBe(200);
    const a2 = await hub.submit('cand-h-a', { previousSubmissionId: subs.a, school: SCHOOL });
    subs.a2 = a2.submission.id;
    expect(a2.assignments[0].assessorId).toBe(aAssessor);
    await review(a2.assignments[0]);
  }, 120_000);
  afterAll(() => hub.stop());

  it('holds every audit event about the submission, its assignments and reviews, oldest first, and nothing of another submission', async () => {
    const all = await auditEvents(hub);
    const histories = new Map<string, Loose>();
    for (const [key, id] of Object.entries(subs)) {
      const res = await hub.as('sam').get(`/v1/decisions/${id}/history`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      histories.set(key, DecisionHistoryResponse.parse(res.body));
    }
    for (const [key, id] of Object.entries(subs)) {
      // The ids of this submission, found in the full log independently of the hub's index.
      const ids = new Set([id]);
      for (const e of all) if (e.payload.submissionId === id && (e.action === 'assignment.created' || e.action === 'review.submitted')) ids.add(e.subject);
      const expected = all.filter((e) => refsOf(e).some((r) => ids.has(r)));
      const h = histories.get(key)!;
      expect(h.events).toEqual(expected);
      expect(h.events.map((e: Loose) => e.seq)).toEqual([...h.events.map((e: Loose) => e.seq)].sort((x, y) => x - y));
      expect(h.events[0].action).toBe('submission.received');
      for (const other of Object.values(subs).filter((o) => o !== id)) {
        expect(h.events.some((e: Loose) => refsOf(e).includes(other)), `${key} holds nothing of ${other}`).toBe(false);
      }
    }
    const b = histories.get('b')!;
    expect(b.events.map((e: Loose) => e.action)).toEqual(['submission.received', 'assignment.created', 'double_scoring.selected', 'assignment.recused', 'assignment.created', 'review.submitted']);
  });

  it("gives each read the assessor's standing at that moment, the rubric version, and links the attempts", async () => {
    const first = DecisionHistoryResponse.parse((await hub.as('sam').get(`/v1/decisions/${subs.a}/history`)).body);
    const second = DecisionHistoryResponse.parse((await hub.as('sam').get(`/v1/decisions/${subs.a2}/history`)).body);
    expect(first.reads).toHaveLength(1);
    expect(first.reads[0]).toMatchObject({ role: 'primary', decision: 'not_yet', rubricId: 'rub-teach', rubricVersion: 1, scores: FAIL });
    expect(first.reads[0]!.standing).toEqual({ state: 'current', calibratedUntil: q1, lastAttempt: null });
    expect(second.reads[0]!.standing).toEqual({ state: 'current', calibratedUntil: q2, lastAttempt: null });
    expect(second.reads[0]!.assessorId).toBe(first.reads[0]!.assessorId);
    expect(first.decision).toMatchObject({ submissionId: subs.a, decision: 'not_yet', basis: 'single' });
    expect(second).toMatchObject({ attempt: 2, decision: { decision: 'earned' }, selection: { selected: false, rule: 'none' } });
    const attempts = [
      { submissionId: subs.a, attempt: 1, submittedAt: first.submittedAt, decision: 'not_yet', decidedAt: first.decision!.decidedAt },
      { submissionId: subs.a2, attempt: 2, submittedAt: second.submittedAt, decision: 'earned', decidedAt: second.decision!.decidedAt },
    ];
    expect(first.attempts).toEqual(attempts);
    expect(second.attempts).toEqual(attempts);
  });

  it('carries the rubric version each read used, whole, so staff see its criterion titles and level labels', async () => {
    const seeded = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { rubrics: Loose[] }).rubrics;
    for (const id of Object.values(subs)) {
      const h = DecisionHistoryResponse.parse((await hub.as('sam').get(`/v1/decisions/${id}/history`)).body);
      expect(h.reads.length).toBeGreaterThan(0);
      for (const read of h.reads) {
        const used = seeded.find((r) => r.id === read.rubricId && r.version === read.rubricVersion);
        expect(h.rubrics.find((r) => r.id === read.rubricId && r.version === read.rubricVersion)).toEqual(used);
      }
      expect(h.rubrics).toEqual([seeded.find((r) => r.id === 'rub-teach' && r.version === 1)]);
    }
  });

  it("never shows the candidate's recipient, school or district", async () => {
    for (const id of Object.values(subs)) {
      const text = JSON.stringify((await hub.as('sam').get(`/v1/decisions/${id}/history`)).body);
      for (const secret of [SCHOOL, DISTRICT, EMAIL, 'school.example']) expect(text).not.toContain(secret);
    }
  });

  it('answers an unknown submission 404, and only staff may read a history', async () => {
    const res = await hub.as('sam').get('/v1/decisions/sub-nope/history');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect((await hub.as('alice').get(`/v1/decisions/${subs.a}/history`)).status).toBe(403);
    expect((await hub.as('intake-bot').get(`/v1/decisions/${subs.a}/history`)).status).toBe(403);
  });
});
