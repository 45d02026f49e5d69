import { z } from 'zod';
import { Id } from '../domain/index.ts';
import { ReassignRequest, ReassignResponse, ReliabilityQuery, ReliabilityReport, TurnaroundQuery, TurnaroundReport } from '../protocol/reports.ts';

/**
 * The reliability and turnaround methods of the Workstation API (issue #13): online only,
 * like the other staff reads, each one request to the hub with the signed-in token.
 */
export const reportsMethods = {
  'reports.reliability': { input: ReliabilityQuery, output: ReliabilityReport },
  'reports.turnaround': { input: TurnaroundQuery, output: TurnaroundReport },
  /** Moves open work to another assessor; the hub's refusal keeps its code (resubmission_not_due…). */
  'reports.reassign': { input: z.object({ assignmentId: Id, reason: ReassignRequest.shape.reason }).strict(), output: ReassignResponse },
} as const;
