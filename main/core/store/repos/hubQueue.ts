// Hub mode: this desktop's copy of the organisation hub's team queue (kept current by the hub's change
// feed, readable offline) and the outbox of team actions made while the hub could not be reached. The
// views are pages of the copy in the hub's own order; the renderer never gets the whole queue.

import type { HubAdvisory } from '../../../../shared/hubApi';
import type { AdvisoryKind, IsoDate, IsoDateTime, TeamAction, TeamAdvisory, TeamCommand, TeamView } from '../../../../shared/domain';
import { fromJson, toJson, type Db } from '../sqlite';

export interface TeamCounts {
  mine: number;
  unassigned: number;
  overdue: number;
  all: number;
  done: number;
}

export interface HubCommand {
  seq: number;
  id: string;
  advisoryId: string;
  action: TeamAction;
  /** The version the caseworker acted on (null: after another queued action on the same advisory). */
  baseVersion: number | null;
  createdAt: IsoDateTime;
  attempts: number;
}

interface PageRow {
  data: string;
  citizen_name: string | null;
  pending: TeamAction | null;
  refused: string | null;
}

const ORDER_OPEN = 'ORDER BY h.due_date IS NULL, h.due_date, h.created_at, h.id';
const ORDER_DONE = 'ORDER BY h.done_at DESC, h.id DESC';

/** A queued take counts as mine at once (the hub hears of it when it can be reached). */
const QUEUED_TAKE = "h.id IN (SELECT advisory_id FROM hub_commands WHERE state = 'queued' AND action = 'take')";

export class HubQueueRepo {
  private readonly sUpsert;
  private readonly sGet;

  constructor(private readonly db: Db) {
    // Only a newer version replaces what is held: the feed's events and a page may overlap.
    this.sUpsert = db.prepare(
      `INSERT INTO hub_advisories (id, version, status, kind, cpr, due_date, created_at, taken_by, done_at, data)
       VALUES (@id, @version, @status, @kind, @cpr, @dueDate, @createdAt, @takenBy, @doneAt, @data)
       ON CONFLICT(id) DO UPDATE SET version = excluded.version, status = excluded.status, kind = excluded.kind, cpr = excluded.cpr,
         due_date = excluded.due_date, created_at = excluded.created_at, taken_by = excluded.taken_by, done_at = excluded.done_at, data = excluded.data
       WHERE excluded.version > hub_advisories.version`,
    );
    this.sGet = db.prepare<[string], { data: string }>('SELECT data FROM hub_advisories WHERE id = ?');
  }

  /** Stores the hub's advisory unless a newer (or the same) version is held; true when it changed. */
  upsert(a: HubAdvisory): boolean {
    return (
      this.sUpsert.run({
        id: a.id,
        version: a.version,
        status: a.status,
        kind: a.kind,
        cpr: a.cpr,
        dueDate: a.dueDate,
        createdAt: a.createdAt,
        takenBy: a.status === 'in-progress' ? (a.takenBy?.id ?? null) : null,
        doneAt: a.doneAt,
        data: toJson(a),
      }).changes > 0
    );
  }

  get(id: string): HubAdvisory | null {
    return fromJson<HubAdvisory>(this.sGet.get(id)?.data);
  }

  /** The advisory as the Indbakke shows it: with the citizen's name from the cache and any outbox state. */
  team(id: string): TeamAdvisory | null {
    const r = this.db.prepare<[string], PageRow>(`SELECT ${this.columns()} FROM hub_advisories h LEFT JOIN citizens c ON c.cpr = h.cpr WHERE h.id = ?`).get(id);
    return r ? toTeam(r) : null;
  }

  /** Every advisory held (tests compare the copy with the hub). */
  all(): HubAdvisory[] {
    return this.db
      .prepare<[], { data: string }>('SELECT data FROM hub_advisories ORDER BY id')
      .all()
      .map((r) => fromJson<HubAdvisory>(r.data)!);
  }

  ids(): Set<string> {
    return new Set(this.db.prepare<[], string>('SELECT id FROM hub_advisories').pluck().all());
  }

  /** Removes the advisories of a view the hub no longer has (after a full load), except `keep`. */
  removeNotDone(keep: Set<string>): number {
    const stale = this.db
      .prepare<[], string>("SELECT id FROM hub_advisories WHERE status != 'done'")
      .pluck()
      .all()
      .filter((id) => !keep.has(id));
    const del = this.db.prepare('DELETE FROM hub_advisories WHERE id = ?');
    for (const id of stale) del.run(id);
    return stale.length;
  }

  /** Done advisories finished before `before` are no longer kept. */
  pruneDone(before: IsoDateTime): number {
    return this.db.prepare("DELETE FROM hub_advisories WHERE status = 'done' AND done_at < ?").run(before).changes;
  }

  /** Forgets everything (another hub or caseworker: its queue and queued actions mean nothing there). */
  clear(): void {
    this.db.exec('DELETE FROM hub_advisories; DELETE FROM hub_commands;');
  }

  private columns(): string {
    return `h.data, c.name AS citizen_name,
      (SELECT action FROM hub_commands q WHERE q.advisory_id = h.id AND q.state = 'queued' ORDER BY q.seq DESC LIMIT 1) AS pending,
      (SELECT json_object('action', r.action, 'message', r.message, 'at', r.finished_at) FROM hub_commands r
         WHERE r.advisory_id = h.id AND r.state = 'refused' ORDER BY r.seq DESC LIMIT 1) AS refused`;
  }

  private where(view: TeamView, me: string | null, today: IsoDate): { sql: string; params: unknown[] } {
    switch (view) {
      case 'mine':
        return { sql: `h.status != 'done' AND ((h.status = 'in-progress' AND h.taken_by = ?) OR ${QUEUED_TAKE})`, params: [me ?? ''] };
      case 'unassigned':
        return { sql: "h.status != 'done' AND h.status = 'open'", params: [] };
      case 'overdue':
        return { sql: "h.status != 'done' AND h.due_date < ?", params: [today] };
      case 'all':
        return { sql: "h.status != 'done'", params: [] };
      case 'done':
        return { sql: "h.status = 'done'", params: [] };
    }
  }

  /** One page of a view, in the hub's order (earliest due first, undated last, then oldest; done: latest first). */
  page(view: TeamView, o: { me: string | null; today: IsoDate; offset: number; limit: number; kind?: AdvisoryKind | undefined }): { items: TeamAdvisory[]; total: number } {
    const w = this.where(view, o.me, o.today);
    if (o.kind) {
      w.sql = `${w.sql} AND h.kind = ?`;
      w.params.push(o.kind);
    }
    const rows = this.db
      .prepare<unknown[], PageRow>(
        `SELECT ${this.columns()} FROM hub_advisories h LEFT JOIN citizens c ON c.cpr = h.cpr WHERE ${w.sql} ${view === 'done' ? ORDER_DONE : ORDER_OPEN} LIMIT ? OFFSET ?`,
      )
      .all(...w.params, o.limit, o.offset);
    const total = Number(this.db.prepare(`SELECT count(*) FROM hub_advisories h WHERE ${w.sql}`).pluck().get(...w.params));
    return { items: rows.map(toTeam), total };
  }

  counts(me: string | null, today: IsoDate): TeamCounts {
    const r = this.db
      .prepare<unknown[], Record<keyof TeamCounts, number | null>>(
        `SELECT sum(status != 'done') AS "all", sum(status = 'open') AS unassigned,
                sum(status != 'done' AND ((status = 'in-progress' AND taken_by = ?) OR ${QUEUED_TAKE.replace('h.id', 'id')})) AS mine,
                sum(status != 'done' AND due_date < ?) AS overdue, sum(status = 'done') AS done
         FROM hub_advisories`,
      )
      .get(me ?? '', today)!;
    return { mine: r.mine ?? 0, unassigned: r.unassigned ?? 0, overdue: r.overdue ?? 0, all: r.all ?? 0, done: r.done ?? 0 };
  }

  // --- the outbox of team actions --------------------------------------------------------------

  enqueue(c: { id: string; advisoryId: string; action: TeamAction; baseVersion: number | null; createdAt: IsoDateTime }): void {
    this.db
      .prepare("INSERT INTO hub_commands (id, advisory_id, action, base_version, created_at, state) VALUES (?, ?, ?, ?, ?, 'queued')")
      .run(c.id, c.advisoryId, c.action, c.baseVersion, c.createdAt);
  }

  /** The queued actions, oldest first. */
  queued(): HubCommand[] {
    return this.db
      .prepare<[], { seq: number; id: string; advisory_id: string; action: TeamAction; base_version: number | null; created_at: string; attempts: number }>(
        "SELECT seq, id, advisory_id, action, base_version, created_at, attempts FROM hub_commands WHERE state = 'queued' ORDER BY seq",
      )
      .all()
      .map((r) => ({ seq: r.seq, id: r.id, advisoryId: r.advisory_id, action: r.action, baseVersion: r.base_version, createdAt: r.created_at, attempts: r.attempts }));
  }

  hasQueued(advisoryId: string): boolean {
    return this.db.prepare("SELECT 1 FROM hub_commands WHERE advisory_id = ? AND state = 'queued' LIMIT 1").get(advisoryId) !== undefined;
  }

  countQueued(): number {
    return Number(this.db.prepare("SELECT count(*) FROM hub_commands WHERE state = 'queued'").pluck().get());
  }

  /** Refused actions the caseworker has not dismissed (they stay in the Udbakke's count until then). */
  countRefused(): number {
    return Number(this.db.prepare("SELECT count(*) FROM hub_commands WHERE state = 'refused'").pluck().get());
  }

  /** The outbox of team actions for the Udbakke: queued, sent and refused (not dismissed), newest first, with the advisory as held. */
  commands(): TeamCommand[] {
    return this.db
      .prepare<
        [],
        { id: string; advisory_id: string; action: TeamAction; state: TeamCommand['state']; message: string | null; attempts: number; created_at: string; finished_at: string | null; data: string | null; citizen_name: string | null }
      >(
        `SELECT q.id, q.advisory_id, q.action, q.state, q.message, q.attempts, q.created_at, q.finished_at, h.data, c.name AS citizen_name
         FROM hub_commands q LEFT JOIN hub_advisories h ON h.id = q.advisory_id LEFT JOIN citizens c ON c.cpr = h.cpr
         WHERE q.state IN ('queued', 'sent', 'refused') ORDER BY q.seq DESC`,
      )
      .all()
      .map((r) => {
        const a = fromJson<HubAdvisory>(r.data);
        return {
          id: r.id,
          advisoryId: r.advisory_id,
          action: r.action,
          state: r.state,
          message: r.message,
          attempts: r.attempts,
          createdAt: r.created_at,
          finishedAt: r.finished_at,
          title: a?.title ?? null,
          cpr: a?.cpr ?? null,
          citizenName: r.citizen_name ?? a?.citizenName ?? null,
        };
      });
  }

  /** The caseworker has seen this refusal; false when it is not (or no longer) a refused action. */
  dismiss(id: string): boolean {
    return this.db.prepare("UPDATE hub_commands SET state = 'dismissed' WHERE id = ? AND state = 'refused'").run(id).changes > 0;
  }

  attempted(id: string): void {
    this.db.prepare('UPDATE hub_commands SET attempts = attempts + 1 WHERE id = ?').run(id);
  }

  /** The hub applied it (now or on an earlier try whose answer was lost). */
  markSent(id: string, at: IsoDateTime): void {
    this.db.prepare("UPDATE hub_commands SET state = 'sent', finished_at = ? WHERE id = ? AND state = 'queued'").run(at, id);
  }

  /** The hub refused it (a colleague was first): kept with the hub's words for the caseworker. */
  markRefused(id: string, message: string, at: IsoDateTime): void {
    this.db.prepare("UPDATE hub_commands SET state = 'refused', message = ?, finished_at = ? WHERE id = ? AND state = 'queued'").run(message, at, id);
  }

  /** The caseworker acted on the advisory again: an earlier refusal is no longer news. */
  dismissRefusals(advisoryId: string): void {
    this.db.prepare("UPDATE hub_commands SET state = 'dismissed' WHERE advisory_id = ? AND state = 'refused'").run(advisoryId);
  }

  /** Finished actions older than `before` are forgotten. */
  pruneCommands(before: IsoDateTime): number {
    return this.db.prepare("DELETE FROM hub_commands WHERE state IN ('sent', 'dismissed') AND finished_at < ?").run(before).changes;
  }
}

function toTeam(r: PageRow): TeamAdvisory {
  const a = fromJson<HubAdvisory>(r.data)!;
  const refused = fromJson<{ action: TeamAction; message: string; at: string }>(r.refused);
  return {
    id: a.id,
    kind: a.kind,
    cpr: a.cpr,
    citizenName: r.citizen_name ?? a.citizenName,
    title: a.title,
    createdAt: a.createdAt,
    dueDate: a.dueDate,
    status: a.status,
    takenBy: a.takenBy,
    takenAt: a.takenAt,
    doneBy: a.doneBy,
    doneAt: a.doneAt,
    version: a.version,
    sourceMessageIdentifier: a.sourceMessageIdentifier,
    entityId: a.entityId,
    pending: r.pending,
    refused,
  };
}
