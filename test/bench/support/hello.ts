// Starts the baseline server (hello-world, optionally serving one file at /file) as a child
// process and resolves with its URL.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export async function startHello(file?: string): Promise<{ url: string; stop(): Promise<void> }> {
  const args = [join(import.meta.dirname, 'hello-server.ts'), ...(file ? [file] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((done, fail) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /^listening on (\S+)$/.exec(line);
      if (m) done(m[1] as string);
    });
    child.once('exit', (code) => fail(new Error(`hello server exited (${code}) before listening`)));
  });
  return {
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
