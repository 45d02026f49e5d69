import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileSecretStore } from '../../../electron/core/secrets/file-secret-store.ts';
import { tempDir, removeTempDirs } from './support/fixtures.ts';

afterEach(removeTempDirs);

describe('fileSecretStore', () => {
  it('keeps secrets in a file only its owner can read, across instances', async () => {
    const dir = tempDir();
    const path = join(dir, 'nested', 'secrets.json');
    const secrets = fileSecretStore(path);
    expect(await secrets.get('token')).toBeNull();
    await secrets.set('token', 't-123');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await fileSecretStore(path).get('token')).toBe('t-123');
    await secrets.delete('token');
    expect(await secrets.get('token')).toBeNull();
    expect(readdirSync(join(dir, 'nested'))).toEqual(['secrets.json']);
  });

  it('serialises concurrent writes without losing one', async () => {
    const path = join(tempDir(), 'secrets.json');
    const secrets = fileSecretStore(path);
    await Promise.all(Array.from({ length: 20 }, (_, i) => secrets.set(`k${i}`, `v${i}`)));
    expect(Object.keys(JSON.parse(readFileSync(path, 'utf8')) as object)).toHaveLength(20);
  });

  it('tightens a file found with looser permissions and refuses a damaged one', async () => {
    const path = join(tempDir(), 'secrets.json');
    writeFileSync(path, JSON.stringify({ token: 'x' }));
    chmodSync(path, 0o644);
    expect(await fileSecretStore(path).get('token')).toBe('x');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    writeFileSync(path, JSON.stringify({ token: 42 }));
    await expect(fileSecretStore(path).get('token')).rejects.toThrow(/damaged/);
  });
});
