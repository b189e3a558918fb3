// Hub mode: this desktop and its organisation's hub. The desktop keeps a copy of the team queue in its
// encrypted store (readable offline, paged to the Indbakke, never shipped whole), kept current by the
// hub's change feed: the first time by reading the queue's pages, then only by changes, resumed from
// the last change applied (its id, the cursor, is stored with the copy). Back from offline it catches
// up from the cursor, never by a full reload (unless the hub says the cursor is too old: `reload`).
//
// The caseworker's take, release, complete and reopen go straight to the hub when it can be reached;
// otherwise they wait in this desktop's outbox of team actions and are sent, in order, when it can:
// each with the version the caseworker acted on, so the hub applies it once (a resend after a lost
// answer finds the advisory already as wanted: done; a colleague who was first: 409, kept as a
// refusal with the hub's words, "Taget af Søren Østergaard kl. 10:42").

import type { HubAdvisory, HubChangeEvent, HubConflict, HubMe } from '../../../shared/hubApi';
import { takenByText } from '../../../shared/hubApi';
import { todayIso } from '../../../shared/dates';
import type { AdvisoryKind, HubState, HubStatus, Identity, TeamAction, TeamAdvisory, TeamColleague, TeamView } from '../../../shared/domain';
import { CoreError } from '../errors';
import { errorName, type Logger } from '../log';
import type { Store } from '../store/db';
import { uuidv7 } from '../store/ids';
import { HubCallError, HubClient, type FeedStream, type HubConfig } from './client';

const KV = { cursor: 'hub.cursor', mirror: 'hub.mirror', needsLoad: 'hub.needsLoad', syncedAt: 'hub.syncedAt', me: 'hub.me' } as const;

/** Who this desktop's caseworker was at the hub last time (the copy's "Mine" before it connects again). */
function storedMe(store: Store): string | null {
  const v = store.kv.get(KV.me);
  return v ? ((JSON.parse(v) as { id?: string }).id ?? null) : null;
}

/** A page of a view of the copy held in `store`, also while no connection is running (starting, offline at start). */
export function teamPage(store: Store, view: TeamView, offset: number, limit: number, today: string, kind?: AdvisoryKind): { items: TeamAdvisory[]; total: number } {
  return store.hubQueue.page(view, { me: storedMe(store), today, offset, limit, kind });
}
const DAY_MS = 86_400_000;

export interface HubSyncOptions {
  store: Store;
  config: HubConfig;
  /** Indstillinger, or the sandbox's embedded hub (shown in the status). */
  source: HubStatus['source'];
  /** Who the desktop works as: the hub must serve the same organisation. */
  identity: () => Identity | null;
  clock: () => Date;
  desktopId: string;
  /** First and longest wait between reconnects (defaults 500 ms and 30 s; jittered). */
  retryMs?: number;
  retryMaxMs?: number;
  /** A feed silent this long is taken as broken (the hub sends a comment every 15 s; default 45 s). */
  silenceMs?: number;
  /** Advisories per page when the queue is read whole (default 200, the hub's most). */
  pageSize?: number;
  /** Calls to the hub time out after (default 10 s). */
  timeoutMs?: number;
  log?: Logger;
  /** The team queue, the connection or the outbox of team actions changed (coalesced), with the new status. */
  onStatus?: (s: HubStatus) => void;
}

/** Counters for tests and diagnostics: how the copy was kept current. */
export interface HubSyncStats {
  /** Times the whole queue was read page by page (first start, a reload). */
  fullLoads: number;
  pagesRead: number;
  /** Times the change feed was opened. */
  feedConnects: number;
  eventsApplied: number;
}

/** The state an action leaves the advisory in, for the caller (a resend that finds it so was applied before). */
export function achieved(action: TeamAction, a: HubAdvisory, me: string): boolean {
  switch (action) {
    case 'take':
      return a.status === 'in-progress' && a.takenBy?.id === me;
    case 'complete':
      return a.status === 'done' && a.doneBy?.id === me;
    case 'release':
    case 'reopen':
      return a.status === 'open';
  }
}

export class HubSync {
  readonly stats: HubSyncStats = { fullLoads: 0, pagesRead: 0, feedConnects: 0, eventsApplied: 0 };
  private readonly client: HubClient;
  private state: HubState = 'connecting';
  private reason: string | null = null;
  private me: HubMe | null = null;
  private stopped = false;
  private running: Promise<void> | null = null;
  private stream: FeedStream | null = null;
  private wake: (() => void) | null = null;
  private draining: Promise<void> | null = null;
  private pending: { id: string; ev: HubChangeEvent }[] = [];
  private flushScheduled = false;
  private notifyTimer: NodeJS.Timeout | null = null;
  private readonly onlineWaiters = new Set<() => void>();

  constructor(private readonly o: HubSyncOptions) {
    this.client = new HubClient(o.config, o.desktopId, o.timeoutMs ?? 10_000);
  }

  start(): void {
    if (this.running || this.stopped) return;
    this.running = this.loop().catch((e: unknown) => this.log('error', 'hub: the connection loop stopped', { error: errorName(e) }));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stream?.close();
    this.wake?.();
    await this.running;
    await this.draining;
    if (this.notifyTimer) clearTimeout(this.notifyTimer);
    this.notifyTimer = null;
    this.client.close();
  }

  get online(): boolean {
    return this.state === 'online';
  }

  /** Resolves when the feed is open and the backlog after the cursor applied (tests, the bench). */
  whenOnline(timeoutMs = 30_000): Promise<void> {
    if (this.state === 'online') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(t);
        resolve();
      };
      const t = setTimeout(() => {
        this.onlineWaiters.delete(done);
        reject(new Error(`hub: not online within ${timeoutMs} ms (${this.state}: ${this.reason ?? ''})`));
      }, timeoutMs);
      this.onlineWaiters.add(done);
    });
  }

  status(): HubStatus {
    const { store } = this.o;
    const open = store.isOpen;
    return {
      source: this.o.source,
      url: this.o.config.url,
      state: this.state,
      reason: this.state === 'online' ? null : this.reason,
      me: this.me ? { ...this.me.caseworker } : null,
      organisation: this.me?.organisation.name ?? null,
      pending: open ? store.hubQueue.countQueued() : 0,
      refused: open ? store.hubQueue.countRefused() : 0,
      counts: open ? store.hubQueue.counts(this.me?.caseworker.id ?? storedMe(store), this.today()) : { mine: 0, unassigned: 0, overdue: 0, all: 0, done: 0 },
      syncedAt: open ? store.kv.get(KV.syncedAt) : null,
    };
  }

  /** One page of a view of the copy (the Indbakke pages through it; never the whole queue). */
  page(view: TeamView, offset: number, limit: number, kind?: AdvisoryKind): { items: TeamAdvisory[]; total: number } {
    return teamPage(this.o.store, view, offset, limit, this.today(), kind);
  }

  /**
   * The caseworker's action: straight to the hub when it can be reached (a lost race is a conflict
   * naming who was first), else into the outbox of team actions, sent exactly once when it can.
   */
  async act(id: string, action: TeamAction): Promise<{ advisory: TeamAdvisory; queued: boolean }> {
    const q = this.o.store.hubQueue;
    const held = q.get(id);
    if (!held) throw new CoreError('not-found', 'Opgaven findes ikke (længere) i teamets kø.');
    const earlier = q.hasQueued(id);
    if (this.state === 'online' && !earlier) {
      try {
        const a = await this.client.act(id, action, held.version);
        this.o.store.transaction(() => {
          q.upsert(a);
          q.dismissRefusals(id);
        });
        this.changed();
        return { advisory: q.team(id)!, queued: false };
      } catch (e) {
        if (!(e instanceof HubCallError)) throw e;
        const conflict = e.conflict;
        if (conflict) {
          q.upsert(conflict.advisory);
          this.changed();
          if (this.me && achieved(action, conflict.advisory, this.me.caseworker.id)) return { advisory: q.team(id)!, queued: false };
          throw new CoreError('conflict', this.conflictText(conflict));
        }
        if (e.failure === 'not-found') throw new CoreError('not-found', e.message);
        if (!e.transient) throw new CoreError(e.failure === 'tls' ? 'offline' : 'access-denied', e.message);
        this.lost(e);
      }
    } else if (!earlier && this.me) {
      // Offline: a colleague already holds it, as far as this desktop knows. Say so now, not later.
      const mine = this.me.caseworker.id;
      if ((action === 'take' || action === 'complete') && held.status === 'in-progress' && held.takenBy && held.takenBy.id !== mine && held.takenAt) {
        throw new CoreError('conflict', `${takenByText(held.takenBy, held.takenAt, this.o.clock())}.`);
      }
    }
    this.o.store.transaction(() => {
      q.enqueue({ id: uuidv7(this.o.clock().getTime()), advisoryId: id, action, baseVersion: earlier ? null : held.version, createdAt: this.o.clock().toISOString() });
      q.dismissRefusals(id);
    });
    this.changed();
    // Online behind an earlier queued action of the same advisory: it goes right after that one.
    if (this.state === 'online') void this.drain();
    return { advisory: q.team(id)!, queued: true };
  }

  /**
   * "Tag næste": the hub picks the open advisory due first (of `kind`) and makes it this caseworker's
   * (concurrent callers never get the same one). Null: none left. Only online: which one is next is
   * the hub's to decide, so it cannot wait in the outbox.
   */
  async takeNext(kind?: AdvisoryKind): Promise<TeamAdvisory | null> {
    this.requireOnline('»Tag næste« kræver forbindelse til hubben, for det er hubben, der afgør, hvilken opgave der er den næste. Vælg en opgave under Ufordelte og tag den; den sendes, når hubben kan nås.');
    const a = await this.call(() => this.client.takeNext(kind));
    if (!a) return null;
    this.o.store.hubQueue.upsert(a);
    this.changed();
    return this.o.store.hubQueue.team(a.id);
  }

  /**
   * "Giv til kollega": the advisory (open, or this caseworker's) is now held by the colleague `to`,
   * audited at the hub. Only online (the colleagues are the hub's list). A lost race is a conflict
   * naming who has it.
   */
  async handover(id: string, to: string): Promise<TeamAdvisory> {
    const q = this.o.store.hubQueue;
    const held = q.get(id);
    if (!held) throw new CoreError('not-found', 'Opgaven findes ikke (længere) i teamets kø.');
    if (q.hasQueued(id)) throw new CoreError('conflict', 'En handling på opgaven venter stadig på at blive sendt til hubben. Giv den videre, når den er sendt.');
    this.requireOnline('En opgave kan kun gives til en kollega, når hubben kan nås. Prøv igen, når forbindelsen er tilbage.');
    try {
      const a = await this.call(() => this.client.handover(id, to, held.version));
      this.o.store.transaction(() => {
        q.upsert(a);
        q.dismissRefusals(id);
      });
      this.changed();
      return q.team(id)!;
    } catch (e) {
      const conflict = e instanceof HubCallError ? e.conflict : null;
      if (!conflict) throw e;
      q.upsert(conflict.advisory);
      this.changed();
      // An earlier try whose answer was lost: already the colleague's.
      if (conflict.advisory.status === 'in-progress' && conflict.advisory.takenBy?.id === to) return q.team(id)!;
      throw new CoreError('conflict', this.conflictText(conflict));
    }
  }

  /** The organisation's caseworkers with their open work, overdue and done today (the hub counts them). */
  async team(): Promise<{ caseworkers: TeamColleague[]; me: string | null }> {
    this.requireOnline('Fordelingen og listen over kolleger kommer fra hubben, som ikke kan nås lige nu.');
    const t = await this.call(() => this.client.team());
    return { caseworkers: t.caseworkers.map((c) => ({ id: c.id, name: c.name, taken: c.taken, overdue: c.overdue, doneToday: c.doneToday })), me: this.me?.caseworker.id ?? null };
  }

  /** The caseworker has seen a refused team action (local: also offline). */
  dismiss(commandId: string): void {
    if (!this.o.store.hubQueue.dismiss(commandId)) throw new CoreError('conflict', 'Handlingen er ikke afvist (længere), så der er intet at fjerne.');
    this.changed();
  }

  private requireOnline(why: string): void {
    if (this.state !== 'online' || !this.me) throw new CoreError('offline', `${this.state === 'online' ? 'Hubben er ved at forbinde.' : (this.reason ?? 'Hubben kan ikke nås.')} ${why}`);
  }

  /** A call that needs the hub now: its failure in the caseworker's words (a conflict is left to the caller). */
  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof HubCallError) || e.conflict) throw e;
      if (e.failure === 'not-found') throw new CoreError('not-found', e.message);
      if (e.transient) {
        this.lost(e);
        throw new CoreError('offline', `${e.message} Intet er ændret; prøv igen, når forbindelsen er tilbage.`);
      }
      throw new CoreError(e.failure === 'tls' ? 'offline' : 'access-denied', e.message);
    }
  }

  // --- the connection -----------------------------------------------------------------------------

  private async loop(): Promise<void> {
    const first = this.o.retryMs ?? 500;
    const max = this.o.retryMaxMs ?? 30_000;
    let delay = first;
    while (!this.stopped) {
      let wasOnline = false;
      try {
        wasOnline = await this.connectOnce();
      } catch (e) {
        this.failed(e);
      }
      if (this.stopped) return;
      if (wasOnline) delay = first;
      // A refusal (certificate, another organisation) waits longer: it needs someone to act.
      const base = this.state === 'refused' ? Math.max(delay, max) : delay;
      await this.sleep(base / 2 + Math.random() * (base / 2));
      delay = Math.min(max, delay * 2);
    }
  }

  /** Waits `ms`, or until woken (stop). */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(t);
        this.wake = null;
        resolve();
      };
      const t = setTimeout(done, ms);
      t.unref?.();
      this.wake = done;
    });
  }

  /** One connection: who am I, the copy loaded if needed, then the feed until it ends. True if it got online. */
  private async connectOnce(): Promise<boolean> {
    if (this.state !== 'offline' && this.state !== 'refused') this.setState('connecting', null);
    const me = await this.client.me();
    const identity = this.o.identity();
    const orgId = identity ? `${identity.organisation.type}-${identity.organisation.code}` : null;
    if (orgId && me.organisation.id !== orgId) {
      throw new HubCallError('refused', `Hubben betjener ${me.organisation.name}, men DFDG Desk arbejder som ${identity!.organisation.name}. Kontrollér adressen under Indstillinger → Organisationens hub.`);
    }
    this.me = me;
    const { store } = this.o;
    const key = JSON.stringify([this.o.config.url, me.organisation.id, me.caseworker.id]);
    if (store.kv.get(KV.mirror) !== key) {
      // Another hub or caseworker: nothing held belongs to it.
      store.transaction(() => {
        store.hubQueue.clear();
        store.kv.set(KV.mirror, key);
        store.kv.set(KV.needsLoad, '1');
      });
    }
    store.kv.set(KV.me, JSON.stringify(me.caseworker));
    if (store.kv.get(KV.needsLoad) !== '0' || store.kv.get(KV.cursor) === null) await this.fullLoad();
    this.prune();
    if (this.stopped) return false;
    const since = store.kv.get(KV.cursor);
    let helloed = false;
    let lastHeard = Date.now();
    const stream = await this.client.feed(since, {
      alive: () => (lastHeard = Date.now()),
      hello: () => {
        helloed = true;
        // The hello comes first, the backlog after it: online once what is buffered has been applied.
        this.flush();
        this.setState('online', null);
        void this.drain();
      },
      advisory: (id, ev) => this.receive(id, ev),
      reload: (reason) => {
        this.log('info', 'hub: the feed asks for a full reload', { reason });
        store.kv.set(KV.needsLoad, '1');
        this.stream?.close();
      },
    });
    this.stats.feedConnects++;
    this.stream = stream;
    if (this.stopped) stream.close();
    const silence = this.o.silenceMs ?? 45_000;
    const watch = setInterval(() => {
      if (Date.now() - lastHeard > silence) stream.close();
    }, Math.min(5_000, silence / 3));
    watch.unref?.();
    try {
      await stream.done;
    } finally {
      clearInterval(watch);
      this.stream = null;
      this.flush();
    }
    if (!this.stopped && store.kv.get(KV.needsLoad) !== '1') this.setState('offline', 'Forbindelsen til hubben blev afbrudt. DFDG Desk forbinder igen af sig selv.');
    return helloed;
  }

  /** Reads the whole queue page by page (first start, or the hub said reload); then the feed resumes from the first page's position. */
  private async fullLoad(): Promise<void> {
    const { store } = this.o;
    const q = store.hubQueue;
    const size = this.o.pageSize ?? 200;
    this.stats.fullLoads++;
    const seen = new Set<string>();
    let cursor: string | null = null;
    let feedCursor: string | null = null;
    do {
      const page = await this.client.page('all', cursor, size);
      this.stats.pagesRead++;
      feedCursor ??= page.feedCursor;
      store.withoutFsync(() =>
        store.transaction(() => {
          for (const a of page.items) {
            q.upsert(a);
            seen.add(a.id);
          }
        }),
      );
      cursor = page.nextCursor;
      this.changed();
      if (this.stopped) return;
    } while (cursor);
    // The latest finished work, so Udførte is not empty on a new desktop.
    const done = await this.client.page('done', null, size);
    this.stats.pagesRead++;
    const now = this.o.clock();
    store.transaction(() => {
      for (const a of done.items) q.upsert(a);
      // Work the hub no longer has open was finished or removed before the feed's position: drop it.
      q.removeNotDone(seen);
      store.kv.set(KV.cursor, feedCursor ?? '0');
      store.kv.set(KV.needsLoad, '0');
      store.kv.set(KV.syncedAt, now.toISOString());
    });
    this.changed();
  }

  /** Finished work is kept 30 days (Udførte), finished team actions 7: the copy holds CPR numbers. */
  private prune(): void {
    const now = this.o.clock().getTime();
    const q = this.o.store.hubQueue;
    this.o.store.transaction(() => {
      q.pruneDone(new Date(now - 30 * DAY_MS).toISOString());
      q.pruneCommands(new Date(now - 7 * DAY_MS).toISOString());
    });
  }

  /** A change from the feed: applied with others that arrive together, in one transaction. */
  private receive(id: string, ev: HubChangeEvent): void {
    this.pending.push({ id, ev });
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    if (!batch.length) return;
    this.pending = [];
    const { store } = this.o;
    if (!store.isOpen) return;
    // The copy and its cursor can be rebuilt from the hub: a power loss may cost the last few, never more.
    store.withoutFsync(() =>
      store.transaction(() => {
        for (const { ev } of batch) store.hubQueue.upsert(ev.advisory);
        store.kv.set(KV.cursor, batch[batch.length - 1]!.id);
        store.kv.set(KV.syncedAt, this.o.clock().toISOString());
      }),
    );
    this.stats.eventsApplied += batch.length;
    this.changed();
  }

  // --- the outbox of team actions -------------------------------------------------------------------

  /** Sends the queued actions in order while online (one run at a time); a transient failure stops until the next connection. */
  private drain(): Promise<void> {
    if (this.draining) return this.draining;
    const run = this.sendQueued()
      .catch((e: unknown) => this.log('error', 'hub: sending queued team actions failed', { error: errorName(e) }))
      .finally(() => {
        if (this.draining === run) this.draining = null;
        this.changed();
      });
    this.draining = run;
    return run;
  }

  private async sendQueued(): Promise<void> {
    const q = this.o.store.hubQueue;
    for (;;) {
      const cmd = q.queued()[0];
      if (!cmd || this.stopped || this.state !== 'online' || !this.me) return;
      q.attempted(cmd.id);
      const at = () => this.o.clock().toISOString();
      try {
        const a = await this.client.act(cmd.advisoryId, cmd.action, cmd.baseVersion);
        this.o.store.transaction(() => {
          q.upsert(a);
          q.markSent(cmd.id, at());
        });
      } catch (e) {
        if (!(e instanceof HubCallError)) throw e;
        const conflict = e.conflict;
        if (conflict) {
          this.o.store.transaction(() => {
            q.upsert(conflict.advisory);
            // An earlier try whose answer was lost had already done it: sent, once.
            if (achieved(cmd.action, conflict.advisory, this.me!.caseworker.id)) q.markSent(cmd.id, at());
            else q.markRefused(cmd.id, this.conflictText(conflict), at());
          });
        } else if (e.transient) {
          this.lost(e);
          return;
        } else {
          q.markRefused(cmd.id, e.message, at());
        }
      }
      this.changed();
    }
  }

  // --- state ---------------------------------------------------------------------------------------

  private conflictText(c: HubConflict): string {
    if (c.code === 'taken' && c.holder && c.since) return `${takenByText(c.holder, c.since, this.o.clock())}.`;
    return c.message;
  }

  /** A call found the hub away: offline, and the feed is closed so the loop reconnects. */
  private lost(e: HubCallError): void {
    this.setState('offline', e.message);
    this.stream?.close();
  }

  private failed(e: unknown): void {
    if (e instanceof HubCallError) {
      this.setState(e.failure === 'tls' || e.failure === 'refused' ? 'refused' : 'offline', e.message);
      if (e.failure !== 'unreachable') this.log('warn', 'hub: connection refused', { failure: e.failure, status: e.status });
    } else {
      this.setState('offline', 'Forbindelsen til hubben mislykkedes.');
      this.log('error', 'hub: connection failed', { error: errorName(e) });
    }
  }

  private setState(state: HubState, reason: string | null): void {
    const changed = state !== this.state || reason !== this.reason;
    this.state = state;
    this.reason = reason;
    if (state === 'online') {
      for (const w of [...this.onlineWaiters]) w();
      this.onlineWaiters.clear();
    }
    if (changed) this.changed();
  }

  /** Tell the listeners (coalesced: at most one notification per 30 ms). */
  private changed(): void {
    if (this.notifyTimer || this.stopped) return;
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = null;
      if (!this.o.store.isOpen) return;
      try {
        this.o.onStatus?.(this.status());
      } catch (e) {
        this.log('error', 'hub: a listener failed', { error: errorName(e) });
      }
    }, 30);
    this.notifyTimer.unref?.();
  }

  private today(): string {
    return todayIso(this.o.clock());
  }

  private log(level: Parameters<Logger>[0], message: string, fields?: Record<string, unknown>): void {
    this.o.log?.(level, message, fields);
  }
}
