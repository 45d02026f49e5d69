// Draft save latency (npm run bench:core): 10,000 patches through the workstation store,
// timed from the call to the committed answer (synchronous=FULL, WAL, journal entries
// included), interleaved with a bare SQLite FULL-commit insert of similar size as the
// baseline on the same disk at the same moment. Writes bench-results/core-drafts.json.
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DraftPatch } from '../../shared/index.ts';
import { openStore } from '../../electron/core/store/open-store.ts';
import { fullSync, T0 } from '../core/store/support/fixtures.ts';
import { REPO_ROOT } from '../support/hub.ts';
import { watchdog } from './support/timeout.ts';

const PATCHES = 10_000;
const WARMUP = 200;
const TARGETS = { draftSaveP95Ms: 50 };

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
// Every save here is synchronous; the watchdog still bounds the run should the disk stall.
const step = watchdog('core-drafts', 15 * 60_000).step;

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { p50Ms: round(at(0.5), 3), p95Ms: round(at(0.95), 3), p99Ms: round(at(0.99), 3), maxMs: round(at(1), 3), meanMs: round(mean, 3) };
}

/** What an assessor's keystrokes send: a level, criterion feedback being typed, the overall comment, notes. */
function patchFor(i: number): DraftPatch {
  switch (i % 4) {
    case 0:
      return { scores: { [`c${(i % 3) + 1}`]: (i % 5) + 1 } };
    case 1:
      return { criterionFeedback: { c3: 'The follow-up questions build on student answers. '.repeat(1 + (i % 8)) } };
    case 2:
      return { overallFeedback: `Overall comment draft ${i}. `.repeat(10 + (i % 40)), addTimeSpentSec: 2 };
    default:
      return { notes: Array.from({ length: 1 + (i % 20) }, (_, n) => ({ artifactId: 'art-1', atSec: n * 7, text: `Evidence note ${n}` })) };
  }
}

function timeMs(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function main() {
  const started = Date.now();
  const loadBefore = loadavg()[0] ?? 0;
  const work = mkdtempSync(join(tmpdir(), 'assay-bench-drafts-'));
  try {
    const store = openStore(join(work, 'workstation.db'));
    store.sync.apply(fullSync(), T0.toISOString());
    const bare = new Database(join(work, 'bare.db'));
    bare.pragma('journal_mode = WAL');
    bare.pragma('synchronous = FULL');
    bare.exec('CREATE TABLE saves (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const insert = bare.prepare('INSERT INTO saves (body) VALUES (?)');

    const draftSamples: number[] = [];
    const bareSamples: number[] = [];
    step(`${WARMUP} warm-up rounds, then ${PATCHES} draft saves interleaved with ${PATCHES} bare FULL commits`);
    for (let i = 0; i < WARMUP + PATCHES; i++) {
      const patch = patchFor(i);
      const body = JSON.stringify(patch);
      const draftMs = timeMs(() => store.drafts.save('a1', patch, new Date()));
      const bareMs = timeMs(() => insert.run(body));
      if (i >= WARMUP) {
        draftSamples.push(draftMs);
        bareSamples.push(bareMs);
      }
    }
    const revision = store.drafts.get('a1').revision;
    store.close();
    bare.close();
    if (revision !== WARMUP + PATCHES) throw new Error(`expected revision ${WARMUP + PATCHES}, found ${revision}`);

    const draftSave = summary(draftSamples);
    const bareCommit = summary(bareSamples);
    const results = {
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version, loadAverage1mBefore: round(loadBefore), loadAverage1mAfter: round(loadavg()[0] ?? 0) },
      setup: { patches: PATCHES, warmup: WARMUP, synchronous: 'FULL', journalMode: 'WAL', tmpdir: tmpdir() },
      draftSave,
      bareFullCommit: bareCommit,
      draftVsBare: { p50: round(draftSave.p50Ms / bareCommit.p50Ms), p95: round(draftSave.p95Ms / bareCommit.p95Ms) },
      targets: TARGETS,
      pass: { draftSaveP95: draftSave.p95Ms <= TARGETS.draftSaveP95Ms },
      seconds: round((Date.now() - started) / 1000, 1),
    };
    mkdirSync(join(REPO_ROOT, 'bench-results'), { recursive: true });
    writeFileSync(join(REPO_ROOT, 'bench-results/core-drafts.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log(
      [
        `draft save:       p50 ${draftSave.p50Ms} ms, p95 ${draftSave.p95Ms} ms (≤ ${TARGETS.draftSaveP95Ms} ms ${results.pass.draftSaveP95 ? 'PASS' : 'FAIL'})`,
        `bare FULL commit: p50 ${bareCommit.p50Ms} ms, p95 ${bareCommit.p95Ms} ms`,
        `written to bench-results/core-drafts.json in ${results.seconds} s`,
      ].join('\n'),
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
