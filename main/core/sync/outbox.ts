import { randomUUID } from 'node:crypto';
import type { CommandKind, Cpr, DfdgErrorInfo, Identity, IsoDateTime, OutboxState, SyncStatus } from '../../../shared/domain';
import type { Store } from '../store/db';
import { uuidv7 } from '../store/ids';
import { fromJson, toJson } from '../store/sqlite';
import { onTheWire, parsePayload, type AnyCommand, type CommandPayloads } from './commands';

export interface Receipt {
  messageIdentifier: string | null;
  entityId: string | null;
  eventDate: IsoDateTime | null;
}

/** A local error (not from DFDG) recorded on a command: service 'local'. */
export type LocalErrorReason = 'quarantined' | 'gave-up' | 'too-old' | 'dependency' | 'attachment-missing' | 'not-configured';

export interface OutboxRecord {
  id: string;
  seq: number;
  kind: CommandKind;
  cpr: Cpr;
  /** The organisation that created it, 'akasse:067' (see orgKey). */
  org: string;
  citizenName: string | null;
  summary: string;
  /** The parsed, validated payload; null when the stored payload failed validation. */
  command: AnyCommand | null;
  rawPayload: unknown;
  requestId: string;
  state: OutboxState;
  attempts: number;
  uncertain: boolean;
  dependsOn: string | null;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  firstAttemptAt: IsoDateTime | null;
  lastAttemptAt: IsoDateTime | null;
  nextAttemptAt: IsoDateTime | null;
  sentAt: IsoDateTime | null;
  receipt: Receipt | null;
  error: DfdgErrorInfo | null;
}

interface Row {
  id: string;
  seq: number;
  kind: string;
  cpr: string;
  org: string;
  citizen_name: string | null;
  summary: string;
  payload: string;
  request_id: string;
  state: OutboxState;
  attempts: number;
  uncertain: number;
  depends_on: string | null;
  created_at: string;
  updated_at: string;
  first_attempt_at: string | null;
  last_attempt_at: string | null;
  next_attempt_at: string | null;
  sent_at: string | null;
  receipt: string | null;
  error: string | null;
}

export interface OutboxHead {
  id: string;
  cpr: Cpr;
  kind: CommandKind;
  state: OutboxState;
  nextAttemptAt: IsoDateTime | null;
}

export const UNSENT_STATES: OutboxState[] = ['queued', 'sending', 'failed', 'rejected'];
// Every state transition names the states it may leave (AND state IN …) and reports whether it
// happened: a late outcome (DFDG's answer to a call that outlived a decision) never overwrites the
// decision, and the caller does not act on a transition that did not happen.
/** Pending: waiting to be sent, being sent, or waiting for another try (the drain's own states). */
const PENDING_SQL = "('queued', 'sending', 'failed')";
/** What the caseworker may cancel: not sent, not being sent; and never while uncertain (markCancelled). */
const CANCELLABLE_SQL = "('queued', 'failed', 'rejected')";
/**
 * Waiting for another try (markFailed, markHeld): the attempt count corrected by @delta, and
 * first_attempt_at cleared when no counted try is left, unless the command is uncertain (a try that may
 * have reached DFDG went out then, and the read-back looks for its message from then on).
 */
const SET_FAILED = `state = 'failed', uncertain = @uncertain, error = @error, next_attempt_at = @next, updated_at = @at,
  attempts = max(0, attempts + @delta), first_attempt_at = CASE WHEN attempts + @delta <= 0 AND @uncertain = 0 THEN NULL ELSE first_attempt_at END`;

interface FailedParams {
  id: string;
  uncertain: number;
  error: string;
  next: string;
  at: string;
  delta: number;
}

export function localError(reason: LocalErrorReason, text: string, operation = 'outbox'): DfdgErrorInfo {
  return { code: null, text, service: `local:${reason}`, operation, transient: false, httpStatus: null };
}

export function localReason(error: DfdgErrorInfo | null): LocalErrorReason | null {
  return error?.service.startsWith('local:') ? (error.service.slice(6) as LocalErrorReason) : null;
}

/** The organisation key stored on each command: 'akasse:067', 'jobcenter:10100'. */
export function orgKey(identity: Identity): string {
  return `${identity.organisation.type}:${identity.organisation.code}`;
}

/** x-requestId: a uuid (36 characters, within DFDG's 46). One per command, reused on every retry. */
export function newRequestId(): string {
  return randomUUID();
}

/**
 * The durable outbox (after Signal's JobQueue): a command row is inserted in the same transaction as
 * its optimistic local effect (the caller wraps both in store.transaction), carries a uuid v7 id and a
 * stable x-requestId from birth, and moves queued → sending → sent | failed | rejected | cancelled.
 */
export class Outbox {
  private readonly sGet;
  private readonly sInsert;
  private readonly sDue;
  // The drain's per-command statements, prepared once (preparing costs about as much as running them).
  private readonly sClaim;
  private readonly sSent;
  private readonly sFailed;
  private readonly sHeld;
  private readonly sRejected;
  private readonly sDependents;
  private readonly sCountPending;
  private readonly sClaimedReceipt;
  private readonly sSentRecommendation;

  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
  ) {
    const db = store.db;
    this.sGet = db.prepare<[string], Row>('SELECT * FROM outbox WHERE id = ?');
    this.sInsert = db.prepare(
      `INSERT INTO outbox (id, seq, kind, cpr, org, citizen_name, summary, payload, request_id, state, attempts, uncertain, depends_on, created_at, updated_at)
       VALUES (@id, (SELECT coalesce(max(seq), 0) + 1 FROM outbox), @kind, @cpr, @org, @citizen_name, @summary, @payload, @request_id, 'queued', 0, 0, @depends_on, @at, @at)`,
    );
    // Pending commands in queue order: the first one of each citizen is its head. Read along the
    // partial index on seq (store migration 2); left to itself the planner picks outbox_state for
    // each pending state and sorts every pending row on every call.
    this.sDue = db.prepare<[{ org: string; after: number; limit: number }], Pick<Row, 'id' | 'cpr' | 'kind' | 'state' | 'next_attempt_at' | 'seq'>>(
      `SELECT id, cpr, kind, state, next_attempt_at, seq FROM outbox INDEXED BY outbox_pending_seq
       WHERE state IN ${PENDING_SQL} AND org = @org AND seq > @after
       ORDER BY seq LIMIT @limit`,
    );
    this.sClaim = db.prepare<[string, string, string, string]>(
      `UPDATE outbox SET state = 'sending', uncertain = 0, attempts = attempts + 1, first_attempt_at = coalesce(first_attempt_at, ?),
         last_attempt_at = ?, updated_at = ? WHERE id = ? AND state IN ${PENDING_SQL}`,
    );
    this.sSent = db.prepare<[string, string, string, string]>(
      `UPDATE outbox SET state = 'sent', uncertain = 0, sent_at = ?, updated_at = ?, next_attempt_at = NULL, receipt = ?, error = NULL WHERE id = ? AND state IN ${PENDING_SQL}`,
    );
    this.sFailed = db.prepare<[FailedParams]>(`UPDATE outbox SET ${SET_FAILED} WHERE id = @id AND state IN ${PENDING_SQL}`);
    this.sHeld = db.prepare<[FailedParams]>(`UPDATE outbox SET ${SET_FAILED} WHERE id = @id AND state IN ${PENDING_SQL}`);
    this.sRejected = db.prepare<[string, string, string]>(
      `UPDATE outbox SET state = 'rejected', uncertain = 0, error = ?, next_attempt_at = NULL, updated_at = ? WHERE id = ? AND state IN ${PENDING_SQL}`,
    );
    this.sDependents = db.prepare<[string], Row>('SELECT * FROM outbox WHERE depends_on = ? ORDER BY seq');
    this.sCountPending = db.prepare(`SELECT count(*) FROM outbox WHERE state IN ${PENDING_SQL}`).pluck();
    this.sClaimedReceipt = db.prepare<[string, string]>("SELECT 1 FROM outbox WHERE state = 'sent' AND id != ? AND json_extract(receipt, '$.entityId') = ?");
    this.sSentRecommendation = db.prepare<[string]>(
      "SELECT 1 FROM outbox WHERE state = 'sent' AND kind = 'message.create' AND json_extract(receipt, '$.entityId') = ? AND json_extract(payload, '$.contextType') = 11",
    );
  }

  private now(): IsoDateTime {
    return this.clock().toISOString();
  }

  /**
   * Adds a command. Call inside store.transaction together with the optimistic effect, so both are
   * committed or neither is.
   */
  enqueue<K extends CommandKind>(cmd: {
    kind: K;
    cpr: Cpr;
    /** orgKey(identity) of the organisation creating it. */
    org: string;
    citizenName: string | null;
    summary: string;
    payload: CommandPayloads[K];
    dependsOn?: string | null;
    id?: string;
  }): OutboxRecord {
    // Stored as it goes on the wire: what a read-back compares is what was sent.
    const payload = onTheWire(cmd.kind, cmd.payload);
    if (!parsePayload(cmd.kind, payload)) throw new Error(`Invalid ${cmd.kind} command payload`);
    const id = cmd.id ?? uuidv7(this.clock().getTime());
    this.sInsert.run({
      id,
      kind: cmd.kind,
      cpr: cmd.cpr,
      org: cmd.org,
      citizen_name: cmd.citizenName,
      summary: cmd.summary,
      payload: toJson(payload),
      request_id: newRequestId(),
      depends_on: cmd.dependsOn ?? null,
      at: this.now(),
    });
    return this.get(id)!;
  }

  get(id: string): OutboxRecord | null {
    const r = this.sGet.get(id);
    return r ? toRecord(r) : null;
  }

  /** Newest first: every unsent command, then the most recent finished ones up to `limit`. */
  list(limit = 500): OutboxRecord[] {
    const rows = this.store.db
      .prepare<[number], Row>(
        `SELECT * FROM outbox WHERE state IN ('queued', 'sending', 'failed', 'rejected')
         UNION ALL SELECT * FROM (SELECT * FROM outbox WHERE state IN ('sent', 'cancelled') ORDER BY seq DESC LIMIT ?)
         ORDER BY seq DESC`,
      )
      .all(limit);
    return rows.map(toRecord);
  }

  byCpr(cpr: Cpr, states?: OutboxState[]): OutboxRecord[] {
    const rows = this.store.db.prepare<[string], Row>('SELECT * FROM outbox WHERE cpr = ? ORDER BY seq').all(cpr);
    return rows.map(toRecord).filter((r) => !states || states.includes(r.state));
  }

  /**
   * Commands that may be sent now for one organisation, oldest first: each the oldest pending command
   * of its citizen (commands for one citizen go strictly in order) and due. `skip` holds commands and
   * citizens already being handled; `waiting` says whether a command's retry wait is not over (the
   * engine measures waits on its monotonic clock; the stored next_attempt_at is their wall-clock record).
   */
  dueHeads(org: string, limit: number, skip: (id: string, cpr: string) => boolean, waiting: (id: string, nextAttemptAt: IsoDateTime | null) => boolean): OutboxHead[] {
    const out: OutboxHead[] = [];
    const seen = new Set<string>();
    let page = Math.max(limit * 4, 16);
    let after = 0;
    // Page through the pending commands in queue order: the first row of a citizen is its head, the
    // rest of that citizen's rows are passed over. Pages grow, so a queue where the first citizens are
    // all busy or waiting costs a few queries, not one per row.
    for (let scanned = 0; out.length < limit && scanned < 20_000; ) {
      const rows = this.sDue.all({ org, after, limit: page });
      if (!rows.length) break;
      scanned += rows.length;
      for (const r of rows) {
        after = r.seq;
        if (seen.has(r.cpr)) continue;
        seen.add(r.cpr);
        if (skip(r.id, r.cpr)) continue;
        if (waiting(r.id, r.next_attempt_at)) continue;
        out.push({ id: r.id, cpr: r.cpr, kind: r.kind as CommandKind, state: r.state, nextAttemptAt: r.next_attempt_at });
        if (out.length >= limit) break;
      }
      if (rows.length < page) break;
      page = Math.min(page * 4, 1024);
    }
    return out;
  }

  dependents(id: string): OutboxRecord[] {
    return this.sDependents.all(id).map(toRecord);
  }

  /** Whether a DFDG message id is already the receipt of another sent command (read-back matching). */
  isClaimedReceipt(entityId: string, exceptId: string): boolean {
    return this.sClaimedReceipt.get(exceptId, entityId) !== undefined;
  }

  /** Whether a DFDG message id is the receipt of a type 11 recommendation this outbox sent. */
  isSentRecommendation(messageId: string): boolean {
    return this.sSentRecommendation.get(messageId) !== undefined;
  }

  /** At startup: a command found 'sending' may have reached DFDG before the process died. */
  recoverInterrupted(): number {
    return this.store.db.prepare("UPDATE outbox SET uncertain = 1 WHERE state = 'sending'").run().changes;
  }

  /**
   * Claims a command for an attempt (committed before the call goes out): 'sending', one more attempt.
   * Only a command still pending is claimed (not one cancelled or sent meanwhile); returns whether it was.
   */
  markSending(id: string, at: IsoDateTime = this.now()): boolean {
    return this.sClaim.run(at, at, at, id).changes === 1;
  }

  /** DFDG has it. Only a pending command becomes sent (not one cancelled, rejected or sent meanwhile); returns whether it did. */
  markSent(id: string, receipt: Receipt, at: IsoDateTime = this.now()): boolean {
    return this.sSent.run(at, at, toJson(receipt), id).changes === 1;
  }

  /**
   * Waiting for another try. `attemptDelta` corrects the attempt markSending counted: +1 for a read-back
   * that failed (it counts like a try), -1 to give the try back when it could not have reached DFDG (an
   * offline probe). A command whose tries were all given back has no first attempt: its time budget has
   * not started.
   */
  markFailed(id: string, error: DfdgErrorInfo, nextAttemptAt: IsoDateTime, uncertain: boolean, attemptDelta = 0): boolean {
    return this.sFailed.run({ id, uncertain: uncertain ? 1 : 0, error: toJson(error), next: nextAttemptAt, at: this.now(), delta: attemptDelta }).changes === 1;
  }

  /**
   * Held back by a failure on our side of the line (e.g. a TLS certificate problem): waiting as 'failed',
   * and the attempt markSending counted is given back (`giveBack`), because DFDG never saw the request.
   */
  markHeld(id: string, error: DfdgErrorInfo, nextAttemptAt: IsoDateTime, uncertain: boolean, giveBack: boolean): boolean {
    return this.sHeld.run({ id, uncertain: uncertain ? 1 : 0, error: toJson(error), next: nextAttemptAt, at: this.now(), delta: giveBack ? -1 : 0 }).changes === 1;
  }

  /**
   * Still uncertain after a read-back that did not find it: waits as 'failed' for the next read-back,
   * keeping the error that made it uncertain. Only a pending command; returns whether it waits.
   */
  markAwaitingReadBack(id: string, nextAttemptAt: IsoDateTime): boolean {
    return (
      this.store.db
        .prepare(`UPDATE outbox SET state = 'failed', uncertain = 1, next_attempt_at = ?, updated_at = ? WHERE id = ? AND state IN ${PENDING_SQL}`)
        .run(nextAttemptAt, this.now(), id).changes === 1
    );
  }

  /** Refused or given up; only a pending command. Returns whether it was. */
  markRejected(id: string, error: DfdgErrorInfo): boolean {
    return this.sRejected.run(toJson(error), this.now(), id).changes === 1;
  }

  /**
   * Cancelled by the caseworker: only a command not sent and not being sent, and never one that may be
   * at DFDG already (uncertain: its read-back decides). Returns whether it was cancelled.
   */
  markCancelled(id: string): boolean {
    return (
      this.store.db
        .prepare(`UPDATE outbox SET state = 'cancelled', next_attempt_at = NULL, updated_at = ? WHERE id = ? AND state IN ${CANCELLABLE_SQL} AND uncertain = 0`)
        .run(this.now(), id).changes === 1
    );
  }

  /** A replayed REST request (412) whose effect is not at DFDG: the next attempt needs a new x-requestId. */
  renewRequestId(id: string): boolean {
    return this.store.db.prepare(`UPDATE outbox SET request_id = ?, updated_at = ? WHERE id = ? AND state IN ${PENDING_SQL}`).run(newRequestId(), this.now(), id).changes === 1;
  }

  /**
   * Back in the queue: retry now (failed), release a dependency hold, or resubmit after an edit (a new
   * payload gets a new x-requestId and goes to the back of the citizen's queue; only after a refusal).
   * Returns whether it was requeued.
   */
  requeue(id: string, opts: { payload?: unknown; summary?: string; resetAttempts?: boolean } = {}): boolean {
    const at = this.now();
    const db = this.store.db;
    if (opts.payload !== undefined) {
      // Stored as it goes on the wire, like a new command (enqueue).
      const kind = this.get(id)?.kind;
      const payload = kind ? onTheWire(kind, opts.payload as CommandPayloads[typeof kind]) : opts.payload;
      // An edit is a new command: only after a refusal (nothing of it is at DFDG).
      return (
        db
          .prepare(
            `UPDATE outbox SET payload = ?, summary = coalesce(?, summary), request_id = ?, seq = (SELECT max(seq) + 1 FROM outbox),
           state = 'queued', attempts = 0, uncertain = 0, error = NULL, next_attempt_at = NULL, first_attempt_at = NULL, updated_at = ? WHERE id = ? AND state = 'rejected'`,
          )
          .run(toJson(payload), opts.summary ?? null, newRequestId(), at, id).changes === 1
      );
    }
    // Retry now, or again on the caseworker's word: never a command being sent, sent or cancelled.
    return (
      db
        .prepare(
          `UPDATE outbox SET state = 'queued', next_attempt_at = NULL, error = NULL,
         attempts = CASE WHEN @reset THEN 0 ELSE attempts END, first_attempt_at = CASE WHEN @reset AND uncertain = 0 THEN NULL ELSE first_attempt_at END,
         updated_at = @at WHERE id = @id AND state IN ${CANCELLABLE_SQL}`,
        )
        .run({ reset: opts.resetAttempts ? 1 : 0, at, id }).changes === 1
    );
  }

  status(extra: { online: boolean; draining: boolean; lastError: string | null }): SyncStatus {
    const counts = this.store.db.prepare<[], { state: string; n: number }>('SELECT state, count(*) AS n FROM outbox GROUP BY state').all();
    const n = (s: string) => counts.find((c) => c.state === s)?.n ?? 0;
    return {
      online: extra.online,
      // Why DFDG is out of reach is connectivity's to say: every status that leaves the core gets it
      // (withCause in main/core/app/context.ts); the outbox itself does not know.
      cause: null,
      draining: extra.draining,
      pending: n('queued') + n('sending') + n('failed'),
      failed: n('failed'),
      rejected: n('rejected'),
      lastSyncedAt: this.store.kv.get('sync.lastSyncedAt'),
      lastError: extra.lastError,
    };
  }

  countPending(): number {
    return Number(this.sCountPending.get());
  }
}

function toRecord(r: Row): OutboxRecord {
  const raw = safeJson(r.payload);
  return {
    id: r.id,
    seq: r.seq,
    kind: r.kind as CommandKind,
    cpr: r.cpr,
    org: r.org,
    citizenName: r.citizen_name,
    summary: r.summary,
    command: raw === undefined ? null : parsePayload(r.kind, raw),
    rawPayload: raw,
    requestId: r.request_id,
    state: r.state,
    attempts: r.attempts,
    uncertain: r.uncertain === 1,
    dependsOn: r.depends_on,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    firstAttemptAt: r.first_attempt_at,
    lastAttemptAt: r.last_attempt_at,
    nextAttemptAt: r.next_attempt_at,
    sentAt: r.sent_at,
    receipt: fromJson<Receipt>(r.receipt),
    error: fromJson<DfdgErrorInfo>(r.error),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
