import {
  AuditCheckpoint, AuditEvent, AuditVerifyResponse, DecisionHistoryResponse, DecisionSummary, Rubric, SubmissionResult,
} from '../../../shared/index.ts';
import axe from 'axe-core';
import { AXE_TAGS } from '../../support/axe-tags.ts';

/** Issuer staff fixtures, parsed by the shared schemas so they are shapes the hub may send. */
const iso = (minutes: number) => new Date(Date.UTC(2026, 10, 20, 9) + minutes * 60_000).toISOString();
const hex = (n: number) => n.toString(16).padStart(64, '0');

export const staffUser = { id: 'u-staff', displayName: 'Sky Staff', roles: ['staff'] };

export function auditEvent(seq: number, action = 'review.submitted', subject = 'sub-7'): AuditEvent {
  return AuditEvent.parse({ seq, at: iso(seq), actor: seq % 3 === 0 ? 'system' : 'u-ana', action, subject, payload: {}, prevHash: hex(seq - 1), hash: hex(seq) });
}

export const checkpoint = (seq: number): AuditCheckpoint => AuditCheckpoint.parse({ seq, hash: hex(seq), at: iso(seq + 1), signature: 'c2lnbmF0dXJl' });

export function decisionRow(i: number): DecisionSummary {
  return DecisionSummary.parse({
    submissionId: `sub-${i}`, candidateRef: `cand-${String(i).padStart(5, '0')}`, microCredentialId: i % 2 ? 'mc-q' : 'mc-f', attempt: 1 + (i % 3 === 0 ? 1 : 0),
    decision: i % 4 === 0 ? 'not_yet' : 'earned', basis: 'single', decidedAt: iso(-i), assessorIds: ['u-ana'], rubricId: 'rub-q', rubricVersion: 1,
  });
}

export const verified = (over: Partial<AuditVerifyResponse> = {}): AuditVerifyResponse =>
  AuditVerifyResponse.parse({ ok: true, checked: 240, checkpoints: 2, latestCheckpoint: checkpoint(200), ...over });

export const broken = (firstBadSeq: number): AuditVerifyResponse =>
  AuditVerifyResponse.parse({ ok: false, checked: 240, firstBadSeq, reason: 'entry_mismatch', checkpoints: 2, latestCheckpoint: checkpoint(200) });

const standing = { state: 'current', calibratedUntil: iso(60 * 24 * 90), lastAttempt: { attemptId: 'cal-1', state: 'passed', completedAt: iso(-60 * 24), exact: 0.8, adjacent: 1, qwk: 0.9 } };

/** The decision's rubric; version 2 renames a criterion and relabels the scale, as a later version may. */
export function rubric(version = 1): Rubric {
  const labels = version === 1 ? ['Beginning', 'Developing', 'Proficient', 'Accomplished', 'Exemplary'] : ['Not evident', 'Emerging', 'Secure', 'Strong', 'Outstanding'];
  const criterion = (id: string, title: string) => ({ id, title, description: '', weight: 1, metLevel: 3, feedback: 'optional', levels: labels.map((l) => `${title}: ${l}.`) });
  return Rubric.parse({
    id: 'rub-q', version, title: 'Questioning', scale: { points: 5, labels }, threshold: 3,
    criteria: [criterion('c-questions', 'Questioning techniques'), criterion('c-discourse', version === 1 ? 'Student discourse' : 'Classroom discourse')],
  });
}

export function history(decision: 'earned' | 'not_yet' | null = 'earned'): DecisionHistoryResponse {
  const summary = decision && { ...decisionRow(7), submissionId: 'sub-7', candidateRef: 'cand-00007', decision };
  return DecisionHistoryResponse.parse({
    submissionId: 'sub-7', candidateRef: 'cand-00007', microCredentialId: 'mc-q', attempt: 2, submittedAt: iso(0),
    decision: summary,
    events: [auditEvent(11, 'submission.received'), auditEvent(12, 'assignment.created', 'as-7'), auditEvent(14, 'review.submitted', 'rev-7')],
    reads: decision ? [{
      reviewId: 'rev-7', assignmentId: 'as-7', assessorId: 'u-ana', role: 'primary', receivedAt: iso(30), decision, rubricId: 'rub-q', rubricVersion: 1,
      scores: { 'c-questions': 4, 'c-discourse': decision === 'earned' ? 3 : 2 }, criterionFeedback: { 'c-discourse': 'Pairs talk, the class rarely does.' },
      overallFeedback: 'Good.', standing,
    }] : [],
    selection: { selected: false, rule: 'rate 10%', inputs: {}, seq: 11 },
    attempts: [
      { submissionId: 'sub-3', attempt: 1, submittedAt: iso(-60 * 24 * 30), decision: 'not_yet', decidedAt: iso(-60 * 24 * 29) },
      { submissionId: 'sub-7', attempt: 2, submittedAt: iso(0), decision, decidedAt: decision && iso(30) },
    ],
    rubrics: [rubric(1)],
  });
}

export function finalResult(decision: 'earned' | 'not_yet' = 'earned'): SubmissionResult {
  return SubmissionResult.parse({
    submissionId: 'sub-7', status: 'final', decision, decidedAt: iso(30), reviewId: 'rev-7', rubricId: 'rub-q', rubricVersion: 1, weightedMean: 3.5, basis: 'single',
    criteria: [
      { criterionId: 'c-questions', title: 'Questioning techniques', level: 4, label: 'Accomplished', met: true, feedback: '' },
      { criterionId: 'c-discourse', title: 'Student discourse', level: decision === 'earned' ? 3 : 2, label: decision === 'earned' ? 'Proficient' : 'Developing', met: decision === 'earned', feedback: 'Pairs talk, the class rarely does.' },
    ],
    overallFeedback: 'Good.',
  });
}

/** axe-core over the rendered screen with the suites' tags (colour contrast needs a real browser: see the e2e spec). */
export async function axeViolations(root: Element): Promise<string[]> {
  const result = await axe.run(root, { runOnly: { type: 'tag', values: AXE_TAGS } });
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
