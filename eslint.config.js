// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'tls', 'url', 'stream', 'zlib', 'worker_threads', 'util', 'events'];
const pattern = (group, message) => ({ group, message });

// The boundaries of ARCHITECTURE.md ("Never"), enforced by lint.
export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'coverage/**', '.tmp/**', '.sandbox-data/**', '.briefs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        pattern(['**/main/**', '**/renderer/**', '**/preload/**', '**/sandbox/**', 'electron'], 'shared/ never imports main/, renderer/, preload/, sandbox/ or electron.'),
        pattern(nodeBuiltins, 'shared/ is pure: no Node built-ins, no I/O.'),
      ] }],
    },
  },
  {
    files: ['main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        pattern(['electron', 'electron/*'], 'main/core never imports electron (it runs in plain Node).'),
        pattern(['**/renderer/**', '**/preload/**', '**/sandbox/**'], 'main/core never imports renderer/, preload/ or sandbox/.'),
      ] }],
    },
  },
  {
    files: ['sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        pattern(['**/main/**', '**/renderer/**', '**/preload/**', 'electron'], 'sandbox/ stands for DFDG: it never imports main/ or renderer/.'),
        pattern(['**/shared/rules/**', '**/shared/rules'], 'sandbox/ validates with its own code; it may read shared/codelists data only.'),
      ] }],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        pattern(['**/main/**', '**/renderer/**', '**/sandbox/**'], 'preload/ derives its surface from shared/ipc only.'),
      ] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [
        pattern(['**/main/**', '**/preload/**', '**/sandbox/**', 'electron', 'electron/*'], 'The renderer sees only window.dfdg.'),
        pattern(nodeBuiltins, 'The renderer never imports Node built-ins.'),
      ] }],
    },
  },
);
