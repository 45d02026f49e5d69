// SyncResponse fixtures built through the shared schemas, and throwaway database paths.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openStore } from '../../../../electron/core/store/index.ts';
import type { Store } from '../../../../electron/core/store/types.ts';
import {
  Artifact, Assignment, MicroCredential, Rubric, Submission, SyncResponse,
  type LockedCriterion, type StoredReview,
} from '../../../../shared/index.ts';

export const T0 = new Date('2026-11-02T09:00:00.000Z');
export const days = (n: number, from: Date = T0): Date => new Date(from.getTime() + n * 86_400_000);
export const at = (n: number): string => days(n).toISOString();

/** Three criteria on a 5-point scale: feedback required below met, optional, always required. */
export function makeRubric(version = 1): Rubric {
  const levels = ['Beginning', 'Developing', 'Proficient', 'Accomplished', 'Exemplary'];
  const criterion = (id: string, title: string, feedback: 'optional' | 'required' | 'required_below_met') => ({
    id, title, description: `${title} as seen in the evidence`, weight: 1, metLevel: 3, feedback, levels: levels.map((l) => `${l} ${title}`),
  });
  return Rubric.parse({
    id: 'rubric-qt', version, title: 'Questioning techniques', scale: { points: 5, labels: levels }, threshold: 3,
    criteria: [criterion('c1', 'Open questions', 'required_below_met'), criterion('c2', 'Wait time', 'optional'), criterion('c3', 'Follow-up', 'required')],
  });
}

export function makeMicroCredential(id = 'mc-qt', title = 'Questioning Techniques'): MicroCredential {
  return MicroCredential.parse({
    id, title, competency: 'Uses questions to deepen thinking', issuer: 'Demo Issuer', rubricId: 'rubric-qt', rubricVersion: 1,
    policy: { validity: { rate: 0 }, slaDays: 7 },
  });
}

export function makeArtifact(id: string, bytes = 1000, sha = 'a'): Artifact {
  return Artifact.parse({ id, kind: 'video', filename: `${id}.webm`, mediaType: 'video/webm', bytes, sha256: sha.repeat(64).slice(0, 64) });
}

export function makeSubmission(id: string, opts: { attempt?: number; previous?: string | null; artifacts?: Artifact[]; mc?: string } = {}): Submission {
  return Submission.parse({
    id, microCredentialId: opts.mc ?? 'mc-qt', candidateRef: `cand-${id}`, attempt: opts.attempt ?? 1,
    previousSubmissionId: opts.previous ?? null, submittedAt: at(-3), reflection: 'What I tried and why.',
    rubricId: 'rubric-qt', rubricVersion: 1, artifacts: opts.artifacts ?? [makeArtifact(`${id}-video`)],
  });
}

export function makeAssignment(
  id: string,
  submissionId: string,
  opts: { state?: Assignment['state']; dueInDays?: number; role?: Assignment['role']; locked?: Record<string, LockedCriterion>; previous?: { submissionId: string; review: StoredReview } } = {},
): Assignment {
  return Assignment.parse({
    id, submissionId, assessorId: 'u-assessor1', role: opts.role ?? 'primary', state: opts.state ?? 'assigned',
    assignedAt: at(-1), dueAt: at(opts.dueInDays ?? 6), locked: opts.locked ?? {}, ...(opts.previous ? { previous: opts.previous } : {}),
  });
}

export function makePreviousReview(submissionId: string, assignmentId = 'a-prev'): StoredReview {
  return {
    id: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f', assignmentId, submissionId, assessorId: 'u-assessor1', rubricId: 'rubric-qt', rubricVersion: 1,
    scores: { c1: 4, c2: 2, c3: 2 }, criterionFeedback: { c1: 'Strong open questions.', c3: 'Follow up on answers.' },
    overallFeedback: 'Not yet.', notes: [], timeSpentSec: 600, decision: 'not_yet', receivedAt: at(-5),
  };
}

export function makeSync(parts: Partial<SyncResponse> = {}): SyncResponse {
  return SyncResponse.parse({
    cursor: 'c1', assignments: [], revoked: [], submissions: [], rubrics: [], microCredentials: [], qualifications: [], ...parts,
  });
}

/**
 * A first (full) pull: a1 on a first attempt, a2 on a resubmission of s1 whose criterion c1
 * was met before and is locked; qualification current for a year.
 */
export function fullSync(): SyncResponse {
  const s1 = makeSubmission('s1', { artifacts: [makeArtifact('art-1', 1000, 'a'), makeArtifact('art-2', 500, 'b')] });
  const s2 = makeSubmission('s2', { attempt: 2, previous: 's1', artifacts: [makeArtifact('art-3', 2000, 'c')] });
  const prev = makePreviousReview('s1');
  return makeSync({
    cursor: 'cursor-1',
    rubrics: [makeRubric()],
    microCredentials: [makeMicroCredential()],
    qualifications: [{ microCredentialId: 'mc-qt', calibratedUntil: at(365) }],
    submissions: [s1, s2],
    assignments: [
      makeAssignment('a1', 's1'),
      makeAssignment('a2', 's2', { locked: { c1: { level: 4, feedback: 'Strong open questions.' } }, previous: { submissionId: 's1', review: prev } }),
    ],
  });
}

/** A complete review for a1 (no locked criteria). */
export const COMPLETE_PATCH = {
  scores: { c1: 4, c2: 3, c3: 4 },
  criterionFeedback: { c3: 'Good follow-up questions.' },
  overallFeedback: 'Earned: questions open up thinking.',
} as const;

const dirs: string[] = [];
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'assay-store-'));
  dirs.push(dir);
  return dir;
}
export const tempDb = (): string => join(tempDir(), 'workstation.db');
export function removeTempDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/**
 * A fresh store per test holding the full pull of fullSync(), closed and removed after it.
 * Call at the top of a test file; read the store through the returned getter.
 */
export function useSyncedStore(): () => Store {
  let store: Store | undefined;
  beforeEach(() => {
    store = openStore(tempDb());
    store.sync.apply(fullSync(), T0.toISOString());
  });
  afterEach(() => {
    store?.close();
    removeTempDirs();
  });
  return () => store!;
}
