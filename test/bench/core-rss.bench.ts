// Workstation memory with 5,000 assignments synced: seeds a hub with 5,000 submissions for
// one assessor, signs a Node-side workstation in, syncs, lists the queue, and measures this
// process's RSS after a full GC. Writes bench-results/core-rss.json. Target: ≤ 250 MB.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ASSESSOR, writeBulkManifest } from '../core/exactly-once/support/seed-manifest.ts';
import { REPO_ROOT, startHub } from '../support/hub.ts';
import { startWorkstation } from '../support/workstation.ts';
import { watchdog, withTimeout } from './support/timeout.ts';

const ASSIGNMENTS = Number(process.env.ASSAY_RSS_ASSIGNMENTS ?? 5000);
const TARGET_MB = 250;
const MB = 1024 * 1024;

// A full GC before measuring needs --expose-gc: re-run this file with it when missing.
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  const r = spawnSync(process.execPath, ['--expose-gc', ...process.argv.slice(1)], { stdio: 'inherit', env: process.env });
  process.exit(r.status ?? 1);
}

const settle = async (collect: () => void) => {
  for (let i = 0; i < 3; i++) {
    collect();
    await new Promise((r) => setTimeout(r, 100));
  }
  return process.memoryUsage();
};

const WAIT_MS = 5 * 60_000;
const dog = watchdog('core-rss', 15 * 60_000);
const seedDir = mkdtempSync(join(tmpdir(), 'assay-rss-seed-'));
dog.step(`seeding a hub with ${ASSIGNMENTS} assignments`);
const hub = await withTimeout(startHub({ seed: writeBulkManifest(seedDir, ASSIGNMENTS) }), WAIT_MS, 'the seeded hub to start');
dog.onExpire(() => hub.stop());
const baseline = await settle(gc!);
const ws = await withTimeout(startWorkstation({ tuning: { validateEvents: false } }), WAIT_MS, 'the workstation core to start');
try {
  const t0 = performance.now();
  dog.step('signing in and syncing');
  await withTimeout(ws.value('session.signIn', { hubUrl: hub.url, username: ASSESSOR.username, password: ASSESSOR.password }), WAIT_MS, 'session.signIn');
  const status = await withTimeout(ws.value('sync.now', {}), WAIT_MS, `sync.now of ${ASSIGNMENTS} assignments`);
  if (status.state !== 'idle') throw new Error(`sync ended ${status.state}: ${status.lastError}`);
  const syncMs = performance.now() - t0;
  const t1 = performance.now();
  const queue = await withTimeout(ws.value('queue.list', { sort: { by: 'dueAt', dir: 'asc' } }), WAIT_MS, 'queue.list');
  const queueMs = performance.now() - t1;
  if (queue.total !== ASSIGNMENTS) throw new Error(`expected ${ASSIGNMENTS} assignments, the queue has ${queue.total}`);
  const mem = await settle(gc!);
  const result = {
    benchmark: 'core-rss',
    at: new Date().toISOString(),
    assignments: queue.total,
    rssMb: +(mem.rss / MB).toFixed(1),
    heapUsedMb: +(mem.heapUsed / MB).toFixed(1),
    externalMb: +(mem.external / MB).toFixed(1),
    baselineRssMb: +(baseline.rss / MB).toFixed(1),
    peakRssMb: +(process.resourceUsage().maxRSS / 1024).toFixed(1),
    syncMs: Math.round(syncMs),
    queueListMs: Math.round(queueMs),
    targetRssMb: TARGET_MB,
    pass: mem.rss / MB <= TARGET_MB,
    note: 'RSS of the process running the workstation core (store, sync engine, downloader, handlers), after a forced GC; the hub runs in a child process and is not counted.',
  };
  const out = join(REPO_ROOT, 'bench-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'core-rss.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
  process.exitCode = result.pass ? 0 : 1;
} finally {
  await ws.stop();
  await hub.stop();
  rmSync(seedDir, { recursive: true, force: true });
}
