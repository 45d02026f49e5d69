import type { KeyboardEvent, RefObject } from 'react';
import type { Virtualizer } from '@tanstack/react-virtual';

/**
 * Keyboard movement in a virtualised ARIA table (the queue, the decisions list): ↑/↓/Home/End
 * scroll the target row into view first, since it may not be in the DOM, then focus its
 * button on the next frame once it is.
 */
export function useRowKeys(virtualizer: Virtualizer<HTMLDivElement, Element>, scroller: RefObject<HTMLDivElement | null>, count: number) {
  const focusRow = (index: number) => {
    const target = Math.min(count - 1, Math.max(0, index));
    virtualizer.scrollToIndex(target, { align: 'auto' });
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-index="${target}"] button`)?.focus());
  };
  return (event: KeyboardEvent<HTMLDivElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!row) return;
    const index = Number(row.dataset.index);
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: count - 1 };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    focusRow(next);
  };
}
