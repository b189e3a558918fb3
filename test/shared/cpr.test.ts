import { describe, expect, it } from 'vitest';
import {
  containsCpr,
  formatCpr,
  isValidCpr,
  isValidCvr,
  isValidPNumber,
  looksLikeCpr,
  maskCpr,
  normalizeCpr,
  redactCpr,
} from '../../shared/cpr';

describe('normalizeCpr', () => {
  it.each([
    ['0101001234', '0101001234'],
    ['010100-1234', '0101001234'],
    [' 010100 - 1234 ', '0101001234'],
    ['01 01 00 12 34', '0101001234'],
    ['010100–1234', '0101001234'], // en dash pasted from a document
  ])('%j → %s', (input, out) => {
    expect(normalizeCpr(input)).toBe(out);
  });

  it.each(['', '010100-123', '01010012345', '0101-001234', '010100--1234', 'abcdefghij', '010100_1234'])('refuses %j', (input) => {
    expect(normalizeCpr(input)).toBeNull();
  });

  it.each([null, undefined, 101001234, {}, ['0101001234']])('refuses a non-string %j', (input) => {
    expect(normalizeCpr(input)).toBeNull();
  });
});

describe('isValidCpr (DFDG pattern)', () => {
  it.each([
    ['0101001234', true],
    ['3101001234', true],
    ['2902001234', true], // February up to 29, whatever the year
    ['3002001234', false],
    ['3104001234', false],
    ['3004001234', true],
    ['0001001234', false],
    ['0113001234', false],
    ['0100001234', false],
    ['0000000000', true], // unknown CPR placeholder
    ['010100-1234', false], // ten digits only: normalise first
    ['1234567890', false], // 12-34 is not a date
  ])('%s → %s', (cpr, valid) => {
    expect(isValidCpr(cpr)).toBe(valid);
  });

  it('does not apply the modulus-11 check', () => {
    // 0101001234 fails modulus 11 but matches DFDG's pattern.
    expect(isValidCpr('0101001234')).toBe(true);
  });
});

describe('formatting and masking', () => {
  it('formats as DDMMÅÅ-XXXX', () => {
    expect(formatCpr('0101001234')).toBe('010100-1234');
    expect(formatCpr(' 010100 1234')).toBe('010100-1234');
  });

  it('returns what was typed when it is not CPR-shaped', () => {
    expect(formatCpr(' 12 ')).toBe('12');
    expect(formatCpr(42)).toBe('');
  });

  it('masks the serial part for logs and never echoes junk', () => {
    expect(maskCpr('0101001234')).toBe('010100-****');
    expect(maskCpr('010100-1234')).toBe('010100-****');
    expect(maskCpr('hemmeligt')).toBe('******-****');
    expect(maskCpr(undefined)).toBe('******-****');
  });

  it('redacts every CPR-shaped run in free text', () => {
    expect(redactCpr('Borger 010100-1234 og 0202021234.')).toBe('Borger ******-**** og ******-****.');
    expect(redactCpr('telefon 12345678, cvr 87654321')).toBe('telefon 12345678, cvr 87654321');
    expect(redactCpr(null)).toBe('');
  });

  it('finds a valid CPR inside text, not a date-less number', () => {
    expect(containsCpr('Sag om 010100-1234')).toBe(true);
    expect(containsCpr('Sag 3102001234')).toBe(false);
    expect(containsCpr('Sag 0000000000')).toBe(false);
    expect(containsCpr('ordre 12345678901')).toBe(false); // 11 digits
  });
});

describe('looksLikeCpr (search box)', () => {
  it.each(['0101001234', '010100-1234', '010100-', '010100-12', '0101', ' 010100 1234 ', '1'])('%j looks like a CPR', (q) => {
    expect(looksLikeCpr(q)).toBe(true);
  });
  it.each(['', 'Mette', '0101 Mette', '01010012345', '0101-001234', '010100-12345', '-1234'])('%j does not', (q) => {
    expect(looksLikeCpr(q)).toBe(false);
  });
});

describe('CVR and P-number', () => {
  it.each([
    ['12345678', true],
    ['1234567', false],
    ['123456789', false],
    ['1234 5678', false],
    ['1234567a', false],
  ])('CVR %j → %s', (v, ok) => expect(isValidCvr(v)).toBe(ok));

  it.each([
    ['1234567890', true],
    ['123456789', false],
    ['12345678901', false],
  ])('P-number %j → %s', (v, ok) => expect(isValidPNumber(v)).toBe(ok));

  it('refuses numbers (leading zeros would be lost)', () => {
    expect(isValidCvr(12345678)).toBe(false);
    expect(isValidPNumber(1234567890)).toBe(false);
  });
});
