// Where the Electron runtime is, without importing the electron package (its index.js tries
// to download the binary when it is missing, which cannot work on the build machines).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '..');

/** The electron executable from node_modules/electron, or null when it was never downloaded. */
export function electronBinary(root: string = REPO_ROOT): string | null {
  const pkg = join(root, 'node_modules/electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}

export const MISSING_ELECTRON_HELP = [
  'The Electron runtime is not installed on this machine (node_modules/electron/dist is missing;',
  'it is skipped when ELECTRON_SKIP_BINARY_DOWNLOAD is set or the download site is unreachable).',
  'With internet access, install it with:  node node_modules/electron/install.js   (or: npx install-electron)',
  'Without it, run the same app in a browser:  npm run web -- --demo',
].join('\n');
