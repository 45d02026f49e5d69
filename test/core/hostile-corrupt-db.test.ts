// A workstation database with a page corrupted in the middle of a table (the drafts table's
// b-tree page, not the file header): the start-up quick_check catches it, the damaged file
// is set aside byte for byte, the user is told where, and the workstation starts on a fresh
// database and syncs again. The unsent draft is not carried over into the fresh database.
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkstation } from '../support/workstation.ts';
import { startFixtureHub, type FixtureHub } from '../hub/fixture-helpers.ts';

let hub: FixtureHub;
const dataDir = mkdtempSync(join(tmpdir(), 'assay-corrupt-'));

beforeAll(async () => {
  hub = await startFixtureHub(['alice', 'bob', 'carol']);
  for (let i = 0; i < 3; i++) await hub.submit(`cand-cd-${i}`);
}, 60_000);
afterAll(async () => {
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a workstation database with a corrupt page', () => {
  it('sets the damaged file aside untouched, says where, and starts fresh', async () => {
    const first = await startWorkstation({ dataDir, hubUrl: hub.url, username: 'alice', tuning: { syncPeriodMs: 3_600_000 } });
    await first.value('sync.now', {});
    const open = (await first.value('queue.list', {})).items.find((i) => i.assignmentState === 'assigned')!;
    await first.value('draft.save', { assignmentId: open.assignmentId, patch: { overallFeedback: 'Unsent work.' } });
    await first.stop();

    const file = join(dataDir, 'assay.db');
    const db = new Database(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pageSize = Number(db.pragma('page_size', { simple: true }));
    const root = db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'drafts'").pluck().get() as number;
    db.close();
    // Garbage over the drafts table's page, past its header: a b-tree page quick_check must reject.
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(pageSize - 16, 0xa5), 0, pageSize - 16, (root - 1) * pageSize + 8);
    closeSync(fd);
    const damaged = readFileSync(file);

    const second = await startWorkstation({ dataDir, tuning: { syncPeriodMs: 3_600_000 } });
    try {
      const aside = readdirSync(dataDir).filter((f) => f.startsWith('assay.db.corrupt-') && !f.endsWith('-wal') && !f.endsWith('-shm'));
      expect(aside).toHaveLength(1);
      // Nothing more is destroyed: the set-aside file is the damaged one, byte for byte.
      expect(readFileSync(join(dataDir, aside[0]!)).equals(damaged)).toBe(true);
      expect(existsSync(file)).toBe(true);
      const status = await second.value('sync.status', {});
      expect(status.lastError).toContain(aside[0]);
      expect(status.lastError).toMatch(/damaged/);
      // The session lived in the damaged file too: the user signs in again and the queue comes back.
      expect((await second.value('session.status', {})).signedIn).toBe(false);
      await second.value('session.signIn', { hubUrl: hub.url, username: 'alice', password: 'demo' });
      await second.value('sync.now', {});
      const queue = await second.value('queue.list', {});
      expect(queue.items.map((i) => i.assignmentId)).toContain(open.assignmentId);
    } finally {
      await second.stop();
    }
  }, 120_000);
});
