// Writes a seed manifest (server/seed/manifest.ts format) for the hub benchmark: the
// catalogue, the first assessor, a staff account (to verify the audit chain afterwards),
// and optionally one large video to download, which intake routes to that assessor. The
// other assessors and their work are added by history.ts, whose accounts copy the first
// one's password hash (500 scrypt hashes per engine would dominate the run). Accounts have a
// password of their own, so every hub process serving the database accepts them.
import { randomFillSync } from 'node:crypto';
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { SeedManifestInput as SeedManifest } from '../../../server/seed/manifest.ts';

export type BenchSeed = {
  manifestPath: string;
  assessors: string[];
  staff: string;
  /** The submission whose only artifact is the large video (absent without one). */
  bigSubmissionId: string | null;
  bigFile: string | null;
  /** The small artifact every other submission carries (the history loader reuses its bytes). */
  workFile: string;
};

/** `bigMegabytes` 0 means no large video. */
export type BenchSeedOptions = { assessors: number; bigMegabytes: number };

export const BENCH_PASSWORD = 'bench-password';
export const BENCH_MC = 'bench-mc';
const MC = BENCH_MC;
const RUBRIC = 'bench-rubric';
const LEVELS = ['Beginning', 'Developing', 'Proficient', 'Accomplished', 'Exemplary'];

/** Random bytes behind a WebM (EBML) signature, written in chunks so memory stays flat. */
function writeBigVideo(path: string, bytes: number): void {
  const fd = openSync(path, 'w');
  try {
    const chunk = Buffer.alloc(4 * 1024 * 1024);
    for (let written = 0; written < bytes; written += chunk.length) {
      randomFillSync(chunk);
      if (written === 0) chunk.set([0x1a, 0x45, 0xdf, 0xa3]);
      writeSync(fd, chunk, 0, Math.min(chunk.length, bytes - written));
    }
  } finally {
    closeSync(fd);
  }
}

export function writeBenchSeed(dir: string, opts: BenchSeedOptions): BenchSeed {
  mkdirSync(dir, { recursive: true });
  const bigFile = opts.bigMegabytes > 0 ? join(dir, 'big.webm') : null;
  if (bigFile) writeBigVideo(bigFile, opts.bigMegabytes * 1024 * 1024);
  const workFile = join(dir, 'work.txt');
  writeFileSync(workFile, 'Student work sample: a paragraph with annotations.\n'.repeat(20));

  const assessors = Array.from({ length: opts.assessors }, (_, i) => `bench-a${String(i + 1).padStart(4, '0')}`);
  const bigSubmissionId = bigFile ? 'bench-big' : null;
  const submissions: SeedManifest['submissions'] = bigSubmissionId
    ? [{
        id: bigSubmissionId, microCredentialId: MC, candidateRef: 'bench-c-big', previousSubmissionId: null, submittedDaysAgo: 1,
        reflection: 'I used wait time after each question and recorded how answers changed.',
        artifacts: [{ file: 'big.webm', mediaType: 'video/webm', durationSec: 600 }],
      }]
    : [];
  const staff = 'bench-staff';

  const manifest: SeedManifest = {
    rubrics: [
      {
        id: RUBRIC,
        version: 1,
        title: 'Wait time',
        scale: { points: 5, labels: LEVELS },
        threshold: 3,
        criteria: ['planning', 'practice', 'impact'].map((id) => ({
          id,
          title: id[0]!.toUpperCase() + id.slice(1),
          description: `Evidence of ${id}.`,
          weight: 1,
          metLevel: 3,
          feedback: 'required_below_met' as const,
          levels: LEVELS.map((l) => `${l} ${id}`),
        })),
      },
    ],
    microCredentials: [
      {
        id: MC,
        title: 'Wait time',
        competency: 'Uses wait time to deepen student thinking.',
        issuer: 'Bench issuer',
        rubricId: RUBRIC,
        rubricVersion: 1,
        policy: { validity: { rate: 0 }, slaDays: 7 },
      },
    ],
    users: [
      ...assessors.slice(0, 1).map((username) => ({
        id: username,
        username,
        displayName: `Assessor ${username}`,
        roles: ['assessor' as const],
        active: true,
        password: BENCH_PASSWORD,
        qualifications: [{ microCredentialId: MC, calibratedUntilDays: 365 }],
      })),
      { id: staff, username: staff, displayName: 'Bench staff', roles: ['staff' as const], active: true, password: BENCH_PASSWORD, qualifications: [] },
    ],
    candidates: submissions.map((s) => ({ ref: s.candidateRef })),
    submissions,
  };
  const manifestPath = join(dir, 'bench.json');
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return { manifestPath, assessors, staff, bigSubmissionId, bigFile, workFile };
}
