// axe-core on rendered UI in jsdom, with the tags the Chromium end-to-end checks use, once
// per colour scheme: components that pick colours by scheme (the charts) read
// matchMedia('(prefers-color-scheme: dark)'), which is faked here. jsdom has no layout, so
// axe's contrast rule cannot judge; the end-to-end runs cover contrast in Chromium.
import axe from 'axe-core';
import { expect } from 'vitest';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];

export type Scheme = 'light' | 'dark';

// jsdom has no matchMedia: a tiny stand-in whose scheme can change while a view is mounted,
// telling the listeners as a browser does when the system switches.
let current: Scheme = 'light';
const listeners = new Set<() => void>();

export function useScheme(scheme: Scheme): void {
  current = scheme;
  window.matchMedia = ((query: string) => ({
    get matches() { return query.includes('prefers-color-scheme: dark') ? current === 'dark' : false; },
    media: query, onchange: null,
    addEventListener: (_: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
    addListener: () => undefined, removeListener: () => undefined,
    dispatchEvent: () => false,
  })) as unknown as typeof window.matchMedia;
  for (const listener of [...listeners]) listener();
}

export async function expectNoAxeViolations(root: Element, what: string): Promise<void> {
  const result = await axe.run(root, { runOnly: { type: 'tag', values: AXE_TAGS } });
  const found = result.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found, `axe violations on ${what}`).toEqual([]);
}
