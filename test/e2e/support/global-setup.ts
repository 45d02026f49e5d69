import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureRendererBuilt, freePort, REPO_ROOT, startHub, startWebHost, stopProcess, writeState } from './processes.ts';

/**
 * A real hub with the demo data on a fixed port (so the suite can stop and restart it) and
 * the web host beside it, which is pointed at the hub by signing in with its address.
 */
export default async function globalSetup(): Promise<void> {
  await ensureRendererBuilt();
  mkdirSync(join(REPO_ROOT, 'test-results/screens'), { recursive: true });
  const root = mkdtempSync(join(tmpdir(), 'assay-e2e-'));
  const hubDataDir = join(root, 'hub');
  const hubPort = await freePort();
  const hub = await startHub(hubPort, hubDataDir);
  let web;
  try {
    web = await startWebHost(join(root, 'web'));
  } catch (err) {
    await stopProcess(hub.pid);
    throw err;
  }
  writeState({ root, hubPort, hubDataDir, hubPid: hub.pid, hubUrl: hub.url, webPid: web.pid, webUrl: web.url });
}
