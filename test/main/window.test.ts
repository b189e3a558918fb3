import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, FakeSession, FakeWebContents, fakeEvent } from './fakes';

vi.mock('electron', async () => {
  const fakes = await import('./fakes');
  return { BrowserWindow: fakes.FakeBrowserWindow };
});

const { createMainWindow, hardenSession, hardenWebContents, mainWindowOptions, windowTitle } = await import('../../main/window');
import type { Identity } from '../../shared/domain';

const identity = (name: string): Identity => ({
  organisation: { type: 'akasse', code: '067', name },
  caseworker: { fullName: 'Karen Jensen', userIdentifier: 'CVR:12345678-UUID:x' },
  certificate: { subject: '', issuer: '', validFrom: '', validTo: '', fingerprint256: '' },
});

beforeEach(() => {
  FakeBrowserWindow.instances = [];
});

describe('the main window', () => {
  it('is sandboxed with context isolation, no Node in the page, web security on, and the bundled preload', () => {
    const opened: string[] = [];
    const win = createMainWindow({ preloadPath: '/app/out/preload/index.cjs', title: 'DFDG Desk', openExternal: (u) => opened.push(u) }) as unknown as FakeBrowserWindow;
    const prefs = win.options.webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
    expect(win.loaded).toBe('app://desk/index.html');
    expect(win.options.show).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
  });

  it('keeps its own title when the page sets document.title (which may name a citizen)', () => {
    const win = createMainWindow({ preloadPath: 'p', title: 'DFDG Desk – A-kasse Nordlys', openExternal: () => undefined }) as unknown as FakeBrowserWindow;
    const e = fakeEvent();
    win.emit('page-title-updated', e, 'Borger 010190-1234');
    expect(e.defaultPrevented).toBe(true);
  });

  it('titles the window "DFDG Desk" plus the organisation, never a CPR number', () => {
    expect(windowTitle(null, 'unconfigured')).toBe('DFDG Desk');
    expect(windowTitle(identity('A-kasse Nordlys'), 'dfdg')).toBe('DFDG Desk – A-kasse Nordlys');
    expect(windowTitle(identity('A-kasse Nordlys (sandbox)'), 'sandbox')).toBe('DFDG Desk – A-kasse Nordlys (sandbox) (sandkasse)');
    const t = windowTitle(identity('Jobcenter 010190-1234 0101901234'), 'dfdg');
    expect(t).not.toMatch(/\d{6}-?\d{4}/);
    expect(t.startsWith('DFDG Desk')).toBe(true);
  });

  it('mainWindowOptions can enable devtools in development only when asked', () => {
    expect(mainWindowOptions('p', 't').webPreferences!.devTools).toBe(false);
    expect(mainWindowOptions('p', 't', { devTools: true }).webPreferences!.devTools).toBe(true);
  });
});

describe('hardenWebContents', () => {
  function hardened() {
    const wc = new FakeWebContents();
    const opened: string[] = [];
    hardenWebContents(wc as never, (u) => opened.push(u));
    return { wc, opened };
  }

  it('denies every new window; https links go to the system browser, nothing else does', () => {
    const { wc, opened } = hardened();
    for (const url of ['https://www.star.dk/', 'http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'app://desk/index.html', 'smb://x/y']) {
      expect(wc.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://www.star.dk/']);
  });

  it('blocks every navigation of the page; a clicked https link opens outside', () => {
    const { wc, opened } = hardened();
    for (const url of ['https://evil.example/phish', 'app://desk/other.html', 'file:///etc/passwd']) {
      const e = fakeEvent({ url });
      wc.emit('will-navigate', e, url);
      expect(e.defaultPrevented, url).toBe(true);
    }
    expect(opened).toEqual(['https://evil.example/phish']);
  });

  it('blocks frames and redirects leaving app://, and every <webview>', () => {
    const { wc } = hardened();
    const out = fakeEvent({ url: 'https://evil.example/' });
    wc.emit('will-frame-navigate', out);
    expect(out.defaultPrevented).toBe(true);
    const inside = fakeEvent({ url: 'app://desk/index.html' });
    wc.emit('will-frame-navigate', inside);
    expect(inside.defaultPrevented).toBe(false);
    const redirect = fakeEvent({ url: 'http://evil.example/' });
    wc.emit('will-redirect', redirect);
    expect(redirect.defaultPrevented).toBe(true);
    const webview = fakeEvent();
    wc.emit('will-attach-webview', webview, {}, {});
    expect(webview.defaultPrevented).toBe(true);
  });
});

describe('hardenSession', () => {
  it('denies every permission request and check, and every device', () => {
    const s = new FakeSession();
    hardenSession(s as never);
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'fullscreen', 'openExternal', 'hid', 'serial', 'usb']) {
      const cb = vi.fn();
      s.permissionRequest!({}, permission, cb);
      expect(cb).toHaveBeenCalledWith(false);
      expect(s.permissionCheck!({}, permission, 'app://desk')).toBe(false);
    }
    expect(s.devicePermission!({ deviceType: 'usb' })).toBe(false);
  });

  it('lets the app save what it made itself (a blob of app://desk) and blocks downloads from elsewhere', () => {
    const s = new FakeSession();
    hardenSession(s as never);
    const download = (url: string) => {
      const e = fakeEvent();
      s.emit('will-download', e, { getURL: () => url });
      return e.defaultPrevented;
    };
    expect(download('blob:app://desk/5b7c-4d1e')).toBe(false);
    expect(download('https://evil.example/x.exe')).toBe(true);
    expect(download('blob:https://evil.example/1')).toBe(true);
  });
});
