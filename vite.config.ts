// The renderer build: one static bundle that Electron loads from disk (hence base './')
// and the web host serves over loopback. Nothing inline, so a script-src 'self' CSP holds.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2023',
    modulePreload: { polyfill: false },
    // video.js and pdf.js are big by nature (pdf.js is loaded lazily, only for documents).
    chunkSizeWarningLimit: 2500,
  },
  server: { host: '127.0.0.1' },
});
