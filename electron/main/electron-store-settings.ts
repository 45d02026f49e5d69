// Settings in Electron: electron-store (conf underneath, so the file format matches the web
// host's conf store). Values are checked against the shared schema on the way in and out,
// so a hand-edited file cannot feed the UI a wrong type. electron-store is ESM-only and the
// main bundle is CommonJS, so it is loaded with a real dynamic import.
import { DEFAULT_SETTINGS, Settings } from '../../shared/index.ts';
import type { SettingsStore } from '../core/ports.ts';

/** Keeps each stored field that still matches the schema; the rest fall back to defaults. */
function sanitizeSettings(stored: Record<string, unknown>): Settings {
  const result: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [key, field] of Object.entries(Settings.shape)) {
    if (!(key in stored)) continue;
    const parsed = field.safeParse(stored[key]);
    if (parsed.success) result[key] = parsed.data;
  }
  return Settings.parse(result);
}

export async function electronStoreSettings(cwd?: string): Promise<SettingsStore> {
  const { default: ElectronStore } = await import('electron-store');
  const store = new ElectronStore<Settings>({ name: 'settings', defaults: DEFAULT_SETTINGS, clearInvalidConfig: true, ...(cwd ? { cwd } : {}) });
  return {
    get: () => sanitizeSettings(store.store),
    set: (patch) => {
      const valid = Settings.partial().strict().parse(patch);
      store.set(valid);
      return sanitizeSettings(store.store);
    },
  };
}
