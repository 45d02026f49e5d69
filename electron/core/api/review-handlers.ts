import { ok, type Artifact, type FileProgress, type Handlers, type LocalArtifact } from '../../../shared/index.ts';
import type { HandlerContext } from './context.ts';

type ReviewHandlers = Pick<Handlers, 'submission.get' | 'draft.get' | 'draft.save' | 'review.submit' | 'adjudication.submit' | 'consensus.propose' | 'consensus.respond' | 'assignment.recuse'>;

export function reviewHandlers(ctx: HandlerContext): ReviewHandlers {
  const changed = (assignmentId: string) => ctx.bus.emit('assignments.changed', { assignmentIds: [assignmentId] });

  /** `kept`: the assignment's files are fetched for it; else a missing one is not coming (unless another review fetches it). */
  function localArtifacts(artifacts: Artifact[], previous: Artifact[] | null, kept: boolean): LocalArtifact[] {
    const progress = new Map<string, FileProgress>(ctx.downloads.status().files.map((f) => [f.artifactId, f]));
    const before = previous ? new Set(previous.map((a) => a.sha256)) : null;
    return artifacts.map((a) => {
      const file = ctx.store.artifacts.file(a.id);
      // The store says what is present: a finished download whose file was purged since is not.
      const p = progress.get(a.id);
      const download = file
        ? { state: 'complete' as const, bytesDone: a.bytes }
        : p && p.state !== 'complete'
          ? { state: p.state, bytesDone: p.bytesDone, ...(p.error === undefined ? {} : { error: p.error }) }
          : { state: kept ? ('pending' as const) : ('not_kept' as const), bytesDone: 0 };
      return { ...a, download, isNew: before !== null && !before.has(a.sha256) };
    });
  }

  return {
    async 'submission.get'({ assignmentId }) {
      const now = ctx.now();
      const record = ctx.store.assignments.open(assignmentId, now);
      ctx.store.journal.recordOpened(assignmentId, now);
      // The hub learns when work started (turnaround, history): once per assignment, queued while offline.
      if (record.assignment.state === 'assigned' && ctx.store.outbox.enqueueOpened(assignmentId, now)) ctx.sender.wake();
      const kept = ctx.store.artifacts.keptFor(assignmentId);
      return ok({
        assignment: record.assignment,
        submission: record.submission,
        rubric: record.rubric,
        microCredential: record.microCredential,
        artifacts: localArtifacts(record.submission.artifacts, record.previous?.submission.artifacts ?? null, kept),
        previous: record.previous && { ...record.previous, artifacts: localArtifacts(record.previous.submission.artifacts, null, kept) },
        locked: record.locked,
        readOnlyReason: record.readOnlyReason,
      });
    },

    async 'draft.get'({ assignmentId }) {
      return ok(ctx.store.drafts.get(assignmentId));
    },

    async 'draft.save'({ assignmentId, patch }) {
      // The store journals what changed inside the same transaction.
      return ok(ctx.store.drafts.save(assignmentId, patch, ctx.now()));
    },

    async 'review.submit'({ assignmentId }) {
      const { reviewId } = ctx.store.outbox.enqueueReview(assignmentId, ctx.now());
      ctx.sender.wake();
      changed(assignmentId);
      return ok({ reviewId, status: 'queued' as const });
    },

    async 'adjudication.submit'({ assignmentId }) {
      const { adjudicationId } = ctx.store.outbox.enqueueAdjudication(assignmentId, ctx.now());
      ctx.sender.wake();
      changed(assignmentId);
      return ok({ adjudicationId, status: 'queued' as const });
    },

    async 'consensus.propose'({ assignmentId }) {
      const { round } = ctx.store.outbox.enqueueProposal(assignmentId, ctx.now());
      ctx.sender.wake();
      changed(assignmentId);
      return ok({ round, status: 'queued' as const });
    },

    async 'consensus.respond'({ assignmentId, agree, comment }) {
      const { round } = ctx.store.outbox.enqueueResponse(assignmentId, agree, comment, ctx.now());
      ctx.sender.wake();
      changed(assignmentId);
      return ok({ round, status: 'queued' as const });
    },

    async 'assignment.recuse'({ assignmentId, reason }) {
      ctx.store.outbox.enqueueRecusal(assignmentId, reason, ctx.now());
      ctx.sender.wake();
      changed(assignmentId);
      return ok({ assignmentId, status: 'queued' as const });
    },
  };
}

