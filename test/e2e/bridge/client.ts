// The browser side of the e2e test bridge: installs window.dfdg with exactly the preload surface
// ({ invoke, on }) and carries it over a loopback WebSocket that presents a per-run secret.
// Injected with page.addInitScript(installBridge, { url, secret, channels, events }); it must be
// self-contained (Playwright serialises the function).

export interface BridgeClientOptions {
  url: string;
  secret: string;
  channels: string[];
  events: string[];
}

export function installBridge(opts: BridgeClientOptions): void {
  const toB64 = (u8: Uint8Array) => {
    let s = '';
    for (let i = 0; i < u8.length; i += 0x8000) s += String.fromCharCode(...u8.subarray(i, i + 0x8000));
    return btoa(s);
  };
  const fromB64 = (b64: string) => {
    const s = atob(b64);
    const u8 = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) u8[i] = s.charCodeAt(i);
    return u8;
  };
  const encode = (v: unknown) =>
    JSON.stringify(v, (_k, x: unknown) => (x instanceof Uint8Array ? { $bytes: toB64(x) } : x));
  const decode = (t: string) =>
    JSON.parse(t, (_k, x: unknown) => {
      if (x && typeof x === 'object' && !Array.isArray(x)) {
        const o = x as Record<string, unknown>;
        const keys = Object.keys(o);
        if (keys.length === 1 && keys[0] === '$bytes' && typeof o.$bytes === 'string') return fromB64(o.$bytes);
      }
      return x;
    });

  const channels = new Set(opts.channels);
  const events = new Set(opts.events);
  const pending = new Map<number, (result: unknown) => void>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const queue: string[] = [];
  let nextId = 1;
  let ws: WebSocket | null = null;

  const connect = () => {
    const socket = new WebSocket(`${opts.url}?secret=${encodeURIComponent(opts.secret)}`);
    socket.onopen = () => {
      ws = socket;
      while (queue.length) socket.send(queue.shift()!);
    };
    socket.onmessage = (m) => {
      const msg = decode(String(m.data)) as { id?: number; result?: unknown; event?: string; payload?: unknown };
      if (typeof msg.id === 'number') {
        const done = pending.get(msg.id);
        pending.delete(msg.id);
        done?.(msg.result);
      } else if (typeof msg.event === 'string') {
        for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
      }
    };
    socket.onclose = () => {
      ws = null;
      for (const [id, done] of pending) {
        done({ ok: false, error: { kind: 'internal', message: 'Forbindelsen til hovedprocessen blev afbrudt.' } });
        pending.delete(id);
      }
      setTimeout(connect, 200);
    };
  };
  connect();

  const bridge = {
    invoke(channel: string, request: unknown) {
      if (!channels.has(channel)) {
        return Promise.resolve({ ok: false, error: { kind: 'unknown-channel', message: 'Ukendt kanal.' } });
      }
      return new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        const frame = encode({ id, channel, payload: request });
        if (ws && ws.readyState === WebSocket.OPEN) ws.send(frame);
        else queue.push(frame);
      });
    },
    on(event: string, listener: (p: unknown) => void) {
      if (!events.has(event)) return () => undefined;
      const wrapped = (p: unknown) => listener(p);
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(wrapped);
      return () => listeners.get(event)?.delete(wrapped);
    },
  };
  Object.defineProperty(globalThis, 'dfdg', { value: Object.freeze(bridge), writable: false, configurable: false });
}
