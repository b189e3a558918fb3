import { READ_BACK_CLOCK_SKEW_MS, RECEIPTS_KEPT_DAYS } from '../../../shared/constants';
import type { Cpr } from '../../../shared/domain';
import { todayIso } from '../../../shared/dates';
import { retentionDecision } from '../../../shared/rules';
import type { Store } from './db';

export type PurgeReason = 'deceased' | 'no-access' | 'unused';

export interface PurgeReport {
  /** Citizens whose cached data was removed, with the rule and its Danish reason (no CPR in it). */
  purged: { cpr: Cpr; reason: PurgeReason; ruleId: string; text: string }[];
  /** Citizens that qualified but were kept because a draft, an unsent command or an open advisory refers to them. */
  held: { cpr: Cpr; reason: PurgeReason; drafts: number; unsentCommands: number; openAdvisories: number; ruleId: string; text: string }[];
  /** Sent and cancelled outbox rows older than the retention period that were removed. */
  outboxHistoryRemoved: number;
  /** Access-log entries older than AUDIT_RETENTION_YEARS removed (through an anchor: the chain stays verifiable). */
  auditEntriesRemoved: number;
}

const UNSENT = "('queued', 'sending', 'failed', 'rejected')";
/** An advisory not yet done: open, or taken by a caseworker (in progress). */
const NOT_DONE = "('open', 'in-progress')";

/**
 * Retention of the local cache (rules.md RETAIN_DECEASED, RETAIN_CACHE, decided by the rules layer's
 * retentionDecision): removes the cached data of citizens who are deceased, whom the organisation may
 * no longer see, or who have not been used for `retentionDays`. A citizen with open work (a draft, an
 * unsent command, an open or taken advisory) is never purged silently: they are reported in `held` so
 * the caseworker can finish or discard the work first (an advisory purged with the citizen would never
 * come back: its notification was acknowledged). The audit log keeps its own period (it has its own
 * purpose: the citizen's right of access): only its entries older than AUDIT_RETENTION_YEARS go,
 * through the chain's sanctioned path (AuditRepo.purgeExpired). RETAIN_REFERRAL and RETAIN_SCREENING
 * concern data this client never holds and are not run (shared/rules/README.md).
 * Ends with a checkpoint that truncates the WAL (Store.checkpoint): until then the write-ahead log still
 * holds the pages the purged rows were on, while the app runs.
 */
export function purgeCache(store: Store, now: Date, retentionDays: number): PurgeReport {
  const report: PurgeReport = { purged: [], held: [], outboxHistoryRemoved: 0, auditEntriesRemoved: 0 };
  for (const d of evaluateRetention(store, now, retentionDays)) {
    if (d.held) {
      // Never silently: the citizen stays until the caseworker has sent or discarded the work.
      report.held.push({ cpr: d.cpr, reason: d.reason, drafts: d.drafts, unsentCommands: d.unsentCommands, openAdvisories: d.openAdvisories, ruleId: d.ruleId, text: d.text });
      continue;
    }
    removeCitizen(store, d.cpr);
    report.purged.push({ cpr: d.cpr, reason: d.reason, ruleId: d.ruleId, text: d.text });
  }
  if (store.kv.get(TERMS_DIRTY)) pruneMessageTerms(store);
  report.outboxHistoryRemoved = purgeOutboxHistory(store, now, retentionDays);
  report.auditEntriesRemoved = store.audit.purgeExpired(now);
  store.kv.set(RETENTION_LAST_RUN, now.toISOString());
  store.kv.set(RETENTION_LAST_PURGED, String(report.purged.length));
  store.checkpoint();
  return report;
}

/**
 * Finished outbox rows older than the retention period go, with one exception that keeps exactly once:
 * a sent command's receipt (which DFDG message is whose) stays while a read-back can need it, so a
 * read-back never takes a message another command already claimed. A read-back looks at messages from
 * its command's first try (less the clock-skew allowance) on, so receipts are kept
 * - at least RECEIPTS_KEPT_DAYS (DFDG's 7-day x-requestId window; the retention setting can be 1 day), and
 * - while an unsent command was first tried after them (an uncertain one can be read back past its budget).
 * Cancelled rows hold no receipt: the retention period alone decides.
 */
export function purgeOutboxHistory(store: Store, now: Date, retentionDays: number): number {
  const cutoff = now.getTime() - retentionDays * 86_400_000;
  const firstTry = store.db.prepare<[], string | null>(`SELECT min(first_attempt_at) FROM outbox WHERE state IN ${UNSENT}`).pluck().get() ?? null;
  const neededFrom = firstTry === null ? Infinity : Date.parse(firstTry) - READ_BACK_CLOCK_SKEW_MS;
  const receiptsCutoff = Math.min(cutoff, now.getTime() - RECEIPTS_KEPT_DAYS * 86_400_000, neededFrom);
  const iso = (ms: number) => new Date(ms).toISOString();
  return store.transaction(
    () =>
      store.db.prepare("DELETE FROM outbox WHERE state = 'cancelled' AND updated_at < ?").run(iso(cutoff)).changes +
      store.db.prepare("DELETE FROM outbox WHERE state = 'sent' AND updated_at < ?").run(iso(receiptsCutoff)).changes,
  );
}

/** kv keys: when the purge last ran, and how many citizens it removed. */
export const RETENTION_LAST_RUN = 'retention.lastRunAt';
export const RETENTION_LAST_PURGED = 'retention.lastPurged';
/** Set when cached messages were removed: the prefix vocabulary may hold words only they had. */
const TERMS_DIRTY = 'retention.messageTermsDirty';

/**
 * Forgets the words of the prefix-search vocabulary (message_terms) that no cached message has any
 * more: it is built from message text, so a purged citizen's words must go with their messages.
 * One pass over the FTS vocabulary (fts5vocab), run by the purge after citizens were removed.
 */
export function pruneMessageTerms(store: Store): number {
  store.db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.message_vocab USING fts5vocab(main, messages_fts, 'row')`);
  const removed = store.transaction(() => {
    const n = store.db.prepare('DELETE FROM message_terms WHERE term NOT IN (SELECT term FROM temp.message_vocab)').run().changes;
    store.db.prepare('DELETE FROM kv WHERE key = ?').run(TERMS_DIRTY);
    return n;
  });
  return removed;
}

export interface RetentionDecisionRow {
  cpr: Cpr;
  reason: PurgeReason;
  ruleId: string;
  /** The rules layer's Danish reason (no CPR in it). */
  text: string;
  drafts: number;
  unsentCommands: number;
  /** Advisories about the citizen that are open or taken (not done). */
  openAdvisories: number;
  /** Due for purging, but kept because of a draft, an unsent command or an open advisory. */
  held: boolean;
}

/**
 * What the purge would do now, without doing it: every cached citizen that is due (deceased, no
 * longer visible, unused for `retentionDays`), and whether open work (a draft, an unsent command, an
 * open or taken advisory) holds them.
 * purgeCache acts on it; Settings → "Lokale data" shows the held ones.
 */
export function evaluateRetention(store: Store, now: Date, retentionDays: number): RetentionDecisionRow[] {
  // Candidates by SQL (a day of slack at the boundary), the decision by the rules layer (RETAIN_*).
  const cutoff = new Date(now.getTime() - (retentionDays - 1) * 86_400_000).toISOString();
  const rows = store.db
    .prepare<[string], { cpr: string; deceased: number; access: string; last_used_at: string | null; fetched_at: string | null }>(
      `SELECT cpr, deceased, access, last_used_at, fetched_at FROM citizens
       WHERE deceased = 1 OR access = 'denied' OR coalesce(last_used_at, fetched_at, '') < ?`,
    )
    .all(cutoff);
  const countDrafts = store.db.prepare<[string], number>('SELECT count(*) FROM drafts WHERE cpr = ?').pluck();
  const countUnsent = store.db.prepare<[string], number>(`SELECT count(*) FROM outbox WHERE cpr = ? AND state IN ${UNSENT}`).pluck();
  const countAdvisories = store.db.prepare<[string], number>(`SELECT count(*) FROM advisories WHERE cpr = ? AND status IN ${NOT_DONE}`).pluck();
  const asOf = todayIso(now);
  const out: RetentionDecisionRow[] = [];
  for (const r of rows) {
    const drafts = countDrafts.get(r.cpr) ?? 0;
    const unsentCommands = countUnsent.get(r.cpr) ?? 0;
    const openAdvisories = countAdvisories.get(r.cpr) ?? 0;
    const decision = retentionDecision({
      asOf,
      deceased: r.deceased === 1,
      accessible: r.access !== 'denied',
      lastUsedAt: r.last_used_at ?? r.fetched_at,
      retentionDays,
      hasUnsentDrafts: drafts > 0 || unsentCommands > 0,
      hasOpenAdvisories: openAdvisories > 0,
    });
    if (decision.action === 'keep') continue;
    const reason: PurgeReason = r.deceased ? 'deceased' : r.access === 'denied' ? 'no-access' : 'unused';
    out.push({ cpr: r.cpr, reason, ruleId: decision.ruleId, text: decision.reason, drafts, unsentCommands, openAdvisories, held: decision.action === 'hold' });
  }
  return out;
}

/**
 * Removes everything cached about one citizen: status, messages (and their FTS entries), documents and
 * their blobs, absences, activities, meetings, joblog, notifications, advisories, what is known about
 * its recommendations and finished outbox rows. Drafts and unsent commands are left alone (the caller
 * decides; see purgeCache). Then the WAL is checkpointed and truncated (Store.checkpoint), so the
 * removed rows' pages do not stay in it.
 */
export function purgeCitizen(store: Store, cpr: Cpr): void {
  removeCitizen(store, cpr);
  store.checkpoint();
}

/** purgeCitizen without the checkpoint (purgeCache removes many citizens, then checkpoints once). */
function removeCitizen(store: Store, cpr: Cpr): void {
  const shas = store.messages.documentShas(cpr);
  store.transaction(() => {
    for (const table of ['messages', 'documents', 'absences', 'activities', 'meetings', 'joblog', 'notifications', 'advisories', 'cache_meta', 'recommendation_facts']) {
      store.db.prepare(`DELETE FROM ${table} WHERE cpr = ?`).run(cpr);
    }
    store.db.prepare("DELETE FROM outbox WHERE cpr = ? AND state IN ('sent', 'cancelled')").run(cpr);
    store.citizens.delete(cpr);
    store.kv.set(TERMS_DIRTY, '1');
  });
  // Attachment blobs of drafts or commands can share content with a document: keep those.
  const stillUsed = referencedBlobShas(store);
  for (const sha of shas) if (!stillUsed.has(sha)) store.blobs.delete(sha);
}

/** Every blob sha256 still referenced by a draft, a command or a cached document. */
export function referencedBlobShas(store: Store): Set<string> {
  const used = new Set<string>();
  for (const s of store.db.prepare<[], string>('SELECT sha256 FROM documents WHERE sha256 IS NOT NULL').pluck().all()) used.add(s);
  const re = /"sha256":"([0-9a-f]{64})"/g;
  for (const t of store.db.prepare<[], string>('SELECT data FROM drafts').pluck().all()) for (const m of t.matchAll(re)) used.add(m[1]!);
  for (const t of store.db.prepare<[], string>('SELECT payload FROM outbox').pluck().all()) for (const m of t.matchAll(re)) used.add(m[1]!);
  return used;
}

