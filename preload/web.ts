// Browser mode's preload: the same window.dfdg as preload/index.ts ({ invoke, on }, frozen), carried
// over the browser-mode server's WebSocket (main/web/server.ts) instead of Electron IPC. Built as a
// static file of the renderer (out/renderer/browser-bridge.js); the server puts its script tag before
// the app's own, so it runs first (CSP script-src 'self': no inline script anywhere).
//
// The key: the server's address carries it in the fragment (#key=…), which browsers never send to a
// server. It is read once, kept in sessionStorage (this window only, survives a reload) and removed
// from the address bar; the page presents it as the first frame of every socket, with the window's
// own id, so a reload takes its session over while another window is refused. Refusals and a lost
// server are shown in the page, in Danish; calls then fail with the same message.

import type { DfdgBridge, IpcResult } from '../shared/ipc';
import { BRIDGE_MESSAGES, BRIDGE_PATH, CLOSE, KEY_FRAGMENT, createWire, webBase64, type ControlFrame } from '../shared/wire';

interface El {
  children: ArrayLike<El>;
  inert: boolean;
  append(...nodes: (El | string)[]): void;
  replaceChildren(...nodes: El[]): void;
  remove(): void;
  addEventListener(type: string, cb: () => void): void;
  focus(): void;
  setAttribute(name: string, value: string): void;
  style: Record<string, string>;
  textContent: string;
  type: string;
}
interface Page {
  location: { hash: string; pathname: string; search: string; host: string; protocol: string; reload(): void };
  history: { state: unknown; replaceState(state: unknown, title: string, url: string): void };
  sessionStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void };
  document: { body: El | null; createElement(tag: string): El; addEventListener(type: string, cb: () => void): void };
  crypto: { randomUUID(): string };
}
const page = globalThis as unknown as Page;

const KEY_ITEM = 'dfdg-desk.key';
const TAB_ITEM = 'dfdg-desk.tab';
const wire = createWire(webBase64);

function takeKey(): string | null {
  const m = KEY_FRAGMENT.exec(page.location.hash);
  if (m) {
    page.sessionStorage.setItem(KEY_ITEM, m[1]!);
    page.history.replaceState(page.history.state, '', page.location.pathname + page.location.search);
    return m[1]!;
  }
  return page.sessionStorage.getItem(KEY_ITEM);
}

function tabId(): string {
  let id = page.sessionStorage.getItem(TAB_ITEM);
  if (!id) {
    id = page.crypto.randomUUID();
    page.sessionStorage.setItem(TAB_ITEM, id);
  }
  return id;
}

const failure = (kind: 'forbidden-sender' | 'internal' | 'invalid-request', message: string): IpcResult<never> => ({ ok: false, error: { kind, message } });

const key = takeKey();
const tab = tabId();
const pending = new Map<number, (r: IpcResult<unknown>) => void>();
const listeners = new Map<string, Set<(p: unknown) => void>>();
/** Frames not yet sent (no session yet, or between sockets), by call id. */
const queue = new Map<number, string>();
let ready: WebSocket | null = null;
let nextId = 1;
let attempts = 0;
/** Set when the session is over for good (refused, replaced, server closed): the Danish reason. */
let ended: { kind: 'forbidden-sender' | 'internal'; message: string } | null = null;
let notice: El | null = null;

/** A full-page notice in Danish (the app cannot work without its session). Styled through CSSOM, which the CSP allows. */
function showNotice(message: string) {
  const show = () => {
    const body = page.document.body;
    if (!body) return;
    notice?.remove();
    const box = page.document.createElement('div');
    box.setAttribute('role', 'alert');
    Object.assign(box.style, {
      position: 'fixed', inset: '0', zIndex: '2147483647', background: '#f5f7fa', color: '#1f2933',
      display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: '1rem',
      padding: '2rem', font: '16px/1.5 system-ui, sans-serif', textAlign: 'center',
    });
    const title = page.document.createElement('h1');
    title.textContent = 'DFDG Desk';
    Object.assign(title.style, { fontSize: '1.4rem', margin: '0' });
    const text = page.document.createElement('p');
    text.textContent = message;
    Object.assign(text.style, { maxWidth: '36rem', margin: '0' });
    const again = page.document.createElement('button');
    again.type = 'button';
    again.textContent = 'Genindlæs siden';
    Object.assign(again.style, { font: 'inherit', padding: '0.4rem 1rem' });
    again.addEventListener('click', () => page.location.reload());
    box.append(title, text, again);
    // The app behind the notice cannot be reached by keyboard or screen reader while it shows.
    for (const el of Array.from(body.children)) el.inert = true;
    body.append(box);
    notice = box;
    again.focus();
  };
  if (page.document.body) show();
  else page.document.addEventListener('DOMContentLoaded', show);
}

function end(kind: 'forbidden-sender' | 'internal', message: string) {
  if (ended) return;
  ended = { kind, message };
  queue.clear();
  failPending(kind, message);
  showNotice(message);
}

/** Fails the calls that were sent and have no answer coming (queued ones wait for the next socket). */
function failPending(kind: 'forbidden-sender' | 'internal', message: string) {
  for (const [id, done] of pending) {
    if (queue.has(id)) continue;
    pending.delete(id);
    done(failure(kind, message));
  }
}

function onControl(socket: WebSocket, frame: ControlFrame) {
  switch (frame.type) {
    case 'welcome':
      ready = socket;
      attempts = 0;
      if (notice) {
        notice.remove();
        notice = null;
        for (const el of Array.from(page.document.body?.children ?? [])) el.inert = false;
      }
      for (const frame of queue.values()) socket.send(frame);
      queue.clear();
      return;
    case 'refused':
    case 'closed':
      end(frame.reason === 'shutdown' ? 'internal' : 'forbidden-sender', frame.message);
      return;
    case 'reload':
      page.location.reload();
      return;
  }
}

function connect() {
  if (ended) return;
  if (!key) {
    end('forbidden-sender', BRIDGE_MESSAGES.key);
    return;
  }
  const socket = new WebSocket(`${page.location.protocol === 'https:' ? 'wss' : 'ws'}://${page.location.host}${BRIDGE_PATH}`);
  socket.onopen = () => socket.send(JSON.stringify({ type: 'hello', key, tab }));
  socket.onmessage = (m) => {
    let msg: { type?: string; id?: unknown; result?: unknown; event?: unknown; payload?: unknown };
    try {
      msg = wire.decode(String(m.data)) as typeof msg;
    } catch {
      return;
    }
    if (typeof msg.type === 'string') onControl(socket, msg as ControlFrame);
    else if (typeof msg.id === 'number') {
      const done = pending.get(msg.id);
      pending.delete(msg.id);
      done?.(msg.result as IpcResult<unknown>);
    } else if (typeof msg.event === 'string') {
      for (const l of [...(listeners.get(msg.event) ?? [])]) l(msg.payload);
    }
  };
  socket.onclose = (e) => {
    if (ready === socket) ready = null;
    if (e.code === CLOSE.badKey) end('forbidden-sender', BRIDGE_MESSAGES.key);
    else if (e.code === CLOSE.busy) end('forbidden-sender', BRIDGE_MESSAGES.busy);
    else if (e.code === CLOSE.replaced) end('forbidden-sender', BRIDGE_MESSAGES.replaced);
    else if (e.code === CLOSE.shutdown) end('internal', BRIDGE_MESSAGES.shutdown);
    if (ended) return;
    failPending('internal', BRIDGE_MESSAGES.lost);
    attempts++;
    if (attempts === 5) showNotice(BRIDGE_MESSAGES.lost);
    setTimeout(connect, Math.min(2_000, 100 * 2 ** attempts));
  };
}

// The same shape as DfdgBridge; typed loosely here (any channel string reaches the server, whose
// dispatcher refuses what is not in the contract), checked against DfdgBridge where it is exposed.
const bridge = {
  invoke(channel: unknown, request: unknown): Promise<IpcResult<unknown>> {
    if (ended) return Promise.resolve(failure(ended.kind, ended.message));
    if (typeof channel !== 'string') return Promise.resolve({ ok: false, error: { kind: 'unknown-channel', message: 'Funktionen findes ikke.' } });
    const id = nextId++;
    let frame: string;
    try {
      frame = wire.encode({ id, channel, payload: request });
    } catch {
      return Promise.resolve(failure('invalid-request', 'Forespørgslen kunne ikke sendes til DFDG Desk.'));
    }
    return new Promise((resolve) => {
      pending.set(id, resolve);
      if (ready && ready.readyState === WebSocket.OPEN) ready.send(frame);
      else queue.set(id, frame);
    });
  },
  on(event: unknown, listener: unknown): () => void {
    if (typeof event !== 'string') throw new TypeError('Ukendt hændelse');
    if (typeof listener !== 'function') throw new TypeError('listener skal være en funktion');
    const wrapped = (p: unknown) => (listener as (p: unknown) => void)(p);
    if (!listeners.has(event)) listeners.set(event, new Set());
    listeners.get(event)!.add(wrapped);
    return () => {
      listeners.get(event)?.delete(wrapped);
    };
  },
};

const exposed: DfdgBridge = Object.freeze(bridge) as unknown as DfdgBridge;
Object.defineProperty(globalThis, 'dfdg', { value: exposed, writable: false, configurable: false, enumerable: true });
connect();
