// Every guard the Electron shell applies, in one place. It imports no electron: the guards
// are pure decisions plus wiring over the few methods of Electron objects they need, so each
// one is unit-tested with tiny fakes. electron/main/index.ts hands in the real objects.

/** The scheme that serves the UI (assay://app/…) and media (assay://media/…). */
export const APP_SCHEME = 'assay';
export const APP_HOST = 'app';
export const MEDIA_HOST = 'media';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Sites the UI may link to; they open in the user's browser, never inside the app. */
export const EXTERNAL_LINK_HOSTS: readonly string[] = ['www.1edtech.org', 'help.assay.example'];

/**
 * The UI's content policy. video.js sets inline styles and embeds its icon font as a data:
 * URL; pdf.js runs its worker from 'self' (the renderer must pass isEvalSupported: false);
 * media and documents come from assay://media (Electron) or /media (web host, 'self').
 */
export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': `'self' data: blob: ${APP_SCHEME}:`,
  'media-src': `'self' blob: ${APP_SCHEME}:`,
  'font-src': "'self' data:",
  'connect-src': `'self' ${APP_SCHEME}:`,
  'worker-src': "'self' blob:",
  'object-src': "'none'",
  'base-uri': "'none'",
  'frame-src': "'none'",
  'frame-ancestors': "'none'",
  'form-action': "'none'",
};

export function buildCsp(): string {
  return Object.entries(CSP_DIRECTIVES)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

/** The window's webPreferences: the renderer gets no Node, an isolated world and a sandbox. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  } as const;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True for a URL on the app origin. Node's URL gives custom schemes an opaque origin, so the
 * parts are compared one by one; credentials or a port make it foreign.
 */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.hostname === APP_HOST && u.port === '' && u.username === '' && u.password === '';
}

/** IPC is answered only for frames showing the app itself. */
export function isTrustedSenderUrl(url: string | null | undefined): boolean {
  return typeof url === 'string' && isAppUrl(url);
}

export function isTrustedSender(frame: { url: string } | null | undefined): boolean {
  return frame != null && isTrustedSenderUrl(frame.url);
}

export function decideNavigation(url: string): 'allow' | 'deny' {
  return isAppUrl(url) ? 'allow' : 'deny';
}

/**
 * The external link the app may hand to the OS, or null. Parsed, never pattern-matched:
 * https only, an exact allow-listed host (a lookalike IDN becomes xn--… and fails), no
 * credentials (https://allowed@evil), no explicit port.
 */
export function allowedExternalUrl(url: string): string | null {
  const u = parse(url);
  if (u === null || u.protocol !== 'https:') return null;
  if (u.username !== '' || u.password !== '' || u.port !== '') return null;
  if (!EXTERNAL_LINK_HOSTS.includes(u.hostname)) return null;
  return u.href;
}

export type WindowOpenDecision = { action: 'deny'; openExternal?: string };

/** The app never opens a second window; an allow-listed link goes to the user's browser. */
export function decideWindowOpen(url: string): WindowOpenDecision {
  const external = allowedExternalUrl(url);
  return external === null ? { action: 'deny' } : { action: 'deny', openExternal: external };
}

// The slices of Electron's objects the guards use (Electron's own types satisfy them).
export type PreventableEvent = { preventDefault(): void };
export type GuardedSession = {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
};
export type GuardedWebContents = {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: PreventableEvent & { url: string }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  session: GuardedSession;
};
export type GuardedApp = {
  on(event: 'web-contents-created', listener: (event: unknown, contents: GuardedWebContents) => void): unknown;
};
export type SecurityDeps = { openExternal(url: string): unknown; log?: (message: string) => void };

/** Every permission (camera, notifications, geolocation, …) is refused without asking. */
export function denyAllPermissions(session: GuardedSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export function guardWebContents(contents: GuardedWebContents, deps: SecurityDeps): void {
  const log = deps.log ?? (() => undefined);
  const guardNavigation = (event: PreventableEvent, url: string) => {
    if (decideNavigation(url) === 'deny') {
      event.preventDefault();
      log(`blocked navigation to ${url}`);
    }
  };
  contents.on('will-navigate', guardNavigation);
  contents.on('will-redirect', guardNavigation);
  // Sub-frames too (CSP frame-src 'none' should keep them from existing at all).
  contents.on('will-frame-navigate', (event) => guardNavigation(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternal !== undefined) void deps.openExternal(decision.openExternal);
    else log(`blocked window.open of ${url}`);
    return { action: 'deny' };
  });
  denyAllPermissions(contents.session);
}

/** Applies the guards to every webContents the app ever creates, not just the main window. */
export function applySecurity(app: GuardedApp, deps: SecurityDeps): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, deps));
}
