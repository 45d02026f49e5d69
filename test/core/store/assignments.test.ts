import { describe, expect, it } from 'vitest';
import { at, COMPLETE_PATCH, days, makeAssignment, makeMicroCredential, makeSubmission, makeSync, T0, useSyncedStore } from './support/fixtures.ts';

const current = useSyncedStore();

const item = (id: string, now = T0) => current().assignments.queue(now).find((q) => q.assignmentId === id);

describe('queue', () => {
  it('lists each assignment with submission, micro-credential and local state', () => {
    expect(item('a1')).toEqual({
      assignmentId: 'a1', submissionId: 's1', microCredentialId: 'mc-qt', microCredentialTitle: 'Questioning Techniques',
      candidateRef: 'cand-s1', attempt: 1, role: 'primary', assignmentState: 'assigned', assignedAt: at(-1), dueAt: at(6),
      overdue: false, download: { state: 'pending', bytesDone: 0, bytesTotal: 1500 }, reviewStatus: 'new', qualificationExpired: false,
    });
  });

  it('marks open work past its due date overdue, but not work already submitted', () => {
    expect(item('a1', days(7))?.overdue).toBe(true);
    current().drafts.save('a1', COMPLETE_PATCH, T0);
    current().outbox.enqueueReview('a1', T0);
    expect(item('a1', days(7))).toMatchObject({ overdue: false, reviewStatus: 'queued' });
  });

  it('summarises downloads from the verified local files', () => {
    current().artifacts.markPresent('art-1', '/cache/art-1.enc', 'a'.repeat(64));
    expect(item('a1')?.download).toEqual({ state: 'downloading', bytesDone: 1000, bytesTotal: 1500 });
    current().artifacts.markError('art-2', 'checksum mismatch');
    expect(item('a1')?.download.state).toBe('error');
    current().artifacts.markPresent('art-2', '/cache/art-2.enc', 'b'.repeat(64));
    expect(item('a1')?.download).toEqual({ state: 'complete', bytesDone: 1500, bytesTotal: 1500 });
  });

  it('follows the review status: new, draft, queued, synced', () => {
    expect(item('a1')?.reviewStatus).toBe('new');
    current().drafts.save('a1', COMPLETE_PATCH, T0);
    expect(item('a1')?.reviewStatus).toBe('draft');
    current().outbox.enqueueReview('a1', T0);
    const head = current().outbox.head();
    current().outbox.delivered(head?.id ?? -1, { review: { decision: 'earned', receivedAt: T0.toISOString() } }, T0);
    expect(item('a1')).toMatchObject({ reviewStatus: 'synced', assignmentState: 'submitted' });
  });
});

describe('calibration currency', () => {
  it('refuses to open an assignment once the qualification has expired, by the local clock', () => {
    expect(current().assignments.open('a1', days(364)).submission.id).toBe('s1');
    expect(item('a1', days(366))?.qualificationExpired).toBe(true);
    expect(() => current().assignments.open('a1', days(366))).toThrow(
      expect.objectContaining({ code: 'qualification_expired', message: expect.stringMatching(/Questioning Techniques.*cannot be opened/) }),
    );
  });

  it('treats a micro-credential without any qualification on record as not current, except calibration practice', () => {
    const other = makeMicroCredential('mc-other', 'Other Skill');
    current().sync.apply(
      makeSync({
        cursor: 'cursor-2', microCredentials: [other],
        submissions: [makeSubmission('s7', { mc: 'mc-other' }), makeSubmission('s8', { mc: 'mc-other' })],
        assignments: [makeAssignment('a7', 's7'), makeAssignment('a8', 's8', { role: 'calibration' })],
      }),
      T0.toISOString(),
    );
    expect(() => current().assignments.open('a7', T0)).toThrow(expect.objectContaining({ code: 'qualification_expired' }));
    expect(current().assignments.open('a8', T0).assignment.role).toBe('calibration');
  });

  it('answers not_found for an assignment the device does not hold', () => {
    expect(() => current().assignments.open('nope', T0)).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});
