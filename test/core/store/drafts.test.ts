import { describe, expect, it } from 'vitest';
import { COMPLETE_PATCH, days, T0, useSyncedStore } from './support/fixtures.ts';

const current = useSyncedStore();

describe('drafts', () => {
  it('creates an empty draft with a fresh review id on first access, once', () => {
    const draft = current().drafts.get('a1');
    expect(draft).toMatchObject({ assignmentId: 'a1', revision: 0, savedAt: null, scores: {}, criterionFeedback: {}, overallFeedback: '', notes: [], timeSpentSec: 0, status: 'new' });
    expect(draft.reviewId).toMatch(/^[0-9a-f-]{36}$/);
    expect(current().drafts.get('a1').reviewId).toBe(draft.reviewId);
    expect(current().drafts.get('a2').reviewId).not.toBe(draft.reviewId);
  });

  it('pre-fills locked criteria from the previous attempt', () => {
    expect(current().drafts.get('a2')).toMatchObject({ scores: { c1: 4 }, criterionFeedback: { c1: 'Strong open questions.' } });
  });

  it('merges patches per criterion, replaces notes, adds time, and counts revisions', () => {
    expect(current().drafts.save('a1', { scores: { c1: 2, c2: 5 } }, T0)).toEqual({ revision: 1, savedAt: T0.toISOString() });
    current().drafts.save('a1', { scores: { c2: null, c3: 4 }, criterionFeedback: { c1: 'Ask why.' }, addTimeSpentSec: 30 }, days(1));
    current().drafts.save('a1', { notes: [{ artifactId: 'art-1', atSec: 12, text: 'first' }, { artifactId: 'art-2', text: 'second' }], addTimeSpentSec: 15 }, days(1));
    const saved = current().drafts.save('a1', { notes: [{ artifactId: 'art-1', atSec: 40, criterionId: 'c3', text: 'only this' }], overallFeedback: 'Overall.' }, days(2));
    expect(saved).toEqual({ revision: 4, savedAt: days(2).toISOString() });
    expect(current().drafts.get('a1')).toMatchObject({
      revision: 4, savedAt: days(2).toISOString(), status: 'draft', scores: { c1: 2, c3: 4 }, criterionFeedback: { c1: 'Ask why.' },
      overallFeedback: 'Overall.', notes: [{ artifactId: 'art-1', atSec: 40, criterionId: 'c3', text: 'only this' }], timeSpentSec: 45,
    });
  });

  it('rejects levels outside the scale, unknown criteria and foreign artifacts with invalid, changing nothing', () => {
    current().drafts.save('a1', { scores: { c1: 3 } }, T0);
    for (const patch of [
      { scores: { c1: 6 } },
      { scores: { c1: 0 } },
      { scores: { c9: 3 } },
      { criterionFeedback: { c9: 'x' } },
      { notes: [{ artifactId: 'art-3', text: 'belongs to s2' }] },
      { notes: [{ artifactId: 'art-1', criterionId: 'c9', text: 'no such criterion' }] },
      { overallFeedback: 42 },
    ]) {
      expect(() => current().drafts.save('a1', patch as never, T0)).toThrow(expect.objectContaining({ code: 'invalid' }));
    }
    expect(current().drafts.get('a1')).toMatchObject({ revision: 1, scores: { c1: 3 }, criterionFeedback: {}, notes: [] });
  });

  it('refuses a change to a locked criterion but accepts the rest of the rubric', () => {
    expect(() => current().drafts.save('a2', { scores: { c1: 5 } }, T0)).toThrow(expect.objectContaining({ code: 'locked_criterion' }));
    expect(() => current().drafts.save('a2', { criterionFeedback: { c1: 'new words' } }, T0)).toThrow(expect.objectContaining({ code: 'locked_criterion' }));
    expect(() => current().drafts.save('a2', { scores: { c1: null } }, T0)).toThrow(expect.objectContaining({ code: 'locked_criterion' }));
    expect(current().drafts.save('a2', { scores: { c1: 4, c2: 3 } }, T0).revision).toBe(1);
    expect(current().drafts.get('a2').scores).toEqual({ c1: 4, c2: 3 });
  });

  it('is read-only once submitted', () => {
    current().drafts.save('a1', COMPLETE_PATCH, T0);
    current().outbox.enqueueReview('a1', T0);
    expect(() => current().drafts.save('a1', { overallFeedback: 'changed my mind' }, T0)).toThrow(
      expect.objectContaining({ code: 'read_only', message: expect.stringMatching(/waiting to be sent/) }),
    );
    expect(current().drafts.get('a1')).toMatchObject({ status: 'queued', revision: 1, overallFeedback: COMPLETE_PATCH.overallFeedback });
  });

  it('journals each change in the same transaction as the save', () => {
    current().drafts.save('a1', { scores: { c1: 2 }, criterionFeedback: { c1: 'Why?' }, overallFeedback: 'ok' }, T0);
    current().drafts.save('a1', { scores: { c1: 2 }, notes: [{ artifactId: 'art-1', text: 'n' }] }, T0);
    expect(current().journal.list('a1').map((e) => [e.action, e.payload])).toEqual([
      ['level_set', { criterionId: 'c1', level: 2 }],
      ['feedback_changed', { criterionId: 'c1', chars: 4 }],
      ['feedback_changed', { criterionId: null, chars: 2 }],
      ['note_changed', { count: 1 }],
    ]);
    expect(() => current().drafts.save('a1', { scores: { c2: 3, c3: 9 } }, T0)).toThrow();
    expect(current().journal.list('a1')).toHaveLength(4);
  });

  it('answers not_found for an unknown assignment', () => {
    expect(() => current().drafts.get('zz')).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => current().drafts.save('zz', {}, T0)).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});
