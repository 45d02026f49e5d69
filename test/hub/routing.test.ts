import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignmentsOf, auditEvents, startFixtureHub, type FixtureHub } from './fixture-helpers.ts';

// The fixture: alice, bob and carol are eligible for mc-questioning; dave's qualification
// has expired; erin is inactive. sub-prev-1..4 were decided "not yet" by alice.

const DAY = 86_400_000;

describe('routing of first attempts', () => {
  let hub: FixtureHub;
  beforeAll(async () => {
    hub = await startFixtureHub(['alice', 'bob', 'carol', 'dave']);
  });
  afterAll(() => hub.stop());

  it('skips an assessor who shares the candidate school', async () => {
    // Everyone has no open work, so alice (first by username) would get it but for the conflict.
    const { assignments } = await hub.submit('cand-north', { school: 'Northside Elementary' });
    expect(assignments[0].assessorId).toBe('u-bob');
  });

  it('spreads work by least open work, ties broken by username, never to expired or inactive assessors', async () => {
    const assessors: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { assignments } = await hub.submit('cand-1');
      assessors.push(assignments[0].assessorId);
    }
    // bob starts with one open assignment from the test above.
    expect(assessors).toEqual(['u-alice', 'u-carol', 'u-alice', 'u-bob', 'u-carol', 'u-alice']);
    expect((await assignmentsOf(hub, 'dave')).size).toBe(0);
    const created = await auditEvents(hub, 'assignment.created');
    expect(created.length).toBeGreaterThan(0);
    expect(created.filter((e) => e.payload.assessorId === 'u-erin')).toEqual([]);
  });

  it('gives an inactive account no new session', async () => {
    const res = await fetch(`${hub.url}/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'erin', password: 'demo', deviceName: 'laptop' }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: 'wrong username or password' } });
  });

  it('sets the due date from the micro-credential SLA (5 days in the fixture)', async () => {
    const { assignments } = await hub.submit('cand-2');
    const a = assignments[0];
    expect(Date.parse(a.dueAt) - Date.parse(a.assignedAt)).toBe(5 * DAY);
    expect(a).toMatchObject({ role: 'primary', state: 'assigned', locked: {} });
  });

  it('stores a submission nobody may take unassigned and audits why', async () => {
    const artifact = await hub.uploadArtifact(new TextEncoder().encode('%PDF-1.4 tiny'));
    const res = await hub.as('intake-bot').post('/v1/intake/submissions', {
      candidateRef: 'cand-3', microCredentialId: 'mc-feedback', reflection: 'r', artifactIds: [artifact.id],
    });
    expect(res.status).toBe(201);
    expect(res.body.assignments).toEqual([]);
    const events = await auditEvents(hub, 'submission.unassigned');
    expect(events.map((e) => e.subject)).toContain(res.body.submission.id);
  });

  it('routes a waiting submission once staff qualifies an assessor for it', async () => {
    const until = new Date(Date.now() + 30 * DAY).toISOString();
    const res = await hub.as('sam').put('/v1/users/u-carol/qualifications/mc-feedback', { calibratedUntil: until });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ qualification: { microCredentialId: 'mc-feedback', calibratedUntil: until } });
    const carols = [...(await assignmentsOf(hub, 'carol')).values()];
    const waiting = (await auditEvents(hub, 'submission.unassigned'))[0].subject;
    expect(carols.filter((a) => a.submissionId === waiting)).toHaveLength(1);
  });
});

describe('staff account maintenance', () => {
  let hub: FixtureHub;
  beforeAll(async () => {
    hub = await startFixtureHub([]);
  });
  afterAll(() => hub.stop());

  it('answers 404 for unknown users or micro-credentials and 422 for bad bodies, changing nothing', async () => {
    const sam = hub.as('sam');
    const before = (await auditEvents(hub)).length;
    expect((await sam.patch('/v1/users/u-nobody', { active: false })).status).toBe(404);
    expect((await sam.put('/v1/users/u-bob/qualifications/mc-nothing', { calibratedUntil: new Date().toISOString() })).status).toBe(404);
    const wrongType = await sam.patch('/v1/users/u-bob', { active: 'no' });
    expect(wrongType.status).toBe(422);
    expect(wrongType.body.error.details[0].path).toBe('active');
    const badDate = await sam.put('/v1/users/u-bob/qualifications/mc-questioning', { calibratedUntil: 'next year' });
    expect(badDate.body.error.details[0].path).toBe('calibratedUntil');
    expect((await auditEvents(hub)).length).toBe(before);
    const ok = await sam.patch('/v1/users/u-bob', { active: false });
    expect(ok.body).toEqual({ user: { id: 'u-bob', displayName: 'Bob Assessor', roles: ['assessor'], active: false } });
  });
});

describe('routing of resubmissions', () => {
  let hub: FixtureHub;
  beforeAll(async () => {
    hub = await startFixtureHub(['alice', 'bob', 'carol']);
  });
  afterAll(() => hub.stop());

  it('goes back to the assessor who decided the previous attempt, with the met criteria locked', async () => {
    const { submission, assignments } = await hub.submit('cand-1', { previousSubmissionId: 'sub-prev-1' });
    expect(submission).toMatchObject({ attempt: 2, previousSubmissionId: 'sub-prev-1' });
    expect(assignments).toHaveLength(1);
    const a = assignments[0];
    expect(a.assessorId).toBe('u-alice');
    expect(a.locked).toEqual({
      'c-plan': { level: 4, feedback: 'Clear plan of questions.' },
      'c-assess': { level: 3, feedback: 'Good exit ticket.' },
    });
    expect(a.previous.submissionId).toBe('sub-prev-1');
    expect(a.previous.review).toMatchObject({ decision: 'not_yet', assessorId: 'u-alice', submissionId: 'sub-prev-1' });
    const created = (await auditEvents(hub, 'assignment.created')).find((e) => e.subject === a.id);
    expect(created.payload.rule).toBe('previous_assessor');
  });

  it('after a recusal by the original assessor, re-routes elsewhere and audits "recused"', async () => {
    const [mine] = [...(await assignmentsOf(hub, 'alice')).values()].filter((a) => a.previous?.submissionId === 'sub-prev-1');
    const res = await hub.as('alice').post(`/v1/assignments/${mine.id}/recusal`, { reason: 'I know this teacher' });
    expect(res.status).toBe(200);
    const why = (await auditEvents(hub, 'routing.original_excluded')).find((e) => e.subject === mine.submissionId);
    expect(why.payload).toMatchObject({ assessorId: 'u-alice', reason: 'recused' });
    const rerouted = (await auditEvents(hub, 'assignment.created')).filter((e) => e.payload.submissionId === mine.submissionId);
    expect(rerouted.map((e) => e.payload.assessorId)).toEqual(['u-alice', 'u-bob']);
  });

  it('falls back when the original assessor is inactive, and audits the reason', async () => {
    expect((await hub.as('sam').patch('/v1/users/u-alice', { active: false })).status).toBe(200);
    const { submission, assignments } = await hub.submit('cand-2', { previousSubmissionId: 'sub-prev-2' });
    expect(assignments[0].assessorId).not.toBe('u-alice');
    expect(Object.keys(assignments[0].locked).sort()).toEqual(['c-assess', 'c-plan']);
    const why = (await auditEvents(hub, 'routing.original_excluded')).find((e) => e.subject === submission.id);
    expect(why.payload).toMatchObject({ assessorId: 'u-alice', reason: 'inactive' });
    expect((await hub.as('sam').patch('/v1/users/u-alice', { active: true })).status).toBe(200);
  });

  it('falls back when the original assessor qualification has expired', async () => {
    const past = new Date(Date.now() - DAY).toISOString();
    const res = await hub.as('sam').put('/v1/users/u-alice/qualifications/mc-questioning', { calibratedUntil: past });
    expect(res.status).toBe(200);
    const { submission, assignments } = await hub.submit('cand-3', { previousSubmissionId: 'sub-prev-3' });
    expect(assignments[0].assessorId).not.toBe('u-alice');
    const why = (await auditEvents(hub, 'routing.original_excluded')).find((e) => e.subject === submission.id);
    expect(why.payload.reason).toBe('qualification_expired');
    const future = new Date(Date.now() + 300 * DAY).toISOString();
    await hub.as('sam').put('/v1/users/u-alice/qualifications/mc-questioning', { calibratedUntil: future });
  });

  it('falls back when the original assessor now has a conflict with the candidate', async () => {
    const { submission, assignments } = await hub.submit('cand-4', { previousSubmissionId: 'sub-prev-4', district: 'D1' });
    expect(assignments[0].assessorId).not.toBe('u-alice');
    const why = (await auditEvents(hub, 'routing.original_excluded')).find((e) => e.subject === submission.id);
    expect(why.payload.reason).toBe('conflict');
  });

  it('refuses a previousSubmissionId that is not a decided "not yet" attempt of the same candidate', async () => {
    const artifact = await hub.uploadArtifact(new TextEncoder().encode('%PDF-1.4 x'));
    const base = { candidateRef: 'cand-1', microCredentialId: 'mc-questioning', reflection: 'r', artifactIds: [artifact.id] };
    const open = await hub.submit('cand-1');
    const cases = [
      { previousSubmissionId: 'sub-missing' },
      { previousSubmissionId: 'sub-prev-2', candidateRef: 'cand-1' },
      { previousSubmissionId: 'sub-prev-1', microCredentialId: 'mc-feedback' },
      { previousSubmissionId: open.submission.id },
      { previousSubmissionId: 'sub-prev-1' },
    ];
    for (const c of cases) {
      const res = await hub.as('intake-bot').post('/v1/intake/submissions', { ...base, ...c });
      expect(res.status, JSON.stringify(c)).toBe(422);
      expect(res.body.error.code).toBe('invalid');
      expect(res.body.error.details[0].path).toBe('previousSubmissionId');
    }
  });
});
