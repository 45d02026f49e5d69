// One web host per data folder, as Electron's single-instance lock gives the desktop app: two
// hosts on one folder would run two sync engines, two outbox senders and two downloaders
// over the same database, secret file and .part files.
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export class DataDirInUseError extends Error {
  readonly code = 'data_dir_in_use';
}

export type DataDirLock = { release(): Promise<void> };

const LOCK_FILE = 'host.lock';
/** Folders this process holds: its own pid in a lock file does not tell them apart from a stale lock. */
const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(path: string): Promise<number | null> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const pid = Number(text.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

/** Creates the lock file whole (written aside, then hard-linked into place) or fails with EEXIST. */
async function createLock(path: string): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, `${process.pid}\n`, { mode: 0o600 });
  try {
    await link(temp, path);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

const inUse = (dir: string, holder: number | null) =>
  new DataDirInUseError(`Another Assay web host${holder ? ` (pid ${holder})` : ''} is using ${dir}: stop it, or start this one with another --data folder.`);

/**
 * Takes `dir` for this process, or throws DataDirInUseError naming the process that holds
 * it. A lock left by a process that no longer runs (a crash, SIGKILL) is taken over; two
 * hosts taking over the same stale lock in the same instant is not guarded against.
 */
export async function lockDataDir(dir: string): Promise<DataDirLock> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, LOCK_FILE);
  if (heldHere.has(path)) throw inUse(dir, process.pid);
  for (let attempt = 0; ; attempt++) {
    try {
      await createLock(path);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = await readHolder(path);
      // Our own pid here, though this process holds no lock, is an earlier run's pid reused.
      const stale = holder === null || holder === process.pid || !isAlive(holder);
      if (!stale || attempt > 0) throw inUse(dir, holder);
      await unlink(path).catch(() => undefined);
    }
  }
  heldHere.add(path);
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      heldHere.delete(path);
      if ((await readHolder(path)) === process.pid) await unlink(path).catch(() => undefined);
    },
  };
}
