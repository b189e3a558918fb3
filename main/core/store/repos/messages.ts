import type { CitizenMessage, Cpr, IsoDateTime, MessageDocumentMeta } from '../../../../shared/domain';
import { fromJson, toJson, type Db } from '../sqlite';

/**
 * Splits text into the terms FTS5's unicode61 tokenizer (remove_diacritics 2) indexes: runs of letters
 * and digits, lower-cased, diacritics removed (å → a; æ and ø stay). Used only to keep the vocabulary
 * for prefix expansion; FTS5 tokenizes the expanded terms again itself.
 */
export function termsOf(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0 && t.length <= 64);
}

const EXPANSIONS_PER_WORD = 24;

interface Row {
  id: string;
  cpr: string;
  response_to: string | null;
  context_type: number;
  channel: number;
  subject: string;
  body: string;
  data: string;
  created_at: string;
}

type Extra = Pick<CitizenMessage, 'allowReply' | 'from' | 'to' | 'documents'>;

export interface DocumentRow {
  id: string;
  cpr: string;
  messageId: string;
  fileName: string;
  mimeType: MessageDocumentMeta['mimeType'];
  size: number;
  sha256: string | null;
}

export interface MessageHit {
  id: string;
  cpr: Cpr;
  subject: string;
  createdAt: IsoDateTime;
}

const COLS = 'id, cpr, response_to, context_type, channel, subject, body, data, created_at';

export class MessageRepo {
  private readonly sUpsert;
  private readonly sByCpr;
  private readonly sGet;
  private readonly sSearch;
  private readonly sSearchCpr;
  private readonly sDocUpsert;
  private readonly sDocGet;
  private readonly sDocSetSha;
  private readonly sCountCpr;
  private readonly sCountThreads;
  private readonly sTerm;
  private readonly sExpand;

  constructor(private readonly db: Db) {
    this.sUpsert = db.prepare(
      `INSERT INTO messages (id, cpr, response_to, context_type, channel, subject, body, data, created_at, fetched_at)
       VALUES (@id, @cpr, @response_to, @context_type, @channel, @subject, @body, @data, @created_at, @fetched_at)
       ON CONFLICT(id) DO UPDATE SET response_to = excluded.response_to, context_type = excluded.context_type,
         channel = excluded.channel, subject = excluded.subject, body = excluded.body, data = excluded.data,
         created_at = excluded.created_at, fetched_at = excluded.fetched_at`,
    );
    this.sByCpr = db.prepare<[string], Row>(`SELECT ${COLS} FROM messages WHERE cpr = ? ORDER BY created_at, rid`);
    this.sGet = db.prepare<[string], Row>(`SELECT ${COLS} FROM messages WHERE id = ?`);
    this.sSearch = db.prepare<[string, number], MessageHitRow>(
      `SELECT m.id, m.cpr, m.subject, m.created_at FROM messages_fts f JOIN messages m ON m.rid = f.rowid
       WHERE messages_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?`,
    );
    this.sSearchCpr = db.prepare<[string, string, number], MessageHitRow>(
      `SELECT m.id, m.cpr, m.subject, m.created_at FROM messages_fts f JOIN messages m ON m.rid = f.rowid
       WHERE messages_fts MATCH ? AND m.cpr = ? ORDER BY f.rowid DESC LIMIT ?`,
    );
    this.sDocUpsert = db.prepare(
      `INSERT INTO documents (id, cpr, message_id, file_name, mime_type, size) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET file_name = excluded.file_name, mime_type = excluded.mime_type, size = excluded.size`,
    );
    this.sDocGet = db.prepare<[string], DocRow>('SELECT id, cpr, message_id, file_name, mime_type, size, sha256 FROM documents WHERE id = ?');
    this.sDocSetSha = db.prepare('UPDATE documents SET sha256 = ?, fetched_at = ? WHERE id = ?');
    this.sCountCpr = db.prepare<[string], number>('SELECT count(*) FROM messages WHERE cpr = ?').pluck();
    this.sCountThreads = db
      .prepare<[string], number>(
        'SELECT count(*) FROM messages m WHERE m.cpr = ? AND (m.response_to IS NULL OR NOT EXISTS (SELECT 1 FROM messages p WHERE p.id = m.response_to))',
      )
      .pluck();
    this.sTerm = db.prepare('INSERT OR IGNORE INTO message_terms (term) VALUES (?)');
    this.sExpand = db.prepare<[string, string, number], string>('SELECT term FROM message_terms WHERE term >= ? AND term < ? ORDER BY term LIMIT ?').pluck();
  }

  /** The FTS5 query for what the caseworker typed: every word as a prefix, expanded to known terms. */
  private matchQuery(input: string): string | null {
    const words = [...new Set(termsOf(input))].slice(0, 6);
    if (!words.length) return null;
    const groups: string[] = [];
    for (const w of words) {
      const last = w.codePointAt(w.length - 1)!;
      const upper = w.slice(0, w.length - (last > 0xffff ? 2 : 1)) + String.fromCodePoint(last + 1);
      const terms = this.sExpand.all(w, upper, EXPANSIONS_PER_WORD);
      if (!terms.length) return null; // a word nothing starts with: no message can match
      groups.push(`(${terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' OR ')})`);
    }
    return groups.join(' AND ');
  }

  /** Stores (or refreshes) messages as DFDG returned them, with their document metadata. */
  upsertMany(messages: CitizenMessage[], fetchedAt: IsoDateTime): void {
    for (const m of messages) {
      const extra: Extra = { allowReply: m.allowReply, from: m.from, to: m.to, documents: m.documents };
      this.sUpsert.run({
        id: m.id,
        cpr: m.cpr,
        response_to: m.responseToId,
        context_type: m.contextType,
        channel: m.channel,
        subject: m.subject,
        body: m.body,
        data: toJson(extra),
        created_at: m.createdAt,
        fetched_at: fetchedAt,
      });
      for (const d of m.documents) this.sDocUpsert.run(d.id, m.cpr, m.id, d.fileName, d.mimeType, d.size);
      for (const t of new Set(termsOf(`${m.subject} ${m.body}`))) this.sTerm.run(t);
    }
  }

  /**
   * DFDG's full answer for a citizen: upserts every message and drops cached ones DFDG no longer
   * shows (e.g. removed by rectification), with their document metadata.
   */
  replaceForCitizen(cpr: Cpr, messages: CitizenMessage[], fetchedAt: IsoDateTime): void {
    const keep = new Set(messages.map((m) => m.id));
    const stale = this.db.prepare<[string], string>('SELECT id FROM messages WHERE cpr = ?').pluck().all(cpr).filter((id) => !keep.has(id));
    const delMsg = this.db.prepare('DELETE FROM messages WHERE id = ?');
    const delDocs = this.db.prepare('DELETE FROM documents WHERE message_id = ?');
    for (const id of stale) {
      delMsg.run(id);
      delDocs.run(id);
    }
    this.upsertMany(messages, fetchedAt);
  }

  /** A citizen's messages, oldest first. */
  listByCpr(cpr: Cpr): CitizenMessage[] {
    return this.sByCpr.all(cpr).map(toMessage);
  }

  countByCpr(cpr: Cpr): number {
    return this.sCountCpr.get(cpr) ?? 0;
  }

  /** The citizen's threads: messages that answer none, or answer one that is not cached. */
  countThreads(cpr: Cpr): number {
    return this.sCountThreads.get(cpr) ?? 0;
  }

  get(id: string): CitizenMessage | null {
    const r = this.sGet.get(id);
    return r ? toMessage(r) : null;
  }

  /**
   * Full-text search over subjects and bodies (prefix per word), newest first. Newest-first lets FTS5
   * stop after `limit` hits instead of ranking every match (a common word matches much of a caseload).
   */
  search(query: string, opts: { cpr?: Cpr; limit?: number } = {}): MessageHit[] {
    const q = this.matchQuery(query);
    if (!q) return [];
    const limit = opts.limit ?? 50;
    const rows = opts.cpr ? this.sSearchCpr.all(q, opts.cpr, limit) : this.sSearch.all(q, limit);
    return rows.map((r) => ({ id: r.id, cpr: r.cpr, subject: r.subject, createdAt: r.created_at }));
  }

  document(id: string): DocumentRow | null {
    const r = this.sDocGet.get(id);
    return r
      ? { id: r.id, cpr: r.cpr, messageId: r.message_id, fileName: r.file_name, mimeType: r.mime_type as DocumentRow['mimeType'], size: r.size, sha256: r.sha256 }
      : null;
  }

  setDocumentContent(id: string, sha256: string, at: IsoDateTime): void {
    this.sDocSetSha.run(sha256, at, id);
  }

  /** Document blobs a citizen's cache refers to (for purging). */
  documentShas(cpr: Cpr): string[] {
    return this.db.prepare<[string], string>('SELECT sha256 FROM documents WHERE cpr = ? AND sha256 IS NOT NULL').pluck().all(cpr);
  }
}

interface MessageHitRow {
  id: string;
  cpr: string;
  subject: string;
  created_at: string;
}

interface DocRow {
  id: string;
  cpr: string;
  message_id: string;
  file_name: string;
  mime_type: string;
  size: number;
  sha256: string | null;
}

function toMessage(r: Row): CitizenMessage {
  const extra = fromJson<Extra>(r.data)!;
  return {
    id: r.id,
    cpr: r.cpr,
    contextType: r.context_type,
    channel: r.channel,
    subject: r.subject,
    body: r.body,
    allowReply: extra.allowReply,
    responseToId: r.response_to,
    from: extra.from,
    to: extra.to,
    createdAt: r.created_at,
    documents: extra.documents,
  };
}
