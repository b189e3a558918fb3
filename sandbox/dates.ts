// Calendar helpers. Dates are 'YYYY-MM-DD' strings (they sort as text); arithmetic in UTC so no
// daylight-saving surprises.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** b - a in whole days. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Today's date in Denmark. */
export function copenhagenToday(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** xs:dateTime (offset optional) → epoch ms, or NaN. */
export function parseDateTime(s: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.exec(s);
  if (!m || !isValidDate(m[1] ?? '')) return NaN;
  if (Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4]) > 59) return NaN;
  return Date.parse(m[6] ? s : `${s}Z`);
}

/** The date part of a REST date-time 'YYYY-MM-DDT00:00:00' (also accepts a bare date); null if malformed. */
export function restDate(s: unknown): string | null {
  if (typeof s !== 'string') return null;
  const m = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}:\d{2}(\.\d{1,7})?)?$/.exec(s);
  if (!m || !m[1] || !isValidDate(m[1])) return null;
  if (m[2] && Number.isNaN(parseDateTime(m[1] + m[2]))) return null;
  return m[1];
}

/** A REST local date-time 'YYYY-MM-DDTHH:MM:SS' (offset tolerated); null if malformed. */
export function restDateTime(s: unknown): string | null {
  if (typeof s !== 'string') return null;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(:(\d{2})(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?$/.exec(s);
  if (!m || !m[1] || !isValidDate(m[1])) return null;
  if (Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[5] ?? '0') > 59) return null;
  return `${m[1]}T${m[2]}:${m[3]}:${m[5] ?? '00'}`;
}

export function toRestDate(date: string): string {
  return `${date}T00:00:00`;
}

/** The sandbox clock: "today" is the real Danish date unless set (start flag or /_sandbox/clock). */
export class Clock {
  private override: string | null;

  constructor(today: string | null) {
    this.override = today;
  }

  set(today: string | null): void {
    this.override = today;
  }

  get overridden(): string | null {
    return this.override;
  }

  today(): string {
    return this.override ?? copenhagenToday();
  }

  /** Now as ISO 8601 UTC; on an overridden day, that day with the current time of day. */
  nowIso(): string {
    const real = new Date().toISOString();
    return this.override ? `${this.override}${real.slice(10)}` : real;
  }
}
