import { QualificationState, type AuditEvent, type ReadStanding } from '../../../shared/index.ts';
import type { Repos } from '../../repos/index.ts';

/**
 * The audit actions that set an assessor's standing for a micro-credential. Each names the
 * assessor as its subject (or payload.userId / assessorId) and the micro-credential as
 * payload.microCredentialId; payload.calibratedUntil and an optional payload.state carry the
 * standing. Calibration attempts are read from `calibration.attempt_completed` events
 * (payload attemptId, state passed|failed, completedAt, and exact/adjacent/qwk either flat or
 * under agreement).
 */
export const QUALIFICATION_ACTIONS = ['qualification.set', 'qualification.suspended', 'qualification.reinstated'] as const;
export const ATTEMPT_ACTIONS = ['calibration.attempt_completed'] as const;
/** How far back one read looks for its assessor's standing events, newest first. */
const LOOKBACK = 200;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const forMc = (mcId: string) => (e: AuditEvent) => e.payload.microCredentialId === mcId;

function attemptOf(e: AuditEvent | undefined): ReadStanding['lastAttempt'] {
  if (!e) return null;
  const p = e.payload;
  const state = p.state === 'passed' || p.state === 'failed' ? p.state : null;
  const attemptId = str(p.attemptId) ?? e.subject;
  if (!state) return null;
  const agreement = (p.agreement && typeof p.agreement === 'object' ? p.agreement : p) as Record<string, unknown>;
  return { attemptId, state, completedAt: str(p.completedAt) ?? e.at, exact: num(agreement.exact), adjacent: num(agreement.adjacent), qwk: num(agreement.qwk) };
}

/** The assessor's standing for the micro-credential as the audit log had it just before `beforeSeq`, at time `at`. */
export async function standingAt(repos: Repos, assessorId: string, microCredentialId: string, beforeSeq: number, at: string): Promise<ReadStanding> {
  const qualification = (await repos.audit.latestOf(assessorId, QUALIFICATION_ACTIONS, beforeSeq, LOOKBACK)).find(forMc(microCredentialId));
  const attempt = (await repos.audit.latestOf(assessorId, ATTEMPT_ACTIONS, beforeSeq, LOOKBACK)).find(forMc(microCredentialId));
  const calibratedUntil = str(qualification?.payload.calibratedUntil);
  const stated = QualificationState.safeParse(qualification?.payload.state);
  const state: ReadStanding['state'] = stated.success ? stated.data
    : qualification?.action === 'qualification.suspended' ? 'suspended'
    : calibratedUntil !== null && Date.parse(calibratedUntil) > Date.parse(at) ? 'current' : 'expired';
  return { state, calibratedUntil, lastAttempt: attemptOf(attempt) };
}
