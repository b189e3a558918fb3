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
    const logged: { message: string; fields: Record<string, unknown> | undefined }[] = [];
    let t = 10_000;
    hardenWebContents(wc as never, (u) => opened.push(u), { log: (_level, message, fields) => logged.push({ message, fields }), now: () => t });
    const click = () => wc.emit('input-event', fakeEvent(), { type: 'mouseUp' });
    const key = (keyCode: string) => wc.emit('input-event', fakeEvent(), { type: 'keyDown', keyCode });
    return { wc, opened, logged, click, key, advance: (ms: number) => (t += ms) };
  }

  it('denies every new window; a clicked link to STAR, Jobnet or borger.dk opens in the system browser, nothing else does', () => {
    const { wc, opened, click } = hardened();
    for (const url of ['https://www.star.dk/', 'https://evil.example/', 'https://star.dk.evil.example/', 'https://evilstar.dk/', 'http://www.jobnet.dk/', 'https://www.jobnet.dk:8443/', 'file:///etc/passwd', 'javascript:alert(1)', 'app://desk/index.html', 'smb://x/y', 'https://www.borger.dk/arbejde']) {
      click();
      expect(wc.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://www.star.dk/', 'https://www.borger.dk/arbejde']);
  });

  it('opens an allowed link only right after the caseworker clicked or pressed Enter, once per gesture', () => {
    const { wc, opened, logged, click, key, advance } = hardened();
    const open = (url: string) => wc.windowOpenHandler!({ url });
    open('https://www.star.dk/uden-klik?cpr=0101901234'); // a script, no gesture
    click();
    advance(2_500);
    open('https://www.star.dk/for-sent'); // the click was too long ago
    key('A');
    open('https://www.star.dk/tast'); // typing is not activating a link
    wc.emit('input-event', fakeEvent(), { type: 'mouseMove' });
    open('https://www.star.dk/mus');
    expect(opened).toEqual([]);
    click();
    advance(100);
    open('https://www.jobnet.dk/hjaelp');
    open('https://www.jobnet.dk/igen'); // the same click does not open a second page
    key('Enter');
    open('https://www.borger.dk/');
    expect(opened).toEqual(['https://www.jobnet.dk/hjaelp', 'https://www.borger.dk/']);
    // Blocked and logged, without the query.
    expect(logged.map((l) => l.fields)).toContainEqual({ event: 'window-open', target: 'https://www.star.dk/uden-klik', reason: 'no-user-gesture' });
    expect(JSON.stringify(logged)).not.toContain('0101901234');
  });

  it('blocks every navigation of the page and opens nothing from it, even right after a click; it is logged without the query', () => {
    const { wc, opened, logged, click } = hardened();
    for (const url of ['https://www.star.dk/hjaelp?cpr=0101901234#x', 'https://evil.example/phish?token=abc', 'app://desk/other.html', 'file:///etc/passwd']) {
      click();
      const e = fakeEvent({ url });
      wc.emit('will-navigate', e, url);
      expect(e.defaultPrevented, url).toBe(true);
    }
    expect(opened).toEqual([]);
    expect(logged.map((l) => l.fields)).toEqual([
      { event: 'will-navigate', target: 'https://www.star.dk/hjaelp', reason: 'navigation' },
      { event: 'will-navigate', target: 'https://evil.example/phish', reason: 'navigation' },
      { event: 'will-navigate', target: 'app://desk/other.html', reason: 'navigation' },
      { event: 'will-navigate', target: 'file:///etc/passwd', reason: 'navigation' },
    ]);
    expect(JSON.stringify(logged)).not.toMatch(/0101901234|token|#x/);
  });

  it('hardens a web contents once, however often it is asked', () => {
    const wc = new FakeWebContents();
    const logged: unknown[] = [];
    hardenWebContents(wc as never, () => undefined, { log: (_l, m) => logged.push(m) });
    hardenWebContents(wc as never, () => undefined, { log: (_l, m) => logged.push(m) });
    wc.emit('will-navigate', fakeEvent({ url: 'https://evil.example/' }));
    expect(logged).toHaveLength(1);
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
