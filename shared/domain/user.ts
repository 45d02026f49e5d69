import { z } from 'zod';
import { Id } from './ids.ts';

export const Role = z.enum(['assessor', 'master_rater', 'staff', 'integration']);
export const UserSummary = z.object({ id: Id, displayName: z.string(), roles: z.array(Role) });

export type Role = z.infer<typeof Role>;
export type UserSummary = z.infer<typeof UserSummary>;
