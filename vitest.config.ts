import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Three projects: node (shared, core, sandbox, contract, main shell with a fake electron),
// renderer (jsdom + Testing Library) and e2e (real Chromium against the built renderer).
// No test can reach the real `electron` package: it is aliased to a fake everywhere.
export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: { electron: here('./test/mocks/electron.ts') } },
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/renderer/**', 'test/e2e/**', 'test/bench/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        plugins: [react()],
        resolve: { alias: { electron: here('./test/mocks/electron.ts') } },
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/setup/renderer.ts'],
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias: { electron: here('./test/mocks/electron.ts') } },
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
    ],
  },
});
