// A small pool of long-lived worker threads with a queue, for work the main process must never do on
// its own thread (pdf.js on an untrusted PDF, node-forge on an untrusted PKCS#12 file). Workers start
// lazily, each serves one job at a time and many jobs over its life, and every job has its own
// deadline: at the deadline the worker running it is terminated (wherever it is), the job answers
// 'timeout', and the next queued job gets a fresh worker. A worker that crashes (an error, an exit,
// its heap limit, a malformed answer) takes only its own job with it.
//
// The protocol (./serve.ts is the worker's side): the worker posts { type: 'ready' } once it has loaded
// what it needs; the pool posts { type: 'job', id, input }; the worker answers { type: 'result', id,
// result }. An error or exit before 'ready' means the worker could not be started: the job answers
// 'not-started' (its caller may then do the work another way).

import { availableParallelism } from 'node:os';
import { Worker, type ResourceLimits, type Transferable } from 'node:worker_threads';

export type JobOutcome =
  /** The worker's answer, as it sent it: the caller validates it. */
  | { kind: 'result'; value: unknown; threadId: number }
  /** The deadline passed (while starting or working): the worker was terminated. */
  | { kind: 'timeout' }
  /** The worker died, or said something else than an answer to this job, after it was ready. */
  | { kind: 'crashed' }
  /** No worker could be started for the job (constructor threw, or error/exit before 'ready'). */
  | { kind: 'not-started'; error: unknown }
  /** The pool was closed before the job was done. */
  | { kind: 'closed' };

export interface WorkerPoolOptions {
  /** The worker's entry (see entryUrl). */
  url: URL;
  /** Workers at most, each serving one job at a time (default poolSize()). */
  size?: number;
  /** V8 limits of every worker: a job that allocates without end stops its worker, not the app. */
  resourceLimits?: ResourceLimits;
  /** A worker idle this long is ended (a later job starts a new one); null keeps workers until close(). */
  idleMs?: number | null;
}

export interface PoolStats {
  /** Workers alive now (starting, busy or idle). */
  workers: number;
  /** Workers started since the pool was made. */
  started: number;
  /** Jobs being worked on now. */
  busy: number;
  /** Jobs waiting for a worker. */
  queued: number;
}

/** The worker's entry `name` next to the module that starts it: `.ts` from the sources, `.js` in the bundle. */
export function entryUrl(name: string, moduleUrl: string): URL {
  const ext = new URL(moduleUrl).pathname.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${name}${ext}`, moduleUrl);
}

/**
 * Workers for a pool: one per core the machine offers beyond the first (the main process keeps one),
 * at least 1 and at most `max`.
 */
export function poolSize(max = 2, parallelism: number = availableParallelism()): number {
  return Math.max(1, Math.min(max, parallelism - 1));
}

interface Job {
  id: number;
  input: unknown;
  transfer: Transferable[];
  timeoutMs: number;
  resolve: (o: JobOutcome) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  idleTimer: NodeJS.Timeout | null;
}

export class WorkerPool {
  private readonly size: number;
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private started = 0;
  private closed = false;
  private readonly opts: WorkerPoolOptions;

  constructor(opts: WorkerPoolOptions) {
    this.opts = opts;
    this.size = Math.max(1, Math.floor(opts.size ?? poolSize()));
  }

  /**
   * Runs one job: `input` goes to a worker (`transfer` lists buffers handed over rather than copied),
   * which has `timeoutMs` from the moment it takes the job, its start-up included, to answer.
   */
  run(input: unknown, opts: { timeoutMs: number; transfer?: Transferable[] }): Promise<JobOutcome> {
    if (this.closed) return Promise.resolve({ kind: 'closed' });
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, input, transfer: opts.transfer ?? [], timeoutMs: opts.timeoutMs, resolve });
      this.dispatch();
    });
  }

  stats(): PoolStats {
    let busy = 0;
    for (const s of this.slots) if (s.job) busy++;
    return { workers: this.slots.size, started: this.started, busy, queued: this.queue.length };
  }

  /** Ends every worker; running and queued jobs answer 'closed', later ones too. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.resolve({ kind: 'closed' });
    const ending = [...this.slots].map((s) => this.retire(s, { kind: 'closed' }));
    await Promise.all(ending);
  }

  /** Hands queued jobs to idle workers, and starts workers while there is room. */
  private dispatch(): void {
    while (this.queue.length > 0 && !this.closed) {
      const idle = [...this.slots].find((s) => s.job === null);
      if (idle) {
        this.begin(idle, this.queue.shift()!);
        continue;
      }
      if (this.slots.size >= this.size) return;
      const job = this.queue.shift()!;
      const fresh = this.start(job);
      // null: it could not be started, and that job has answered; the next one tries again.
      if (fresh) this.begin(fresh, job);
    }
  }

  /** A new worker for `job`; null (and the job answered 'not-started') if the constructor throws. */
  private start(job: Job): Slot | null {
    let worker: Worker;
    try {
      worker = new Worker(this.opts.url, {
        ...(this.opts.resourceLimits ? { resourceLimits: this.opts.resourceLimits } : {}),
        // Not the parent's: the entry is plain, natively loadable code, and a dev loader (tsx) inherited
        // from the parent would transform pdf.js again in every worker (some 170 MB each).
        execArgv: [],
      });
    } catch (err) {
      job.resolve({ kind: 'not-started', error: err });
      return null;
    }
    this.started++;
    // A worker never keeps the process alive: a job in progress is awaited by its caller anyway.
    worker.unref();
    const slot: Slot = { worker, ready: false, job: null, timer: null, idleTimer: null };
    this.slots.add(slot);
    worker.on('message', (m: unknown) => this.onMessage(slot, m));
    worker.on('messageerror', () => void this.retire(slot, { kind: 'crashed' }));
    worker.on('error', (err) => void this.retire(slot, slot.ready ? { kind: 'crashed' } : { kind: 'not-started', error: err }));
    worker.on('exit', (code) => void this.retire(slot, slot.ready ? { kind: 'crashed' } : { kind: 'not-started', error: { name: 'WorkerExit', code: String(code) } }));
    return slot;
  }

  private begin(slot: Slot, job: Job): void {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    slot.job = job;
    slot.timer = setTimeout(() => void this.retire(slot, { kind: 'timeout' }), Math.max(0, job.timeoutMs));
    if (slot.ready) this.send(slot, job);
  }

  private send(slot: Slot, job: Job): void {
    try {
      slot.worker.postMessage({ type: 'job', id: job.id, input: job.input }, job.transfer);
    } catch {
      // The input could not be cloned: the job cannot be done by a worker (nor by this one again).
      void this.retire(slot, { kind: 'crashed' });
    }
  }

  private onMessage(slot: Slot, m: unknown): void {
    if (!this.slots.has(slot)) return;
    const msg = m as { type?: unknown; id?: unknown; result?: unknown } | null;
    if (msg?.type === 'ready' && !slot.ready) {
      slot.ready = true;
      if (slot.job) this.send(slot, slot.job);
      else this.idle(slot);
      return;
    }
    if (msg?.type === 'result' && slot.ready && slot.job && msg.id === slot.job.id) {
      const job = slot.job;
      clearTimeout(slot.timer!);
      slot.timer = null;
      slot.job = null;
      job.resolve({ kind: 'result', value: msg.result, threadId: slot.worker.threadId });
      this.idle(slot);
      this.dispatch();
      return;
    }
    // Anything else (an answer before 'ready' or to another job, a second 'ready', garbage) means the
    // worker is not to be trusted: it is ended, and its job fails like a crash (not retried elsewhere).
    void this.retire(slot, { kind: 'crashed' });
  }

  private idle(slot: Slot): void {
    const ms = this.opts.idleMs;
    if (ms === null || ms === undefined || slot.job) return;
    slot.idleTimer = setTimeout(() => void this.retire(slot, { kind: 'closed' }), ms);
    slot.idleTimer.unref();
  }

  /** Ends a worker for good; its job (if any) answers `outcome`; queued jobs go on with other workers. */
  private retire(slot: Slot, outcome: JobOutcome): Promise<unknown> {
    if (!this.slots.delete(slot)) return Promise.resolve();
    if (slot.timer) clearTimeout(slot.timer);
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    const job = slot.job;
    slot.job = null;
    // Its listeners stay (an 'error' without one would throw) but no longer count: the slot is gone.
    const ended = slot.worker.terminate().catch(() => undefined);
    job?.resolve(outcome);
    this.dispatch();
    return ended;
  }
}
