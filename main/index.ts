// The Electron shell's entry: lifecycle, one window, IPC wiring. Everything that can run without
// Electron lives in main/core (and main/runtime.ts); this file only connects it to Electron.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, ipcMain, protocol, safeStorage, session, shell, utilityProcess, type BrowserWindow } from 'electron';
import { createCore } from './core/app';
import { CoreError } from './core/errors';
import { createDispatcher, stackFrames, type Dispatch } from './core/ipc/dispatch';
import { isAllowedExternalUrl } from './core/ipc/origin';
import { consoleSink, createLogger, fileSink, type Logger, type LogSink } from './core/log';
import { loadOrCreateDbKey } from './core/settings/dbKey';
import { SettingsService } from './core/settings/settingsService';
import { identityOffThread } from './core/settings/certificateImport';
import { installAppSecurity } from './appSecurity';
import { forwardCoreEvents, registerIpcHandlers } from './ipc';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { resolveSystemProxy } from './proxy';
import { RuntimeManager, sandboxHubStarter, type Runtime } from './runtime';
import { startSandboxProcess, type SpawnChild } from './sandboxProcess';
import { createSafeStorageSecretStore } from './secrets';
import { createMainWindow, hardenSession, windowTitle } from './window';

const here = dirname(fileURLToPath(import.meta.url)); // out/main
const PRELOAD = join(here, '../preload/index.cjs');
const RENDERER_DIR = join(here, '../renderer');
const DEV = !app.isPackaged;
/** The log file in userData (rotated at 5 MB to `.1`); redacted lines only (main/core/log.ts). */
const LOG_FILE = ['logs', 'dfdg-desk.log'] as const;

const openExternal = (url: string) => {
  if (isAllowedExternalUrl(url)) void shell.openExternal(url);
};

let win: BrowserWindow | null = null;
let manager: RuntimeManager | null = null;
let dispatch: Dispatch | null = null;
let stopEvents: () => void = () => undefined;
let stopped = false;
/** Console only until userData is known (boot), then the log file too. */
let log: Logger = createLogger({ sinks: [consoleSink()], minLevel: DEV ? 'debug' : 'info' });

// Before ready: the app:// scheme, the renderer sandbox for every web contents, the security rules.
registerAppScheme(protocol);
app.enableSandbox();
installAppSecurity(app, openExternal, (level, message, fields) => log(level, message, fields));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (stopped || !manager) return;
    event.preventDefault();
    const m = manager;
    manager = null;
    void m.stop().finally(() => {
      stopped = true;
      app.quit();
    });
  });
  app.whenReady().then(boot).catch(fatal);
}

function attach(runtime: Runtime) {
  // Unexpected handler failures: channel, error name and stack frames, never the message.
  const onError = (channel: string, err: unknown) => log('error', 'ipc: request failed unexpectedly', { channel, error: err, frames: stackFrames(err) });
  dispatch = createDispatcher(runtime.core.handlers, { validateResponses: DEV, onError });
  stopEvents();
  stopEvents = forwardCoreEvents(runtime.core.on, () => win?.webContents ?? null, { validate: DEV, onError });
  win?.setTitle(windowTitle(runtime.identity, runtime.mode));
}

async function boot() {
  hardenSession(session.defaultSession);
  handleAppProtocol(protocol, RENDERER_DIR);

  const userData = app.getPath('userData');
  const sinks: LogSink[] = [fileSink(join(userData, ...LOG_FILE), { maxBytes: 5 * 1024 * 1024 })];
  if (DEV) sinks.push(consoleSink());
  log = createLogger({ sinks, minLevel: DEV ? 'debug' : 'info' });
  const secrets = await createSafeStorageSecretStore(safeStorage, userData);
  const settings = await SettingsService.open(userData, secrets);
  // Without a keyring (basic_text) nothing is stored unless an administrator allowed it (fatal() says so).
  const dbKey = await loadOrCreateDbKey(userData, secrets, { allowObfuscated: settings.get().allowObfuscatedKeyStorage });
  manager = new RuntimeManager({
    dataDir: userData,
    dbKey,
    settings,
    createCore,
    // In a utility process of its own (main/sandboxProcess.ts): nothing a request makes the sandbox do
    // can stall this process, and its code is never parsed here.
    startSandbox: (o) => startSandboxProcess(spawnUtilityProcess, { ...o, onUnexpectedExit: (code) => log('error', 'sandbox: its process ended', { code }) }),
    // The sandbox's organisation hub (team inbox), in the background; loaded only with import().
    startHub: sandboxHubStarter((level, message, fields) => log(level, message, fields)),
    identityFromTls: identityOffThread,
    resolveSystemProxy: (url) => resolveSystemProxy(url, (message) => log('warn', message)),
    logger: (level, message, fields) => log(level, message, fields),
  });
  manager.onChange((runtime) => {
    const restarted = win !== null;
    attach(runtime);
    // After a switch of organisation or DFDG, the page starts over against the new core.
    if (restarted && win && !win.isDestroyed()) win.webContents.reload();
  });
  registerIpcHandlers(ipcMain, {
    dispatch: () => (manager?.current() ? dispatch : null),
    windowContentsId: () => (win && !win.isDestroyed() ? win.webContents.id : null),
  });

  const runtime = await manager.start();
  win = createMainWindow({ preloadPath: PRELOAD, title: windowTitle(runtime.identity, runtime.mode), devTools: DEV, openExternal, log: (level, message, fields) => log(level, message, fields) });
  win.on('closed', () => {
    win = null;
  });
  if (runtime.problem) {
    void dialog.showMessageBox(win, { type: 'warning', title: 'DFDG Desk', message: 'DFDG er ikke sat op', detail: runtime.problem });
  }
}

/** Electron's utility process: a Node process of the app's own (the runAsNode fuse keeps fork out). */
const spawnUtilityProcess: SpawnChild = (entry) => {
  const child = utilityProcess.fork(entry, [], { serviceName: 'DFDG Desk sandbox', stdio: 'inherit' });
  return {
    post: (m) => child.postMessage(m),
    onMessage: (l) => child.on('message', l),
    onExit: (l) => child.on('exit', (code) => l(code)),
    kill: () => void child.kill(),
  };
};

function fatal(err: unknown) {
  const detail = err instanceof CoreError ? err.message : 'DFDG Desk kunne ikke starte. Prøv at starte programmet igen. Hvis fejlen bliver ved, så kontakt support.';
  log('error', 'main: start failed', { error: err instanceof Error ? err : typeof err });
  dialog.showErrorBox('DFDG Desk kan ikke starte', detail);
  stopped = true;
  app.quit();
}
