import { useEffect, useState, type FormEvent } from 'react';
import { canonicalBinding, type Settings, type ShortcutAction } from '../../../../shared/index.ts';
import { useApiMutation, useApiQuery } from '../../hooks/useApiQuery.ts';
import { PLAYBACK_RATES } from '../../components/review/VideoPlayer.tsx';
import { DEFAULT_SHORTCUTS, SHORTCUT_ACTIONS, SHORTCUT_LABELS, displayHotkey, isValidHotkey } from '../../shortcuts/shortcut-map.ts';

type Form = Settings & { hubText: string };

/** Workstation preferences; saved through settings.set, validated there too. */
export function SettingsScreen() {
  const current = useApiQuery('settings.get', {});
  const save = useApiMutation('settings.set', ['settings.get']);
  const [form, setForm] = useState<Form | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (current.data && !form) setForm({ ...current.data, hubText: current.data.hubUrl ?? '' });
  }, [current.data, form]);

  if (current.error) return <p role="alert" className="error">Could not load settings: {current.error.message}</p>;
  if (!form) return <p>Loading settings…</p>;

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm({ ...form, [key]: value });
  const setShortcut = (action: ShortcutAction, value: string) => set('shortcutMap', { ...form.shortcutMap, [action]: value });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const bad = SHORTCUT_ACTIONS.filter((a) => form.shortcutMap[a] && !isValidHotkey(form.shortcutMap[a] as string));
    if (bad.length > 0) return setProblem(`Not a valid key: ${bad.map((a) => SHORTCUT_LABELS[a]).join(', ')}. Use e.g. "j", "J", "?", "left".`);
    const shortcutMap: Settings['shortcutMap'] = {};
    for (const action of SHORTCUT_ACTIONS) {
      const value = canonicalBinding(form.shortcutMap[action] ?? '');
      if (value && value !== DEFAULT_SHORTCUTS[action]) shortcutMap[action] = value;
    }
    setProblem(null);
    const { hubText, ...rest } = form;
    save.mutate({ patch: { ...rest, hubUrl: hubText.trim() === '' ? null : hubText.trim(), shortcutMap } });
    return undefined;
  };

  return (
    <form className="settings" onSubmit={submit}>
      <h1>Settings</h1>
      <fieldset>
        <legend>Playback</legend>
        <div className="field">
          <label htmlFor="s-rate">Default playback speed</label>
          <select id="s-rate" value={form.playbackRate} onChange={(e) => set('playbackRate', Number(e.target.value))}>
            {PLAYBACK_RATES.map((r) => <option key={r} value={r}>{r}×</option>)}
          </select>
        </div>
        <div className="field field-check">
          <input id="s-pause" type="checkbox" checked={form.pauseWhileTypingNote} onChange={(e) => set('pauseWhileTypingNote', e.target.checked)} />
          <label htmlFor="s-pause">Pause video while typing a note</label>
        </div>
      </fieldset>
      <fieldset>
        <legend>Keyboard</legend>
        <div className="field field-check">
          <input id="s-shortcuts" type="checkbox" checked={form.shortcutsEnabled} onChange={(e) => set('shortcutsEnabled', e.target.checked)} />
          <label htmlFor="s-shortcuts">Single-key shortcuts</label>
        </div>
        <p className="hint">Ctrl/⌘+S (save) and Ctrl/⌘+Enter (submit) always work. A key is the character it types, as your keyboard layout types it (j, J for Shift+J, ?, ,), or a key name (left, right, up, down, space, enter, escape, home, end, f1–f12); put ctrl+, alt+ or mod+ (Ctrl, ⌘ on a Mac) before either, and shift+ before a key name.</p>
        <div className="shortcut-grid">
          {SHORTCUT_ACTIONS.map((action) => (
            <div className="field" key={action}>
              <label htmlFor={`s-key-${action}`}>{SHORTCUT_LABELS[action]}</label>
              <input
                id={`s-key-${action}`}
                value={form.shortcutMap[action] ?? DEFAULT_SHORTCUTS[action]}
                aria-describedby={`s-key-${action}-shown`}
                onChange={(e) => setShortcut(action, e.target.value)}
                spellCheck={false}
              />
              <span id={`s-key-${action}-shown`} className="hint">Shown as {displayHotkey(form.shortcutMap[action] ?? DEFAULT_SHORTCUTS[action])}</span>
            </div>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Storage</legend>
        <div className="field">
          <label htmlFor="s-cache">Cache size limit (MB)</label>
          <input id="s-cache" type="number" min={100} max={1_000_000} value={form.cacheLimitMb} onChange={(e) => set('cacheLimitMb', Number(e.target.value))} />
        </div>
        <div className="field">
          <label htmlFor="s-retention">Keep media after sync (days)</label>
          <input id="s-retention" type="number" min={0} max={3650} value={form.retentionDays} onChange={(e) => set('retentionDays', Number(e.target.value))} />
        </div>
      </fieldset>
      <fieldset>
        <legend>Hub</legend>
        <div className="field">
          <label htmlFor="s-hub">Hub address</label>
          <input id="s-hub" type="url" value={form.hubText} onChange={(e) => set('hubText', e.target.value)} />
        </div>
      </fieldset>
      {problem && <p role="alert" className="error">{problem}</p>}
      {save.error && <p role="alert" className="error">Not saved: {save.error.message}</p>}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending}>Save settings</button>
        <p role="status" aria-label="Settings status">{save.isSuccess ? 'Settings saved' : ''}</p>
      </div>
    </form>
  );
}
