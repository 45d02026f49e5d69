import { describe, expect, it } from 'vitest';
import type { QueueItem } from '../../../shared/index.ts';
import { filterQueue, queueMicroCredentials } from '../../../electron/core/api/queue-filter.ts';

function item(n: number, over: Partial<QueueItem> = {}): QueueItem {
  const day = String(1 + (n % 28)).padStart(2, '0');
  return {
    assignmentId: `as-${String(n).padStart(5, '0')}`,
    submissionId: `sub-${n}`,
    microCredentialId: n % 2 ? 'mc-a' : 'mc-b',
    microCredentialTitle: n % 2 ? 'Questioning' : 'Feedback',
    candidateRef: `cand-${n}`,
    attempt: 1 + (n % 3),
    role: 'primary',
    assignmentState: 'assigned',
    assignedAt: `2026-01-${day}T00:00:00.000Z`,
    dueAt: `2026-02-${day}T00:00:00.000Z`,
    overdue: n % 5 === 0,
    download: { state: 'pending', bytesDone: 0, bytesTotal: 10 },
    reviewStatus: n % 4 === 0 ? 'draft' : 'new',
    qualificationExpired: false,
    ...over,
  };
}

describe('queue filter', () => {
  const items = Array.from({ length: 5000 }, (_, i) => item(i));

  it('combines filters and sorts with a stable tie-break', () => {
    const out = filterQueue(items, { reviewStatus: ['draft'], microCredentialId: 'mc-b', overdue: true }, { by: 'dueAt', dir: 'desc' });
    expect(out.length).toBe(items.filter((i) => i.reviewStatus === 'draft' && i.microCredentialId === 'mc-b' && i.overdue).length);
    expect(out.length).toBeGreaterThan(0);
    for (let k = 1; k < out.length; k++) {
      const [a, b] = [out[k - 1]!, out[k]!];
      expect(a.dueAt > b.dueAt || (a.dueAt === b.dueAt && a.assignmentId > b.assignmentId)).toBe(true);
    }
  });

  it('matches text case-insensitively on candidate, title and ids', () => {
    expect(filterQueue(items, { text: 'CAND-4999' }).map((i) => i.assignmentId)).toEqual(['as-04999']);
    expect(filterQueue(items, { text: 'question' }).length).toBe(2500);
  });

  it('defaults to due date ascending and lists micro-credentials once each', () => {
    const out = filterQueue(items.slice(0, 40));
    expect(out.map((i) => i.dueAt)).toEqual([...out.map((i) => i.dueAt)].sort());
    expect(queueMicroCredentials(items)).toEqual([{ id: 'mc-b', title: 'Feedback' }, { id: 'mc-a', title: 'Questioning' }]);
  });

  it('filters and sorts 5,000 rows quickly', () => {
    const t = performance.now();
    for (let k = 0; k < 10; k++) filterQueue(items, { text: 'cand-1' }, { by: 'microCredential', dir: 'asc' });
    expect((performance.now() - t) / 10).toBeLessThan(100);
  });
});
