import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, NewerDatabaseError, type Migration } from '../../shared/sqlite/migrate.ts';

const migrations: Migration[] = [
  { version: 1, name: 'create t', up: (db) => db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)') },
  { version: 2, name: 'add w', up: (db) => db.exec('ALTER TABLE t ADD COLUMN w TEXT') },
];

describe('migrate', () => {
  it('applies every step from an empty database and records the version', () => {
    const db = new Database(':memory:');
    expect(migrate(db, migrations)).toEqual({ from: 0, to: 2 });
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare("SELECT name FROM pragma_table_info('t')").all()).toHaveLength(3);
    expect(migrate(db, migrations)).toEqual({ from: 2, to: 2 });
  });

  it('rolls back a failing step whole and leaves the version where it was', () => {
    const db = new Database(':memory:');
    const failing: Migration[] = [
      migrations[0]!,
      { version: 2, name: 'half', up: (d) => { d.exec('CREATE TABLE u (x)'); d.exec('NOT SQL'); } },
    ];
    expect(() => migrate(db, failing)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'u'").get()).toEqual({ n: 0 });
  });

  it('refuses a database written by a newer version', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 7');
    expect(() => migrate(db, migrations)).toThrow(NewerDatabaseError);
    expect(() => migrate(db, migrations)).toThrow(/newer version of Assay \(schema 7/);
  });

  it('refuses a registry with a gap', () => {
    expect(() => migrate(new Database(':memory:'), [migrations[1]!])).toThrow(/out of order/);
  });
});
