// The web host started with --demo, which runs its own demo hub as a child. Its pids are
// written to a file as soon as it is up, so the global teardown can stop it even when the
// spec that started it died before its own afterAll.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, startWebHost, stopProcess } from './processes.ts';

export type DemoHost = { pid: number; url: string; hubPid: number; hubUrl: string };

const DEMO_HUB_LINE = /^Assay demo hub on (http:\/\/\S+) \(pid (\d+)\)$/;
const PID_FILE = join(REPO_ROOT, 'test-results/e2e-demo-host.json');

/** The demo hub seeds the past work ASSAY_DEMO_HISTORY names (playwright.config.ts: the brief half-year). */
export async function startDemoHost(dataDir: string): Promise<DemoHost> {
  const web = await startWebHost(dataDir, true);
  const hubLine = web.output.map((line) => DEMO_HUB_LINE.exec(line)).find((m) => m !== null);
  if (!hubLine) {
    await stopProcess(web.pid);
    throw new Error(`the demo web host did not report its hub:\n${web.output.join('\n')}`);
  }
  const host = { pid: web.pid, url: web.url, hubUrl: hubLine[1] as string, hubPid: Number(hubLine[2]) };
  writeFileSync(PID_FILE, JSON.stringify(host));
  return host;
}

/** SIGTERM to the host only: it stops its demo hub itself on the way out. */
export async function stopDemoHost(host: DemoHost): Promise<void> {
  await stopProcess(host.pid);
  rmSync(PID_FILE, { force: true });
}

/** For the global teardown: stops a demo host (and, should it linger, its hub) left running. */
export async function stopLeftoverDemoHost(): Promise<void> {
  if (!existsSync(PID_FILE)) return;
  const host = JSON.parse(readFileSync(PID_FILE, 'utf8')) as DemoHost;
  await stopDemoHost(host);
  await stopProcess(host.hubPid);
}
