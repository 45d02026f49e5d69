import { QualificationState, type AuditEvent, type ReadStanding } from '../../../shared/index.ts';
import type { Repos } from '../../repos/index.ts';

/**
 * The audit actions that set an assessor's standing for a micro-credential. Each names the
 * assessor as its subject (or payload.userId / assessorId) and the micro-credential as
 * payload.microCredentialId; payload.calibratedUntil and an optional payload.state carry the
 * standing. Calibration attempts are read from the `calibration.attempt_passed` and
 * `calibration.attempt_failed` events the scoring of an attempt writes (subject the attempt,
 * payload assessorId, completedAt, and exact/adjacent/qwk under agreement).
 */
export const QUALIFICATION_ACTIONS = ['qualification.set', 'qualification.suspended', 'qualification.reinstated'] as const;
const ATTEMPT_STATES = { 'calibration.attempt_passed': 'passed', 'calibration.attempt_failed': 'failed' } as const;
const ATTEMPT_ACTIONS = Object.keys(ATTEMPT_STATES);
/** How far back one read looks for its assessor's standing events, newest first. */
const LOOKBACK = 200;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const forMc = (mcId: string) => (e: AuditEvent) => e.payload.microCredentialId === mcId;

function attemptOf(e: AuditEvent | undefined): ReadStanding['lastAttempt'] {
  if (!e) return null;
  const p = e.payload;
  const state = ATTEMPT_STATES[e.action as keyof typeof ATTEMPT_STATES];
  const agreement = (p.agreement && typeof p.agreement === 'object' ? p.agreement : p) as Record<string, unknown>;
  return { attemptId: e.subject, state, completedAt: str(p.completedAt) ?? e.at, exact: num(agreement.exact), adjacent: num(agreement.adjacent), qwk: num(agreement.qwk) };
}

/** The assessor's standing for the micro-credential as the audit log had it just before `beforeSeq`, at time `at`. */
export async function standingAt(repos: Repos, assessorId: string, microCredentialId: string, beforeSeq: number, at: string): Promise<ReadStanding> {
  const qualifications = (await repos.audit.latestOf(assessorId, QUALIFICATION_ACTIONS, beforeSeq, LOOKBACK)).filter(forMc(microCredentialId));
  const qualification = qualifications[0];
  const attempt = (await repos.audit.latestOf(assessorId, ATTEMPT_ACTIONS, beforeSeq, LOOKBACK)).find(forMc(microCredentialId));
  // A suspension or reinstatement names no date: the date stands from the latest event that set one.
  const calibratedUntil = qualifications.map((e) => str(e.payload.calibratedUntil)).find((d) => d !== null) ?? null;
  const stated = QualificationState.safeParse(qualification?.payload.state);
  const state: ReadStanding['state'] = stated.success ? stated.data
    : qualification?.action === 'qualification.suspended' ? 'suspended'
    : calibratedUntil !== null && Date.parse(calibratedUntil) > Date.parse(at) ? 'current' : 'expired';
  return { state, calibratedUntil, lastAttempt: attemptOf(attempt) };
}
