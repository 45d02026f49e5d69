import type { KeyboardEvent, RefObject } from 'react';
import type { Virtualizer } from '@tanstack/react-virtual';

/**
 * Keyboard movement in a virtualised ARIA table (the queue, the decisions list): ↑/↓/Home/End
 * focus the target row's button at once when it is rendered, so a key typed straight after
 * (Enter) acts on that row; a row not in the DOM yet is scrolled into view first and focused
 * on the next frame.
 */
export function useRowKeys(virtualizer: Virtualizer<HTMLDivElement, Element>, scroller: RefObject<HTMLDivElement | null>, count: number) {
  const focusRow = (index: number) => {
    const target = Math.min(count - 1, Math.max(0, index));
    const button = () => scroller.current?.querySelector<HTMLElement>(`[data-index="${target}"] button`);
    virtualizer.scrollToIndex(target, { align: 'auto' });
    const rendered = button();
    if (rendered) rendered.focus();
    else requestAnimationFrame(() => button()?.focus());
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
