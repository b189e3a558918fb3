// Finding a Chromium-family browser on this machine: for browser mode's app window (`--app=URL`) and,
// through test/e2e/chromium.ts, for the end-to-end tests, the renderer bench and the screenshots.
// Order: CHROMIUM_PATH; then Chromium, Chrome or Edge by name on PATH; then their usual install
// places on Linux, macOS and Windows. Pure apart from the `exists` check, so every platform's list
// is tested on any machine.

import { accessSync, constants, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, win32 } from 'node:path';

export interface FindOptions {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  home?: string;
  /** Is there an executable file at this path? (default: the file system) */
  exists?: (path: string) => boolean;
}

export interface FoundBrowser {
  path: string;
  /** 'CHROMIUM_PATH', 'PATH' (found by name) or 'install' (a usual install place). */
  source: 'CHROMIUM_PATH' | 'PATH' | 'install';
}

/** Names tried on PATH, in order. */
export const BROWSER_NAMES: Readonly<Record<'unix' | 'win32', readonly string[]>> = {
  unix: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'microsoft-edge-stable'],
  win32: ['chrome.exe', 'msedge.exe', 'chromium.exe'],
};

/** The usual install places of Chromium, Chrome and Edge (Edge is on every Windows machine and has app mode too). */
export function installPlaces(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string[] {
  if (platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Chromium.app/Contents/MacOS/Chromium',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
    return [...apps.map((a) => `/Applications/${a}`), ...apps.map((a) => `${home}/Applications/${a}`)];
  }
  if (platform === 'win32') {
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.ProgramW6432].filter((r): r is string => Boolean(r));
    const rel = ['Google\\Chrome\\Application\\chrome.exe', 'Chromium\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe'];
    return rel.flatMap((r) => roots.map((root) => win32.join(root, r)));
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/usr/lib/chromium/chromium',
    '/usr/bin/microsoft-edge',
    '/opt/microsoft/msedge/msedge',
    '/usr/local/bin/chromium',
  ];
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first Chromium-family browser found, or null. CHROMIUM_PATH wins when it points at a file. */
export function findSystemChromium(opts: FindOptions = {}): FoundBrowser | null {
  const platform = opts.platform ?? process.platform;
  const env = opts.env ?? process.env;
  const home = opts.home ?? homedir();
  const exists = opts.exists ?? isExecutableFile;

  const override = env.CHROMIUM_PATH;
  if (override && exists(override)) return { path: override, source: 'CHROMIUM_PATH' };

  const sep = platform === 'win32' ? ';' : platform === process.platform ? delimiter : ':';
  const dirs = (env.PATH ?? env.Path ?? '').split(sep).filter(Boolean);
  const names = platform === 'win32' ? BROWSER_NAMES.win32 : BROWSER_NAMES.unix;
  const joinPath = platform === 'win32' ? win32.join : join;
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = joinPath(dir, name);
      if (exists(candidate)) return { path: candidate, source: 'PATH' };
    }
  }
  for (const candidate of installPlaces(platform, env, home)) {
    if (exists(candidate)) return { path: candidate, source: 'install' };
  }
  return null;
}
