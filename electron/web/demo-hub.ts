// The demo hub for `npm run web -- --demo`: the real hub (`node server/main.ts --demo`) as a
// child that never outlives the web host: stopped on exit, and holding the read end of a pipe
// only this process writes to, so it stops by itself when the host dies without a word.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const REPO_ROOT = resolve(import.meta.dirname, '../..');
const LISTENING = /^Assay hub listening on (http:\/\/\S+)$/;

export type DemoHubProcess = { url: string; pid: number; stop(): Promise<void>; killNow(): void };

/** The child's own words when it cannot start, with code EADDRINUSE when its port was taken. */
class DemoHubStartError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code: string | undefined) {
    super(message);
    this.code = code;
  }
}

/** The first start seeds the demo's year of past work: about half a minute on a quiet 2-core machine, more when busy. */
const FIRST_START_MS = 300_000;

export function spawnDemoHub(dataDir: string, port = 0, timeoutMs = FIRST_START_MS): Promise<DemoHubProcess> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'server/main.ts'), '--demo', '--port', String(port), '--data', dataDir, '--exit-with-stdin'], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // Held back until the hub is up: a taken port is retried elsewhere, and its complaint would only mislead.
  let earlyStderr = '';
  const collect = (chunk: Buffer) => (earlyStderr += chunk.toString());
  child.stderr.on('data', collect);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const killNow = () => {
    if (alive()) child.kill('SIGTERM');
  };
  const stop = async () => {
    killNow();
    await exited;
  };
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`the demo hub did not start within ${timeoutMs} ms${earlyStderr ? `: ${earlyStderr.trim()}` : ''}`));
    }, timeoutMs);
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const m = LISTENING.exec(line);
      // Anything else the hub says before it listens (that it is seeding) is for the user too.
      if (!m) console.log(line);
      if (m) {
        clearTimeout(timer);
        child.stderr.off('data', collect);
        process.stderr.write(earlyStderr);
        child.stderr.pipe(process.stderr, { end: false });
        done({ url: m[1] as string, pid: child.pid as number, stop, killNow });
      }
    });
    // 'close', not 'exit': by then all the child wrote to stderr has been read.
    child.once('close', (code) => {
      clearTimeout(timer);
      const said = earlyStderr.trim();
      fail(new DemoHubStartError(`the demo hub exited (${code}) before it was ready${said ? `: ${said}` : ''}`, said.includes('EADDRINUSE') ? 'EADDRINUSE' : undefined));
    });
  });
}
