import { createHash, randomUUID } from 'node:crypto';
import type { HubStatus, Identity } from '../../../shared/domain';
import type { EventName, EventPayload, IpcHandlers } from '../../../shared/ipc';
import { PdfReader } from '../attachments';
import { AuditLog } from '../audit/audit';
import { createDfdgClients } from '../dfdg';
import { DEFAULT_TIMEOUT_MS } from '../dfdg/http';
import type { DfdgClients, DfdgConfig } from '../dfdg/types';
import { HubSync, type HubSyncOptions } from '../hub/sync';
import { hubTargetKey, idleHubStatus, pollsLocally, type HubTarget } from '../hub/target';
import type { SettingsService } from '../settings';
import { openStore, type Store } from '../store/db';
import { purgeCache, type PurgeReport } from '../store/retention';
import { Connectivity } from '../sync/connectivity';
import { SyncEngine, type EngineOptions, type Logger } from '../sync/engine';
import { Outbox } from '../sync/outbox';
import { NotificationPoller } from '../sync/poller';
import { CoreContext, CoreEvents, type CoreMode, type CoreState } from './context';
import { absenceHandlers } from './handlers/absences';
import { citizenHandlers } from './handlers/citizens';
import { draftHandlers } from './handlers/drafts';
import { inboxHandlers } from './handlers/inbox';
import { messageHandlers } from './handlers/messages';
import { miscHandlers, refreshCodeLists } from './handlers/misc';
import { outboxHandlers } from './handlers/outbox';
import { planHandlers } from './handlers/plan';
import { meetingHandlers } from './handlers/meetings';
import { retentionHandlers } from './handlers/retention';
import { teamHandlers } from './handlers/team';

/** What the core talks to and acts as; the shell (main/runtime.ts) decides it and hands it over. */
export interface CoreTarget {
  dfdg: DfdgConfig | null;
  identity: Identity | null;
  mode: CoreMode;
  /** The organisation hub (absent: unchanged; null: none, the desktop pulls DFDG's notifications itself). */
  hub?: HubTarget | null;
}

export interface CoreOptions {
  dataDir: string;
  /** 32 random bytes (Electron keeps them wrapped with safeStorage). */
  dbKey: Buffer;
  settings: SettingsService | null;
  dfdg: DfdgConfig | null;
  identity: Identity | null;
  mode: CoreMode;
  sandboxUrl?: string | null;
  clock?: () => Date;
  /** Between notification polls (default 60 s). */
  pollIntervalMs?: number;
  /** Commands for different citizens sent at once (default 4). */
  drainConcurrency?: number;
  /** Cached data older than this is refreshed when online (default: settings, else 15). */
  staleAfterMinutes?: number;
  /** Shown in app.info (default '0.1.0'). */
  version?: string;
  /** Builds the clients from a config (default createDfdgClients; tests pass fakes). */
  clientsFactory?: (config: DfdgConfig) => DfdgClients;
  /** Engine tuning (backoff, budget) for tests and benchmarks. */
  engine?: Partial<Pick<EngineOptions, 'baseDelayMs' | 'maxDelayMs' | 'maxAttempts' | 'budgetMs' | 'settleMs' | 'probeMs' | 'probeMaxMs' | 'stopTimeoutMs' | 'readBackWindowMs'>>;
  /** Days the jobcenter has to answer a recommendation (advisory due date; ASSUMED 14). */
  recommendationAnswerDays?: number;
  /** Run the retention purge at start and daily (default true). */
  retention?: boolean;
  /**
   * The organisation hub (default none). With one, the hub is the only consumer of DFDG's
   * notifications: this desktop stops pulling them, and its Indbakke is the hub's team queue.
   */
  hub?: HubTarget | null;
  /** Hub connection tuning (reconnect delays, page size) for tests and benchmarks. */
  hubTuning?: Partial<Pick<HubSyncOptions, 'retryMs' | 'retryMaxMs' | 'silenceMs' | 'pageSize' | 'timeoutMs'>>;
  log?: Logger;
}

export interface Core {
  handlers: IpcHandlers;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Starts the drain, the notification poller and the daily purge. */
  start(): void;
  /** Drains what is in flight, stops the background work and closes the store. */
  stop(): Promise<void>;
  /**
   * Applies a changed target in place, for the same organisation (an address, a service, the proxy, a
   * new CA, the caseworker's name); the shell replaces the core when the organisation or mode changes.
   */
  reconfigure(target: CoreTarget): void;
  /** Runs the retention purge now. */
  purge(): PurgeReport;
  store: Store;
  outbox: Outbox;
  engine: SyncEngine;
  poller: NotificationPoller;
  audit: AuditLog;
  connectivity: Connectivity;
  /** The running connection to the organisation hub (null without one, or while it starts). */
  hub(): HubSync | null;
}

const DAY_MS = 86_400_000;

/**
 * The core behind the IPC contract: the encrypted store, the outbox and its engine, the notification
 * poller, the audit log, and one handler per channel of shared/ipc.ts. Plain Node, no electron.
 */
export async function createCore(opts: CoreOptions): Promise<Core> {
  const clock = opts.clock ?? (() => new Date());
  const factory = opts.clientsFactory ?? createDfdgClients;
  const store = openStore({ dataDir: opts.dataDir, key: opts.dbKey });
  const state: CoreState = {
    mode: opts.mode,
    clients: opts.dfdg && opts.identity ? factory(opts.dfdg) : null,
    identity: opts.identity,
    sandboxUrl: opts.sandboxUrl ?? null,
  };
  const connectivity = new Connectivity();
  const events = new CoreEvents(() => connectivity.cause);
  let hubTarget: HubTarget | null = opts.hub ?? null;
  let hubSync: HubSync | null = null;
  const outbox = new Outbox(store, clock);
  // An uncertain command is read back for at least as long as the clients wait for DFDG (policy.ts).
  let clientTimeoutMs = opts.dfdg?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const audit = new AuditLog(store, clock, () => state.identity);
  const engine = new SyncEngine({
    store,
    outbox,
    clients: () => state.clients,
    identity: () => state.identity,
    clock,
    connectivity,
    concurrency: opts.drainConcurrency ?? 4,
    readBackWindowMs: () => clientTimeoutMs,
    ...opts.engine,
    ...(opts.log ? { log: opts.log } : {}),
    onEvent: (e) => {
      if (e.type === 'outbox.changed') events.outboxChanged(() => ({ status: engine.status() }));
      else if (e.type === 'sync.progress') events.emit('sync.progress', { done: e.done, total: e.total });
      else if (e.type === 'command.finished' && e.state === 'sent') events.emit('citizen.updated', { cpr: e.cpr });
    },
    // The audit entry is written in the same transaction that records the outcome.
    onFinished: (e) =>
      audit.record({ cpr: e.cpr, action: e.state === 'sent' ? 'command.sent' : 'command.rejected', source: 'command', purpose: `outbox:${e.kind}`, outcome: e.state === 'sent' ? 'ok' : 'error' }),
  });
  const poller = new NotificationPoller({
    store,
    outbox,
    clients: () => state.clients,
    identity: () => state.identity,
    clock,
    connectivity,
    intervalMs: opts.pollIntervalMs ?? 60_000,
    recommendationAnswerDays: opts.recommendationAnswerDays ?? 14,
    // Hub mode: the organisation's hub is the only consumer of DFDG's notifications.
    suspended: () => !pollsLocally(hubTarget),
    ...(opts.log ? { log: opts.log } : {}),
    onPolled: (r) => {
      if (r.advisories > 0 || r.stored > 0) events.emit('inbox.changed', { open: store.advisories.countOpen() });
      for (const cpr of r.cprs) events.emit('citizen.updated', { cpr });
    },
  });
  connectivity.onChange((online, reason, cause) => events.emit('connectivity.changed', { online, reason, cause }));
  if (!state.clients) connectivity.set(false, state.mode === 'unconfigured' ? 'DFDG er ikke sat op.' : 'Forbindelsen til DFDG er ikke klar.');

  // pdf.js for attachments, in 1 to 2 worker threads started with the first PDF and ended with the core.
  const pdf = new PdfReader(opts.log ? { log: opts.log } : {});
  const c = new CoreContext(store, outbox, engine, poller, audit, connectivity, events, opts.settings, clock, state, pdf, {
    ...(opts.staleAfterMinutes !== undefined ? { staleAfterMinutes: opts.staleAfterMinutes } : {}),
    recommendationAnswerDays: opts.recommendationAnswerDays ?? 14,
    version: opts.version ?? '0.1.0',
    ...(opts.log ? { log: opts.log } : {}),
  });

  // --- the organisation hub ------------------------------------------------------------------------
  /** This installed desktop's id at the hub (audited there with every change), made once. */
  const desktopId = store.kv.get('hub.desktopId') ?? (() => {
    const id = `desktop-${randomUUID()}`;
    store.kv.set('hub.desktopId', id);
    return id;
  })();
  const hubStatus = () => (hubSync ? hubSync.status() : hubTarget && hubTarget.state !== 'ready' ? idleHubStatus(hubTarget) : null);
  /** The hub's status, and the Indbakke's count: in hub mode what waits for this caseworker (Mine and Ufordelte). */
  const emitHub = (status: HubStatus) => {
    events.emit('hub.status', { status });
    events.emit('inbox.changed', { open: status.counts.mine + status.counts.unassigned });
  };
  const hubChanged = () => {
    const status = hubStatus();
    if (status) emitHub(status);
    else events.emit('inbox.changed', { open: store.advisories.countOpen() });
  };
  let started = false;
  let hubStops: Promise<void> = Promise.resolve();
  const startHubSync = () => {
    if (!started || hubSync || hubTarget?.state !== 'ready') return;
    hubSync = new HubSync({
      store,
      config: hubTarget.config,
      source: hubTarget.source,
      identity: () => state.identity,
      clock,
      desktopId,
      ...opts.hubTuning,
      ...(opts.log ? { log: opts.log } : {}),
      onStatus: emitHub,
    });
    hubSync.start();
  };
  let hubKey = hubTargetKey(hubTarget);
  const applyHub = (t: HubTarget | null) => {
    const key = hubTargetKey(t);
    if (key === hubKey) return;
    hubKey = key;
    hubTarget = t;
    const old = hubSync;
    hubSync = null;
    if (old) hubStops = hubStops.then(() => old.stop()).catch(() => undefined);
    startHubSync();
    hubChanged();
    // Back without a hub (none configured, or the sandbox's could not start): pull again now.
    if (started && pollsLocally(t) && state.clients) void poller.pollNow().catch(() => null);
  };
  c.hub = () => hubSync;
  c.hubStatus = hubStatus;
  c.hubTarget = () => hubTarget;

  // --- reconfiguration in place (the shell's RuntimeManager decides when) -----------------------------
  /** What a change of clients depends on; the caseworker's name and e-mail are applied without new clients. */
  const configKeyOf = (dfdg: DfdgConfig | null, identity: Identity | null) =>
    JSON.stringify([
      dfdg?.baseUrl ?? null,
      dfdg?.services ?? null,
      dfdg?.proxyUrl ?? null,
      dfdg?.tls.ca ? createHash('sha256').update(String(dfdg.tls.ca)).digest('hex') : null,
      identity?.organisation ?? null,
      identity?.certificate.fingerprint256 ?? null,
    ]);
  let configKey = configKeyOf(opts.dfdg, opts.identity);
  const reconfigure = (t: CoreTarget) => {
    clientTimeoutMs = t.dfdg?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (t.hub !== undefined) applyHub(t.hub);
    const key = configKeyOf(t.dfdg, t.identity);
    if (key === configKey && t.mode === state.mode) {
      state.identity = t.identity;
      return;
    }
    configKey = key;
    const old = state.clients;
    state.clients = t.dfdg && t.identity ? factory(t.dfdg) : null;
    state.identity = t.identity;
    state.mode = t.mode;
    old?.close();
    c.codeListCache = null;
    if (state.clients) connectivity.set(true, null);
    else connectivity.set(false, 'DFDG er ikke sat op.');
    engine.kick();
  };

  let codeListRefresh: Promise<unknown> | null = null;
  const refreshCodeListsInBackground = () => {
    codeListRefresh ??= refreshCodeLists(c).finally(() => {
      codeListRefresh = null;
    });
  };

  const handlers: IpcHandlers = {
    ...miscHandlers(c, { refreshCodeListsInBackground }),
    ...citizenHandlers(c),
    ...messageHandlers(c),
    ...draftHandlers(c),
    ...absenceHandlers(c),
    ...planHandlers(c),
    ...meetingHandlers(c),
    ...inboxHandlers(c),
    ...outboxHandlers(c),
    ...retentionHandlers(c, { purge: () => purge() }),
    ...teamHandlers(c),
  };

  const purge = (): PurgeReport => {
    const report = purgeCache(store, clock(), c.retentionDays());
    if (report.purged.length || report.held.length || report.auditEntriesRemoved) {
      c.log('info', 'retention purge', { purged: report.purged.length, held: report.held.length, outboxHistoryRemoved: report.outboxHistoryRemoved, auditEntriesRemoved: report.auditEntriesRemoved });
    }
    return report;
  };
  let purgeTimer: NodeJS.Timeout | null = null;
  let chainCheck: Promise<void> = Promise.resolve();

  return {
    handlers,
    on: (event, listener) => events.on(event, listener),
    start() {
      if (started) return;
      started = true;
      engine.start();
      poller.start();
      startHubSync();
      if (opts.retention !== false) {
        try {
          purge();
        } catch (e) {
          c.log('error', 'retention purge failed', { error: e instanceof Error ? e.name : 'unknown' });
        }
        purgeTimer = setInterval(() => {
          try {
            purge();
          } catch {
            // next day
          }
        }, DAY_MS);
        purgeTimer.unref?.();
      }
      if (c.canReachDfdg()) refreshCodeListsInBackground();
      // The access log's chain is checked once at start, off the start path (in chunks); Indstillinger
      // shows the result, and a broken chain is logged (which entry, never its content).
      chainCheck = audit
        .verifyChain()
        .then((r) => {
          if (!r.intact) c.log('error', 'audit: the access log chain is broken', { entryId: r.brokenAt, checked: r.entries });
        })
        .catch((e: unknown) => c.log('error', 'audit: the access log chain could not be checked', { error: e instanceof Error ? e.name : 'unknown' }));
    },
    async stop() {
      if (purgeTimer) clearInterval(purgeTimer);
      const sync = hubSync;
      hubSync = null;
      await Promise.allSettled([engine.stop(), poller.stop(), codeListRefresh ?? Promise.resolve(), sync?.stop(), hubStops, chainCheck, pdf.close()]);
      events.dispose();
      state.clients?.close();
      store.close();
    },
    reconfigure,
    purge,
    store,
    outbox,
    engine,
    poller,
    audit,
    connectivity,
    hub: () => hubSync,
  };
}
