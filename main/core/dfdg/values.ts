// Date and number conversions between DFDG's wire values and the domain's.
// Domain: IsoDate 'YYYY-MM-DD' (a Danish calendar date), IsoDateTime with offset ('…Z').

import type { IsoDate, IsoDateTime } from '../../../shared/domain';

/** Raised by the codecs when an answer does not match the wire contract; turned into DfdgError kind 'protocol'. */
export class WireError extends Error {
  override readonly name = 'WireError';
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

const cph = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Copenhagen',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function cphParts(ms: number): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const p: Record<string, number> = {};
  for (const x of cph.formatToParts(new Date(ms))) if (x.type !== 'literal') p[x.type] = Number(x.value);
  return { y: p.year!, mo: p.month!, d: p.day!, h: p.hour!, mi: p.minute!, s: p.second! };
}

/** Offset of Danish time from UTC at the instant `ms`, in ms. */
function cphOffset(ms: number): number {
  const p = cphParts(ms);
  return Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) - Math.floor(ms / 1000) * 1000;
}

/** A Danish wall-clock time to the UTC instant (ms). */
export function danishLocalToUtc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const local = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const first = local - cphOffset(local);
  const second = local - cphOffset(first);
  return second;
}

/** The Danish calendar date of an instant. */
export function danishDateOf(ms: number): IsoDate {
  const p = cphParts(ms);
  return `${String(p.y).padStart(4, '0')}-${String(p.mo).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
}

/** A wire date-time (with or without offset; without = Danish local time) to an ISO instant. */
export function wireDateTime(s: string): IsoDateTime {
  const m = DATE_TIME.exec(s.trim());
  if (!m) {
    const d = DATE.exec(s.trim());
    if (d) return new Date(danishLocalToUtc(+d[1]!, +d[2]!, +d[3]!)).toISOString();
    throw new WireError(`ugyldigt tidspunkt`);
  }
  if (m[8]) {
    const t = Date.parse(s.trim());
    if (Number.isNaN(t)) throw new WireError('ugyldigt tidspunkt');
    return new Date(t).toISOString();
  }
  const ms = m[7] ? Math.round(Number(m[7]) * 1000) : 0;
  return new Date(danishLocalToUtc(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, m[6] ? +m[6] : 0, ms)).toISOString();
}

/** A wire date (date, local date-time, or date-time with offset) to the Danish calendar date. */
export function wireDate(s: string): IsoDate {
  const v = s.trim();
  if (DATE.test(v)) return v;
  const m = DATE_TIME.exec(v);
  if (!m) throw new WireError('ugyldig dato');
  if (!m[8]) return `${m[1]}-${m[2]}-${m[3]}`;
  return danishDateOf(Date.parse(v));
}

/** IsoDate → REST `YYYY-MM-DDT00:00:00` (local Danish date, no offset; wire-contract §3). */
export function restDate(d: IsoDate): string {
  return `${d}T00:00:00`;
}

/** A whole number from wire text. */
export function wireInt(s: string): number {
  const v = s.trim();
  if (!/^[+-]?\d+$/.test(v)) throw new WireError('ugyldigt tal');
  return Number(v);
}

export function wireBool(s: string): boolean {
  const v = s.trim();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw new WireError('ugyldig sandhedsværdi');
}
