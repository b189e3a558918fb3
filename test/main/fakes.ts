// Small stand-ins for Electron objects (the real package cannot load here). Each records what the
// shell code asks of it so tests can assert the security rules.

import { EventEmitter } from 'node:events';

/** An Electron-style event: preventDefault is recorded. */
export function fakeEvent<T extends object>(extra: T = {} as T): T & { preventDefault(): void; defaultPrevented: boolean } {
  const e = {
    ...extra,
    defaultPrevented: false,
    preventDefault() {
      e.defaultPrevented = true;
    },
  };
  return e;
}

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: [string, unknown][] = [];
  destroyed = false;
  reloads = 0;
  setWindowOpenHandler(h: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = h;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
  isDestroyed() {
    return this.destroyed;
  }
  reload() {
    this.reloads++;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loaded: string | null = null;
  title: string;
  shown = false;
  constructor(readonly options: { title?: string; webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
    super();
    this.title = options.title ?? '';
    FakeBrowserWindow.instances.push(this);
  }
  loadURL(url: string) {
    this.loaded = url;
    return Promise.resolve();
  }
  setTitle(t: string) {
    this.title = t;
  }
  show() {
    this.shown = true;
  }
  isDestroyed() {
    return false;
  }
}

export class FakeSession extends EventEmitter {
  permissionRequest: ((wc: unknown, permission: string, cb: (granted: boolean) => void, details?: unknown) => void) | null = null;
  permissionCheck: ((wc: unknown, permission: string, origin: string, details?: unknown) => boolean) | null = null;
  devicePermission: ((details: unknown) => boolean) | null = null;
  setPermissionRequestHandler(h: FakeSession['permissionRequest']) {
    this.permissionRequest = h;
  }
  setPermissionCheckHandler(h: FakeSession['permissionCheck']) {
    this.permissionCheck = h;
  }
  setDevicePermissionHandler(h: FakeSession['devicePermission']) {
    this.devicePermission = h;
  }
}
