import type { CodeListItem, IsoDateTime, NotificationItem } from '../../../../shared/domain';
import { fromJson, toJson, type Db } from '../sqlite';

/** Code lists refreshed from CodeListService, with the time fetched. */
export class CodeListRepo {
  constructor(private readonly db: Db) {}

  put(name: string, items: CodeListItem[], fetchedAt: IsoDateTime): void {
    this.db
      .prepare('INSERT INTO code_lists (name, items, fetched_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET items = excluded.items, fetched_at = excluded.fetched_at')
      .run(name, toJson(items), fetchedAt);
  }

  all(): { name: string; items: CodeListItem[]; fetchedAt: IsoDateTime }[] {
    return this.db
      .prepare<[], { name: string; items: string; fetched_at: string }>('SELECT name, items, fetched_at FROM code_lists')
      .all()
      .map((r) => ({ name: r.name, items: fromJson<CodeListItem[]>(r.items)!, fetchedAt: r.fetched_at }));
  }
}

/** Small key-value settings of the core itself (last sync time, last purge). */
export class KvRepo {
  private readonly sGet;
  private readonly sSet;

  constructor(db: Db) {
    this.sGet = db.prepare<[string], string>('SELECT value FROM kv WHERE key = ?').pluck();
    this.sSet = db.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  }

  get(key: string): string | null {
    return this.sGet.get(key) ?? null;
  }

  set(key: string, value: string): void {
    this.sSet.run(key, value);
  }
}

/** Every WSRM item received, stored once by its MessageIdentifier. */
export class NotificationRepo {
  private readonly sInsert;

  constructor(private readonly db: Db) {
    this.sInsert = db.prepare('INSERT OR IGNORE INTO notifications (message_identifier, kind, cpr, data, received_at) VALUES (?, ?, ?, ?, ?)');
  }

  /** True when the item is new (false: it came again after an unacknowledged sequence). */
  insert(item: NotificationItem, receivedAt: IsoDateTime): boolean {
    return this.sInsert.run(item.messageIdentifier, item.kind, item.cpr, toJson(item), receivedAt).changes > 0;
  }

  count(): number {
    return Number(this.db.prepare('SELECT count(*) FROM notifications').pluck().get());
  }

  list(cpr?: string): NotificationItem[] {
    const rows = cpr
      ? this.db.prepare<[string], { data: string }>('SELECT data FROM notifications WHERE cpr = ? ORDER BY received_at').all(cpr)
      : this.db.prepare<[], { data: string }>('SELECT data FROM notifications ORDER BY received_at').all();
    return rows.map((r) => fromJson<NotificationItem>(r.data)!);
  }
}
