import type { CodeListOverrides } from '../../../shared/codelists';
import { RETENTION_DAYS, STALE_AFTER_MINUTES } from '../../../shared/constants';
import type { Citizen, ConnectivityCause, HubStatus, Identity, IsoDate, SyncStatus } from '../../../shared/domain';
import { todayIso } from '../../../shared/dates';
import type { EventName, EventPayload } from '../../../shared/ipc';
import { ruleContextFor, type RuleContext } from '../../../shared/rules';
import type { PdfReader } from '../attachments';
import type { AuditLog } from '../audit/audit';
import { CoreError } from '../errors';
import { isDfdgError } from '../dfdg/errors';
import type { CallContext, DfdgClients } from '../dfdg/types';
import type { SettingsService } from '../settings';
import type { Store } from '../store/db';
import type { Connectivity } from '../sync/connectivity';
import type { Logger, SyncEngine } from '../sync/engine';
import type { Outbox } from '../sync/outbox';
import type { NotificationPoller } from '../sync/poller';
import type { HubSync } from '../hub/sync';
import type { HubTarget } from '../hub/target';

export type CoreMode = 'sandbox' | 'dfdg' | 'unconfigured';

type Listener<E extends EventName> = (payload: EventPayload<E>) => void;

/** The engine's status with why DFDG is out of reach (connectivity's cause; null while online). */
export function withCause(status: SyncStatus, cause: ConnectivityCause | null): SyncStatus {
  return { ...status, cause: status.online ? null : cause };
}

/**
 * A tiny typed emitter for the IPC events; outbox.changed is coalesced (at most one per 100 ms), and
 * its status always carries the connectivity cause (`cause`), whoever computed it.
 */
export class CoreEvents {
  private readonly listeners = new Map<EventName, Set<(p: unknown) => void>>();
  private pendingOutbox: NodeJS.Timeout | null = null;
  private lastOutboxAt = -Infinity;

  constructor(private readonly cause: () => ConnectivityCause | null = () => null) {}

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (p: unknown) => void);
    return () => set.delete(listener as (p: unknown) => void);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    let p: unknown = payload;
    if (event === 'outbox.changed') {
      const o = payload as EventPayload<'outbox.changed'>;
      p = { ...o, status: withCause(o.status, this.cause()) };
    }
    for (const l of [...(this.listeners.get(event) ?? [])]) {
      try {
        l(p);
      } catch {
        // a failing listener must not break the core
      }
    }
  }

  /** Coalesced outbox.changed: the payload is computed when it is sent. */
  outboxChanged(payload: () => EventPayload<'outbox.changed'>): void {
    if (this.pendingOutbox) return;
    const wait = Math.max(0, 100 - (performance.now() - this.lastOutboxAt));
    this.pendingOutbox = setTimeout(() => {
      this.pendingOutbox = null;
      this.lastOutboxAt = performance.now();
      try {
        this.emit('outbox.changed', payload());
      } catch {
        // the store may be closed during shutdown
      }
    }, wait);
    this.pendingOutbox.unref?.();
  }

  dispose(): void {
    if (this.pendingOutbox) clearTimeout(this.pendingOutbox);
    this.pendingOutbox = null;
    this.listeners.clear();
  }
}

export interface CoreState {
  mode: CoreMode;
  clients: DfdgClients | null;
  identity: Identity | null;
  sandboxUrl: string | null;
}

/** Everything a handler needs, with the checks every handler repeats. */
export class CoreContext {
  codeListCache: CodeListOverrides | null = null;
  /** The running connection to the organisation hub (createCore sets these). */
  hub: () => HubSync | null = () => null;
  hubStatus: () => HubStatus | null = () => null;
  hubTarget: () => HubTarget | null = () => null;

  constructor(
    readonly store: Store,
    readonly outbox: Outbox,
    readonly engine: SyncEngine,
    readonly poller: NotificationPoller,
    readonly audit: AuditLog,
    readonly connectivity: Connectivity,
    readonly events: CoreEvents,
    readonly settings: SettingsService | null,
    readonly clock: () => Date,
    readonly state: CoreState,
    /** Reads attached PDFs in worker threads; closed when the core stops. */
    readonly pdf: PdfReader,
    readonly opts: { staleAfterMinutes?: number; recommendationAnswerDays: number; version: string; log?: Logger },
  ) {}

  now(): Date {
    return this.clock();
  }

  nowIso(): string {
    return this.clock().toISOString();
  }

  today(): IsoDate {
    return todayIso(this.clock());
  }

  identity(): Identity | null {
    return this.state.identity;
  }

  requireIdentity(): Identity {
    const id = this.state.identity;
    if (!id) throw new CoreError('not-configured', 'Der er ikke valgt en organisation endnu. Importér organisationens certifikat under Indstillinger.');
    return id;
  }

  clients(): DfdgClients | null {
    return this.state.clients;
  }

  /** The outbox status for the renderer: the engine's, with why DFDG is out of reach. */
  syncStatus(): SyncStatus {
    return withCause(this.engine.status(), this.connectivity.cause);
  }

  /** DFDG is configured and, as far as we know, reachable. */
  canReachDfdg(): boolean {
    return !!this.state.clients && !!this.state.identity && this.connectivity.online;
  }

  staleMs(): number {
    const minutes = this.opts.staleAfterMinutes ?? this.settings?.get().staleAfterMinutes ?? STALE_AFTER_MINUTES.default;
    return minutes * 60_000;
  }

  retentionDays(): number {
    return this.settings?.get().retentionDays ?? RETENTION_DAYS.default;
  }

  codeLists(): CodeListOverrides {
    if (!this.codeListCache) {
      const o: CodeListOverrides = {};
      for (const l of this.store.codeLists.all()) o[l.name] = l.items;
      this.codeListCache = o;
    }
    return this.codeListCache;
  }

  /** The rules layer's context (shared/rules ruleContextFor): asOf is today by the injected clock; the citizen as cached. */
  /** The rules' context on `asOf` (default today). */
  ruleCtx(citizen?: Citizen | null, asOf?: IsoDate): RuleContext {
    return ruleContextFor({ identity: this.requireIdentity(), citizen: citizen ?? null, asOf: asOf ?? this.today(), codeLists: this.codeLists() });
  }

  /**
   * Runs one call against DFDG as the caseworker, reporting to the connectivity monitor.
   * Throws CoreError('not-configured') when no DFDG is set up.
   */
  async dfdg<T>(fn: (clients: DfdgClients, ctx: CallContext) => Promise<T>): Promise<T> {
    const clients = this.state.clients;
    const identity = this.state.identity;
    if (!clients || !identity) throw new CoreError('not-configured', 'DFDG er ikke sat op. Importér organisationens certifikat under Indstillinger.');
    try {
      const r = await fn(clients, { identity, userType: 2 });
      this.connectivity.reportSuccess();
      return r;
    } catch (e) {
      this.connectivity.reportFailure(e);
      throw e;
    }
  }

  log(level: Parameters<Logger>[0], message: string, fields?: Record<string, unknown>): void {
    this.opts.log?.(level, message, fields);
  }
}

/** DFDG refused to show this citizen to the organisation. */
export function isAccessDenied(e: unknown): boolean {
  return isDfdgError(e) && !e.transient && (e.code === 4575 || e.code === 6005 || e.code === 4922 || e.code === 4511);
}

/** DFDG could not answer now (network, timeout, 5xx): fall back to the cache. */
export function isTransient(e: unknown): boolean {
  return isDfdgError(e) && e.transient;
}

/**
 * 'offline' for the caseworker: `text` when DFDG cannot be reached, but when the proxy in front of
 * DFDG is the cause (this failure `e`, or the one that took the app offline), the proxy's own
 * explanation followed by `tail` (what it means here), never "DFDG kan ikke nås".
 */
export function offlineError(c: CoreContext, e: unknown, text: string, tail: string): CoreError {
  const proxy = isDfdgError(e) && e.kind === 'proxy' ? e.text : c.connectivity.proxyProblem;
  return new CoreError('offline', proxy ? `${proxy} ${tail}` : text);
}
