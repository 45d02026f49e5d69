// Writes a seed manifest (server/seed/manifest.ts format) for the hub benchmark: many
// qualified assessors with a few assignments each, and one large video to download.
import { randomFillSync } from 'node:crypto';
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { SeedManifest } from '../../../server/seed/manifest.ts';

export type BenchSeed = {
  manifestPath: string;
  assessors: string[];
  /** The submission whose only artifact is the large video. */
  bigSubmissionId: string;
  bigFile: string;
  bigBytes: number;
};

export type BenchSeedOptions = { assessors: number; submissionsPerAssessor: number; bigMegabytes: number };

const MC = 'bench-mc';
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
  const bigBytes = opts.bigMegabytes * 1024 * 1024;
  const bigFile = join(dir, 'big.webm');
  writeBigVideo(bigFile, bigBytes);
  writeFileSync(join(dir, 'work.txt'), 'Student work sample: a paragraph with annotations.\n'.repeat(20));

  const assessors = Array.from({ length: opts.assessors }, (_, i) => `bench-a${String(i + 1).padStart(4, '0')}`);
  const count = opts.assessors * opts.submissionsPerAssessor;
  const submissions: SeedManifest['submissions'] = Array.from({ length: count }, (_, i) => ({
    id: `bench-s${i + 1}`,
    microCredentialId: MC,
    candidateRef: `bench-c${i + 1}`,
    previousSubmissionId: null,
    submittedDaysAgo: 1,
    reflection: 'I used wait time after each question and recorded how answers changed.',
    artifacts: [{ file: 'work.txt', mediaType: 'text/plain' }],
  }));
  const bigSubmissionId = 'bench-big';
  submissions.push({ ...submissions[0]!, id: bigSubmissionId, candidateRef: 'bench-c-big', artifacts: [{ file: 'big.webm', mediaType: 'video/webm', durationSec: 600 }] });

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
        policy: { doubleScoring: { mode: 'none' }, validityItemRate: 0, slaDays: 7 },
      },
    ],
    users: assessors.map((username) => ({
      id: username,
      username,
      displayName: `Assessor ${username}`,
      roles: ['assessor' as const],
      active: true,
      qualifications: [{ microCredentialId: MC, calibratedUntilDays: 365 }],
    })),
    candidates: submissions.map((s) => ({ ref: s.candidateRef })),
    submissions,
  };
  const manifestPath = join(dir, 'bench.json');
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return { manifestPath, assessors, bigSubmissionId, bigFile, bigBytes };
}
