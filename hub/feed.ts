// The change feed: every change appends a row to `changes` (bigint id); this replica reads them in
// id order up to a safe horizon (`head`) and streams them to its connected desktops as Server-Sent
// Events, each with its id as the resume cursor (Last-Event-ID). NOTIFY only says "something
// changed"; the rows are read from the table.
//
// Ids are taken in one order and committed in another, so a reader can find a gap that a running
// transaction will still fill. The head therefore stops at the first gap, until every transaction
// that was running when the gap was seen has ended (hub_next_change_id gives a transaction its xid
// before its change id, so the gap's owner is among them); the ids still missing then are final
// (rolled back) and the head moves past them. A desktop resuming from a cursor older than the pruned
// changes gets `reload`.

import type { ServerResponse } from 'node:http';
import type pg from 'pg';
import type { HubChangeEvent } from '../shared/hubApi';
import { createClient, isDatabaseUnavailable } from './db/pool';

export const CHANNEL = 'dfdg_hub_changes';
const BATCH = 1000;
const BACKLOG_BATCH = 500;

interface Row {
  id: string;
  org: string;
  data: HubChangeEvent;
}

interface FeedClient {
  res: ServerResponse;
  /** The last change id this client has (as BigInt). */
  cursor: bigint;
  /** Still sending the backlog: live events wait, the backlog loop picks them up. */
  catchingUp: boolean;
}

export interface FeedOptions {
  pool: pg.Pool;
  databaseUrl: string;
  org: string;
  /** Fallback read interval when no NOTIFY arrives (default 1000 ms). */
  pollMs?: number;
  heartbeatMs?: number;
  log?: (msg: string) => void;
}

export class Feed {
  private head = 0n;
  private clients = new Set<FeedClient>();
  private listener: pg.Client | null = null;
  private advancing: Promise<void> | null = null;
  private again = false;
  private timers: NodeJS.Timeout[] = [];
  private notifyTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private started = false;

  constructor(private readonly o: FeedOptions) {}

  /** The safe horizon: every change up to it is committed and has been streamed. */
  get cursor(): string {
    return this.head.toString();
  }

  get connected(): number {
    return this.clients.size;
  }

  async start(): Promise<void> {
    await this.catchUpHead();
    this.started = true;
    void this.listen();
    const poll = setInterval(() => this.wake(), this.o.pollMs ?? 1000);
    const beat = setInterval(() => {
      for (const c of this.clients) c.res.write(': ping\n\n');
    }, this.o.heartbeatMs ?? 15_000);
    poll.unref();
    beat.unref();
    this.timers.push(poll, beat);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    if (this.notifyTimer) clearTimeout(this.notifyTimer);
    for (const c of this.clients) c.res.end();
    this.clients.clear();
    await this.advancing?.catch(() => undefined);
    await this.listener?.end().catch(() => undefined);
  }

  /** After a local commit: read now, and tell the other replicas (one NOTIFY per 5 ms at most). */
  changed(): void {
    this.wake();
    if (this.notifyTimer) return;
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = null;
      this.o.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, this.o.org]).catch(() => undefined);
    }, 5);
    this.notifyTimer.unref();
  }

  /** Reads new changes (coalesced: one read at a time, one more if woken meanwhile). */
  wake(): void {
    if (this.closed || !this.started) return;
    if (this.advancing) {
      this.again = true;
      return;
    }
    this.advancing = (async () => {
      do {
        this.again = false;
        try {
          await this.advance();
        } catch (e) {
          if (!isDatabaseUnavailable(e)) this.o.log?.(`feed: ${e instanceof Error ? e.message : String(e)}`);
          return;
        }
      } while (this.again && !this.closed);
    })().finally(() => {
      this.advancing = null;
    });
  }

  private async listen(): Promise<void> {
    let delay = 200;
    while (!this.closed) {
      const client = createClient(this.o.databaseUrl, 'feed');
      try {
        await client.connect();
        client.on('notification', () => this.wake());
        const lost = new Promise<void>((resolve) => {
          client.on('error', () => resolve());
          client.on('end', () => resolve());
        });
        await client.query(`LISTEN ${CHANNEL}`);
        this.listener = client;
        delay = 200;
        this.wake(); // whatever happened while not listening
        await lost;
      } catch {
        // retried below
      }
      this.listener = null;
      await client.end().catch(() => undefined);
      if (this.closed) return;
      await new Promise((r) => setTimeout(r, delay).unref());
      delay = Math.min(delay * 2, 5_000);
    }
  }

  /** At start: the head is the end of the contiguous prefix after the pruned ids. No rows are streamed. */
  private async catchUpHead(): Promise<void> {
    const pruned = await this.o.pool.query<{ v: string }>("SELECT value #>> '{}' AS v FROM hub_state WHERE key = 'changes_pruned_through'");
    this.head = BigInt(pruned.rows[0]?.v ?? '0');
    await this.advance(true);
  }

  /** Moves the head over committed changes, streaming them; stops at a gap that may still fill. */
  private async advance(idsOnly = false): Promise<void> {
    for (;;) {
      const r = await this.o.pool.query<{ snap: string; rows: Row[] }>(
        `SELECT pg_current_snapshot()::text AS snap,
                coalesce((SELECT json_agg(json_build_object('id', c.id::text, 'org', c.org, 'data', ${idsOnly ? 'NULL' : 'c.data'}) ORDER BY c.id)
                          FROM (SELECT id, org, data FROM changes WHERE id > $1 ORDER BY id LIMIT $2) c), '[]'::json) AS rows`,
        [this.head.toString(), BATCH],
      );
      const { snap, rows } = r.rows[0]!;
      if (rows.length === 0) return;
      let next = this.head + 1n;
      const ready: Row[] = [];
      for (const row of rows) {
        if (BigInt(row.id) !== next) break;
        ready.push(row);
        next++;
      }
      if (ready.length > 0) {
        this.head = next - 1n;
        if (!idsOnly) this.publish(ready);
      }
      if (ready.length === rows.length) {
        if (rows.length < BATCH) return;
        continue;
      }
      // A gap before the next row. Final once every transaction running at `snap` has ended.
      const ended = await this.o.pool.query<{ ended: boolean | null }>(
        "SELECT bool_and(pg_xact_status(x) IS DISTINCT FROM 'in progress') AS ended FROM pg_snapshot_xip($1::pg_snapshot) AS x",
        [snap],
      );
      if (ended.rows[0]?.ended === false) {
        // Still running: look again shortly (the commit's NOTIFY usually comes first).
        const t = setTimeout(() => this.wake(), 20);
        t.unref();
        return;
      }
      // Read again after they ended: an id still missing below the next row will never come.
      const upTo = BigInt(rows[ready.length]!.id);
      const again = await this.o.pool.query<{ id: string | null }>('SELECT min(id)::text AS id FROM changes WHERE id > $1 AND id <= $2', [this.head.toString(), upTo.toString()]);
      const firstPresent = BigInt(again.rows[0]?.id ?? upTo.toString());
      this.head = firstPresent - 1n;
    }
  }

  private publish(rows: Row[]): void {
    const own = rows.filter((r) => r.org === this.o.org);
    if (own.length === 0) return;
    for (const c of this.clients) {
      if (c.catchingUp) continue;
      for (const row of own) {
        const id = BigInt(row.id);
        if (id <= c.cursor) continue;
        c.res.write(sse('advisory', row.data, row.id));
        c.cursor = id;
      }
    }
  }

  /**
   * Whether a desktop can resume from `since`: null if so, else why it must reload (older than the
   * pruned changes, or never given by this database). Asked before the stream opens, so a database
   * that is away is a plain 503.
   */
  async resumable(since: string | null): Promise<'expired' | 'unknown-cursor' | null> {
    if (since === null) return null;
    const from = BigInt(since);
    const state = await this.o.pool.query<{ pruned: string; last: string }>(
      "SELECT (SELECT value #>> '{}' FROM hub_state WHERE key = 'changes_pruned_through') AS pruned, (SELECT last_value::text FROM changes_id_seq) AS last",
    );
    if (from < BigInt(state.rows[0]?.pruned ?? '0')) return 'expired';
    if (from > BigInt(state.rows[0]?.last ?? '0')) return 'unknown-cursor';
    return null;
  }

  /**
   * A desktop subscribes from `since` (its Last-Event-ID; null: from now). Sends `hello` with the
   * head, then `reload` (when `reload` is given) or the backlog after `since`, then live events.
   * A database failure during the backlog ends the stream (the desktop resumes from its last id).
   */
  async subscribe(res: ServerResponse, since: string | null, reload: 'expired' | 'unknown-cursor' | null): Promise<void> {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const client: FeedClient = { res, cursor: this.head, catchingUp: since !== null && reload === null };
    res.write(sse('hello', { head: this.cursor }));
    this.clients.add(client);
    res.on('close', () => this.clients.delete(client));
    if (reload) res.write(sse('reload', { reason: reload, head: this.cursor }));
    if (!client.catchingUp) return;
    client.cursor = BigInt(since!);
    try {
      // The backlog up to the head; the head may move meanwhile, so loop until caught up.
      while (this.clients.has(client) && client.cursor < this.head) {
        const bound = this.head;
        const rows = await this.o.pool.query<{ id: string; data: HubChangeEvent }>(
          'SELECT c.id::text AS id, c.data FROM changes c WHERE c.org = $1 AND c.id > $2 AND c.id <= $3 ORDER BY c.id LIMIT $4',
          [this.o.org, client.cursor.toString(), bound.toString(), BACKLOG_BATCH],
        );
        for (const row of rows.rows) res.write(sse('advisory', row.data, row.id));
        client.cursor = rows.rows.length === BACKLOG_BATCH ? BigInt(rows.rows[rows.rows.length - 1]!.id) : bound;
      }
      client.catchingUp = false;
    } catch {
      this.clients.delete(client);
      res.end();
    }
  }

  /** Deletes changes older than the retention (one replica: the puller). */
  async prune(retentionMs: number): Promise<number> {
    const r = await this.o.pool.query<{ n: number }>(
      `WITH gone AS (
         DELETE FROM changes WHERE id <= $2 AND at < now() - make_interval(secs => $1 / 1000.0) RETURNING id
       ),
       mark AS (
         UPDATE hub_state SET value = to_jsonb((SELECT max(id) FROM gone)::text)
         WHERE key = 'changes_pruned_through' AND EXISTS (SELECT 1 FROM gone)
       )
       SELECT count(*)::int AS n FROM gone`,
      [retentionMs, this.head.toString()],
    );
    return r.rows[0]?.n ?? 0;
  }
}

function sse(event: string, data: unknown, id?: string): string {
  return `${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
