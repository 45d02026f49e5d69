// The workstation's calibration, master-rater and policy methods on a real core, talking over
// loopback HTTP to a small hub that speaks the calibration contract (test/core/api/support).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWorkstation, type TestWorkstation } from '../../support/workstation.ts';
import { startCalibrationHub, type CalibrationHub } from './support/calibration-hub.ts';

let hub: CalibrationHub;
let ws: TestWorkstation;

beforeEach(async () => {
  hub = await startCalibrationHub();
  ws = await startWorkstation({ hubUrl: hub.url, username: 'assessor3', tuning: { syncPeriodMs: 3_600_000 } });
  await ws.value('sync.now', {});
});
afterEach(async () => {
  await ws?.stop();
  await hub?.stop();
});

describe('calibration methods', () => {
  it('reports an expired qualification with its locked live work, from the store', async () => {
    const { standings } = await ws.value('calibration.standing', {});
    expect(standings).toEqual([expect.objectContaining({
      microCredentialId: 'mc-qt', title: 'Questioning Techniques', state: 'expired', daysLeft: null, openCalibrationItems: 0, lockedAssignments: 1,
      policy: expect.objectContaining({ passMark: 0.8 }),
    })]);
    expect(await ws.call('submission.get', { assignmentId: 'a-live' })).toMatchObject({ ok: false, error: { code: 'qualification_expired' } });
  });

  it('starts an attempt on the hub, then syncs so its items are in the queue and open while live work stays locked', async () => {
    const started = await ws.value('calibration.start', { microCredentialId: 'mc-qt' });
    expect(started.attempt).toMatchObject({ id: 'att-1', state: 'open', assignmentIds: ['k1', 'k2'] });
    expect(started.sync.state).toBe('idle');
    expect(hub.requests.find((r) => r.line === 'POST /v1/calibration/attempts')?.body).toEqual({ microCredentialId: 'mc-qt' });
    const queue = await ws.value('queue.list', { filter: { roles: ['calibration'] } });
    expect(queue.items.map((i) => [i.assignmentId, i.role, i.qualificationExpired])).toEqual([['k1', 'calibration', false], ['k2', 'calibration', false]]);
    expect((await ws.value('calibration.standing', {})).standings[0]).toMatchObject({ openCalibrationItems: 2, lockedAssignments: 1 });
    expect((await ws.value('submission.get', { assignmentId: 'k1' })).assignment.role).toBe('calibration');
    expect((await ws.value('calibration.attempts', { microCredentialId: 'mc-qt' })).attempts.map((a) => a.id)).toEqual(['att-1']);
  });

  it('keeps the hub\'s refusal: retake_too_soon with retryAfter', async () => {
    hub.refuseStart = { status: 409, code: 'retake_too_soon', message: 'Too soon', details: { retryAfter: '2026-12-01T00:00:00.000Z' } };
    expect(await ws.call('calibration.start', { microCredentialId: 'mc-qt' })).toEqual({
      ok: false, error: { code: 'retake_too_soon', message: 'Too soon', details: { retryAfter: '2026-12-01T00:00:00.000Z' } },
    });
    expect((await ws.value('queue.list', {})).items.map((i) => i.assignmentId)).toEqual(['a-live']);
  });

  it('refuses a hub answer that does not match the contract', async () => {
    hub.attemptsBody = { attempts: [{ id: 'att-9', state: 'finished' }] };
    expect(await ws.call('calibration.attempts', { microCredentialId: 'mc-qt' })).toMatchObject({ ok: false, error: { code: 'bad_hub_response' } });
  });

  it('answers not_ready for a set that cannot be published, and 422 field errors for a policy', async () => {
    expect((await ws.value('calibration.sets', { microCredentialId: 'mc-qt' })).sets.map((s) => s.id)).toEqual(['set-1']);
    expect(await ws.call('calibration.publish', { setId: 'set-1' })).toMatchObject({ ok: false, error: { code: 'not_ready' } });
    expect(await ws.call('policy.update', { microCredentialId: 'mc-qt', patch: { slaDays: 400 } })).toEqual({
      ok: false, error: { code: 'invalid', message: 'policy is invalid', details: [{ path: 'slaDays', message: 'must be at most 365' }] },
    });
    const changed = await ws.value('policy.update', { microCredentialId: 'mc-qt', patch: { slaDays: 10 } });
    expect(changed.microCredential.policy.slaDays).toBe(10);
    expect(hub.requests.filter((r) => r.line === 'GET /v1/micro-credentials')).toHaveLength(1);
  });

  it('says clearly that starting needs the hub when it cannot be reached, and changes nothing', async () => {
    await hub.stop();
    const r = await ws.call('calibration.start', { microCredentialId: 'mc-qt' });
    expect(r).toMatchObject({ ok: false, error: { code: 'offline', message: expect.stringMatching(/^Starting a calibration needs the hub, and it cannot be reached now/) } });
    expect((await ws.value('calibration.standing', {})).standings[0]).toMatchObject({ state: 'expired', openCalibrationItems: 0 });
    expect((await ws.value('catalog.criteria', { microCredentialId: 'mc-qt' })).criteria.map((c) => c.title)).toEqual(['Open questions', 'Wait time', 'Follow-up']);
  });
});
