// pdf.js in worker threads: the real worker (main/core/attachments/pdfWorker.ts, run by Node itself
// from the sources) classifies PDFs as the in-thread reading did, and one worker reads PDF after PDF;
// the deadline is a hard stop even when the analysis never ends, and a PDF that hangs or crashes its
// worker fails alone (the next one in the queue is read); the main thread falls back to reading the
// PDF itself only when no worker can be started, and says so in the log. Stand-in workers are inline
// modules (data: URLs).

import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LogLevel } from '../../../main/core/log';
import { inspectAttachment, refusalMessage } from '../../../main/core/attachments';
import { PdfReader, pdfWorkerUrl, type PdfReaderOptions } from '../../../main/core/attachments/pdf';
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
const source = (rel: string) => pathToFileURL(fileURLToPath(new URL(rel, import.meta.url))).href;

let readers: PdfReader[] = [];
/** A reader like the core's (closed after each test); options as the core would never set them. */
const reader = (opts: PdfReaderOptions = {}) => {
  const r = new PdfReader(opts);
  readers.push(r);
  return r;
};
/** Reads one PDF with a reader of its own, as the intake did per PDF before the pool. */
const readOnce = (bytes: Uint8Array, timeoutMs: number, opts: PdfReaderOptions = {}) => reader(opts).analyse(bytes, timeoutMs);
afterEach(async () => {
  await Promise.all(readers.map((r) => r.close()));
  readers = [];
});

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
    const r = reader({ log });
    const read = (bytes: Uint8Array) => r.analyse(bytes, 20_000);
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
    // All of it by one worker thread, started with the first PDF.
    expect(r.stats()).toEqual({ workers: 1, started: 1, busy: 0, queued: 0 });
  });

  it("leaves the caller's bytes intact (the worker gets a copy)", async () => {
    const pdf = makePdf({ pages: 2 });
    const copy = pdf.slice();
    expect(await readOnce(pdf, 20_000)).toMatchObject({ ok: true, pageCount: 2 });
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
      const result = await readOnce(makePdf(), 400, { log, workerUrl: SPINNER });
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
    const result = await readOnce(makePdf(), 300, { log, workerUrl: inlineWorker('for (;;) {}') });
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
      parentPort.on('message', () => setTimeout(() => { throw new RangeError('out of memory, say'); }, 10));
    `);
    expect(await readOnce(makePdf(), 10_000, { log, workerUrl: crash })).toEqual({ ok: false, reason: 'unreadable' });
    const exits = inlineWorker(`
      import { parentPort } from 'node:worker_threads';
      parentPort.postMessage({ type: 'ready' });
      parentPort.on('message', () => setTimeout(() => process.exit(3), 10));
    `);
    expect(await readOnce(makePdf(), 10_000, { log, workerUrl: exits })).toEqual({ ok: false, reason: 'unreadable' });
    expect(lines).toEqual([]);
    expect(pdfJsLoadedHere()).toBe(false);
  });

  it('a PDF that makes the reader allocate without end stops the worker at its heap limit: unreadable, and this process is unharmed', async () => {
    const { lines, log } = logSpy();
    const bomb = inlineWorker(`
      import { parentPort } from 'node:worker_threads';
      parentPort.postMessage({ type: 'ready' });
      parentPort.on('message', () => {
        const hoard = [];
        for (;;) hoard.push(new Array(100_000).fill({ page: hoard.length }));
      });
    `);
    // The worker's heap counts in this process's resident memory: sample its peak while the bomb runs.
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 5);
    const started = Date.now();
    try {
      expect(await readOnce(makePdf(), 60_000, { log, workerUrl: bomb, heapMb: 64 })).toEqual({ ok: false, reason: 'unreadable' });
    } finally {
      clearInterval(sampler);
    }
    // Stopped by the heap limit, long before the deadline, having taken a bounded amount of memory.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(rssPeak - rssBefore).toBeLessThan(400 * 1024 * 1024);
    expect(lines).toEqual([]);
    // The real worker reads an ordinary PDF within the default limit.
    expect(await readOnce(makePdf(), 10_000, { log })).toMatchObject({ ok: true });
  });

  it('a malformed, early or unasked-for result answers unreadable', async () => {
    /** Says `before` first (e.g. nothing, or a result before 'ready'), then answers each job with `answer(job)`. */
    const says = (before: unknown[], answer: string) =>
      inlineWorker(`
        import { parentPort } from 'node:worker_threads';
        for (const m of ${JSON.stringify(before)}) parentPort.postMessage(m);
        parentPort.on('message', (job) => parentPort.postMessage(${answer}));
      `);
    const result = (r: unknown) => `{ type: 'result', id: job.id, result: ${JSON.stringify(r)} }`;
    const ready = { type: 'ready' };
    const pdf = makePdf();
    expect(await readOnce(pdf, 10_000, { workerUrl: says([ready], result({ ok: true, pageCount: -1, encrypted: false, javascript: false })) })).toEqual({ ok: false, reason: 'unreadable' });
    expect(await readOnce(pdf, 10_000, { workerUrl: says([ready], result({ ok: false, reason: 'fine' })) })).toEqual({ ok: false, reason: 'unreadable' });
    expect(await readOnce(pdf, 10_000, { workerUrl: says([{ type: 'result', id: 1, result: { ok: true, pageCount: 1, encrypted: false, javascript: false } }, ready], result({ ok: true, pageCount: 1, encrypted: false, javascript: false })) })).toEqual({ ok: false, reason: 'unreadable' });
    expect(await readOnce(pdf, 10_000, { workerUrl: says([ready], `'hello'`) })).toEqual({ ok: false, reason: 'unreadable' });
    expect(await readOnce(pdf, 10_000, { workerUrl: says([ready], `{ type: 'result', id: job.id + 1, result: { ok: true, pageCount: 7, encrypted: false, javascript: false } }`) })).toEqual({ ok: false, reason: 'unreadable' });
    // The well-formed answer is taken as it is.
    expect(await readOnce(pdf, 10_000, { workerUrl: says([ready], result({ ok: true, pageCount: 7, encrypted: false, javascript: false })) })).toEqual({ ok: true, pageCount: 7, encrypted: false, javascript: false });
  });
});

describe('when no worker can be started, the PDF is read on this thread and the log says so', () => {
  it('a missing worker entry: same answers as the worker, one warning without paths or names', async () => {
    const { lines, log } = logSpy();
    const missing = new URL('./no-such-pdfWorker.js', pdfWorkerUrl());
    const r = reader({ log, workerUrl: missing });
    expect(await r.analyse(makePdf({ pages: 3 }), 20_000)).toEqual({ ok: true, pageCount: 3, encrypted: false, javascript: false });
    // Each PDF tries a worker again (one warning each).
    expect(await r.analyse(makePdf({ encryption: 'user-password' }), 20_000)).toEqual({ ok: false, reason: 'encrypted' });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 'warn', message: expect.stringMatching(/PDF worker could not be started/) });
    expect(JSON.stringify(lines)).not.toMatch(/no-such|\/work\/|attachments\//);
    expect(pdfJsLoadedHere()).toBe(true);
  });

  it('a worker that fails before ready (e.g. cannot load pdf.js) falls back as well', async () => {
    const { lines, log } = logSpy();
    const broken = inlineWorker(`throw new Error('Cannot find package pdfjs-dist imported from /home/someone/app.asar/out/main/pdfWorker.js');`);
    expect(await readOnce(makePdf({ pages: 2 }), 20_000, { log, workerUrl: broken })).toMatchObject({ ok: true, pageCount: 2 });
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
    const [inWorker, inThread] = [reader(), reader({ workerUrl: missing })];
    for (const [name, bytes] of Object.entries(samples)) {
      expect(await inWorker.analyse(bytes, 20_000), name).toEqual(await inThread.analyse(bytes, 20_000));
    }
  });

  it('without a logger the fallback still answers', async () => {
    expect(await readOnce(makePdf(), 20_000, { workerUrl: new URL('./no-such-pdfWorker.js', pdfWorkerUrl()) })).toMatchObject({ ok: true, pageCount: 1 });
  });
});

describe('one pool of workers reads every PDF; a PDF that hangs or crashes its worker fails alone', () => {
  /** The real analysis, except that a PDF whose text says HANG spins for ever and one that says CRASH ends the worker. */
  const TRAPPED = inlineWorker(`
    import { serveJobs } from '${source('../../../main/core/workers/serve.ts')}';
    import { analysePdf, loadPdfJs } from '${source('../../../main/core/attachments/pdfAnalysis.ts')}';
    const pdfjs = await loadPdfJs();
    serveJobs((input) => {
      const text = new TextDecoder('latin1').decode(input.bytes);
      if (text.includes('HANG')) for (;;) {}
      if (text.includes('CRASH')) process.exit(9);
      return analysePdf(pdfjs, input.bytes, null);
    });
  `);

  it('six PDFs at once are read by at most the pool size of workers, each reused', async () => {
    const r = reader({ size: 2 });
    const reads = [1, 2, 3, 4, 5, 6].map((pages) => r.analyse(makePdf({ pages }), 30_000));
    expect(r.stats()).toEqual({ workers: 2, started: 2, busy: 2, queued: 4 });
    expect(await Promise.all(reads)).toEqual([1, 2, 3, 4, 5, 6].map((pageCount) => ({ ok: true, pageCount, encrypted: false, javascript: false })));
    expect(r.stats()).toEqual({ workers: 2, started: 2, busy: 0, queued: 0 });
  });

  it.each([
    ['hangs', 'HANG'],
    ['crashes', 'CRASH'],
  ])('a PDF that %s its worker is refused with the Danish message, and the next PDF in the queue is read', async (_what, marker) => {
    const pdf = reader({ workerUrl: TRAPPED, size: 1 });
    const warm = await inspectAttachment('a.pdf', makePdf(), { pdf });
    expect(warm).toMatchObject({ ok: true, pageCount: 1 });
    const bad = inspectAttachment('b.pdf', makePdf({ text: marker }), { pdf, pdfTimeoutMs: 1_000 });
    const next = inspectAttachment('c.pdf', makePdf({ pages: 2 }), { pdf, pdfTimeoutMs: 30_000 });
    expect(pdf.stats()).toMatchObject({ busy: 1, queued: 1 });
    expect(await bad).toEqual({ ok: false, reason: 'unreadable', message: refusalMessage('unreadable'), detectedType: 'pdf' });
    expect(await next).toMatchObject({ ok: true, pageCount: 2 });
    // The worker that hung or died was replaced by one new worker, which read the next PDF.
    expect(pdf.stats()).toEqual({ workers: 1, started: 2, busy: 0, queued: 0 });
  });

  it('close() ends the workers; a PDF still waiting answers unreadable', async () => {
    const r = reader({ workerUrl: TRAPPED, size: 1 });
    const hung = r.analyse(makePdf({ text: 'HANG' }), 60_000);
    const waiting = r.analyse(makePdf(), 60_000);
    await r.close();
    expect(await hung).toEqual({ ok: false, reason: 'unreadable' });
    expect(await waiting).toEqual({ ok: false, reason: 'unreadable' });
    expect(r.stats()).toMatchObject({ workers: 0, busy: 0, queued: 0 });
  });
});
