import { isCased, KEY_VALUES, type Binding } from '../../../shared/index.ts';

/** The parts of a KeyboardEvent a binding is matched on (a plain object in unit tests). */
export type KeyPress = Pick<KeyboardEvent, 'key' | 'code' | 'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey'> & {
  getModifierState?(key: string): boolean;
};

const isMac = () => typeof navigator !== 'undefined' && /mac/i.test(navigator.platform || navigator.userAgent);

/**
 * Ctrl, Alt and Meta as the user meant them. AltGr (German @, French #) reports Ctrl+Alt
 * on Windows; a character typed with it is a plain character, not Ctrl+Alt+character.
 */
function commandModifiers(event: KeyPress) {
  const altGraph = event.getModifierState?.('AltGraph') === true;
  return { ctrl: event.ctrlKey && !altGraph, alt: event.altKey && !altGraph, meta: event.metaKey };
}

/** Ctrl, Alt or Meta held (AltGr is not): such a key belongs to a command, not a single-key shortcut. */
export function hasCommandModifier(event: KeyPress): boolean {
  const mods = commandModifiers(event);
  return mods.ctrl || mods.alt || mods.meta;
}

/**
 * The character the key produces. Where a layout has no Latin letters (Cyrillic, Greek) or
 * Option/Alt turned the letter into a symbol (⌘⌥J on a Mac gives "∆"), a Latin letter
 * binding falls back to the key's position (code KeyJ), as Ctrl+S does in most programs.
 */
function producedChar(event: KeyPress, wanted: string): string {
  const latin = /^[a-z]$/i.test(wanted);
  const ascii = event.key.length === 1 && event.key >= ' ' && event.key <= '~';
  if (latin && !ascii && /^Key[A-Z]$/.test(event.code)) return event.code.slice(3);
  return event.key;
}

function matchesKey(event: KeyPress, binding: Binding): boolean {
  if (binding.kind === 'name') return event.key === KEY_VALUES[binding.name] && event.shiftKey === binding.shift;
  const produced = producedChar(event, binding.char);
  if (!isCased(binding.char)) return produced === binding.char;
  // A letter: Shift picks the case, so Caps Lock changes nothing and Shift+J is "J", not "j".
  const upper = binding.char === binding.char.toUpperCase();
  return produced.toLowerCase() === binding.char.toLowerCase() && event.shiftKey === upper;
}

/** Whether this key press is the binding: the same key, and exactly its Ctrl/Alt/Meta. */
export function matchesBinding(event: KeyPress, binding: Binding): boolean {
  const mods = commandModifiers(event);
  const mac = isMac();
  if (mods.ctrl !== (binding.ctrl || (binding.mod && !mac))) return false;
  if (mods.meta !== (binding.meta || (binding.mod && mac))) return false;
  if (mods.alt !== binding.alt) return false;
  return matchesKey(event, binding);
}

/**
 * A level digit 1–7 from the character typed, or from the digit row's position when the
 * layout puts other characters there (French AZERTY types & é " ' ( - è without Shift).
 */
export function levelDigit(event: KeyPress, maxLevel = 7): number | null {
  if (hasCommandModifier(event) || event.getModifierState?.('AltGraph') === true) return null;
  const fromKey = /^[0-9]$/.test(event.key) ? Number(event.key) : null;
  const fromCode = /^Digit[0-9]$/.test(event.code) ? Number(event.code.slice(5)) : null;
  const digit = fromKey ?? fromCode;
  return digit !== null && digit >= 1 && digit <= maxLevel ? digit : null;
}
