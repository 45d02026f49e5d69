// One web host per data folder, as Electron's single-instance lock gives the desktop app: two
// hosts on one folder would run two sync engines, two outbox senders and two downloaders
// over the same database, secret file and .part files.
//
// The lock is SQLite's own file lock on a small database the host keeps open for its life.
// In EXCLUSIVE locking mode with a rollback journal, the first write takes a POSIX advisory
// lock (fcntl) on the file and never lets go until the connection closes; the kernel drops
// it when the process dies in any way, SIGKILL and power cuts included, so nothing is ever
// stale: no pid to check, no zombie or reused pid to be fooled by. (WAL would put the write
// in the -wal file, where another process's plain read of the header below cannot see it.)
import Database from 'better-sqlite3';
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';

export class DataDirInUseError extends Error {
  readonly code = 'data_dir_in_use';
}

export type DataDirLock = { release(): Promise<void> };

const LOCK_DB = 'host.lock.db';
/** The pid file of earlier versions: it proves nothing, and is removed once the real lock is held. */
const OLD_PID_FILE = 'host.lock';
/** Where SQLite keeps `user_version` in the database header (big-endian, 4 bytes). */
const USER_VERSION_OFFSET = 60;

/**
 * The open lock databases of this process, held here so they are never garbage-collected
 * (closing one drops its lock). A second attempt from this process is refused from here and
 * never opens the file again: POSIX drops every lock a process holds on a file when it
 * closes any descriptor of it.
 */
const heldHere = new Map<string, Database.Database>();

const inUse = (dir: string, holder: number | null) =>
  new DataDirInUseError(`Another Assay web host${holder ? ` (pid ${holder})` : ''} is using ${dir}: stop it, or start this one with another --data folder.`);

/** The holder's pid, for the message only; it was written under the lock, which is what counts. */
async function readHolder(path: string): Promise<number | null> {
  const file = await open(path, 'r').catch(() => null);
  if (!file) return null;
  try {
    const header = Buffer.alloc(4);
    const { bytesRead } = await file.read(header, 0, 4, USER_VERSION_OFFSET);
    const pid = bytesRead === 4 ? header.readUInt32BE(0) : 0;
    return pid > 0 ? pid : null;
  } finally {
    await file.close();
  }
}

/**
 * How long a start waits on a lock it finds taken. Not zero: two hosts starting at the same
 * instant each take a shared lock on the way to the exclusive one, and with no wait both give
 * up and neither runs. A lock held by a running host is refused after this wait.
 */
const CONTENDED_WAIT_MS = 2_000;

const isBusy = (err: unknown) => typeof err === 'object' && err !== null && /^SQLITE_BUSY/.test(String((err as { code?: unknown }).code));

/**
 * Takes `dir` for this process, or throws DataDirInUseError naming the process that holds it.
 * `waitMs` is for tests that race many starts and cannot afford the full wait each time.
 */
export async function lockDataDir(dir: string, { waitMs = CONTENDED_WAIT_MS } = {}): Promise<DataDirLock> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, LOCK_DB);
  if (heldHere.has(path)) throw inUse(dir, process.pid);
  const db = new Database(path, { timeout: waitMs });
  try {
    // Normal locking mode until the lock is won: a loser then lets go of its shared lock while
    // it waits, so the winner can take the exclusive one. Set first, EXCLUSIVE mode would keep
    // each starter's shared lock held, and two at the same instant would wait on each other
    // until both gave up. Set inside the transaction, it keeps the lock once COMMIT ends it.
    db.exec('BEGIN EXCLUSIVE');
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma(`user_version = ${process.pid}`);
    db.exec('COMMIT');
  } catch (err) {
    db.close();
    if (isBusy(err)) throw inUse(dir, await readHolder(path));
    throw err;
  }
  heldHere.set(path, db);
  await rm(join(dir, OLD_PID_FILE), { force: true });
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      heldHere.delete(path);
      db.close();
    },
  };
}
