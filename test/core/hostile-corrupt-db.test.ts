// A workstation database with a damaged page: the start-up quick_check catches it, the file
// is set aside byte for byte, and what can still be read from it is carried into the fresh
// database (electron/core/store/salvage*.ts). Each case garbles one b-tree leaf in the middle
// of a table of a real SQLite file and asserts that every row on the other pages comes back:
// edited drafts reappear when their assignments sync, submitted reviews that had not reached
// the hub reach it exactly once, and the status says what happened, in numbers.
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../shared/index.ts';
import { openStore } from '../../electron/core/store/index.ts';
import { meetEveryCriterion } from '../support/review-content.ts';
import { startWorkstation, type TestWorkstation } from '../support/workstation.ts';
import { auditEvents, startFixtureHub, type FixtureHub } from '../hub/fixture-helpers.ts';
import { startInterceptingProxy, type InterceptingProxy } from './support/intercepting-proxy.ts';

let hub: FixtureHub;
let proxy: InterceptingProxy;
/** While true the hub cannot be reached: every request through the proxy gets a gateway error. */
let unreachable = false;
const root = mkdtempSync(join(tmpdir(), 'assay-corrupt-'));
const QUIET = { syncPeriodMs: 3_600_000 };

beforeAll(async () => {
  hub = await startFixtureHub(['alice', 'bob', 'carol']);
  for (let i = 0; i < 40; i++) await hub.submit(`cand-cd-${i}`);
  proxy = await startInterceptingProxy(hub.url, () =>
    unreachable ? { kind: 'reply', status: 502, contentType: 'text/html', body: '<h1>Bad gateway</h1>' } : { kind: 'pass' },
  );
}, 120_000);
afterAll(async () => {
  await proxy?.close();
  await hub?.stop();
  rmSync(root, { recursive: true, force: true });
});

/** Long enough that a table of a dozen rows spans several 4 KiB pages. */
const long = (label: string) => `${label}: ${'the candidate asked open questions and waited for answers. '.repeat(22)}`;

async function openAssignments(ws: TestWorkstation, min: number): Promise<string[]> {
  await ws.value('sync.now', {});
  const ids = (await ws.value('queue.list', {})).items.filter((i) => i.assignmentState === 'assigned').map((i) => i.assignmentId);
  expect(ids.length).toBeGreaterThanOrEqual(min);
  return ids;
}

/** The rowids stored on one table b-tree leaf page (read from the page itself). */
function rowidsOnPage(file: Buffer, pageSize: number, pageno: number): number[] {
  const page = file.subarray((pageno - 1) * pageSize, pageno * pageSize);
  expect(page[0]).toBe(0x0d);
  const varint = (at: number): [number, number] => {
    let value = 0;
    for (let i = 0; i < 9; i++) {
      const byte = page[at + i]!;
      value = value * 128 + (byte & 0x7f);
      if (byte < 0x80) return [value, at + i + 1];
    }
    throw new Error('varint too long');
  };
  const cells = page.readUInt16BE(3);
  return Array.from({ length: cells }, (_, i) => varint(varint(page.readUInt16BE(8 + 2 * i))[1])[0]);
}

/**
 * Garbles a leaf page in the middle of `table` (past its 8-byte header) and answers the keys
 * of the rows that were on it, read from the page before it was garbled.
 */
function corruptMiddleLeaf(dataDir: string, table: string, keyColumn: string): { lost: string[]; all: string[] } {
  const file = join(dataDir, 'assay.db');
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const pageSize = Number(db.pragma('page_size', { simple: true }));
  const leaves = db.prepare<[string], { pageno: number }>("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY path").all(table);
  const keys = new Map(db.prepare<[], { r: number; k: string }>(`SELECT rowid AS r, ${keyColumn} AS k FROM ${table}`).all().map((x) => [x.r, String(x.k)]));
  db.close();
  expect(leaves.length, `${table} should span at least 3 leaf pages`).toBeGreaterThanOrEqual(3);
  const victim = leaves[Math.floor(leaves.length / 2)]!.pageno;
  const lost = rowidsOnPage(readFileSync(file), pageSize, victim).map((r) => keys.get(r)!);
  expect(lost.length).toBeGreaterThan(0);
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(pageSize - 16, 0xa5), 0, pageSize - 16, (victim - 1) * pageSize + 8);
  closeSync(fd);
  return { lost, all: [...keys.values()] };
}

/** The one file set aside, which must be the damaged file byte for byte. */
function setAside(dataDir: string, damaged: Buffer): string {
  const aside = readdirSync(dataDir).filter((f) => f.startsWith('assay.db.corrupt-') && !f.endsWith('-wal') && !f.endsWith('-shm'));
  expect(aside).toHaveLength(1);
  expect(readFileSync(join(dataDir, aside[0]!)).equals(damaged)).toBe(true);
  expect(existsSync(join(dataDir, 'assay.db'))).toBe(true);
  return aside[0]!;
}

function journalCounts(file: string): Map<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    return new Map(db.prepare<[], { a: string; n: number }>('SELECT assignment_id AS a, count(*) AS n FROM journal GROUP BY assignment_id').all().map((r) => [r.a, r.n]));
  } finally {
    db.close();
  }
}

async function submitted(reviewIds: string[]): Promise<Map<string, number>> {
  const counts = new Map(reviewIds.map((id) => [id, 0]));
  for (const e of await auditEvents(hub, 'review.submitted')) {
    const target = String(e.subject);
    if (counts.has(target)) counts.set(target, counts.get(target)! + 1);
  }
  return counts;
}

describe('a workstation database with a corrupt page', () => {
  it('brings back every draft on an undamaged page of the drafts table, and names what was lost', async () => {
    const dataDir = join(root, 'drafts');
    const first = await startWorkstation({ dataDir, hubUrl: hub.url, username: 'alice', tuning: QUIET });
    const ids = (await openAssignments(first, 8)).slice(0, 12);
    for (const id of ids) await first.value('draft.save', { assignmentId: id, patch: { overallFeedback: long(id) } });
    await first.stop();
    const { lost } = corruptMiddleLeaf(dataDir, 'drafts', 'assignment_id');
    const damaged = readFileSync(join(dataDir, 'assay.db'));

    const second = await startWorkstation({ dataDir, tuning: QUIET });
    try {
      const aside = setAside(dataDir, damaged);
      const kept = ids.length - lost.length;
      const status = await second.value('sync.status', {});
      expect(status.lastError).toContain(aside);
      expect(status.lastError).toContain(`Recovered ${kept} drafts and 0 submitted reviews not yet sent`);
      expect(status.lastError).toContain(`Could not be read: ${lost.length} draft row(s)`);
      // The session was on an undamaged page: still signed in, no new sign-in needed.
      expect((await second.value('session.status', {})).signedIn).toBe(true);
      await second.value('sync.now', {});
      for (const id of ids) {
        const draft = await second.value('draft.get', { assignmentId: id });
        expect(draft.overallFeedback, id).toBe(lost.includes(id) ? '' : long(id));
      }
      // The recovered drafts are the assessor's own again: they can be edited and journal on.
      const back = ids.find((id) => !lost.includes(id))!;
      await second.value('draft.save', { assignmentId: back, patch: { overallFeedback: 'Edited after the recovery.' } });
      expect((await second.value('draft.get', { assignmentId: back })).overallFeedback).toBe('Edited after the recovery.');
    } finally {
      await second.stop();
    }
  }, 180_000);

  it('sends every submitted review of a damaged outbox exactly once, also after waiting out an unreachable hub and a restart', async () => {
    const dataDir = join(root, 'outbox');
    const first = await startWorkstation({ dataDir, hubUrl: proxy.url, username: 'bob', tuning: QUIET });
    const ids = (await openAssignments(first, 8)).slice(0, 12);
    // Open every assignment while the hub answers, so their "opened" reports are delivered
    // and the outbox that gets damaged holds only the submitted reviews.
    const views = new Map<string, MethodOutput<'submission.get'>>();
    for (const id of ids) views.set(id, await first.value('submission.get', { assignmentId: id }));
    await expect.poll(async () => (await auditEvents(hub, 'assignment.opened')).filter((e) => ids.includes(e.subject)).length, { timeout: 30_000 }).toBe(ids.length);
    unreachable = true;
    const reviewIds: string[] = [];
    for (const id of ids) {
      const view = views.get(id)!;
      await first.value('draft.save', { assignmentId: id, patch: meetEveryCriterion(view, long(id)) });
      reviewIds.push((await first.value('review.submit', { assignmentId: id })).reviewId);
    }
    expect((await first.value('outbox.status', {})).pending).toBe(ids.length);
    await first.stop();
    const { lost } = corruptMiddleLeaf(dataDir, 'outbox', 'client_id');
    const damaged = readFileSync(join(dataDir, 'assay.db'));

    // The hub is still unreachable: the salvaged reviews wait in the fresh database, across a restart.
    const second = await startWorkstation({ dataDir, tuning: QUIET });
    let status;
    try {
      const aside = setAside(dataDir, damaged);
      status = await second.value('sync.status', {});
      expect(status.lastError).toContain(aside);
      // The reviews whose outbox rows were on the damaged page are rebuilt from their frozen drafts.
      expect(status.lastError).toContain(`Recovered 0 drafts and ${ids.length} submitted reviews not yet sent`);
      expect(status.lastError).toContain('Everything unsent could be read');
      await second.value('sync.now', {});
    } finally {
      await second.stop();
    }
    expect([...(await submitted(reviewIds)).values()].every((n) => n === 0)).toBe(true);
    unreachable = false;
    const third = await startWorkstation({ dataDir, tuning: QUIET });
    try {
      await third.value('sync.now', {});
      await third.waitFor('outbox.status', {}, (o) => o.pending === 0, 60_000);
      for (const id of ids) expect((await third.value('draft.get', { assignmentId: id })).status, id).toBe('synced');
      const counts = await submitted(reviewIds);
      expect(Object.fromEntries(counts)).toEqual(Object.fromEntries(reviewIds.map((r) => [r, 1])));
      expect(lost.every((clientId) => counts.get(clientId) === 1)).toBe(true);
    } finally {
      await third.stop();
    }
  }, 180_000);

  it('loses no unsent work when the damage is in the scoring journal, and says how many entries are gone', async () => {
    const dataDir = join(root, 'journal');
    const first = await startWorkstation({ dataDir, hubUrl: hub.url, username: 'carol', tuning: QUIET });
    const ids = (await openAssignments(first, 6)).slice(0, 12);
    for (let round = 0; round < 8; round++) {
      for (const id of ids) await first.value('draft.save', { assignmentId: id, patch: { overallFeedback: `${long(id)} (round ${round})` } });
    }
    await first.stop();
    const before = journalCounts(join(dataDir, 'assay.db'));
    const { lost } = corruptMiddleLeaf(dataDir, 'journal', "assignment_id || '#' || seq");
    const damaged = readFileSync(join(dataDir, 'assay.db'));

    const second = await startWorkstation({ dataDir, tuning: QUIET });
    try {
      setAside(dataDir, damaged);
      const status = await second.value('sync.status', {});
      expect(status.lastError).toContain(`Recovered ${ids.length} drafts and 0 submitted reviews not yet sent`);
      expect(status.lastError).toContain(`Could not be read: ${lost.length} journal entr(ies)`);
      await second.value('sync.now', {});
      for (const id of ids) expect((await second.value('draft.get', { assignmentId: id })).overallFeedback).toBe(`${long(id)} (round 7)`);
    } finally {
      await second.stop();
    }
    // Every journal entry on an undamaged page came back; a chain with a gap says where it breaks.
    const lostBy = (id: string) => lost.filter((k) => k.startsWith(`${id}#`)).length;
    expect(journalCounts(join(dataDir, 'assay.db'))).toEqual(new Map([...before].map(([id, n]): [string, number] => [id, n - lostBy(id)]).filter(([, n]) => n !== 0)));
    const store = openStore(join(dataDir, 'assay.db'));
    try {
      for (const id of ids) {
        const verified = store.journal.verify(id);
        if (lostBy(id) === 0) expect(verified).toEqual({ ok: true, checked: before.get(id) });
        else expect(verified.ok).toBe(false);
      }
    } finally {
      store.close();
    }
  }, 180_000);

  it('starts clean with a clear message when the first page is damaged and nothing can be read', async () => {
    const dataDir = join(root, 'header');
    const first = await startWorkstation({ dataDir, hubUrl: hub.url, username: 'alice', tuning: QUIET });
    const [open] = await openAssignments(first, 1);
    await first.value('draft.save', { assignmentId: open!, patch: { overallFeedback: 'Unsent work.' } });
    await first.stop();
    const file = join(dataDir, 'assay.db');
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 0);
    closeSync(fd);
    const damaged = readFileSync(file);

    const second = await startWorkstation({ dataDir, tuning: QUIET });
    try {
      const aside = setAside(dataDir, damaged);
      const status = await second.value('sync.status', {});
      expect(status.lastError).toContain(aside);
      expect(status.lastError).toMatch(/Nothing could be read from the damaged file, so there was nothing to recover/);
      expect(status.lastError).toMatch(/Please sign in again/);
      expect((await second.value('session.status', {})).signedIn).toBe(false);
      await second.value('session.signIn', { hubUrl: hub.url, username: 'alice', password: 'demo' });
      await second.value('sync.now', {});
      expect((await second.value('queue.list', {})).items.map((i) => i.assignmentId)).toContain(open);
    } finally {
      await second.stop();
    }
  }, 120_000);
});
