import { useHotkeys } from 'react-hotkeys-hook';
import { parseBinding, type Binding, type ShortcutAction } from '../../../shared/index.ts';
import { levelDigit, matchesBinding } from '../shortcuts/match-key.ts';
import { READ_KEYS, SHORTCUT_ACTIONS, type ReadChoice } from '../shortcuts/shortcut-map.ts';

export type ShortcutHandlers = Partial<Record<ShortcutAction, () => void>> & {
  setLevel?: (level: number) => void;
  saveNow?: () => void;
  submit?: () => void;
  /** Adjudication: A or B (READ_KEYS) takes that read's level and feedback for the focused criterion. */
  takeRead?: (which: ReadChoice) => void;
};

export type ShortcutOptions = {
  /** Single-key shortcuts on or off (WCAG 2.1.4); Ctrl/Cmd combinations stay on. */
  enabled: boolean;
  keys: Record<ShortcutAction, Binding>;
};

const ACTIVATES_ON_SPACE = 'button, a[href], summary, select, [role="button"], [role="radio"], [role="checkbox"], [role="switch"], [role="menuitem"], [role="tab"], [role="option"], [role="slider"]';

/** Space keeps its native meaning on buttons and the like: it must not also play the video. */
function spaceBelongsToTarget(event: KeyboardEvent): boolean {
  const target = event.target;
  return event.key === ' ' && target instanceof Element && target.closest(ACTIVATES_ON_SPACE) !== null;
}

const SAVE = parseBinding('mod+s') as Binding;
const SUBMIT = parseBinding('mod+enter') as Binding;

/** The handler a single-key press asks for: a mapped action first, then A/B (adjudication), then a level digit. */
function singleKeyHandler(event: KeyboardEvent, handlers: ShortcutHandlers, keys: ShortcutOptions['keys']): (() => void) | null {
  if (spaceBelongsToTarget(event)) return null;
  const action = SHORTCUT_ACTIONS.find((a) => handlers[a] !== undefined && matchesBinding(event, keys[a]));
  if (action) return handlers[action] as () => void;
  const read = handlers.takeRead ? (Object.keys(READ_KEYS) as ReadChoice[]).find((which) => matchesBinding(event, READ_KEYS[which])) : undefined;
  if (read) return () => handlers.takeRead?.(read);
  const level = handlers.setLevel ? levelDigit(event) : null;
  return level === null ? null : () => handlers.setLevel?.(level);
}

/**
 * The review's keyboard shortcuts, matched by the character a key types (see match-key.ts),
 * so they work on every layout. react-hotkeys-hook only delivers the key presses ("*"):
 * its own matching goes by key position, or lower-cases the character and insists on the
 * exact Shift state, neither of which finds "?" on a German or French keyboard. Single keys
 * never fire while typing in a text field (the library ignores form fields unless told
 * otherwise); on the level radios they do, so 1–7 and ↑/↓ work from the rubric.
 */
export function useShortcuts(handlers: ShortcutHandlers, options: ShortcutOptions): void {
  useHotkeys('*', (event) => {
    const run = singleKeyHandler(event, handlers, options.keys);
    if (!run) return;
    event.preventDefault();
    run();
  }, { enabled: options.enabled, enableOnFormTags: ['radio'] });
  useHotkeys('*', (event) => {
    const run = matchesBinding(event, SAVE) ? handlers.saveNow : matchesBinding(event, SUBMIT) ? handlers.submit : undefined;
    if (!run) return;
    event.preventDefault();
    run();
  }, { enableOnFormTags: true });
}
