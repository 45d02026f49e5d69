// The Reliability and Turnaround screens' Workstation API methods on a real core signed in as
// sam (staff) to a real fixture hub on loopback: each report is the hub's own answer, a
// reassignment moves the work and a second one is refused with the hub's code; an assessor is
// refused, a signed-out device asked to sign in, an unreachable hub said plainly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReliabilityReport, TurnaroundReport, type MethodName } from '../../../shared/index.ts';
import type { Loose } from '../../support/hub.ts';
import { startWorkstation, type TestWorkstation } from '../../support/workstation.ts';
import { newReviewId, reviewBody, startFixtureHub, type FixtureHub } from '../../hub/fixture-helpers.ts';

let hub: FixtureHub;
let staff: TestWorkstation;
let open: Loose;

beforeAll(async () => {
  hub = await startFixtureHub(['alice', 'bob', 'carol']);
  for (let i = 0; i < 3; i++) {
    const { assignments } = await hub.submit(`cand-rep-${i}`);
    const primary = assignments.find((a: Loose) => a.role === 'primary');
    const put = await hub.as(primary.assessorId.replace(/^u-/, '')).put(`/v1/reviews/${newReviewId()}`, reviewBody(primary.id));
    expect(put.status, JSON.stringify(put.body)).toBe(201);
  }
  open = (await hub.submit('cand-rep-open')).assignments.find((a: Loose) => a.role === 'primary');
  staff = await startWorkstation({ hubUrl: hub.url, username: 'sam', tuning: { syncPeriodMs: 3_600_000 } });
}, 120_000);
afterAll(async () => {
  await staff?.stop();
  await hub?.stop();
});

describe('report methods against a real hub', () => {
  it('answers the reliability report exactly as the hub gives it, for the query asked', async () => {
    const got = await staff.value('reports.reliability', { microCredentialId: 'mc-questioning', bucket: 'week', from: '2000-01-01T00:00:00.000Z' });
    const direct = ReliabilityReport.parse((await hub.as('sam').get('/v1/reports/reliability?microCredentialId=mc-questioning&bucket=week&from=2000-01-01T00:00:00.000Z')).body);
    expect(got).toEqual(direct);
    expect(got).toMatchObject({ microCredentialId: 'mc-questioning', bucket: 'week', from: '2000-01-01T00:00:00.000Z' });
  });

  it('answers the turnaround report with the decisions made here, and the month bucket when asked', async () => {
    const got = await staff.value('reports.turnaround', { bucket: 'month' });
    const direct = TurnaroundReport.parse((await hub.as('sam').get('/v1/reports/turnaround?bucket=month')).body);
    expect({ ...got, generatedAt: '' }).toEqual({ ...direct, generatedAt: '' });
    const q = got.byMicroCredential.find((m) => m.microCredentialId === 'mc-questioning');
    expect(q?.decisions.n).toBeGreaterThanOrEqual(3);
    expect(q?.daysHistogram.reduce((sum, b) => sum + b.decisions, 0)).toBe(q?.decisions.n);
    expect(got.byBucket.every((b) => /^\d{4}-\d{2}$/.test(b.bucket))).toBe(true);
  });

  it('reassigns open work to another assessor, and passes on the hub’s refusal to move it twice', async () => {
    const moved = await staff.value('reports.reassign', { assignmentId: open.id, reason: 'The assessor is away this week.' });
    expect(moved.previous).toMatchObject({ id: open.id, state: 'revoked', assessorId: open.assessorId });
    expect(moved.assignment).toMatchObject({ submissionId: open.submissionId, role: 'primary' });
    expect(moved.assignment.assessorId).not.toBe(open.assessorId);
    const audit = (await hub.as('sam').get('/v1/audit?limit=1000')).body.events as Loose[];
    expect(audit.filter((e) => e.action === 'assignment.reassigned' && e.subject === open.id).map((e) => e.payload.reason)).toEqual(['The assessor is away this week.']);
    const again = await staff.call('reports.reassign', { assignmentId: open.id, reason: 'Once more.' });
    expect(again).toMatchObject({ ok: false, error: { code: 'assignment_closed' } });
    expect(await staff.call('reports.reassign', { assignmentId: 'a-none', reason: 'Away.' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('passes on the hub’s refusal to an assessor, and asks a signed-out device to sign in', async () => {
    const assessor = await startWorkstation({ hubUrl: hub.url, username: 'alice', tuning: { syncPeriodMs: 3_600_000 } });
    const away = await startWorkstation();
    try {
      const inputs = { 'reports.reliability': { microCredentialId: 'mc-questioning' }, 'reports.turnaround': {}, 'reports.reassign': { assignmentId: 'a-1', reason: 'x' } };
      for (const [method, input] of Object.entries(inputs)) {
        expect(await assessor.call(method as MethodName, input as never), method).toMatchObject({ ok: false, error: { code: 'forbidden' } });
        expect(await away.call(method as MethodName, input as never), method).toMatchObject({ ok: false, error: { code: 'signed_out' } });
      }
    } finally {
      await assessor.stop();
      await away.stop();
    }
  });

  it('says the hub cannot be reached once it is gone', async () => {
    await hub.stop();
    for (const [method, input] of Object.entries({ 'reports.reliability': { microCredentialId: 'mc-questioning' }, 'reports.turnaround': {}, 'reports.reassign': { assignmentId: open.id, reason: 'x' } })) {
      const r = await staff.call(method as MethodName, input as never);
      expect(r, method).toMatchObject({ ok: false, error: { code: 'offline' } });
      expect(!r.ok && r.error.message, method).toContain('staff screens work only online');
    }
  });
});
