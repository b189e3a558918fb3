// Browser mode's server: the built renderer over HTTP on 127.0.0.1, and window.dfdg over one
// authenticated WebSocket, answered by the same dispatcher as the Electron shell's IPC.
//
// The shell's security bar, translated to a loopback server (cf. VS Code's `code serve-web` and its
// connection token):
// - binds 127.0.0.1 only, on a free port;
// - a per-launch key of 32 random bytes, carried in the URL fragment (browsers never send a fragment
//   to a server, so it is in no request line, proxy or access log) and presented by the page once per
//   socket, as its first frame; never logged;
// - Host must be 127.0.0.1:<port> on every request and Origin must be this origin on the socket
//   (DNS rebinding: a page of another site that resolves its own name to 127.0.0.1 still sends its
//   own Host and Origin);
// - one session at a time: a second window is refused with a Danish message; the same window (a
//   reload) takes its session over;
// - every frame goes through createDispatcher (plain-data check, the channel's zod schema, typed
//   errors): what Electron's ipcMain handlers run after their sender check;
// - no HTTP route but the built renderer files, GET and HEAD only, each with the shell's CSP.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { EventName, IpcResult } from '../../shared/ipc';
import { BRIDGE_MESSAGES, BRIDGE_PATH, BRIDGE_SCRIPT, CLOSE, createWire, type Base64, type ControlFrame } from '../../shared/wire';
import { GENERIC_INTERNAL_MESSAGE, NOT_READY, type Dispatch } from '../core/ipc/dispatch';
import { RENDERER_HEADERS, resolveRendererPath } from '../core/ipc/origin';
import type { Logger } from '../core/log';

export const LOOPBACK = '127.0.0.1';
/** Bytes in one frame from the page (a 10 MB attachment is about 13.4 MB in base64). */
export const MAX_FRAME_BYTES = 32 * 1024 * 1024;
const HELLO_TIMEOUT_MS = 10_000;

const nodeBase64: Base64 = {
  encode: (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
  decode: (text) => new Uint8Array(Buffer.from(text, 'base64')),
};
const wire = createWire(nodeBase64);

export interface WebServerOptions {
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** The dispatcher of the running core, or null while it starts or restarts (answered NOT_READY). */
  dispatch(): Dispatch | null;
  /** Default 0: a free port. */
  port?: number;
  /** Refusals and failures, without the key or the URL. */
  log?: Logger;
  /** Bytes of each file served, by path (the renderer bench). */
  served?: Map<string, number>;
}

export interface WebServer {
  /** The page's address with the key in its fragment. Give it to the caseworker's browser only; never log it. */
  readonly url: string;
  /** http://127.0.0.1:<port>, without the key. */
  readonly origin: string;
  readonly port: number;
  /** Sends a core event to the page that holds the session (none: dropped, as Electron does without a window). */
  send(event: EventName, payload: unknown): void;
  /** Tells the page to reload (the core was rebuilt for another organisation, as the shell reloads its window). */
  reload(): void;
  /** Whether a page holds the session now. */
  sessionActive(): boolean;
  /** Resolves when no page holds the session. */
  idle(): Promise<void>;
  /** Called when a page gets the session (true) and when it ends (false). */
  onSession(cb: (active: boolean) => void): () => void;
  /** Requests and sockets refused so far (wrong host, origin, key or path; a second session). */
  refused(): number;
  close(): Promise<void>;
}

interface Session {
  ws: WebSocket;
  tab: string;
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const root = resolve(opts.rendererDir);
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile) || !existsSync(join(root, BRIDGE_SCRIPT))) {
    throw new Error(`The renderer is not built (${root} has no index.html or ${BRIDGE_SCRIPT}): run npm run build first.`);
  }
  const indexHtml = withBridgeScript(readFileSync(indexFile, 'utf8'));
  const log: Logger = opts.log ?? (() => undefined);
  const key = randomBytes(32).toString('base64url');
  const expectedKey = Buffer.from(key);

  let host = '';
  let origin = '';
  let refusedCount = 0;
  let session: Session | null = null;
  let closing = false;
  const idleWaiters = new Set<() => void>();
  const sessionListeners = new Set<(active: boolean) => void>();

  const refuse = (what: string, why: string) => {
    refusedCount++;
    log('warn', `browser mode: ${what} refused`, { why });
  };

  /** Why a request is not for us (DNS rebinding, another site), or null. */
  const foreign = (req: IncomingMessage, needOrigin: boolean): string | null => {
    if (req.headers.host !== host) return 'host';
    const o = req.headers.origin;
    if (o === undefined ? needOrigin : o !== origin) return 'origin';
    return null;
  };

  const sendHeaders = (res: ServerResponse, status: number, extra: Record<string, string | number> = {}) => {
    res.writeHead(status, { ...RENDERER_HEADERS, 'cross-origin-resource-policy': 'same-origin', ...extra });
  };

  const serveFile = async (req: IncomingMessage, res: ServerResponse) => {
    const why = foreign(req, false);
    if (why) {
      refuse('a request', why);
      sendHeaders(res, 403);
      res.end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendHeaders(res, 405, { allow: 'GET, HEAD' });
      res.end();
      return;
    }
    const pathname = new URL(req.url ?? '/', origin).pathname;
    const resolved = resolveRendererPath(pathname, root);
    if (!resolved.ok) {
      sendHeaders(res, 404);
      res.end();
      return;
    }
    try {
      const body = resolved.file === indexFile ? Buffer.from(indexHtml) : (await stat(resolved.file)).isFile() ? await readFile(resolved.file) : null;
      if (!body) throw new Error('not a file');
      sendHeaders(res, 200, { 'content-type': resolved.mimeType, 'content-length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
      opts.served?.set(pathname, body.length);
    } catch {
      sendHeaders(res, 404);
      res.end();
    }
  };

  const server = createServer((req, res) => void serveFile(req, res));
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const why = path !== BRIDGE_PATH ? 'path' : foreign(req, true);
    if (why || closing) {
      refuse('a socket', why ?? 'closing');
      socket.end(`HTTP/1.1 ${why === 'path' ? '404 Not Found' : '403 Forbidden'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws));
  });

  const control = (ws: WebSocket, frame: ControlFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };

  const endSession = (ws: WebSocket) => {
    if (session?.ws !== ws) return;
    session = null;
    for (const cb of [...sessionListeners]) cb(false);
    for (const done of [...idleWaiters]) done();
    idleWaiters.clear();
  };

  const accept = (ws: WebSocket) => {
    let authenticated = false;
    const timer = setTimeout(() => {
      refuse('a socket', 'no hello');
      control(ws, { type: 'refused', reason: 'key', message: BRIDGE_MESSAGES.key });
      ws.close(CLOSE.badKey);
    }, HELLO_TIMEOUT_MS);
    ws.on('close', () => {
      clearTimeout(timer);
      endSession(ws);
    });
    ws.on('error', () => ws.terminate());
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!authenticated) {
        clearTimeout(timer);
        const hello = isBinary ? null : parseHello(data.toString());
        if (!hello || !sameKey(hello.key, expectedKey)) {
          refuse('a socket', 'key');
          control(ws, { type: 'refused', reason: 'key', message: BRIDGE_MESSAGES.key });
          ws.close(CLOSE.badKey);
          return;
        }
        const current = session;
        if (current && current.ws.readyState === current.ws.OPEN && current.tab !== hello.tab) {
          refuse('a second session', 'busy');
          control(ws, { type: 'refused', reason: 'busy', message: BRIDGE_MESSAGES.busy });
          ws.close(CLOSE.busy);
          return;
        }
        if (current) {
          // The same window again (a reload or a duplicated tab): the new page takes the session over.
          control(current.ws, { type: 'closed', reason: 'replaced', message: BRIDGE_MESSAGES.replaced });
          current.ws.close(CLOSE.replaced);
          endSession(current.ws);
        }
        authenticated = true;
        session = { ws, tab: hello.tab };
        control(ws, { type: 'welcome' });
        for (const cb of [...sessionListeners]) cb(true);
        return;
      }
      if (session?.ws !== ws) return;
      void answer(ws, isBinary ? null : data.toString());
    });
  };

  const answer = async (ws: WebSocket, text: string | null) => {
    const call = text === null ? null : parseCall(text);
    if (!call) {
      refuse('a frame', 'not a call');
      ws.close(CLOSE.badFrame);
      return;
    }
    const dispatch = opts.dispatch();
    const result: IpcResult<unknown> = dispatch ? await dispatch(call.channel, call.payload) : NOT_READY;
    let out: string;
    try {
      out = wire.encode({ id: call.id, result });
    } catch (err) {
      log('error', 'browser mode: an answer could not be encoded', { channel: typeof call.channel === 'string' ? call.channel : '?', error: err });
      out = wire.encode({ id: call.id, result: { ok: false, error: { kind: 'internal', message: GENERIC_INTERNAL_MESSAGE } } });
    }
    if (ws.readyState === ws.OPEN) ws.send(out);
  };

  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen({ port: opts.port ?? 0, host: LOOPBACK, exclusive: true }, () => {
      server.off('error', rej);
      res();
    });
  });
  const port = (server.address() as AddressInfo).port;
  host = `${LOOPBACK}:${port}`;
  origin = `http://${host}`;

  return {
    url: `${origin}/#key=${key}`,
    origin,
    port,
    send(event, payload) {
      const ws = session?.ws;
      if (ws && ws.readyState === ws.OPEN) ws.send(wire.encode({ event, payload }));
    },
    reload() {
      if (session) control(session.ws, { type: 'reload' });
    },
    sessionActive: () => session !== null,
    idle: () => (session ? new Promise<void>((res) => idleWaiters.add(res)) : Promise.resolve()),
    onSession(cb) {
      sessionListeners.add(cb);
      return () => sessionListeners.delete(cb);
    },
    refused: () => refusedCount,
    close: async () => {
      closing = true;
      for (const ws of wss.clients) {
        control(ws, { type: 'closed', reason: 'shutdown', message: BRIDGE_MESSAGES.shutdown });
        ws.close(CLOSE.shutdown);
      }
      // A page gets a moment to read its goodbye; then every socket goes.
      await new Promise((r) => setTimeout(r, wss.clients.size ? 50 : 0));
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((res) => server.close(() => res()));
    },
  };
}

/** index.html with the page's bridge script before the app's own (module scripts run in document order). */
export function withBridgeScript(html: string): string {
  const at = html.indexOf('<script');
  if (at < 0) throw new Error('index.html has no script tag: is the renderer built?');
  return `${html.slice(0, at)}<script type="module" src="./${BRIDGE_SCRIPT}"></script>\n    ${html.slice(at)}`;
}

function sameKey(given: string, expected: Buffer): boolean {
  const g = Buffer.from(given);
  return g.length === expected.length && timingSafeEqual(g, expected);
}

function parseHello(text: string): { key: string; tab: string } | null {
  try {
    const v = JSON.parse(text) as unknown;
    if (!v || typeof v !== 'object') return null;
    const { type, key, tab } = v as Record<string, unknown>;
    if (type !== 'hello' || typeof key !== 'string' || typeof tab !== 'string' || tab.length < 8 || tab.length > 64) return null;
    return { key, tab };
  } catch {
    return null;
  }
}

function parseCall(text: string): { id: number; channel: unknown; payload: unknown } | null {
  try {
    const v = wire.decode(text);
    if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
    const { id, channel, payload } = v as Record<string, unknown>;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return null;
    return { id, channel, payload };
  } catch {
    return null;
  }
}
