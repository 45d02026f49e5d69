import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArtifactNeed } from '../../../../electron/core/store/types.ts';
import { REPO_ROOT, startHub, type RunningHub } from '../../../support/hub.ts';
import { sha256 } from './harness.ts';

const EBML_MAGIC = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);

/** Random bytes that pass the hub's video/webm signature check. */
export function fakeWebm(bytes: number): Buffer {
  const data = randomBytes(bytes);
  EBML_MAGIC.copy(data, 0);
  return data;
}

/**
 * Writes a seed manifest (the demo's first rubric and micro-credential, one assessor, one
 * submission carrying the given files) into `dir`, starts a hub on it and signs the
 * assessor in. Answers what the assessor needs to download, with each file's plaintext.
 */
export async function startSeededHub(dir: string, sizes: number[]): Promise<{ hub: RunningHub; token: string; needs: ArtifactNeed[]; plain: Map<string, Buffer> }> {
  const demo = JSON.parse(readFileSync(join(REPO_ROOT, 'resources/demo/demo.json'), 'utf8'));
  const rubric = demo.rubrics[0];
  const mc = demo.microCredentials.find((m: { rubricId: string }) => m.rubricId === rubric.id);
  const byHash = new Map<string, Buffer>();
  const artifacts = [];
  for (const [i, size] of sizes.entries()) {
    const data = fakeWebm(size);
    await writeFile(join(dir, `clip-${i}.webm`), data);
    byHash.set(sha256(data), data);
    artifacts.push({ file: `clip-${i}.webm`, mediaType: 'video/webm', durationSec: 10 });
  }
  const manifest = {
    rubrics: [rubric],
    microCredentials: [mc],
    users: [{ id: 'u-dl', username: 'downloader', displayName: 'Download Tester', roles: ['assessor'], qualifications: [{ microCredentialId: mc.id, calibratedUntilDays: 100 }] }],
    candidates: [{ ref: 'cand-dl', school: 'Test School', district: 'Test District' }],
    submissions: [{ id: 'sub-dl', microCredentialId: mc.id, candidateRef: 'cand-dl', submittedDaysAgo: 1, reflection: 'Download test', artifacts }],
  };
  const manifestPath = join(dir, 'manifest.json');
  await writeFile(manifestPath, JSON.stringify(manifest));
  const hub = await startHub({ seed: manifestPath });
  try {
    const token = await hub.signIn('downloader');
    const res = await fetch(`${hub.url}/v1/sync`, { headers: { authorization: `Bearer ${token}` } });
    const sync = (await res.json()) as { assignments: { id: string; submissionId: string }[]; submissions: { id: string; artifacts: { id: string; filename: string; mediaType: string; bytes: number; sha256: string }[] }[] };
    const needs: ArtifactNeed[] = [];
    const plain = new Map<string, Buffer>();
    for (const s of sync.submissions) {
      const assignmentIds = sync.assignments.filter((a) => a.submissionId === s.id).map((a) => a.id);
      for (const a of s.artifacts) {
        needs.push({ artifactId: a.id, submissionId: s.id, assignmentIds, filename: a.filename, mediaType: a.mediaType, bytes: a.bytes, sha256: a.sha256 });
        plain.set(a.id, byHash.get(a.sha256) as Buffer);
      }
    }
    if (needs.length !== sizes.length) throw new Error(`the seeded hub offers ${needs.length} artifacts, expected ${sizes.length}`);
    return { hub, token, needs, plain };
  } catch (err) {
    await hub.stop();
    throw err;
  }
}
