import type { MethodInput, MethodName } from '../../../shared/index.ts';

/** Queries are keyed by method and input, so an event can invalidate a whole method at once. */
export const queryKey = <M extends MethodName>(method: M, input: MethodInput<M>) => [method, input] as const;
