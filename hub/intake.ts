// Notification intake: the hub is the organisation's only WSRM consumer. One replica pulls at a
// time: it holds a PostgreSQL session advisory lock on a connection of its own and stores on that
// same connection, so a replica that lost the lock (killed, cut off) can store nothing more; the
// lock dies with the connection, and another replica takes it at its next try (every interval/2,
// so within two intervals).
//
// A pull: CreateSequence → Get<Event> per kind in the sequence → every item and its advisory in ONE
// statement → TerminateSequence. Items are stored once by MessageIdentifier, so a crash before the
// acknowledgement only means they come again. An item the client cannot read is kept as its XML
// ('unreadable'); a kind whose Get<Event> DFDG refuses (or that no client knows) is kept as the
// error per MessageIdentifier ('failed'); neither blocks the other kinds, and all are acknowledged
// because all are stored. A transient failure (network, 5xx) cancels the sequence (CloseSequence):
// nothing is acknowledged, the next pull gets everything again.

import crypto from 'node:crypto';
import os from 'node:os';
import type pg from 'pg';
import { advisoryFor } from '../shared/advisories';
import type { Advisory, Identity, NotificationItem } from '../shared/domain';
import { isDfdgError } from '../main/core/dfdg/errors';
import type { CallContext, DfdgClients, WsrmItemResult } from '../main/core/dfdg/types';
import { createClient, isDatabaseUnavailable } from './db/pool';

/** DFDG offers at most this many messages per sequence: a full one means more are waiting. */
const SEQUENCE_MAX = 500;

export interface IntakeOptions {
  databaseUrl: string;
  replica: string;
  org: string;
  /** The organisation's system identity (from its certificate); calls go as the system (user type 3). */
  identity: Identity;
  clients: DfdgClients;
  intervalMs: number;
  /** Days a jobcenter has to answer a recommendation (the advisory's due date). */
  recommendationAnswerDays?: number;
  /** After each stored pull (the feed reads the new changes). */
  onStored?: (r: PullResult) => void;
  /** While leading: once per interval (the change retention). */
  onLeaderTick?: () => Promise<void>;
  log?: (msg: string) => void;
}

export interface PullResult {
  sequenceId: string;
  received: number;
  stored: number;
  flagged: number;
  advisories: number;
}

/** A notification as the hub stores it. */
export interface NotificationRow {
  message_identifier: string;
  method: string;
  cpr: string | null;
  state: 'stored' | 'unreadable' | 'failed';
  item: NotificationItem | null;
  raw_xml: string | null;
  error: string | null;
}

/** A name for one replica (host, process, random): who pulled what, in the data and the log. */
export function newReplicaId(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
}

export class Intake {
  private conn: pg.Client | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private abort = new AbortController();
  /** True while this replica holds the puller lock. */
  leading = false;
  lastError: string | null = null;

  constructor(private readonly o: IntakeOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    this.wakeUp?.();
    await this.loop?.catch(() => undefined);
    await this.release();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      t.unref();
      this.wakeUp = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  private async release(): Promise<void> {
    const c = this.conn;
    this.conn = null;
    this.leading = false;
    await c?.end().catch(() => undefined);
  }

  /** Takes the lock if free. The connection is ours alone; losing it loses the lock. */
  private async tryLead(): Promise<boolean> {
    const c = createClient(this.o.databaseUrl, 'intake');
    c.on('error', () => {
      if (this.conn === c) this.leading = false;
    });
    try {
      await c.connect();
      const r = await c.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtextextended('dfdg-hub:intake:' || $1, 0)) AS ok", [this.o.org]);
      if (r.rows[0]?.ok) {
        this.conn = c;
        this.leading = true;
        this.o.log?.(`intake: ${this.o.replica} is the puller`);
        return true;
      }
    } catch (e) {
      this.lastError = e instanceof Error ? e.message : String(e);
    }
    await c.end().catch(() => undefined);
    return false;
  }

  private async run(): Promise<void> {
    while (this.running) {
      if (!this.leading) {
        await this.release();
        if (!(await this.tryLead())) {
          await this.sleep(this.o.intervalMs / 2);
          continue;
        }
      }
      let more = false;
      try {
        const r = await this.pullOnce();
        more = r.received >= SEQUENCE_MAX;
        this.lastError = null;
        if (!more) await this.o.onLeaderTick?.().catch(() => undefined);
      } catch (e) {
        this.lastError = describe(e);
        if (isDatabaseUnavailable(e) || this.conn === null) this.leading = false;
        if (this.running) this.o.log?.(`intake: pull failed: ${this.lastError}`);
      }
      if (this.running && !more) await this.sleep(this.o.intervalMs);
    }
  }

  /** One sequence, stored and acknowledged. Public for tests and the benchmark. */
  async pullOnce(): Promise<PullResult> {
    const conn = this.conn;
    if (!conn || !this.leading) throw new Error('not the puller');
    const wsrm = this.o.clients.wsrm;
    if (!wsrm.getItemResults) throw new Error('the WSRM client cannot read items one by one');
    const ctx: CallContext = { identity: this.o.identity, userType: 3, signal: this.abort.signal };
    const seq = await wsrm.createSequence(ctx);
    if (seq.messages.length === 0) {
      await wsrm.terminateSequence(ctx, seq.sequenceId);
      return { sequenceId: seq.sequenceId, received: 0, stored: 0, flagged: 0, advisories: 0 };
    }
    const rows: NotificationRow[] = [];
    try {
      const methods = [...new Set(seq.messages.map((m) => m.methodName))];
      for (const method of methods) {
        const expected = seq.messages.filter((m) => m.methodName === method).map((m) => m.messageIdentifier);
        let results: WsrmItemResult[];
        try {
          results = await wsrm.getItemResults(ctx, seq.sequenceId, method);
        } catch (e) {
          if (!isDfdgError(e) || e.transient || e.kind === 'network' || e.kind === 'timeout' || e.kind === 'tls' || e.kind === 'cancelled') throw e;
          // DFDG refuses this kind (e.g. a message it cannot validate, seed 001): keep the error per message.
          const error = `Get<Event> afvist af DFDG${e.code !== null ? ` (fejlkode ${e.code})` : ''}: ${e.text}`;
          for (const id of expected) rows.push({ message_identifier: id, method, cpr: null, state: 'failed', item: null, raw_xml: null, error });
          continue;
        }
        const got = new Set<string>();
        for (const r of results) {
          if (r.ok) {
            got.add(r.item.messageIdentifier);
            rows.push({ message_identifier: r.item.messageIdentifier, method, cpr: r.item.cpr, state: 'stored', item: r.item, raw_xml: null, error: null });
          } else {
            const id = r.messageIdentifier ?? `ukendt:${crypto.createHash('sha256').update(r.xml).digest('hex').slice(0, 32)}`;
            got.add(id);
            rows.push({ message_identifier: id, method, cpr: null, state: 'unreadable', item: null, raw_xml: r.xml, error: r.error });
          }
        }
        for (const id of expected) {
          if (!got.has(id)) rows.push({ message_identifier: id, method, cpr: null, state: 'failed', item: null, raw_xml: null, error: 'DFDG udleverede ingen besked med dette MessageIdentifier' });
        }
      }
    } catch (e) {
      // Nothing of this sequence is stored: cancel it so DFDG offers everything again.
      await wsrm.closeSequence(ctx, seq.sequenceId).catch(() => undefined);
      throw e;
    }
    const own = await this.ownRecommendations(ctx, rows);
    const result = await this.store(conn, seq.sequenceId, rows, own);
    // Acknowledge only now that every item is committed.
    await wsrm.terminateSequence(ctx, seq.sequenceId);
    this.o.onStored?.(result);
    return result;
  }

  /**
   * An a-kasse's answers: which of the messages answered are type 11 recommendations this
   * organisation sent (read from DFDG, one lookup per citizen). If DFDG cannot say, the answer is
   * shown as a message received (true, only less specific), and the log says so.
   */
  private async ownRecommendations(ctx: CallContext, rows: NotificationRow[]): Promise<Set<string>> {
    const own = new Set<string>();
    const org = this.o.identity.organisation;
    if (org.type !== 'akasse') return own;
    const wanted = new Map<string, Set<string>>();
    for (const r of rows) {
      const to = r.item?.kind === 'GetCitizenMessageVersion1' ? r.item.details.responseToId : null;
      if (r.item && typeof to === 'string' && to) wanted.set(r.item.cpr, (wanted.get(r.item.cpr) ?? new Set()).add(to));
    }
    for (const [cpr, ids] of wanted) {
      try {
        for (const m of await this.o.clients.citizenMessage.getCitizenMessages(ctx, cpr)) {
          if (ids.has(m.id.toLowerCase()) && m.contextType === 11 && m.from.organisationCode === org.code) own.add(m.id.toLowerCase());
        }
      } catch (e) {
        this.o.log?.(`intake: could not read the thread of an answer (${describe(e)}); shown as a message received`);
      }
    }
    return own;
  }

  /** The advisories of parsed items (the one derivation shared with the desktop). */
  advisoriesOf(rows: NotificationRow[], now: Date, ownRecommendations: ReadonlySet<string> = new Set()): Advisory[] {
    const org = this.o.identity.organisation;
    const out: Advisory[] = [];
    for (const r of rows) {
      if (r.state !== 'stored' || !r.item) continue;
      const adv = advisoryFor(
        r.item,
        {
          org,
          now,
          citizenName: null,
          isOwnRecommendation: (id) => ownRecommendations.has(id),
          recommendationAnswerDays: this.o.recommendationAnswerDays ?? 14,
        },
        crypto.randomUUID(),
      );
      if (adv) out.push(adv);
    }
    return out;
  }

  private async store(conn: pg.Client, sequenceId: string, rows: NotificationRow[], own: ReadonlySet<string>): Promise<PullResult> {
    const x = await storeNotifications(conn, { org: this.o.org, replica: this.o.replica, sequenceId }, rows, this.advisoriesOf(rows, new Date(), own));
    return { sequenceId, received: rows.length, ...x };
  }
}

/**
 * Every notification, its advisory and the advisory's change row, and one audit row for the pull
 * (the hub's own doing, not a caseworker's: which sequence, which replica, which advisories it
 * created; each notification row also names its sequence and replica): one statement, all or nothing.
 */
export async function storeNotifications(
  conn: pg.ClientBase | pg.Pool,
  at: { org: string; replica: string; sequenceId: string },
  rows: NotificationRow[],
  advisories: Advisory[],
): Promise<{ stored: number; flagged: number; advisories: number }> {
  const r = await conn.query<{ stored: number; flagged: number; advisories: number }>(STORE_SQL, [
    at.org,
    at.sequenceId,
    at.replica,
    JSON.stringify(rows),
    JSON.stringify(
      advisories.map((a) => ({
        id: a.id,
        kind: a.kind,
        cpr: a.cpr,
        citizen_name: a.citizenName,
        title: a.title,
        created_at: a.createdAt,
        due_date: a.dueDate,
        smi: a.sourceMessageIdentifier,
        entity_id: a.entityId,
      })),
    ),
  ]);
  return r.rows[0]!;
}

/** $1 org, $2 sequence, $3 replica, $4 notification rows, $5 advisories (json). */
export const STORE_SQL = `WITH n AS (
  INSERT INTO notifications (org, message_identifier, method, cpr, state, item, raw_xml, error, sequence_id, received_by)
  SELECT $1, r.message_identifier, r.method, r.cpr, r.state, r.item, r.raw_xml, r.error, $2, $3
  FROM jsonb_to_recordset($4::jsonb) AS r(message_identifier text, method text, cpr text, state text, item jsonb, raw_xml text, error text)
  ON CONFLICT (org, message_identifier) DO NOTHING
  RETURNING id, message_identifier, state
),
a AS (
  INSERT INTO advisories (id, org, notification_id, kind, cpr, citizen_name, title, created_at, due_date, source_message_identifier, entity_id)
  SELECT r.id, $1, n.id, r.kind, r.cpr, r.citizen_name, r.title, r.created_at, r.due_date, r.smi, r.entity_id
  FROM jsonb_to_recordset($5::jsonb) AS r(id uuid, kind text, cpr text, citizen_name text, title text, created_at timestamptz, due_date date, smi text, entity_id text)
  JOIN n ON n.message_identifier = r.smi
  ORDER BY r.created_at, r.id
  ON CONFLICT (org, source_message_identifier) DO NOTHING
  RETURNING *
),
aud AS (
  INSERT INTO audit (org, action, to_status, detail)
  SELECT $1, 'created', 'open', jsonb_build_object('sequence', $2::text, 'replica', $3::text, 'advisories', jsonb_agg(a.id ORDER BY a.created_at, a.id))
  FROM a HAVING count(*) > 0
),
chg AS (
  INSERT INTO changes (org, advisory_id, op, data)
  SELECT $1, a.id, 'created', jsonb_build_object('op', 'created', 'advisory', hub_advisory_json(a.*::advisories), 'by', NULL, 'at', hub_ts(now())) FROM a
  ORDER BY a.created_at, a.id
),
pull AS (
  INSERT INTO hub_state (key, value)
  VALUES ('last_pull', jsonb_build_object('at', hub_ts(now()), 'replica', $3::text, 'sequence', $2::text, 'stored', (SELECT count(*) FROM n)))
  ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
)
SELECT (SELECT count(*) FROM n WHERE state = 'stored')::int AS stored,
       (SELECT count(*) FROM n WHERE state <> 'stored')::int AS flagged,
       (SELECT count(*) FROM a)::int AS advisories`;

function describe(e: unknown): string {
  if (isDfdgError(e)) return `${e.service}.${e.operation} ${e.code ?? e.httpStatus ?? e.kind}`;
  return e instanceof Error ? e.message : String(e);
}
