import { z } from 'zod';
import { CalibrationPolicy, Id, IsoTime, MicroCredential, PolicyPatch } from '../domain/index.ts';
import { CalibrationAttempt, CalibrationSet, ValidityReadsResponse } from '../protocol/calibration.ts';
import { SyncStatus } from './types.ts';

/** From this many days before expiry the Calibration screen reminds the assessor. */
export const EXPIRY_REMINDER_DAYS = 30;

/**
 * One micro-credential the assessor holds a qualification for, as this device knows it
 * from the last sync (the local clock decides "expired", offline too).
 */
export const CalibrationStanding = z.object({
  microCredentialId: Id,
  title: z.string(),
  calibratedUntil: IsoTime,
  state: z.enum(['current', 'expired', 'suspended']),
  /** Whole days left while current; null once expired or suspended. */
  daysLeft: z.number().int().nullable(),
  /** Calibration items waiting in the queue (an attempt in progress on this device). */
  openCalibrationItems: z.number().int().min(0),
  /** Live assignments held back until the assessor calibrates. */
  lockedAssignments: z.number().int().min(0),
  /** The pass mark and measure results are judged by; null when the device has no copy of the micro-credential. */
  policy: CalibrationPolicy.nullable(),
});

const Empty = z.object({}).strict();
const ForMicroCredential = z.object({ microCredentialId: Id }).strict();

/** The calibration, master-rater and policy methods of the Workstation API (issue #10). */
export const calibrationMethods = {
  'calibration.standing': { input: Empty, output: z.object({ standings: z.array(CalibrationStanding) }) },
  /** Needs the hub: creates the attempt, then syncs so its items download. */
  'calibration.start': { input: ForMicroCredential, output: z.object({ attempt: CalibrationAttempt, sync: SyncStatus }) },
  /** The assessor's own attempts; a master rater's or staff member's view lists everyone's. */
  'calibration.attempts': { input: ForMicroCredential, output: z.object({ attempts: z.array(CalibrationAttempt) }) },
  'calibration.sets': { input: z.object({ microCredentialId: Id.optional() }).strict(), output: z.object({ sets: z.array(CalibrationSet) }) },
  'calibration.publish': { input: z.object({ setId: Id }).strict(), output: z.object({ set: CalibrationSet }) },
  'calibration.validity': { input: z.object({ microCredentialId: Id.optional() }).strict(), output: ValidityReadsResponse },
  /** From this device's store: the criteria and level labels of a micro-credential's rubric, to name what the hub answers by id. */
  'catalog.criteria': {
    input: ForMicroCredential,
    output: z.object({ criteria: z.array(z.object({ id: Id, title: z.string() })), labels: z.array(z.string()) }),
  },
  'policy.list': { input: Empty, output: z.object({ microCredentials: z.array(MicroCredential) }) },
  /** Answers the micro-credential as the hub holds it after the change. */
  'policy.update': { input: z.object({ microCredentialId: Id, patch: PolicyPatch }).strict(), output: z.object({ microCredential: MicroCredential }) },
} as const;

export type CalibrationStanding = z.infer<typeof CalibrationStanding>;

/** Whether a standing carries the "expires in N days" reminder: current, with at most EXPIRY_REMINDER_DAYS left. */
export const remindsOfExpiry = (s: Pick<CalibrationStanding, 'state' | 'daysLeft'>): boolean =>
  s.state === 'current' && s.daysLeft !== null && s.daysLeft <= EXPIRY_REMINDER_DAYS;
