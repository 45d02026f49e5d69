import { fireEvent } from '@testing-library/react';

/** What a keydown carries: the character typed (key), the key's position (code), modifiers. */
export type Stroke = { key: string; code: string; shiftKey?: boolean; ctrlKey?: boolean; altKey?: boolean; metaKey?: boolean; modifierAltGraph?: boolean };

export type Layout = 'us' | 'de' | 'fr';
export const LAYOUTS: readonly Layout[] = ['us', 'de', 'fr'];

const AZERTY_DIGIT_ROW = ['&', 'é', '"', "'", '(', '-', 'è', '_', 'ç', 'à'];

/**
 * Key events as Chromium reports them for US QWERTY, German QWERTZ and French AZERTY:
 * "?" is Shift+/ (US), Shift+ß (DE, code Minus) and Shift+, (FR, code KeyM); on AZERTY
 * "," is the M position, "." is Shift+; (code Comma), and the digit row types digits only with Shift.
 */
export function stroke(layout: Layout, char: string): Stroke {
  const digit = /^[0-9]$/.test(char) ? Number(char) : null;
  if (digit !== null) return { key: char, code: `Digit${char}`, shiftKey: layout === 'fr' };
  const table: Record<Layout, Record<string, Stroke>> = {
    us: { '?': { key: '?', code: 'Slash', shiftKey: true }, ',': { key: ',', code: 'Comma' }, '.': { key: '.', code: 'Period' }, z: { key: 'z', code: 'KeyZ' }, q: { key: 'q', code: 'KeyQ' } },
    de: { '?': { key: '?', code: 'Minus', shiftKey: true }, ',': { key: ',', code: 'Comma' }, '.': { key: '.', code: 'Period' }, z: { key: 'z', code: 'KeyY' }, q: { key: 'q', code: 'KeyQ' } },
    fr: { '?': { key: '?', code: 'KeyM', shiftKey: true }, ',': { key: ',', code: 'KeyM' }, '.': { key: '.', code: 'Comma', shiftKey: true }, z: { key: 'z', code: 'KeyW' }, q: { key: 'q', code: 'KeyA' } },
  };
  const known = table[layout][char];
  if (known) return known;
  // Letters that sit at the same place on all three layouts.
  if (/^[bcdefghijklnoprstuvx]$/.test(char)) return { key: char, code: `Key${char.toUpperCase()}` };
  throw new Error(`No ${layout} stroke for ${JSON.stringify(char)} in this table`);
}

/** The French digit row without Shift: the character on the key, the digit only by position. */
export const azertyUnshiftedDigit = (digit: number): Stroke => ({ key: AZERTY_DIGIT_ROW[digit - 1] as string, code: `Digit${digit}` });

/**
 * Presses a key on the focused element (or the body) as a layout produces it. Returns
 * whether the page took the key (called preventDefault), as a matched shortcut does.
 */
export function press(s: Stroke, target: Element = document.activeElement ?? document.body): boolean {
  const taken = !fireEvent.keyDown(target, s);
  fireEvent.keyUp(target, s);
  return taken;
}
