import { KEY_VALUES, parseBinding, type Binding, type Settings, type ShortcutAction } from '../../../shared/index.ts';

/** Bindings in the shared notation: the character a key types ("?", ",", "j") or a key name ("left"). */
export const DEFAULT_SHORTCUTS: Readonly<Record<ShortcutAction, string>> = {
  playPause: 'space',
  rewind: 'j',
  pause: 'k',
  forward: 'l',
  seekBack: 'left',
  seekForward: 'right',
  frameBack: ',',
  frameForward: '.',
  nextCriterion: 'down',
  prevCriterion: 'up',
  addNote: 'n',
  cheatSheet: '?',
};

export const SHORTCUT_LABELS: Readonly<Record<ShortcutAction, string>> = {
  playPause: 'Play or pause',
  rewind: 'Back 10 seconds',
  pause: 'Pause',
  forward: 'Forward 10 seconds',
  seekBack: 'Back 5 seconds',
  seekForward: 'Forward 5 seconds',
  frameBack: 'One frame back',
  frameForward: 'One frame forward',
  nextCriterion: 'Next criterion',
  prevCriterion: 'Previous criterion',
  addNote: 'Add note at current time',
  cheatSheet: 'Show keyboard shortcuts',
};

export const SHORTCUT_ACTIONS = Object.keys(DEFAULT_SHORTCUTS) as ShortcutAction[];

export type ReadChoice = 'first' | 'second';

/**
 * The adjudication workspace's read keys, fixed (not in the user's map, like 1–7): each takes
 * that read's level and feedback for the focused criterion. Matched by useShortcuts, listed
 * by the cheat sheet and announced on the Take Read buttons, all from here.
 */
export const READ_KEYS: Readonly<Record<ReadChoice, Binding>> = { first: parseBinding('a') as Binding, second: parseBinding('b') as Binding };

export const READ_KEY_LABELS: Readonly<Record<ReadChoice, string>> = {
  first: "Take Read A's level and feedback for the focused criterion",
  second: "Take Read B's level and feedback for the focused criterion",
};

export function isValidHotkey(value: string): boolean {
  return parseBinding(value) !== null;
}

/** Each action's binding: the user's where it is valid, else the default. */
export function resolveShortcuts(map: Settings['shortcutMap']): Record<ShortcutAction, Binding> {
  const resolved = {} as Record<ShortcutAction, Binding>;
  for (const action of SHORTCUT_ACTIONS) {
    resolved[action] = parseBinding(map[action] ?? '') ?? (parseBinding(DEFAULT_SHORTCUTS[action]) as Binding);
  }
  return resolved;
}

const KEY_LABELS: Readonly<Record<string, string>> = {
  space: 'Space', enter: 'Enter', escape: 'Esc', tab: 'Tab', backspace: 'Backspace', delete: 'Delete', insert: 'Insert',
  left: '←', right: '→', up: '↑', down: '↓', home: 'Home', end: 'End', pageup: 'Page Up', pagedown: 'Page Down',
};
/** Letters are printed in capitals, as on the keycaps ("ß" stays "ß", not "SS"). */
const shownChar = (char: string) => ([...char.toUpperCase()].length === 1 ? char.toUpperCase() : char);

const MODIFIER_ORDER = ['mod', 'ctrl', 'alt', 'shift', 'meta'] as const;
type Modifier = (typeof MODIFIER_ORDER)[number];

/** The modifiers a person presses, Shift included for a capital letter. */
function heldModifiers(binding: Binding): Modifier[] {
  const capital = binding.kind === 'char' && binding.char !== binding.char.toLowerCase();
  return MODIFIER_ORDER.filter((m) => binding[m] || (m === 'shift' && capital));
}

const MODIFIER_LABELS: Readonly<Record<Modifier, string>> = { mod: 'Ctrl/⌘', ctrl: 'Ctrl', alt: 'Alt', shift: 'Shift', meta: 'Meta' };

/** How a binding is shown to people: "?" → "?", "j" → "J", "J" → "Shift+J", "ctrl+left" → "Ctrl+←". */
export function displayHotkey(hotkey: string | Binding): string {
  const binding = typeof hotkey === 'string' ? parseBinding(hotkey) : hotkey;
  if (!binding) return hotkey as string;
  const key = binding.kind === 'name' ? KEY_LABELS[binding.name] ?? binding.name.toUpperCase() : shownChar(binding.char);
  return [...heldModifiers(binding).map((m) => MODIFIER_LABELS[m]), key].join('+');
}

const ARIA_MODIFIERS: Readonly<Record<Modifier, string>> = { mod: 'Control', ctrl: 'Control', alt: 'Alt', shift: 'Shift', meta: 'Meta' };

/** The binding in aria-keyshortcuts syntax ("Shift+J", "Control+ArrowLeft", "?"). */
export function ariaKeyshortcut(binding: Binding): string {
  const key = binding.kind === 'name' ? (binding.name === 'space' ? 'Space' : KEY_VALUES[binding.name]) : binding.char;
  return [...new Set(heldModifiers(binding).map((m) => ARIA_MODIFIERS[m])), key].join('+');
}
