import { z } from 'zod';
import { Id } from './ids.ts';

/** How calibration qualifies an assessor (issue #10); every field has the documented default. */
export const CalibrationPolicy = z.object({
  passMark: z.number().min(0).max(1).default(0.8),
  measure: z.enum(['exact', 'adjacent']).default('exact'),
  maxDiscrepancy: z.number().int().min(0).max(6).default(2),
  itemsPerAttempt: z.number().int().min(1).max(50).default(3),
  validityDays: z.number().int().min(1).max(3650).default(365),
  retakeAfterHours: z.number().min(0).max(8760).default(24),
}).strict();

/** Master-scored items seeded into live work at `rate`; drift is judged over the last `window` reads. */
export const ValidityPolicy = z.object({
  rate: z.number().min(0).max(1).default(0.05),
  window: z.number().int().min(1).max(1000).default(10),
}).strict();

/** Double scoring (issue #11): which submissions get a second read, and how disagreements resolve. */
export const DoubleScoring = z.object({
  mode: z.enum(['none', 'first_n', 'all', 'sample']).default('none'),
  n: z.number().int().min(1).max(1_000_000).default(50),
  percent: z.number().min(0).max(100).default(10),
  probation: z.object({ reads: z.number().int().min(1).max(10_000).default(20), releaseAt: z.number().min(0).max(1).default(0.8) }).strict().optional(),
  tolerance: z.number().int().min(0).max(6).default(1),
  resolution: z.enum(['adjudication', 'consensus']).default('adjudication'),
  consensusDays: z.number().int().min(1).max(365).default(3),
  /** The sample mode's seed; without one the hub's own (meta `double_scoring_seed`, random at migration 020). */
  seed: z.string().min(1).max(200).optional(),
}).strict();

export const DEFAULT_SLA_DAYS = 7;

/**
 * A micro-credential's policy. Documents written before issue #10 carry
 * `validityItemRate`; it is read as `validity.rate`, so old hub rows, device caches and
 * manifests still parse (hub migration 005 rewrites the stored bodies).
 */
export const RoutingPolicy = z.preprocess(
  (raw) => {
    if (raw === null || typeof raw !== 'object' || !('validityItemRate' in raw)) return raw;
    const { validityItemRate, ...rest } = raw as Record<string, unknown>;
    const validity = (rest.validity ?? {}) as Record<string, unknown>;
    return { ...rest, validity: { rate: validityItemRate, ...validity } };
  },
  z.object({
    calibration: CalibrationPolicy.prefault({}),
    validity: ValidityPolicy.prefault({}),
    doubleScoring: DoubleScoring.prefault({}),
    slaDays: z.number().int().min(1).max(365).default(DEFAULT_SLA_DAYS),
  }).strict(),
);

/** `PATCH /v1/micro-credentials/{id}/policy`: any part of a policy; merged, then validated whole. */
export const PolicyPatch = z.object({
  calibration: z.record(z.string(), z.unknown()).optional(),
  validity: z.record(z.string(), z.unknown()).optional(),
  doubleScoring: z.record(z.string(), z.unknown()).optional(),
  slaDays: z.unknown().optional(),
}).strict();

export const MicroCredential = z.object({
  id: Id,
  title: z.string().min(1).max(200),
  competency: z.string().max(2000),
  issuer: z.string().min(1).max(200),
  rubricId: Id,
  rubricVersion: z.number().int().min(1),
  policy: RoutingPolicy,
  /** How long an earned credential is valid (its Open Badge's validUntil); absent, it does not expire. */
  validForDays: z.number().int().min(1).max(36_500).optional(),
});

export type CalibrationPolicy = z.infer<typeof CalibrationPolicy>;
export type ValidityPolicy = z.infer<typeof ValidityPolicy>;
export type DoubleScoring = z.infer<typeof DoubleScoring>;
export type RoutingPolicy = z.infer<typeof RoutingPolicy>;
export type PolicyPatch = z.infer<typeof PolicyPatch>;
export type MicroCredential = z.infer<typeof MicroCredential>;
