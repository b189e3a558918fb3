import type { Absence, Activity, Cpr, IsoDateTime, JoblogEntry, Meeting, RecommendationForm } from '../../../../shared/domain';
import { fromJson, toJson, type Db } from '../sqlite';

/** The parts of a citizen's data that are fetched (and go stale) separately. */
export type CachePart = 'status' | 'messages' | 'absences' | 'activities' | 'meetings' | 'joblog';

/** When each part of a citizen's cache was last fetched from DFDG. */
export class CacheMetaRepo {
  private readonly sSet;
  private readonly sGet;
  private readonly sClear;
  private readonly sClearPart;

  constructor(db: Db) {
    this.sSet = db.prepare('INSERT INTO cache_meta (cpr, part, fetched_at) VALUES (?, ?, ?) ON CONFLICT(cpr, part) DO UPDATE SET fetched_at = excluded.fetched_at');
    this.sGet = db.prepare<[string, string], string>('SELECT fetched_at FROM cache_meta WHERE cpr = ? AND part = ?').pluck();
    this.sClear = db.prepare('DELETE FROM cache_meta WHERE cpr = ?');
    this.sClearPart = db.prepare('DELETE FROM cache_meta WHERE cpr = ? AND part = ?');
  }

  set(cpr: Cpr, part: CachePart, at: IsoDateTime): void {
    this.sSet.run(cpr, part, at);
  }

  get(cpr: Cpr, part: CachePart): IsoDateTime | null {
    return this.sGet.get(cpr, part) ?? null;
  }

  /** Marks parts (default all) as never fetched, so the next read goes to DFDG. */
  markStale(cpr: Cpr, parts?: CachePart[]): void {
    if (!parts) this.sClear.run(cpr);
    else for (const p of parts) this.sClearPart.run(cpr, p);
  }
}

interface PendingRow {
  id: string;
  data: string;
  pending_command_id: string | null;
}

/**
 * Absences and meetings: DFDG's list plus the optimistic effect of commands not yet confirmed. A row
 * with pending_command_id belongs to an outbox command; a refresh from DFDG never overwrites it. A
 * pending delete (a meeting's cancel) hides the row until the command is sent (then removed) or
 * cancelled (shown again).
 */
export class PendingRepo<T extends { id: string; cpr: Cpr; pendingCommandId?: string | null }> {
  private readonly sList;
  private readonly sGet;
  private readonly sUpsert;
  private readonly sDeleteConfirmed;
  private readonly sDelete;
  private readonly sCount;
  private readonly sHide;
  private readonly sUnhide;
  private readonly sConfirm;

  constructor(db: Db, table: 'absences' | 'meetings') {
    this.sList = db.prepare<[string], PendingRow>(`SELECT id, data, pending_command_id FROM ${table} WHERE cpr = ? AND hidden = 0`);
    this.sGet = db.prepare<[string], PendingRow & { hidden: number }>(`SELECT id, data, pending_command_id, hidden FROM ${table} WHERE id = ?`);
    this.sUpsert = db.prepare(
      `INSERT INTO ${table} (id, cpr, data, pending_command_id, hidden, fetched_at) VALUES (@id, @cpr, @data, @pending, @hidden, @fetched_at)
       ON CONFLICT(id) DO UPDATE SET data = excluded.data, pending_command_id = excluded.pending_command_id,
         hidden = excluded.hidden, fetched_at = coalesce(excluded.fetched_at, ${table}.fetched_at)`,
    );
    this.sDeleteConfirmed = db.prepare(`DELETE FROM ${table} WHERE cpr = ? AND pending_command_id IS NULL`);
    this.sDelete = db.prepare(`DELETE FROM ${table} WHERE id = ?`);
    this.sCount = db.prepare<[string], number>(`SELECT count(*) FROM ${table} WHERE cpr = ? AND hidden = 0`).pluck();
    // Prepared once: the drain confirms a command per cycle (better-sqlite3 compiles on every prepare).
    this.sHide = db.prepare<[string, string]>(`UPDATE ${table} SET hidden = 1, pending_command_id = ? WHERE id = ?`);
    this.sUnhide = db.prepare<[string]>(`UPDATE ${table} SET hidden = 0 WHERE id = ?`);
    this.sConfirm = db.prepare<[string]>(`UPDATE ${table} SET pending_command_id = NULL, hidden = 0 WHERE id = ?`);
  }

  /** Replaces the confirmed rows with DFDG's answer; rows with a pending command stay as they are. */
  replaceFromDfdg(cpr: Cpr, items: T[], fetchedAt: IsoDateTime): void {
    this.sDeleteConfirmed.run(cpr);
    for (const a of items) {
      const existing = this.sGet.get(a.id);
      if (existing?.pending_command_id) continue;
      this.sUpsert.run({ id: a.id, cpr, data: toJson({ ...a, pendingCommandId: null }), pending: null, hidden: 0, fetched_at: fetchedAt });
    }
  }

  list(cpr: Cpr): T[] {
    return this.sList.all(cpr).map((r) => ({ ...fromJson<T>(r.data)!, pendingCommandId: r.pending_command_id }));
  }

  count(cpr: Cpr): number {
    return this.sCount.get(cpr) ?? 0;
  }

  get(id: string): { item: T; pendingCommandId: string | null; hidden: boolean } | null {
    const r = this.sGet.get(id);
    return r ? { item: fromJson<T>(r.data)!, pendingCommandId: r.pending_command_id, hidden: r.hidden === 1 } : null;
  }

  /** The optimistic effect of a create or update command. */
  putPending(item: T, commandId: string): void {
    this.sUpsert.run({ id: item.id, cpr: item.cpr, data: toJson({ ...item, pendingCommandId: commandId }), pending: commandId, hidden: 0, fetched_at: null });
  }

  /** The optimistic effect of a delete command: hidden until sent or cancelled. */
  hidePending(id: string, commandId: string): void {
    this.sHide.run(commandId, id);
  }

  /** A command was confirmed by DFDG: the row is now plain cached data (or gone, for a delete). */
  confirm(id: string, commandId: string, deleted: boolean): void {
    const r = this.sGet.get(id);
    if (!r || r.pending_command_id !== commandId) return;
    if (deleted) this.sDelete.run(id);
    else this.sConfirm.run(id);
  }

  /** Undo an optimistic effect: restore the previous version, or drop a row that never existed. */
  revert(id: string, commandId: string, previous: T | null): void {
    const r = this.sGet.get(id);
    if (!r || r.pending_command_id !== commandId) return;
    if (previous) this.sUpsert.run({ id, cpr: previous.cpr, data: toJson({ ...previous, pendingCommandId: null }), pending: null, hidden: 0, fetched_at: null });
    else this.sDelete.run(id);
  }

  /** A rejected delete: show the row again (it still exists at DFDG), still tied to its command. */
  unhide(id: string): void {
    this.sUnhide.run(id);
  }

  /** Re-attach a row to a command again (resubmit of an edited command). */
  retag(id: string, commandId: string, item: T | null, hidden: boolean): void {
    const r = this.sGet.get(id);
    const data = item ?? (r ? fromJson<T>(r.data) : null);
    if (!data) return;
    this.sUpsert.run({ id, cpr: data.cpr, data: toJson({ ...data, pendingCommandId: commandId }), pending: commandId, hidden: hidden ? 1 : 0, fetched_at: null });
  }
}

export type AbsenceRepo = PendingRepo<Absence>;
export type MeetingRepo = PendingRepo<Meeting>;

/** Min plan activities, with the optimistic rows of activity.create commands. */
export class ActivityRepo {
  private readonly sList;
  private readonly sUpsert;
  private readonly sDeleteConfirmed;
  private readonly sGet;
  private readonly sCount;
  private readonly sConfirm;
  private readonly sDelete;

  constructor(db: Db) {
    this.sList = db.prepare<[string], PendingRow>('SELECT id, data, pending_command_id FROM activities WHERE cpr = ?');
    this.sGet = db.prepare<[string], PendingRow>('SELECT id, data, pending_command_id FROM activities WHERE id = ?');
    this.sUpsert = db.prepare(
      `INSERT INTO activities (id, cpr, data, pending_command_id, fetched_at) VALUES (@id, @cpr, @data, @pending, @fetched_at)
       ON CONFLICT(id) DO UPDATE SET data = excluded.data, pending_command_id = excluded.pending_command_id,
         fetched_at = coalesce(excluded.fetched_at, activities.fetched_at)`,
    );
    this.sDeleteConfirmed = db.prepare('DELETE FROM activities WHERE cpr = ? AND pending_command_id IS NULL');
    this.sCount = db.prepare<[string], number>('SELECT count(*) FROM activities WHERE cpr = ?').pluck();
    this.sConfirm = db.prepare<[string]>('UPDATE activities SET pending_command_id = NULL WHERE id = ?');
    this.sDelete = db.prepare<[string]>('DELETE FROM activities WHERE id = ?');
  }

  replaceFromDfdg(cpr: Cpr, activities: Activity[], fetchedAt: IsoDateTime): void {
    this.sDeleteConfirmed.run(cpr);
    for (const a of activities) {
      const existing = this.sGet.get(a.id);
      if (existing?.pending_command_id) {
        // DFDG has it now: the optimistic row becomes confirmed data, except what a pending end or date
        // change sets (its dates and ophørsårsag), which DFDG shows only once the command is sent.
        const own = fromJson<Activity>(existing.data)!;
        const data = { ...a, start: own.start, end: own.end, endReason: own.endReason, pendingCommandId: null };
        this.sUpsert.run({ id: a.id, cpr, data: toJson(data), pending: existing.pending_command_id, fetched_at: fetchedAt });
        continue;
      }
      this.sUpsert.run({ id: a.id, cpr, data: toJson({ ...a, pendingCommandId: null }), pending: null, fetched_at: fetchedAt });
    }
  }

  list(cpr: Cpr): Activity[] {
    return this.sList.all(cpr).map((r) => ({ ...fromJson<Activity>(r.data)!, pendingCommandId: r.pending_command_id }));
  }

  count(cpr: Cpr): number {
    return this.sCount.get(cpr) ?? 0;
  }

  putPending(activity: Activity, commandId: string): void {
    this.sUpsert.run({ id: activity.id, cpr: activity.cpr, data: toJson({ ...activity, pendingCommandId: commandId }), pending: commandId, fetched_at: null });
  }

  confirm(id: string, commandId: string): void {
    const r = this.sGet.get(id);
    if (r?.pending_command_id === commandId) this.sConfirm.run(id);
  }

  /** Undo an optimistic effect: put back the activity as it was before a change, or drop a created one. */
  revert(id: string, commandId: string, previous: Activity | null = null): void {
    const r = this.sGet.get(id);
    if (r?.pending_command_id !== commandId) return;
    if (previous) this.sUpsert.run({ id, cpr: previous.cpr, data: toJson({ ...previous, pendingCommandId: null }), pending: null, fetched_at: null });
    else this.sDelete.run(id);
  }

  get(id: string): Activity | null {
    const r = this.sGet.get(id);
    return r ? { ...fromJson<Activity>(r.data)!, pendingCommandId: r.pending_command_id } : null;
  }
}

/** Read-only cached lists (joblog): replaced wholesale on each fetch. */
export class SimpleListRepo<T extends { id: string }> {
  private readonly sList;
  private readonly sDelete;
  private readonly sInsert;

  constructor(db: Db, table: 'joblog') {
    this.sList = db.prepare<[string], { data: string }>(`SELECT data FROM ${table} WHERE cpr = ?`);
    this.sDelete = db.prepare(`DELETE FROM ${table} WHERE cpr = ?`);
    this.sInsert = db.prepare(`INSERT OR REPLACE INTO ${table} (id, cpr, data, fetched_at) VALUES (?, ?, ?, ?)`);
  }

  replace(cpr: Cpr, items: T[], fetchedAt: IsoDateTime): void {
    this.sDelete.run(cpr);
    for (const it of items) this.sInsert.run(it.id, cpr, toJson(it), fetchedAt);
  }

  list(cpr: Cpr): T[] {
    return this.sList.all(cpr).map((r) => fromJson<T>(r.data)!);
  }
}

export type JoblogRepo = SimpleListRepo<JoblogEntry>;

/** What this client holds as data about a type 11 recommendation (shared/recommendationOutcome). */
export interface RecommendationFacts {
  messageId: string;
  cpr: Cpr;
  /** The a-kasse's structured form, when it sent the recommendation from here. */
  proposal: RecommendationForm | null;
  /** The jobcenter's decision, when it answered from here (sent). */
  decision: 'grant' | 'reject' | null;
  decidedAt: IsoDateTime | null;
  /** The activity the jobcenter's grant created in Min plan. */
  activityId: string | null;
}

interface FactsRow {
  message_id: string;
  cpr: string;
  proposal: string | null;
  decision: 'grant' | 'reject' | null;
  decided_at: string | null;
  activity_id: string | null;
}

/**
 * recommendation_facts: a recommendation's proposal (the a-kasse's form) and the jobcenter's decision
 * and activity, recorded when the command that carries them is sent. DFDG's message has neither.
 */
export class RecommendationFactsRepo {
  private readonly sList;
  private readonly sProposal;
  private readonly sDecision;
  private readonly sActivity;

  constructor(db: Db) {
    this.sList = db.prepare<[string], FactsRow>('SELECT * FROM recommendation_facts WHERE cpr = ?');
    this.sProposal = db.prepare(
      'INSERT INTO recommendation_facts (message_id, cpr, proposal) VALUES (?, ?, ?) ON CONFLICT(message_id) DO UPDATE SET proposal = excluded.proposal',
    );
    this.sDecision = db.prepare(
      `INSERT INTO recommendation_facts (message_id, cpr, decision, decided_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(message_id) DO UPDATE SET decision = excluded.decision, decided_at = excluded.decided_at`,
    );
    this.sActivity = db.prepare(
      'INSERT INTO recommendation_facts (message_id, cpr, activity_id) VALUES (?, ?, ?) ON CONFLICT(message_id) DO UPDATE SET activity_id = excluded.activity_id',
    );
  }

  list(cpr: Cpr): RecommendationFacts[] {
    return this.sList.all(cpr).map((r) => ({
      messageId: r.message_id,
      cpr: r.cpr,
      proposal: r.proposal ? fromJson<RecommendationForm>(r.proposal) : null,
      decision: r.decision,
      decidedAt: r.decided_at,
      activityId: r.activity_id,
    }));
  }

  putProposal(messageId: string, cpr: Cpr, proposal: RecommendationForm): void {
    this.sProposal.run(messageId, cpr, toJson(proposal));
  }

  putDecision(messageId: string, cpr: Cpr, decision: 'grant' | 'reject', at: IsoDateTime): void {
    this.sDecision.run(messageId, cpr, decision, at);
  }

  putActivity(messageId: string, cpr: Cpr, activityId: string): void {
    this.sActivity.run(messageId, cpr, activityId);
  }
}
