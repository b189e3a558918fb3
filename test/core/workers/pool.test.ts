// The worker pool (main/core/workers/pool.ts) with stand-in workers written inline (data: URLs) that
// use the real worker side (serve.ts): workers start lazily and are reused, never more run at once
// than the pool's size, a job that hangs or crashes its worker fails alone while the queued jobs go on
// with a fresh worker, and idle or closed pools leave no thread behind.

import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { entryUrl, poolSize, WorkerPool, type JobOutcome } from '../../../main/core/workers/pool';

const SERVE = pathToFileURL(fileURLToPath(new URL('../../../main/core/workers/serve.ts', import.meta.url))).href;

/** A worker that answers each job with `handler(input)` (JavaScript source of a function). */
const standIn = (handler: string, prelude = '') =>
  new URL(
    `data:text/javascript,${encodeURIComponent(`
      import { serveJobs } from '${SERVE}';
      ${prelude}
      serveJobs(${handler});
    `)}`,
  );

/**
 * Counts the jobs running at once in a shared array ([running, most at once]); a job waits (up to 5 s)
 * until `together` jobs run, holds `ms` milliseconds more, then answers its input. `{ hang: true }`
 * never answers, `{ crash: true }` exits.
 */
const COUNTING = standIn(`(input) => {
  if (input.hang) for (;;) {}
  if (input.crash) process.exit(7);
  const running = input.shared;
  const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  const now = Atomics.add(running, 0, 1) + 1;
  for (let seen = Atomics.load(running, 1); now > seen; seen = Atomics.load(running, 1)) Atomics.compareExchange(running, 1, seen, now);
  for (let waited = 0; Atomics.load(running, 0) < (input.together ?? 0) && waited < 5000; waited += 5) sleep(5);
  sleep(input.ms ?? 0);
  Atomics.sub(running, 0, 1);
  return { echo: input.n };
}`);

const shared = () => new Int32Array(new SharedArrayBuffer(8));
const result = (o: JobOutcome) => (o.kind === 'result' ? o.value : o.kind);

let pools: WorkerPool[] = [];
const pool = (...args: ConstructorParameters<typeof WorkerPool>) => {
  const p = new WorkerPool(...args);
  pools.push(p);
  return p;
};
afterEach(async () => {
  await Promise.all(pools.map((p) => p.close()));
  pools = [];
});

describe('WorkerPool', () => {
  it('starts no worker until the first job, then serves every job with the same thread', async () => {
    const p = pool({ url: COUNTING, size: 2 });
    expect(p.stats()).toEqual({ workers: 0, started: 0, busy: 0, queued: 0 });
    const threads = new Set<number>();
    for (let n = 0; n < 5; n++) {
      const o = await p.run({ n, shared: shared() }, { timeoutMs: 10_000 });
      expect(result(o)).toEqual({ echo: n });
      if (o.kind === 'result') threads.add(o.threadId);
    }
    expect(threads.size).toBe(1);
    expect(p.stats()).toEqual({ workers: 1, started: 1, busy: 0, queued: 0 });
  });

  it.each([1, 2])('never runs more jobs at once than its size (%i), and queues the rest in order', async (size) => {
    const p = pool({ url: COUNTING, size });
    const counter = shared();
    // The first jobs wait for each other, so a pool that ran more than `size` at once would be seen.
    const jobs = Array.from({ length: 6 }, (_, n) => p.run({ n, shared: counter, ms: 40, together: size }, { timeoutMs: 20_000 }));
    expect(p.stats()).toMatchObject({ busy: size, queued: 6 - size });
    const outcomes = await Promise.all(jobs);
    expect(outcomes.map(result)).toEqual([0, 1, 2, 3, 4, 5].map((n) => ({ echo: n })));
    expect(Atomics.load(counter, 1)).toBe(size);
    expect(new Set(outcomes.map((o) => (o.kind === 'result' ? o.threadId : null))).size).toBe(size);
    expect(p.stats()).toEqual({ workers: size, started: size, busy: 0, queued: 0 });
  });

  it('a job that hangs its worker times out alone: the job queued behind it is served by a fresh worker', async () => {
    const p = pool({ url: COUNTING, size: 1 });
    const first = await p.run({ n: 0, shared: shared() }, { timeoutMs: 10_000 });
    const hang = p.run({ hang: true }, { timeoutMs: 300 });
    const next = p.run({ n: 1, shared: shared() }, { timeoutMs: 10_000 });
    expect(await hang).toEqual({ kind: 'timeout' });
    const after = await next;
    expect(result(after)).toEqual({ echo: 1 });
    // The hung thread was ended: the next job ran on a new one.
    expect(first.kind === 'result' && after.kind === 'result' && after.threadId !== first.threadId).toBe(true);
    expect(p.stats()).toEqual({ workers: 1, started: 2, busy: 0, queued: 0 });
  });

  it('a job that crashes its worker fails alone, and the queue goes on', async () => {
    const p = pool({ url: COUNTING, size: 1 });
    const crash = p.run({ crash: true }, { timeoutMs: 10_000 });
    const next = p.run({ n: 2, shared: shared() }, { timeoutMs: 10_000 });
    expect(await crash).toEqual({ kind: 'crashed' });
    expect(result(await next)).toEqual({ echo: 2 });
    expect(p.stats()).toMatchObject({ workers: 1, started: 2 });
  });

  it('a worker that runs out of its heap limit fails its job, not the process', async () => {
    const hoarder = standIn(`(input) => { if (!input.hoard) return 'fine'; const h = []; for (;;) h.push(new Array(100_000).fill(h.length)); }`);
    const p = pool({ url: hoarder, size: 1, resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 } });
    expect(await p.run({ hoard: true }, { timeoutMs: 60_000 })).toEqual({ kind: 'crashed' });
    expect(result(await p.run({ hoard: false }, { timeoutMs: 10_000 }))).toBe('fine');
  });

  it('an answer that is not for the job at hand is not trusted: the worker is ended', async () => {
    const liar = standIn(`(input) => input`, `
      import { parentPort } from 'node:worker_threads';
      parentPort.on('message', (m) => { if (m.input === 'lie') parentPort.postMessage({ type: 'result', id: m.id + 1, result: 'yes' }); });
    `);
    const p = pool({ url: liar, size: 1 });
    expect(await p.run('lie', { timeoutMs: 10_000 })).toEqual({ kind: 'crashed' });
    expect(result(await p.run('truth', { timeoutMs: 10_000 }))).toBe('truth');
    expect(p.stats().started).toBe(2);
  });

  it('says not-started when no worker can be started (missing entry, or an error before ready)', async () => {
    const missing = pool({ url: new URL('./no-such-worker.js', import.meta.url), size: 1 });
    expect(await missing.run(1, { timeoutMs: 10_000 })).toMatchObject({ kind: 'not-started' });
    const broken = pool({ url: new URL(`data:text/javascript,${encodeURIComponent("throw new Error('cannot load')")}`), size: 1 });
    const [a, b] = await Promise.all([broken.run(1, { timeoutMs: 10_000 }), broken.run(2, { timeoutMs: 10_000 })]);
    expect(a).toMatchObject({ kind: 'not-started', error: { name: 'Error' } });
    // Each job tries a worker of its own.
    expect(b).toMatchObject({ kind: 'not-started' });
    expect(broken.stats()).toEqual({ workers: 0, started: 2, busy: 0, queued: 0 });
  });

  it('ends a worker that has been idle for idleMs; the next job starts a new one', async () => {
    const p = pool({ url: COUNTING, size: 1, idleMs: 50 });
    expect(result(await p.run({ n: 1, shared: shared() }, { timeoutMs: 10_000 }))).toEqual({ echo: 1 });
    await vi.waitFor(() => expect(p.stats().workers).toBe(0), { timeout: 5_000 });
    expect(result(await p.run({ n: 2, shared: shared() }, { timeoutMs: 10_000 }))).toEqual({ echo: 2 });
    expect(p.stats().started).toBe(2);
  });

  it('close() ends every worker; running, queued and later jobs answer closed', async () => {
    const p = pool({ url: COUNTING, size: 1 });
    const running = p.run({ hang: true }, { timeoutMs: 60_000 });
    const queued = p.run({ n: 1, shared: shared() }, { timeoutMs: 60_000 });
    await vi.waitFor(() => expect(p.stats().busy).toBe(1));
    await p.close();
    expect(await running).toEqual({ kind: 'closed' });
    expect(await queued).toEqual({ kind: 'closed' });
    expect(await p.run({ n: 2, shared: shared() }, { timeoutMs: 1_000 })).toEqual({ kind: 'closed' });
    expect(p.stats()).toEqual({ workers: 0, started: 1, busy: 0, queued: 0 });
  });
});

describe('poolSize and entryUrl', () => {
  it('keeps a core for the main process, with 1 to 2 workers', () => {
    expect([1, 2, 3, 4, 16].map((cores) => poolSize(2, cores))).toEqual([1, 1, 2, 2, 2]);
    expect(poolSize(1, 16)).toBe(1);
  });

  it('names the .ts entry next to the sources and the .js entry next to the bundle, also inside an asar', () => {
    expect(entryUrl('pdfWorker', 'file:///repo/main/core/attachments/pdf.ts').href).toBe('file:///repo/main/core/attachments/pdfWorker.ts');
    expect(entryUrl('pdfWorker', 'file:///repo/out/main/index.js').href).toBe('file:///repo/out/main/pdfWorker.js');
    expect(entryUrl('certificateWorker', 'file:///opt/DFDG%20Desk/resources/app.asar/out/main/index-AbC.js').href).toBe('file:///opt/DFDG%20Desk/resources/app.asar/out/main/certificateWorker.js');
  });
});
