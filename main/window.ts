// The one window, and the rules every web contents and the session live by: sandboxed renderer with
// context isolation, no navigation away from app://, no new windows (https links go to the system
// browser), no permissions, TLS errors never bypassed, client certificates never chosen silently,
// and a window title that never carries what the page puts in document.title (it could hold a CPR).

import { BrowserWindow, type BrowserWindowConstructorOptions, type Session, type WebContents } from 'electron';
import type { Identity } from '../shared/domain';
import { APP_ENTRY_URL, isSafeExternalUrl, parseAppUrl } from './core/ipc/origin';

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

/** Navigation and window rules for any web contents (the main window's and any the app creates). */
export function hardenWebContents(contents: WebContents, openExternal: OpenExternal): void {
  const leave = (url: string) => {
    if (isSafeExternalUrl(url)) openExternal(url);
  };
  contents.setWindowOpenHandler(({ url }) => {
    leave(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    // The renderer is a single page: it never navigates itself. A clicked https link opens outside.
    event.preventDefault();
    leave(event.url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!parseAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!parseAppUrl(event.url)) event.preventDefault();
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
}

export function createMainWindow(deps: MainWindowDeps): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(deps.preloadPath, deps.title, { devTools: deps.devTools ?? false }));
  hardenWebContents(win.webContents, deps.openExternal);
  // Keep our title: document.title is the page's and may name a citizen.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}
