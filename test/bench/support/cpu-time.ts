// CPU time of other processes, for benchmarks that share two cores between a client and the
// hub: a process's user + system seconds from /proc, and a child's from bash's `times`.
import { readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100;

/** User + system CPU seconds a running process has used so far (Linux /proc). */
export function processCpuSeconds(pid: number): number {
  // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const [utime, stime] = [Number(fields[11]), Number(fields[12])];
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`cannot read the CPU time of process ${pid}`);
  return (utime + stime) / CLOCK_TICKS_PER_SECOND;
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
