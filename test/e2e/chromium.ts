// Which Chromium the end-to-end tests, the renderer bench and `npm run screenshots` drive, so that
// `npm test` needs nothing but npm. In order:
//   1. CHROMIUM_PATH (must point at an executable);
//   2. a Chromium, Chrome or Edge on the system (main/web/browsers.ts, as browser mode finds one);
//   3. the Chromium inside the npm package @sparticuz/chromium (a devDependency): Linux x64 only (its
//      npm tarball holds bin/chromium.br, an x86-64 chrome-headless-shell; arm64 builds are not in it),
//      unpacked once into node_modules/.cache/dfdg-desk/chromium-<version>/ with the Open Sans fonts it
//      ships, which fontconfig is pointed at, so Danish letters render even on a machine without fonts.
// Anywhere else: one sentence saying what to install (NoChromium, no stack trace).

import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findSystemChromium } from '../../main/web/browsers';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

export interface ResolvedChromium {
  executablePath: string;
  /** Environment for the browser process (fontconfig for the bundled build). */
  env: Record<string, string>;
  source: 'CHROMIUM_PATH' | 'PATH' | 'install' | '@sparticuz/chromium';
}

/** No usable Chromium: the message is the whole story (what to install), so no stack is printed. */
export class NoChromium extends Error {
  constructor(sentence: string) {
    super(sentence);
    this.name = 'NoChromium';
    this.stack = `${this.name}: ${sentence}`;
  }
}

let resolved: Promise<ResolvedChromium> | null = null;

export function resolveChromium(): Promise<ResolvedChromium> {
  resolved ??= findChromium().catch((err: unknown) => {
    resolved = null;
    throw err;
  });
  return resolved;
}

export interface Where {
  platform: NodeJS.Platform;
  arch: string;
  env: NodeJS.ProcessEnv;
  /** Is there an executable here? (default: the file system) */
  exists?: (path: string) => boolean;
}

/** The resolution itself, for any platform (resolveChromium() memoises it for this machine). */
export async function findChromium(w: Where = { platform: process.platform, arch: process.arch, env: process.env }): Promise<ResolvedChromium> {
  const override = w.env.CHROMIUM_PATH;
  if (override) {
    const found = findSystemChromium({ platform: w.platform, env: { CHROMIUM_PATH: override, PATH: '' }, exists: (p) => p === override && (w.exists ?? existsSync)(p) });
    if (found?.source !== 'CHROMIUM_PATH') throw new NoChromium(`CHROMIUM_PATH is set to ${override}, which is not an executable file: point it at Chromium or Chrome, or unset it.`);
    return { executablePath: override, env: {}, source: 'CHROMIUM_PATH' };
  }
  const system = findSystemChromium({ platform: w.platform, env: { ...w.env, CHROMIUM_PATH: '' }, ...(w.exists ? { exists: w.exists } : {}) });
  if (system) return { executablePath: system.path, env: {}, source: system.source };
  if (w.platform === 'linux' && w.arch === 'x64') return bundled();
  throw new NoChromium(
    `No Chromium for the end-to-end tests on ${w.platform}/${w.arch}: install Google Chrome or Chromium (or set CHROMIUM_PATH to one); the Chromium bundled through npm (@sparticuz/chromium) exists for Linux x64 only.`,
  );
}

/** Library directories where the system's NSS (libnss3, which the bundled build links) would be. */
const LIB_DIRS = ['/lib/x86_64-linux-gnu', '/usr/lib/x86_64-linux-gnu', '/lib64', '/usr/lib64', '/usr/lib'];

async function bundled(): Promise<ResolvedChromium> {
  let entry: string;
  try {
    entry = require.resolve('@sparticuz/chromium');
  } catch {
    throw new NoChromium('No Chromium for the end-to-end tests: run npm install (it brings @sparticuz/chromium), install Chromium or Chrome, or set CHROMIUM_PATH.');
  }
  const pkgDir = resolve(dirname(entry), '..');
  const version = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  const dir = join(ROOT, 'node_modules', '.cache', 'dfdg-desk', `chromium-${version}`);
  const fontsConf = join(dir, 'fonts.conf');
  const libDir = join(dir, 'al2023', 'lib');
  if (!existsSync(join(dir, 'chromium')) || !existsSync(fontsConf)) await unpack(pkgDir, dir);
  const env: Record<string, string> = { FONTCONFIG_FILE: fontsConf };
  // The system's NSS where it has one; the copy the package ships (built for Amazon Linux 2023) otherwise.
  if (!LIB_DIRS.some((d) => existsSync(join(d, 'libnss3.so')))) env.LD_LIBRARY_PATH = [libDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  return { executablePath: join(dir, 'chromium'), env, source: '@sparticuz/chromium' };
}

/**
 * The package unpacks into os.tmpdir() (fixed names: chromium, fonts/, the SwiftShader libraries);
 * TMPDIR points it at a private directory, which is then renamed into place (another process doing
 * the same at once loses the rename and removes its copy).
 */
async function unpack(pkgDir: string, dir: string): Promise<void> {
  const partial = `${dir}.partial-${process.pid}-${Date.now()}`;
  mkdirSync(partial, { recursive: true });
  try {
    const mod = (await import('@sparticuz/chromium')) as unknown as { default: { executablePath(): Promise<string> }; inflate(file: string): Promise<string> };
    // Both read os.tmpdir() synchronously when called, before their first await: TMPDIR is changed
    // for exactly that long.
    const before = process.env.TMPDIR;
    process.env.TMPDIR = partial;
    let calls: Promise<string>[];
    try {
      calls = [mod.default.executablePath(), mod.inflate(join(pkgDir, 'bin', 'al2023.tar.br'))];
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
    const [binary] = await Promise.all(calls);
    if (binary !== join(partial, 'chromium')) throw new Error(`@sparticuz/chromium unpacked to ${binary}, not ${partial}`);
    writeFileSync(
      join(partial, 'fonts.conf'),
      [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
        '<fontconfig>',
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
        `  <dir>${join(dir, 'fonts')}</dir>`,
        `  <cachedir>${join(dir, 'fontconfig-cache')}</cachedir>`,
        '</fontconfig>',
        '',
      ].join('\n'),
    );
    try {
      renameSync(partial, dir);
    } catch (err) {
      if (!existsSync(join(dir, 'chromium'))) throw err;
      rmSync(partial, { recursive: true, force: true });
    }
  } catch (err) {
    rmSync(partial, { recursive: true, force: true });
    throw err;
  }
}
