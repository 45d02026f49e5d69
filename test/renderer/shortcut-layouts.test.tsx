import './support/cleanup.ts';
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import type { Settings } from '../../shared/index.ts';
import { useShortcuts, type ShortcutHandlers } from '../../renderer/src/hooks/useShortcuts.ts';
import { resolveShortcuts, SHORTCUT_ACTIONS } from '../../renderer/src/shortcuts/shortcut-map.ts';
import { azertyUnshiftedDigit, LAYOUTS, press, stroke, type Stroke } from './support/layouts.ts';

type HarnessProps = { log: string[]; map?: Settings['shortcutMap']; enabled?: boolean };

/** The shortcut hook as the review uses it, with each handler writing its name to a log. */
function Harness({ log, map = {}, enabled = true }: HarnessProps) {
  const handlers: ShortcutHandlers = {
    setLevel: (level) => log.push(`level ${level}`),
    saveNow: () => log.push('save'),
    submit: () => log.push('submit'),
  };
  for (const action of SHORTCUT_ACTIONS) handlers[action] = () => log.push(action);
  useShortcuts(handlers, { enabled, keys: resolveShortcuts(map) });
  return (
    <div>
      <button type="button">Play</button>
      <button type="button" role="radio" aria-checked="false">Level 1</button>
      <label>Feedback <textarea /></label>
    </div>
  );
}

function setup(props: Omit<HarnessProps, 'log'> = {}) {
  const log: string[] = [];
  render(<Harness log={log} {...props} />);
  return log;
}

/** Presses each stroke on the body and returns what ran. */
function run(strokes: Stroke[], props: Omit<HarnessProps, 'log'> = {}): string[] {
  const log = setup(props);
  for (const s of strokes) press(s, document.body);
  return log;
}

describe.each(LAYOUTS)('shortcuts on a %s keyboard', (layout) => {
  it('opens the cheat sheet from "?" wherever the layout puts it, and takes the key', () => {
    const log = setup();
    expect(press(stroke(layout, '?'), document.body)).toBe(true);
    expect(log).toEqual(['cheatSheet']);
  });

  it('steps frames with "," and "." as the layout types them', () => {
    expect(run([stroke(layout, ','), stroke(layout, '.'), stroke(layout, '.')])).toEqual(['frameBack', 'frameForward', 'frameForward']);
  });

  it('runs J, K, L and N by the letter typed', () => {
    expect(run(['j', 'k', 'l', 'n'].map((c) => stroke(layout, c)))).toEqual(['rewind', 'pause', 'forward', 'addNote']);
  });

  it('sets levels 1–7 from the digit row and nothing for 8', () => {
    const digits = [1, 2, 3, 4, 5, 6, 7, 8].map((d) => stroke(layout, String(d)));
    expect(run(digits)).toEqual([1, 2, 3, 4, 5, 6, 7].map((d) => `level ${d}`));
  });

  it('saves with Ctrl+S and opens submit with Ctrl+Enter, also from a text field', () => {
    const log = setup();
    const textarea = screen.getByLabelText('Feedback');
    textarea.focus();
    expect(press({ ...stroke(layout, 's'), ctrlKey: true }, textarea)).toBe(true);
    expect(press({ key: 'Enter', code: 'Enter', ctrlKey: true }, textarea)).toBe(true);
    expect(press({ key: 'Enter', code: 'NumpadEnter', ctrlKey: true }, document.body)).toBe(true);
    expect(log).toEqual(['save', 'submit', 'submit']);
  });

  it('never runs a single-key shortcut while typing in a text field', () => {
    const log = setup();
    const textarea = screen.getByLabelText('Feedback');
    textarea.focus();
    for (const c of ['?', ',', '.', 'j', 'n', '4']) expect(press(stroke(layout, c), textarea)).toBe(false);
    expect(press({ key: ' ', code: 'Space' }, textarea)).toBe(false);
    expect(log).toEqual([]);
  });
});

describe('shortcuts matched by character', () => {
  it('opens the cheat sheet from "?" without Shift (an on-screen keyboard, a layout with a ? key)', () => {
    expect(run([{ key: '?', code: 'Slash' }, { key: '?', code: '' }])).toEqual(['cheatSheet', 'cheatSheet']);
  });

  it('does not take "/" or Shift+ß-position keys that type something else for "?"', () => {
    const log = setup();
    expect(press({ key: '/', code: 'Slash' }, document.body)).toBe(false);
    expect(press({ key: 'ß', code: 'Minus' }, document.body)).toBe(false);
    expect(log).toEqual([]);
  });

  it('sets levels from the French digit row without Shift, by position', () => {
    expect(run([1, 2, 3, 4, 5, 6, 7].map(azertyUnshiftedDigit))).toEqual([1, 2, 3, 4, 5, 6, 7].map((d) => `level ${d}`));
  });

  it('leaves digits with Ctrl or Alt to the browser, and takes numpad digits', () => {
    const log = run([{ key: '2', code: 'Digit2', ctrlKey: true }, { key: '3', code: 'Digit3', altKey: true }, { key: '5', code: 'Numpad5' }]);
    expect(log).toEqual(['level 5']);
  });

  it('keeps Shift on letters: Shift+J is not "j"; Caps Lock changes nothing', () => {
    expect(run([{ key: 'J', code: 'KeyJ', shiftKey: true }])).toEqual([]);
    expect(run([{ key: 'J', code: 'KeyJ' }, { key: 'j', code: 'KeyJ', shiftKey: true }])).toEqual(['rewind']);
  });

  it('matches arrows and Space by name; Space on a button stays the button\'s', () => {
    const log = run([
      { key: 'ArrowLeft', code: 'ArrowLeft' }, { key: 'ArrowRight', code: 'ArrowRight' },
      { key: 'ArrowDown', code: 'ArrowDown' }, { key: 'ArrowUp', code: 'ArrowUp' }, { key: ' ', code: 'Space' },
      { key: 'ArrowLeft', code: 'ArrowLeft', shiftKey: true },
    ]);
    expect(log).toEqual(['seekBack', 'seekForward', 'nextCriterion', 'prevCriterion', 'playPause']);
    log.length = 0;
    expect(press({ key: ' ', code: 'Space' }, screen.getByRole('button', { name: 'Play' }))).toBe(false);
    expect(log).toEqual([]);
  });

  it('runs single keys on a level radio, so the rubric can be scored from the keyboard', () => {
    const log = setup();
    const radio = screen.getByRole('radio', { name: 'Level 1' });
    press(azertyUnshiftedDigit(3), radio);
    press({ key: 'ArrowDown', code: 'ArrowDown' }, radio);
    expect(log).toEqual(['level 3', 'nextCriterion']);
  });

  it('falls back to the key position for a Latin letter on a Cyrillic layout', () => {
    const log = run([{ key: 'о', code: 'KeyJ' }, { key: 'ы', code: 'KeyS', ctrlKey: true }]);
    expect(log).toEqual(['rewind', 'save']);
  });

  it('follows remapped keys by character on every layout and drops the defaults', () => {
    const map = { nextCriterion: 'z', cheatSheet: 'q', frameBack: '@' };
    for (const layout of LAYOUTS) {
      expect(run([stroke(layout, 'z'), stroke(layout, 'q'), stroke(layout, '?'), { key: 'ArrowDown', code: 'ArrowDown' }], { map })).toEqual(['nextCriterion', 'cheatSheet']);
    }
    // "@" is AltGr+Q on a German keyboard: Windows reports it as Ctrl+Alt, yet it is a plain character.
    expect(run([{ key: '@', code: 'KeyQ', ctrlKey: true, altKey: true, modifierAltGraph: true }], { map })).toEqual(['frameBack']);
    expect(run([{ key: 'q', code: 'KeyQ', ctrlKey: true, altKey: true }], { map })).toEqual([]);
  });

  it('reads a binding stored by the previous version (key codes) as the character it typed', () => {
    const map = { cheatSheet: 'shift+slash', frameBack: 'period', rewind: 'shift+j' };
    const log = run([stroke('fr', '?'), stroke('de', '.'), { key: 'J', code: 'KeyJ', shiftKey: true }, stroke('us', 'j')], { map });
    expect(log).toEqual(['cheatSheet', 'frameBack', 'rewind']);
  });

  it('turns every single key off, keeping Ctrl+S and Ctrl+Enter (WCAG 2.1.4)', () => {
    const log = setup({ enabled: false });
    for (const s of [stroke('de', '?'), stroke('fr', ','), stroke('us', 'j'), azertyUnshiftedDigit(4), { key: ' ', code: 'Space' }]) {
      expect(press(s, document.body)).toBe(false);
    }
    press({ key: 's', code: 'KeyS', ctrlKey: true }, document.body);
    press({ key: 'Enter', code: 'Enter', ctrlKey: true }, document.body);
    expect(log).toEqual(['save', 'submit']);
  });
});
