import type { Cpr, MessageDraft, MessageTemplate } from '../../../../shared/domain';
import { fromJson, toJson, type Db } from '../sqlite';

/** Message drafts, saved as the caseworker types; they survive crashes (WAL, synchronous=FULL). */
export class DraftRepo {
  private readonly sPut;
  private readonly sGet;
  private readonly sDelete;
  private readonly sList;
  private readonly sListAll;
  private readonly sCount;

  constructor(db: Db) {
    this.sPut = db.prepare(
      `INSERT INTO drafts (id, cpr, data, created_at, updated_at) VALUES (@id, @cpr, @data, @created_at, @updated_at)
       ON CONFLICT(id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
    );
    this.sGet = db.prepare<[string], { data: string }>('SELECT data FROM drafts WHERE id = ?');
    this.sDelete = db.prepare('DELETE FROM drafts WHERE id = ?');
    this.sList = db.prepare<[string], { data: string }>('SELECT data FROM drafts WHERE cpr = ? ORDER BY updated_at DESC');
    this.sListAll = db.prepare<[], { data: string }>('SELECT data FROM drafts ORDER BY updated_at DESC');
    this.sCount = db.prepare<[string], number>('SELECT count(*) FROM drafts WHERE cpr = ?').pluck();
  }

  put(d: MessageDraft): void {
    this.sPut.run({ id: d.id, cpr: d.cpr, data: toJson(d), created_at: d.createdAt, updated_at: d.updatedAt });
  }

  get(id: string): MessageDraft | null {
    const r = this.sGet.get(id);
    return r ? fromJson<MessageDraft>(r.data) : null;
  }

  delete(id: string): boolean {
    return this.sDelete.run(id).changes > 0;
  }

  list(cpr?: Cpr): MessageDraft[] {
    const rows = cpr ? this.sList.all(cpr) : this.sListAll.all();
    return rows.map((r) => fromJson<MessageDraft>(r.data)!);
  }

  count(cpr: Cpr): number {
    return this.sCount.get(cpr) ?? 0;
  }
}

/** The caseworker's own templates (built-in ones live in code). */
export class TemplateRepo {
  constructor(private readonly db: Db) {}

  list(): MessageTemplate[] {
    return this.db
      .prepare<[], { data: string }>('SELECT data FROM templates ORDER BY updated_at')
      .all()
      .map((r) => fromJson<MessageTemplate>(r.data)!);
  }

  get(id: string): MessageTemplate | null {
    const r = this.db.prepare<[string], { data: string }>('SELECT data FROM templates WHERE id = ?').get(id);
    return r ? fromJson<MessageTemplate>(r.data) : null;
  }

  put(t: MessageTemplate, at: string): void {
    this.db
      .prepare('INSERT INTO templates (id, data, updated_at) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at')
      .run(t.id, toJson(t), at);
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM templates WHERE id = ?').run(id).changes > 0;
  }
}
