import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, openStoreOrRecover, quarantine } from '../../../electron/core/store/index.ts';
import { STORE_MIGRATIONS } from '../../../electron/core/store/migrations/index.ts';
import { StoreError } from '../../../electron/core/store/types.ts';
import { COMPLETE_PATCH, fullSync, T0, tempDb, removeTempDirs } from './support/fixtures.ts';

afterEach(removeTempDirs);

function storeError(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (err) {
    if (err instanceof StoreError) return err;
    throw err;
  }
  throw new Error('expected a StoreError');
}

describe('openStore', () => {
  it('creates the schema from an empty file in WAL mode at the latest version', () => {
    const path = tempDb();
    openStore(path).close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(STORE_MIGRATIONS.length);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = raw.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all().map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['assignments', 'drafts', 'journal', 'outbox', 'local_artifacts', 'session', 'sync_state']));
    raw.close();
  });

  it('reopens an existing database without migrating again and keeps its data', () => {
    const path = tempDb();
    const store = openStore(path);
    store.sync.apply(fullSync(), T0.toISOString());
    store.drafts.save('a1', { overallFeedback: 'kept' }, T0);
    store.close();
    const again = openStore(path);
    expect(again.drafts.get('a1')).toMatchObject({ overallFeedback: 'kept', revision: 1 });
    expect(again.sync.cursor()).toBe('cursor-1');
    again.close();
  });

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const path = tempDb();
    openStore(path).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${STORE_MIGRATIONS.length + 1}`);
    raw.close();
    const before = readFileSync(path);
    const err = storeError(() => openStore(path));
    expect(err.code).toBe('newer_database');
    expect(err.message).toMatch(/newer version of Assay/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('sets a file that is not a database aside and says where', () => {
    const path = tempDb();
    writeFileSync(path, Buffer.alloc(8192, 0x5a));
    const err = storeError(() => openStore(path, { now: () => T0 }));
    expect(err.code).toBe('corrupt_database');
    const { quarantinedAs } = err.details as { quarantinedAs: string };
    expect(err.message).toContain(quarantinedAs);
    expect(quarantinedAs).toContain('.corrupt-2026-11-02T09-00-00-000Z');
    expect(existsSync(path)).toBe(false);
    expect(readFileSync(quarantinedAs)[0]).toBe(0x5a);
  });

  it('detects a truncated database with quick_check and recovers to a fresh store', () => {
    const path = tempDb();
    const store = openStore(path);
    store.sync.apply(fullSync(), T0.toISOString());
    for (let i = 0; i < 200; i++) store.drafts.save('a1', { overallFeedback: `revision ${i} `.repeat(200) }, T0);
    store.close();
    const raw = new Database(path);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    truncateSync(path, Math.floor(readFileSync(path).length / 2));

    const { store: fresh, recovered } = openStoreOrRecover(path);
    expect(recovered?.message).toMatch(/damaged and has been set aside/);
    expect(fresh.sync.cursor()).toBeNull();
    expect(fresh.assignments.queue(T0)).toEqual([]);
    fresh.close();
    expect(readdirSync(dirname(path)).some((f) => f.startsWith('workstation.db.corrupt-'))).toBe(true);
  });

  it('answers disk_full when the database cannot grow, keeping the previous revision', () => {
    const path = tempDb();
    const setup = openStore(path);
    setup.sync.apply(fullSync(), T0.toISOString());
    setup.drafts.save('a1', COMPLETE_PATCH, T0);
    setup.close();
    const raw = new Database(path);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    const pages = Number(raw.pragma('page_count', { simple: true })) * Number(raw.pragma('page_size', { simple: true }));
    raw.close();

    const store = openStore(path, { maxBytes: pages });
    const err = storeError(() => store.drafts.save('a1', { overallFeedback: 'x'.repeat(45_000) }, T0));
    expect(err.code).toBe('disk_full');
    expect(err.message).toMatch(/disk is full/);
    expect(store.drafts.get('a1')).toMatchObject({ revision: 1, overallFeedback: COMPLETE_PATCH.overallFeedback });
    expect(store.drafts.save('a1', { overallFeedback: 'short' }, T0).revision).toBe(2);
    store.close();
  });

  it('salvages a file set aside by a start that died before its salvage committed, once', () => {
    const path = tempDb();
    const before = openStore(path);
    before.sync.apply(fullSync(), T0.toISOString());
    before.drafts.save('a1', COMPLETE_PATCH, T0);
    const reviewId = before.drafts.get('a1').reviewId;
    before.close();
    // The damaged file was moved aside; then the process was killed.
    const aside = quarantine(path, T0);

    const { store, recovered } = openStoreOrRecover(path);
    expect(recovered?.quarantinedAs).toBe(aside);
    expect(recovered?.message).toContain('Recovered 1 draft and 0 submitted reviews not yet sent');
    expect(store.owner.unsentWork()).toEqual({ queued: 0, drafts: 1 });
    const changes = store.sync.apply(fullSync(), T0.toISOString());
    expect(changes.recoveredAssignmentIds).toEqual(['a1']);
    const draft = store.drafts.get('a1');
    expect(draft).toMatchObject({ reviewId, status: 'draft', overallFeedback: COMPLETE_PATCH.overallFeedback, scores: COMPLETE_PATCH.scores });
    store.close();
    const again = openStoreOrRecover(path);
    expect(again.recovered).toBeNull();
    expect(again.store.drafts.get('a1').overallFeedback).toBe(COMPLETE_PATCH.overallFeedback);
    again.store.close();
  });
});
