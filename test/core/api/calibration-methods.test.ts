// The workstation's calibration, master-rater and policy methods on a real core against the
// real demo hub over loopback, through a proxy that passes everything unless a test asks it
// to alter one answer (a reply off the contract must be refused). Demo Assessor 3's
// qualifications have lapsed; master1 holds draft sets; staff1 changes policies; the last
// test stops the hub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../support/hub.ts';
import { meetEveryCriterion } from '../../support/review-content.ts';
import { startWorkstation, type TestWorkstation } from '../../support/workstation.ts';
import { startInterceptingProxy, type InterceptingProxy } from '../support/intercepting-proxy.ts';

const MC = 'mc-questioning';
let hub: RunningHub;
let proxy: InterceptingProxy;
/** When set, the proxy answers the attempts listing with this body instead of the hub's. */
let attemptsBody: unknown = null;
const opened: TestWorkstation[] = [];
let assessor: TestWorkstation;

async function signedIn(username: string): Promise<TestWorkstation> {
  const ws = await startWorkstation({ hubUrl: proxy.url, username, tuning: { syncPeriodMs: 3_600_000 } });
  opened.push(ws);
  await ws.value('sync.now', {});
  return ws;
}

beforeAll(async () => {
  hub = await startHub({ demo: true });
  proxy = await startInterceptingProxy(hub.url, (method, path) => {
    if (attemptsBody !== null && method === 'GET' && path === '/v1/calibration/attempts') {
      const body = Buffer.from(JSON.stringify(attemptsBody));
      return { kind: 'rewrite', edit: () => body };
    }
    return { kind: 'pass' };
  });
  assessor = await signedIn('assessor3');
}, 120_000);
afterAll(async () => {
  for (const ws of opened) await ws.stop();
  await proxy?.close();
  await hub?.stop();
});

const isOpen = (state: string) => state === 'assigned' || state === 'in_progress';

describe('calibration methods', () => {
  it('reports an expired qualification with its locked live work, from the store', async () => {
    const { standings } = await assessor.value('calibration.standing', {});
    const q = standings.find((s) => s.microCredentialId === MC)!;
    expect(q).toMatchObject({ state: 'expired', daysLeft: null, openCalibrationItems: 0, policy: expect.objectContaining({ passMark: 0.8, itemsPerAttempt: 3 }) });
    expect(q.lockedAssignments).toBeGreaterThan(0);
    const locked = (await assessor.value('queue.list', {})).items.find((i) => i.microCredentialId === MC && i.qualificationExpired && isOpen(i.assignmentState))!;
    expect(await assessor.call('submission.get', { assignmentId: locked.assignmentId })).toMatchObject({ ok: false, error: { code: 'qualification_expired' } });
  });

  it('starts an attempt on the hub, then syncs so its items are in the queue and open while live work stays locked', async () => {
    const started = await assessor.value('calibration.start', { microCredentialId: MC });
    expect(started.attempt).toMatchObject({ state: 'open', microCredentialId: MC });
    expect(started.attempt.assignmentIds).toHaveLength(3);
    expect(started.sync.state).toBe('idle');
    const queue = await assessor.value('queue.list', { filter: { roles: ['calibration'] } });
    expect(queue.items.map((i) => i.assignmentId).sort()).toEqual([...started.attempt.assignmentIds].sort());
    expect(queue.items.every((i) => i.role === 'calibration' && !i.qualificationExpired)).toBe(true);
    const standing = (await assessor.value('calibration.standing', {})).standings.find((s) => s.microCredentialId === MC)!;
    expect(standing.openCalibrationItems).toBe(3);
    expect(standing.lockedAssignments).toBeGreaterThan(0);
    expect((await assessor.value('submission.get', { assignmentId: started.attempt.assignmentIds[0]! })).assignment.role).toBe('calibration');
    expect((await assessor.value('calibration.attempts', { microCredentialId: MC })).attempts.filter((a) => a.state === 'open').map((a) => a.id)).toEqual([started.attempt.id]);
  }, 120_000);

  it("keeps the hub's refusals: attempt_open while one is open, retake_too_soon with retryAfter once it is done", async () => {
    const open = (await assessor.value('calibration.attempts', { microCredentialId: MC })).attempts.find((a) => a.state === 'open')!;
    expect(await assessor.call('calibration.start', { microCredentialId: MC })).toMatchObject({ ok: false, error: { code: 'attempt_open', details: { attemptId: open.id } } });
    for (const id of open.assignmentIds) {
      await assessor.value('draft.save', { assignmentId: id, patch: meetEveryCriterion(await assessor.value('submission.get', { assignmentId: id })) });
      await assessor.value('review.submit', { assignmentId: id });
    }
    await assessor.waitFor('outbox.status', {}, (o) => o.pending === 0 && o.failed === 0, 60_000);
    const done = (await assessor.value('calibration.attempts', { microCredentialId: MC })).attempts.find((a) => a.id === open.id)!;
    expect(done.state).not.toBe('open');
    const before = (await assessor.value('queue.list', {})).items.map((i) => i.assignmentId).sort();
    const waitHours = (await assessor.value('calibration.standing', {})).standings.find((s) => s.microCredentialId === MC)!.policy!.retakeAfterHours;
    const again = await assessor.call('calibration.start', { microCredentialId: MC });
    expect(again).toMatchObject({ ok: false, error: { code: 'retake_too_soon', details: { retryAfter: new Date(Date.parse(done.completedAt!) + waitHours * 3_600_000).toISOString() } } });
    expect((await assessor.value('queue.list', {})).items.map((i) => i.assignmentId).sort()).toEqual(before);
  }, 120_000);

  it('refuses a hub answer that does not match the contract', async () => {
    attemptsBody = { attempts: [{ id: 'att-9', state: 'finished' }] };
    try {
      expect(await assessor.call('calibration.attempts', { microCredentialId: MC })).toMatchObject({ ok: false, error: { code: 'bad_hub_response' } });
    } finally {
      attemptsBody = null;
    }
    expect((await assessor.call('calibration.attempts', { microCredentialId: MC })).ok).toBe(true);
  });

  it('answers not_ready for a set that cannot be published, and 422 field errors for a policy', async () => {
    const master = await signedIn('master1');
    const draft = (await master.value('calibration.sets', { microCredentialId: MC })).sets.find((s) => s.state === 'draft' && s.items.some((i) => !i.masterScored))!;
    expect(draft, 'master1 holds a draft set waiting for its master score').toBeDefined();
    expect(await master.call('calibration.publish', { setId: draft.id })).toMatchObject({ ok: false, error: { code: 'not_ready' } });
    const staff = await signedIn('staff1');
    const refused = await staff.call('policy.update', { microCredentialId: MC, patch: { slaDays: 400 } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(refused.ok ? [] : (refused.error.details as { path: string }[]).map((d) => d.path)).toContain('slaDays');
    const changed = await staff.value('policy.update', { microCredentialId: MC, patch: { slaDays: 10 } });
    expect(changed.microCredential.policy.slaDays).toBe(10);
    expect((await staff.value('policy.list', {})).microCredentials.find((m) => m.id === MC)?.policy.slaDays).toBe(10);
  });

  it('says clearly that starting needs the hub when it cannot be reached, and changes nothing', async () => {
    await hub.stop();
    const r = await assessor.call('calibration.start', { microCredentialId: 'mc-formative-data' });
    expect(r).toMatchObject({ ok: false, error: { code: 'offline', message: expect.stringMatching(/^Starting a calibration needs the hub, and it cannot be reached now/) } });
    const standing = (await assessor.value('calibration.standing', {})).standings.find((s) => s.microCredentialId === 'mc-formative-data')!;
    expect(standing).toMatchObject({ state: 'expired', openCalibrationItems: 0 });
    expect((await assessor.value('catalog.criteria', { microCredentialId: MC })).criteria.map((c) => c.title)).toEqual([
      'Poses higher-order questions', 'Uses wait time and invites broad participation', 'Probes and builds on student responses', 'Analyzes the impact of questioning on learning',
    ]);
  });
});
