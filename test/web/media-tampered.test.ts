// A media file damaged on disk (truncated, two chunks swapped), played through the web host's
// media route exactly as the renderer does (GET /media/<id> with Range): the damaged file is
// refused with 503 media_tampered, never played as garbage; another file plays right after;
// the damaged one is dropped and fetched again from the hub, and then plays correctly.
import { readFileSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADER_BYTES } from '../../electron/core/media/chunk-format.ts';
import { startWebHost, type WebHost } from '../../electron/web/host.ts';
import { assignmentsOf, pdfBytes, startFixtureHub, type FixtureHub } from '../hub/fixture-helpers.ts';

const CHUNK = 64 * 1024;
const RECORD = CHUNK + 16;
const base = mkdtempSync(join(tmpdir(), 'assay-tamper-'));
let hub: FixtureHub;
let host: WebHost;
let assignmentId = '';
const originals = new Map<string, Buffer>();
let first = '';
let second = '';

const api = async (method: string, input: unknown) => {
  const res = await fetch(`${host.origin}/api/${method}`, {
    method: 'POST', headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' }, body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!body.ok) throw new Error(`${method} failed: ${JSON.stringify(body.error)}`);
  return body.value as Record<string, unknown>;
};
const media = (id: string, range?: string) =>
  fetch(`${host.origin}/media/${id}`, { headers: { authorization: `Bearer ${host.token}`, ...(range ? { range } : {}) } });
const encPath = (id: string) => join(base, 'data', 'workstation', 'media', `${id}.enc`);

/** Waits until both files are verified on this device (again), as the review page sees it. */
async function bothPresent(): Promise<void> {
  const deadline = Date.now() + 60_000;
  let states: string[] = [];
  while (Date.now() < deadline) {
    const view = (await api('submission.get', { assignmentId })) as { artifacts: { id: string; download: { state: string } }[] };
    states = view.artifacts.filter((a) => originals.has(a.id)).map((a) => a.download.state);
    if (states.length === 2 && states.every((s) => s === 'complete')) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the two files were not both present again within 60 s: ${states.join(', ')}`);
}

async function playsCorrectly(id: string): Promise<void> {
  const whole = await media(id);
  expect(whole.status).toBe(200);
  expect(Buffer.from(await whole.arrayBuffer()).equals(originals.get(id)!)).toBe(true);
  const from = 2 * CHUNK - 10;
  const part = await media(id, `bytes=${from}-${from + 99}`);
  expect(part.status).toBe(206);
  expect(Buffer.from(await part.arrayBuffer()).equals(originals.get(id)!.subarray(from, from + 100))).toBe(true);
}

async function refusedAsTampered(res: Response): Promise<void> {
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(await res.json()).toMatchObject({ error: { code: 'media_tampered', message: expect.stringMatching(/integrity check.*downloaded again/) } });
}

beforeAll(async () => {
  hub = await startFixtureHub(['alice', 'bob', 'carol']);
  const a = await hub.uploadArtifact(pdfBytes(6 * CHUNK + 1234), 'application/pdf', 'evidence-a.pdf');
  const b = await hub.uploadArtifact(pdfBytes(5 * CHUNK + 777), 'application/pdf', 'evidence-b.pdf');
  [first, second] = [a.id as string, b.id as string];
  const submitted = await hub.submit('cand-tamper', { artifactIds: [first, second] });
  const submissionId = (submitted.submission?.id ?? submitted.id) as string;
  let assessor = '';
  for (const user of ['alice', 'bob', 'carol']) {
    for (const [id, asg] of await assignmentsOf(hub, user)) {
      if (asg.submissionId === submissionId) [assessor, assignmentId] = [user, id];
    }
  }
  expect(assessor).not.toBe('');
  for (const id of [first, second]) {
    const res = await fetch(`${hub.url}/v1/artifacts/${id}`, { headers: { authorization: `Bearer ${hub.tokens[assessor]}` } });
    originals.set(id, Buffer.from(await res.arrayBuffer()));
  }
  const rendererRoot = join(base, 'renderer');
  mkdirSync(rendererRoot);
  writeFileSync(join(rendererRoot, 'index.html'), '<!doctype html><title>Assay</title>');
  host = await startWebHost({ dataDir: join(base, 'data'), rendererRoot, tuning: { syncPeriodMs: 3_600_000 } });
  await api('session.signIn', { hubUrl: hub.url, username: assessor, password: 'demo' });
  await api('sync.now', {});
  await bothPresent();
  await playsCorrectly(first);
}, 120_000);
afterAll(async () => {
  await host?.close();
  await hub?.stop();
  rmSync(base, { recursive: true, force: true });
});

describe('a damaged media file behind the media route', () => {
  it('refuses a truncated file as a whole, plays another file right after, and fetches it again', async () => {
    const path = encPath(first);
    truncateSync(path, readFileSync(path).length - 100);
    // Even a range in the intact first chunk is refused: the file as a whole is not the artifact.
    await refusedAsTampered(await media(first, 'bytes=0-99'));
    await playsCorrectly(second);
    await bothPresent();
    await playsCorrectly(first);
  }, 90_000);

  it('refuses a range that meets swapped chunks, cuts one that runs into them, and recovers', async () => {
    const path = encPath(first);
    const bytes = readFileSync(path);
    const at = (i: number) => HEADER_BYTES + i * RECORD;
    const chunk2 = Buffer.from(bytes.subarray(at(2), at(3)));
    bytes.copy(bytes, at(2), at(3), at(4));
    chunk2.copy(bytes, at(3));
    writeFileSync(path, bytes);

    // Chunks that still authenticate are genuine: a range inside them is served as it is.
    const before = await media(first, 'bytes=100-199');
    expect(before.status).toBe(206);
    expect(Buffer.from(await before.arrayBuffer()).equals(originals.get(first)!.subarray(100, 200))).toBe(true);
    // A range that starts in good chunks and runs into the swapped ones: the answer is cut, never garbage.
    const across = await media(first, `bytes=${CHUNK - 50}-${3 * CHUNK + 50}`);
    expect(across.status).toBe(206);
    await expect(across.arrayBuffer()).rejects.toThrow();
    // Found damaged, the file is gone from the device until it is fetched again.
    await bothPresent();
    await playsCorrectly(first);

    writeFileSync(path, bytes);
    await refusedAsTampered(await media(first, `bytes=${2 * CHUNK}-${2 * CHUNK + 9}`));
    await playsCorrectly(second);
    await bothPresent();
    await playsCorrectly(first);
  }, 90_000);
});
