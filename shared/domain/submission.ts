import { z } from 'zod';
import { Id, IsoTime, Sha256Hex } from './ids.ts';

export const ArtifactKind = z.enum(['video', 'document', 'image', 'text', 'captions']);

export const Artifact = z.object({
  id: Id,
  kind: ArtifactKind,
  filename: z.string().min(1).max(255),
  mediaType: z.string().min(1).max(127),
  bytes: z.number().int().min(0),
  sha256: Sha256Hex,
  durationSec: z.number().min(0).optional(),
});

export const Submission = z.object({
  id: Id,
  microCredentialId: Id,
  /** Pseudonymous: assessors never see a candidate's name. */
  candidateRef: Id,
  attempt: z.number().int().min(1),
  previousSubmissionId: Id.nullable(),
  submittedAt: IsoTime,
  reflection: z.string().max(100_000),
  rubricId: Id,
  rubricVersion: z.number().int().min(1),
  artifacts: z.array(Artifact),
});

/** Media types the hub accepts, and the artifact kind each one is. */
export const MEDIA_TYPE_KINDS: Readonly<Record<string, z.infer<typeof ArtifactKind>>> = {
  'video/webm': 'video',
  'video/mp4': 'video',
  'application/pdf': 'document',
  'image/png': 'image',
  'image/jpeg': 'image',
  'image/webp': 'image',
  'text/plain': 'text',
  'text/markdown': 'text',
  'text/vtt': 'captions',
};

export type ArtifactKind = z.infer<typeof ArtifactKind>;
export type Artifact = z.infer<typeof Artifact>;
export type Submission = z.infer<typeof Submission>;
