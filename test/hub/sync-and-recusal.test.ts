import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncResponse } from '../../shared/index.ts';
import type { Loose } from '../support/hub.ts';
import { startFixtureHub, type FixtureHub } from './fixture-helpers.ts';

describe('GET /v1/sync and recusal', () => {
  let hub: FixtureHub;
  beforeAll(async () => {
    hub = await startFixtureHub(['alice', 'bob', 'carol']);
  });
  afterAll(() => hub.stop());

  const sync = async (username: string, cursor?: string): Promise<Loose> => {
    const res = await hub.as(username).get(cursor === undefined ? '/v1/sync' : `/v1/sync?cursor=${encodeURIComponent(cursor)}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return SyncResponse.parse(res.body);
  };

  it('without a cursor returns everything current for the caller, in the wire shape', async () => {
    const s = await sync('alice');
    expect(s.assignments).toHaveLength(4);
    expect(s.assignments.every((a: Loose) => a.state === 'submitted' && a.assessorId === 'u-alice')).toBe(true);
    expect(s.submissions.map((x: Loose) => x.id).sort()).toEqual(['sub-prev-1', 'sub-prev-2', 'sub-prev-3', 'sub-prev-4']);
    expect(s.submissions[0].artifacts.map((a: Loose) => a.kind)).toEqual(['video', 'text']);
    expect(s.rubrics.map((r: Loose) => `${r.id}@${r.version}`)).toEqual(['rub-teach@1']);
    expect(s.microCredentials.map((m: Loose) => m.id)).toEqual(['mc-questioning']);
    expect(s.qualifications.map((q: Loose) => q.microCredentialId)).toEqual(['mc-questioning']);
    expect(s.revoked).toEqual([]);
    const bob = await sync('bob');
    expect(bob.assignments).toEqual([]);
    expect(bob.submissions).toEqual([]);
  });

  it('with a cursor returns only what changed since, including the previous attempt of a resubmission', async () => {
    const { cursor } = await sync('alice');
    expect((await sync('alice', cursor)).assignments).toEqual([]);
    const { assignments } = await hub.submit('cand-1', { previousSubmissionId: 'sub-prev-1' });
    const next = await sync('alice', cursor);
    expect(next.assignments.map((a: Loose) => a.id)).toEqual([assignments[0].id]);
    expect(next.submissions.map((x: Loose) => x.id).sort()).toEqual([assignments[0].submissionId, 'sub-prev-1'].sort());
    expect(Number(next.cursor)).toBeGreaterThan(Number(cursor));
    expect((await sync('alice', next.cursor)).assignments).toEqual([]);
  });

  it('refuses a cursor it did not issue with 422 naming the cursor', async () => {
    for (const bad of ['abc', '-1', '1.5', '', '99999999', '007']) {
      const res = await hub.as('alice').get(`/v1/sync?cursor=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(422);
      expect(res.body.error).toMatchObject({ code: 'invalid', details: [{ path: 'cursor' }] });
    }
  });

  it('a recusal shows in revoked for the assessor and as a new assignment for another', async () => {
    // alice holds one open assignment now, so the next goes to bob and his recusal to carol.
    const bobCursor = (await sync('bob')).cursor;
    const carolCursor = (await sync('carol')).cursor;
    const { assignments } = await hub.submit('cand-3');
    const a = assignments[0];
    expect(a.assessorId).toBe('u-bob');
    const res = await hub.as('bob').post(`/v1/assignments/${a.id}/recusal`, { reason: 'I coached this teacher' });
    expect(res.status).toBe(200);
    expect(res.body.assignment).toMatchObject({ id: a.id, state: 'recused' });
    const bobChanges = await sync('bob', bobCursor);
    expect(bobChanges.revoked).toEqual([a.id]);
    expect(bobChanges.assignments).toEqual([]);
    expect((await sync('bob')).revoked).toEqual([a.id]);
    const carolChanges = await sync('carol', carolCursor);
    expect(carolChanges.assignments).toHaveLength(1);
    expect(carolChanges.assignments[0]).toMatchObject({ submissionId: a.submissionId, state: 'assigned', assessorId: 'u-carol' });
    const replay = await hub.as('bob').post(`/v1/assignments/${a.id}/recusal`, { reason: 'I coached this teacher' });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(res.body);
    expect((await sync('carol', carolCursor)).assignments).toHaveLength(1);
  });

  it('refuses recusal of a submitted assignment (409), of someone else (404) and without a reason (422)', async () => {
    const { assignments } = await sync('alice');
    const submitted = assignments.find((a: Loose) => a.state === 'submitted');
    const done = await hub.as('alice').post(`/v1/assignments/${submitted.id}/recusal`, { reason: 'late' });
    expect(done.status).toBe(409);
    expect(done.body.error.code).toBe('already_submitted');
    expect((await hub.as('bob').post(`/v1/assignments/${submitted.id}/recusal`, { reason: 'x' })).status).toBe(404);
    const open = assignments.find((a: Loose) => a.state === 'assigned');
    const blank = await hub.as('alice').post(`/v1/assignments/${open.id}/recusal`, { reason: '   ' });
    expect(blank.status).toBe(422);
    expect(blank.body.error.details[0].path).toBe('reason');
    expect((await sync('alice')).assignments.find((a: Loose) => a.id === open.id).state).toBe('assigned');
  });
});
