import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Loose } from '../support/hub.ts';
import { auditEvents, pdfBytes, startFixtureHub, type FixtureHub } from './fixture-helpers.ts';

const LIMIT = 300_000;

describe('artifact intake and download', () => {
  let hub: FixtureHub;
  let bytes: Uint8Array;
  let artifact: Loose;
  let submissionId: string;
  const tmp = mkdtempSync(join(tmpdir(), 'assay-artifacts-'));
  beforeAll(async () => {
    hub = await startFixtureHub(['alice', 'bob', 'carol'], ['--max-artifact-bytes', String(LIMIT)]);
    bytes = pdfBytes(200_000);
    artifact = await hub.uploadArtifact(bytes, 'application/pdf', 'lesson plan.pdf');
    const res = await hub.as('intake-bot').post('/v1/intake/submissions', {
      candidateRef: 'cand-1', microCredentialId: 'mc-questioning', reflection: 'r', artifactIds: [artifact.id],
    });
    expect(res.body.assignments[0].assessorId).toBe('u-alice');
    submissionId = res.body.submission.id;
  });
  afterAll(async () => {
    await hub.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  const url = () => `${hub.url}/v1/artifacts/${artifact.id}`;
  const get = (username: string, headers: Record<string, string> = {}) =>
    fetch(url(), { headers: { authorization: `Bearer ${hub.tokens[username]}`, ...headers } });
  const etag = () => `"${createHash('sha256').update(bytes).digest('hex')}"`;

  it('describes the stored artifact', () => {
    expect(artifact).toMatchObject({ kind: 'document', filename: 'lesson plan.pdf', mediaType: 'application/pdf', bytes: 200_000 });
    expect(`"${artifact.sha256}"`).toBe(etag());
    expect(submissionId).toMatch(/^sub_/);
  });

  it('serves the whole file with Accept-Ranges and the SHA-256 as a strong ETag', async () => {
    const res = await get('alice');
    expect(res.status).toBe(200);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('etag')).toBe(etag());
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await fetch(url(), { method: 'HEAD', headers: { authorization: `Bearer ${hub.tokens.alice}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('200000');
    expect(res.headers.get('etag')).toBe(etag());
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it('answers a range with 206 and Content-Range, and an unsatisfiable one with 416', async () => {
    const part = await get('alice', { range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 100-199/200000');
    expect(Buffer.from(await part.arrayBuffer()).equals(Buffer.from(bytes.subarray(100, 200)))).toBe(true);
    const beyond = await get('alice', { range: 'bytes=200000-' });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */200000');
    expect(((await beyond.json()) as Loose).error.code).toBe('range_not_satisfiable');
  });

  it('honours If-Range: a matching ETag gives the range, another gives the full file', async () => {
    const same = await get('alice', { range: 'bytes=0-9', 'if-range': etag() });
    expect(same.status).toBe(206);
    expect((await same.arrayBuffer()).byteLength).toBe(10);
    const other = await get('alice', { range: 'bytes=0-9', 'if-range': `"${'0'.repeat(64)}"` });
    expect(other.status).toBe(200);
    expect((await other.arrayBuffer()).byteLength).toBe(200_000);
  });

  it('works with curl: a byte range and a resumed download give the same bytes', () => {
    const auth = `Authorization: Bearer ${hub.tokens.alice}`;
    const head = execFileSync('curl', ['-s', '-f', '-r', '0-99', '-H', auth, url()]);
    expect(head.equals(Buffer.from(bytes.subarray(0, 100)))).toBe(true);
    const file = join(tmp, 'resumed.pdf');
    writeFileSync(file, bytes.subarray(0, 12_345));
    execFileSync('curl', ['-s', '-f', '-C', '-', '-o', file, '-H', auth, url()]);
    expect(readFileSync(file).equals(Buffer.from(bytes))).toBe(true);
  });

  it('answers 404 to an assessor without an assignment on it, and serves staff', async () => {
    const bob = await get('bob');
    expect(bob.status).toBe(404);
    expect(((await bob.json()) as Loose).error.code).toBe('not_found');
    expect((await get('sam')).status).toBe(200);
  });

  it('lets the assessor of a later attempt read the earlier attempt artifacts, nobody else', async () => {
    const received = (await auditEvents(hub, 'submission.received')).find((e) => e.subject === 'sub-prev-2');
    const prevArtifact = received.payload.artifactIds[0] as string;
    // alice decided sub-prev-2; carol never touched it until a resubmission may reach her.
    const fetchAs = (u: string) => fetch(`${hub.url}/v1/artifacts/${prevArtifact}`, { headers: { authorization: `Bearer ${hub.tokens[u]}` } });
    expect((await fetchAs('alice')).status).toBe(200);
    expect((await fetchAs('carol')).status).toBe(404);
    await hub.as('sam').patch('/v1/users/u-alice', { active: false });
    const { assignments } = await hub.submit('cand-2', { previousSubmissionId: 'sub-prev-2' });
    const taker = assignments[0].assessorId === 'u-bob' ? 'bob' : 'carol';
    expect((await fetchAs(taker)).status).toBe(200);
    await hub.as('sam').patch('/v1/users/u-alice', { active: true });
  });

  describe('refusals change nothing', () => {
    let storedBefore: number;
    let filesBefore: number;
    beforeAll(async () => {
      storedBefore = (await auditEvents(hub, 'artifact.stored')).length;
      filesBefore = readdirSync(join(hub.dataDir, 'artifacts')).length;
    });
    const upload = (body: unknown, headers: Record<string, string>) => hub.as('intake-bot').post('/v1/intake/artifacts', body, headers);

    it.each([
      ['../evil.pdf'], ['a/b.pdf'], ['a\\b.pdf'], ['a%00b.pdf'], ['a%0Ab.pdf'], [''], ['.hidden.pdf'], [`${'x'.repeat(252)}.pdf`], ['%E0%A4%A'],
    ])('refuses the file name %j with 422', async (name) => {
      const res = await upload(pdfBytes(100), { 'content-type': 'application/pdf', 'x-filename': name });
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ code: 'invalid', details: [{ path: 'X-Filename' }] });
    });

    it('refuses an unknown media type with 415', async () => {
      const res = await upload('MZ', { 'content-type': 'application/x-msdownload', 'x-filename': 'setup.exe' });
      expect(res.status).toBe(415);
      expect(res.body.error.code).toBe('unsupported_media_type');
    });

    it.each([
      ['video/webm', 'clip.webm'], ['video/mp4', 'clip.mp4'], ['image/png', 'a.png'], ['image/jpeg', 'a.jpg'],
    ])('refuses a PDF body labelled %s with 422', async (type, name) => {
      const res = await upload(pdfBytes(100), { 'content-type': type, 'x-filename': name });
      expect(res.status).toBe(422);
      expect(res.body.error.details[0].path).toBe('body');
    });

    it('refuses a body over the limit with 413, declared or streamed', async () => {
      const declared = await upload(pdfBytes(LIMIT + 1), { 'content-type': 'application/pdf', 'x-filename': 'big.pdf' });
      expect(declared.status).toBe(413);
      expect(declared.body.error.code).toBe('payload_too_large');
      const chunk = pdfBytes(64 * 1024);
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent > LIMIT * 2) controller.close();
          else {
            sent += chunk.length;
            controller.enqueue(chunk);
          }
        },
      });
      const res = await fetch(`${hub.url}/v1/intake/artifacts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${hub.tokens['intake-bot']}`, 'content-type': 'application/pdf', 'x-filename': 'streamed.pdf' },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(413);
      expect((await fetch(`${hub.url}/v1/health`)).status).toBe(200);
    });

    it('left no artifact, file, temporary file or audit event behind', async () => {
      expect((await auditEvents(hub, 'artifact.stored')).length).toBe(storedBefore);
      expect(readdirSync(join(hub.dataDir, 'artifacts')).length).toBe(filesBefore);
      expect(readdirSync(join(hub.dataDir, 'tmp'))).toEqual([]);
    });
  });
});
