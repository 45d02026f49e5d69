import { useSyncExternalStore } from 'react';

export type ColorScheme = 'light' | 'dark';

const QUERY = '(prefers-color-scheme: dark)';
const media = (): MediaQueryList | null => (typeof window.matchMedia === 'function' ? window.matchMedia(QUERY) : null);

function subscribe(onChange: () => void): () => void {
  const list = media();
  list?.addEventListener('change', onChange);
  return () => list?.removeEventListener('change', onChange);
}

/**
 * The colour scheme the page is drawn in, updated when the system switches. Charts drawn
 * to SVG by a library (not styled by the stylesheet's variables) redraw from it, so they
 * follow a theme change without a reload.
 */
export function useColorScheme(): ColorScheme {
  return useSyncExternalStore(subscribe, () => (media()?.matches ? 'dark' : 'light'), () => 'light');
}
