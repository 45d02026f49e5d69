import { z } from 'zod';
import { Id, IsoTime, Uuid } from './ids.ts';

export const EvidenceNote = z
  .object({
    artifactId: Id,
    atSec: z.number().min(0).optional(),
    endSec: z.number().min(0).optional(),
    page: z.number().int().min(1).optional(),
    criterionId: Id.optional(),
    text: z.string().min(1).max(10_000),
  })
  .refine((n) => n.endSec === undefined || (n.atSec !== undefined && n.endSec >= n.atSec), {
    message: 'endSec needs atSec and must not be before it',
    path: ['endSec'],
  });

export const ReviewBody = z.object({
  assignmentId: Id,
  rubricId: Id,
  rubricVersion: z.number().int().min(1),
  scores: z.record(Id, z.number().int()),
  criterionFeedback: z.record(Id, z.string().max(20_000)),
  overallFeedback: z.string().max(50_000),
  notes: z.array(EvidenceNote).max(2000),
  timeSpentSec: z.number().min(0).max(1_000_000),
  /** A master review's reason per criterion (issue #10); required, non-empty, on a `master` assignment. */
  criterionRationale: z.record(Id, z.string().max(20_000)).optional(),
});

export const Decision = z.enum(['earned', 'not_yet']);

export const StoredReview = ReviewBody.extend({
  id: Uuid,
  decision: Decision,
  receivedAt: IsoTime,
  assessorId: Id,
  submissionId: Id,
});

export type EvidenceNote = z.infer<typeof EvidenceNote>;
export type ReviewBody = z.infer<typeof ReviewBody>;
export type Decision = z.infer<typeof Decision>;
export type StoredReview = z.infer<typeof StoredReview>;
