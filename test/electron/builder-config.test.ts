import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/hub.ts';

// electron-builder's own JSON schema, as shipped with the installed version.
const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
type Config = Record<string, unknown> & { electronFuses: Record<string, boolean>; extends?: string };
const load = (file: string) => parse(readFileSync(join(REPO_ROOT, file), 'utf8')) as Config;
const release = load('electron-builder.yml');
const testFlavour = load('electron-builder.test.yml');

describe('electron-builder configuration', () => {
  it.each([['electron-builder.yml', release], ['electron-builder.test.yml', testFlavour]])('%s matches the schema', (_name, config) => {
    expect(validate(config), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('the schema check catches a mistake', () => {
    expect(validate({ ...release, asar: 'yes', electronFuses: { runAsNode: false, notAFuse: true } })).toBe(false);
  });

  it('packs into an asar with better-sqlite3 unpacked', () => {
    expect(release.asar).toBe(true);
    expect(release.asarUnpack).toEqual(['**/node_modules/better-sqlite3/**']);
    expect(release.files).toEqual(expect.arrayContaining(['dist/renderer/**', 'dist-electron/**', 'package.json', 'resources/demo/**']));
  });

  it('builds AppImage and deb for Linux, dmg for macOS, nsis for Windows', () => {
    expect(release).toMatchObject({ linux: { target: ['AppImage', 'deb'], category: 'Education' }, mac: { target: ['dmg'] }, win: { target: ['nsis'] } });
  });

  it('turns off every way to run the release as a plain Node or debug it, and pins the asar', () => {
    expect(release.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('the test flavour differs only in the inspect fuse, its identity and its output folder', () => {
    expect(testFlavour.extends).toBe('./electron-builder.yml');
    expect(testFlavour.electronFuses).toEqual({ ...release.electronFuses, enableNodeCliInspectArguments: true });
    expect(testFlavour.appId).not.toBe(release.appId);
    expect(testFlavour.directories).toEqual({ output: 'release/test' });
  });
});
