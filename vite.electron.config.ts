// Bundles the Electron main process and the preload into dist-electron/ as CommonJS. The
// preload runs sandboxed, so it must be one self-contained file; the main bundle keeps the
// native or Electron-bound packages external (they are loaded from node_modules, with
// better-sqlite3 unpacked from the asar).
import { builtinModules } from 'node:module';
import { defineConfig, type EnvironmentOptions } from 'vite';

const MAIN_EXTERNALS = ['electron', 'better-sqlite3', 'conf', 'electron-store', 'pg'];
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

function cjsBundle(entry: string, outDir: string, externals: string[]): EnvironmentOptions {
  return {
    consumer: 'server',
    resolve: { noExternal: true, external: externals },
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      sourcemap: true,
      target: 'node22',
      ssr: true,
      rollupOptions: {
        input: entry,
        external: [...externals, ...nodeBuiltins],
        output: { format: 'cjs', entryFileNames: 'index.cjs', codeSplitting: false },
      },
    },
  };
}

export default defineConfig({
  // Bundled code has no import.meta; the hub's module-relative paths are never used here
  // (the demo manifest path is passed in), but must not crash at load.
  define: { 'import.meta.dirname': '__dirname', 'import.meta.filename': '__filename' },
  environments: {
    electronMain: cjsBundle('electron/main/index.ts', 'dist-electron/main', MAIN_EXTERNALS),
    electronPreload: cjsBundle('electron/preload/index.ts', 'dist-electron/preload', ['electron']),
  },
  builder: {
    async buildApp(builder) {
      await builder.build(builder.environments.electronMain!);
      await builder.build(builder.environments.electronPreload!);
    },
  },
});
