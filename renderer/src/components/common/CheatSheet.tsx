import type { Binding, ShortcutAction } from '../../../../shared/index.ts';
import { displayHotkey, SHORTCUT_ACTIONS, SHORTCUT_LABELS } from '../../shortcuts/shortcut-map.ts';
import { Dialog } from './Dialog.tsx';

type Props = { open: boolean; keys: Record<ShortcutAction, Binding>; singleKeysOn: boolean; onClose(): void };

/** Every shortcut, as currently mapped. */
export function CheatSheet({ open, keys, singleKeysOn, onClose }: Props) {
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={onClose}>
      {!singleKeysOn && <p>Single-key shortcuts are off (Settings). Ctrl/⌘ shortcuts still work.</p>}
      <dl className="shortcut-list">
        {SHORTCUT_ACTIONS.map((action) => (
          <div key={action}>
            <dt><kbd>{displayHotkey(keys[action])}</kbd></dt>
            <dd>{SHORTCUT_LABELS[action]}</dd>
          </div>
        ))}
        <div><dt><kbd>1</kbd>–<kbd>7</kbd></dt><dd>Set the level of the focused criterion</dd></div>
        <div><dt><kbd>←</kbd> <kbd>→</kbd> on a level</dt><dd>Move between levels</dd></div>
        <div><dt><kbd>Ctrl/⌘+S</kbd></dt><dd>Save now</dd></div>
        <div><dt><kbd>Ctrl/⌘+Enter</kbd></dt><dd>Submit review</dd></div>
      </dl>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>Close</button>
      </div>
    </Dialog>
  );
}
