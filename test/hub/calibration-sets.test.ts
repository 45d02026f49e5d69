// Calibration sets through real HTTP: intake purpose "calibration", master assignments in
// sync, the master's rationale required per criterion, publish readiness, idempotent
// creation, and the micro-credential policy endpoints (PATCH validation and audit).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalibrationSetResponse, MicroCredentialsResponse, SyncResponse } from '../../shared/index.ts';
import type { Loose } from '../support/hub.ts';
import { auditEvents, newReviewId, startFixtureHub, type FixtureHub } from './fixture-helpers.ts';
import { calibrationItem, masterBody, patchPolicy, rationaleOf } from './calibration-helpers.ts';

let hub: FixtureHub;
beforeAll(async () => {
  hub = await startFixtureHub(['alice', 'bob', 'carol', 'dave']);
  hub.tokens.ivan = await hub.signIn('ivan', 'ivan-secret-pw');
}, 60_000);
afterAll(async () => {
  await hub?.stop();
});

describe('calibration items and sets', () => {
  let items: Loose[] = [];
  let set: Loose;

  it('takes calibration items at intake without routing them or producing a candidate result', async () => {
    items = [await calibrationItem(hub, 'cand-cal-a'), await calibrationItem(hub, 'cand-cal-b')];
    for (const u of ['alice', 'bob', 'carol']) {
      const sync = SyncResponse.parse((await hub.as(u).get('/v1/sync')).body);
      expect(sync.submissions.map((s) => s.id)).not.toContain(items[0].id);
    }
    expect((await hub.as('intake-bot').get(`/v1/submissions/${items[0].id}/result`)).status).toBe(404);
  });

  it('refuses a set naming a live submission, an unknown one or the same one twice, naming each', async () => {
    const live = await hub.submit('cand-live-x');
    const res = await hub.as('sam').post('/v1/calibration-sets', {
      microCredentialId: 'mc-questioning', title: 'Bad', submissionIds: [live.submission.id, 'sub-nope', items[0].id, items[0].id],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid');
    expect(res.body.error.details.map((d: Loose) => d.path)).toEqual(['submissionIds.0', 'submissionIds.1', 'submissionIds.3']);
    expect((await hub.as('sam').get('/v1/calibration-sets')).body.sets).toEqual([]);
  });

  it('creates a set (201), routes each item to the master rater, and answers a retry with the same id 200', async () => {
    const req = { id: 'cset-one', microCredentialId: 'mc-questioning', title: 'Questioning set', submissionIds: items.map((s) => s.id) };
    const res = await hub.as('ivan').post('/v1/calibration-sets', req);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    set = CalibrationSetResponse.parse(res.body).set;
    expect(set).toMatchObject({ id: 'cset-one', state: 'draft', items: items.map((s) => ({ submissionId: s.id, masterScored: false })) });
    expect(set.items.every((i: Loose) => typeof i.masterAssignmentId === 'string')).toBe(true);
    const again = await hub.as('ivan').post('/v1/calibration-sets', req);
    expect(again.status).toBe(200);
    expect(again.body.set).toEqual(set);
    const clash = await hub.as('ivan').post('/v1/calibration-sets', { ...req, title: 'Another title' });
    expect(clash.status).toBe(422);
    expect(clash.body.error.details[0].path).toBe('id');
    const sync = SyncResponse.parse((await hub.as('ivan').get('/v1/sync')).body);
    const master = sync.assignments.filter((a) => a.role === 'master');
    expect(master.map((a) => a.id).sort()).toEqual(set.items.map((i: Loose) => i.masterAssignmentId).sort());
    expect(sync.submissions.map((s) => s.id).sort()).toEqual(items.map((s) => s.id).sort());
  });

  it('lists and reads sets by micro-credential', async () => {
    expect((await hub.as('sam').get('/v1/calibration-sets?microCredentialId=mc-questioning')).body.sets.map((s: Loose) => s.id)).toEqual(['cset-one']);
    expect((await hub.as('sam').get('/v1/calibration-sets?microCredentialId=mc-feedback')).body.sets).toEqual([]);
    expect((await hub.as('ivan').get('/v1/calibration-sets/cset-one')).body.set).toEqual(set);
    expect((await hub.as('ivan').get('/v1/calibration-sets/cset-none')).status).toBe(404);
  });

  it('refuses to publish before every item is master-scored (409 not_ready naming them)', async () => {
    const res = await hub.as('sam').post('/v1/calibration-sets/cset-one/publish');
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'not_ready', details: { pending: items.map((s) => s.id) } });
  });

  it('requires a rationale for every criterion on a master review, naming each missing one', async () => {
    const item = set.items[0];
    const body = masterBody(item.masterAssignmentId, item.submissionId, { 'c-plan': 4, 'c-engage': 3, 'c-assess': 2 });
    const missing = { ...body, criterionRationale: { 'c-plan': rationaleOf(item.submissionId, 'c-plan'), 'c-engage': '   ' } };
    const res = await hub.as('ivan').put(`/v1/reviews/${newReviewId()}`, missing);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid');
    expect(res.body.error.details.map((d: Loose) => d.path).sort()).toEqual(['criterionRationale.c-assess', 'criterionRationale.c-engage']);
    const none = await hub.as('ivan').put(`/v1/reviews/${newReviewId()}`, { ...body, criterionRationale: undefined });
    expect(none.body.error.details.map((d: Loose) => d.path).sort()).toEqual(['criterionRationale.c-assess', 'criterionRationale.c-engage', 'criterionRationale.c-plan']);
    // Feedback is optional on a master review (shared validateReview, as on the workstation),
    // even where the rubric requires it of an assessor at this level.
    const low = { ...body, scores: { ...body.scores, 'c-plan': 2 }, criterionFeedback: {} };
    const unexplained = await hub.as('ivan').put(`/v1/reviews/${newReviewId()}`, { ...low, criterionRationale: undefined });
    expect(unexplained.body.error.details.map((d: Loose) => d.path)).not.toContain('criterionFeedback.c-plan');
    const ok = await hub.as('ivan').put(`/v1/reviews/${newReviewId()}`, low);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.criterionRationale).toEqual(body.criterionRationale);
  });

  it('publishes once the last master review is in, and never makes a decision for the items', async () => {
    const item = set.items[1];
    expect((await hub.as('ivan').put(`/v1/reviews/${newReviewId()}`, masterBody(item.masterAssignmentId, item.submissionId, { 'c-plan': 3, 'c-engage': 3, 'c-assess': 3 }))).status).toBe(201);
    const res = await hub.as('sam').post('/v1/calibration-sets/cset-one/publish');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.set).toMatchObject({ state: 'published', publishedAt: expect.any(String) });
    expect(res.body.set.items.every((i: Loose) => i.masterScored)).toBe(true);
    const decisions = (await hub.as('sam').get('/v1/decisions?limit=100')).body.decisions as Loose[];
    expect(decisions.map((d) => d.submissionId)).not.toContain(items[0].id);
    expect((await hub.as('intake-bot').get(`/v1/submissions/${items[1].id}/result`)).status).toBe(404);
    expect((await auditEvents(hub, 'calibration_set.published')).map((e) => e.subject)).toEqual(['cset-one']);
  });
});

describe('micro-credential policies', () => {
  it('lists micro-credentials with the full policy (defaults filled, validityItemRate migrated)', async () => {
    const res = await hub.as('ivan').get('/v1/micro-credentials');
    expect(res.status).toBe(200);
    const list = MicroCredentialsResponse.parse(res.body).microCredentials;
    const q = list.find((m) => m.id === 'mc-questioning')!;
    expect(q.policy).toMatchObject({ calibration: { passMark: 0.8, measure: 'exact', maxDiscrepancy: 2, itemsPerAttempt: 3 }, validity: { rate: 0, window: 10 }, slaDays: 5 });
    expect('validityItemRate' in q.policy).toBe(false);
  });

  it('merges a partial policy deeply, audits the old and new values, and keeps other fields', async () => {
    const next = await patchPolicy(hub, { calibration: { passMark: 0.75 }, validity: { window: 4 } });
    expect(next.policy.calibration).toMatchObject({ passMark: 0.75, measure: 'exact', itemsPerAttempt: 3 });
    expect(next.policy.validity).toEqual({ rate: 0, window: 4 });
    const [event] = (await auditEvents(hub, 'micro_credential.policy_changed')).slice(-1);
    expect(event.subject).toBe('mc-questioning');
    expect(event.payload.old.calibration.passMark).toBe(0.8);
    expect(event.payload.new.calibration.passMark).toBe(0.75);
    expect(event.payload.new.validity.window).toBe(4);
  });

  it('refuses an invalid whole policy with 422 naming the field path, and changes nothing', async () => {
    const before = (await hub.as('sam').get('/v1/micro-credentials')).body;
    for (const [patch, path] of [
      [{ calibration: { passMark: 1.5 } }, 'calibration.passMark'],
      [{ calibration: { measure: 'kappa' } }, 'calibration.measure'],
      [{ validity: { rate: -0.1 } }, 'validity.rate'],
      [{ calibration: { surprise: 1 } }, 'calibration'],
      [{ slaDays: 0 }, 'slaDays'],
    ] as const) {
      const res = await hub.as('sam').patch('/v1/micro-credentials/mc-questioning/policy', patch);
      expect(res.status, JSON.stringify(patch)).toBe(422);
      expect(res.body.error.code).toBe('invalid');
      expect(res.body.error.details.map((d: Loose) => d.path)).toContain(path);
    }
    expect((await hub.as('sam').patch('/v1/micro-credentials/mc-none/policy', { slaDays: 3 })).status).toBe(404);
    expect((await hub.as('sam').get('/v1/micro-credentials')).body).toEqual(before);
  });

  it('applies a changed policy (due dates, double scoring) to work that arrives afterwards, and leaves work already routed as it was', async () => {
    const DAY = 86_400_000;
    const dueIn = (a: Loose) => Date.parse(a.dueAt) - Date.parse(a.assignedAt);
    const earlier = await hub.submit('cand-pol-early');
    expect(earlier.assignments.map((a: Loose) => [a.role, dueIn(a)])).toEqual([['primary', 5 * DAY]]);
    await patchPolicy(hub, { slaDays: 9, doubleScoring: { mode: 'all' } });
    const later = await hub.submit('cand-pol-late');
    expect(later.assignments.map((a: Loose) => [a.role, dueIn(a)]).sort()).toEqual([['primary', 9 * DAY], ['second', 9 * DAY]]);
    // The earlier submission keeps its one read and its due date.
    const created = (await auditEvents(hub, 'assignment.created')).filter((e) => e.payload.submissionId === earlier.submission.id);
    expect(created.map((e) => e.subject)).toEqual([earlier.assignments[0].id]);
    const holder = String(earlier.assignments[0].assessorId).replace(/^u-/, '');
    hub.tokens[holder] ??= await hub.signIn(holder);
    const sync = SyncResponse.parse((await hub.as(holder).get('/v1/sync')).body);
    expect(sync.assignments.find((a) => a.id === earlier.assignments[0].id)?.dueAt).toBe(earlier.assignments[0].dueAt);
    await patchPolicy(hub, { slaDays: 5, doubleScoring: { mode: 'none' } });
  });
});
