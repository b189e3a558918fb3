// The shell's entry, booted against fake Electron objects, a fake core and a fake sandbox: what it
// sets up before the app is ready, the window it opens, the IPC it registers, and how it quits.

import type { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../shared/ipc';
import { FakeBrowserWindow, fakeEvent, type FakeSession } from './fakes';
import type * as Electron from 'electron';
import type * as Certs from '../core/settings/certs';

const h = vi.hoisted(() => {
  const state = {
    userData: '',
    order: [] as string[],
    ready: null as null | (() => void),
    ipc: new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>(),
    coreCalls: [] as { channel: string; request: unknown }[],
    coreStopped: 0,
    sandboxClosed: 0,
    coreListeners: new Map<string, (p: unknown) => void>(),
    createCoreOptions: [] as Record<string, unknown>[],
    sandboxForks: [] as { entry: string; serviceName: string | undefined }[],
    certs: null as null | typeof Certs,
  };
  return state;
});

vi.mock('electron', async () => {
  const { EventEmitter: EE } = await import('node:events');
  const fakes = await import('./fakes');
  const app = Object.assign(new EE(), {
    isPackaged: false,
    enableSandbox: vi.fn(() => h.order.push('enableSandbox')),
    requestSingleInstanceLock: vi.fn(() => (h.order.push('requestSingleInstanceLock'), true)),
    whenReady: () => new Promise<void>((resolve) => (h.ready = resolve)),
    getPath: (name: string) => (name === 'userData' ? h.userData : '/nowhere'),
    quit: vi.fn(),
  });
  const session = { defaultSession: new fakes.FakeSession() };
  return {
    app,
    session,
    BrowserWindow: fakes.FakeBrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => h.order.push('registerSchemesAsPrivileged')),
      handle: vi.fn(),
    },
    ipcMain: {
      handle: (name: string, fn: (e: unknown, p: unknown) => Promise<unknown>) => h.ipc.set(name, fn),
      removeHandler: (name: string) => h.ipc.delete(name),
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      isAsyncEncryptionAvailable: async () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (s: string) => Buffer.from(`E${s}`),
      decryptString: (b: Buffer) => b.toString().slice(1),
      encryptStringAsync: async (s: string) => Buffer.from(`E${s}`),
      decryptStringAsync: async (b: Buffer) => ({ result: b.toString().slice(1), shouldReEncrypt: false }),
    },
    // The sandbox's utility process (main/sandboxProcess.ts, sandbox/child.ts), played by a fake child.
    utilityProcess: {
      fork: vi.fn((entry: string, _args: string[], options: { serviceName?: string }) => {
        h.sandboxForks.push({ entry, serviceName: options.serviceName });
        const child = new EE();
        const emit = (m: unknown) => setImmediate(() => child.emit('message', m));
        return Object.assign(child, {
          postMessage: (m: { type: string }) => {
            if (m.type === 'start') {
              const { makeClientCert: make } = h.certs!;
              const org = make({ ou: 'akasse-067', o: 'A-kasse Nordlys (sandbox)', cn: 'Sandkasse Sagsbehandler' });
              emit({ type: 'ready', url: 'https://127.0.0.1:45555', port: 45555, dataDir: 'x', certs: { caPem: 'ca', passphrase: 'x', orgs: { 'akasse-067': { certPem: org.certPem, keyPem: org.keyPem } }, caseworkers: [] } });
            } else if (m.type === 'close') {
              h.sandboxClosed++;
              emit({ type: 'closed' });
              setImmediate(() => child.emit('exit', 0));
            }
          },
          kill: vi.fn(),
        });
      }),
    },
    shell: { openExternal: vi.fn(async () => undefined) },
    dialog: { showMessageBox: vi.fn(async () => ({ response: 0 })), showErrorBox: vi.fn() },
  };
});


vi.mock('../../main/core/app', async () => {
  const { channelNames: names } = await import('../../shared/ipc');
  return {
    createCore: async (opts: Record<string, unknown>) => {
      h.createCoreOptions.push(opts);
      const handlers = Object.fromEntries(names.map((c) => [c, async (request: unknown) => (h.coreCalls.push({ channel: c, request }), { templates: [] })]));
      return {
        handlers,
        on: (event: string, l: (p: unknown) => void) => (h.coreListeners.set(event, l), () => h.coreListeners.delete(event)),
        start: () => undefined,
        stop: async () => void h.coreStopped++,
      };
    },
  };
});

let electron: typeof Electron & { app: EventEmitter & { quit: ReturnType<typeof vi.fn> } };

async function until(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

beforeAll(async () => {
  h.certs = await import('../core/settings/certs');
  h.userData = mkdtempSync(join(tmpdir(), 'dfdg-shell-'));
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  FakeBrowserWindow.instances = [];
  electron = (await import('electron')) as never;
  await import('../../main/index');
});
afterAll(() => rmSync(h.userData, { recursive: true, force: true }));

describe('main/index.ts', () => {
  it('before ready: registers app:// as privileged, enables the sandbox for all renderers, installs the security rules', () => {
    // (Mock call records are cleared between tests, so the order is recorded by hand.)
    expect(h.order).toEqual(['registerSchemesAsPrivileged', 'enableSandbox', 'requestSingleInstanceLock']);
    for (const e of ['certificate-error', 'select-client-certificate', 'web-contents-created', 'login', 'before-quit', 'second-instance']) {
      expect(electron.app.listenerCount(e), e).toBeGreaterThan(0);
    }
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('when ready: hardens the session, serves app://, starts the sandbox core and opens one hardened window', async () => {
    h.ready!();
    await until(() => FakeBrowserWindow.instances.length === 1);
    const s = electron.session.defaultSession as unknown as FakeSession;
    const cb = vi.fn();
    s.permissionRequest!({}, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));

    const win = FakeBrowserWindow.instances[0]!;
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(win.options.webPreferences!.preload)).toMatch(/preload[/\\]index\.cjs$/);
    expect(win.loaded).toBe('app://desk/index.html');
    expect(win.title).toBe('DFDG Desk – A-kasse Nordlys (sandbox) (sandkasse)');
    expect(h.createCoreOptions[0]).toMatchObject({ mode: 'sandbox', sandboxUrl: 'https://127.0.0.1:45555', dataDir: join(h.userData, 'core', 'sandbox-akasse-067') });
    // The sandbox runs in a utility process of its own, from its entry (sandbox/child.ts from the sources).
    expect(h.sandboxForks).toEqual([{ entry: expect.stringMatching(/sandbox[/\\]child\.ts$/), serviceName: 'DFDG Desk sandbox' }]);
    expect((h.createCoreOptions[0]!.dbKey as Buffer).length).toBe(32);
  });

  it('answers IPC from the window through the core, and refuses other senders', async () => {
    expect([...h.ipc.keys()].sort()).toEqual(channelNames.map((c) => `dfdg:${c}`).sort());
    const win = FakeBrowserWindow.instances[0]!;
    const ok = await h.ipc.get('dfdg:templates.list')!({ senderFrame: { url: 'app://desk/index.html', parent: null }, sender: { id: win.webContents.id } }, {});
    expect(ok).toEqual({ ok: true, data: { templates: [] } });
    const sub = await h.ipc.get('dfdg:templates.list')!({ senderFrame: { url: 'app://desk/index.html', parent: {} }, sender: { id: win.webContents.id } }, {});
    expect(sub).toMatchObject({ ok: false, error: { kind: 'forbidden-sender' } });
    const foreign = await h.ipc.get('dfdg:templates.list')!({ senderFrame: { url: 'https://evil.example/', parent: null }, sender: { id: win.webContents.id } }, {});
    expect(foreign).toMatchObject({ ok: false, error: { kind: 'forbidden-sender' } });
    expect(h.coreCalls).toHaveLength(1);
  });

  it('gives the core a redacting logger that writes one JSON line per call to userData/logs/dfdg-desk.log', () => {
    const log = h.createCoreOptions[0]!.log as (level: string, msg: string, fields?: Record<string, unknown>) => void;
    expect(typeof log).toBe('function');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    log('warn', 'outbox: held for 010190-1234', { commandId: 'c-9', body: 'Kære Anna', nested: { cpr: '0101901234', label: '0202851111' } });
    const file = join(h.userData, 'logs', 'dfdg-desk.log');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const last = JSON.parse(lines.at(-1)!) as Record<string, unknown>;
    expect(last).toMatchObject({ level: 'warn', msg: 'outbox: held for [cpr]', fields: { commandId: 'c-9', nested: { label: '[cpr]' } } });
    const text = readFileSync(file, 'utf8');
    for (const secret of ['010190-1234', '0101901234', '0202851111', 'Kære Anna']) expect(text).not.toContain(secret);
    // The runtime's own lines go to the same file; in development also to the console.
    expect(text).toMatch(/"msg":"runtime: running in sandbox mode as akasse-067"/);
    expect(warn).toHaveBeenCalledWith(lines.at(-1));
    warn.mockRestore();
  });

  it('forwards core events to the window', () => {
    const win = FakeBrowserWindow.instances[0]!;
    h.coreListeners.get('inbox.changed')!({ open: 2 });
    expect(win.webContents.sent).toContainEqual(['dfdg:event:inbox.changed', { open: 2 }]);
  });

  it('on quit: holds the quit until the core and the sandbox have stopped, then quits', async () => {
    const e = fakeEvent();
    electron.app.emit('before-quit', e);
    expect(e.defaultPrevented).toBe(true);
    await until(() => electron.app.quit.mock.calls.length > 0);
    expect(h.coreStopped).toBe(1);
    expect(h.sandboxClosed).toBe(1);
    const again = fakeEvent();
    electron.app.emit('before-quit', again);
    expect(again.defaultPrevented).toBe(false);
  });
});
