import { describe, expect, it, vi } from 'vitest';
import {
  APP_ORIGIN, EXTERNAL_LINK_HOSTS, applySecurity, buildCsp, decideNavigation, decideWindowOpen, denyAllPermissions,
  guardWebContents, isTrustedSender, isTrustedSenderUrl, secureWebPreferences,
  type GuardedSession, type GuardedWebContents, type PreventableEvent,
} from '../../electron/main/security.ts';

// Tiny stand-ins for Electron's objects: they record the handlers the guards install.
type RequestHandler = (wc: unknown, permission: string, cb: (granted: boolean) => void) => void;
type CheckHandler = (wc: unknown, permission: string) => boolean;
function fakeSession() {
  const s: { request: RequestHandler | null; check: CheckHandler | null } & GuardedSession = {
    request: null,
    check: null,
    setPermissionRequestHandler(h) {
      s.request = h;
    },
    setPermissionCheckHandler(h) {
      s.check = h;
    },
  };
  return s;
}

function fakeWebContents() {
  const listeners = new Map<string, (event: PreventableEvent, url: string) => void>();
  let openHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
  const session = fakeSession();
  const contents = {
    session: session as GuardedSession,
    on(event: string, listener: (event: PreventableEvent, url: string) => void) {
      listeners.set(event, listener);
      return contents;
    },
    setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' }) {
      openHandler = h;
    },
  };
  const fire = (name: string, url = '') => {
    const event = { url, prevented: false, preventDefault() { event.prevented = true; } };
    listeners.get(name)!(event, url);
    return event.prevented;
  };
  const open = (url: string) => openHandler!({ url });
  return { contents: contents as unknown as GuardedWebContents, fire, open, session };
}

const allowed = `https://${EXTERNAL_LINK_HOSTS[0]}/guides/rubrics`;

describe('navigation guard', () => {
  it.each([
    ['https://evil.test/', 'deny'],
    ['http://127.0.0.1:3000/', 'deny'],
    ['file:///etc/passwd', 'deny'],
    ['javascript:alert(1)', 'deny'],
    ['assay://media/a1', 'deny'],
    ['assay://app.evil/x', 'deny'],
    ['assay://app@evil/x', 'deny'],
    ['assay://app:99/x', 'deny'],
    ['not a url', 'deny'],
    ['assay://app/index.html', 'allow'],
    ['assay://app/review/a-1?x=1#c2', 'allow'],
  ])('%s → %s', (url, verdict) => {
    expect(decideNavigation(url)).toBe(verdict);
  });

  it('prevents will-navigate and will-redirect to a foreign URL and lets the app navigate', () => {
    const wc = fakeWebContents();
    guardWebContents(wc.contents, { openExternal: vi.fn() });
    expect(wc.fire('will-navigate', 'https://evil.test/')).toBe(true);
    expect(wc.fire('will-redirect', 'https://evil.test/')).toBe(true);
    expect(wc.fire('will-navigate', `${APP_ORIGIN}/queue`)).toBe(false);
    expect(wc.fire('will-redirect', `${APP_ORIGIN}/queue`)).toBe(false);
    expect(wc.fire('will-frame-navigate', 'https://evil.test/frame')).toBe(true);
    expect(wc.fire('will-frame-navigate', `${APP_ORIGIN}/frame`)).toBe(false);
    expect(wc.fire('will-attach-webview')).toBe(true);
  });
});

describe('window.open guard', () => {
  it('opens an allow-listed https link in the browser and never in the app', () => {
    const openExternal = vi.fn();
    const wc = fakeWebContents();
    guardWebContents(wc.contents, { openExternal });
    expect(wc.open(allowed)).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledExactlyOnceWith(allowed);
  });

  it.each([
    'javascript:alert(1)',
    `http://${EXTERNAL_LINK_HOSTS[0]}/`,
    `https://${EXTERNAL_LINK_HOSTS[0]}@evil.test/`,
    `https://user:pw@${EXTERNAL_LINK_HOSTS[0]}/`,
    `https://${EXTERNAL_LINK_HOSTS[0]}.evil.test/`,
    `https://${EXTERNAL_LINK_HOSTS[0]}:8443/`,
    'https://www.1еdtech.org/', // Cyrillic е: becomes xn--…, not the allow-listed host
    'https://evil.test/',
    'assay://app/index.html',
    'data:text/html,<script>alert(1)</script>',
    '//evil.test/',
  ])('refuses %s without opening anything', (url) => {
    const openExternal = vi.fn();
    const wc = fakeWebContents();
    guardWebContents(wc.contents, { openExternal });
    expect(wc.open(url)).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
    expect(decideWindowOpen(url).openExternal).toBeUndefined();
  });

  it('hands the browser the parsed, normalised URL', () => {
    expect(decideWindowOpen(`HTTPS://${EXTERNAL_LINK_HOSTS[0]!.toUpperCase()}/a/../b`)).toEqual({ action: 'deny', openExternal: `https://${EXTERNAL_LINK_HOSTS[0]}/b` });
  });
});

describe('permissions', () => {
  it('denies every permission request and check', () => {
    const session = fakeSession();
    denyAllPermissions(session as GuardedSession);
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      session.request!(null, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect(session.check!(null, permission)).toBe(false);
    }
  });

  it('applies every guard to each webContents the app creates', () => {
    let created: ((event: unknown, contents: GuardedWebContents) => void) | null = null;
    applySecurity({ on: (_name, listener) => (created = listener) }, { openExternal: vi.fn() });
    const wc = fakeWebContents();
    created!({}, wc.contents);
    expect(wc.fire('will-navigate', 'https://evil.test/')).toBe(true);
    expect(wc.session.check!(null, 'media')).toBe(false);
    expect(wc.open('https://evil.test/')).toEqual({ action: 'deny' });
  });
});

describe('content security policy', () => {
  const directives = new Map(buildCsp().split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

  it('locks scripts, objects, framing, forms and base to nothing foreign', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(buildCsp()).not.toMatch(/unsafe-eval|\*/);
  });

  it('lets media and documents come from the app and the media protocol', () => {
    expect(directives.get('media-src')).toEqual(expect.arrayContaining(["'self'", 'assay:']));
    expect(directives.get('img-src')).toEqual(expect.arrayContaining(["'self'", 'data:', 'assay:']));
    expect(directives.get('worker-src')).toContain("'self'");
  });
});

describe('IPC sender check', () => {
  it.each([
    ['assay://app/index.html', true],
    ['assay://app/', true],
    ['assay://media/a1', false],
    ['https://evil.test/', false],
    ['file:///work/main/dist/renderer/index.html', false],
    ['assay://app.evil/', false],
    ['', false],
  ])('%s → %s', (url, trusted) => {
    expect(isTrustedSenderUrl(url)).toBe(trusted);
    expect(isTrustedSender({ url })).toBe(trusted);
  });

  it('refuses a destroyed frame', () => {
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSenderUrl(undefined)).toBe(false);
  });
});

describe('webPreferences', () => {
  it('isolates and sandboxes the renderer without Node', () => {
    const prefs = secureWebPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});
