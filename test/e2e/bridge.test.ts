// The test bridge itself: the page gets exactly the preload surface, calls reach the backend only
// with the per-run secret, and bytes survive the trip.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { startBridge, type BridgeHandle } from './bridge/server';
import { launchChromium, openApp } from './browser';

describe('e2e test bridge', () => {
  let bridge: BridgeHandle;
  let browser: Browser;
  let page: Page;
  const calls: { channel: unknown; payload: unknown }[] = [];
  let emit: ((payload: unknown) => void) | null = null;

  beforeAll(async () => {
    bridge = await startBridge({
      rendererDir: 'out/renderer',
      backend: {
        dispatch: async (channel, payload) => {
          calls.push({ channel, payload });
          if (channel === 'messages.document') {
            return { ok: true, data: { fileName: 'a.pdf', mimeType: 'application/pdf', bytes: new Uint8Array([37, 80, 68, 70, 0, 255]) } };
          }
          return { ok: false, error: { kind: 'not-found', message: 'Ikke fundet' } };
        },
        on: (event, listener) => {
          if (event === 'connectivity.changed') emit = listener;
          return () => undefined;
        },
      },
    });
    browser = await launchChromium();
    page = await openApp(browser, bridge);
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
  });

  it('exposes only invoke and on, frozen', async () => {
    const keys = await page.evaluate(() => Object.keys((globalThis as unknown as { dfdg: object }).dfdg).sort());
    expect(keys).toEqual(['invoke', 'on']);
    const frozen = await page.evaluate(() => Object.isFrozen((globalThis as unknown as { dfdg: object }).dfdg));
    expect(frozen).toBe(true);
  });

  it('carries calls, results and bytes both ways', async () => {
    const result = await page.evaluate(async () => {
      const r = await (globalThis as unknown as { dfdg: { invoke: (c: string, p: unknown) => Promise<{ ok: boolean; data: { bytes: Uint8Array } }> } }).dfdg.invoke(
        'messages.document',
        { cpr: '0101901234', documentId: 'doc-1' },
      );
      return { ok: r.ok, bytes: Array.from(r.data.bytes), isU8: r.data.bytes instanceof Uint8Array };
    });
    expect(result).toEqual({ ok: true, bytes: [37, 80, 68, 70, 0, 255], isU8: true });
    expect(calls.at(-1)).toEqual({ channel: 'messages.document', payload: { cpr: '0101901234', documentId: 'doc-1' } });
  });

  it('refuses a channel outside the contract in the page, without reaching the backend', async () => {
    const before = calls.length;
    const r = await page.evaluate(() => (globalThis as unknown as { dfdg: { invoke: (c: string, p: unknown) => Promise<unknown> } }).dfdg.invoke('fs.readFile', { path: '/etc/passwd' }));
    expect(r).toMatchObject({ ok: false, error: { kind: 'unknown-channel' } });
    expect(calls.length).toBe(before);
  });

  it('delivers events to listeners', async () => {
    await page.evaluate(() => {
      const g = globalThis as unknown as { dfdg: { on: (e: string, l: (p: unknown) => void) => void }; __events: unknown[] };
      g.__events = [];
      g.dfdg.on('connectivity.changed', (p) => g.__events.push(p));
    });
    emit?.({ online: false, reason: 'test' });
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { __events: unknown[] }).__events)).toEqual([{ online: false, reason: 'test' }]);
  });

  it('refuses WebSocket connections without the per-run secret', async () => {
    const wsUrl = bridge.clientOptions.url;
    const refusedBefore = bridge.refused();
    for (const url of [wsUrl, `${wsUrl}?secret=wrong`]) {
      const outcome = await new Promise<string>((resolve) => {
        const ws = new WebSocket(url);
        ws.on('open', () => resolve('open'));
        ws.on('error', () => resolve('refused'));
      });
      expect(outcome).toBe('refused');
    }
    expect(bridge.refused()).toBe(refusedBefore + 2);
  });
});
