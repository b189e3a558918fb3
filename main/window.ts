// The one window, and the rules every web contents and the session live by: sandboxed renderer with
// context isolation, no navigation away from app://, no new windows (a link the caseworker clicks to an
// allowed site, EXTERNAL_LINK_HOSTS, goes to the system browser; nothing else), no permissions, TLS errors never bypassed, client certificates never chosen silently,
// and a window title that never carries what the page puts in document.title (it could hold a CPR).

import { BrowserWindow, type BrowserWindowConstructorOptions, type Session, type WebContents } from 'electron';
import type { Identity } from '../shared/domain';
import { APP_ENTRY_URL, isAllowedExternalUrl, parseAppUrl, urlForLog } from './core/ipc/origin';
import type { Logger } from './core/log';

export const APP_TITLE = 'DFDG Desk';

/** "DFDG Desk" plus the organisation; anything shaped like a CPR number is dropped. */
export function windowTitle(identity: Identity | null, mode: 'sandbox' | 'dfdg' | 'unconfigured'): string {
  const org = identity?.organisation.name?.replace(/\d{6}-?\d{4}/g, '').replace(/\s+/g, ' ').trim();
  const suffix = mode === 'sandbox' ? ' (sandkasse)' : '';
  return org ? `${APP_TITLE} – ${org}${suffix}` : `${APP_TITLE}${suffix}`;
}

export function mainWindowOptions(preloadPath: string, title: string, opts: { devTools?: boolean } = {}): BrowserWindowConstructorOptions {
  return {
    title,
    width: 1440,
    height: 920,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
      devTools: opts.devTools ?? false,
    },
  };
}

export type OpenExternal = (url: string) => void;

/**
 * How long after the caseworker's click or Enter/Space a new-window request counts as theirs (Chromium's
 * own transient user activation lasts 5 s; a link opens within the same event turn).
 */
export const USER_GESTURE_MS = 2_000;

export interface HardenOptions {
  /** Where blocked navigations and windows are reported (the URL without its query). */
  log?: Logger;
  /** A monotonic clock in ms (tests pass their own). */
  now?: () => number;
}

const hardened = new WeakSet<WebContents>();

/** The input events that are a user's activation: a mouse button released, Enter or Space pressed. */
function isActivation(input: { type?: string; keyCode?: string }): boolean {
  if (input.type === 'mouseUp') return true;
  return (input.type === 'keyDown' || input.type === 'rawKeyDown') && /^(enter|return|space| )$/i.test(input.keyCode ?? '');
}

/**
 * Navigation and window rules for any web contents (the main window's and any the app creates):
 * - the page never navigates (it is a single page): every will-navigate is blocked, and nothing is ever
 *   opened from it, since a navigation carries no sign of who started it;
 * - a new window is never created; a link of an allowed site (isAllowedExternalUrl: https, STAR, Jobnet,
 *   borger.dk) opens in the system browser, and only when the caseworker has just clicked or pressed
 *   Enter/Space in the page (a script cannot open one on its own);
 * - frames and redirects never leave app://; no <webview>.
 * Everything blocked is logged with the URL's scheme, host and path (never its query or fragment).
 */
export function hardenWebContents(contents: WebContents, openExternal: OpenExternal, opts: HardenOptions = {}): void {
  // The app hardens every web contents as it is created, and the main window again: once is enough.
  if (hardened.has(contents)) return;
  hardened.add(contents);
  const now = opts.now ?? (() => performance.now());
  const blocked = (event: string, url: string, reason: string) => opts.log?.('warn', 'security: blocked', { event, target: urlForLog(url), reason });
  let lastGesture = Number.NEGATIVE_INFINITY;
  contents.on('input-event', (_event, input) => {
    if (isActivation(input as { type?: string; keyCode?: string })) lastGesture = now();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (!isAllowedExternalUrl(url)) blocked('window-open', url, 'not-allowed');
    else if (now() - lastGesture > USER_GESTURE_MS) blocked('window-open', url, 'no-user-gesture');
    else {
      // One click opens one page.
      lastGesture = Number.NEGATIVE_INFINITY;
      openExternal(url);
    }
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    // The renderer is a single page: it never navigates itself, and a navigation is never opened elsewhere.
    event.preventDefault();
    blocked('will-navigate', event.url, 'navigation');
  });
  contents.on('will-frame-navigate', (event) => {
    if (parseAppUrl(event.url)) return;
    event.preventDefault();
    blocked('will-frame-navigate', event.url, 'navigation');
  });
  contents.on('will-redirect', (event) => {
    if (parseAppUrl(event.url)) return;
    event.preventDefault();
    blocked('will-redirect', event.url, 'redirect');
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Deny every permission (camera, microphone, notifications, geolocation, devices, ...). */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // Downloads only of what the app itself made (e.g. the audit CSV as a blob), never from elsewhere.
  session.on('will-download', (event, item) => {
    const url = item.getURL();
    if (!(url.startsWith('blob:app://desk/') || parseAppUrl(url))) event.preventDefault();
  });
}

export interface MainWindowDeps {
  preloadPath: string;
  title: string;
  devTools?: boolean;
  openExternal: OpenExternal;
  log?: Logger;
}

export function createMainWindow(deps: MainWindowDeps): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(deps.preloadPath, deps.title, { devTools: deps.devTools ?? false }));
  hardenWebContents(win.webContents, deps.openExternal, deps.log ? { log: deps.log } : {});
  // Keep our title: document.title is the page's and may name a citizen.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}
