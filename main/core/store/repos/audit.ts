import { createHash } from 'node:crypto';
import type { AuditEntry, Cpr } from '../../../../shared/domain';
import { formatDateTime } from '../../../../shared/dates';
import type { Db } from '../sqlite';

/**
 * How long an access-log entry is kept: 5 years. ASSUMED: no seed and no rule in rules.md sets a period
 * for the log itself (seed 000 only says a deletion policy must be decided for every kind of data). Long
 * enough for a citizen's access request (GDPR art. 15) to cover several years of casework and for the
 * organisation's own control of lookups; change it when the organisation's slettepolitik says otherwise.
 * The trigger of migration 3 refuses an anchor for entries younger than 5 years: a shorter period needs
 * a new migration, a longer one does not.
 */
export const AUDIT_RETENTION_YEARS = 5;

/** The hash the first entry ever written continues from. */
export const AUDIT_GENESIS = '0'.repeat(64);

/** One entry as stored. */
export interface AuditRow {
  id: number;
  at: string;
  user_identifier: string;
  user_name: string;
  organisation_type: number;
  organisation_code: string;
  cpr: string | null;
  action: string;
  source: AuditEntry['source'];
  purpose: string;
  outcome: AuditEntry['outcome'];
  prev_hash: string;
  hash: string;
}

export type AuditInput = Omit<AuditRow, 'id' | 'prev_hash' | 'hash'>;

/**
 * An entry's hash: SHA-256 of the previous entry's hash and the entry's canonical content (every
 * column, its id included, as a JSON array in a fixed order). Changing, removing, reordering or
 * inserting an entry breaks the chain at the next one.
 */
export function auditHash(prevHash: string, r: Omit<AuditRow, 'prev_hash' | 'hash'>): string {
  const canonical = JSON.stringify([r.id, r.at, r.user_identifier, r.user_name, r.organisation_type, r.organisation_code, r.cpr, r.action, r.source, r.purpose, r.outcome]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/**
 * Where the retention purge removed the oldest entries: the last entry removed (id, hash, time), so
 * the first entry kept still continues a known hash, and the chain can be verified after retention.
 */
export interface AuditAnchor {
  id: number;
  at: string;
  through_id: number;
  through_hash: string;
  through_at: string;
  removed: number;
}

/** The result of checking the whole chain. */
export interface AuditChainReport {
  intact: boolean;
  /** Entries checked (all that are kept). */
  entries: number;
  /** The first entry where the chain breaks, or null. */
  brokenAt: number | null;
  /** What is wrong, in Danish (null when intact). */
  problem: string | null;
  /** The newest time of the entries the retention purge has removed (null: none removed yet). */
  purgedThrough: string | null;
}

const SELECT_ROW = 'SELECT id, at, user_identifier, user_name, organisation_type, organisation_code, cpr, action, source, purpose, outcome, prev_hash, hash FROM audit';

/**
 * The access log's table (audit/ writes the entries; this repo keeps them chained). Entries are only
 * ever appended: triggers refuse UPDATE and DELETE, and refuse an entry that does not continue the
 * chain; the one way to remove entries is `purgeExpired`, which records an anchor first.
 */
export class AuditRepo {
  private readonly sHead;
  private readonly sAnchor;
  private readonly sInsert;
  private readonly tAppend: (e: AuditInput) => AuditRow;

  constructor(private readonly db: Db) {
    this.sHead = db.prepare<[], { id: number; hash: string }>('SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1');
    this.sAnchor = db.prepare<[], AuditAnchor>('SELECT * FROM audit_anchor ORDER BY through_id DESC LIMIT 1');
    this.sInsert = db.prepare(
      `INSERT INTO audit (id, at, user_identifier, user_name, organisation_type, organisation_code, cpr, action, source, purpose, outcome, prev_hash, hash)
       VALUES (@id, @at, @user_identifier, @user_name, @organisation_type, @organisation_code, @cpr, @action, @source, @purpose, @outcome, @prev_hash, @hash)`,
    );
    // The head read and the insert in one transaction (a savepoint inside the caller's).
    this.tAppend = db.transaction((e: AuditInput): AuditRow => {
      const head = this.sHead.get();
      const anchor = head ? undefined : this.sAnchor.get();
      const id = (head?.id ?? anchor?.through_id ?? 0) + 1;
      const prev = head?.hash ?? anchor?.through_hash ?? AUDIT_GENESIS;
      const row: AuditRow = { id, ...e, prev_hash: prev, hash: '' };
      row.hash = auditHash(prev, row);
      this.sInsert.run(row);
      return row;
    });
  }

  /** Appends one entry, chained to the last one (or to the retention anchor, or to the genesis hash). */
  append(e: AuditInput): AuditRow {
    return this.tAppend(e);
  }

  /** One citizen's entries, newest first. */
  listByCpr(cpr: Cpr, limit: number): AuditRow[] {
    return this.db.prepare<[string, number], AuditRow>(`${SELECT_ROW} WHERE cpr = ? ORDER BY id DESC LIMIT ?`).all(cpr, limit);
  }

  /** Every entry about one citizen, oldest first. */
  allByCpr(cpr: Cpr): AuditRow[] {
    return this.db.prepare<[string], AuditRow>(`${SELECT_ROW} WHERE cpr = ? ORDER BY id`).all(cpr);
  }

  /**
   * The retention purge (AUDIT_RETENTION_YEARS): removes the oldest entries, from the first one up to
   * the last before the first entry that is younger than the period. An anchor (the last removed
   * entry's id, hash and time) is recorded first, in the same transaction: the triggers let an entry be
   * deleted only when an anchor covers it, and the next entry's prev_hash still proves the chain.
   * Returns the number of entries removed.
   */
  purgeExpired(now: Date): number {
    return this.db.transaction(() => {
      const nowIso = now.toISOString();
      const cutoff = this.db.prepare<[string], string>(`SELECT strftime('%Y-%m-%dT%H:%M:%fZ', ?, '-${AUDIT_RETENTION_YEARS} years')`).pluck().get(nowIso)!;
      const firstKept = this.db.prepare<[string], number | null>('SELECT min(id) FROM audit WHERE at >= ?').pluck().get(cutoff) ?? null;
      const last = this.db
        .prepare<[number], { id: number; hash: string; at: string }>('SELECT id, hash, at FROM audit WHERE id < ? ORDER BY id DESC LIMIT 1')
        .get(firstKept ?? Number.MAX_SAFE_INTEGER);
      if (!last) return 0;
      const removed = this.db.prepare<[number], number>('SELECT count(*) FROM audit WHERE id <= ?').pluck().get(last.id) ?? 0;
      this.db
        .prepare('INSERT INTO audit_anchor (at, through_id, through_hash, through_at, removed) VALUES (?, ?, ?, ?, ?)')
        .run(nowIso, last.id, last.hash, last.at, removed);
      return this.db.prepare('DELETE FROM audit WHERE id <= ?').run(last.id).changes;
    })();
  }

  /**
   * Checks the whole chain, oldest first, in chunks with a pause for the event loop between them (a
   * log of years may hold millions of entries): every entry's hash must be its content's, and its
   * prev_hash the hash of the entry before it, the first kept one continuing the newest retention
   * anchor (or the genesis hash). Each anchor must only have removed entries older than the period.
   * A retention purge that runs meanwhile is recognised by its anchor.
   */
  async verify(opts: { chunkSize?: number } = {}): Promise<AuditChainReport> {
    const chunk = opts.chunkSize ?? 1_000;
    const anchors = this.db.prepare<[], AuditAnchor>('SELECT * FROM audit_anchor ORDER BY id').all();
    const early = this.db
      .prepare<[], AuditAnchor>(`SELECT * FROM audit_anchor WHERE through_at >= strftime('%Y-%m-%dT%H:%M:%fZ', at, '-${AUDIT_RETENTION_YEARS} years') ORDER BY id LIMIT 1`)
      .get();
    const newest = anchors.at(-1);
    if (early) {
      return broken(0, early.through_id, `Oprydningen ${formatDateTime(early.at)} fjernede poster, der var yngre end ${AUDIT_RETENTION_YEARS} år (til og med post nr. ${early.through_id}).`, newest);
    }
    let lastId = newest?.through_id ?? 0;
    let lastHash = newest?.through_hash ?? AUDIT_GENESIS;
    let entries = 0;
    const page = this.db.prepare<[number, number], AuditRow>(`${SELECT_ROW} WHERE id > ? ORDER BY id LIMIT ?`);
    const anchorFor = this.db.prepare<[number, string, number], AuditAnchor>('SELECT * FROM audit_anchor WHERE through_id < ? AND through_hash = ? AND through_id > ? ORDER BY through_id DESC LIMIT 1');
    for (;;) {
      const rows = page.all(lastId, chunk);
      for (const r of rows) {
        if (r.prev_hash !== lastHash) {
          // Entries before this one were removed by a retention purge while we read: its anchor says so.
          const a = anchorFor.get(r.id, r.prev_hash, lastId);
          if (!a) {
            return broken(entries, r.id, `Kæden er brudt før post nr. ${r.id} (${formatDateTime(r.at)}): en eller flere poster er slettet eller ændret, eller posten er sat ind uden om DFDG Desk.`, newest);
          }
        }
        if (auditHash(r.prev_hash, r) !== r.hash) {
          return broken(entries, r.id, `Post nr. ${r.id} (${formatDateTime(r.at)}) er ændret, efter at den blev skrevet.`, newest);
        }
        lastId = r.id;
        lastHash = r.hash;
        entries++;
      }
      if (rows.length < chunk) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { intact: true, entries, brokenAt: null, problem: null, purgedThrough: this.sAnchor.get()?.through_at ?? null };
  }
}

function broken(entries: number, brokenAt: number, problem: string, anchor: AuditAnchor | undefined): AuditChainReport {
  return { intact: false, entries, brokenAt, problem, purgedThrough: anchor?.through_at ?? null };
}
