import { z } from 'zod';
import { Id } from './ids.ts';

export const DoubleScoring = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('none') }),
  z.object({ mode: z.literal('first_n'), n: z.number().int().min(1) }),
  z.object({ mode: z.literal('all') }),
  z.object({ mode: z.literal('sample'), percent: z.number().min(0).max(100) }),
]);

export const RoutingPolicy = z.object({
  doubleScoring: DoubleScoring,
  validityItemRate: z.number().min(0).max(1),
  slaDays: z.number().int().min(1).max(365),
});

export const MicroCredential = z.object({
  id: Id,
  title: z.string().min(1).max(200),
  competency: z.string().max(2000),
  issuer: z.string().min(1).max(200),
  rubricId: Id,
  rubricVersion: z.number().int().min(1),
  policy: RoutingPolicy,
});

export const DEFAULT_SLA_DAYS = 7;

export type RoutingPolicy = z.infer<typeof RoutingPolicy>;
export type MicroCredential = z.infer<typeof MicroCredential>;
