import { existsSync, rmSync } from 'node:fs';
import { stopLeftoverDemoHost } from './demo-host.ts';
import { readState, STATE_FILE, stopProcess } from './processes.ts';

export default async function globalTeardown(): Promise<void> {
  await stopLeftoverDemoHost();
  if (!existsSync(STATE_FILE)) return;
  const state = readState();
  await stopProcess(state.webPid);
  await stopProcess(state.hubPid);
  rmSync(state.root, { recursive: true, force: true });
  rmSync(STATE_FILE, { force: true });
}
