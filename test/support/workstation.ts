// A Node-side workstation for tests: the real core with plain-file key, secret and settings
// stores in a temporary folder (the same parts the web host uses).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MethodInput, MethodName, MethodOutput, WorkstationEvent } from '../../shared/index.ts';
import { fileKeyProvider } from '../../electron/core/media/key-file.ts';
import type { Workstation, WorkstationOptions } from '../../electron/core/ports.ts';
import { fileSecretStore } from '../../electron/core/secrets/file-secret-store.ts';
import { confSettingsStore } from '../../electron/core/settings/conf-settings.ts';
import { createWorkstation, type EngineTuning } from '../../electron/core/workstation.ts';

export type StartWorkstationOptions = {
  /** Kept after stop when given; a temporary folder (removed on stop) otherwise. */
  dataDir?: string;
  /** Signs in at once when given together with username. */
  hubUrl?: string;
  username?: string;
  password?: string;
  now?: () => Date;
  demo?: WorkstationOptions['demo'];
  hubMoved?: WorkstationOptions['hubMoved'];
  mediaUrl?: (artifactId: string) => string;
  tuning?: EngineTuning;
  /** Replaces the plain-file secret store (e.g. one that fails). */
  secrets?: WorkstationOptions['secrets'];
};

export type TestWorkstation = Workstation & {
  dataDir: string;
  events: WorkstationEvent[];
  /** Calls a method and returns its value, throwing with the error code when it failed. */
  value<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Polls until check(value) holds or the timeout passes. */
  waitFor<M extends MethodName>(method: M, input: MethodInput<M>, check: (v: MethodOutput<M>) => boolean, timeoutMs?: number): Promise<MethodOutput<M>>;
  stop(): Promise<void>;
};

const FAST: EngineTuning = { hubTimeoutMs: 5_000, syncPeriodMs: 60_000, probeMinMs: 200, probeMaxMs: 2_000, outboxBaseDelayMs: 50, outboxMaxDelayMs: 1_000, validateEvents: true };

export async function startWorkstation(opts: StartWorkstationOptions = {}): Promise<TestWorkstation> {
  const ownsDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'assay-ws-'));
  const ws = await createWorkstation(
    {
      dataDir,
      keys: fileKeyProvider(join(dataDir, 'media.key')),
      secrets: opts.secrets ?? fileSecretStore(join(dataDir, 'secrets.json')),
      settings: confSettingsStore(dataDir),
      mediaUrl: opts.mediaUrl ?? ((id) => `http://127.0.0.1/media/${encodeURIComponent(id)}`),
      demo: opts.demo ?? null,
      hubMoved: opts.hubMoved ?? null,
      deviceName: 'test workstation',
      now: opts.now,
    },
    { ...FAST, ...opts.tuning },
  );
  const events: WorkstationEvent[] = [];
  ws.subscribe((e) => events.push(e));

  const value = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    const r = await ws.call(method, input);
    if (!r.ok) throw new Error(`${method} failed: ${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  const waitFor = async <M extends MethodName>(method: M, input: MethodInput<M>, check: (v: MethodOutput<M>) => boolean, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await value(method, input);
      if (check(v)) return v;
      if (Date.now() > deadline) throw new Error(`${method} did not reach the expected state within ${timeoutMs} ms: ${JSON.stringify(v).slice(0, 500)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const stop = async () => {
    await ws.close();
    if (ownsDir) rmSync(dataDir, { recursive: true, force: true });
  };
  if (opts.hubUrl && opts.username) {
    await value('session.signIn', { hubUrl: opts.hubUrl, username: opts.username, password: opts.password ?? 'demo' });
  }
  return Object.assign(ws, { dataDir, events, value, waitFor, stop });
}
