// The draft content that revision n of the crash writer saves, so the parent can check
// what a reopened database holds against what was acknowledged.
import type { DraftPatch } from '../../../../shared/index.ts';

export const CRASH_ASSIGNMENT = 'a1';

export function patchForRevision(n: number): Required<Pick<DraftPatch, 'scores' | 'criterionFeedback' | 'criterionRationale' | 'overallFeedback' | 'notes'>> {
  return {
    scores: { c1: (n % 5) + 1, c2: ((n * 3) % 5) + 1 },
    criterionFeedback: { c3: `Follow-up feedback written at revision ${n}` },
    // A master review's rationale is kept with the same durability as feedback.
    criterionRationale: { c2: `Rationale written at revision ${n}` },
    overallFeedback: `Overall comment, revision ${n}. `.repeat(1 + (n % 7)),
    notes: [{ artifactId: 'art-1', atSec: n, text: `note at revision ${n}` }],
  };
}
