import { ErrorCode, type AdjudicationBody, type ConsensusProposalRequest, type ConsensusResponseRequest, type ReviewBody } from '../../../shared/index.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { HubClient, HubResult } from '../hub-client/hub-client.ts';
import type { OutboxRow, Store } from '../store/types.ts';
import { backoffDelay } from './backoff.ts';

export type OutboxSenderOptions = {
  store: Store;
  bus: EventBus;
  hub: () => HubClient | null;
  now: () => Date;
  /** The hub refused this client's token: the host forgets that session (rows stay queued). */
  onUnauthorized: (client: HubClient) => void;
  /** Whether the hub answered at all (the connectivity watcher listens). */
  onReachable?: (reachable: boolean) => void;
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
};

type Outcome = 'next' | 'retry' | 'stop';

/** HTTP statuses that say "try again later" rather than "never". */
const TRANSIENT = new Set([0, 408, 425, 429]);

/**
 * Delivers outbox rows strictly in order. A review is PUT under its own id, so a replay
 * after a lost answer is a harmless 200; a refusal with a reason goes back to the store,
 * which turns it into a state the user can act on; anything transient waits with
 * exponential backoff and full jitter. Wakes at once on enqueue and on reconnect.
 */
export function createOutboxSender(opts: OutboxSenderOptions) {
  const { store, bus } = opts;
  const baseMs = opts.baseDelayMs ?? 1_000;
  const capMs = opts.maxDelayMs ?? 300_000;
  let timer: NodeJS.Timeout | null = null;
  let pumping: Promise<void> | null = null;
  let pumpAgain = false;
  let stopped = false;
  /** Real-time moment before which the head row is not retried (kept in memory: a restart retries at once). */
  let notBefore = 0;

  const publish = () => bus.emit('outbox.changed', store.outbox.status());

  function schedule(ms: number): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void pump();
    }, ms);
    timer.unref();
  }

  const send = (row: OutboxRow, client: HubClient): Promise<HubResult<unknown>> => {
    switch (row.kind) {
      case 'review': return client.putReview(row.clientId, row.body as ReviewBody);
      case 'adjudication': return client.putAdjudication(row.clientId, row.body as AdjudicationBody);
      case 'consensus_proposal': return client.consensusProposal(row.assignmentId, row.body as ConsensusProposalRequest);
      case 'consensus_response': return client.consensusResponse(row.assignmentId, row.body as ConsensusResponseRequest);
      case 'opened': return client.opened(row.assignmentId, (row.body as { openedAt: string }).openedAt);
      case 'recusal': return client.recuse(row.assignmentId, (row.body as { reason: string }).reason);
    }
  };

  async function deliver(row: OutboxRow, client: HubClient): Promise<Outcome> {
    const answer = await send(row, client);
    opts.onReachable?.(answer.ok || answer.error.status !== 0);
    if (answer.ok) {
      store.outbox.delivered(row.id, answer.value, opts.now());
      // A consensus round's answer is the task's new state: the open task shows it at once.
      if (row.kind === 'consensus_proposal' || row.kind === 'consensus_response') bus.emit('assignments.changed', { assignmentIds: [row.assignmentId] });
      return 'next';
    }
    const { status, code, message, fromHub } = answer.error;
    // Only the hub's own error envelope is a verdict on the row; any other page keeps it queued.
    if (fromHub && status === 401) {
      opts.onUnauthorized(client);
      return 'stop';
    }
    if (fromHub && status === 404 && code === ErrorCode.notFound) {
      store.outbox.rejected(row.id, 'assignment_revoked', 'The hub no longer has this assignment for you', opts.now());
      return 'next';
    }
    if (fromHub && status >= 400 && status < 500 && !TRANSIENT.has(status)) {
      store.outbox.rejected(row.id, code, message, opts.now());
      return 'next';
    }
    // Offline, 5xx, timeouts, or a 2xx we could not read: the hub may have committed, and
    // replaying the same id is harmless.
    const delay = backoffDelay(row.attempts, baseMs, capMs, opts.random);
    notBefore = Date.now() + delay;
    store.outbox.retryLater(row.id, `${code}: ${message}`, new Date(opts.now().getTime() + delay));
    return 'retry';
  }

  async function drain(): Promise<void> {
    while (!stopped) {
      const row = store.outbox.head();
      if (!row) return;
      const wait = notBefore - Date.now();
      if (wait > 0) return schedule(wait);
      const client = opts.hub();
      if (!client) return;
      const outcome = await deliver(row, client);
      publish();
      if (outcome === 'stop') return;
      if (outcome === 'retry') return schedule(Math.max(0, notBefore - Date.now()));
      notBefore = 0;
    }
  }

  function pump(): Promise<void> {
    if (pumping) {
      pumpAgain = true;
      return pumping;
    }
    pumping = (async () => {
      try {
        do {
          pumpAgain = false;
          await drain();
        } while (pumpAgain && !stopped);
      } catch (err) {
        console.error('outbox sender failed', err);
        schedule(capMs);
      } finally {
        pumping = null;
      }
    })();
    return pumping;
  }

  return {
    /** Something was queued: send now if it is at the head and nothing is backing off. */
    wake(): void {
      publish();
      void pump();
    },
    /** The network is back or the user signed in: retry the head at once. */
    retryNow(): void {
      notBefore = 0;
      void pump();
    },
    /** Resolves when the sender has nothing it can do right now (empty, waiting, or signed out). */
    idle(): Promise<void> {
      return pumping ?? Promise.resolve();
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await pumping;
    },
  };
}

export type OutboxSender = ReturnType<typeof createOutboxSender>;
