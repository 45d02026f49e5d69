// Composition root of the Electron app: guards, the assay:// protocol, the workstation core
// behind one IPC channel, and the window. No business logic lives here.
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, shell } from 'electron';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createWorkstation } from '../core/workstation.ts';
import type { Workstation } from '../core/ports.ts';
import { createAppProtocolHandler } from './app-protocol.ts';
import { parseMainFlags } from './cli-flags.ts';
import { startEmbeddedDemoHub, type EmbeddedDemo } from './demo-hub.ts';
import { electronStoreSettings } from './electron-store-settings.ts';
import { bindIpc, forwardEvents } from './ipc.ts';
import { safeStorageKeyProvider, safeStorageSecretStore, type KeychainOptions } from './safe-storage.ts';
import { APP_SCHEME, MEDIA_HOST, applySecurity } from './security.ts';
import { createMainWindow } from './window.ts';

const flags = parseMainFlags(process.argv);
if (flags.userData) app.setPath('userData', flags.userData);
// The demo runs in its own profile so demo data never mixes with real reviews.
if (flags.demo) app.setPath('userData', join(app.getPath('userData'), 'demo'));

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true } },
]);

let mainWindow: BrowserWindow | null = null;
let workstation: Workstation | null = null;
let demo: EmbeddedDemo | null = null;

async function askBasicText(): Promise<boolean> {
  if (flags.acceptBasicTextKeystore) return true;
  const { response } = await dialog.showMessageBox({
    type: 'warning',
    buttons: ['Quit', 'Use the weaker key store'],
    defaultId: 0,
    cancelId: 0,
    message: 'No desktop keyring was found',
    detail: 'Assay protects downloaded student media and your sign-in with the system keyring (GNOME Keyring or KWallet). Without one, the keys are stored with a fixed built-in password that any program running as you can undo. Install and unlock a keyring, or accept the weaker store for this device.',
  });
  return response === 1;
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  const appRoot = app.getAppPath();
  const keychain: KeychainOptions = { safeStorage, platform: process.platform, acceptBasicText: askBasicText };
  if (flags.demo) demo = await startEmbeddedDemoHub(userData, join(appRoot, 'resources/demo/demo.json'));
  workstation = await createWorkstation({
    dataDir: join(userData, 'workstation'),
    keys: safeStorageKeyProvider({ ...keychain, keyFile: join(userData, 'media-key.sealed') }),
    secrets: safeStorageSecretStore({ ...keychain, file: join(userData, 'secrets.sealed.json') }),
    settings: await electronStoreSettings(),
    mediaUrl: (artifactId) => `${APP_SCHEME}://${MEDIA_HOST}/${encodeURIComponent(artifactId)}`,
    demo: demo?.info ?? null,
    hubMoved: demo?.moved ?? null,
    deviceName: hostname(),
  });
  demo?.remember();
  const ws = workstation;
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ rendererRoot: join(appRoot, 'dist/renderer'), media: (id, headers, method) => ws.media(id, headers, method) }));
  bindIpc(ipcMain, ws);
  mainWindow = createMainWindow(join(appRoot, 'dist-electron/preload/index.cjs'));
  const stopForwarding = forwardEvents(ws, mainWindow.webContents);
  mainWindow.on('closed', () => {
    stopForwarding();
    mainWindow = null;
  });
}

async function shutdown(): Promise<void> {
  await workstation?.close();
  await demo?.hub.close();
}

function fatal(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  console.error('Assay could not start:', err);
  dialog.showErrorBox('Assay could not start', message);
  app.exit(1);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  applySecurity(app, { openExternal: (url) => shell.openExternal(url), log: (line) => console.warn(`security: ${line}`) });
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  let shuttingDown = false;
  app.on('will-quit', (event) => {
    if (shuttingDown) return;
    shuttingDown = true;
    event.preventDefault();
    void shutdown().finally(() => app.exit(0));
  });
  app.whenReady().then(start).catch(fatal);
}
