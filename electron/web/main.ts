// Entry point of `npm run web`: starts the demo hub when asked, then the web host, and
// stops both on SIGINT/SIGTERM. The demo hub is stopped on exit and stops by itself if this
// process dies (see demo-hub.ts).
import { join } from 'node:path';
import { readDemoAccounts } from './demo-accounts.ts';
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts';
import { spawnDemoHub, type DemoHubProcess } from './demo-hub.ts';
import { rememberDemoHub, startDemoHubAt, type HubMove } from './demo-hub-address.ts';
import { WEB_USAGE, parseWebArgs, type WebArgs } from './cli-args.ts';
import { DEFAULT_RENDERER_ROOT, startWebHost, type WebHost } from './host.ts';
import { ensureRendererBuilt } from './renderer-build.ts';

function readArgs(): WebArgs {
  try {
    return parseWebArgs(process.argv.slice(2));
  } catch (err) {
    const message = (err as Error).message;
    console.error(message.includes('usage:') ? message : `${message}\n${WEB_USAGE}`);
    process.exit(2);
  }
}

const args = readArgs();
if (!ensureRendererBuilt(DEFAULT_RENDERER_ROOT)) process.exit(1);
let hub: DemoHubProcess | null = null;
let host: WebHost | null = null;
let lock: DataDirLock | null = null;
process.on('exit', () => hub?.killNow());

try {
  // Before the demo hub: a second host on the same folder must not start a second hub in it.
  lock = await lockDataDir(args.dataDir);
  let moved: HubMove | null = null;
  if (args.demo) {
    ({ hub, moved } = await startDemoHubAt(args.dataDir, (port) => spawnDemoHub(join(args.dataDir, 'hub'), port)));
    console.log(`Assay demo hub on ${hub.url} (pid ${hub.pid})`);
  }
  host = await startWebHost({
    dataDir: args.dataDir,
    port: args.port,
    demo: hub ? { hubUrl: hub.url, accounts: readDemoAccounts() } : null,
    hubMoved: moved,
    lock,
  });
  // Only now: the workstation has re-pointed its session (see demo-hub-address.ts).
  if (hub) rememberDemoHub(args.dataDir, hub.url);
  console.log(`Assay web host listening on ${host.url}`);
} catch (err) {
  console.error(`Assay web host could not start: ${(err as Error).message}`);
  await hub?.stop();
  await lock?.release();
  process.exit(1);
}

let stopping = false;
const shutdown = () => {
  if (stopping) return;
  stopping = true;
  void (async () => {
    try {
      await host?.close();
    } finally {
      await hub?.stop();
      process.exit(0);
    }
  })();
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
