import type { Advisory, AdvisoryKind, AdvisoryStatus, Cpr, IsoDateTime } from '../../../../shared/domain';
import type { Db } from '../sqlite';

interface Row {
  id: string;
  kind: AdvisoryKind;
  cpr: string;
  citizen_name: string | null;
  title: string;
  created_at: string;
  due_date: string | null;
  status: AdvisoryStatus;
  taken_by: string | null;
  taken_at: string | null;
  done_at: string | null;
  source_message_identifier: string | null;
  entity_id: string | null;
}

export interface AdvisoryFilter {
  status?: AdvisoryStatus[];
  kind?: AdvisoryKind[];
  sort?: 'due' | 'created' | 'kind';
  limit?: number;
  cpr?: Cpr;
}

const ORDER: Record<NonNullable<AdvisoryFilter['sort']>, string> = {
  // Soonest due first, undated last; then oldest first (first come, first served).
  due: 'due_date IS NULL, due_date, created_at, id',
  created: 'created_at DESC, id DESC',
  kind: 'kind, due_date IS NULL, due_date, created_at',
};

export class AdvisoryRepo {
  private readonly sInsert;
  private readonly sGet;

  constructor(private readonly db: Db) {
    this.sInsert = db.prepare(
      `INSERT OR IGNORE INTO advisories (id, kind, cpr, citizen_name, title, created_at, due_date, status, taken_by, taken_at, done_at, source_message_identifier, entity_id)
       VALUES (@id, @kind, @cpr, @citizenName, @title, @createdAt, @dueDate, @status, @takenBy, @takenAt, @doneAt, @sourceMessageIdentifier, @entityId)`,
    );
    this.sGet = db.prepare<[string], Row>('SELECT * FROM advisories WHERE id = ?');
  }

  /** Inserts unless an advisory of this kind already exists for the same WSRM message. */
  insert(a: Advisory): boolean {
    return this.sInsert.run(a).changes > 0;
  }

  get(id: string): Advisory | null {
    const r = this.sGet.get(id);
    return r ? toAdvisory(r) : null;
  }

  list(f: AdvisoryFilter = {}): { advisories: Advisory[]; total: number } {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.status?.length) {
      where.push(`status IN (${f.status.map(() => '?').join(',')})`);
      params.push(...f.status);
    }
    if (f.kind?.length) {
      where.push(`kind IN (${f.kind.map(() => '?').join(',')})`);
      params.push(...f.kind);
    }
    if (f.cpr) {
      where.push('cpr = ?');
      params.push(f.cpr);
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = Number(this.db.prepare(`SELECT count(*) FROM advisories ${w}`).pluck().get(...params));
    const rows = this.db
      .prepare<unknown[], Row>(`SELECT * FROM advisories ${w} ORDER BY ${ORDER[f.sort ?? 'due']} LIMIT ?`)
      .all(...params, f.limit ?? 500);
    return { advisories: rows.map(toAdvisory), total };
  }

  /** Open work: advisories not done. */
  countOpen(cpr?: Cpr): number {
    return cpr
      ? Number(this.db.prepare("SELECT count(*) FROM advisories WHERE status != 'done' AND cpr = ?").pluck().get(cpr))
      : Number(this.db.prepare("SELECT count(*) FROM advisories WHERE status != 'done'").pluck().get());
  }

  setStatus(id: string, status: AdvisoryStatus, at: IsoDateTime, who: string | null): Advisory | null {
    if (status === 'in-progress') {
      this.db.prepare("UPDATE advisories SET status = 'in-progress', taken_by = ?, taken_at = ?, done_at = NULL WHERE id = ?").run(who, at, id);
    } else if (status === 'done') {
      this.db.prepare("UPDATE advisories SET status = 'done', done_at = ?, taken_by = coalesce(taken_by, ?), taken_at = coalesce(taken_at, ?) WHERE id = ?").run(at, who, at, id);
    } else {
      this.db.prepare("UPDATE advisories SET status = 'open', taken_by = NULL, taken_at = NULL, done_at = NULL WHERE id = ?").run(id);
    }
    return this.get(id);
  }

  /** Advisories about one entity (e.g. the type 11 message a recommendation advisory points to). */
  byEntity(entityId: string, kind?: AdvisoryKind): Advisory[] {
    const rows = kind
      ? this.db.prepare<[string, string], Row>('SELECT * FROM advisories WHERE entity_id = ? AND kind = ?').all(entityId, kind)
      : this.db.prepare<[string], Row>('SELECT * FROM advisories WHERE entity_id = ?').all(entityId);
    return rows.map(toAdvisory);
  }

  setCitizenName(cpr: Cpr, name: string): void {
    this.db.prepare('UPDATE advisories SET citizen_name = ? WHERE cpr = ? AND (citizen_name IS NULL OR citizen_name != ?)').run(name, cpr, name);
  }
}

function toAdvisory(r: Row): Advisory {
  return {
    id: r.id,
    kind: r.kind,
    cpr: r.cpr,
    citizenName: r.citizen_name,
    title: r.title,
    createdAt: r.created_at,
    dueDate: r.due_date,
    status: r.status,
    takenBy: r.taken_by,
    takenAt: r.taken_at,
    doneAt: r.done_at,
    sourceMessageIdentifier: r.source_message_identifier,
    entityId: r.entity_id,
  };
}
