import type { Citizen, CitizenSummary, Cpr, IsoDateTime } from '../../../../shared/domain';
import { fromJson, toJson, type Db } from '../sqlite';

export type CitizenAccess = 'allowed' | 'denied' | 'unknown';

export interface CachedCitizen {
  citizen: Citizen;
  fetchedAt: IsoDateTime | null;
  lastUsedAt: IsoDateTime | null;
  access: CitizenAccess;
}

interface Row {
  cpr: string;
  name: string;
  data: string;
  fetched_at: string | null;
  last_used_at: string | null;
  access: CitizenAccess;
}

/**
 * Turns what a caseworker types into an FTS5 query: every word becomes a quoted prefix term, all
 * must match ("mette sør" finds "Mette Sørensen"). Quotes, FTS operators and control characters in the input are inert.
 */
export function ftsPrefixQuery(input: string): string | null {
  const words = input
    .normalize('NFC')
    // Control characters split too: SQLite ends a string at NUL, which left the quoted term unterminated.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .split(/[\s\u0000-\u001f\u007f\-.,;:'"()*^+]+/u)
    .map((w) => w.replace(/"/g, '').trim())
    .filter((w) => w.length > 0)
    .slice(0, 8);
  if (!words.length) return null;
  return words.map((w) => `"${w}"*`).join(' ');
}

export class CitizenRepo {
  private readonly sUpsert;
  private readonly sGet;
  private readonly sTouch;
  private readonly sSetAccess;
  private readonly sSearch;
  private readonly sDelete;

  constructor(private readonly db: Db) {
    this.sUpsert = db.prepare(
      `INSERT INTO citizens (cpr, name, data, fetched_at, last_used_at, access, deceased)
       VALUES (@cpr, @name, @data, @fetched_at, @last_used_at, @access, @deceased)
       ON CONFLICT(cpr) DO UPDATE SET name = excluded.name, data = excluded.data,
         fetched_at = coalesce(excluded.fetched_at, citizens.fetched_at),
         last_used_at = coalesce(excluded.last_used_at, citizens.last_used_at),
         access = excluded.access, deceased = excluded.deceased`,
    );
    this.sGet = db.prepare<[string], Row>('SELECT cpr, name, data, fetched_at, last_used_at, access FROM citizens WHERE cpr = ?');
    this.sTouch = db.prepare('UPDATE citizens SET last_used_at = ? WHERE cpr = ?');
    this.sSetAccess = db.prepare('UPDATE citizens SET access = ? WHERE cpr = ?');
    this.sSearch = db.prepare<[string, number], Row>(
      `SELECT c.cpr, c.name, c.data, c.fetched_at, c.last_used_at, c.access
       FROM citizens_fts f JOIN citizens c ON c.id = f.rowid
       WHERE citizens_fts MATCH ? ORDER BY f.rank LIMIT ?`,
    );
    this.sDelete = db.prepare('DELETE FROM citizens WHERE cpr = ?');
  }

  upsert(citizen: Citizen, opts: { fetchedAt?: IsoDateTime | null; lastUsedAt?: IsoDateTime | null; access?: CitizenAccess } = {}): void {
    this.sUpsert.run({
      cpr: citizen.cpr,
      name: citizen.name,
      data: toJson(citizen),
      fetched_at: opts.fetchedAt ?? null,
      last_used_at: opts.lastUsedAt ?? null,
      access: opts.access ?? 'unknown',
      deceased: citizen.deceased ? 1 : 0,
    });
  }

  get(cpr: Cpr): CachedCitizen | null {
    const r = this.sGet.get(cpr);
    return r ? toCached(r) : null;
  }

  touch(cpr: Cpr, at: IsoDateTime): void {
    this.sTouch.run(at, cpr);
  }

  setAccess(cpr: Cpr, access: CitizenAccess): void {
    this.sSetAccess.run(access, cpr);
  }

  /** Name search over the cache (FTS5, prefix per word), best match first. */
  searchByName(query: string, limit = 50): CachedCitizen[] {
    const q = ftsPrefixQuery(query);
    if (!q) return [];
    return this.sSearch.all(q, limit).map(toCached);
  }

  delete(cpr: Cpr): void {
    this.sDelete.run(cpr);
  }

  count(): number {
    return Number(this.db.prepare('SELECT count(*) FROM citizens').pluck().get());
  }
}

function toCached(r: Row): CachedCitizen {
  return { citizen: fromJson<Citizen>(r.data)!, fetchedAt: r.fetched_at, lastUsedAt: r.last_used_at, access: r.access };
}

export function toSummary(c: CachedCitizen): CitizenSummary {
  return {
    cpr: c.citizen.cpr,
    name: c.citizen.name,
    contactGroup: c.citizen.contactGroup,
    registrationCategory: c.citizen.registrationCategory,
    lastUsedAt: c.lastUsedAt,
  };
}
