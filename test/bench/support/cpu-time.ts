// CPU time of other processes, for benchmarks that share two cores between a client and the
// hub: a process's user + system seconds from /proc, and a child's from bash's `times`.
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100;

/** The fields of /proc/<pid>/stat after the parenthesised command name (field 3 onwards). */
function statFields(pid: number): string[] {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(') ') + 2).split(' ');
}

/** User + system CPU seconds a running process has used so far (Linux /proc). */
export function processCpuSeconds(pid: number): number {
  // Counted from field 3 (state): utime is field 14, stime 15.
  const fields = statFields(pid);
  const [utime, stime] = [Number(fields[11]), Number(fields[12])];
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`cannot read the CPU time of process ${pid}`);
  return (utime + stime) / CLOCK_TICKS_PER_SECOND;
}

/**
 * CPU seconds of a process and all its children, live and exited: the root's own time, the
 * time of children it has reaped (cutime + cstime, fields 16 and 17) and each live child's
 * own. A PostgreSQL postmaster's backends come and go; this total only grows.
 */
export function treeCpuSeconds(rootPid: number): number {
  const root = statFields(rootPid);
  let ticks = Number(root[11]) + Number(root[12]) + Number(root[13]) + Number(root[14]);
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const f = statFields(Number(name));
      if (Number(f[1]) === rootPid) ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // The process ended between the listing and the read; its time is now in the root's cutime.
    }
  }
  if (!Number.isFinite(ticks)) throw new Error(`cannot read the CPU time of process tree ${rootPid}`);
  return ticks / CLOCK_TICKS_PER_SECOND;
}

/**
 * Wraps a command so bash prints its children's CPU time when it ends (`times`); parse the
 * output with childCpuSeconds.
 */
export const withTimes = (command: string, args: string[]): [string, string[]] => ['bash', ['-c', `"$@" || exit $?; times`, 'bash', command, ...args]];

/** The children's user + system seconds from `times` output ("0m0.012s 0m0.480s" on its second line). */
export function childCpuSeconds(timesOutput: string): number {
  const line = timesOutput.trim().split('\n').at(-1) ?? '';
  const parts = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  if (parts.length !== 2) throw new Error(`unexpected output of bash's times: ${JSON.stringify(timesOutput)}`);
  return (parts[0] as number) + (parts[1] as number);
}
