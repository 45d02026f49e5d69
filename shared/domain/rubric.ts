import { z } from 'zod';
import { Id } from './ids.ts';

export const FeedbackRule = z.enum(['optional', 'required', 'required_below_met']);

export const Criterion = z.object({
  id: Id,
  title: z.string().min(1).max(200),
  description: z.string().max(4000),
  weight: z.number().positive().max(1000),
  metLevel: z.number().int().min(1),
  feedback: FeedbackRule,
  /** One descriptor per level; levels are numbered 1..points. */
  levels: z.array(z.string().min(1).max(2000)),
});

export const Rubric = z
  .object({
    id: Id,
    version: z.number().int().min(1),
    title: z.string().min(1).max(200),
    scale: z.object({ points: z.union([z.literal(5), z.literal(7)]), labels: z.array(z.string().min(1).max(80)) }),
    criteria: z.array(Criterion).min(1).max(50),
    /** The weighted mean of levels that an "earned" decision must reach, on the 1..points scale. */
    threshold: z.number().min(1),
  })
  .superRefine((r, ctx) => {
    const n = r.scale.points;
    if (r.scale.labels.length !== n) ctx.addIssue({ code: 'custom', path: ['scale', 'labels'], message: `needs exactly ${n} labels` });
    if (r.threshold > n) ctx.addIssue({ code: 'custom', path: ['threshold'], message: `must be at most ${n}` });
    const seen = new Set<string>();
    r.criteria.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: ['criteria', i, 'id'], message: 'duplicate criterion id' });
      seen.add(c.id);
      if (c.levels.length !== n) ctx.addIssue({ code: 'custom', path: ['criteria', i, 'levels'], message: `needs exactly ${n} level descriptors` });
      if (c.metLevel > n) ctx.addIssue({ code: 'custom', path: ['criteria', i, 'metLevel'], message: `must be at most ${n}` });
    });
  });

export type FeedbackRule = z.infer<typeof FeedbackRule>;
export type Criterion = z.infer<typeof Criterion>;
export type Rubric = z.infer<typeof Rubric>;
