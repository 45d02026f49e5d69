// `npm start -- --demo`: the reference hub in this process on a loopback port that stays the
// same from run to run, seeded with the bundled demo dataset and its year of past work (the first start takes a
// while). The manifest path is passed in (not derived from the
// hub's module location) because the hub is bundled into the main process here.
import { join } from 'node:path';
import { createHub, type Hub } from '../../server/app.ts';
import type { WorkstationOptions } from '../core/ports.ts';
import { readDemoAccounts } from '../web/demo-accounts.ts';
import { rememberDemoHub, startDemoHubAt, type HubMove } from '../web/demo-hub-address.ts';

export type EmbeddedDemo = { hub: Hub; info: NonNullable<WorkstationOptions['demo']>; moved: HubMove | null; remember(): void };

/**
 * Starts the hub on the port it had on the last run in `profileDir` (see demo-hub-address.ts);
 * `moved` is for the workstation, and `remember()` is called once the workstation is up.
 */
export async function startEmbeddedDemoHub(profileDir: string, manifestPath: string): Promise<EmbeddedDemo> {
  // The year of past work by default; ASSAY_DEMO_HISTORY=brief|none (as for `npm run hub`) seeds less, as tests do.
  const asked = process.env.ASSAY_DEMO_HISTORY;
  const demoHistory = asked === 'brief' || asked === 'none' ? asked : 'full';
  const { hub, moved } = await startDemoHubAt(profileDir, (port) => createHub({ dataDir: join(profileDir, 'demo-hub'), seed: manifestPath, demoHistory, host: '127.0.0.1', port }));
  return { hub, info: { hubUrl: hub.url, accounts: readDemoAccounts(manifestPath) }, moved, remember: () => rememberDemoHub(profileDir, hub.url) };
}
