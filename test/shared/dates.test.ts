import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  compareIsoDates,
  daysBetween,
  formatDate,
  formatDateTime,
  isValidIsoDate,
  isWithin,
  parseDanishDate,
  toCopenhagenDate,
  toCopenhagenDateTime,
  todayIso,
} from '../../shared/dates';

describe('isValidIsoDate', () => {
  it.each(['2026-11-22', '2028-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])('%s is a real date', (s) => {
    expect(isValidIsoDate(s)).toBe(true);
  });
  it.each(['2026-02-29', '1900-02-29', '2026-02-31', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-1', '22-11-2026', '2026-11-22T00:00', '', '0000-01-01'])(
    '%s is not',
    (s) => {
      expect(isValidIsoDate(s)).toBe(false);
    },
  );
  it('refuses non-strings', () => {
    expect(isValidIsoDate(20261122)).toBe(false);
    expect(isValidIsoDate(null)).toBe(false);
  });
});

describe('formatDate / formatDateTime (Danish)', () => {
  it('shows dd-mm-åååå', () => {
    expect(formatDate('2026-11-22')).toBe('22-11-2026');
    expect(formatDate('2026-01-05')).toBe('05-01-2026');
  });

  it('shows the Copenhagen date of a UTC instant', () => {
    expect(formatDate('2026-12-31T23:30:00Z')).toBe('01-01-2027');
  });

  it('shows Danish time, winter and summer', () => {
    expect(formatDateTime('2026-11-22T10:15:00.000Z')).toBe('22-11-2026 11:15');
    expect(formatDateTime('2026-07-01T10:00:00Z')).toBe('01-07-2026 12:00');
    expect(formatDateTime('2026-07-01T10:00:00+02:00')).toBe('01-07-2026 10:00');
    expect(formatDateTime('2026-07-01T10:00:00+0200')).toBe('01-07-2026 10:00');
  });

  it('around the switch to summer time (29-03-2026 02:00 → 03:00)', () => {
    expect(formatDateTime('2026-03-29T00:59:00Z')).toBe('29-03-2026 01:59');
    expect(formatDateTime('2026-03-29T01:00:00Z')).toBe('29-03-2026 03:00');
  });

  it('takes a date-time without offset as Danish wall-clock time (DFDG REST dates)', () => {
    expect(formatDateTime('2026-11-22T00:00:00')).toBe('22-11-2026 00:00');
  });

  it('a plain date has no time to show', () => {
    expect(formatDateTime('2026-11-22')).toBe('22-11-2026');
  });

  it('gives an empty string for unreadable input', () => {
    expect(formatDate('2026-02-31')).toBe('');
    expect(formatDateTime('i går')).toBe('');
    expect(formatDateTime(undefined)).toBe('');
    expect(formatDateTime('2026-11-22T25:00:00Z')).toBe('');
  });
});

describe('toCopenhagenDate / toCopenhagenDateTime', () => {
  it('converts instants and keeps wall-clock times', () => {
    expect(toCopenhagenDate('2026-06-30T22:30:00Z')).toBe('2026-07-01');
    expect(toCopenhagenDate('2026-06-30T22:30:00')).toBe('2026-06-30');
    expect(toCopenhagenDate('2026-06-30')).toBe('2026-06-30');
    expect(toCopenhagenDate('30-06-2026')).toBeNull();
    expect(toCopenhagenDateTime('2026-06-30T22:30:00Z')).toBe('2026-07-01T00:30');
    expect(toCopenhagenDateTime('2026-06-30')).toBeNull();
  });
});

describe('parseDanishDate', () => {
  it.each([
    ['22-11-2026', '2026-11-22'],
    ['22.11.2026', '2026-11-22'],
    ['22/11/2026', '2026-11-22'],
    ['2026-11-22', '2026-11-22'],
    ['1-2-2026', '2026-02-01'],
    ['22112026', '2026-11-22'],
    ['  22-11-2026 ', '2026-11-22'],
    ['29-02-2028', '2028-02-29'],
  ])('%j → %s', (input, iso) => {
    expect(parseDanishDate(input)).toBe(iso);
  });

  it.each(['31-02-2026', '29-02-2026', '22-11-26', '2026-11-31', '22-13-2026', 'i morgen', '', '22 11 2026'])('%j → null', (input) => {
    expect(parseDanishDate(input)).toBeNull();
  });
});

describe('arithmetic', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-11-22', 30)).toBe('2026-12-22');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-02-31', 1)).toBeNull();
    expect(addDays('2026-11-22', 1.5)).toBeNull();
  });

  it('adds months and years, clamping to the month end', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-05-22', 6)).toBe('2026-11-22');
    expect(addMonths('2026-01-31', -2)).toBe('2025-11-30');
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(addYears('2024-11-22', 2)).toBe('2026-11-22');
  });

  it('counts days between dates', () => {
    expect(daysBetween('2026-12-01', '2026-12-15')).toBe(14);
    expect(daysBetween('2026-12-15', '2026-12-01')).toBe(-14);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('x', '2026-01-01')).toBeNull();
  });

  it('compares ISO dates for sorting', () => {
    const dates = ['2026-11-22', '2025-01-01', '2026-01-31'];
    expect([...dates].sort(compareIsoDates)).toEqual(['2025-01-01', '2026-01-31', '2026-11-22']);
    expect(compareIsoDates('2026-01-01', '2026-01-01')).toBe(0);
  });
});

describe('todayIso', () => {
  it('is the Copenhagen date of the given instant', () => {
    expect(todayIso(new Date('2026-11-22T10:00:00Z'))).toBe('2026-11-22');
    expect(todayIso(new Date('2026-11-22T23:30:00Z'))).toBe('2026-11-23');
    expect(todayIso(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(todayIso(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
  });

  it('gives an empty string for an invalid Date', () => {
    expect(todayIso(new Date('nonsense'))).toBe('');
    expect(todayIso('2026-11-22' as never)).toBe('');
  });
});

describe('isWithin (start inclusive, end exclusive)', () => {
  const item = { validFrom: '2023-07-01', validTo: '2100-07-01' };
  it.each([
    ['2023-06-30', false],
    ['2023-07-01', true],
    ['2023-07-02', true],
    ['2100-06-30', true],
    ['2100-07-01', false],
    ['2100-07-02', false],
  ])('%s → %s', (asOf, inside) => {
    expect(isWithin(item, asOf)).toBe(inside);
  });

  it('treats missing bounds as open and broken ones as closed', () => {
    expect(isWithin({ validFrom: null, validTo: null }, '1990-01-01')).toBe(true);
    expect(isWithin({ validFrom: '2020-01-01' }, '2999-01-01')).toBe(true);
    expect(isWithin({ validFrom: 'soon', validTo: '2100-01-01' }, '2026-01-01')).toBe(false);
    expect(isWithin(item, '2026-02-30')).toBe(false);
  });
});
