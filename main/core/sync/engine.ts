import { performance } from 'node:perf_hooks';
import type { DfdgErrorInfo, Identity, SyncStatus } from '../../../shared/domain';
import { isDfdgError } from '../dfdg/errors';
import type { DfdgClients } from '../dfdg/types';
import type { Store } from '../store/db';
import { errorName } from '../log';
import { Connectivity } from './connectivity';
import { applyRejected, applySent } from './effects';
import { execute, readBack, type ExecEnv } from './executors';
import { orgKey, type Outbox, type OutboxRecord, type Receipt } from './outbox';
import { decide, failureOf, type Attempt, type Decision, type DfdgFailure, type Outcome, type PolicyLimits } from './policy';
import { WalFlusher } from './walFlush';

export type EngineEvent =
  | { type: 'outbox.changed'; commandId: string | null }
  | { type: 'command.finished'; commandId: string; cpr: string; kind: string; state: 'sent' | 'rejected' }
  | { type: 'sync.progress'; done: number; total: number };

export type Logger = (level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

export interface EngineOptions {
  store: Store;
  outbox: Outbox;
  /** The current clients (null while DFDG is not configured); re-read on every attempt. */
  clients: () => DfdgClients | null;
  identity: () => Identity | null;
  /**
   * The wall clock: for what DFDG and the caseworker see (stored timestamps, the time budget against
   * DFDG's 7-day x-requestId window), never for a delay.
   */
  clock: () => Date;
  /**
   * A monotonic clock in ms (default performance.now): every wait (retry delays, the settle time
   * before a read-back, offline probes, throttling) is measured on it, so a wall-clock change (NTP,
   * daylight saving, a user setting the time) neither shortens nor stretches one.
   */
  monotonic?: () => number;
  connectivity?: Connectivity;
  /** Commands for different citizens in flight at once (default 4). */
  concurrency?: number;
  /** First retry delay (default 2 s). */
  baseDelayMs?: number;
  /** Longest retry delay (default 5 min). */
  maxDelayMs?: number;
  /** Counted tries before a command is given up and shown as rejected (default 25; offline probes and refused handshakes do not count). */
  maxAttempts?: number;
  /**
   * Time budget, from the first try that could have reached DFDG (not from creation: a command written
   * offline has not started it); past it a command is not sent automatically (default 6 days: DFDG
   * remembers an x-requestId for 7, so every automatic resend falls inside DFDG's replay window).
   */
  budgetMs?: number;
  /** Wait after an uncertain outcome before reading back (default 1 s), so a late request lands first. */
  settleMs?: number;
  /**
   * How long an uncertain command is read back (not found) before it may be sent again: at least the
   * DFDG clients' timeout, which DFDG may outlast (default 15 s, the clients' default timeout; a
   * function: the configuration can change).
   */
  readBackWindowMs?: number | (() => number);
  /** While offline: first and longest wait between probes (defaults 2 s and 60 s). */
  probeMs?: number;
  probeMaxMs?: number;
  /** Grace period for in-flight calls on stop() before they are aborted (default 10 s). */
  stopTimeoutMs?: number;
  onEvent?: (e: EngineEvent) => void;
  /** Called inside the transaction that records a command as sent or rejected (e.g. the audit entry). */
  onFinished?: (e: { commandId: string; cpr: string; kind: string; state: 'sent' | 'rejected' }) => void;
  log?: Logger;
  random?: () => number;
}

/**
 * Commands whose DFDG call is idempotent by itself: REST absence commands carry our own id and a
 * stable x-requestId (412/4977 on a replay), so do the REST meeting commands (IndkaldelseService),
 * CreateActivity our own ActivityIdentifier (4977). For
 * these the "sending" mark need not be forced to disk before the call; a message (SOAP, no key) must.
 */
const IDEMPOTENT_AT_DFDG = new Set([
  'absence.create', 'absence.update', 'absence.delete', 'activity.create',
  'meeting.create', 'meeting.update', 'meeting.cancel',
]);

/** Least time between two sync.progress events while draining (the last one comes when drained). */
const PROGRESS_EVERY_MS = 100;
/** Least time between two writes of sync.lastSyncedAt while draining (the last one comes when drained). */
const LAST_SYNCED_EVERY_MS = 1_000;

/** A command chosen for this cycle, with the policy's decision for it. */
interface Head {
  rec: OutboxRecord;
  decision: Decision;
  /** Due and to be sent ('send'): claimed in the cycle's transaction and sent right after its commit. */
  direct: boolean;
}

/** Counters for benchmarks and diagnostics. */
export interface EngineMetrics {
  /** Transactions that recorded outcomes and/or claimed commands. */
  cycles: number;
  /** Of those, committed with a flush to disk (synchronous = FULL). */
  durableCycles: number;
  /** Commands claimed and recorded as sent through cycles (group commit). */
  claimed: number;
  sent: number;
  /** fsyncs of the write-ahead log done off the event loop, and their total time. */
  flushes: number;
  flushMs: number;
}

/**
 * Drains the outbox: one DFDG call per command, commands for one citizen strictly in order, a small
 * bounded concurrency across citizens, and a pause (one probe at a time) while DFDG cannot be reached
 * or refuses the secure connection over a certificate. What happens after each outcome (sent,
 * rejected, retry with backoff, read back before any resend, held, given up) is the policy's
 * decision (policy.ts); the engine carries it out and decides nothing itself.
 *
 * Group commit: each cycle is ONE transaction that records every command DFDG has confirmed since the
 * last cycle as sent (with its local effect and audit entry) and claims the next command of every
 * citizen with a free lane as 'sending'; the calls go out right after the commit. One flush to disk
 * covers N commands, and nothing is sent before its claim is committed. A message's claim is always
 * flushed to disk before its call (after a crash it is read back, never sent blind); a cycle that only
 * claims idempotent REST commands may skip the flush, as before.
 */
export class SyncEngine {
  readonly connectivity: Connectivity;
  private readonly o: Required<Omit<EngineOptions, 'connectivity' | 'onEvent' | 'log' | 'onFinished' | 'readBackWindowMs'>> & Pick<EngineOptions, 'onEvent' | 'log' | 'onFinished'>;
  private readonly limits: Omit<PolicyLimits, 'readBackWindowMs'>;
  private readonly readBackWindowMs: () => number;
  /**
   * Since when (monotonic) each uncertain command has been uncertain: set at the outcome that made it
   * so, or when this run first sees it uncertain (after a restart: the window starts again, which only
   * delays a resend); cleared when it is claimed for a send or finishes.
   */
  private readonly uncertainSince = new Map<string, number>();
  /**
   * When each waiting command is due, on the monotonic clock, with the stored (wall-clock)
   * next_attempt_at it stands for: a row whose stored time changed (retry now, a new wait) is read again.
   */
  private readonly waits = new Map<string, { stored: string; at: number }>();
  /** The earliest due time (monotonic) of a waiting head seen by the last selection. */
  private nextWake = Infinity;
  /** Commands DFDG has answered, waiting for the next cycle to record them as sent. */
  private finishing: { rec: OutboxRecord; receipt: Receipt; done: () => void }[] = [];
  /** Confirmed commands until their "sent" is on disk, with the promise that settles then. */
  private readonly committing = new Map<string, Promise<void>>();
  /** Citizens whose latest "sent" is committed but not yet on disk: the flush their next command waits for. */
  private readonly unflushed = new Map<string, Promise<void>>();
  private readonly flusher: WalFlusher;
  /** The latest flush a cycle asked for (stop() waits for it). */
  private lastFlush: Promise<void> = Promise.resolve();
  private cycleScheduled = false;
  private running = false;
  private stopping = false;
  private readonly inFlight = new Map<string, { cpr: string; promise: Promise<void>; abort: AbortController }>();
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  private probeDelay: number;
  private nextProbeAt = 0;
  private session = { done: 0 };
  private lastProgressAt = -Infinity;
  /** When sync.lastSyncedAt was last written, and a newer value waiting to be written. */
  private lastSyncedWrittenAt = -Infinity;
  private lastSyncedPending: string | null = null;
  private lastError: string | null = null;
  private drainWaiters: (() => void)[] = [];
  private unsubscribe: (() => void) | null = null;
  private readonly counters = { cycles: 0, durableCycles: 0, claimed: 0, sent: 0 };

  constructor(opts: EngineOptions) {
    this.connectivity = opts.connectivity ?? new Connectivity();
    this.o = {
      store: opts.store,
      outbox: opts.outbox,
      clients: opts.clients,
      identity: opts.identity,
      clock: opts.clock,
      monotonic: opts.monotonic ?? (() => performance.now()),
      concurrency: opts.concurrency ?? 4,
      baseDelayMs: opts.baseDelayMs ?? 2_000,
      maxDelayMs: opts.maxDelayMs ?? 300_000,
      maxAttempts: opts.maxAttempts ?? 25,
      budgetMs: opts.budgetMs ?? 6 * 86_400_000,
      settleMs: opts.settleMs ?? 1_000,
      probeMs: opts.probeMs ?? 2_000,
      probeMaxMs: opts.probeMaxMs ?? 60_000,
      stopTimeoutMs: opts.stopTimeoutMs ?? 10_000,
      random: opts.random ?? Math.random,
      onEvent: opts.onEvent,
      onFinished: opts.onFinished,
      log: opts.log,
    };
    this.limits = { baseDelayMs: this.o.baseDelayMs, maxDelayMs: this.o.maxDelayMs, maxAttempts: this.o.maxAttempts, budgetMs: this.o.budgetMs, settleMs: this.o.settleMs };
    const window = opts.readBackWindowMs ?? 15_000;
    this.readBackWindowMs = typeof window === 'function' ? window : () => window;
    this.probeDelay = this.o.probeMs;
    this.flusher = new WalFlusher(opts.store);
  }

  /** Marks commands interrupted mid-send as uncertain and starts draining. */
  start(): void {
    if (this.running) return;
    const n = this.o.outbox.recoverInterrupted();
    if (n) this.log('info', 'outbox: commands interrupted while sending will be read back before any resend', { count: n });
    this.running = true;
    this.stopping = false;
    this.unsubscribe = this.connectivity.onChange((online) => {
      if (online) {
        this.probeDelay = this.o.probeMs;
        this.nextProbeAt = 0;
      }
      this.kick();
    });
    this.kick();
  }

  /** Stops taking new commands, lets in-flight calls finish (aborting them after the grace period). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.running = false;
    this.clearTimer();
    this.unsubscribe?.();
    this.unsubscribe = null;
    const pending = [...this.inFlight.values()];
    if (pending.length) {
      const grace = new Promise<void>((r) => setTimeout(r, this.o.stopTimeoutMs).unref());
      await Promise.race([Promise.allSettled(pending.map((p) => p.promise)), grace]);
      for (const p of this.inFlight.values()) p.abort.abort();
      await Promise.allSettled([...this.inFlight.values()].map((p) => p.promise));
    }
    // Record what DFDG confirmed, and have it on disk, before the store closes.
    this.pump();
    await this.lastFlush;
  }

  /** Look at the queue now (after an enqueue, retry-now, or connectivity change). */
  kick(): void {
    if (!this.running) return;
    this.scheduleCycle();
  }

  get draining(): boolean {
    return this.inFlight.size > 0;
  }

  status(): SyncStatus {
    return this.o.outbox.status({ online: this.connectivity.online, draining: this.draining, lastError: this.lastError });
  }

  metrics(): EngineMetrics {
    const f = this.flusher.stats;
    return { ...this.counters, flushes: f.flushes, flushMs: f.ms };
  }

  /** Whether a call or a read-back of this command is under way, or its "sent" is being recorded. */
  busy(id: string): boolean {
    return this.inFlight.has(id) || this.committing.has(id);
  }

  /** Waits (up to `timeoutMs`) for an in-flight attempt of this command to finish. */
  async whenSettled(id: string, timeoutMs = 3_000): Promise<void> {
    const f = this.inFlight.get(id);
    const timeout = new Promise<void>((r) => setTimeout(r, timeoutMs).unref());
    if (f) await Promise.race([f.promise, timeout]);
    const c = this.committing.get(id);
    if (c) await Promise.race([c, timeout]);
  }

  /** Resolves when nothing is pending or in flight (tests, benchmarks, shutdown helpers). */
  whenDrained(timeoutMs = 60_000): Promise<void> {
    if (this.isDrained()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`outbox not drained within ${timeoutMs} ms (${this.o.outbox.countPending()} pending)`)), timeoutMs);
      this.drainWaiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  private isDrained(): boolean {
    return this.inFlight.size === 0 && this.committing.size === 0 && this.o.store.isOpen && this.o.outbox.countPending() === 0;
  }

  private log(level: Parameters<Logger>[0], message: string, fields?: Record<string, unknown>): void {
    this.o.log?.(level, message, fields);
  }

  private emit(e: EngineEvent): void {
    try {
      this.o.onEvent?.(e);
    } catch (err) {
      this.log('error', 'engine event listener failed', { error: errorName(err) });
    }
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Infinity;
  }

  /** Wakes the drain at `at` on the monotonic clock. */
  private schedule(at: number): void {
    if (!this.running || at >= this.timerAt) return;
    this.clearTimer();
    this.timerAt = at;
    const delay = Math.max(0, at - this.o.monotonic());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Infinity;
      this.pump();
    }, Math.min(delay, 2_147_000_000));
    this.timer.unref?.();
  }

  /**
   * One cycle soon, after the current I/O phase: completions that arrive together (several sockets
   * readable at once, or answers that came in while a commit was running) share one transaction.
   */
  private scheduleCycle(): void {
    if (this.cycleScheduled) return;
    this.cycleScheduled = true;
    setImmediate(() => {
      this.cycleScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    if (!this.o.store.isOpen) return;
    try {
      this.cycle();
    } catch (e) {
      // A store error must not kill the drain loop silently: log and look again a little later.
      this.log('error', 'outbox: drain loop failed', { error: errorName(e) });
      this.schedule(this.o.monotonic() + this.o.baseDelayMs);
    }
  }

  /** How many commands this cycle may start, for which organisation; null when none. `mono`: the monotonic clock. */
  private lanes(mono: number): { free: number; org: string; online: boolean } | null {
    if (!this.running || this.stopping) return null;
    const identity = this.o.identity();
    if (!this.o.clients() || !identity) return null;
    const online = this.connectivity.online;
    if (!online) {
      // Offline: one probe at a time, spaced out; everything else waits.
      if (this.inFlight.size > 0) return null;
      if (mono < this.nextProbeAt) {
        this.schedule(this.nextProbeAt);
        return null;
      }
    }
    const free = (online ? this.o.concurrency : 1) - this.inFlight.size;
    // Only the current organisation's commands: a command is sent as the organisation that made it.
    return free > 0 ? { free, org: orgKey(identity), online } : null;
  }

  /** The oldest due command of each citizen with nothing in flight, and the policy's decision for each. */
  private selectHeads(lanes: { free: number; org: string }, mono: number, wallMs: number): Head[] {
    const { outbox } = this.o;
    const busyCpr = new Set<string>();
    for (const f of this.inFlight.values()) busyCpr.add(f.cpr);
    this.nextWake = Infinity;
    const heads = outbox.dueHeads(
      lanes.org,
      lanes.free,
      (id, cpr) => this.inFlight.has(id) || this.committing.has(id) || busyCpr.has(cpr),
      (id, nextAttemptAt) => this.waiting(id, nextAttemptAt, mono, wallMs),
    );
    const out: Head[] = [];
    for (const h of heads) {
      let rec = outbox.get(h.id);
      if (!rec) continue;
      // Found 'sending' with nothing in flight (a cycle that failed to record it): it may have reached
      // DFDG, so it is read back before anything is sent.
      if (rec.state === 'sending' && !rec.uncertain) rec = { ...rec, uncertain: true };
      const decision = this.decide(rec.command ? { type: 'due' } : { type: 'unreadable' }, this.attemptOf(rec, { counted: false, probe: false }), wallMs);
      out.push({ rec, decision, direct: decision.next === 'send' });
    }
    return out;
  }

  /**
   * Whether a command still waits for its next try. Its wait is measured on the monotonic clock; a
   * stored due time this run did not set (an earlier run, "retry now") is taken onto it once.
   */
  private waiting(id: string, stored: string | null, mono: number, wallMs: number): boolean {
    if (stored === null) return false;
    let w = this.waits.get(id);
    if (!w || w.stored !== stored) {
      w = { stored, at: mono + (Date.parse(stored) - wallMs) };
      this.waits.set(id, w);
    }
    if (!(w.at > mono)) return false;
    this.nextWake = Math.min(this.nextWake, w.at);
    return true;
  }

  /** The outbox policy (policy.ts), with this engine's limits and the wall clock for the time budget. */
  private decide(outcome: Outcome, attempt: Attempt, wallMs = this.o.clock().getTime()): Decision {
    return decide(outcome, attempt, { limits: { ...this.limits, readBackWindowMs: this.readBackWindowMs() }, now: wallMs, random: this.o.random });
  }

  /** The try as the policy sees it; `fresh`: read the stored count again (after a claim); `readBack`: the outcome is a read-back's. */
  private attemptOf(rec: OutboxRecord, o: { counted: boolean; probe: boolean; uncertain?: boolean; readBack?: boolean; fresh?: boolean }): Attempt {
    const cur = o.fresh ? (this.o.outbox.get(rec.id) ?? rec) : rec;
    // A read-back's answer belongs to a command that was uncertain when it went out.
    const uncertainForMs = (o.uncertain ?? rec.uncertain) || o.readBack ? this.o.monotonic() - this.markUncertain(rec.id) : null;
    return {
      kind: rec.kind,
      attempts: cur.attempts,
      counted: o.counted,
      uncertain: o.uncertain ?? rec.uncertain,
      probe: o.probe,
      firstAttemptAt: cur.firstAttemptAt === null ? null : Date.parse(cur.firstAttemptAt),
      uncertainForMs,
    };
  }

  /**
   * One transaction: record every confirmed command as sent (its local effect, the audit entry), then
   * claim the next head of each free lane. After the commit, start the claimed calls: an idempotent
   * REST command at once, a message once the commit is on disk. Confirmed commands are reported sent
   * (event, whenSettled, whenDrained) once their commit is on disk.
   */
  private cycle(): void {
    const { store, outbox } = this.o;
    const batch = this.finishing;
    this.finishing = [];
    const now = this.o.clock();
    const wallMs = now.getTime();
    const at = now.toISOString();
    const mono = this.o.monotonic();
    const lanes = this.lanes(mono);
    // Without outcomes to record, the heads are known before the transaction, so it is flushed to disk
    // only when a claimed command needs it. With outcomes, a citizen's next command becomes its head
    // only once its predecessor is recorded, so the heads are chosen inside the transaction.
    let heads: Head[] | null = null;
    if (!batch.length) {
      heads = lanes ? this.selectHeads(lanes, mono, wallMs) : [];
      if (!heads.length) {
        this.afterCycle(lanes, 0);
        return;
      }
    }
    let started: Head[] = [];
    /** Of the batch, the commands recorded as sent (not one decided otherwise while its call was out). */
    let recorded: typeof batch = [];
    const work = () => {
      recorded = [];
      for (const b of batch) {
        const { rec, receipt } = b;
        if (!outbox.markSent(rec.id, receipt, at)) continue;
        recorded.push(b);
        applySent(store, outbox, rec, receipt, at);
        this.o.onFinished?.({ commandId: rec.id, cpr: rec.cpr, kind: rec.kind, state: 'sent' });
      }
      if (batch.length) this.noteSynced(at, mono);
      const chosen = heads ?? (lanes ? this.selectHeads(lanes, mono, wallMs) : []);
      started = chosen.filter((h) => !h.direct || outbox.markSending(h.rec.id, at));
    };
    const mustFlush = () => batch.length > 0 || started.some((h) => h.direct && !IDEMPOTENT_AT_DFDG.has(h.rec.kind));
    try {
      // Known up front: flush inside the commit only when needed and the flush cannot be done apart.
      if (!this.flusher.asynchronous && (batch.length > 0 || heads!.some((h) => h.direct && !IDEMPOTENT_AT_DFDG.has(h.rec.kind)))) store.transaction(work);
      else this.flusher.commitUnflushed(work);
    } catch (e) {
      // Nothing of the cycle was recorded: the confirmed commands stay 'sending' and are read back
      // before anything is sent again; nothing was claimed. Look again a little later.
      this.log('error', 'outbox: could not record a drain cycle', { sent: batch.length, error: errorName(e) });
      for (const b of batch) {
        this.committing.delete(b.rec.id);
        b.done();
      }
      this.schedule(mono + this.o.baseDelayMs);
      return;
    }
    this.counters.cycles++;
    for (const b of batch) this.waits.delete(b.rec.id);
    // A late answer for a command no longer pending (cancelled, rejected meanwhile) changes nothing.
    for (const b of batch) {
      if (recorded.includes(b)) continue;
      this.log('warn', 'outbox: DFDG answered a command that was no longer pending; its state was kept', { commandId: b.rec.id, kind: b.rec.kind, state: outbox.get(b.rec.id)?.state });
      this.committing.delete(b.rec.id);
      b.done();
    }
    for (const h of started) this.waits.delete(h.rec.id);
    // A claimed send starts afresh: an uncertain outcome of it opens a new read-back window.
    for (const h of started) if (h.direct) this.uncertainSince.delete(h.rec.id);
    let onDisk: Promise<void> | null = null;
    if (mustFlush()) {
      this.counters.durableCycles++;
      onDisk = this.flusher.durable();
      this.lastFlush = onDisk;
    }
    if (recorded.length) {
      this.lastError = null;
      const done = recorded;
      void (onDisk ?? Promise.resolve()).then(
        () => this.reportSent(done),
        (e: unknown) => {
          // The commit is in the WAL (safe from a crash of this process) but could not be flushed.
          this.log('error', 'outbox: could not flush the drain log to disk', { error: errorName(e) });
          this.reportSent(done);
        },
      );
    }
    if (started.length && lanes && !lanes.online) {
      this.nextProbeAt = mono + this.probeDelay;
      this.probeDelay = Math.min(this.o.probeMaxMs, this.probeDelay * 2);
    }
    if (batch.length && onDisk) {
      const flushed = onDisk;
      for (const b of batch) this.unflushed.set(b.rec.cpr, flushed);
      const forget = () => {
        for (const b of batch) if (this.unflushed.get(b.rec.cpr) === flushed) this.unflushed.delete(b.rec.cpr);
      };
      flushed.then(forget, forget);
    }
    const probe = lanes !== null && !lanes.online;
    for (const h of started) {
      if (h.direct) this.counters.claimed++;
      // A message goes out only once its claim is on disk. Any command waits until its citizen's
      // previous outcome is on disk: after a power loss DFDG must never hold a command whose
      // predecessor we would send again.
      const previous = this.unflushed.get(h.rec.cpr);
      const gate = h.direct && onDisk && !IDEMPOTENT_AT_DFDG.has(h.rec.kind) ? onDisk : previous ? previous.catch(() => undefined) : null;
      this.startTask(h, gate, probe);
    }
    const changed = batch.length + started.length;
    if (changed) this.emit({ type: 'outbox.changed', commandId: changed === 1 ? (batch[0]?.rec.id ?? started[0]!.rec.id) : null });
    this.afterCycle(lanes, started.length);
  }

  /** Confirmed commands whose "sent" is on disk: tell the listeners, release the waiters. */
  private reportSent(batch: { rec: OutboxRecord; done: () => void }[]): void {
    for (const { rec, done } of batch) {
      this.session.done++;
      this.counters.sent++;
      this.emit({ type: 'command.finished', commandId: rec.id, cpr: rec.cpr, kind: rec.kind, state: 'sent' });
      this.committing.delete(rec.id);
      done();
    }
    this.progress(false);
    this.checkDrained();
  }

  private afterCycle(lanes: { free: number; org: string } | null, started: number): void {
    // All lanes busy: their completions bring the next cycle. Otherwise wake up for the next retry
    // (the selection saw every waiting head: it stops early only when every lane was filled).
    if (lanes && started < lanes.free && this.nextWake < Infinity) this.schedule(this.nextWake);
    this.progress(false);
    this.checkDrained();
  }

  /** sync.progress at most every PROGRESS_EVERY_MS while draining, and once when drained. */
  private progress(final: boolean): void {
    if (this.session.done === 0) return;
    const t = this.o.monotonic();
    if (final) {
      this.emit({ type: 'sync.progress', done: this.session.done, total: this.session.done });
      this.session = { done: 0 };
      this.lastProgressAt = t;
      return;
    }
    if (t - this.lastProgressAt < PROGRESS_EVERY_MS) return;
    this.lastProgressAt = t;
    this.emit({ type: 'sync.progress', done: this.session.done, total: this.session.done + this.o.outbox.countPending() });
  }

  /** sync.lastSyncedAt (wall clock), written at most every LAST_SYNCED_EVERY_MS (monotonic) during a drain (one page less per cycle). */
  private noteSynced(at: string, mono: number): void {
    if (mono - this.lastSyncedWrittenAt >= LAST_SYNCED_EVERY_MS) {
      this.o.store.kv.set('sync.lastSyncedAt', at);
      this.lastSyncedWrittenAt = mono;
      this.lastSyncedPending = null;
    } else {
      this.lastSyncedPending = at;
    }
  }

  private checkDrained(): void {
    if (!this.isDrained()) return;
    if (this.lastSyncedPending) {
      const at = this.lastSyncedPending;
      this.lastSyncedPending = null;
      this.lastSyncedWrittenAt = this.o.monotonic();
      this.o.store.kv.set('sync.lastSyncedAt', at);
    }
    this.progress(true);
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const w of waiters) w();
  }

  /** Runs a head's decisions in the background. `probe`: started while offline, to find out whether DFDG is back. */
  private startTask(head: Head, gate: Promise<void> | null, probe: boolean): void {
    const { rec } = head;
    const abort = new AbortController();
    const run = () => this.run(rec, head.decision, head.direct, abort.signal, probe);
    const promise = (gate ? gate.then(run) : run())
      .catch((e) => this.log('error', 'outbox task failed unexpectedly', { commandId: rec.id, error: errorName(e) }))
      .finally(() => {
        this.inFlight.delete(rec.id);
        this.scheduleCycle();
      });
    this.inFlight.set(rec.id, { cpr: rec.cpr, promise, abort });
  }

  private env(signal: AbortSignal, rec: OutboxRecord): ExecEnv | null {
    const clients = this.o.clients();
    const identity = this.o.identity();
    if (!clients || !identity || orgKey(identity) !== rec.org) return null;
    // The command's x-requestId goes with every write of it (SOAP too), so each try can be traced to it.
    return { clients, ctx: { identity, userType: 2, signal, requestId: rec.requestId }, store: this.o.store, outbox: this.o.outbox };
  }

  /**
   * Carries out the policy's decisions for one command until it rests (sent, rejected, or waiting as
   * 'failed'): read back, claim and send, each outcome decided again by the policy. `claimed`: the
   * cycle's commit already claimed it, so it goes out at once (the fast path).
   */
  private async run(rec: OutboxRecord, first: Decision, claimed: boolean, signal: AbortSignal, probe: boolean): Promise<void> {
    let d = first;
    let counted = claimed;
    /** Why the current read-back runs: DFDG said it had seen the request (412/4977), or null (an uncertain outcome). */
    let replay: DfdgFailure | null = null;
    let env: ExecEnv | null = null;
    for (;;) {
      switch (d.next) {
        case 'sent':
          // DFDG has it. The lane is free for another citizen now; this citizen's next command is
          // claimed in the cycle that records this one as sent.
          if (d.row === 'read-back found it') this.log('info', 'outbox: uncertain command found applied at DFDG', { commandId: rec.id, kind: rec.kind });
          void this.finishSent(rec, d.receipt);
          return;
        case 'rejected':
          this.reject(rec, d.error);
          return;
        case 'retry':
          this.retryLater(rec, d);
          return;
        case 'held':
          this.hold(rec, d);
          return;
        case 'aborted':
          this.markUncertain(rec.id);
          this.o.outbox.markFailed(rec.id, d.error, this.waitUntil(rec.id, 0), true);
          return;
        case 'read-back-later':
          this.readBackLater(rec, d);
          return;
      }
      env ??= this.env(signal, rec);
      if (!env) {
        // The configuration changed: nothing went out. A claimed command waits (its try given back).
        if (!counted) return;
        d = this.decide({ type: 'not-configured' }, this.attemptOf(rec, { counted, probe, fresh: true }));
        continue;
      }
      const cmd = rec.command!;
      const readingBack = d.next === 'read-back';
      let outcome: Outcome;
      try {
        if (readingBack) {
          // As stored now: the first try (where the read-back starts looking) may have been made in this run.
          const rb = await readBack(env, this.o.outbox.get(rec.id) ?? rec, cmd);
          this.connectivity.reportSuccess();
          outcome = rb.applied ? { type: 'read-back', found: true, receipt: rb.receipt } : { type: 'read-back', found: false, replay };
        } else {
          if (!counted) {
            // A message must be durably marked "sending" before it goes out (after a crash it is then
            // read back, never sent blind); an idempotent REST command may skip the disk flush. A
            // command cancelled meanwhile is not claimed.
            const at = this.o.clock().toISOString();
            const claim = () => this.o.outbox.markSending(rec.id, at);
            if (!(IDEMPOTENT_AT_DFDG.has(rec.kind) ? this.flusher.commitUnflushed(claim) : this.o.store.transaction(claim))) return;
            counted = true;
            this.waits.delete(rec.id);
            this.uncertainSince.delete(rec.id);
            this.emit({ type: 'outbox.changed', commandId: rec.id });
          }
          outcome = { type: 'answered', receipt: await execute(env, rec, cmd) };
          this.connectivity.reportSuccess();
        }
      } catch (e) {
        if (isDfdgError(e)) this.connectivity.reportFailure(e);
        const failure = failureOf(e);
        if (failure.source === 'unknown') this.log('warn', 'outbox: unexpected error while sending', { commandId: rec.id, kind: rec.kind, error: errorName(e) });
        outcome = { type: 'failed', failure };
      }
      // While a read-back has not answered, the command stays uncertain, and the read-back is no claimed
      // try. A call goes out only once nothing is uncertain (a read-back found nothing, or none was needed).
      const uncertain = readingBack && outcome.type === 'failed';
      d = this.decide(outcome, this.attemptOf(rec, { counted: readingBack ? false : counted, uncertain, readBack: readingBack, probe, fresh: true }));
      if (outcome.type === 'failed' && outcome.failure.source === 'dfdg' && d.next === 'read-back') replay = outcome.failure;
    }
  }

  /**
   * Hands a confirmed command to the next cycle, which records it as sent together with whatever else
   * finished meanwhile (group commit). Resolves after that commit.
   */
  private finishSent(rec: OutboxRecord, receipt: Receipt): Promise<void> {
    this.uncertainSince.delete(rec.id);
    const p = new Promise<void>((resolve) => {
      this.finishing.push({ rec, receipt, done: resolve });
      this.scheduleCycle();
    });
    this.committing.set(rec.id, p);
    return p;
  }

  private reject(rec: OutboxRecord, error: DfdgErrorInfo): void {
    const { store, outbox } = this.o;
    this.waits.delete(rec.id);
    this.uncertainSince.delete(rec.id);
    const done = store.transaction(() => {
      if (!outbox.markRejected(rec.id, error)) return false;
      applyRejected(store, outbox, rec);
      this.o.onFinished?.({ commandId: rec.id, cpr: rec.cpr, kind: rec.kind, state: 'rejected' });
      return true;
    });
    if (!done) {
      this.log('warn', 'outbox: a refusal for a command no longer pending was not recorded', { commandId: rec.id, kind: rec.kind });
      return;
    }
    this.session.done++;
    this.log('info', 'outbox: rejected', { commandId: rec.id, kind: rec.kind, code: error.code, service: error.service });
    this.emit({ type: 'command.finished', commandId: rec.id, cpr: rec.cpr, kind: rec.kind, state: 'rejected' });
    this.emit({ type: 'outbox.changed', commandId: rec.id });
  }

  /** The wall-clock time stored as next_attempt_at for a wait of `delayMs`, kept on the monotonic clock too. */
  private waitUntil(id: string, delayMs: number): string {
    const stored = new Date(this.o.clock().getTime() + delayMs).toISOString();
    this.waits.set(id, { stored, at: this.o.monotonic() + delayMs });
    return stored;
  }

  /** Since when (monotonic) the command has been uncertain; from now if not known yet. */
  private markUncertain(id: string): number {
    let since = this.uncertainSince.get(id);
    if (since === undefined) this.uncertainSince.set(id, (since = this.o.monotonic()));
    return since;
  }

  /** Not found yet within the read-back window (policy: read-back-later): uncertain, read back again after the delay. */
  private readBackLater(rec: OutboxRecord, d: Extract<Decision, { next: 'read-back-later' }>): void {
    this.o.outbox.markAwaitingReadBack(rec.id, this.waitUntil(rec.id, d.delayMs));
    this.emit({ type: 'outbox.changed', commandId: rec.id });
  }

  /** Waits as 'failed' for another try (policy: retry). */
  private retryLater(rec: OutboxRecord, d: Extract<Decision, { next: 'retry' }>): void {
    if (d.uncertain) this.markUncertain(rec.id);
    else this.uncertainSince.delete(rec.id);
    if (d.renewRequestId) this.o.outbox.renewRequestId(rec.id);
    this.o.outbox.markFailed(rec.id, d.error, this.waitUntil(rec.id, d.delayMs), d.uncertain, d.attemptDelta);
    this.lastError = d.error.text;
    this.emit({ type: 'outbox.changed', commandId: rec.id });
  }

  /**
   * Held back on our side of the line (policy: held): the secure connection was refused (kind 'tls':
   * the server's certificate is not trusted, or ours was refused), or the configuration changed. Nothing
   * reached DFDG, so this is no rejection and costs no attempt: the command waits as 'failed' (for a
   * certificate, with advice to check Indstillinger), and the drain pauses like offline (connectivity
   * cause 'tls') until a probe gets through or the settings change.
   */
  private hold(rec: OutboxRecord, d: Extract<Decision, { next: 'held' }>): void {
    if (d.uncertain) this.markUncertain(rec.id);
    this.o.outbox.markHeld(rec.id, d.error, this.waitUntil(rec.id, d.delayMs), d.uncertain, d.giveBack);
    this.lastError = d.error.text;
    if (d.error.kind === 'tls') {
      this.log('warn', 'outbox: secure connection refused; command held until the certificate is fixed', { commandId: rec.id, kind: rec.kind, service: d.error.service, operation: d.error.operation });
    }
    this.emit({ type: 'outbox.changed', commandId: rec.id });
  }
}
