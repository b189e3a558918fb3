import { advisoryFor, stalePartsFor } from '../../../shared/advisories';
import type { Identity, NotificationItem, NotificationKind } from '../../../shared/domain';
import { isDfdgError } from '../dfdg/errors';
import type { CallContext, DfdgClients } from '../dfdg/types';
import type { Store } from '../store/db';
import { uuidv7 } from '../store/ids';
import type { Connectivity } from './connectivity';
import type { Logger } from './engine';
import type { Outbox } from './outbox';

const KNOWN: NotificationKind[] = [
  'GetCitizenMessageVersion1',
  'GetAbsenceVersion1',
  'GetActivityGeneralEventVersion3',
  'GetPersonUnemploymentFundSaveMembershipVersion5',
  'GetIndkaldelseVersion1',
];

export interface PollResult {
  received: number;
  stored: number;
  advisories: number;
  cprs: string[];
  unknownKinds: number;
}

export interface PollerOptions {
  store: Store;
  /** Our sent commands: a recommendation known only by its receipt is still ours. */
  outbox: Outbox;
  clients: () => DfdgClients | null;
  identity: () => Identity | null;
  clock: () => Date;
  connectivity?: Connectivity;
  /** Between polls (default 60 s). */
  intervalMs?: number;
  recommendationAnswerDays?: number;
  /**
   * True while the organisation hub is the only consumer of DFDG's notifications (hub mode): nothing is
   * pulled, also when asked (sync.now), since a pull here would take them from every other desktop.
   */
  suspended?: () => boolean;
  onPolled?: (r: PollResult) => void;
  log?: Logger;
}

/**
 * Pulls DFDG's notifications (WSRM): create a sequence, fetch each kind, store every item and its
 * advisory in one transaction, and only then acknowledge (TerminateSequence). A crash before the
 * acknowledgement means the items come again; they are stored once (by MessageIdentifier) and raise
 * their advisory once.
 */
export class NotificationPoller {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private inFlight: Promise<PollResult | null> | null = null;
  private abort: AbortController | null = null;

  constructor(private readonly o: PollerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.abort?.abort();
    await this.inFlight?.catch(() => null);
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.tick();
    }, ms);
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    try {
      await this.pollNow();
    } catch {
      // reported via connectivity and the log; the next tick tries again
    }
    this.schedule(this.o.intervalMs ?? 60_000);
  }

  /** One poll (coalesced with one already running). Null when not configured, or while the hub is the consumer. */
  pollNow(): Promise<PollResult | null> {
    this.inFlight ??= this.pollOnce().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async pollOnce(): Promise<PollResult | null> {
    const clients = this.o.clients();
    const identity = this.o.identity();
    if (!clients || !identity || this.o.suspended?.()) return null;
    this.abort = new AbortController();
    // The poller runs as the system, not as a caseworker (RequestUserTypeIdentifier 3).
    const ctx: CallContext = { identity, userType: 3, signal: this.abort.signal };
    const { store } = this.o;
    try {
      const seq = await clients.wsrm.createSequence(ctx);
      const kinds = [...new Set(seq.messages.map((m) => m.methodName))];
      const known = kinds.filter((k): k is NotificationKind => (KNOWN as string[]).includes(k));
      const unknownKinds = seq.messages.filter((m) => !(KNOWN as string[]).includes(m.methodName)).length;
      const items: NotificationItem[] = [];
      try {
        for (const kind of known) items.push(...(await clients.wsrm.getItems(ctx, seq.sequenceId, kind)));
      } catch (e) {
        // Nothing stored from this sequence: cancel it so DFDG offers the items again.
        await clients.wsrm.closeSequence(ctx, seq.sequenceId).catch(() => undefined);
        throw e;
      }
      const now = this.o.clock();
      const at = now.toISOString();
      let stored = 0;
      let advisories = 0;
      const cprs = new Set<string>();
      store.transaction(() => {
        for (const item of items) {
          if (!store.notifications.insert(item, at)) continue;
          stored++;
          cprs.add(item.cpr);
          store.cacheMeta.markStale(item.cpr, stalePartsFor(item));
          const adv = advisoryFor(
            item,
            {
              org: identity.organisation,
              now,
              citizenName: store.citizens.get(item.cpr)?.citizen.name ?? null,
              isOwnRecommendation: (id) => isOwnRecommendation(store, this.o.outbox, id, identity),
              recommendationAnswerDays: this.o.recommendationAnswerDays ?? 14,
            },
            uuidv7(now.getTime()),
          );
          if (adv && store.advisories.insert(adv)) advisories++;
        }
      });
      // Acknowledge only now that every item is committed.
      await clients.wsrm.terminateSequence(ctx, seq.sequenceId);
      this.o.connectivity?.reportSuccess();
      if (unknownKinds) this.o.log?.('warn', 'wsrm: messages of kinds this client does not handle were acknowledged', { count: unknownKinds });
      const result: PollResult = { received: items.length, stored, advisories, cprs: [...cprs], unknownKinds };
      this.o.onPolled?.(result);
      return result;
    } catch (e) {
      this.o.connectivity?.reportFailure(e);
      this.o.log?.('warn', 'wsrm poll failed', { error: isDfdgError(e) ? `${e.service}.${e.operation} ${e.code ?? e.httpStatus ?? e.kind}` : e instanceof Error ? e.name : 'unknown' });
      throw e;
    } finally {
      this.abort = null;
    }
  }
}

/** A type 11 recommendation our organisation sent (from the message cache or our own outbox receipts). */
export function isOwnRecommendation(store: Store, outbox: Outbox, messageId: string, identity: Identity): boolean {
  const m = store.messages.get(messageId);
  if (m) return m.contextType === 11 && m.from.organisationCode === identity.organisation.code;
  return outbox.isSentRecommendation(messageId);
}
