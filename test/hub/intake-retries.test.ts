import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ifNoneMatchMatches } from '../../shared/index.ts';
import { assignmentsOf, pdfBytes, startFixtureHub, type FixtureHub } from './fixture-helpers.ts';

let hub: FixtureHub;
beforeAll(async () => {
  hub = await startFixtureHub(['alice', 'bob', 'carol']);
});
afterAll(() => hub.stop());

const intake = (body: Record<string, unknown>) => hub.as('intake-bot').post('/v1/intake/submissions', body);

describe('submission intake retries and evidence ownership', () => {
  it('answers a retried submission with what the first request stored, and refuses the id for another body', async () => {
    const artifact = await hub.uploadArtifact(pdfBytes(1024));
    const body = { id: 'sub-retry-1', candidateRef: 'cand-retry', microCredentialId: 'mc-questioning', reflection: 'Once only.', artifactIds: [artifact.id] };
    const first = await intake(body);
    expect(first.status).toBe(201);
    const again = await intake(body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const assessor = first.body.assignments[0].assessorId as string;
    const username = { 'u-alice': 'alice', 'u-bob': 'bob', 'u-carol': 'carol' }[assessor]!;
    const held = [...(await assignmentsOf(hub, username)).values()].filter((a) => a.submissionId === 'sub-retry-1');
    expect(held).toHaveLength(1);

    const other = await intake({ ...body, reflection: 'A different text.' });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('submission_id_conflict');
  });

  it('refuses text with a NUL byte anywhere in it, not only at the start', async () => {
    const text = new TextEncoder().encode('My reflection, paragraph one.\nParagraph two.');
    const late = new Uint8Array(text);
    late[25] = 0;
    const upload = (body: Uint8Array) => hub.as('intake-bot').post('/v1/intake/artifacts', body, { 'content-type': 'text/plain', 'x-filename': 'notes.txt' });
    expect((await upload(text)).status).toBe(201);
    const refused = await upload(late);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details).toEqual([{ path: 'body', message: 'content does not match Content-Type text/plain' }]);
  });

  it("refuses evidence already part of another candidate's submission, and nothing is stored", async () => {
    const artifact = await hub.uploadArtifact(pdfBytes(1536));
    const mine = await intake({ candidateRef: 'cand-owner', microCredentialId: 'mc-questioning', reflection: 'Mine.', artifactIds: [artifact.id] });
    expect(mine.status).toBe(201);
    const theirs = await intake({ id: 'sub-theft', candidateRef: 'cand-other', microCredentialId: 'mc-questioning', reflection: 'Theirs.', artifactIds: [artifact.id] });
    expect(theirs.status).toBe(422);
    expect(theirs.body.error.details).toEqual([{ path: 'artifactIds.0', message: "already part of another candidate's submission" }]);
    const staff = await hub.as('sam').get('/v1/submissions/sub-theft/result');
    expect(staff.status).toBe(404);
  });
});

describe('HTTP edges', () => {
  it('answers a request target that is not a URL path with 404, not a server error', async () => {
    const port = Number(new URL(hub.url).port);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '//[', method: 'GET' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(404);
  });

  it('compares If-None-Match weakly over a list, with * matching', () => {
    const etag = '"abc"';
    expect(ifNoneMatchMatches(undefined, etag)).toBe(false);
    expect(ifNoneMatchMatches('"abc"', etag)).toBe(true);
    expect(ifNoneMatchMatches('W/"abc"', etag)).toBe(true);
    expect(ifNoneMatchMatches('"x", "abc"', etag)).toBe(true);
    expect(ifNoneMatchMatches('*', etag)).toBe(true);
    expect(ifNoneMatchMatches('"abd"', etag)).toBe(false);
  });

  it('answers 304 to a weak or listed validator of the artifact', async () => {
    const { submission, assignments } = await hub.submit('cand-etag');
    const username = { 'u-alice': 'alice', 'u-bob': 'bob', 'u-carol': 'carol' }[assignments[0].assessorId as string]!;
    const artifact = submission.artifacts[0];
    for (const validator of [`W/"${artifact.sha256}"`, `"nope", "${artifact.sha256}"`, '*']) {
      const res = await fetch(`${hub.url}/v1/artifacts/${artifact.id}`, { headers: { authorization: `Bearer ${hub.tokens[username]}`, 'if-none-match': validator } });
      expect(res.status, validator).toBe(304);
    }
  });
});
