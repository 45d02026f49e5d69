// Generates a hub seed manifest with many small submissions, all routed to one assessor,
// for the exactly-once test and the memory benchmark.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const STAFF = { username: 'staff1', password: 'demo' };
export const ASSESSOR = { username: 'assessor1', password: 'demo', id: 'u-assessor1' };
export const CRITERIA = ['c-evidence', 'c-reflection'] as const;

/** Writes manifest.json (and its one tiny artifact) into dir; answers the manifest path. */
export function writeBulkManifest(dir: string, submissions: number): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'note.txt'), 'A short reflection used as every submission\'s artifact.\n');
  const levels = (title: string) => [1, 2, 3, 4, 5].map((n) => `${title}: level ${n}`);
  const manifest = {
    rubrics: [
      {
        id: 'rub-bulk',
        version: 1,
        title: 'Bulk rubric',
        scale: { points: 5, labels: ['Beginning', 'Developing', 'Proficient', 'Accomplished', 'Exemplary'] },
        criteria: CRITERIA.map((id) => ({ id, title: id, description: `Looks for ${id}`, weight: 1, metLevel: 3, feedback: 'optional', levels: levels(id) })),
        threshold: 3,
      },
    ],
    microCredentials: [
      {
        id: 'mc-bulk',
        title: 'Bulk micro-credential',
        competency: 'Testing at volume',
        issuer: 'Test Issuer',
        rubricId: 'rub-bulk',
        rubricVersion: 1,
        policy: { validity: { rate: 0 }, slaDays: 7 },
      },
    ],
    users: [
      { id: 'u-staff1', username: STAFF.username, displayName: 'Staff One', roles: ['staff'] },
      {
        id: ASSESSOR.id,
        username: ASSESSOR.username,
        displayName: 'Assessor One',
        roles: ['assessor'],
        qualifications: [{ microCredentialId: 'mc-bulk', calibratedUntilDays: 365 }],
      },
    ],
    candidates: Array.from({ length: submissions }, (_, i) => ({ ref: `cand-${i}` })),
    submissions: Array.from({ length: submissions }, (_, i) => ({
      id: `sub-${String(i).padStart(5, '0')}`,
      microCredentialId: 'mc-bulk',
      candidateRef: `cand-${i}`,
      submittedDaysAgo: 1,
      reflection: `Reflection ${i}`,
      artifacts: [{ file: 'note.txt', mediaType: 'text/plain' }],
    })),
  };
  const path = join(dir, 'manifest.json');
  writeFileSync(path, JSON.stringify(manifest));
  return path;
}
