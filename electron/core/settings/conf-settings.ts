import Conf from 'conf';
import { DEFAULT_SETTINGS, Settings } from '../../../shared/index.ts';
import type { SettingsStore } from '../ports.ts';
import { StoreError, STORE_ERRORS } from '../store/types.ts';

const KEYS = Object.keys(Settings.shape) as (keyof Settings)[];

/**
 * Settings in a JSON file under dir (conf, the library electron-store builds on). Every key
 * is checked against the shared schema on read (a bad stored value falls back to its
 * default) and the merged result on write. The schema is closed, so no secret or student
 * data can slip in under another key.
 */
export function confSettingsStore(dir: string): SettingsStore {
  const conf = new Conf<Record<string, unknown>>({ projectName: 'assay', cwd: dir, configName: 'settings', clearInvalidConfig: true });

  const get = (): Settings => {
    const stored = conf.store;
    const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const key of KEYS) {
      if (stored[key] === undefined) continue;
      const parsed = Settings.shape[key].safeParse(stored[key]);
      if (parsed.success) out[key] = parsed.data;
    }
    return out as Settings;
  };

  return {
    get,
    set(patch) {
      const unknown = Object.keys(patch).filter((k) => !KEYS.includes(k as keyof Settings));
      if (unknown.length > 0) throw new StoreError(STORE_ERRORS.invalid, `Unknown setting: ${unknown.join(', ')}`);
      const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      const merged = Settings.safeParse({ ...get(), ...given });
      if (!merged.success) {
        const issues = merged.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        throw new StoreError(STORE_ERRORS.invalid, `Invalid setting ${issues[0]?.path}: ${issues[0]?.message}`, issues);
      }
      conf.store = merged.data;
      return merged.data;
    },
  };
}
