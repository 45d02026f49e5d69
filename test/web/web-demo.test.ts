// `npm run web -- --demo` as a user runs it: the host starts the demo hub as its child and
// takes it down when it exits.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/hub.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'assay-web-demo-'));
const children: ChildProcess[] = [];
const hubPids: number[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const pid of hubPids) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Starts `npm run web -- --demo` and waits for its hub and host lines. */
async function startDemoHost(data: string) {
  const child = spawn(process.execPath, ['electron/web/main.ts', '--demo', '--port', '0', '--data', data], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const lines = createInterface({ input: child.stdout! });
  const seen = { hubUrl: '', hubPid: 0, url: '' };
  await new Promise<void>((done, fail) => {
    lines.on('line', (line) => {
      const hubLine = /^Assay demo hub on (\S+) \(pid (\d+)\)$/.exec(line);
      if (hubLine) {
        Object.assign(seen, { hubUrl: hubLine[1], hubPid: Number(hubLine[2]) });
        hubPids.push(seen.hubPid);
      }
      const hostLine = /^Assay web host listening on (\S+)$/.exec(line);
      if (hostLine) {
        seen.url = hostLine[1]!;
        done();
      }
    });
    child.once('exit', (code) => fail(new Error(`web host exited early (${code})`)));
  });
  return { child, exited, seen };
}

describe('npm run web -- --demo', () => {
  it('runs the demo hub alongside and stops it on SIGTERM', async () => {
    const { child, exited, seen } = await startDemoHost(join(dataDir, 'term'));
    expect(seen.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    const { origin, searchParams } = new URL(seen.url);
    const token = searchParams.get('token')!;

    const status = await fetch(`${origin}/api/session.status`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    const body = (await status.json()) as { value: { demo: { hubUrl: string; accounts: { username: string; password: string }[] } } };
    expect(body.value.demo.hubUrl).toBe(seen.hubUrl);
    expect(body.value.demo.accounts.map((a) => a.username)).toEqual(['assessor1', 'assessor2', 'assessor3', 'assessor4', 'master1', 'staff1']);
    expect((await fetch(`${seen.hubUrl}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'assessor1', password: 'demo', deviceName: 'probe' }) })).status).toBe(201);
    expect(isRunning(seen.hubPid)).toBe(true);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect.poll(() => isRunning(seen.hubPid), { timeout: 10_000 }).toBe(false);
    await expect(fetch(`${seen.hubUrl}/v1/sessions`)).rejects.toThrow();
  }, 90_000);

  it('leaves no demo hub behind when the host is killed outright (SIGKILL runs no exit handler)', async () => {
    const { child, exited, seen } = await startDemoHost(join(dataDir, 'kill'));
    expect((await fetch(`${seen.hubUrl}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(422);
    child.kill('SIGKILL');
    await exited;
    await expect.poll(() => isRunning(seen.hubPid), { timeout: 10_000 }).toBe(false);
    await expect(fetch(`${seen.hubUrl}/v1/sessions`)).rejects.toThrow();
  }, 90_000);

  it('refuses bad arguments with the usage line', async () => {
    const bad = spawn(process.execPath, ['electron/web/main.ts', '--port', 'eighty'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    bad.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((done) => bad.once('exit', done));
    expect(code).toBe(2);
    expect(stderr).toContain('usage: npm run web');
  });
});
