// The team queue in PostgreSQL: keyset-paged views, the five changes (take, release, hand over,
// complete, reopen) and take-next. Every change is ONE statement: the conditional UPDATE (its
// precondition in the WHERE, re-checked by PostgreSQL against the latest row when it races), its
// audit row and its change-feed row commit together or not at all. A change that lost gets the
// advisory as it is now, to explain the conflict (409) with who holds it and since when.

import type pg from 'pg';
import { takenByText, type HubAdvisory, type HubCaseworker, type HubChangeOp, type HubConflict, type HubPage, type HubTeam, type HubView } from '../shared/hubApi';
import type { AdvisoryKind } from '../shared/domain';

export interface Actor extends HubCaseworker {
  desktopId: string;
}

export type Action = 'take' | 'release' | 'handover' | 'complete' | 'reopen';

export type ChangeResult =
  | { kind: 'ok'; advisory: HubAdvisory; changed: boolean }
  | { kind: 'not-found' }
  | { kind: 'conflict'; conflict: HubConflict };

/** Thrown for a cursor the hub did not hand out (400). */
export class BadCursorError extends Error {}

/** Who made a change, as SQL expressions: the statement's parameters, or (take-next) the columns of `u`. */
interface ActorSql {
  id: string;
  name: string;
  desktop: string;
  detail: string;
}

/** $2/$3 the actor, $4 the desktop, $5 the audit detail (every statement but take-next). */
const ACTOR_PARAMS: ActorSql = { id: '$2::text', name: '$3::text', desktop: '$4::text', detail: '$5::jsonb' };

/** The SET of a take: taken by `who`, now. */
const takenBy = (who: Pick<ActorSql, 'id' | 'name'>) => `status = 'in-progress', taken_by = ${who.id}, taken_by_name = ${who.name}, taken_at = now()`;

interface ActionSql {
  op: HubChangeOp;
  /** Which rows the change applies to; $2 is the caller's id. */
  where: string;
  set: string;
  /** The state in which repeating the change changes nothing (answered 200, no new version). */
  already: (a: HubAdvisory, callerId: string, to?: HubCaseworker) => boolean;
}

const ACTIONS: Record<Action, ActionSql> = {
  take: {
    op: 'taken',
    where: "a.status = 'open'",
    set: takenBy(ACTOR_PARAMS),
    already: (a, me) => a.status === 'in-progress' && a.takenBy?.id === me,
  },
  release: {
    op: 'released',
    where: "a.status = 'in-progress' AND a.taken_by = $2",
    set: "status = 'open', taken_by = NULL, taken_by_name = NULL, taken_at = NULL",
    already: (a) => a.status === 'open',
  },
  handover: {
    op: 'handed-over',
    where: "(a.status = 'open' OR (a.status = 'in-progress' AND a.taken_by = $2))",
    set: takenBy({ id: '$8::text', name: '$9::text' }),
    already: (a, _me, to) => a.status === 'in-progress' && a.takenBy?.id === to?.id,
  },
  complete: {
    op: 'completed',
    where: "(a.status = 'open' OR (a.status = 'in-progress' AND a.taken_by = $2))",
    set: "status = 'done', done_by = $2, done_by_name = $3, done_at = now(), taken_by = NULL, taken_by_name = NULL, taken_at = NULL",
    already: (a, me) => a.status === 'done' && a.doneBy?.id === me,
  },
  reopen: {
    op: 'reopened',
    where: "a.status = 'done'",
    set: "status = 'open', done_by = NULL, done_by_name = NULL, done_at = NULL",
    already: (a) => a.status === 'open',
  },
};

/**
 * The audit row and the change row of the UPDATE named `u` (which returns adv, id, status,
 * old_status, and `n`, the order of the changes in the feed). $1 org; the actor from `who`.
 */
function recordChange(op: HubChangeOp, who: ActorSql = ACTOR_PARAMS): string {
  return `,
  aud AS (
    INSERT INTO audit (org, actor_id, actor_name, desktop_id, action, advisory_id, from_status, to_status, detail)
    SELECT $1, ${who.id}, ${who.name}, ${who.desktop}, '${op}', u.id, u.old_status, u.status, ${who.detail} FROM u
  ),
  chg AS (
    INSERT INTO changes (org, advisory_id, op, data)
    SELECT $1, u.id, '${op}', jsonb_build_object('op', '${op}', 'advisory', u.adv, 'by', jsonb_build_object('id', ${who.id}, 'name', ${who.name}), 'at', hub_ts(now())) FROM u
    ORDER BY u.n
    RETURNING id
  )
SELECT u.n, u.adv FROM u`;
}

/**
 * Take-next for many callers in one statement: the first `cardinality($2)` open advisories (earliest
 * due first) that no other transaction holds, numbered in that order, each taken by the caller of the
 * same number ($2 ids, $3 names, $4 desktops, in the order the calls arrived). $5 the kind, or null.
 */
const TAKE_NEXT_SQL = `WITH w AS (
    SELECT * FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS w(actor_id, actor_name, desktop_id, n)
  ),
  o AS (
    SELECT s.id, row_number() OVER (ORDER BY s.due_key, s.created_at, s.id) AS n FROM (
      SELECT id, due_key, created_at FROM advisories
      WHERE org = $1 AND status = 'open' AND ($5::text IS NULL OR kind = $5::text)
      ORDER BY due_key, created_at, id LIMIT cardinality($2::text[]) FOR UPDATE SKIP LOCKED
    ) s
  ),
  u AS (
    UPDATE advisories a SET ${takenBy({ id: 'w.actor_id', name: 'w.actor_name' })}, version = a.version + 1
    FROM o JOIN w ON w.n = o.n WHERE a.id = o.id
    RETURNING hub_advisory_json(a) AS adv, a.id, a.status, 'open'::text AS old_status, w.n, w.actor_id, w.actor_name, w.desktop_id
  )${recordChange('taken', { id: 'u.actor_id', name: 'u.actor_name', desktop: 'u.desktop_id', detail: 'NULL::jsonb' })}`;

/** Callers of take-next claimed together in one statement at most (one commit for all of them). */
const TAKE_NEXT_BATCH = 200;
/** Take-next statements running at once per replica (per kind filter); later callers wait and go together. */
const TAKE_NEXT_PARALLEL = 2;

interface TakeNextWaiter {
  actor: Actor;
  resolve: (a: HubAdvisory | null) => void;
  reject: (e: unknown) => void;
}

const KEY_COLUMNS = "a.due_key::text AS k1, to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS k2, a.id::text AS k3";
const DONE_KEY_COLUMNS = "to_char(a.done_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS k1, a.id::text AS k3";
const TODAY = "(now() AT TIME ZONE 'Europe/Copenhagen')::date";

function encodeCursor(parts: string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

function decodeCursor(cursor: string, n: number): string[] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === n && v.every((x) => typeof x === 'string' && x.length <= 60)) return v as string[];
  } catch {
    // falls through
  }
  throw new BadCursorError('cursor');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class Queue {
  constructor(
    private readonly pool: pg.Pool,
    readonly org: string,
    /** Called after every committed change (the feed wakes the other replicas). */
    private readonly changed: () => void,
  ) {}

  async get(id: string): Promise<HubAdvisory | null> {
    if (!UUID.test(id)) return null;
    const r = await this.pool.query<{ adv: HubAdvisory }>('SELECT hub_advisory_json(a) AS adv FROM advisories a WHERE a.org = $1 AND a.id = $2', [this.org, id]);
    return r.rows[0]?.adv ?? null;
  }

  async page(view: HubView, opts: { kind?: AdvisoryKind | undefined; limit: number; cursor?: string | undefined; callerId: string }, feedCursor: string): Promise<HubPage> {
    const params: unknown[] = [this.org];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = ['a.org = $1'];
    if (view === 'mine') where.push("a.status = 'in-progress'", `a.taken_by = ${p(opts.callerId)}`);
    else if (view === 'unassigned') where.push("a.status = 'open'");
    else if (view === 'overdue') where.push("a.status <> 'done'", `a.due_key < ${TODAY}`);
    else if (view === 'all') where.push("a.status <> 'done'");
    else where.push("a.status = 'done'");
    if (opts.kind) where.push(`a.kind = ${p(opts.kind)}`);
    let sql: string;
    if (view === 'done') {
      if (opts.cursor) {
        const [t, id] = decodeCursor(opts.cursor, 2);
        where.push(`(a.done_at, a.id) < (${p(t)}::timestamptz, ${p(id)}::uuid)`);
      }
      sql = `SELECT hub_advisory_json(a) AS adv, ${DONE_KEY_COLUMNS} FROM advisories a WHERE ${where.join(' AND ')} ORDER BY a.done_at DESC, a.id DESC LIMIT ${p(opts.limit + 1)}`;
    } else {
      if (opts.cursor) {
        const [due, created, id] = decodeCursor(opts.cursor, 3);
        where.push(`(a.due_key, a.created_at, a.id) > (${p(due)}::date, ${p(created)}::timestamptz, ${p(id)}::uuid)`);
      }
      sql = `SELECT hub_advisory_json(a) AS adv, ${KEY_COLUMNS} FROM advisories a WHERE ${where.join(' AND ')} ORDER BY a.due_key, a.created_at, a.id LIMIT ${p(opts.limit + 1)}`;
    }
    let rows: { adv: HubAdvisory; k1: string; k2?: string; k3: string }[];
    try {
      rows = (await this.pool.query<{ adv: HubAdvisory; k1: string; k2?: string; k3: string }>(sql, params)).rows;
    } catch (e) {
      // A cursor that decodes but holds no date/uuid: PostgreSQL refuses the cast.
      if ((e as { code?: string }).code?.startsWith('22')) throw new BadCursorError('cursor');
      throw e;
    }
    const more = rows.length > opts.limit;
    const page = more ? rows.slice(0, opts.limit) : rows;
    const last = page[page.length - 1];
    const nextCursor = more && last ? encodeCursor(view === 'done' ? [last.k1, last.k3] : [last.k1, last.k2 ?? '', last.k3]) : null;
    return { items: page.map((r) => r.adv), nextCursor, feedCursor };
  }

  async change(action: Action, id: string, actor: Actor, opts: { version?: number | undefined; to?: HubCaseworker | undefined }): Promise<ChangeResult> {
    if (!UUID.test(id)) return { kind: 'not-found' };
    const a = ACTIONS[action];
    const detail = action === 'handover' && opts.to ? { to: opts.to } : null;
    const params: unknown[] = [this.org, actor.id, actor.name, actor.desktopId, detail === null ? null : JSON.stringify(detail), id, opts.version ?? null];
    if (action === 'handover') params.push(opts.to?.id ?? null, opts.to?.name ?? null);
    const sql = `WITH o AS (
    SELECT id, status AS old_status FROM advisories WHERE org = $1 AND id = $6 FOR UPDATE
  ),
  u AS (
    UPDATE advisories a SET ${a.set}, version = a.version + 1
    FROM o WHERE a.id = o.id AND ${a.where} AND ($7::int IS NULL OR a.version = $7::int)
    RETURNING hub_advisory_json(a) AS adv, a.id, a.status, o.old_status, 1 AS n
  )${recordChange(a.op)}`;
    // Named: prepared once per connection, so PostgreSQL plans it once instead of on every call.
    const r = await this.pool.query<{ adv: HubAdvisory }>({ name: `hub_${action}`, text: sql, values: params });
    const done = r.rows[0]?.adv;
    if (done) {
      this.changed();
      return { kind: 'ok', advisory: done, changed: true };
    }
    const current = await this.get(id);
    if (!current) return { kind: 'not-found' };
    if (opts.version === undefined || opts.version === current.version) {
      if (a.already(current, actor.id, opts.to)) return { kind: 'ok', advisory: current, changed: false };
    }
    return { kind: 'conflict', conflict: conflictOf(action, current, actor.id, opts.version) };
  }

  private readonly takeNextWaiting = new Map<string, TakeNextWaiter[]>();
  private readonly takeNextRunning = new Map<string, number>();

  /**
   * Takes the open advisory due first (FOR UPDATE SKIP LOCKED: concurrent callers, also at other
   * replicas, get different ones). Null: none left. Calls that arrive while this replica's take-next
   * statements are running wait and are then claimed together, in arrival order, in one statement
   * (one commit for all: a commit waits for the disk, and 200 callers one commit each is what made
   * them queue). A caller alone is claimed at once.
   */
  takeNext(actor: Actor, kind?: AdvisoryKind): Promise<HubAdvisory | null> {
    const key = kind ?? '';
    return new Promise((resolve, reject) => {
      const waiting = this.takeNextWaiting.get(key) ?? [];
      waiting.push({ actor, resolve, reject });
      this.takeNextWaiting.set(key, waiting);
      this.claimNext(key, kind);
    });
  }

  private claimNext(key: string, kind: AdvisoryKind | undefined): void {
    const running = this.takeNextRunning.get(key) ?? 0;
    const waiting = this.takeNextWaiting.get(key);
    if (running >= TAKE_NEXT_PARALLEL || !waiting?.length) return;
    const batch = waiting.splice(0, TAKE_NEXT_BATCH);
    if (waiting.length === 0) this.takeNextWaiting.delete(key);
    this.takeNextRunning.set(key, running + 1);
    this.pool
      .query<{ n: string; adv: HubAdvisory }>({
        // Named: prepared once per connection (planning this statement costs more than running it for one caller).
        name: 'hub_take_next',
        text: TAKE_NEXT_SQL,
        values: [this.org, batch.map((w) => w.actor.id), batch.map((w) => w.actor.name), batch.map((w) => w.actor.desktopId), kind ?? null],
      })
      .then(
        (r) => {
          const byCaller = new Map(r.rows.map((x) => [Number(x.n), x.adv]));
          if (byCaller.size > 0) this.changed();
          batch.forEach((w, i) => w.resolve(byCaller.get(i + 1) ?? null));
        },
        (e: unknown) => {
          for (const w of batch) w.reject(e);
        },
      )
      .finally(() => {
        const left = (this.takeNextRunning.get(key) ?? 1) - 1;
        if (left > 0) this.takeNextRunning.set(key, left);
        else this.takeNextRunning.delete(key);
        this.claimNext(key, kind);
      });
  }

  async team(callerId: string): Promise<HubTeam> {
    // Done today: finished since midnight in Copenhagen (the team lead's day), by whoever finished it.
    const people = await this.pool.query<{ id: string; name: string; taken: number; overdue: number; doneToday: number }>(
      `SELECT c.id, c.name, coalesce(t.taken, 0)::int AS taken, coalesce(t.overdue, 0)::int AS overdue, coalesce(d.done, 0)::int AS "doneToday"
       FROM caseworkers c
       LEFT JOIN (
         SELECT taken_by, count(*) AS taken, count(*) FILTER (WHERE due_key < ${TODAY}) AS overdue
         FROM advisories WHERE org = $1 AND status = 'in-progress' GROUP BY taken_by
       ) t ON t.taken_by = c.id
       LEFT JOIN (
         SELECT done_by, count(*) AS done FROM advisories
         WHERE org = $1 AND status = 'done' AND done_at >= (${TODAY}::timestamp AT TIME ZONE 'Europe/Copenhagen') GROUP BY done_by
       ) d ON d.done_by = c.id
       WHERE c.org = $1
       ORDER BY t.taken DESC NULLS LAST, c.name`,
      [this.org],
    );
    const counts = await this.pool.query<HubTeam['counts']>(
      `SELECT count(*) FILTER (WHERE status = 'in-progress' AND taken_by = $2)::int AS mine,
              count(*) FILTER (WHERE status = 'open')::int AS unassigned,
              count(*) FILTER (WHERE due_key < ${TODAY})::int AS overdue,
              count(*)::int AS "all"
       FROM advisories WHERE org = $1 AND status <> 'done'`,
      [this.org, callerId],
    );
    return { caseworkers: people.rows, counts: counts.rows[0]! };
  }

  async colleague(id: string): Promise<HubCaseworker | null> {
    const r = await this.pool.query<HubCaseworker>('SELECT id, name FROM caseworkers WHERE org = $1 AND id = $2', [this.org, id]);
    return r.rows[0] ?? null;
  }

  /** What the intake took from DFDG: the last pull, and the messages it could not read (flagged, newest first). */
  async intakeStatus(): Promise<{ lastPull: unknown; notifications: number; flaggedCount: number; flagged: { messageIdentifier: string; method: string; state: string; error: string | null; receivedAt: string; hasXml: boolean }[] }> {
    const r = await this.pool.query<{ last_pull: unknown; total: number; flagged_count: number; flagged: { messageIdentifier: string; method: string; state: string; error: string | null; receivedAt: string; hasXml: boolean }[] }>(
      `SELECT (SELECT value FROM hub_state WHERE key = 'last_pull') AS last_pull,
              (SELECT count(*)::int FROM notifications WHERE org = $1) AS total,
              (SELECT count(*)::int FROM notifications WHERE org = $1 AND state <> 'stored') AS flagged_count,
              coalesce((SELECT json_agg(f) FROM (
                SELECT message_identifier AS "messageIdentifier", method, state, error, hub_ts(received_at) AS "receivedAt", raw_xml IS NOT NULL AS "hasXml"
                FROM notifications WHERE org = $1 AND state <> 'stored' ORDER BY id DESC LIMIT 50) f), '[]'::json) AS flagged`,
      [this.org],
    );
    const x = r.rows[0]!;
    return { lastPull: x.last_pull ?? null, notifications: x.total, flaggedCount: x.flagged_count, flagged: x.flagged };
  }

  /** Records a caseworker seen at the hub (name from the latest certificate). */
  async seen(c: HubCaseworker): Promise<void> {
    await this.pool.query(
      'INSERT INTO caseworkers (org, id, name) VALUES ($1, $2, $3) ON CONFLICT (org, id) DO UPDATE SET name = EXCLUDED.name, last_seen = now()',
      [this.org, c.id, c.name],
    );
  }
}

/** Why a change lost, in Danish, with the holder and since when. */
export function conflictOf(action: Action, current: HubAdvisory, callerId: string, version: number | undefined, now = new Date()): HubConflict {
  const base = { holder: current.takenBy, since: current.takenAt, advisory: current };
  if (current.status === 'in-progress' && current.takenBy && current.takenAt && current.takenBy.id !== callerId) {
    return { ...base, code: 'taken', message: `${takenByText(current.takenBy, current.takenAt, now)}.` };
  }
  if (version !== undefined && version !== current.version) {
    return { ...base, code: 'stale', message: 'Opgaven er ændret, siden du hentede den. Se den nye udgave, og prøv igen.' };
  }
  if (current.status === 'done') {
    const by = current.doneBy ? ` af ${current.doneBy.name}` : '';
    return { ...base, holder: current.doneBy, since: current.doneAt, code: 'done', message: `Opgaven er allerede afsluttet${by}.` };
  }
  if (action === 'release') return { ...base, code: 'not-taken', message: 'Opgaven er ikke taget af dig.' };
  if (action === 'reopen') return { ...base, code: 'not-done', message: 'Opgaven er ikke afsluttet, så den kan ikke genåbnes.' };
  return { ...base, code: 'stale', message: 'Opgaven er ændret, siden du hentede den. Se den nye udgave, og prøv igen.' };
}
