import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../../shared/index.ts';
import { openStore } from '../../../electron/core/store/index.ts';
import type { Store } from '../../../electron/core/store/types.ts';
import { fullSync, T0, tempDb, removeTempDirs } from './support/fixtures.ts';

let path: string;
let store: Store;
beforeEach(() => {
  path = tempDb();
  store = openStore(path);
  store.sync.apply(fullSync(), T0.toISOString());
});
afterEach(() => {
  store.close();
  removeTempDirs();
});

function tamper(sql: string): void {
  const raw = new Database(path);
  raw.prepare(sql).run();
  raw.close();
}

describe('journal', () => {
  it('chains entries per assignment from the genesis hash', () => {
    const first = store.journal.append('a1', 'opened', {}, T0);
    const second = store.journal.append('a1', 'level_set', { criterionId: 'c1', level: 3 }, T0);
    const other = store.journal.append('a2', 'opened', {}, T0);
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
    expect(other).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
    expect(store.journal.list('a1')).toEqual([first, second]);
    expect(store.journal.verify('a1')).toEqual({ ok: true, checked: 2 });
  });

  it('journals an opening once until something else happens, so re-reading a submission is not a new opening', () => {
    expect(store.journal.recordOpened('a1', T0)).toBe(true);
    expect(store.journal.recordOpened('a1', T0)).toBe(false);
    store.drafts.save('a1', { scores: { c1: 3 } }, T0);
    expect(store.journal.recordOpened('a1', T0)).toBe(true);
    expect(store.journal.list('a1').map((e) => e.action)).toEqual(['opened', 'level_set', 'opened']);
    expect(store.journal.verify('a1')).toEqual({ ok: true, checked: 3 });
  });

  it('detects an edited payload, a forged hash and a deleted entry', () => {
    for (let i = 1; i <= 4; i++) store.journal.append('a1', 'level_set', { criterionId: 'c1', level: i }, T0);
    tamper(`UPDATE journal SET payload = '{"criterionId":"c1","level":5}' WHERE assignment_id = 'a1' AND seq = 3`);
    expect(store.journal.verify('a1')).toEqual({ ok: false, checked: 2, firstBadSeq: 3 });
    tamper(`UPDATE journal SET hash = '${'f'.repeat(64)}' WHERE assignment_id = 'a1' AND seq = 3`);
    expect(store.journal.verify('a1')).toMatchObject({ ok: false, firstBadSeq: 3 });
    tamper(`DELETE FROM journal WHERE assignment_id = 'a1' AND seq = 2`);
    expect(store.journal.verify('a1')).toEqual({ ok: false, checked: 1, firstBadSeq: 3 });
  });
});
