import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Draft, DraftPatch, Result } from '../../../shared/index.ts';
import { useApi } from '../api/ApiContext.tsx';
import { applyPatch, isEmptyPatch, mergePatches } from '../api/draft-patch.ts';
import { queryKey } from '../api/query-keys.ts';
import { useApiQuery } from './useApiQuery.ts';

/** Typing is saved after this pause; discrete changes (levels, notes) are saved at once. */
export const TYPING_DEBOUNCE_MS = 300;
/** Time away longer than this between saves is not counted as review time. */
const MAX_COUNTED_GAP_SEC = 300;

const transportFailure = (error: unknown): Result<never> => ({ ok: false, error: { code: 'transport', message: error instanceof Error ? error.message : String(error) } });

export type SavePhase = 'idle' | 'saving' | 'saved' | 'error';
export type SaveState = { phase: SavePhase; error: string | null };

export type DraftHandle = {
  draft: Draft | undefined;
  loadError: Error | null;
  save: SaveState;
  update(patch: DraftPatch, when?: 'now' | 'debounced'): void;
  /** Sends what is pending at once (Ctrl+S); resolves true once everything is committed. */
  saveNow(): Promise<boolean>;
};

/**
 * The assessor's draft: local edits show at once (optimistic), but the save state says
 * "saved" only after draft.save has answered. One save is in flight at a time; edits made
 * meanwhile are merged and sent next, so the core sees them in order.
 */
export function useDraft(assignmentId: string): DraftHandle {
  const api = useApi();
  const client = useQueryClient();
  const query = useApiQuery('draft.get', { assignmentId }, { staleTime: Infinity });
  const pending = useRef<DraftPatch>({});
  const inFlight = useRef<Promise<void> | null>(null);
  const inFlightPatch = useRef<DraftPatch | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastFlushAt = useRef(Date.now());
  const [save, setSave] = useState<SaveState>({ phase: 'idle', error: null });
  const [, rerender] = useState(0);
  const failed = useRef(false);

  const flush = useCallback((): Promise<void> => {
    if (inFlight.current) return inFlight.current;
    if (isEmptyPatch(pending.current)) return Promise.resolve();
    const now = Date.now();
    const gapSec = Math.min((now - lastFlushAt.current) / 1000, MAX_COUNTED_GAP_SEC);
    lastFlushAt.current = now;
    const patch = mergePatches(pending.current, { addTimeSpentSec: Math.round(gapSec) });
    pending.current = {};
    inFlightPatch.current = patch;
    setSave({ phase: 'saving', error: null });
    const sending = api.call('draft.save', { assignmentId, patch }).catch(transportFailure).then((result) => {
      inFlight.current = null;
      inFlightPatch.current = null;
      failed.current = !result.ok;
      if (result.ok) {
        client.setQueryData<Draft>(queryKey('draft.get', { assignmentId }), (old) => (old ? { ...applyPatch(old, patch), revision: result.value.revision, savedAt: result.value.savedAt } : old));
        if (isEmptyPatch(pending.current)) setSave({ phase: 'saved', error: null });
        else return flush();
      } else {
        // Keep the edits: they go out again with the next change or Ctrl+S.
        pending.current = mergePatches(patch, pending.current);
        setSave({ phase: 'error', error: result.error.message });
        rerender((n) => n + 1);
      }
      return undefined;
    });
    inFlight.current = sending;
    return sending;
  }, [api, client, assignmentId]);

  const update = useCallback((patch: DraftPatch, when: 'now' | 'debounced' = 'now') => {
    pending.current = mergePatches(pending.current, patch);
    setSave({ phase: 'saving', error: null });
    rerender((n) => n + 1);
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (when === 'now') void flush();
    else timer.current = setTimeout(() => void flush(), TYPING_DEBOUNCE_MS);
  }, [flush]);

  const saveNow = useCallback(async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    while (inFlight.current || !isEmptyPatch(pending.current)) {
      await flush();
      if (failed.current) return false;
    }
    return true;
  }, [flush]);

  useEffect(() => {
    if (query.data && query.data.revision > 0) setSave((s) => (s.phase === 'idle' ? { phase: 'saved', error: null } : s));
  }, [query.data]);

  // Leaving the review sends whatever is still waiting for the debounce.
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
    void flush();
  }, [flush]);

  const base = query.data;
  const optimistic = base ? applyPatch(applyPatch(base, inFlightPatch.current ?? {}), pending.current) : undefined;
  return { draft: optimistic, loadError: query.error, save, update, saveNow };
}
