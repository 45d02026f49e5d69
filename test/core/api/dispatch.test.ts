import { describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, ok, type Handlers, type MethodName } from '../../../shared/index.ts';
import { createDispatcher } from '../../../electron/core/api/dispatch.ts';
import { MediaIntegrityError } from '../../../electron/core/media/errors.ts';
import { StoreError } from '../../../electron/core/store/types.ts';

const ID = 'a-1';
/** Bad inputs per method on top of the generic ones; a new method must add its own here. */
const BAD: Record<MethodName, unknown[]> = {
  'session.signIn': [
    { hubUrl: 'not a url', username: 'a', password: 'b' },
    { hubUrl: 'http://127.0.0.1:1', username: '', password: 'b' },
    { hubUrl: 'http://127.0.0.1:1', username: 'a' },
    { hubUrl: 'http://127.0.0.1:1', username: 'a', password: 5 },
  ],
  'session.signOut': [{ now: true }],
  'session.status': [{ verbose: 1 }],
  'sync.now': [{ force: true }],
  'sync.status': [{ x: 1 }],
  'queue.list': [{ filter: { overdue: 'yes' } }, { sort: { by: 'nonsense', dir: 'asc' } }, { filter: { reviewStatus: ['bogus'] } }],
  'submission.get': [{}, { assignmentId: 42 }, { assignmentId: '../etc/passwd' }],
  'draft.get': [{}, { assignmentId: '' }],
  'draft.save': [
    { assignmentId: ID },
    { assignmentId: ID, patch: { scores: { c1: 9 } } },
    { assignmentId: ID, patch: { scores: { c1: 2.5 } } },
    { assignmentId: ID, patch: { overallFeedback: 7 } },
    { assignmentId: ID, patch: { notes: [{ artifactId: 'x', text: '' }] } },
    { assignmentId: ID, patch: { addTimeSpentSec: -1 } },
  ],
  'review.submit': [{}, { assignmentId: null }],
  'adjudication.submit': [{}, { assignmentId: null }],
  'consensus.propose': [{}, { assignmentId: 7 }],
  'consensus.respond': [{ assignmentId: ID }, { assignmentId: ID, agree: false, comment: '   ' }, { assignmentId: ID, agree: 'yes' }],
  'assignment.recuse': [{ assignmentId: ID }, { assignmentId: ID, reason: '   ' }, { reason: 'conflict' }],
  'outbox.status': [{ all: true }],
  'downloads.status': [{ all: true }],
  'settings.get': [{ key: 'hubUrl' }],
  'settings.set': [{}, { patch: { playbackRate: 9 } }, { patch: { cacheLimitMb: 'big' } }],
  'media.url': [{}, { artifactId: '/abs/path' }],
  'staff.decisions': [{ decision: 'maybe' }, { from: '2026-13-01' }, { cursor: 'a b' }, { limit: 0 }, { limit: '5' }, { candidateRef: '../x' }],
  'staff.decisionsCsv': [{ cursor: 'abc' }, { limit: 5 }, { basis: 'double' }],
  'staff.history': [{}, { submissionId: '' }, { submissionId: '../etc/passwd' }],
  'staff.credential': [{}, { submissionId: 7 }],
  'audit.verify': [{ full: true }],
  'audit.events': [{ after: -1 }, { after: 1.5 }, { limit: 1001 }],
  'audit.checkpoints': [{ after: 'x' }, { limit: 0 }],
  'calibration.standing': [{ microCredentialId: 'mc-1' }],
  'calibration.start': [{}, { microCredentialId: '' }, { microCredentialId: 'mc 1' }],
  'calibration.attempts': [{}, { microCredentialId: 7 }],
  'calibration.sets': [{ microCredentialId: '' }, { set: 'x' }],
  'calibration.publish': [{}, { setId: '../x' }],
  'calibration.validity': [{ microCredentialId: null }, { assessorId: 'u-1' }],
  'catalog.criteria': [{}, { microCredentialId: '' }],
  'policy.list': [{ all: true }],
  'policy.update': [
    { microCredentialId: 'mc-1' },
    { microCredentialId: 'mc-1', patch: { bogus: {} } },
    { microCredentialId: 'mc-1', patch: { calibration: 'strict' } },
  ],
  'reports.reliability': [{}, { microCredentialId: 'mc-1', bucket: 'year' }, { microCredentialId: 'mc-1', from: '2026-05-01T00:00:00Z', to: '2026-04-01T00:00:00Z' }],
  'reports.turnaround': [{ microCredentialId: '' }, { bucket: 'day' }, { from: 'yesterday' }],
  'reports.reassign': [{ assignmentId: ID }, { assignmentId: ID, reason: '   ' }, { assignmentId: '../x', reason: 'away' }],
};
const GENERIC: unknown[] = [null, 'text', 42, [], { unexpected: true }];

function spyHandlers(): { handlers: Handlers; calls: string[] } {
  const calls: string[] = [];
  const handlers = Object.fromEntries(
    METHOD_NAMES.map((m) => [m, async () => {
      calls.push(m);
      return ok({});
    }]),
  ) as unknown as Handlers;
  return { handlers, calls };
}

describe('dispatcher', () => {
  it.each(METHOD_NAMES)('%s rejects malformed input with invalid and never reaches its handler', async (method) => {
    const { handlers, calls } = spyHandlers();
    const dispatch = createDispatcher(handlers);
    for (const input of [...GENERIC, ...BAD[method]]) {
      const r = await dispatch(method, input);
      expect(r.ok, `${method} accepted ${JSON.stringify(input)}`).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('invalid');
      expect(r.error.message).toContain(method);
      expect(Array.isArray(r.error.details)).toBe(true);
    }
    expect(calls).toEqual([]);
  });

  it('names the offending field in the message', async () => {
    const dispatch = createDispatcher(spyHandlers().handlers);
    const r = await dispatch('draft.save', { assignmentId: ID, patch: { scores: { c1: 9 } } });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(!r.ok && r.error.message).toContain('patch.scores.c1');
  });

  it('answers unknown_method for a name outside the contract, including prototype keys', async () => {
    const dispatch = createDispatcher(spyHandlers().handlers);
    for (const name of ['nope', 'toString', '__proto__', 'constructor']) {
      const r = await dispatch(name, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
  });

  it('passes valid input to the handler and its answer back', async () => {
    const { handlers, calls } = spyHandlers();
    const r = await createDispatcher(handlers)('session.status', undefined);
    expect(r).toEqual({ ok: true, value: {} });
    expect(calls).toEqual(['session.status']);
  });

  it('turns a StoreError into its code and details, and anything else into a generic internal error', async () => {
    const { handlers } = spyHandlers();
    handlers['draft.get'] = async () => {
      throw new StoreError('read_only', 'This review was submitted', { status: 'queued' });
    };
    handlers['queue.list'] = async () => {
      throw new Error('SQLITE_IOERR at /home/someone/secret/path');
    };
    const dispatch = createDispatcher(handlers);
    expect(await dispatch('draft.get', { assignmentId: ID })).toEqual({
      ok: false,
      error: { code: 'read_only', message: 'This review was submitted', details: { status: 'queued' } },
    });
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const r = await dispatch('queue.list', {});
    expect(log).toHaveBeenCalled();
    log.mockRestore();
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(r)).not.toContain('secret');
  });

  it('passes a media error on with its own code', async () => {
    const { handlers } = spyHandlers();
    handlers['media.url'] = async () => {
      throw new MediaIntegrityError('This file was changed on disk and cannot be trusted');
    };
    const r = await createDispatcher(handlers)('media.url', { artifactId: 'art-1' });
    expect(r).toMatchObject({ ok: false, error: { code: 'media_tampered', message: 'This file was changed on disk and cannot be trusted' } });
  });
});
