import { useHotkeys } from 'react-hotkeys-hook';
import type { ShortcutAction } from '../../../shared/index.ts';
import { SHORTCUT_ACTIONS } from '../shortcuts/shortcut-map.ts';

export type ShortcutHandlers = Partial<Record<ShortcutAction, () => void>> & {
  setLevel?: (level: number) => void;
  saveNow?: () => void;
  submit?: () => void;
};

export type ShortcutOptions = {
  /** Single-key shortcuts on or off (WCAG 2.1.4); Ctrl/Cmd combinations stay on. */
  enabled: boolean;
  keys: Record<ShortcutAction, string>;
};

const ACTIVATES_ON_SPACE = 'button, a[href], summary, select, [role="button"], [role="radio"], [role="checkbox"], [role="switch"], [role="menuitem"], [role="tab"], [role="option"], [role="slider"]';

/** Space keeps its native meaning on buttons and the like: it must not also play the video. */
function spaceBelongsToTarget(event: KeyboardEvent): boolean {
  const target = event.target;
  return event.code === 'Space' && target instanceof Element && target.closest(ACTIVATES_ON_SPACE) !== null;
}

/** A level digit with Ctrl, Alt or Meta belongs to the browser (tab switching etc.). */
const hasCommandModifier = (event: KeyboardEvent) => event.ctrlKey || event.altKey || event.metaKey;

/**
 * The review's keyboard shortcuts. Single keys never fire while typing in a text field
 * (react-hotkeys-hook ignores form fields unless told otherwise); on the level radios they
 * do, so 1–7 and ↑/↓ work from the rubric.
 */
export function useShortcuts(handlers: ShortcutHandlers, options: ShortcutOptions): void {
  const singleKey = { enabled: options.enabled, enableOnFormTags: ['radio'] as const, preventDefault: true };
  for (const action of SHORTCUT_ACTIONS) {
    // The action list is a constant, so the hooks are always called in the same order.
    useHotkeys(options.keys[action], () => handlers[action]?.(), {
      ...singleKey,
      enabled: options.enabled && handlers[action] !== undefined,
      ignoreEventWhen: spaceBelongsToTarget,
    }, [handlers[action]]);
  }
  useHotkeys('1,2,3,4,5,6,7', (event) => handlers.setLevel?.(Number(event.code.replace(/\D/g, ''))), {
    ...singleKey,
    enabled: options.enabled && handlers.setLevel !== undefined,
    ignoreEventWhen: hasCommandModifier,
  }, [handlers.setLevel]);
  useHotkeys('mod+s', () => handlers.saveNow?.(), { enableOnFormTags: true, preventDefault: true }, [handlers.saveNow]);
  useHotkeys('mod+enter', () => handlers.submit?.(), { enableOnFormTags: true, preventDefault: true }, [handlers.submit]);
}
