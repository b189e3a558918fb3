// Calendar-date helpers shared by main and the renderer. Pure: no clock (the caller passes `now`),
// no I/O. Dates travel as ISO 'YYYY-MM-DD'; caseworkers see 'dd-mm-åååå' and Danish time
// (Europe/Copenhagen). Day arithmetic is plain integer maths on the proleptic Gregorian calendar, so
// it never depends on the machine's time zone. None of these functions throws on bad input.

import type { IsoDate } from './domain';

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
// A date-time as DFDG and our store write it: date, 'T', hh:mm[:ss[.fraction]], optional offset.
const ISO_DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;
const COPENHAGEN = 'Europe/Copenhagen';
const MS_PER_DAY = 86_400_000;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days in month `m` (1-12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function validYmd(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function toIso(y: number, m: number, d: number): IsoDate {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

// Howard Hinnant's days_from_civil / civil_from_days: day 0 is 1970-01-01.
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [era * 400 + yoe + (m <= 2 ? 1 : 0), m, d];
}

function parseIso(s: unknown): [number, number, number] | null {
  if (typeof s !== 'string') return null;
  const m = ISO_DATE_RE.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return validYmd(y, mo, d) ? [y, mo, d] : null;
}

/** True for a real calendar date written 'YYYY-MM-DD' (so '2026-02-31' and '2026-2-1' are false). */
export function isValidIsoDate(s: unknown): s is IsoDate {
  return parseIso(s) !== null;
}

// Lazily built: constructing an Intl formatter is not free, and a module-level side effect would
// stop bundlers from dropping this file where it is unused.
let copenhagenFormatter: Intl.DateTimeFormat | null = null;
function copenhagenParts(ms: number): { y: number; m: number; d: number; hh: number; mm: number } | null {
  if (!Number.isFinite(ms)) return null;
  copenhagenFormatter ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: COPENHAGEN,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = copenhagenFormatter.formatToParts(new Date(ms));
  } catch {
    return null; // outside the range Date can represent
  }
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  const out = { y: get('year'), m: get('month'), d: get('day'), hh: get('hour'), mm: get('minute') };
  return Object.values(out).every(Number.isFinite) ? out : null;
}

interface ParsedDateTime {
  y: number;
  m: number;
  d: number;
  hh: number;
  mm: number;
  /** Epoch milliseconds when the input carried an offset; null for wall-clock (Danish) time. */
  epochMs: number | null;
}

function parseDateTime(s: unknown): ParsedDateTime | null {
  if (typeof s !== 'string' || s.length > 40) return null;
  const m = ISO_DATE_TIME_RE.exec(s);
  if (!m) return null;
  const [y, mo, d, hh, mi] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const ss = m[6] !== undefined ? Number(m[6]) : 0;
  if (!validYmd(y, mo, d) || hh > 23 || mi > 59 || ss > 59) return null;
  const offset = m[8];
  if (offset === undefined) return { y, m: mo, d, hh, mm: mi, epochMs: null };
  let offsetMin = 0;
  if (offset !== 'Z') {
    const digits = offset.replace(':', '');
    const sign = digits.startsWith('-') ? -1 : 1;
    const oh = Number(digits.slice(1, 3));
    const om = Number(digits.slice(3, 5));
    if (oh > 23 || om > 59) return null;
    offsetMin = sign * (oh * 60 + om);
  }
  const ms = m[7] !== undefined ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const epochMs = daysFromCivil(y, mo, d) * MS_PER_DAY + ((hh * 60 + mi - offsetMin) * 60 + ss) * 1000 + ms;
  return { y, m: mo, d, hh, mm: mi, epochMs };
}

/**
 * The Danish calendar date of a date or date-time. A date is returned as is; a date-time with an
 * offset ('...Z', '+01:00') is converted to Copenhagen time; one without an offset is taken as Danish
 * wall-clock time (DFDG's REST services write dates that way). Null when unreadable.
 */
export function toCopenhagenDate(s: unknown): IsoDate | null {
  if (isValidIsoDate(s)) return s;
  const p = parseDateTime(s);
  if (!p) return null;
  if (p.epochMs === null) return toIso(p.y, p.m, p.d);
  const c = copenhagenParts(p.epochMs);
  return c && validYmd(c.y, c.m, c.d) ? toIso(c.y, c.m, c.d) : null;
}

/**
 * A date-time → Danish wall-clock time 'YYYY-MM-DDTHH:mm' (minute precision), which sorts as a
 * string. Offsets are converted; a date-time without offset is already Danish time. Null for a plain
 * date or unreadable input.
 */
export function toCopenhagenDateTime(s: unknown): string | null {
  const p = parseDateTime(s);
  if (!p) return null;
  const c = p.epochMs === null ? p : copenhagenParts(p.epochMs);
  if (!c || !validYmd(c.y, c.m, c.d)) return null;
  return `${toIso(c.y, c.m, c.d)}T${pad(c.hh)}:${pad(c.mm)}`;
}

/** 'YYYY-MM-DD' (or a date-time) → 'dd-mm-åååå', e.g. '22-11-2026'. Unreadable input → ''. */
export function formatDate(iso: unknown): string {
  const date = toCopenhagenDate(iso);
  const p = parseIso(date);
  return p ? `${pad(p[2])}-${pad(p[1])}-${pad(p[0], 4)}` : '';
}

/**
 * A date-time → 'dd-mm-åååå tt:mm' in Danish time (Europe/Copenhagen, summer time included).
 * A plain date gives just 'dd-mm-åååå' (there is no time to show). Unreadable input → ''.
 */
export function formatDateTime(iso: unknown): string {
  if (isValidIsoDate(iso)) return formatDate(iso);
  const p = parseDateTime(iso);
  if (!p) return '';
  const c = p.epochMs === null ? p : copenhagenParts(p.epochMs);
  if (!c) return '';
  return `${pad(c.d)}-${pad(c.m)}-${pad(c.y, 4)} ${pad(c.hh)}:${pad(c.mm)}`;
}

/**
 * What a caseworker types → ISO. Accepts '22-11-2026', '22.11.2026', '22/11/2026', '1-2-2026',
 * '22112026' and '2026-11-22'; surrounding spaces are ignored. Two-digit years are refused (ambiguous).
 * Impossible dates ('31-02-2026') → null.
 */
export function parseDanishDate(input: unknown): IsoDate | null {
  if (typeof input !== 'string' || input.length > 40) return null;
  const s = input.trim();
  if (isValidIsoDate(s)) return s;
  let m = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(s);
  m ??= /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (!m) return null;
  const d = Number(m[1]);
  const mo = Number(m[2]);
  const y = Number(m[3]);
  return validYmd(y, mo, d) ? toIso(y, mo, d) : null;
}

/** The date `n` days after `iso` (negative `n` goes back). Null for an invalid date or non-integer n. */
export function addDays(iso: unknown, n: number): IsoDate | null {
  const p = parseIso(iso);
  if (!p || !Number.isSafeInteger(n)) return null;
  const [y, m, d] = civilFromDays(daysFromCivil(p[0], p[1], p[2]) + n);
  return validYmd(y, m, d) ? toIso(y, m, d) : null;
}

/** The date `n` months later; the day is clamped to the month's end (31-08 + 6 months = 28/29-02). */
export function addMonths(iso: unknown, n: number): IsoDate | null {
  const p = parseIso(iso);
  if (!p || !Number.isSafeInteger(n)) return null;
  const total = p[0] * 12 + (p[1] - 1) + n;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  if (y < 1 || y > 9999) return null;
  return toIso(y, m, Math.min(p[2], daysInMonth(y, m)));
}

/** The date `n` years later (29-02 becomes 28-02 in a common year). */
export function addYears(iso: unknown, n: number): IsoDate | null {
  return Number.isSafeInteger(n) ? addMonths(iso, n * 12) : null;
}

/** Whole days from `a` to `b` (b − a); null when either is not a valid date. */
export function daysBetween(a: unknown, b: unknown): number | null {
  const pa = parseIso(a);
  const pb = parseIso(b);
  if (!pa || !pb) return null;
  return daysFromCivil(pb[0], pb[1], pb[2]) - daysFromCivil(pa[0], pa[1], pa[2]);
}

/** −1, 0 or 1, for sorting ISO dates (they sort as strings). */
export function compareIsoDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The Copenhagen calendar date at the instant `now`. An invalid Date gives '' (rules then refuse it). */
export function todayIso(now: Date): IsoDate {
  if (!(now instanceof Date)) return '';
  const c = copenhagenParts(now.getTime());
  return c && validYmd(c.y, c.m, c.d) ? toIso(c.y, c.m, c.d) : '';
}

/**
 * "Den gode kodeliste": valid from `validFrom` inclusive to `validTo` exclusive. A missing bound
 * (null, undefined or '') is open. An unreadable bound or `asOf` gives false.
 */
export function isWithin(item: { validFrom?: IsoDate | null; validTo?: IsoDate | null }, asOf: IsoDate): boolean {
  if (!isValidIsoDate(asOf) || typeof item !== 'object' || item === null) return false;
  let from: unknown;
  let to: unknown;
  try {
    from = item.validFrom;
    to = item.validTo;
  } catch {
    return false; // an unreadable item (hostile getter or proxy) is never "valid"
  }
  if (from !== undefined && from !== null && from !== '') {
    if (!isValidIsoDate(from) || asOf < from) return false;
  }
  if (to !== undefined && to !== null && to !== '') {
    if (!isValidIsoDate(to) || asOf >= to) return false;
  }
  return true;
}
