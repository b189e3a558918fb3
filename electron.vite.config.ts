import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

// One build tool for all three targets. main and preload are bundled for Node/Electron;
// the renderer is a plain Vite + React app that only talks to window.dfdg.
export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/main',
      // pdfWorker: the PDF analysis worker thread (main/core/attachments/pdf.ts starts it as
      // out/main/pdfWorker.js, next to index.js; test/main/bundle-smoke.test.ts runs it).
      rollupOptions: { input: { index: resolve(root, 'main/index.ts'), pdfWorker: resolve(root, 'main/core/attachments/pdfWorker.ts') } },
    },
  },
  preload: {
    // A sandboxed preload may only require('electron'): bundle everything else into one CJS file.
    build: {
      // electron-vite externalizes node_modules by default; a sandboxed preload cannot require them, so
      // anything it imports is inlined. It imports only shared/ipc.ts (names, no zod): keep it that way
      // (test/main/bundle-smoke.test.ts holds the bundle under 20 KB).
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      // The initial JS budget is 250 KB gzip; minified it is about a third smaller than unminified.
      minify: true,
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
