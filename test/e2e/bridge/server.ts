// The e2e test bridge (tests only; never shipped): serves the built renderer on 127.0.0.1 with the
// production CSP, and answers window.dfdg calls from the page over a loopback WebSocket that must
// present a per-run secret. Behind it sits the real core (createCore) through the same dispatcher
// the Electron shell uses, so the page talks to exactly what it would talk to in the app.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { RENDERER_CSP } from '../../../main/core/ipc/origin';
import { channelNames, eventNames, type EventName, type IpcResult } from '../../../shared/ipc';
import { decodeWire, encodeWire } from './wire';
import type { BridgeClientOptions } from './client';

export interface BridgeBackend {
  dispatch(channel: unknown, payload: unknown): Promise<IpcResult<unknown>>;
  on(event: EventName, listener: (payload: unknown) => void): () => void;
}

export interface BridgeHandle {
  /** The page URL (the renderer's index.html). */
  url: string;
  /** What installBridge needs in the page. */
  clientOptions: BridgeClientOptions;
  /** Number of WebSocket connections refused for a wrong or missing secret. */
  refused(): number;
  close(): Promise<void>;
}

/** The CSP the Electron shell sends with every renderer response: the same constant, not a copy. */
export { RENDERER_CSP };

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

export interface BridgeStats {
  /** Bytes of each response served, by path (for the initial-JS measurement). */
  served: Map<string, number>;
}

export async function startBridge(opts: {
  backend: BridgeBackend;
  rendererDir: string;
  csp?: string;
  stats?: BridgeStats;
}): Promise<BridgeHandle> {
  const root = resolve(opts.rendererDir);
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`The renderer is not built (${root}/index.html missing): run npm run build first.`);
  }
  const secret = randomBytes(24).toString('hex');
  let refused = 0;

  const serveFile = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = resolve(root, `.${rel}`);
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': opts.csp ?? RENDERER_CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    const stream = createReadStream(file);
    let bytes = 0;
    stream.on('data', (chunk) => (bytes += chunk.length));
    stream.on('end', () => opts.stats?.served.set(rel, bytes));
    stream.pipe(res);
  };

  const server = createServer(serveFile);
  const wss = new WebSocketServer({ noServer: true, maxPayload: 32 * 1024 * 1024 });
  const expected = Buffer.from(secret);

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const given = Buffer.from(url.searchParams.get('secret') ?? '');
    const okSecret = given.length === expected.length && timingSafeEqual(given, expected);
    if (url.pathname !== '/__bridge' || !okSecret) {
      refused++;
      socket.write('HTTP/1.1 403 Forbidden\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  const attach = (ws: WebSocket) => {
    const unsubscribers = eventNames.map((event) =>
      opts.backend.on(event, (payload) => {
        if (ws.readyState === ws.OPEN) ws.send(encodeWire({ event, payload }));
      }),
    );
    ws.on('message', (data) => {
      void (async () => {
        let id: unknown = null;
        try {
          const msg = decodeWire(String(data)) as { id?: unknown; channel?: unknown; payload?: unknown };
          id = msg.id;
          const result = await opts.backend.dispatch(msg.channel, msg.payload);
          if (ws.readyState === ws.OPEN) ws.send(encodeWire({ id, result }));
        } catch (err) {
          const result = { ok: false, error: { kind: 'internal', message: 'Ukendt fejl i testbroen.' } };
          if (ws.readyState === ws.OPEN) ws.send(encodeWire({ id, result }));
          console.error('bridge: dispatch failed', err instanceof Error ? err.message : err);
        }
      })();
    });
    ws.on('close', () => unsubscribers.forEach((u) => u()));
  };

  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    clientOptions: { url: `ws://127.0.0.1:${port}/__bridge`, secret, channels: [...channelNames], events: [...eventNames] },
    refused: () => refused,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((res) => server.close(() => res()));
    },
  };
}
