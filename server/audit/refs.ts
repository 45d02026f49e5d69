/**
 * What an audit event is about, for the decision history (issue #12): its subject and the
 * ids its payload names under these keys. Events of any later kind (double scoring,
 * adjudication, consensus, calibration) are found the same way, with no list of actions.
 */
const REF_KEYS = ['submissionId', 'assignmentId', 'reviewId', 'assessorId', 'userId', 'attemptId'] as const;

export function auditRefs(subject: string, payload: Record<string, unknown>): string[] {
  const refs = new Set([subject]);
  for (const key of REF_KEYS) {
    const value = payload[key];
    if (typeof value === 'string' && value !== '') refs.add(value);
  }
  return [...refs];
}
