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
const failed: string[] = [];
for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  const r = spawnSync(process.execPath, [join(dir, file)], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) failed.push(file);
}
console.log(failed.length === 0 ? `\n${benches.length} benchmarks ran; results in bench-results/.` : `\nFailed benchmarks: ${failed.join(', ')}`);
process.exit(failed.length === 0 ? 0 : 1);
