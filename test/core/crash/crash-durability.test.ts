import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/core/store/open-store.ts';
import { fullSync, removeTempDirs, T0, tempDb, tempDir } from '../store/support/fixtures.ts';
import { CRASH_ASSIGNMENT, patchForRevision } from './support/revision-patch.ts';

const CYCLES = 200;
// Two databases killed in parallel halve the wall time on a busy machine.
const LANES = 2;
const WRITER = join(import.meta.dirname, 'support/draft-writer.ts');

afterAll(removeTempDirs);

/** Runs the writer until a random 5–80 ms after it starts writing, SIGKILLs it, and answers the last revision it acknowledged. */
function killWriterAtRandom(dbPath: string, compileCache: string): Promise<{ lastAcked: number; acked: number }> {
  return new Promise((resolve, reject) => {
    // The compile cache cuts each restart's startup, which dominates the test's run time.
    const env = { ...process.env, NODE_COMPILE_CACHE: compileCache };
    const child = spawn(process.execPath, [WRITER, dbPath], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (timer === undefined && out.startsWith('ready\n')) {
        timer = setTimeout(() => child.kill('SIGKILL'), 5 + Math.random() * 75);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`writer ended without being killed (${signal}): ${err}`));
      // Only complete lines were acknowledged; a torn last line was not.
      const lines = out.split('\n').slice(1, -1);
      const revisions = lines.map(Number);
      resolve({ lastAcked: revisions.at(-1) ?? -1, acked: revisions.length });
    });
  });
}

/** Kill/restart cycles on one database; answers how many saves were acknowledged. */
async function runLane(cycles: number, compileCache: string): Promise<number> {
  const dbPath = tempDb();
  const setup = openStore(dbPath);
  setup.sync.apply(fullSync(), T0.toISOString());
  setup.close();

  let previous = 0;
  let totalAcked = 0;
  for (let cycle = 0; cycle < cycles; cycle++) {
    const { lastAcked, acked } = await killWriterAtRandom(dbPath, compileCache);
    totalAcked += acked;
    const store = openStore(dbPath);
    const draft = store.drafts.get(CRASH_ASSIGNMENT);
    store.close();
    const floor = Math.max(lastAcked, previous);
    // At most the one save that committed but was killed before it could say so.
    expect(draft.revision - floor, `cycle ${cycle}: revision ${draft.revision}, acknowledged ${lastAcked}`).toBeGreaterThanOrEqual(0);
    expect(draft.revision - floor).toBeLessThanOrEqual(1);
    if (draft.revision > 0) {
      const expected = patchForRevision(draft.revision);
      expect({
        scores: draft.scores, criterionFeedback: draft.criterionFeedback, criterionRationale: draft.criterionRationale, overallFeedback: draft.overallFeedback, notes: draft.notes,
      }).toEqual(expected);
    }
    const raw = new Database(dbPath, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true }), `cycle ${cycle}`).toBe('ok');
    raw.close();
    previous = draft.revision;
  }

  const store = openStore(dbPath);
  expect(store.journal.verify(CRASH_ASSIGNMENT).ok).toBe(true);
  store.close();
  return totalAcked;
}

describe('crash durability', () => {
  it(`keeps every acknowledged draft save through ${CYCLES} SIGKILLs`, async () => {
    const compileCache = join(tempDir(), 'compile-cache');
    const acked = await Promise.all(Array.from({ length: LANES }, () => runLane(CYCLES / LANES, compileCache)));
    expect(acked.reduce((a, b) => a + b, 0)).toBeGreaterThan(CYCLES);
    // Each cycle starts a process: about 0.3 s on an idle machine, over 1.5 s with both cores busy.
  }, 900_000);
});
