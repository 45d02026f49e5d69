// A hub that answers /v1/sync with hostile bodies: fast-check mutations of a real answer
// (wrong types, missing and extra fields, hostile strings and numbers), and answers whose
// references dangle (an assignment for a submission not sent, a submission of an unknown
// rubric). Each is either applied as a harmless change or refused with a clear sync error;
// a refused answer changes nothing stored, and drafts, the outbox and present media are kept.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { applyMutation, jsonMutation, jsonText } from '../support/fuzz.ts';
import type { Loose } from '../support/hub.ts';
import { meetEveryCriterion } from '../support/review-content.ts';
import { workstationSnapshot } from '../support/workstation-content.ts';
import { startWorkstation, type TestWorkstation } from '../support/workstation.ts';
import { startFixtureHub, type FixtureHub } from '../hub/fixture-helpers.ts';
import { startInterceptingProxy, type InterceptingProxy } from './support/intercepting-proxy.ts';

let hub: FixtureHub;
let proxy: InterceptingProxy;
let ws: TestWorkstation;
let valid: Loose;
/** The text the fake hub answers /v1/sync with next; the real answer when null. */
let answer: string | null = null;
let releaseReviews: () => void = () => undefined;
const reviewsHeld = new Promise<void>((r) => (releaseReviews = r));
let draftId = '';

const mediaFiles = () => readdirSync(join(ws.dataDir, 'media')).filter((f) => f.endsWith('.enc')).sort();

async function syncWith(text: string) {
  answer = text;
  try {
    return await ws.value('sync.now', {});
  } finally {
    answer = null;
  }
}

/** "opened" reports still in the workstation's outbox, read from its database file. */
function unsentOpenedReports(): number {
  const db = new Database(join(ws.dataDir, 'assay.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare("SELECT count(*) FROM outbox WHERE kind = 'opened'").pluck().get() as number;
  } finally {
    db.close();
  }
}

/** Drafts, the held outbox row and present media are all still there. */
async function nothingLost(media: string[]) {
  expect((await ws.value('draft.get', { assignmentId: draftId })).overallFeedback).toBe('Saved before the hostile hub.');
  expect((await ws.value('outbox.status', {})).pending).toBe(1);
  expect(mediaFiles()).toEqual(expect.arrayContaining(media));
}

beforeAll(async () => {
  hub = await startFixtureHub(['alice', 'bob', 'carol']);
  for (let i = 0; i < 6; i++) await hub.submit(`cand-hs-${i}`);
  valid = (await hub.as('alice').get('/v1/sync')).body;
  proxy = await startInterceptingProxy(hub.url, (method, path) => {
    if (path === '/v1/sync') return { kind: 'reply', status: 200, contentType: 'application/json', body: answer ?? JSON.stringify(valid) };
    // The review stays in the outbox (in flight) for the whole test.
    if (method === 'PUT' && path.startsWith('/v1/reviews/')) return { kind: 'hold', until: reviewsHeld };
    return { kind: 'pass' };
  });
  ws = await startWorkstation({ hubUrl: proxy.url, username: 'alice', tuning: { syncPeriodMs: 3_600_000, hubTimeoutMs: 300_000 } });
  await ws.value('sync.now', {});
  await ws.waitFor('downloads.status', {}, (d) => d.batch.filesTotal > 0 && d.batch.filesDone === d.batch.filesTotal, 60_000);
  const open = (await ws.value('queue.list', {})).items.filter((i) => i.assignmentState === 'assigned');
  draftId = open[0]!.assignmentId;
  await ws.value('draft.save', { assignmentId: draftId, patch: { overallFeedback: 'Saved before the hostile hub.' } });
  const view = await ws.value('submission.get', { assignmentId: open[1]!.assignmentId });
  await ws.value('draft.save', { assignmentId: open[1]!.assignmentId, patch: meetEveryCriterion(view) });
  await ws.value('review.submit', { assignmentId: open[1]!.assignmentId });
  await ws.waitFor('outbox.status', {}, (o) => o.pending === 1);
  // Opening the second assignment queued an "opened" report; its delivery rewrites the outbox,
  // so wait until it is gone before any snapshot is compared.
  await vi.waitFor(() => expect(unsentOpenedReports()).toBe(0), { timeout: 30_000, interval: 100 });
  expect(mediaFiles().length).toBeGreaterThan(0);
}, 120_000);
afterAll(async () => {
  releaseReviews();
  await ws?.stop();
  await proxy?.close();
  await hub?.stop();
});

describe('a hub answering sync with hostile data', () => {
  it.each([
    ['an assignment for a submission it does not send', (v: Loose) => ({ ...v, assignments: [...v.assignments, { ...v.assignments[0], id: 'asg-dangling', submissionId: 'sub-nowhere' }] })],
    ['a submission of a rubric it does not send', (v: Loose) => ({
      ...v,
      submissions: [...v.submissions, { ...v.submissions[0], id: 'sub-odd', rubricId: 'rub-nowhere' }],
      assignments: [...v.assignments, { ...v.assignments[0], id: 'asg-odd', submissionId: 'sub-odd' }],
    })],
    ['an artifact id that is a path', (v: Loose) => ({ ...v, submissions: v.submissions.map((s: Loose, i: number) => (i === 0 ? { ...s, artifacts: [{ ...s.artifacts[0], id: '../../etc/passwd' }] } : s)) })],
    ['not JSON', () => new (class { toJSON() { return undefined; } })()],
  ])('refuses %s with a clear error and keeps everything', async (_name, edit) => {
    const media = mediaFiles();
    const before = workstationSnapshot(ws.dataDir);
    const text = JSON.stringify(edit(structuredClone(valid))) ?? '{"cursor":';
    const status = await syncWith(text);
    expect(status.state).toBe('error');
    expect(status.lastError ?? '').toMatch(/\w{3,}/);
    expect(status.lastError).not.toMatch(/internal/i);
    expect(workstationSnapshot(ws.dataDir)).toEqual(before);
    await nothingLost(media);
    expect((await ws.value('sync.now', {})).state).toBe('idle');
  });

  it('applies or refuses every mutation of a real answer, never losing saved work', async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(jsonMutation(valid), async (m) => {
        const media = mediaFiles();
        const before = workstationSnapshot(ws.dataDir);
        const status = await syncWith(jsonText(applyMutation(valid, m)));
        const what = `${m.kind} ${'path' in m ? JSON.stringify(m.path) : ''}: ${status.state} ${status.lastError ?? ''}`;
        expect(['idle', 'error'], what).toContain(status.state);
        if (status.state === 'error') {
          refused++;
          expect(status.lastError ?? '', what).toMatch(/\w{3,}/);
          expect(workstationSnapshot(ws.dataDir), `a refused answer changed stored state: ${what}`).toEqual(before);
          await nothingLost(media);
        } else {
          // A harmless change was applied; the work saved on this device is still all there.
          expect((await ws.value('draft.get', { assignmentId: draftId })).overallFeedback, what).toBe('Saved before the hostile hub.');
          expect((await ws.value('outbox.status', {})).pending, what).toBe(1);
        }
        expect((await ws.value('sync.now', {})).state, `the real answer applies again after ${what}`).toBe('idle');
        await ws.waitFor('downloads.status', {}, (d) => d.batch.filesDone === d.batch.filesTotal, 60_000);
      }),
      { numRuns: 60 },
    );
    expect(refused).toBeGreaterThan(10);
  }, 180_000);
});
