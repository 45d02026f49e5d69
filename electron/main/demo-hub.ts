// `npm start -- --demo`: the reference hub in this process on a free loopback port, seeded
// with the bundled demo dataset. The manifest path is passed in (not derived from the
// hub's module location) because the hub is bundled into the main process here.
import { createHub, type Hub } from '../../server/app.ts';
import type { WorkstationOptions } from '../core/ports.ts';
import { readDemoAccounts } from '../web/demo-accounts.ts';

export type EmbeddedDemo = { hub: Hub; info: NonNullable<WorkstationOptions['demo']> };

export async function startEmbeddedDemoHub(dataDir: string, manifestPath: string): Promise<EmbeddedDemo> {
  const hub = await createHub({ dataDir, seed: manifestPath, host: '127.0.0.1', port: 0 });
  return { hub, info: { hubUrl: hub.url, accounts: readDemoAccounts(manifestPath) } };
}
