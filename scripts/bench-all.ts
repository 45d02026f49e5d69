// Every benchmark (test/bench/*.bench.ts) in turn, each in its own process so one's load
// does not linger into the next. Results land in bench-results/.
// `npm run bench -- hub core` runs only the benchmarks whose file names contain a word given.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, '..', 'test', 'bench');
const only = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((word) => f.includes(word))))
  .sort();
if (benches.length === 0) {
  console.error(`no benchmark matches ${only.join(' ')}`);
  process.exit(1);
}
/**
 * The last resort: each benchmark bounds its own waits and runs a watchdog that stops its
 * children; one still running after this long is ended here and reported as failed.
 */
const BENCH_TIMEOUT_MS = 45 * 60_000;
const failed: string[] = [];
const started = Date.now();
for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [join(dir, file)], { stdio: 'inherit', env: process.env, timeout: BENCH_TIMEOUT_MS, killSignal: 'SIGTERM' });
  const took = `${Math.round((Date.now() - t0) / 1000)} s`;
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') {
    console.error(`${file} FAILED: still running after ${BENCH_TIMEOUT_MS / 60_000} min, ended`);
    failed.push(file);
  } else if (r.status !== 0) {
    console.error(`${file} FAILED (exit ${r.status ?? r.signal}) after ${took}`);
    failed.push(file);
  } else console.log(`${file} took ${took}`);
}
const total = `${Math.round((Date.now() - started) / 1000)} s`;
console.log(failed.length === 0 ? `\n${benches.length} benchmarks ran in ${total}; results in bench-results/.` : `\nFailed benchmarks: ${failed.join(', ')} (${total} in all)`);
process.exit(failed.length === 0 ? 0 : 1);
