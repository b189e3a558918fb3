// A plain WebSocket client for browser mode's server (what a page, or an attacker on the same
// machine, can do), and a renderer directory shaped like the build.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { BRIDGE_PATH, BRIDGE_SCRIPT } from '../../shared/wire';

/** out/renderer in miniature: index.html with the app's module script, the bridge script, an asset. */
export function fakeRendererDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dfdg-web-renderer-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="da"><head><script type="module" crossorigin src="./assets/index-abc.js"></script></head><body><div id="root"></div></body></html>');
  writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log("app")');
  writeFileSync(join(dir, BRIDGE_SCRIPT), '/* bridge */');
  writeFileSync(join(dir, '..', `${dir.split('/').pop()}-secret.txt`), 'outside the renderer');
  return dir;
}

export interface Client {
  ws: WebSocket;
  /** Every frame received, parsed. */
  frames: Record<string, unknown>[];
  /** Resolves with the close code once the server closed the socket. */
  closed: Promise<number>;
  next(pred: (f: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

/** Opens a socket the way a page of `origin` would; resolves when open, rejects when the upgrade is refused. */
export function connect(origin: string, opts: { path?: string; originHeader?: string | null; host?: string } = {}): Promise<Client> {
  const url = `${origin.replace('http', 'ws')}${opts.path ?? BRIDGE_PATH}`;
  const headers: Record<string, string> = {};
  if (opts.host) headers.host = opts.host;
  const ws = new WebSocket(url, { headers, ...(opts.originHeader === null ? {} : { origin: opts.originHeader ?? origin }) });
  const frames: Record<string, unknown>[] = [];
  const waiters: { pred: (f: Record<string, unknown>) => boolean; done: (f: Record<string, unknown>) => void }[] = [];
  ws.on('message', (data) => {
    const f = JSON.parse(String(data)) as Record<string, unknown>;
    frames.push(f);
    for (const w of [...waiters]) if (w.pred(f)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.done(f);
    }
  });
  const closed = new Promise<number>((res) => ws.on('close', (code) => res(code)));
  return new Promise((resolve, reject) => {
    ws.once('open', () =>
      resolve({
        ws,
        frames,
        closed,
        next: (pred) => {
          const seen = frames.find(pred);
          if (seen) return Promise.resolve(seen);
          return new Promise((done) => waiters.push({ pred, done }));
        },
      }),
    );
    ws.once('unexpected-response', (_req, res) => {
      reject(new Error(`refused with HTTP ${res.statusCode}`));
      ws.terminate();
    });
    ws.once('error', (e) => reject(e));
  });
}

export const keyOf = (url: string) => new URL(url).hash.replace(/^#key=/, '');

export function hello(c: Client, key: string, tab = 'tab-aaaaaaaa') {
  c.ws.send(JSON.stringify({ type: 'hello', key, tab }));
}
