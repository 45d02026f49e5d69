// POST /v1/assignments/{id}/opened through a real hub, on either engine: the first report
// moves the assignment to in_progress, bumps its change seq (so sync carries it) and is
// audited; later reports change nothing; another assessor's assignment answers 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Loose } from '../support/hub.ts';
import { assignmentsOf, auditEvents, newReviewId, reviewBody, startFixtureHub, type FixtureHub } from './fixture-helpers.ts';

describe('reporting that an assignment was opened', () => {
  let hub: FixtureHub;
  let a: Loose;
  let owner: string;
  beforeAll(async () => {
    hub = await startFixtureHub(['alice', 'bob', 'carol', 'dave']);
    a = (await hub.submit('cand-open-1')).assignments[0];
    owner = a.assessorId.replace(/^u-/, '');
  }, 60_000);
  afterAll(() => hub.stop());

  it('moves assigned to in_progress once, audited with when it was opened and when the hub heard', async () => {
    const cursor = (await hub.as(owner).get('/v1/sync')).body.cursor;
    const openedAt = '2026-11-30T08:00:00.000Z';
    const res = await hub.as(owner).post(`/v1/assignments/${a.id}/opened`, { openedAt });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.assignment).toMatchObject({ id: a.id, state: 'in_progress' });
    const changed = await hub.as(owner).get(`/v1/sync?cursor=${encodeURIComponent(cursor)}`);
    expect(changed.body.assignments.map((x: Loose) => [x.id, x.state])).toEqual([[a.id, 'in_progress']]);
    const again = await hub.as(owner).post(`/v1/assignments/${a.id}/opened`, { openedAt: '2026-11-30T09:00:00.000Z' });
    expect(again.status).toBe(200);
    expect(again.body.assignment.state).toBe('in_progress');
    const events = (await auditEvents(hub, 'assignment.opened')).filter((e) => e.subject === a.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: a.assessorId, payload: { submissionId: a.submissionId, openedAt, receivedAt: expect.any(String) } });
    const history = (await hub.as('sam').get(`/v1/decisions/${a.submissionId}/history`)).body;
    expect(history.events.map((e: Loose) => e.action)).toEqual(['submission.received', 'assignment.created', 'double_scoring.selected', 'assignment.opened']);
  });

  it('lets the review arrive on an opened assignment, and changes nothing once it is submitted', async () => {
    expect((await hub.as(owner).put(`/v1/reviews/${newReviewId()}`, reviewBody(a.id))).status).toBe(201);
    const before = (await auditEvents(hub)).length;
    const res = await hub.as(owner).post(`/v1/assignments/${a.id}/opened`, { openedAt: '2026-11-30T10:00:00.000Z' });
    expect(res.status).toBe(200);
    expect(res.body.assignment.state).toBe('submitted');
    expect((await auditEvents(hub)).length).toBe(before);
  });

  it("answers 404 for another assessor's assignment and 422 for a bad body, changing nothing", async () => {
    const b = (await hub.submit('cand-open-2')).assignments[0];
    const other = ['alice', 'bob', 'carol', 'dave'].find((u) => `u-${u}` !== b.assessorId)!;
    const before = (await auditEvents(hub)).length;
    const res = await hub.as(other).post(`/v1/assignments/${b.id}/opened`, { openedAt: '2026-11-30T08:00:00.000Z' });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    const bOwner = b.assessorId.replace(/^u-/, '');
    for (const body of [{}, { openedAt: 'yesterday' }, { openedAt: '2026-11-30T08:00:00.000Z', extra: 1 }]) {
      const bad = await hub.as(bOwner).post(`/v1/assignments/${b.id}/opened`, body);
      expect(bad.status).toBe(422);
      expect(bad.body.error.code).toBe('invalid');
    }
    expect((await auditEvents(hub)).length).toBe(before);
    expect((await assignmentsOf(hub, bOwner)).get(b.id).state).toBe('assigned');
  });
});
