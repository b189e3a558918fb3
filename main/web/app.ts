// Browser mode's boot: what main/index.ts does for the Electron shell, in plain Node. The same
// RuntimeManager (main/runtime.ts: the configured DFDG, else the bundled sandbox as the organisation
// chosen in settings), the same core (main/core, unchanged), the same dispatcher and event
// forwarding; safeStorage's place is taken by a key file only the user may read (Indstillinger says
// so), and the window's by the browser-mode server.

import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../core/app';
import { createDispatcher, registerEventForwarding, stackFrames, type Dispatch } from '../core/ipc/dispatch';
import { createLogger, fileSink, type Logger, type LogSink } from '../core/log';
import { writeFileAtomicSync } from '../core/settings/atomicWrite';
import { loadOrCreateDbKey } from '../core/settings/dbKey';
import { createKeyFileSecretStore } from '../core/settings/secretStore';
import { SettingsService } from '../core/settings/settingsService';
import { identityOffThread } from '../core/settings/certificateImport';
import { RuntimeManager, sandboxHubStarter, type Runtime } from '../runtime';
import { forkNodeChild, startSandboxProcess } from '../sandboxProcess';
import { startWebServer, type WebServer } from './server';

/** Browser mode's own files in the data directory: the instance lock, the launcher page. */
export const BROWSER_MODE_DIR = 'browser-mode';
/** The app window's browser profile (app mode), in the data directory. */
export const BROWSER_PROFILE_DIR = 'browser-profile';
const LOG_FILE = ['logs', 'dfdg-desk.log'] as const;

export interface BrowserModeOptions {
  /** The data directory (Electron's userData by default, see platform.ts). */
  dataDir: string;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Default 0: a free port. */
  port?: number;
  /** More log sinks besides the log file (tests). */
  logSinks?: LogSink[];
  /** Start the sandbox's organisation hub (default true; `--no-hub`). */
  hub?: boolean;
}

export interface BrowserMode {
  server: WebServer;
  runtime(): Runtime | null;
  /**
   * A page in the data directory (mode 0600) that forwards to the server's address with its key: what
   * the app window and the default browser are given, so the key is never on a command line (which
   * other users of the machine could read). Removed when browser mode stops.
   */
  launcherFile: string;
  log: Logger;
  close(): Promise<void>;
}

export class AlreadyRunning extends Error {
  constructor(readonly pid: number) {
    super(`DFDG Desk already runs in browser mode on this data directory (process ${pid}). Use its window, or stop it first (Ctrl+C where it was started).`);
    this.name = 'AlreadyRunning';
  }
}

export async function startBrowserMode(opts: BrowserModeOptions): Promise<BrowserMode> {
  const dataDir = opts.dataDir;
  const ownDir = join(dataDir, BROWSER_MODE_DIR);
  mkdirSync(ownDir, { recursive: true, mode: 0o700 });
  const releaseLock = acquireLock(join(ownDir, 'instance.lock'));
  const launcherFile = join(ownDir, 'open.html');
  const log = createLogger({ sinks: [fileSink(join(dataDir, ...LOG_FILE), { maxBytes: 5 * 1024 * 1024 }), ...(opts.logSinks ?? [])], minLevel: 'info' });
  const cleanups: (() => Promise<void> | void)[] = [releaseLock];
  const cleanUp = async () => {
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => undefined);
  };

  try {
    const secrets = createKeyFileSecretStore(dataDir);
    const dbKey = await loadOrCreateDbKey(dataDir, secrets);
    const settings = await SettingsService.open(dataDir, secrets);
    const manager = new RuntimeManager({
      dataDir,
      dbKey,
      settings,
      createCore,
      // In a child process of its own (main/sandboxProcess.ts): the sandbox can never stall browser mode.
      startSandbox: (o) => startSandboxProcess(forkNodeChild, { ...o, onUnexpectedExit: (code) => log('error', 'sandbox: its process ended', { code }) }),
      ...(opts.hub === false ? {} : { startHub: sandboxHubStarter(log) }),
      identityFromTls: identityOffThread,
      logger: log,
    });
    cleanups.push(() => manager.stop());

    let dispatch: Dispatch | null = null;
    let stopEvents: () => void = () => undefined;
    const server = await startWebServer({ rendererDir: opts.rendererDir, dispatch: () => (manager.current() ? dispatch : null), port: opts.port ?? 0, log });
    cleanups.push(() => server.close());

    // As main/index.ts attach(): unpackaged, responses are checked against the contract too.
    const onError = (channel: string, err: unknown) => log('error', 'ipc: request failed unexpectedly', { channel, error: err, frames: stackFrames(err) });
    let started = false;
    manager.onChange((runtime) => {
      dispatch = createDispatcher(runtime.core.handlers, { validateResponses: true, onError });
      stopEvents();
      stopEvents = registerEventForwarding(runtime.core.on, (event, payload) => server.send(event, payload), { validate: true, onError });
      // After a switch of organisation or DFDG, the page starts over against the new core.
      if (started) server.reload();
    });
    const runtime = await manager.start();
    started = true;
    if (runtime.problem) log('warn', 'browser mode: DFDG is not set up', { mode: runtime.mode });

    writeFileAtomicSync(launcherFile, launcherPage(server.url));
    cleanups.push(() => rmSync(launcherFile, { force: true }));
    log('info', 'browser mode: serving', { origin: server.origin, mode: runtime.mode });

    let closed: Promise<void> | null = null;
    return {
      server,
      runtime: () => manager.current(),
      launcherFile,
      log,
      close: () => (closed ??= (async () => {
        stopEvents();
        await cleanUp();
      })()),
    };
  } catch (err) {
    await cleanUp();
    throw err;
  }
}

/** A page that forwards to the address (with its key in the fragment) at once. */
export function launcherPage(url: string): string {
  if (!/^http:\/\/127\.0\.0\.1:\d+\/#key=[A-Za-z0-9_-]+$/.test(url)) throw new Error('not a browser-mode address');
  return `<!doctype html>\n<html lang="da"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${url}"><title>DFDG Desk</title></head>\n<body><p>DFDG Desk åbner …</p></body></html>\n`;
}

/**
 * One browser mode per data directory (two would drain one outbox twice): a lock file with the pid,
 * created exclusively; a lock left by a process that is gone is taken over.
 */
function acquireLock(file: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeExclusive(file, String(process.pid));
      return () => {
        try {
          if (readFileSync(file, 'utf8') === String(process.pid)) rmSync(file, { force: true });
        } catch {
          // already gone
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSafe(file));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) throw new AlreadyRunning(pid);
      rmSync(file, { force: true });
    }
  }
  throw new Error('the browser-mode lock could not be taken');
}

/** 'wx' fails with EEXIST when another process holds the lock; the pid is written in one call. */
function writeExclusive(file: string, text: string) {
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
