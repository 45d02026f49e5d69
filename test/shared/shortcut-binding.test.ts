import { describe, expect, it } from 'vitest';
import { canonicalBinding, formatBinding, parseBinding, Settings } from '../../shared/index.ts';

describe('shortcut bindings', () => {
  it('reads characters, key names and modifiers, and writes them one way', () => {
    expect(parseBinding('?')).toEqual({ ctrl: false, alt: false, meta: false, mod: false, shift: false, kind: 'char', char: '?' });
    expect(parseBinding('Ctrl+ArrowLeft')).toEqual({ ctrl: true, alt: false, meta: false, mod: false, shift: false, kind: 'name', name: 'left' });
    expect(canonicalBinding(' J ')).toBe('J');
    expect(canonicalBinding('alt+ctrl+Esc')).toBe('ctrl+alt+escape');
    expect(canonicalBinding('shift+Space')).toBe('shift+space');
    expect(canonicalBinding('mod++')).toBe('mod++');
    expect(canonicalBinding('+')).toBe('+');
    expect(canonicalBinding('ö')).toBe('ö');
  });

  it('turns the previous version\'s US key codes into the characters they typed', () => {
    const legacy: Record<string, string> = {
      'shift+slash': '?', comma: ',', period: '.', slash: '/', semicolon: ';', quote: "'", bracketleft: '[', backquote: '`',
      'shift+comma': '<', 'shift+1': '!', 'shift+j': 'J', 'ctrl+shift+k': 'ctrl+K', 'shift+left': 'shift+left', j: 'j', '7': '7', f5: 'f5',
    };
    for (const [old, now] of Object.entries(legacy)) expect(canonicalBinding(old), old).toBe(now);
  });

  it('refuses what is no single key, keeping the text for the user to correct', () => {
    for (const bad of ['', 'jk', 'shift+?', 'shift+', 'hyper+j', 'ctrl+', 'j+k', '\u0007']) expect(parseBinding(bad), bad).toBeNull();
    expect(canonicalBinding('jk')).toBe('jk');
  });

  it('formats a parsed binding back to the same text', () => {
    for (const text of ['?', ',', 'J', 'ctrl+alt+x', 'mod+enter', 'shift+pagedown', 'meta+f12']) {
      expect(formatBinding(parseBinding(text) as NonNullable<ReturnType<typeof parseBinding>>)).toBe(text);
    }
  });

  it('migrates through the settings schema, so every store and settings.set read the same notation', () => {
    const parsed = Settings.shape.shortcutMap.parse({ cheatSheet: 'shift+slash', frameForward: 'period' });
    expect(parsed).toEqual({ cheatSheet: '?', frameForward: '.' });
  });
});
