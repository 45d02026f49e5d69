import type { QueueFilter, QueueItem, QueueSort } from '../../../shared/index.ts';

const KEYS: Record<QueueSort['by'], (i: QueueItem) => string | number> = {
  dueAt: (i) => i.dueAt,
  assignedAt: (i) => i.assignedAt,
  attempt: (i) => i.attempt,
  microCredential: (i) => i.microCredentialTitle.toLowerCase(),
  candidateRef: (i) => i.candidateRef,
};

/** Filters and sorts the queue in memory: one pass and one sort, fast enough for 5,000 rows. */
export function filterQueue(items: readonly QueueItem[], filter: QueueFilter = {}, sort: QueueSort = { by: 'dueAt', dir: 'asc' }): QueueItem[] {
  const statuses = filter.reviewStatus ? new Set(filter.reviewStatus) : null;
  const roles = filter.roles ? new Set(filter.roles) : null;
  const text = filter.text?.trim().toLowerCase() ?? '';
  const kept = items.filter(
    (i) =>
      (statuses === null || statuses.has(i.reviewStatus)) &&
      (roles === null || roles.has(i.role)) &&
      (filter.microCredentialId === undefined || i.microCredentialId === filter.microCredentialId) &&
      (filter.overdue === undefined || i.overdue === filter.overdue) &&
      (text === '' || [i.candidateRef, i.microCredentialTitle, i.assignmentId, i.submissionId].some((s) => s.toLowerCase().includes(text))),
  );
  const key = KEYS[sort.by];
  const sign = sort.dir === 'asc' ? 1 : -1;
  // Ties fall back to the assignment id so the order is stable between calls.
  return kept.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return (x < y ? -1 : x > y ? 1 : a.assignmentId < b.assignmentId ? -1 : a.assignmentId > b.assignmentId ? 1 : 0) * sign;
  });
}

/** The micro-credentials present in the queue, for the filter menu. */
export function queueMicroCredentials(items: readonly QueueItem[]): { id: string; title: string }[] {
  const seen = new Map<string, string>();
  for (const i of items) if (!seen.has(i.microCredentialId)) seen.set(i.microCredentialId, i.microCredentialTitle);
  return [...seen].map(([id, title]) => ({ id, title })).sort((a, b) => a.title.localeCompare(b.title));
}
