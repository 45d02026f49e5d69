import type { Binding, ShortcutAction } from '../../../../shared/index.ts';
import { displayHotkey, READ_KEY_LABELS, READ_KEYS, SHORTCUT_ACTIONS, SHORTCUT_LABELS, type ReadChoice } from '../../shortcuts/shortcut-map.ts';
import { Dialog } from './Dialog.tsx';

type Props = {
  open: boolean;
  keys: Record<ShortcutAction, Binding>;
  singleKeysOn: boolean;
  /** The adjudication workspace: its read keys (A, B) are listed too. */
  readKeys?: boolean;
  /** What Ctrl/⌘+Enter submits in this workspace. */
  submitLabel?: string;
  onClose(): void;
};

/** Every shortcut of the workspace, as currently mapped. */
export function CheatSheet({ open, keys, singleKeysOn, readKeys = false, submitLabel = 'Submit review', onClose }: Props) {
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
        {readKeys && (Object.keys(READ_KEYS) as ReadChoice[]).map((which) => (
          <div key={which}>
            <dt><kbd>{displayHotkey(READ_KEYS[which])}</kbd></dt>
            <dd>{READ_KEY_LABELS[which]}</dd>
          </div>
        ))}
        <div><dt><kbd>1</kbd>–<kbd>7</kbd></dt><dd>Set the level of the focused criterion</dd></div>
        <div><dt><kbd>←</kbd> <kbd>→</kbd> on a level</dt><dd>Move between levels</dd></div>
        <div><dt><kbd>Ctrl/⌘+S</kbd></dt><dd>Save now</dd></div>
        <div><dt><kbd>Ctrl/⌘+Enter</kbd></dt><dd>{submitLabel}</dd></div>
      </dl>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>Close</button>
      </div>
    </Dialog>
  );
}
