// A stand-in for the electron module, for running the built main bundle in plain Node. It plays the
// app: becomes ready, lets the shell open its window, then drives one IPC call and one app:// request
// through what the shell registered, prints the results as `RESULT <json>` lines, and quits.
// With DFDG_TEST_PDF (a file) it also attaches that PDF to a draft for a citizen of the sandbox's
// sample, through IPC (the PDF intake and its worker thread, out/main/pdfWorker.js).
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const out = (kind, data) => process.stdout.write(`RESULT ${JSON.stringify({ kind, ...data })}\n`);
const ipc = new Map();
let protocolHandler = null;
let windowInstance = null;
let nextId = 1;

class WebContents extends EventEmitter {
  id = nextId++;
  sent = [];
  setWindowOpenHandler(h) { this.windowOpenHandler = h; }
  send(channel, payload) { this.sent.push([channel, payload]); }
  isDestroyed() { return false; }
  reload() {}
}

export class BrowserWindow extends EventEmitter {
  webContents = new WebContents();
  constructor(options) {
    super();
    this.options = options;
    this.title = options.title;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the stub hands the one window to its driver
    windowInstance = this;
  }
  loadURL(url) {
    this.loaded = url;
    setTimeout(drive, 10);
    return Promise.resolve();
  }
  setTitle(t) { this.title = t; }
  show() {}
  isDestroyed() { return false; }
  isMinimized() { return false; }
  focus() {}
}

export const app = Object.assign(new EventEmitter(), {
  isPackaged: true,
  enableSandbox() { out('enableSandbox', {}); },
  requestSingleInstanceLock: () => true,
  whenReady: () => new Promise((r) => setTimeout(r, 5)),
  getPath: (name) => (name === 'userData' ? process.env.DFDG_TEST_USERDATA : '/nonexistent'),
  quit() {
    out('quit', {});
    setTimeout(() => process.exit(0), 20);
  },
});

export const protocol = {
  registerSchemesAsPrivileged(schemes) { out('schemes', { schemes }); },
  handle(scheme, handler) { if (scheme === 'app') protocolHandler = handler; },
};
export const ipcMain = { handle: (name, fn) => ipc.set(name, fn), removeHandler: (name) => ipc.delete(name) };
class Session extends EventEmitter {
  setPermissionRequestHandler(h) { this.permissionRequest = h; }
  setPermissionCheckHandler(h) { this.permissionCheck = h; }
  setDevicePermissionHandler(h) { this.devicePermission = h; }
}
export const session = { defaultSession: new Session() };
export const safeStorage = {
  isEncryptionAvailable: () => true,
  isAsyncEncryptionAvailable: async () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (s) => Buffer.from(`E${s}`),
  decryptString: (b) => b.toString().slice(1),
  encryptStringAsync: async (s) => Buffer.from(`E${s}`),
  decryptStringAsync: async (b) => ({ result: b.toString().slice(1), shouldReEncrypt: false }),
};
export const shell = { openExternal: async () => undefined };
export const dialog = {
  showMessageBox: async (_w, o) => (out('messageBox', { detail: o?.detail ?? null }), { response: 0 }),
  showErrorBox: (title, detail) => out('fatal', { title, detail }),
};
// utilityProcess: a Node child of the bundle's entry (sandbox/child.ts speaks both Electron's parentPort
// and Node's IPC), so the built out/main/sandboxChild.js runs for real.
export const utilityProcess = {
  fork(entry, args = [], options = {}) {
    out('utility-fork', { entry: entry.split(/[\\/]/).pop(), serviceName: options.serviceName ?? null });
    const child = fork(entry, args, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], serialization: 'advanced' });
    const p = new EventEmitter();
    child.on('message', (m) => p.emit('message', m));
    child.on('exit', (code) => p.emit('exit', code ?? 0));
    return Object.assign(p, { pid: child.pid, postMessage: (m) => child.send(m), kill: () => child.kill('SIGKILL') });
  },
};
export default { app, BrowserWindow, protocol, ipcMain, session, safeStorage, shell, dialog, utilityProcess };

async function drive() {
  try {
    const win = windowInstance;
    out('window', { title: win.title, url: win.loaded, webPreferences: { ...win.options.webPreferences }, channels: ipc.size });
    const trusted = { senderFrame: { url: 'app://desk/index.html', parent: null }, sender: { id: win.webContents.id } };
    out('app.info', { result: await ipc.get('dfdg:app.info')(trusted, {}) });
    out('foreign', { result: await ipc.get('dfdg:app.info')({ senderFrame: { url: 'https://evil.example/', parent: null }, sender: { id: win.webContents.id } }, {}) });
    out('invalid', { result: await ipc.get('dfdg:citizens.open')(trusted, { cpr: '12', purpose: 'search' }) });
    const res = await protocolHandler(new Request('app://desk/index.html'));
    out('protocol', { status: res.status, csp: res.headers.get('content-security-policy'), body: (await res.text()).slice(0, 40) });
    const perm = await new Promise((r) => session.defaultSession.permissionRequest(win.webContents, 'media', r));
    out('permission', { granted: perm });
    if (process.env.DFDG_TEST_PDF) await attachPdf(trusted, process.env.DFDG_TEST_PDF);
  } catch (err) {
    out('driver-error', { message: String(err?.stack ?? err) });
  }
  const quitEvent = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
  app.emit('before-quit', quitEvent);
  out('before-quit', { prevented: quitEvent.defaultPrevented });
}

// Opens a visible citizen (never printed), creates a draft and attaches the PDF. `pdfjsInMain` says
// whether pdf.js got loaded on this (the main) thread: it sets globalThis.pdfjsLib when it loads.
async function attachPdf(trusted, file) {
  const call = async (channel, request) => {
    const res = await ipc.get(`dfdg:${channel}`)(trusted, request);
    if (!res.ok) throw new Error(`${channel}: ${res.error?.kind}`);
    return res.data;
  };
  const sample = JSON.parse(readFileSync(join(process.env.DFDG_TEST_USERDATA, 'sandbox', 'population-sample.json'), 'utf8'));
  const member = sample.organisations.find((o) => o.id === 'akasse-067').visible.find((c) => c.contactGroup === 1 && c.registrationCategory !== null);
  await call('citizens.open', { cpr: member.cpr, purpose: 'composer' });
  const draft = await call('drafts.create', { cpr: member.cpr });
  const started = Date.now();
  const res = await ipc.get('dfdg:attachments.add')(trusted, { draftId: draft.id, fileName: 'bilag.pdf', bytes: new Uint8Array(readFileSync(file)) });
  const attachment = res.ok ? res.data.attachment : null;
  out('attachment', {
    ok: res.ok,
    error: res.ok ? null : res.error?.kind,
    mimeType: attachment?.mimeType ?? null,
    pageCount: attachment?.pageCount ?? null,
    ms: Date.now() - started,
    pdfjsInMain: 'pdfjsLib' in globalThis,
  });
}
