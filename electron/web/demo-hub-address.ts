// The demo hub keeps its address from one run to the next on a data folder: a demo session
// signed in on an earlier run points at that address, and a hub on a new random port each
// time would leave it "Offline" for good. The port is remembered in the host's data folder
// and asked for again; when something else holds it now, the hub takes a new one and the
// workstation is told where the session's hub went (the same hub, with the same data and
// tokens, since its data folder lives in the host's). Used by both hosts.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const FILE = 'demo-hub.json';
const Remembered = z.object({
  url: z
    .string()
    .regex(/^http:\/\/127\.0\.0\.1:\d{1,5}$/)
    .refine((url) => Number(new URL(url).port) > 0, 'a port 1..65535'),
});

export type HubMove = { from: string; to: string };

function remembered(dataDir: string): { url: string; port: number } | null {
  try {
    const { url } = Remembered.parse(JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')));
    return { url, port: Number(new URL(url).port) };
  } catch {
    // Nothing remembered yet, or a damaged file: that only costs the old address; the hub
    // starts on a free port and no session is re-pointed.
    return null;
  }
}

const portTaken = (err: unknown) => typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'EADDRINUSE';

/**
 * Starts the demo hub with `start(port)` on the port it had last time in `dataDir`, or on a
 * free one (port 0) when that is taken or nothing is remembered. `moved` names the old and
 * new address when they differ, for the workstation to re-point a session signed in there.
 */
export async function startDemoHubAt<H extends { url: string }>(dataDir: string, start: (port: number) => Promise<H>): Promise<{ hub: H; moved: HubMove | null }> {
  const last = remembered(dataDir);
  if (last) {
    try {
      return { hub: await start(last.port), moved: null };
    } catch (err) {
      if (!portTaken(err)) throw err;
    }
  }
  const hub = await start(0);
  return { hub, moved: last && last.url !== hub.url ? { from: last.url, to: hub.url } : null };
}

/**
 * Remembers the running hub's address. Call it once the workstation has started (and so
 * re-pointed its session): remembered earlier, a crash in between would leave the session
 * on an address nothing asks for again.
 */
export function rememberDemoHub(dataDir: string, url: string): void {
  const path = join(dataDir, FILE);
  writeFileSync(`${path}.tmp`, `${JSON.stringify({ url })}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}
