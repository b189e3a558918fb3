// Browser mode's page side in real Chromium (preload/web.ts, served as out/renderer/browser-bridge.js
// by main/web/server.ts): the page gets exactly the preload's surface; the key leaves the address bar
// and travels in no request; a reload keeps working; a second window and a wrong key get a Danish
// message in the page; bytes and events cross; all through the shell's dispatcher.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createDispatcher } from '../../main/core/ipc/dispatch';
import { startWebServer, type WebServer } from '../../main/web/server';
import type { IpcHandlers } from '../../shared/ipc';
import { BRIDGE_MESSAGES } from '../../shared/wire';
import { launchChromium, openApp } from './browser';
import { RENDERER_DIR } from './harness';

type Dfdg = { invoke(c: string, p: unknown): Promise<{ ok: boolean; data?: unknown; error?: { kind: string; message: string } }>; on(e: string, l: (p: unknown) => void): () => void };
const dfdg = (page: Page) => page.evaluate(() => Object.keys((globalThis as unknown as { dfdg: object }).dfdg).sort());
const invoke = (page: Page, channel: string, payload: unknown) =>
  page.evaluate(([c, p]) => (globalThis as unknown as { dfdg: Dfdg }).dfdg.invoke(c as string, p), [channel, payload] as const);

describe('browser mode in Chromium', () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  const calls: { channel: string; req: unknown }[] = [];
  const requested: string[] = [];

  beforeAll(async () => {
    const handlers = {
      'app.info': async (req: unknown) => {
        calls.push({ channel: 'app.info', req });
        return { version: '0.1.0', mode: 'sandbox', sandboxUrl: null, identity: null, today: '2026-03-02', status: { online: true, pending: 0, failed: 0, held: 0, lastSyncAt: null, lastError: null } };
      },
      'messages.document': async (req: unknown) => {
        calls.push({ channel: 'messages.document', req });
        return { fileName: 'a.pdf', mimeType: 'application/pdf', bytes: new Uint8Array([37, 80, 68, 70, 0, 255]) };
      },
    } as unknown as IpcHandlers;
    // The app's own start-up calls (code lists, the inbox) have no handler here: not this test's concern.
    const dispatch = createDispatcher(handlers, { onError: () => undefined });
    server = await startWebServer({ rendererDir: RENDERER_DIR, dispatch: () => dispatch });
    browser = await launchChromium();
    page = await openApp(browser, server);
    page.on('request', (r) => requested.push(r.url()));
    await page.waitForFunction(() => 'dfdg' in globalThis);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('exposes only invoke and on, frozen, as the preload does', async () => {
    expect(await dfdg(page)).toEqual(['invoke', 'on']);
    expect(await page.evaluate(() => Object.isFrozen((globalThis as unknown as { dfdg: object }).dfdg))).toBe(true);
    expect(await page.evaluate(() => Object.getOwnPropertyDescriptor(globalThis, 'dfdg')?.writable)).toBe(false);
  });

  it('takes the key out of the address bar; no request the page makes carries it', async () => {
    const key = new URL(server.url).hash;
    expect(page.url()).toBe(`${server.origin}/`);
    await page.reload();
    await page.waitForFunction(() => 'dfdg' in globalThis);
    expect(await invoke(page, 'app.info', {})).toMatchObject({ ok: true, data: { version: '0.1.0' } });
    expect(requested.length).toBeGreaterThan(0);
    for (const url of requested) expect(url).not.toContain(key.slice(5));
  });

  it('carries calls, results and bytes both ways, through the dispatcher (schema and unknown channels refused there)', async () => {
    const result = await page.evaluate(async () => {
      const r = await (globalThis as unknown as { dfdg: Dfdg }).dfdg.invoke('messages.document', { cpr: '0101901234', documentId: 'doc-1' });
      const bytes = (r.data as { bytes: Uint8Array }).bytes;
      return { ok: r.ok, bytes: Array.from(bytes), isU8: bytes instanceof Uint8Array };
    });
    expect(result).toEqual({ ok: true, bytes: [37, 80, 68, 70, 0, 255], isU8: true });
    expect(calls.at(-1)).toEqual({ channel: 'messages.document', req: { cpr: '0101901234', documentId: 'doc-1' } });
    const before = calls.length;
    expect(await invoke(page, 'fs.readFile', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { kind: 'unknown-channel' } });
    expect(await invoke(page, 'messages.document', { cpr: 'x', documentId: 1 })).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(calls.length).toBe(before);
  });

  it('delivers events to listeners', async () => {
    await page.evaluate(() => {
      const g = globalThis as unknown as { dfdg: Dfdg; __events: unknown[] };
      g.__events = [];
      g.dfdg.on('connectivity.changed', (p) => g.__events.push(p));
    });
    server.send('connectivity.changed', { online: false, reason: 'test' });
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { __events: unknown[] }).__events)).toEqual([{ online: false, reason: 'test' }]);
  });

  it('a second window gets the Danish message in the page, and its calls fail with it; the first works on', async () => {
    const second = await openApp(browser, server, { width: 1000, height: 700 });
    const notice = second.getByRole('alert').filter({ has: second.getByRole('heading', { name: 'DFDG Desk' }) });
    await notice.waitFor();
    expect(await notice.getByRole('paragraph').textContent()).toBe(BRIDGE_MESSAGES.busy);
    expect(await second.getByRole('button', { name: 'Genindlæs siden' }).evaluate((b) => b === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)).toBe(true);
    expect(await invoke(second, 'app.info', {})).toEqual({ ok: false, error: { kind: 'forbidden-sender', message: BRIDGE_MESSAGES.busy } });
    expect(await invoke(page, 'app.info', {})).toMatchObject({ ok: true });
    await second.context().close();
  });

  it('an address with a wrong key gets the Danish message and reaches nothing', async () => {
    const before = calls.length;
    const stranger = await openApp(browser, { url: `${server.origin}/#key=${'A'.repeat(43)}` });
    const notice = stranger.getByRole('alert').filter({ has: stranger.getByRole('heading', { name: 'DFDG Desk' }) });
    expect(await notice.getByRole('paragraph').textContent()).toBe(BRIDGE_MESSAGES.key);
    expect(await invoke(stranger, 'app.info', {})).toMatchObject({ ok: false, error: { kind: 'forbidden-sender' } });
    expect(calls.length).toBe(before);
    await stranger.context().close();
  });
});
