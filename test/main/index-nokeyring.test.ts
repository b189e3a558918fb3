// The shell's entry on Linux without a keyring (safeStorage's 'basic_text'): it refuses to start
// before anything is stored, and says why in Danish; no window, no database key, no CPR data.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OBFUSCATED_KEYS_REFUSED } from '../../main/core/settings';
import { FakeBrowserWindow } from './fakes';

const h = vi.hoisted(() => ({ userData: '', ready: null as null | (() => void), createCore: 0 }));

vi.mock('electron', async () => {
  const { EventEmitter: EE } = await import('node:events');
  const fakes = await import('./fakes');
  const app = Object.assign(new EE(), {
    isPackaged: false,
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: () => new Promise<void>((resolve) => (h.ready = resolve)),
    getPath: (name: string) => (name === 'userData' ? h.userData : '/nowhere'),
    quit: vi.fn(),
  });
  return {
    app,
    session: { defaultSession: new fakes.FakeSession() },
    BrowserWindow: fakes.FakeBrowserWindow,
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    // What Chromium reports on a Linux desktop with no Secret Service and no KWallet.
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'basic_text',
      encryptString: (s: string) => Buffer.from(`E${s}`),
      decryptString: (b: Buffer) => b.toString().slice(1),
    },
    shell: { openExternal: vi.fn() },
    dialog: { showMessageBox: vi.fn(), showErrorBox: vi.fn() },
  };
});

vi.mock('../../main/core/app', () => ({ createCore: async () => (h.createCore++, {}) }));

beforeAll(async () => {
  h.userData = mkdtempSync(join(tmpdir(), 'dfdg-shell-nokeyring-'));
  FakeBrowserWindow.instances = [];
  await import('../../main/index');
});
afterAll(() => rmSync(h.userData, { recursive: true, force: true }));

describe('main/index.ts without a keyring', () => {
  it('refuses to start, says why and what to do, and stores nothing', async () => {
    const electron = await import('electron');
    h.ready!();
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled());
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('DFDG Desk kan ikke starte', OBFUSCATED_KEYS_REFUSED);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(h.createCore).toBe(0);
    expect(existsSync(join(h.userData, 'db-key.json'))).toBe(false);
  });
});
