// Starts shaping-proxy-server.ts (a home link: shared rate, delay, seeded cuts) in its own
// process in front of `upstream`, and collects the cuts it reports.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { withTimeout } from './timeout.ts';

export type HomeLink = { mbit: number; delayMs: number; cutEvery: number; cutIndex: number };
export type ShapingProxy = { url: string; pid: number; cuts: string[]; stop(): Promise<void> };

export async function startShapingProxy(upstream: string, link: HomeLink): Promise<ShapingProxy> {
  const args = [join(import.meta.dirname, 'shaping-proxy-server.ts'), upstream, String(link.mbit), String(link.delayMs), String(link.cutEvery), String(link.cutIndex)];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const cuts: string[] = [];
  const url = await withTimeout(
    new Promise<string>((done, fail) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        const m = /^listening on (\S+)$/.exec(line);
        if (m) done(m[1] as string);
        else if (line.startsWith('cut ')) cuts.push(line.slice(4));
      });
      child.once('exit', (code) => fail(new Error(`the shaping proxy exited (${code}) before listening`)));
    }),
    15_000,
    'the shaping proxy to listen',
  );
  return {
    url,
    pid: child.pid as number,
    cuts,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await withTimeout(once(child, 'exit'), 10_000, 'the shaping proxy to exit');
    },
  };
}
