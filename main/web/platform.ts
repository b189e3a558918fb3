// Where browser mode keeps its data, whether there is a screen to open a window on, and how a window
// is opened: an app window of a Chromium-family browser (`--app`, its own profile), else the default
// browser. Pure functions of platform and environment (tested for every OS), plus `openWindow`.

import { spawn, type ChildProcess } from 'node:child_process';
import { homedir } from 'node:os';
import { join, win32 } from 'node:path';

/** Electron names userData after package.json's productName: the same folder, so both modes share it. */
export const PRODUCT_NAME = 'DFDG Desk';

/**
 * Electron's `userData` for this app: Linux `$XDG_CONFIG_HOME/DFDG Desk` (default `~/.config`), macOS
 * `~/Library/Application Support/DFDG Desk`, Windows `%APPDATA%\DFDG Desk`.
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (platform === 'win32') return win32.join(env.APPDATA ?? win32.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), PRODUCT_NAME);
}

/** Can a window be shown? Linux and the BSDs need X11 or Wayland; macOS and Windows, a local session. */
export function hasDisplay(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): boolean {
  if (platform === 'win32') return true;
  if (platform === 'darwin') return !(env.SSH_CONNECTION || env.SSH_TTY);
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export interface WindowCommand {
  command: string;
  args: string[];
  /** 'app': our own app window (its process lives as long as the window); 'default': handed to the default browser. */
  kind: 'app' | 'default';
}

/** The app window: a Chromium-family browser in app mode with its own profile under the data dir. */
export function appWindowCommand(browser: string, target: string, profileDir: string, runningAsRoot = false): WindowCommand {
  const args = [`--app=${target}`, `--user-data-dir=${profileDir}`, '--no-first-run', '--no-default-browser-check', '--window-size=1366,900'];
  // Chromium refuses to start as root with its sandbox; only then is it switched off.
  if (runningAsRoot) args.push('--no-sandbox');
  return { command: browser, args, kind: 'app' };
}

/** The system's default browser: xdg-open, open or start. */
export function defaultBrowserCommand(target: string, platform: NodeJS.Platform = process.platform): WindowCommand {
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', target], kind: 'default' };
  if (platform === 'darwin') return { command: 'open', args: [target], kind: 'default' };
  return { command: 'xdg-open', args: [target], kind: 'default' };
}

/** Starts the command; resolves with its process once it has been spawned, or null if it could not be. */
export function openWindow(cmd: WindowCommand): Promise<ChildProcess | null> {
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(cmd.command, cmd.args, { stdio: 'ignore', detached: cmd.kind === 'default', windowsHide: false });
    } catch {
      resolve(null);
      return;
    }
    child.once('error', () => resolve(null));
    child.once('spawn', () => {
      if (cmd.kind === 'default') child.unref();
      resolve(child);
    });
  });
}
