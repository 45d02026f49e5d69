import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMainFlags } from '../../electron/main/cli-flags.ts';
import { parseWebArgs } from '../../electron/web/cli-args.ts';
import { isAllowedHost, isAllowedOrigin, isAuthorized } from '../../electron/web/request-guards.ts';

describe('npm run web arguments', () => {
  it('defaults to a free port and separate folders for real and demo data', () => {
    expect(parseWebArgs([])).toEqual({ demo: false, port: 0, dataDir: join(homedir(), '.assay-web') });
    expect(parseWebArgs(['--demo'])).toEqual({ demo: true, port: 0, dataDir: join(homedir(), '.assay-web-demo') });
    expect(parseWebArgs(['--port', '8080', '--data', '/srv/assay'])).toEqual({ demo: false, port: 8080, dataDir: '/srv/assay' });
  });

  it.each([['--port', '-1'], ['--port', '65536'], ['--port', '1e3'], ['--bogus'], ['extra']])('refuses %s', (...argv) => {
    expect(() => parseWebArgs(argv)).toThrow();
  });
});

describe('Electron switches', () => {
  it('reads --demo, the keystore opt-in and a profile folder', () => {
    expect(parseMainFlags(['/usr/bin/electron', '.'])).toEqual({ demo: false, acceptBasicTextKeystore: false, userData: null });
    expect(parseMainFlags(['electron', '.', '--demo', '--accept-basic-text-keystore', '--user-data=/tmp/p'])).toEqual({ demo: true, acceptBasicTextKeystore: true, userData: '/tmp/p' });
  });
});

describe('request guards', () => {
  it('accepts only its own host and origin', () => {
    expect(isAllowedHost('127.0.0.1:4000', 4000)).toBe(true);
    expect(isAllowedHost('LOCALHOST:4000', 4000)).toBe(true);
    expect(isAllowedHost('127.0.0.1', 4000)).toBe(false);
    expect(isAllowedHost(undefined, 4000)).toBe(false);
    expect(isAllowedOrigin(undefined, 4000)).toBe(true);
    expect(isAllowedOrigin('http://localhost:4000', 4000)).toBe(true);
    expect(isAllowedOrigin('https://127.0.0.1:4000', 4000)).toBe(false);
  });

  it('takes the token from the Bearer header, else from the cookie, never from both loosely', () => {
    const token = 'a'.repeat(43);
    expect(isAuthorized({ authorization: `Bearer ${token}` }, token)).toBe(true);
    expect(isAuthorized({ cookie: `theme=dark; assay_token=${token}` }, token)).toBe(true);
    expect(isAuthorized({ authorization: 'Bearer wrong', cookie: `assay_token=${token}` }, token)).toBe(false);
    expect(isAuthorized({ cookie: `assay_token=${token}x` }, token)).toBe(false);
    expect(isAuthorized({}, token)).toBe(false);
  });
});
