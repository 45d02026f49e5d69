/**
 * Shortcut bindings, written as the character a key produces ("?", ",", "j", "J") or a key
 * name ("left", "space", "enter"), after optional modifiers ("ctrl+", "alt+", "meta+",
 * "mod+" = Ctrl, or ⌘ on a Mac). Matching by character makes "?" work wherever a layout puts
 * it (German Shift+ß, French Shift+,). Shift is part of the character ("J" is Shift+J) and
 * is written out only before a key name ("shift+left").
 *
 * The previous version stored react-hotkeys-hook key codes named after US key positions
 * ("shift+slash", "comma", "shift+j"); those are read and rewritten here as the character
 * the US layout gives, which is what the cheat sheet showed for them.
 */

export type KeyName =
  | 'space' | 'enter' | 'escape' | 'tab' | 'backspace' | 'delete' | 'insert'
  | 'left' | 'right' | 'up' | 'down' | 'home' | 'end' | 'pageup' | 'pagedown'
  | `f${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12}`;

export type Binding = {
  ctrl: boolean;
  alt: boolean;
  meta: boolean;
  mod: boolean;
  /** Only for a key name: a character already says whether Shift was held. */
  shift: boolean;
} & ({ kind: 'char'; char: string } | { kind: 'name'; name: KeyName });

/** KeyboardEvent.key for each key name. */
export const KEY_VALUES: Readonly<Record<KeyName, string>> = {
  space: ' ', enter: 'Enter', escape: 'Escape', tab: 'Tab', backspace: 'Backspace', delete: 'Delete', insert: 'Insert',
  left: 'ArrowLeft', right: 'ArrowRight', up: 'ArrowUp', down: 'ArrowDown',
  home: 'Home', end: 'End', pageup: 'PageUp', pagedown: 'PageDown',
  f1: 'F1', f2: 'F2', f3: 'F3', f4: 'F4', f5: 'F5', f6: 'F6', f7: 'F7', f8: 'F8', f9: 'F9', f10: 'F10', f11: 'F11', f12: 'F12',
};

const NAME_ALIASES: Readonly<Record<string, KeyName>> = {
  esc: 'escape', return: 'enter', del: 'delete', spacebar: 'space',
  arrowleft: 'left', arrowright: 'right', arrowup: 'up', arrowdown: 'down',
};

/** The previous version's names for punctuation keys (US positions) and what they type. */
const LEGACY_CHAR_NAMES: Readonly<Record<string, string>> = {
  comma: ',', period: '.', slash: '/', semicolon: ';', quote: "'", bracketleft: '[', bracketright: ']',
  minus: '-', equal: '=', backquote: '`', backslash: '\\',
};

/** What Shift turns each unshifted character into on a US keyboard (legacy "shift+slash" = "?"). */
const US_SHIFTED: Readonly<Record<string, string>> = {
  '1': '!', '2': '@', '3': '#', '4': '$', '5': '%', '6': '^', '7': '&', '8': '*', '9': '(', '0': ')',
  ',': '<', '.': '>', '/': '?', ';': ':', "'": '"', '[': '{', ']': '}', '-': '_', '=': '+', '`': '~', '\\': '|',
};

const MODIFIERS = ['mod', 'ctrl', 'alt', 'shift', 'meta'] as const;
const MODIFIER_ALIASES: Readonly<Record<string, (typeof MODIFIERS)[number]>> = {
  mod: 'mod', ctrl: 'ctrl', control: 'ctrl', alt: 'alt', option: 'alt', shift: 'shift', meta: 'meta', cmd: 'meta',
};

/** A letter has an upper and a lower case; for letters (only) Shift decides the case. */
export const isCased = (char: string): boolean => char.toLowerCase() !== char.toUpperCase();

function toKeyName(text: string): KeyName | null {
  const lower = text.toLowerCase();
  if (lower in KEY_VALUES) return lower as KeyName;
  return NAME_ALIASES[lower] ?? null;
}

/** One printable character (one code point, not a space or a control character). */
const isPrintableChar = (text: string): boolean => [...text].length === 1 && !/[\p{C}\s]/u.test(text);

/** Reads a binding in the current notation or the previous version's; null when it is not one. */
export function parseBinding(input: string): Binding | null {
  let rest = input.trim();
  const mods = { ctrl: false, alt: false, meta: false, mod: false, shift: false };
  for (;;) {
    const match = /^([a-z]+)\+(?=.)/i.exec(rest);
    const modifier = match ? MODIFIER_ALIASES[(match[1] as string).toLowerCase()] : undefined;
    if (!match || !modifier) break;
    mods[modifier] = true;
    rest = rest.slice(match[0].length);
  }
  const name = toKeyName(rest);
  if (name) return { ...mods, kind: 'name', name };
  const char = LEGACY_CHAR_NAMES[rest.toLowerCase()] ?? (isPrintableChar(rest) ? rest : null);
  if (char === null) return null;
  if (!mods.shift) return { ...mods, kind: 'char', char };
  const shifted = isCased(char) ? char.toUpperCase() : US_SHIFTED[char];
  return shifted ? { ...mods, shift: false, kind: 'char', char: shifted } : null;
}

/** The one way a binding is written: modifiers in a fixed order, then the key. */
export function formatBinding(binding: Binding): string {
  const mods = MODIFIERS.filter((m) => binding[m] && (m !== 'shift' || binding.kind === 'name'));
  const key = binding.kind === 'name' ? binding.name : binding.char;
  return [...mods, key].join('+');
}

/** Rewrites a stored binding in the current notation; text that is no binding is kept as it is. */
export function canonicalBinding(input: string): string {
  const binding = parseBinding(input);
  return binding ? formatBinding(binding) : input;
}
