import {
  fail, ok, OPEN_STATES,
  type CalibrationStanding, type Handlers, type QueueItem, type Result,
} from '../../../shared/index.ts';
import type { HubClient, HubResult } from '../hub-client/hub-client.ts';
import type { StoredQualification } from '../store/types.ts';
import type { HandlerContext } from './context.ts';

type CalibrationHandlers = Pick<
  Handlers,
  'calibration.standing' | 'calibration.start' | 'calibration.attempts' | 'calibration.sets' | 'calibration.publish' | 'calibration.validity' | 'catalog.criteria' | 'policy.list' | 'policy.update'
>;

const DAY_MS = 86_400_000;
const isOpen = (i: QueueItem) => OPEN_STATES.includes(i.assignmentState) && (i.reviewStatus === 'new' || i.reviewStatus === 'draft');

/** Where one qualification stands by the local clock; the hub's `suspended` wins over any date. */
export function standing(q: StoredQualification, queue: readonly QueueItem[], now: Date): CalibrationStanding {
  const leftMs = Date.parse(q.calibratedUntil) - now.getTime();
  const state = q.state === 'suspended' ? 'suspended' : q.state === 'expired' || leftMs <= 0 ? 'expired' : 'current';
  const mine = queue.filter((i) => i.microCredentialId === q.microCredentialId && isOpen(i));
  return {
    microCredentialId: q.microCredentialId,
    title: q.title,
    calibratedUntil: q.calibratedUntil,
    state,
    daysLeft: state === 'current' ? Math.ceil(leftMs / DAY_MS) : null,
    openCalibrationItems: mine.filter((i) => i.role === 'calibration').length,
    lockedAssignments: mine.filter((i) => i.qualificationExpired).length,
    policy: q.policy,
  };
}

/**
 * Calibration, master-rater and policy methods. Everything but `calibration.standing` needs
 * the hub: each answers `offline`, saying what needed it, when the hub cannot be reached,
 * and keeps the hub's own code (retake_too_soon, not_ready, invalid…) otherwise.
 */
export function calibrationHandlers(ctx: HandlerContext): CalibrationHandlers {
  async function withHub<T, U>(what: string, call: (hub: HubClient) => Promise<HubResult<T>>, shape: (value: T) => U): Promise<Result<U>> {
    const hub = ctx.auth.client();
    if (!hub) return fail('signed_out', `${what} needs you to be signed in to the hub.`);
    const answer = await call(hub);
    if (!answer.ok) {
      const e = answer.error;
      if (e.code === 'offline') {
        ctx.sync.reachable(false);
        return fail('offline', `${what} needs the hub, and it cannot be reached now. ${e.message}.`);
      }
      return fail(e.code, e.message, e.details);
    }
    ctx.sync.reachable(true);
    return ok(shape(answer.value));
  }

  return {
    async 'calibration.standing'() {
      const now = ctx.now();
      const queue = ctx.store.assignments.queue(now);
      return ok({ standings: ctx.store.assignments.qualifications().map((q) => standing(q, queue, now)) });
    },

    async 'calibration.start'({ microCredentialId }) {
      const started = await withHub('Starting a calibration', (hub) => hub.startAttempt(microCredentialId), (v) => v.attempt);
      if (!started.ok) return started;
      // The attempt's items arrive through sync like any assignment, and download for offline scoring.
      const sync = await ctx.sync.syncNow();
      return ok({ attempt: started.value, sync });
    },

    async 'calibration.attempts'({ microCredentialId }) {
      return withHub('Reading calibration attempts', (hub) => hub.attempts(microCredentialId), (v) => ({ attempts: v.attempts }));
    },

    async 'calibration.sets'({ microCredentialId }) {
      return withHub('Reading calibration sets', (hub) => hub.calibrationSets(microCredentialId), (v) => ({ sets: v.sets }));
    },

    async 'calibration.publish'({ setId }) {
      return withHub('Publishing a calibration set', (hub) => hub.publishSet(setId), (v) => ({ set: v.set }));
    },

    async 'calibration.validity'({ microCredentialId }) {
      return withHub('Reading validity reads', (hub) => hub.validityReads(microCredentialId), (v) => v);
    },

    async 'catalog.criteria'({ microCredentialId }) {
      const rubric = ctx.store.assignments.rubricFor(microCredentialId);
      if (!rubric) return fail('not_found', `This device holds no rubric for micro-credential ${microCredentialId}`);
      return ok({ criteria: rubric.criteria.map((c) => ({ id: c.id, title: c.title })), labels: [...rubric.scale.labels] });
    },

    async 'policy.list'() {
      return withHub('Reading policies', (hub) => hub.microCredentials(), (v) => ({ microCredentials: v.microCredentials }));
    },

    async 'policy.update'({ microCredentialId, patch }) {
      const changed = await withHub('Changing a policy', (hub) => hub.patchPolicy(microCredentialId, patch), () => null);
      if (!changed.ok) return changed;
      const list = await withHub('Reading the changed policy', (hub) => hub.microCredentials(), (v) => v.microCredentials);
      if (!list.ok) return list;
      const microCredential = list.value.find((m) => m.id === microCredentialId);
      if (!microCredential) return fail('not_found', `The hub no longer lists micro-credential ${microCredentialId}`);
      return ok({ microCredential });
    },
  };
}
