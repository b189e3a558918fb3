// Browser mode from the command line (`npm run start:web`, or `npm start` without Electron's
// binary; built to out/main/web.js): start it, then open it in an app window of a Chromium-family
// browser found on the system (its own profile in the data directory), else the default browser;
// with no display, print the address and serve until Ctrl+C.
//
//   node out/main/web.js [--data-dir DIR] [--port N] [--no-open] [--no-hub]
//
// The data directory: --data-dir, else DFDG_DESK_DATA_DIR, else Electron's userData for the app.

import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CoreError } from '../core/errors';
import { errorName } from '../core/log';
import { AlreadyRunning, BROWSER_PROFILE_DIR, startBrowserMode, type BrowserMode } from './app';
import { findSystemChromium } from './browsers';
import { appWindowCommand, defaultBrowserCommand, defaultDataDir, hasDisplay, openWindow, type WindowCommand } from './platform';

export interface CliArgs {
  dataDir: string | null;
  port: number;
  open: boolean;
  /** Start the sandbox organisation's hub (the team inbox); `--no-hub`: this desktop pulls the notifications itself. */
  hub: boolean;
}

export function parseArgs(argv: readonly string[]): CliArgs | { error: string } {
  const args: CliArgs = { dataDir: null, port: 0, open: true, hub: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '--data-dir') args.dataDir = value();
      else if (a === '--port') {
        const p = Number(value());
        if (!Number.isInteger(p) || p < 0 || p > 65535) return { error: '--port must be a port number (0: a free one)' };
        args.port = p;
      } else if (a === '--no-open') args.open = false;
      else if (a === '--no-hub') args.hub = false;
      else return { error: `unknown option ${a} (options: --data-dir DIR, --port N, --no-open, --no-hub)` };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }
  return args;
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** Opens a window (tests replace it). */
  open?: (cmd: WindowCommand) => Promise<ChildProcess | null>;
}

const defaultIo = (): CliIo => ({
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
  env: process.env,
  platform: process.platform,
});

/** Runs browser mode until a signal (or the app window closes). Resolves with the exit code. */
export async function runCli(argv: readonly string[], rendererDir: string, io: CliIo = defaultIo()): Promise<number> {
  const args = parseArgs(argv);
  if ('error' in args) {
    io.err(`DFDG Desk (browser mode): ${args.error}`);
    return 2;
  }
  const dataDir = args.dataDir ?? io.env.DFDG_DESK_DATA_DIR ?? defaultDataDir(io.platform, io.env);

  let mode: BrowserMode;
  try {
    mode = await startBrowserMode({ dataDir, rendererDir, port: args.port, hub: args.hub });
  } catch (err) {
    if (err instanceof AlreadyRunning) io.err(err.message);
    else if (err instanceof CoreError) io.err(`DFDG Desk could not start: ${err.message}`);
    else io.err(`DFDG Desk could not start in browser mode (${errorName(err)}). The log is in ${join(dataDir, 'logs', 'dfdg-desk.log')}.`);
    return 1;
  }

  const { server } = mode;
  const runtime = mode.runtime();
  io.out(`DFDG Desk runs in browser mode at ${server.origin}/ (${runtime?.mode === 'sandbox' ? 'against the bundled DFDG sandbox' : runtime?.mode === 'dfdg' ? 'against DFDG' : 'DFDG is not set up: see Indstillinger'}; data in ${dataDir}).`);

  let finish!: (code: number) => void;
  const finished = new Promise<number>((res) => (finish = res));
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    void mode.close().finally(() => finish(code));
  };
  // Ctrl+C may arrive twice (from the terminal and passed on by npm start): stop once, and stay
  // listening so a repeat does not kill the process before its data is closed.
  const onSignal = () => {
    if (!stopping) io.out('Stopping DFDG Desk …');
    stop(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const printAddress = (why: string) => {
    io.out(`${why} Open this address in a browser on this machine:`);
    io.out('');
    io.out(`  ${server.url}`);
    io.out('');
    io.out('The address carries this launch’s key: do not share it. Stop with Ctrl+C.');
  };

  if (!args.open) printAddress('Not opening a window (--no-open).');
  else if (!hasDisplay(io.platform, io.env)) printAddress('No display found, so no window was opened.');
  else {
    const open = io.open ?? openWindow;
    const browser = findSystemChromium({ platform: io.platform, env: io.env });
    const target = pathToFileURL(mode.launcherFile).href;
    const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    const cmd = browser
      ? appWindowCommand(browser.path, target, join(dataDir, BROWSER_PROFILE_DIR), runningAsRoot)
      : defaultBrowserCommand(io.platform === 'darwin' || io.platform === 'win32' ? mode.launcherFile : target, io.platform);
    const child = await open(cmd);
    if (!child) printAddress(`The browser could not be started (${cmd.command}).`);
    else if (cmd.kind === 'app') {
      io.out(`Opened in an app window of ${browser!.path}. Closing that window stops DFDG Desk; so does Ctrl+C here.`);
      let hadSession = server.sessionActive();
      const off = server.onSession((active) => (hadSession ||= active));
      child.once('exit', () => {
        off();
        // A browser that handed the window to another process and left at once: keep serving.
        if (!hadSession && !server.sessionActive()) {
          io.out(`The browser process ended before DFDG Desk was opened. Open ${mode.launcherFile} to open it (only you can read that file). Stop with Ctrl+C.`);
          return;
        }
        void server.idle().then(() => {
          io.out('The DFDG Desk window was closed.');
          stop(0);
        });
      });
    } else {
      io.out(`Opened in the default browser. If no window appeared, open ${mode.launcherFile} (only you can read that file). Stop with Ctrl+C.`);
    }
  }

  const code = await finished;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  return code;
}
