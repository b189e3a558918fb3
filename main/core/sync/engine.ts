import type { DfdgErrorInfo, Identity, SyncStatus } from '../../../shared/domain';
import { isDfdgError, type DfdgError } from '../dfdg/errors';
import type { DfdgClients } from '../dfdg/types';
import type { Store } from '../store/db';
import { backoffDelay } from './backoff';
import type { AnyCommand } from './commands';
import { Connectivity } from './connectivity';
import { applyRejected, applySent } from './effects';
import { execute, LocalCommandError, readBack, type ExecEnv } from './executors';
import { localError, orgKey, type Outbox, type OutboxRecord, type Receipt } from './outbox';

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
  clock: () => Date;
  connectivity?: Connectivity;
  /** Commands for different citizens in flight at once (default 4). */
  concurrency?: number;
  /** First retry delay (default 2 s). */
  baseDelayMs?: number;
  /** Longest retry delay (default 5 min). */
  maxDelayMs?: number;
  /** Attempts before a command is given up and shown as rejected (default 25). */
  maxAttempts?: number;
  /** Time budget from creation; older commands are not sent automatically (default 6 days: DFDG remembers x-requestId for 7). */
  budgetMs?: number;
  /** Wait after an uncertain outcome before reading back (default 1 s), so a late request lands first. */
  settleMs?: number;
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
 * stable x-requestId (412/4977 on a replay), CreateActivity our own ActivityIdentifier (4977). For
 * these the "sending" mark need not be forced to disk before the call; a message (SOAP, no key) must.
 */
const IDEMPOTENT_AT_DFDG = new Set(['absence.create', 'absence.update', 'absence.delete', 'activity.create']);

const REPLAY_CODES = new Set([412, 4977]);

/**
 * Drains the outbox: one DFDG call per command, commands for one citizen strictly in order, a small
 * bounded concurrency across citizens, retries with backoff and jitter, read-back before any resend
 * after an uncertain outcome, and a pause (one probe at a time) while DFDG cannot be reached.
 */
export class SyncEngine {
  readonly connectivity: Connectivity;
  private readonly o: Required<Omit<EngineOptions, 'connectivity' | 'onEvent' | 'log' | 'onFinished'>> & Pick<EngineOptions, 'onEvent' | 'log' | 'onFinished'>;
  private finishing: { rec: OutboxRecord; receipt: Receipt; done: () => void }[] = [];
  private finishScheduled = false;
  /** Commands DFDG has answered whose "sent" is waiting for the next group commit. */
  private readonly committing = new Set<string>();
  private running = false;
  private stopping = false;
  private readonly inFlight = new Map<string, { cpr: string; promise: Promise<void>; abort: AbortController }>();
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  private probeDelay: number;
  private nextProbeAt = 0;
  private session = { done: 0 };
  private lastError: string | null = null;
  private drainWaiters: (() => void)[] = [];
  private unsubscribe: (() => void) | null = null;

  constructor(opts: EngineOptions) {
    this.connectivity = opts.connectivity ?? new Connectivity();
    this.o = {
      store: opts.store,
      outbox: opts.outbox,
      clients: opts.clients,
      identity: opts.identity,
      clock: opts.clock,
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
    this.probeDelay = this.o.probeMs;
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
    if (!pending.length) return;
    const grace = new Promise<void>((r) => setTimeout(r, this.o.stopTimeoutMs).unref());
    await Promise.race([Promise.allSettled(pending.map((p) => p.promise)), grace]);
    for (const p of this.inFlight.values()) p.abort.abort();
    await Promise.allSettled([...this.inFlight.values()].map((p) => p.promise));
    this.flushFinished();
  }

  /** Look at the queue now (after an enqueue, retry-now, or connectivity change). */
  kick(): void {
    if (!this.running) return;
    queueMicrotask(() => this.pump());
  }

  get draining(): boolean {
    return this.inFlight.size > 0;
  }

  status(): SyncStatus {
    return this.o.outbox.status({ online: this.connectivity.online, draining: this.draining, lastError: this.lastError });
  }

  /** Waits (up to `timeoutMs`) for an in-flight attempt of this command to finish. */
  async whenSettled(id: string, timeoutMs = 3_000): Promise<void> {
    const f = this.inFlight.get(id);
    if (f) await Promise.race([f.promise, new Promise<void>((r) => setTimeout(r, timeoutMs).unref())]);
    for (let i = 0; i < 100 && this.committing.has(id); i++) await new Promise((r) => setImmediate(r));
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
    return this.inFlight.size === 0 && this.committing.size === 0 && this.o.outbox.countPending() === 0;
  }

  private log(level: Parameters<Logger>[0], message: string, fields?: Record<string, unknown>): void {
    this.o.log?.(level, message, fields);
  }

  private emit(e: EngineEvent): void {
    try {
      this.o.onEvent?.(e);
    } catch (err) {
      this.log('error', 'engine event listener failed', { error: String(err) });
    }
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Infinity;
  }

  private schedule(at: number): void {
    if (!this.running || at >= this.timerAt) return;
    this.clearTimer();
    this.timerAt = at;
    const delay = Math.max(0, at - this.o.clock().getTime());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Infinity;
      this.pump();
    }, Math.min(delay, 2_147_000_000));
    this.timer.unref?.();
  }

  private pump(): void {
    try {
      this.pumpUnsafe();
    } catch (e) {
      // A store error must not kill the drain loop silently: log and look again a little later.
      this.log('error', 'outbox: drain loop failed', { error: e instanceof Error ? e.name : String(e) });
      this.schedule(this.o.clock().getTime() + this.o.baseDelayMs);
    }
  }

  private pumpUnsafe(): void {
    if (!this.running || this.stopping) return;
    if (!this.o.clients() || !this.o.identity()) return;
    const now = this.o.clock().getTime();
    const online = this.connectivity.online;
    if (!online) {
      // Offline: one probe at a time, spaced out; everything else waits.
      if (this.inFlight.size > 0) return;
      if (now < this.nextProbeAt) {
        this.schedule(this.nextProbeAt);
        return;
      }
    }
    const slots = online ? this.o.concurrency : 1;
    const free = slots - this.inFlight.size;
    if (free > 0) {
      // Only the current organisation's commands: a command is sent as the organisation that made it.
      const org = orgKey(this.o.identity()!);
      const busyCpr = new Set([...this.inFlight.values()].map((f) => f.cpr));
      const heads = this.o.outbox.dueHeads(org, new Date(now).toISOString(), free, (id, cpr) => this.inFlight.has(id) || this.committing.has(id) || busyCpr.has(cpr));
      for (const h of heads) {
        if (!online) {
          this.nextProbeAt = now + this.probeDelay;
          this.probeDelay = Math.min(this.o.probeMaxMs, this.probeDelay * 2);
        }
        this.startTask(h.id, h.cpr);
      }
    }
    const nextDue = this.o.outbox.nextDueAt(orgKey(this.o.identity()!), new Date(now).toISOString());
    const earliest = nextDue ? Date.parse(nextDue) : Infinity;
    if (earliest < Infinity) this.schedule(earliest);
    this.checkDrained();
  }

  private checkDrained(): void {
    if (!this.isDrained()) return;
    if (this.session.done > 0) {
      this.emit({ type: 'sync.progress', done: this.session.done, total: this.session.done });
      this.session = { done: 0 };
    }
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const w of waiters) w();
  }

  private startTask(id: string, cpr: string): void {
    const abort = new AbortController();
    const promise = this.runTask(id, abort.signal)
      .catch((e) => this.log('error', 'outbox task failed unexpectedly', { commandId: id, error: e instanceof Error ? e.name : String(e) }))
      .finally(() => {
        this.inFlight.delete(id);
        this.emit({ type: 'sync.progress', done: this.session.done, total: this.session.done + this.o.outbox.countPending() });
        if (this.running) this.pump();
        else this.checkDrained();
      });
    this.inFlight.set(id, { cpr, promise, abort });
  }

  private async runTask(id: string, signal: AbortSignal): Promise<void> {
    const { outbox, store } = this.o;
    const rec = outbox.get(id);
    if (!rec || !['queued', 'sending', 'failed'].includes(rec.state)) return;
    const clients = this.o.clients();
    const identity = this.o.identity();
    if (!clients || !identity || orgKey(identity) !== rec.org) return;
    const cmd = rec.command;
    if (!cmd) {
      this.reject(rec, localError('quarantined', 'Kommandoen kunne ikke læses (ugyldigt indhold) og er sat til side. Den er ikke sendt.', rec.kind));
      return;
    }
    const env: ExecEnv = { clients, ctx: { identity, userType: 2, signal }, store, outbox };
    const tooOld = this.o.clock().getTime() - Date.parse(rec.createdAt) > this.o.budgetMs;
    // While the read-back has not answered, the command stays uncertain whatever the error says.
    let stillUncertain = rec.uncertain;
    try {
      if (rec.uncertain) {
        const rb = await readBack(env, rec, cmd);
        this.connectivity.reportSuccess();
        if (rb.applied) {
          this.log('info', 'outbox: uncertain command found applied at DFDG', { commandId: id, kind: rec.kind });
          await this.finishSent(rec, rb.receipt);
          return;
        }
        stillUncertain = false;
      }
      if (tooOld) {
        this.reject(rec, localError('too-old', 'Kommandoen er for gammel til at blive sendt automatisk. Kontrollér den og send den igen.', rec.kind));
        return;
      }
      // A message must be durably marked "sending" before it goes out (after a crash it is then read
      // back, never sent blind); an idempotent REST command may skip the disk flush.
      if (IDEMPOTENT_AT_DFDG.has(rec.kind)) store.withoutFsync(() => outbox.markSending(id));
      else outbox.markSending(id);
      this.emit({ type: 'outbox.changed', commandId: id });
      const receipt = await execute(env, rec, cmd);
      this.connectivity.reportSuccess();
      // DFDG has it. The lane is free for another citizen now; this citizen's next command waits
      // until the group commit has recorded this one as sent.
      void this.finishSent(rec, receipt);
    } catch (e) {
      await this.handleError(env, rec, cmd, e, stillUncertain);
    }
  }

  /**
   * Records a command as sent. Completions that arrive together are committed in one transaction
   * (group commit): one flush to disk for several commands. The task ends only after its commit.
   */
  private finishSent(rec: OutboxRecord, receipt: Receipt): Promise<void> {
    this.committing.add(rec.id);
    return new Promise((resolve) => {
      this.finishing.push({ rec, receipt, done: resolve });
      if (this.finishScheduled) return;
      this.finishScheduled = true;
      setImmediate(() => this.flushFinished());
    });
  }

  private flushFinished(): void {
    this.finishScheduled = false;
    const batch = this.finishing;
    this.finishing = [];
    if (!batch.length) return;
    const { store, outbox } = this.o;
    const at = this.o.clock().toISOString();
    try {
      store.transaction(() => {
        for (const { rec, receipt } of batch) {
          outbox.markSent(rec.id, receipt);
          applySent(store, outbox, outbox.get(rec.id)!, receipt, at);
          this.o.onFinished?.({ commandId: rec.id, cpr: rec.cpr, kind: rec.kind, state: 'sent' });
        }
        store.kv.set('sync.lastSyncedAt', at);
      });
    } catch (e) {
      // The commands stay "sending" and are read back at the next attempt: nothing is lost or doubled.
      this.log('error', 'outbox: could not record sent commands', { count: batch.length, error: e instanceof Error ? e.name : String(e) });
      for (const b of batch) {
        this.committing.delete(b.rec.id);
        b.done();
      }
      return;
    }
    this.lastError = null;
    for (const { rec } of batch) {
      this.session.done++;
      this.log('debug', 'outbox: sent', { commandId: rec.id, kind: rec.kind });
      this.emit({ type: 'command.finished', commandId: rec.id, cpr: rec.cpr, kind: rec.kind, state: 'sent' });
      this.emit({ type: 'outbox.changed', commandId: rec.id });
    }
    for (const b of batch) {
      this.committing.delete(b.rec.id);
      b.done();
    }
    if (this.running) this.pump();
    else this.checkDrained();
  }

  private reject(rec: OutboxRecord, error: DfdgErrorInfo): void {
    const { store, outbox } = this.o;
    store.transaction(() => {
      outbox.markRejected(rec.id, error);
      applyRejected(store, outbox, outbox.get(rec.id)!);
      this.o.onFinished?.({ commandId: rec.id, cpr: rec.cpr, kind: rec.kind, state: 'rejected' });
    });
    this.session.done++;
    this.log('info', 'outbox: rejected', { commandId: rec.id, kind: rec.kind, code: error.code, service: error.service });
    this.emit({ type: 'command.finished', commandId: rec.id, cpr: rec.cpr, kind: rec.kind, state: 'rejected' });
    this.emit({ type: 'outbox.changed', commandId: rec.id });
  }

  private retryLater(rec: OutboxRecord, error: DfdgErrorInfo, uncertain: boolean, delayMs?: number, readBackFailed = false): void {
    const attempts = (this.o.outbox.get(rec.id)?.attempts ?? rec.attempts) + (readBackFailed ? 1 : 0);
    if (attempts >= this.o.maxAttempts) {
      this.reject(rec, localError('gave-up', `Opgivet efter ${attempts} forsøg: ${error.text}`, rec.kind));
      return;
    }
    const wait = Math.max(delayMs ?? backoffDelay(Math.max(1, attempts), { baseMs: this.o.baseDelayMs, capMs: this.o.maxDelayMs }, this.o.random), uncertain ? this.o.settleMs : 0);
    const next = new Date(this.o.clock().getTime() + wait).toISOString();
    this.o.outbox.markFailed(rec.id, error, next, uncertain, readBackFailed);
    this.lastError = error.text;
    this.emit({ type: 'outbox.changed', commandId: rec.id });
  }

  private async handleError(env: ExecEnv, rec: OutboxRecord, cmd: AnyCommand, e: unknown, wasUncertain: boolean): Promise<void> {
    if (e instanceof LocalCommandError) {
      this.reject(rec, localError(e.reason, e.message, rec.kind));
      return;
    }
    if (!isDfdgError(e)) {
      // Unknown failure after the call may have gone out: treat as uncertain and read back first.
      this.log('warn', 'outbox: unexpected error while sending', { commandId: rec.id, kind: rec.kind, error: e instanceof Error ? e.name : typeof e });
      this.retryLater(rec, localError('gave-up', 'Uventet fejl under afsendelse', rec.kind), true);
      return;
    }
    this.connectivity.reportFailure(e);
    if (e.kind === 'cancelled') {
      this.o.outbox.markFailed(rec.id, e.toInfo(), this.o.clock().toISOString(), true);
      return;
    }
    const code = e.code ?? e.httpStatus;
    if (code !== null && REPLAY_CODES.has(code) && !e.transient) {
      await this.resolveReplay(env, rec, cmd, e);
      return;
    }
    if (e.transient) {
      this.retryLater(rec, e.toInfo(), e.ambiguous || wasUncertain, undefined, wasUncertain);
      return;
    }
    if (wasUncertain) {
      // The read-back itself was refused (e.g. access withdrawn): never resend blind.
      this.retryLater(rec, e.toInfo(), true, undefined, true);
      return;
    }
    this.reject(rec, e.toInfo());
  }

  /**
   * DFDG says it has seen this request (412: same x-requestId) or this id (4977: the client's own
   * absence/activity id exists). Read back: if the effect is there, the command is sent. A 412 without
   * the effect means the first request was refused after DFDG recorded its id: send again with a new
   * x-requestId, so DFDG's real answer comes back.
   */
  private async resolveReplay(env: ExecEnv, rec: OutboxRecord, cmd: AnyCommand, e: DfdgError): Promise<void> {
    try {
      const rb = await readBack(env, rec, cmd);
      if (rb.applied) {
        await this.finishSent(rec, rb.receipt);
        return;
      }
    } catch (rbErr) {
      this.connectivity.reportFailure(rbErr);
      this.retryLater(rec, isDfdgError(rbErr) ? rbErr.toInfo() : e.toInfo(), true, undefined, true);
      return;
    }
    if ((e.code ?? e.httpStatus) === 412) {
      this.o.outbox.renewRequestId(rec.id);
      this.retryLater(rec, e.toInfo(), false, 0);
      return;
    }
    this.reject(rec, e.toInfo());
  }
}
