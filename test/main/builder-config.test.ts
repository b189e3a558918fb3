// electron-builder.yml, loaded and validated by electron-builder's own code (app-builder-lib's config
// loader and its schema validation), without building anything or touching the network.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FileMatcher } from 'app-builder-lib/out/fileMatcher';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, it, vi } from 'vitest';

const root = process.cwd();
let config: Configuration;

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  config = await getConfig(root, 'electron-builder.yml', null);
});

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration schema", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the validation really checks: a misspelt fuse or an unknown option is refused', async () => {
    await expect(validateConfiguration({ ...config, electronFuses: { ...config.electronFuses, runAsNod: false } } as Configuration, new DebugLogger(false))).rejects.toThrow(/Invalid configuration/);
    await expect(validateConfiguration({ ...config, fuses: {} } as Configuration, new DebugLogger(false))).rejects.toThrow(/Invalid configuration/);
  });

  it('names the app and puts installers in dist/', () => {
    expect(config.appId).toBe('dk.dfdgdesk.app');
    expect(config.productName).toBe('DFDG Desk');
    expect(config.directories?.output).toBe('dist');
  });

  it('packs the built app (out/**) and package.json into an asar, with the SQLite native module unpacked', () => {
    // The loader normalises `files` to [{ filter: [...] }].
    const files = ([] as unknown[]).concat(config.files ?? []).flatMap((f) => (typeof f === 'string' ? [f] : ([] as string[]).concat((f as { filter?: string | string[] }).filter ?? [])));
    expect(files).toEqual(expect.arrayContaining(['out/**', 'package.json']));
    expect(config.asar).toBe(true);
    const unpack = ([] as string[]).concat(config.asarUnpack ?? []);
    expect(unpack.some((p) => p.includes('better-sqlite3-multiple-ciphers') && p.endsWith('.node'))).toBe(true);
    // The pattern matches the prebuilds that are really there.
    const prebuilds = join(root, 'node_modules', 'better-sqlite3-multiple-ciphers', 'prebuilds');
    expect(existsSync(prebuilds) && readdirSync(prebuilds).some((f) => f.endsWith('.node'))).toBe(true);
  });

  it('packs the worker entries (PDF, certificate) and their shared chunks inside the asar, not unpacked (the asar integrity check covers them)', () => {
    const filter = (patterns: string[]) => new FileMatcher(root, '/', (x) => x, patterns).createFilter();
    const asFile = { isDirectory: () => false } as Parameters<ReturnType<typeof filter>>[1];
    const packed = filter(([] as unknown[]).concat(config.files ?? []).flatMap((f) => (typeof f === 'string' ? [f] : ([] as string[]).concat((f as { filter?: string | string[] }).filter ?? []))));
    const unpacked = filter(([] as string[]).concat(config.asarUnpack ?? []));
    for (const file of ['out/main/index.js', 'out/main/pdfWorker.js', 'out/main/certificateWorker.js', 'out/main/pdfAnalysis-AbC123.js', 'out/main/chunks/pdfAnalysis-AbC123.js']) {
      expect(packed(join(root, file), asFile), file).toBe(true);
      expect(unpacked(join(root, file), asFile), file).toBe(false);
    }
    // The filter is real: a source map and a TypeScript file are left out.
    expect(packed(join(root, 'out/main/index.js.map'), asFile)).toBe(false);
    expect(packed(join(root, 'main/core/attachments/pdfWorker.ts'), asFile)).toBe(false);
  });

  it('does not rebuild native modules (the N-API prebuilds serve Electron too)', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.buildDependenciesFromSource).toBe(false);
  });

  it('builds deb and AppImage for Linux, NSIS for Windows, dmg for macOS', () => {
    const targets = (t: unknown) => ([] as unknown[]).concat(t ?? []).map((x) => (typeof x === 'string' ? x : (x as { target: string }).target));
    expect(targets(config.linux?.target)).toEqual(expect.arrayContaining(['deb', 'AppImage']));
    expect(targets(config.win?.target)).toEqual(['nsis']);
    expect(targets(config.mac?.target)).toEqual(['dmg']);
  });

  it('flips the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it("package.json's main entry lies inside what is packed (out/)", () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toMatch(/^out\/main\//);
  });
});
