import type { Settings, ShortcutAction } from '../../../shared/index.ts';

/** Hotkey strings in react-hotkeys-hook's notation (key codes: "comma", "slash", "left"). */
export const DEFAULT_SHORTCUTS: Readonly<Record<ShortcutAction, string>> = {
  playPause: 'space',
  rewind: 'j',
  pause: 'k',
  forward: 'l',
  seekBack: 'left',
  seekForward: 'right',
  frameBack: 'comma',
  frameForward: 'period',
  nextCriterion: 'down',
  prevCriterion: 'up',
  addNote: 'n',
  cheatSheet: 'shift+slash',
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

/** A hotkey: optional modifiers then one key name, e.g. "j", "shift+slash", "ctrl+left". */
export const HOTKEY_PATTERN = /^((ctrl|alt|shift|meta|mod)\+){0,3}([a-z0-9]|f[1-9]|f1[0-2]|space|enter|left|right|up|down|comma|period|slash|semicolon|quote|bracketleft|bracketright|minus|equal|backquote|backslash)$/;

export function isValidHotkey(value: string): boolean {
  return HOTKEY_PATTERN.test(value.trim().toLowerCase());
}

export function resolveShortcuts(map: Settings['shortcutMap']): Record<ShortcutAction, string> {
  const resolved = { ...DEFAULT_SHORTCUTS };
  for (const action of SHORTCUT_ACTIONS) {
    const custom = map[action];
    if (custom && isValidHotkey(custom)) resolved[action] = custom.trim().toLowerCase();
  }
  return resolved;
}

const KEY_NAMES: Record<string, string> = {
  space: 'Space', enter: 'Enter', left: '←', right: '→', up: '↑', down: '↓', comma: ',', period: '.', slash: '/',
  semicolon: ';', quote: "'", bracketleft: '[', bracketright: ']', minus: '-', equal: '=', backquote: '`', backslash: '\\',
  ctrl: 'Ctrl', alt: 'Alt', meta: 'Meta', mod: 'Ctrl/⌘',
};

/** How a hotkey is shown to people: "shift+slash" → "?", "j" → "J". */
export function displayHotkey(hotkey: string): string {
  if (hotkey === 'shift+slash') return '?';
  return hotkey
    .split('+')
    .map((part) => KEY_NAMES[part] ?? (part === 'shift' ? 'Shift' : part.toUpperCase()))
    .join('+');
}
