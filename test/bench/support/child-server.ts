// Starts a small server script (the baselines, the round-robin proxy) as its own process, so
// its CPU time can be read apart from the load generator's, and resolves with its URL once it
// prints "listening on <url>".
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { within } from './deadline.ts';

export type ChildServer = { url: string; pid: number; stop(): Promise<void> };

const running = new Set<ReturnType<typeof spawn>>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startChildServer(script: string, args: readonly string[] = [], timeoutMs = 20_000): Promise<ChildServer> {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  running.add(child);
  const url = await within(
    `${script} to print its listening line`,
    timeoutMs,
    new Promise<string>((done, fail) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        const m = /^listening on (\S+)$/.exec(line);
        if (m) done(m[1] as string);
      });
      child.once('exit', (code) => fail(new Error(`${script} exited (${code}) before listening`)));
    }),
  ).catch((err: unknown) => {
    child.kill('SIGKILL');
    throw err;
  });
  return {
    url,
    pid: child.pid as number,
    async stop() {
      running.delete(child);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await within(`${script} to exit`, 10_000, once(child, 'exit')).catch(() => child.kill('SIGKILL'));
    },
  };
}
