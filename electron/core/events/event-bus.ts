import { workstationEvents, type EventName, type EventPayload, type WorkstationEvent } from '../../../shared/index.ts';

export type EventBus = {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  subscribe(listener: (event: WorkstationEvent) => void): () => void;
};

/**
 * The core's push channel to whichever transport is attached. With `validate` on (tests,
 * development) every payload is checked against the contract, so a drifting event shape
 * fails loudly here rather than in the UI.
 */
export function createEventBus(opts: { validate?: boolean } = {}): EventBus {
  const listeners = new Set<(event: WorkstationEvent) => void>();
  return {
    emit(name, payload) {
      if (opts.validate) workstationEvents[name].parse(payload);
      const event = { name, payload } as WorkstationEvent;
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (err) {
          // One broken subscriber (a closed SSE stream) must not stop the others.
          console.error('event listener failed', err);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
