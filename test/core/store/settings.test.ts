import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/index.ts';
import { confSettingsStore } from '../../../electron/core/settings/conf-settings.ts';
import { tempDir, removeTempDirs } from './support/fixtures.ts';

afterEach(removeTempDirs);

describe('confSettingsStore', () => {
  it('starts from the defaults', () => {
    expect(confSettingsStore(tempDir()).get()).toEqual(DEFAULT_SETTINGS);
  });

  it('persists a valid change across reopen', () => {
    const dir = tempDir();
    const updated = confSettingsStore(dir).set({ playbackRate: 1.5, shortcutMap: { playPause: 'Space' }, hubUrl: 'https://hub.example.org' });
    expect(updated).toEqual({ ...DEFAULT_SETTINGS, playbackRate: 1.5, shortcutMap: { playPause: 'space' }, hubUrl: 'https://hub.example.org' });
    expect(confSettingsStore(dir).get()).toEqual(updated);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ playbackRate: 1.5 });
  });

  it('rejects an invalid value or an unknown key with invalid and changes nothing', () => {
    const dir = tempDir();
    const settings = confSettingsStore(dir);
    settings.set({ retentionDays: 10 });
    expect(() => settings.set({ retentionDays: 5, downloadConcurrency: 99 })).toThrow(expect.objectContaining({ code: 'invalid', message: expect.stringContaining('downloadConcurrency') }));
    expect(() => settings.set({ token: 'secret' } as never)).toThrow(expect.objectContaining({ code: 'invalid', message: 'Unknown setting: token' }));
    expect(confSettingsStore(dir).get()).toEqual({ ...DEFAULT_SETTINGS, retentionDays: 10 });
  });

  it('falls back to the default for a stored value that is not valid, keeping the valid ones', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ playbackRate: 9, cacheLimitMb: 500, studentName: 'x' }));
    expect(confSettingsStore(dir).get()).toEqual({ ...DEFAULT_SETTINGS, cacheLimitMb: 500 });
  });

  it('migrates shortcut bindings stored as key codes by the previous version to characters', () => {
    const dir = tempDir();
    const legacy = { cheatSheet: 'shift+slash', frameBack: 'comma', rewind: 'shift+j', seekBack: 'ctrl+left', addNote: 'n' };
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ shortcutMap: legacy, retentionDays: 12 }));
    const migrated = { cheatSheet: '?', frameBack: ',', rewind: 'J', seekBack: 'ctrl+left', addNote: 'n' };
    expect(confSettingsStore(dir).get()).toEqual({ ...DEFAULT_SETTINGS, retentionDays: 12, shortcutMap: migrated });
    confSettingsStore(dir).set({ playbackRate: 2 });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).shortcutMap).toEqual(migrated);
  });

  it('survives a damaged settings file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), '{ not json');
    expect(confSettingsStore(dir).get()).toEqual(DEFAULT_SETTINGS);
  });
});
