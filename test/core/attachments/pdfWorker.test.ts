// pdf.js in a worker thread: the real worker (main/core/attachments/pdfWorker.ts, run by Node itself
// from the sources) classifies PDFs as the in-thread reading did; the deadline is a hard stop even when
// the analysis never ends; the main thread falls back to reading the PDF itself only when no worker can
// be started, and says so in the log. Stand-in workers are inline modules (data: URLs).

import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LogLevel } from '../../../main/core/log';
import { analysePdfWithPdfJs, pdfWorkerUrl } from '../../../main/core/attachments/pdf';
import { makePdf, truncatePdf } from '../../fixtures/pdf';

type Line = { level: LogLevel; message: string; fields?: Record<string, unknown> };
function logSpy() {
  const lines: Line[] = [];
  return { lines, log: (level: LogLevel, message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, ...(fields ? { fields } : {}) }) };
}

/** A worker written inline, as an ES module. */
const inlineWorker = (code: string) => new URL(`data:text/javascript,${encodeURIComponent(code)}`);
const utf8 = (s: string) => new TextEncoder().encode(s);
/** pdf.js sets globalThis.pdfjsLib when it is loaded: on this thread only if the fallback ran. */
const pdfJsLoadedHere = () => 'pdfjsLib' in globalThis;

describe('the PDF worker (pdfWorker.ts, loaded by Node from the sources)', () => {
  beforeAll(() => {
    expect(pdfJsLoadedHere()).toBe(false);
  });

  it('is found next to pdf.ts', () => {
    const url = pdfWorkerUrl();
    expect(fileURLToPath(url)).toMatch(/main\/core\/attachments\/pdfWorker\.ts$/);
  });

  it('reads page count, encryption and JavaScript as before, without loading pdf.js on this thread', async () => {
    const { lines, log } = logSpy();
    const read = (bytes: Uint8Array) => analysePdfWithPdfJs(bytes, 20_000, { log });
    expect(await read(makePdf({ pages: 3 }))).toEqual({ ok: true, pageCount: 3, encrypted: false, javascript: false });
    expect(await read(makePdf({ pages: 2, objectStreams: true }))).toEqual({ ok: true, pageCount: 2, encrypted: false, javascript: false });
    expect(await read(makePdf({ encryption: 'user-password' }))).toEqual({ ok: false, reason: 'encrypted' });
    expect(await read(makePdf({ encryption: 'owner-password-only' }))).toMatchObject({ ok: true, encrypted: true });
    // (A link annotation's JavaScript is left to the raw scan: pdf.js reports no action for it, on
    // any thread; see the comparison with the in-thread reading below.)
    for (const javascript of ['open-action', 'names', 'page-action'] as const) {
      expect(await read(makePdf({ javascript })), javascript).toMatchObject({ ok: true, javascript: true });
    }
    expect(await read(utf8('%PDF-1.7\nthis is not a pdf at all\n%%EOF\n'))).toEqual({ ok: false, reason: 'truncated' });
    expect((await read(truncatePdf(makePdf({ pages: 4 })))).ok).toBe(false);
    expect(lines).toEqual([]);
    expect(pdfJsLoadedHere()).toBe(false);
  });

  it("leaves the caller's bytes intact (the worker gets a copy)", async () => {
    const pdf = makePdf({ pages: 2 });
    const copy = pdf.slice();
    expect(await analysePdfWithPdfJs(pdf, 20_000)).toMatchObject({ ok: true, pageCount: 2 });
    expect(pdf.byteLength).toBe(copy.byteLength);
    expect(Buffer.from(pdf).equals(Buffer.from(copy))).toBe(true);
  });
});

describe('the deadline is a hard stop', () => {
  // Says 'ready', publishes a heartbeat counter and then never returns, like a pdf.js that spins.
  const SPINNER = inlineWorker(`
    import { parentPort } from 'node:worker_threads';
    const beat = new Int32Array(new SharedArrayBuffer(4));
    const channel = new BroadcastChannel('dfdg-test-spinner');
    channel.postMessage(beat);
    parentPort.postMessage({ type: 'ready' });
    for (;;) Atomics.add(beat, 0, 1);
  `);

  it('answers unreadable on time while the analysis spins, the event loop keeps ticking, and the worker is stopped', async () => {
    const channel = new BroadcastChannel('dfdg-test-spinner');
    const beat = new Promise<Int32Array>((resolve) => (channel.onmessage = (e) => resolve((e as { data: Int32Array }).data)));
    const { lines, log } = logSpy();
    let ticks = 0;
    let longestGap = 0;
    let last = Date.now();
    const interval = setInterval(() => {
      const now = Date.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
      ticks++;
    }, 10);
    const started = Date.now();
    try {
      const result = await analysePdfWithPdfJs(makePdf(), 400, { log, workerUrl: SPINNER });
      const elapsed = Date.now() - started;
      expect(result).toEqual({ ok: false, reason: 'unreadable' });
      expect(elapsed).toBeGreaterThanOrEqual(390);
      expect(elapsed).toBeLessThan(400 + 1_500);
      expect(ticks).toBeGreaterThanOrEqual(10);
      expect(longestGap).toBeLessThan(300);
      // The spinner was running (its heartbeat moved) and is stopped now (it no longer moves).
      const counter = await beat;
      // Real time on purpose: that a thread has stopped shows only as its heartbeat not moving for a while.
      await new Promise((r) => setTimeout(r, 100));
      const a = Atomics.load(counter, 0);
      await new Promise((r) => setTimeout(r, 150));
      expect(a).toBeGreaterThan(0);
      expect(Atomics.load(counter, 0)).toBe(a);
      // A timeout is the PDF's doing, not a missing worker: no fallback, no warning.
      expect(lines).toEqual([]);
      expect(pdfJsLoadedHere()).toBe(false);
    } finally {
      clearInterval(interval);
      channel.close();
    }
  });

  it('also stops a worker that never gets as far as ready (and does not fall back)', async () => {
    const { lines, log } = logSpy();
    const started = Date.now();
    const result = await analysePdfWithPdfJs(makePdf(), 300, { log, workerUrl: inlineWorker('for (;;) {}') });
    expect(result).toEqual({ ok: false, reason: 'unreadable' });
    expect(Date.now() - started).toBeLessThan(300 + 1_500);
    expect(lines).toEqual([]);
    expect(pdfJsLoadedHere()).toBe(false);
  });
});

describe('what the worker says after ready is trusted only if well-formed, and a crash is not retried here', () => {
  it('a worker that dies while reading the PDF answers unreadable, without reading it on this thread', async () => {
    const { lines, log } = logSpy();
    const crash = inlineWorker(`
      import { parentPort } from 'node:worker_threads';
      parentPort.postMessage({ type: 'ready' });
      setTimeout(() => { throw new RangeError('out of memory, say'); }, 10);
    `);
    expect(await analysePdfWithPdfJs(makePdf(), 10_000, { log, workerUrl: crash })).toEqual({ ok: false, reason: 'unreadable' });
    const exits = inlineWorker(`
      import { parentPort } from 'node:worker_threads';
      parentPort.postMessage({ type: 'ready' });
      setTimeout(() => process.exit(3), 10);
    `);
    expect(await analysePdfWithPdfJs(makePdf(), 10_000, { log, workerUrl: exits })).toEqual({ ok: false, reason: 'unreadable' });
    expect(lines).toEqual([]);
    expect(pdfJsLoadedHere()).toBe(false);
  });

  it('a PDF that makes the reader allocate without end stops the worker at its heap limit: unreadable, and this process is unharmed', async () => {
    const { lines, log } = logSpy();
    const bomb = inlineWorker(`
      import { parentPort } from 'node:worker_threads';
      parentPort.postMessage({ type: 'ready' });
      const hoard = [];
      for (;;) hoard.push(new Array(100_000).fill({ page: hoard.length }));
    `);
    // The worker's heap counts in this process's resident memory: sample its peak while the bomb runs.
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 5);
    const started = Date.now();
    try {
      expect(await analysePdfWithPdfJs(makePdf(), 60_000, { log, workerUrl: bomb, heapMb: 64 })).toEqual({ ok: false, reason: 'unreadable' });
    } finally {
      clearInterval(sampler);
    }
    // Stopped by the heap limit, long before the deadline, having taken a bounded amount of memory.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(rssPeak - rssBefore).toBeLessThan(400 * 1024 * 1024);
    expect(lines).toEqual([]);
    // The real worker reads an ordinary PDF within the default limit.
    expect(await analysePdfWithPdfJs(makePdf(), 10_000, { log })).toMatchObject({ ok: true });
  });

  it('a malformed or early result answers unreadable', async () => {
    const says = (...messages: unknown[]) =>
      inlineWorker(`
        import { parentPort } from 'node:worker_threads';
        for (const m of ${JSON.stringify(messages)}) parentPort.postMessage(m);
        setInterval(() => {}, 1000);
      `);
    const pdf = makePdf();
    expect(await analysePdfWithPdfJs(pdf, 10_000, { workerUrl: says({ type: 'ready' }, { type: 'result', result: { ok: true, pageCount: -1, encrypted: false, javascript: false } }) })).toEqual({ ok: false, reason: 'unreadable' });
    expect(await analysePdfWithPdfJs(pdf, 10_000, { workerUrl: says({ type: 'ready' }, { type: 'result', result: { ok: false, reason: 'fine' } }) })).toEqual({ ok: false, reason: 'unreadable' });
    expect(await analysePdfWithPdfJs(pdf, 10_000, { workerUrl: says({ type: 'result', result: { ok: true, pageCount: 1, encrypted: false, javascript: false } }) })).toEqual({ ok: false, reason: 'unreadable' });
    expect(await analysePdfWithPdfJs(pdf, 10_000, { workerUrl: says({ type: 'ready' }, 'hello') })).toEqual({ ok: false, reason: 'unreadable' });
    // The well-formed answer is taken as it is.
    expect(await analysePdfWithPdfJs(pdf, 10_000, { workerUrl: says({ type: 'ready' }, { type: 'result', result: { ok: true, pageCount: 7, encrypted: false, javascript: false } }) })).toEqual({ ok: true, pageCount: 7, encrypted: false, javascript: false });
  });
});

describe('when no worker can be started, the PDF is read on this thread and the log says so', () => {
  it('a missing worker entry: same answers as the worker, one warning without paths or names', async () => {
    const { lines, log } = logSpy();
    const missing = new URL('./no-such-pdfWorker.js', pdfWorkerUrl());
    expect(await analysePdfWithPdfJs(makePdf({ pages: 3 }), 20_000, { log, workerUrl: missing })).toEqual({ ok: true, pageCount: 3, encrypted: false, javascript: false });
    expect(await analysePdfWithPdfJs(makePdf({ encryption: 'user-password' }), 20_000, { log, workerUrl: missing })).toEqual({ ok: false, reason: 'encrypted' });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 'warn', message: expect.stringMatching(/PDF worker could not be started/) });
    expect(JSON.stringify(lines)).not.toMatch(/no-such|\/work\/|attachments\//);
    expect(pdfJsLoadedHere()).toBe(true);
  });

  it('a worker that fails before ready (e.g. cannot load pdf.js) falls back as well', async () => {
    const { lines, log } = logSpy();
    const broken = inlineWorker(`throw new Error('Cannot find package pdfjs-dist imported from /home/someone/app.asar/out/main/pdfWorker.js');`);
    expect(await analysePdfWithPdfJs(makePdf({ pages: 2 }), 20_000, { log, workerUrl: broken })).toMatchObject({ ok: true, pageCount: 2 });
    expect(lines).toEqual([{ level: 'warn', message: expect.stringMatching(/PDF worker could not be started/), fields: { error: 'Error' } }]);
  });

  it('the worker and the in-thread reading give the same answer for every kind of PDF', async () => {
    const missing = new URL('./no-such-pdfWorker.js', pdfWorkerUrl());
    const samples: Record<string, Uint8Array> = {
      plain: makePdf({ pages: 3 }),
      objectStreams: makePdf({ pages: 2, objectStreams: true }),
      userPassword: makePdf({ encryption: 'user-password' }),
      ownerPassword: makePdf({ encryption: 'owner-password-only' }),
      ...Object.fromEntries((['open-action', 'names', 'page-action', 'link-annotation'] as const).map((javascript) => [javascript, makePdf({ javascript, objectStreams: true })])),
      broken: utf8('%PDF-1.7\nthis is not a pdf at all\n%%EOF\n'),
      truncated: truncatePdf(makePdf({ pages: 4 })),
    };
    for (const [name, bytes] of Object.entries(samples)) {
      expect(await analysePdfWithPdfJs(bytes, 20_000), name).toEqual(await analysePdfWithPdfJs(bytes, 20_000, { workerUrl: missing }));
    }
  });

  it('without a logger the fallback still answers', async () => {
    expect(await analysePdfWithPdfJs(makePdf(), 20_000, { workerUrl: new URL('./no-such-pdfWorker.js', pdfWorkerUrl()) })).toMatchObject({ ok: true, pageCount: 1 });
  });
});

describe('pdfWorkerUrl', () => {
  it('names pdfWorker.ts next to the sources and pdfWorker.js next to the bundle, also inside an asar', () => {
    expect(pdfWorkerUrl('file:///repo/main/core/attachments/pdf.ts').href).toBe('file:///repo/main/core/attachments/pdfWorker.ts');
    expect(pdfWorkerUrl('file:///repo/out/main/index.js').href).toBe('file:///repo/out/main/pdfWorker.js');
    expect(pdfWorkerUrl('file:///opt/DFDG%20Desk/resources/app.asar/out/main/index.js').href).toBe('file:///opt/DFDG%20Desk/resources/app.asar/out/main/pdfWorker.js');
  });
});
