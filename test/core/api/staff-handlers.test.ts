// Issuer staff's Workstation API methods on a real core signed in as sam (staff) to a real
// fixture hub on loopback: every answer is the hub's own, paged and filtered as asked; an
// assessor is refused; a signed-out device and an unreachable hub answer with a clear code.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditListResponse, AuditVerifyResponse, DecisionsResponse, type MethodName } from '../../../shared/index.ts';
import type { Loose } from '../../support/hub.ts';
import { startWorkstation, type TestWorkstation } from '../../support/workstation.ts';
import { newReviewId, reviewBody, startFixtureHub, type FixtureHub } from '../../hub/fixture-helpers.ts';

let hub: FixtureHub;
let staff: TestWorkstation;
const decided: { submissionId: string; decision: string }[] = [];

/** One decided submission per candidate: the fixture rubric earns with the defaults, c-plan 1 is "not yet". */
async function decide(candidateRef: string, earned: boolean): Promise<void> {
  const { submission, assignments } = await hub.submit(candidateRef);
  const primary = assignments.find((a: Loose) => a.role === 'primary');
  const user = primary.assessorId.replace(/^u-/, '');
  hub.tokens[user] ??= await hub.signIn(user);
  const scores = earned ? {} : { scores: { 'c-plan': 1, 'c-engage': 4, 'c-assess': 4 } };
  const put = await hub.as(user).put(`/v1/reviews/${newReviewId()}`, reviewBody(primary.id, scores));
  expect(put.status, JSON.stringify(put.body)).toBe(201);
  decided.push({ submissionId: submission.id, decision: put.body.decision });
}

beforeAll(async () => {
  hub = await startFixtureHub(['alice', 'bob', 'carol']);
  for (let i = 0; i < 5; i++) await decide(`cand-staff-${i}`, i % 2 === 0);
  staff = await startWorkstation({ hubUrl: hub.url, username: 'sam', tuning: { syncPeriodMs: 3_600_000 } });
}, 120_000);
afterAll(async () => {
  await staff?.stop();
  await hub?.stop();
});

describe('staff methods against a real hub', () => {
  it('pages through the filtered decisions with the hub’s cursor, newest first, exactly as the hub lists them', async () => {
    const direct = DecisionsResponse.parse((await hub.as('sam').get('/v1/decisions?decision=earned&limit=1000')).body).decisions;
    expect(direct.map((d) => d.submissionId).sort()).toEqual(decided.filter((d) => d.decision === 'earned').map((d) => d.submissionId).sort());
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await staff.value('staff.decisions', { decision: 'earned', limit: 2, ...(cursor === undefined ? {} : { cursor }) });
      expect(page.decisions.length).toBeLessThanOrEqual(2);
      expect(page.decisions.every((d) => d.decision === 'earned')).toBe(true);
      seen.push(...page.decisions.map((d) => d.submissionId));
      cursor = page.next;
      pages++;
    } while (cursor !== undefined && pages < 10);
    expect(seen).toEqual(direct.map((d) => d.submissionId));
    expect(pages).toBe(2);
    const one = await staff.value('staff.decisions', { candidateRef: 'cand-staff-1' });
    expect(one.decisions).toEqual([expect.objectContaining({ submissionId: decided[1]!.submissionId, decision: 'not_yet', candidateRef: 'cand-staff-1' })]);
  });

  it('returns the CSV export of the same filters, which parses back to the listed decisions', async () => {
    const { csv, filename } = await staff.value('staff.decisionsCsv', { decision: 'not_yet' });
    expect(filename).toMatch(/^decisions-\d{4}-\d{2}-\d{2}\.csv$/);
    const direct = await fetch(`${hub.url}/v1/exports/decisions.csv?decision=not_yet`, { headers: { authorization: `Bearer ${hub.tokens.sam}` } });
    expect(csv).toBe(await direct.text());
    const records = parse(csv, { columns: true }) as Record<string, string>[];
    const listed = DecisionsResponse.parse((await hub.as('sam').get('/v1/decisions?decision=not_yet&limit=1000')).body).decisions;
    expect(records.map((r) => r.submissionId)).toEqual(listed.map((d) => d.submissionId));
    // The fixture's seeded decisions are among them, and so is every "not yet" decided here.
    for (const d of decided.filter((x) => x.decision === 'not_yet')) expect(records.map((r) => r.submissionId)).toContain(d.submissionId);
    expect(records.every((r) => r.decision === 'not_yet')).toBe(true);
  });

  it('reads the audit chain: verification, events paged with after/next, and the signed checkpoints', async () => {
    const verify = await staff.value('audit.verify', {});
    expect(AuditVerifyResponse.parse(verify)).toMatchObject({ ok: true });
    expect(verify.checked).toBeGreaterThan(10);
    const first = await staff.value('audit.events', { limit: 5 });
    expect(first.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(first.next).toBe(5);
    const second = await staff.value('audit.events', { after: first.next!, limit: 5 });
    expect(second.events[0]?.seq).toBe(6);
    const direct = AuditListResponse.parse((await hub.as('sam').get('/v1/audit?after=5&limit=5')).body);
    expect(second).toEqual(direct);
    const checkpoints = await staff.value('audit.checkpoints', {});
    expect(checkpoints).toEqual((await hub.as('sam').get('/v1/audit/checkpoints')).body);
    if (verify.latestCheckpoint) expect(checkpoints.checkpoints.at(-1)).toEqual(verify.latestCheckpoint);
  });

  it('passes on the hub’s refusal to an assessor, and asks a signed-out device to sign in', async () => {
    const assessor = await startWorkstation({ hubUrl: hub.url, username: 'alice', tuning: { syncPeriodMs: 3_600_000 } });
    const away = await startWorkstation();
    try {
      for (const method of ['staff.decisions', 'audit.verify', 'audit.events'] as const) {
        expect(await assessor.call(method, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
        expect(await away.call(method, {})).toMatchObject({ ok: false, error: { code: 'signed_out' } });
      }
    } finally {
      await assessor.stop();
      await away.stop();
    }
  });

  it('says the hub cannot be reached, for every staff method, once it is gone', async () => {
    await hub.stop();
    const inputs: Partial<Record<MethodName, object>> = {
      'staff.decisions': {}, 'staff.decisionsCsv': {}, 'staff.history': { submissionId: decided[0]!.submissionId },
      'staff.credential': { submissionId: decided[0]!.submissionId }, 'audit.verify': {}, 'audit.events': {}, 'audit.checkpoints': {},
    };
    for (const [method, input] of Object.entries(inputs)) {
      const r = await staff.call(method as MethodName, input as never);
      expect(r, method).toMatchObject({ ok: false, error: { code: 'offline' } });
      expect(!r.ok && r.error.message, method).toContain('staff screens work only online');
    }
  });
});
