// Process boundaries, enforced: shared/ uses no Node, DOM or Electron; renderer/ uses no
// Node or Electron; only electron/main and electron/preload import electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeModules = [...new Set(builtinModules.flatMap((m) => [m, `${m}/*`, `node:${m}`, `node:${m}/*`]))];
const nodeOnlyPackages = ['better-sqlite3', 'conf', 'electron-store', 'autocannon'];
const electronOnly = { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' };

const restrict = (paths, patterns, message) => ({
  'no-restricted-imports': ['error', {
    paths: paths.map((p) => (typeof p === 'string' ? { name: p, message } : p)),
    patterns: patterns.map((group) => ({ group: [group], message })),
  }],
});

export const boundaryRules = {
  shared: restrict(
    [...nodeModules, ...nodeOnlyPackages, 'electron', 'react', 'react-dom'],
    ['**/server/**', '**/electron/**', '**/renderer/**', 'node:*'],
    'shared/ is imported by every part: it may use no Node, DOM, Electron or UI code.',
  ),
  renderer: restrict(
    [...nodeModules, ...nodeOnlyPackages, electronOnly],
    ['**/server/**', '**/electron/**', 'node:*'],
    'renderer/ runs in a browser: it talks to the core only through window.assay.',
  ),
  nodeSide: restrict([electronOnly], ['**/renderer/**'], 'Core, hub and web host never import electron or the UI.'),
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-electron/**', 'release/**', '.tools/**', 'test-results/**', 'bench-results/**', 'playwright-report/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      ...boundaryRules.shared,
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', 'navigator', 'localStorage'],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: { ...boundaryRules.renderer, 'no-restricted-globals': ['error', 'process', 'Buffer', 'require'] },
  },
  { files: ['server/**/*.ts', 'electron/core/**/*.ts', 'electron/web/**/*.ts'], rules: boundaryRules.nodeSide },
);
