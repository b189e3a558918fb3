// Browser mode's server holds the shell's security bar: the key is required on every socket (wrong or
// missing: refused and closed), another Host or Origin is refused (DNS rebinding), only the built
// files are served, one session at a time (a second window gets a Danish message; the same window
// takes its session over), and every frame goes through the shell's dispatcher.

import { request } from 'node:http';
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../main/core/ipc/dispatch';
import { RENDERER_CSP } from '../../main/core/ipc/origin';
import type { LogLevel } from '../../main/core/log';
import { startWebServer, type WebServer } from '../../main/web/server';
import type { IpcHandlers } from '../../shared/ipc';
import { BRIDGE_MESSAGES, BRIDGE_SCRIPT, CLOSE, createWire, webBase64 } from '../../shared/wire';
import { connect, fakeRendererDir, hello, keyOf, type Client } from './helpers';

const wire = createWire(webBase64);

function get(origin: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const u = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, method, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

let dir: string;
let server: WebServer;
let handlerCalls: { channel: string; req: unknown }[];
let logLines: string[];
let coreReady: boolean;

beforeEach(async () => {
  dir = fakeRendererDir();
  handlerCalls = [];
  logLines = [];
  coreReady = true;
  const handlers = {
    'app.info': async (req: unknown) => {
      handlerCalls.push({ channel: 'app.info', req });
      return { version: '0.1.0', mode: 'sandbox', sandboxUrl: null, identity: null, today: '2026-03-02', status: { online: true, pending: 0, failed: 0, held: 0, lastSyncAt: null, lastError: null } };
    },
    'messages.document': async (req: unknown) => {
      handlerCalls.push({ channel: 'messages.document', req });
      return { fileName: 'a.pdf', mimeType: 'application/pdf', bytes: new Uint8Array([37, 80, 68, 70, 0, 255]) };
    },
  } as unknown as IpcHandlers;
  const dispatch = createDispatcher(handlers);
  server = await startWebServer({
    rendererDir: dir,
    dispatch: () => (coreReady ? dispatch : null),
    log: (level: LogLevel, message: string, fields?: Record<string, unknown>) => logLines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`),
  });
});

afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function session(tab = 'tab-aaaaaaaa'): Promise<Client> {
  const c = await connect(server.origin);
  hello(c, keyOf(server.url), tab);
  await c.next((f) => f.type === 'welcome');
  return c;
}

let nextId = 1;
async function call(c: Client, channel: string, payload: unknown): Promise<Record<string, unknown>> {
  const id = nextId++;
  c.ws.send(wire.encode({ id, channel, payload }));
  const frame = await c.next((f) => f.id === id);
  return wire.decode(JSON.stringify(frame.result)) as Record<string, unknown>;
}

describe('browser-mode server: the address', () => {
  it('listens on 127.0.0.1 only, with a 32-byte key in the fragment (never the query)', () => {
    const u = new URL(server.url);
    expect(u.hostname).toBe('127.0.0.1');
    expect(u.search).toBe('');
    expect(Buffer.from(keyOf(server.url), 'base64url')).toHaveLength(32);
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
  });
});

describe('browser-mode server: HTTP', () => {
  it('serves index.html with the shell’s CSP and the bridge script before the app’s own', async () => {
    const res = await get(server.origin, '/');
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toBe(RENDERER_CSP);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const bridgeAt = res.body.indexOf(`<script type="module" src="./${BRIDGE_SCRIPT}"></script>`);
    expect(bridgeAt).toBeGreaterThan(0);
    expect(bridgeAt).toBeLessThan(res.body.indexOf('./assets/index-abc.js'));
    expect(res.body).not.toMatch(/<script>|<script [^>]*>[^<]/); // no inline script
    expect((await get(server.origin, '/index.html')).body).toBe(res.body);
    expect((await get(server.origin, `/${BRIDGE_SCRIPT}`)).status).toBe(200);
    expect((await get(server.origin, '/assets/index-abc.js')).body).toBe('console.log("app")');
  });

  it('answers 404 for anything but the built files, 405 for other methods', async () => {
    const secret = `${dir.split('/').pop()}-secret.txt`;
    for (const path of ['/api', '/dfdg-bridge', '/assets/', '/assets/missing.js', `/..%2f${secret}`, `/%2e%2e/${secret}`, '/package.json', '/index.html/..%2f..%2fetc%2fpasswd', '/.env']) {
      const res = await get(server.origin, path);
      expect([path, res.status]).toEqual([path, 404]);
      expect(res.body).toBe('');
    }
    expect((await get(server.origin, '/', {}, 'POST')).status).toBe(405);
    expect((await get(server.origin, '/index.html', {}, 'PUT')).status).toBe(405);
  });

  it('refuses another Host (DNS rebinding) and another Origin', async () => {
    expect((await get(server.origin, '/', { host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await get(server.origin, '/', { host: `localhost:${server.port}` })).status).toBe(403);
    expect((await get(server.origin, '/', { origin: 'http://evil.example' })).status).toBe(403);
    expect((await get(server.origin, '/', { origin: server.origin })).status).toBe(200);
  });
});

describe('browser-mode server: the socket', () => {
  it('refuses an upgrade from another Origin, without one, through another Host, or on another path', async () => {
    const before = server.refused();
    await expect(connect(server.origin, { originHeader: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(connect(server.origin, { originHeader: `http://localhost:${server.port}` })).rejects.toThrow(/403/);
    await expect(connect(server.origin, { originHeader: null })).rejects.toThrow(/403/);
    await expect(connect(server.origin, { host: `rebound.example:${server.port}`, originHeader: `http://rebound.example:${server.port}` })).rejects.toThrow(/403/);
    await expect(connect(server.origin, { path: '/other' })).rejects.toThrow(/404/);
    expect(server.refused()).toBe(before + 5);
    expect(handlerCalls).toEqual([]);
  });

  it('requires the key: missing, wrong, or a call before the hello → refused with the Danish reason and closed', async () => {
    const key = keyOf(server.url);
    const attempts: ((c: Client) => void)[] = [
      (c) => c.ws.send(JSON.stringify({ type: 'hello', tab: 'tab-aaaaaaaa' })),
      (c) => hello(c, `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`),
      (c) => hello(c, key.slice(0, 20)),
      (c) => c.ws.send(wire.encode({ id: 1, channel: 'app.info', payload: {} })),
      (c) => c.ws.send(`{"type":"hello","key":"${key}"`),
    ];
    for (const attempt of attempts) {
      const c = await connect(server.origin);
      attempt(c);
      expect(await c.closed).toBe(CLOSE.badKey);
      expect(c.frames).toEqual([{ type: 'refused', reason: 'key', message: BRIDGE_MESSAGES.key }]);
    }
    expect(handlerCalls).toEqual([]);
    expect(server.sessionActive()).toBe(false);
  });

  it('with the key: calls go through the shell’s dispatcher (schema, unknown channels, bytes)', async () => {
    const c = await session();
    expect(server.sessionActive()).toBe(true);
    expect(await call(c, 'app.info', {})).toMatchObject({ ok: true, data: { version: '0.1.0', mode: 'sandbox' } });
    // The dispatcher's own answers: the schema refuses an extra field, an unknown channel is refused.
    expect(await call(c, 'app.info', { extra: 1 })).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(await call(c, 'fs.readFile', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { kind: 'unknown-channel' } });
    expect(await call(c, 'app.info', JSON.parse('{"__proto__":{"polluted":1}}'))).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    const doc = await call(c, 'messages.document', { cpr: '0101901234', documentId: 'doc-1' });
    expect(doc).toMatchObject({ ok: true });
    const bytes = (doc.data as { bytes: Uint8Array }).bytes;
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...bytes]).toEqual([37, 80, 68, 70, 0, 255]);
    expect(handlerCalls.map((h) => h.channel)).toEqual(['app.info', 'messages.document']);
    c.ws.close();
  });

  it('answers NOT_READY while the core restarts, and closes the socket on a frame that is not a call', async () => {
    const c = await session();
    coreReady = false;
    expect(await call(c, 'app.info', {})).toMatchObject({ ok: false, error: { kind: 'not-configured' } });
    coreReady = true;
    c.ws.send('not json');
    expect(await c.closed).toBe(CLOSE.badFrame);
  });

  it('one session at a time: a second window is refused with a Danish message while the first works on', async () => {
    const first = await session('tab-first-1');
    const second = await connect(server.origin);
    hello(second, keyOf(server.url), 'tab-second-2');
    expect(await second.closed).toBe(CLOSE.busy);
    expect(second.frames).toEqual([{ type: 'refused', reason: 'busy', message: BRIDGE_MESSAGES.busy }]);
    expect(BRIDGE_MESSAGES.busy).toMatch(/allerede åben i et andet vindue/);
    expect(await call(first, 'app.info', {})).toMatchObject({ ok: true });

    // Once the first window is gone, another may have the session.
    first.ws.close();
    await server.idle();
    const third = await session('tab-third-3');
    expect(await call(third, 'app.info', {})).toMatchObject({ ok: true });
    third.ws.close();
  });

  it('the same window (a reload) takes its session over; the old page is told and closed', async () => {
    const before = await session('tab-same-1');
    const after = await session('tab-same-1');
    expect(await before.closed).toBe(CLOSE.replaced);
    expect(before.frames.at(-1)).toEqual({ type: 'closed', reason: 'replaced', message: BRIDGE_MESSAGES.replaced });
    expect(await call(after, 'app.info', {})).toMatchObject({ ok: true });
    after.ws.close();
  });

  it('sends events and reloads only to the page that holds the session', async () => {
    const c = await session();
    server.send('connectivity.changed', { online: false, reason: 'test' });
    expect(await c.next((f) => f.event === 'connectivity.changed')).toEqual({ event: 'connectivity.changed', payload: { online: false, reason: 'test' } });
    server.reload();
    await c.next((f) => f.type === 'reload');
    c.ws.close();
  });

  it('never logs the key or the address that carries it', async () => {
    const bad = await connect(server.origin);
    hello(bad, 'x'.repeat(43));
    await bad.closed;
    await expect(connect(server.origin, { originHeader: 'http://evil.example' })).rejects.toThrow();
    const c = await session();
    c.ws.close();
    expect(logLines.length).toBeGreaterThan(1);
    for (const line of logLines) {
      expect(line).not.toContain(keyOf(server.url));
      expect(line).not.toContain('#key=');
    }
  });
});
