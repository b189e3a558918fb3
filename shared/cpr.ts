// CPR, CVR and P-number helpers. Pure; none throws on bad input.
// DFDG's CPR pattern (interfaces.md §1.3, PersonCivilRegistrationIdentifierType): ten digits, a valid
// DDMM (day limits per month, February up to 29) followed by six digits, or '0000000000' (used where a
// CPR is required but unknown). DFDG does not apply the old modulus-11 check, and neither do we.

import type { Cpr } from './domain';

// Hyphen-minus and the dashes a pasted document may carry (‐ ‑ ‒ – — ― −).
const DASH = '[-\u2010-\u2015\u2212]';
const CPR_INPUT_RE = new RegExp(`^(\\d{6})${DASH}?(\\d{4})$`);
const CPR_IN_TEXT_RE = new RegExp(`(?<!\\d)(\\d{6})(?:${DASH}|[ \\u00a0])?(\\d{4})(?!\\d)`, 'g');
const MAX_DAY_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * 'DDMMYYXXXX', 'DDMMYY-XXXX' or either with spaces → the ten digits DFDG carries, or null.
 * Only the shape is checked here; use isValidCpr for DFDG's pattern.
 */
export function normalizeCpr(input: unknown): Cpr | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const m = CPR_INPUT_RE.exec(input.replace(/\s+/g, ''));
  return m ? `${m[1]}${m[2]}` : null;
}

function validDdmm(digits: string): boolean {
  const day = Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  const max = MAX_DAY_IN_MONTH[month - 1];
  return max !== undefined && day >= 1 && day <= max;
}

/** DFDG's pattern on ten digits (no dash): valid DDMM incl. 29-02, then six digits; or '0000000000'. */
export function isValidCpr(cpr: unknown): cpr is Cpr {
  if (typeof cpr !== 'string' || !/^\d{10}$/.test(cpr)) return false;
  return cpr === '0000000000' || validDdmm(cpr);
}

/** 'DDMMYY-XXXX' for display. Input that is not CPR-shaped is returned trimmed (non-strings → ''). */
export function formatCpr(cpr: unknown): string {
  const n = normalizeCpr(cpr);
  if (n) return `${n.slice(0, 6)}-${n.slice(6)}`;
  return typeof cpr === 'string' ? cpr.trim().slice(0, 64) : '';
}

/** For logs: 'DDMMYY-****'. Anything not CPR-shaped becomes '******-****' (never echoed). */
export function maskCpr(cpr: unknown): string {
  const n = normalizeCpr(cpr);
  return n ? `${n.slice(0, 6)}-****` : '******-****';
}

/** Replaces every CPR-shaped run of digits in free text with '******-****' (for logs and messages). */
export function redactCpr(text: unknown): string {
  if (typeof text !== 'string') return '';
  return text.replace(CPR_IN_TEXT_RE, '******-****');
}

/** True when free text contains something that is a valid CPR by DFDG's pattern ('0000000000' aside). */
export function containsCpr(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  for (const m of text.matchAll(CPR_IN_TEXT_RE)) {
    const digits = `${m[1]}${m[2]}`;
    if (digits !== '0000000000' && isValidCpr(digits)) return true;
  }
  return false;
}

/**
 * For the search box: does the query look like (the start of) a CPR rather than a name?
 * Digits only (1 to 10), or six digits, a dash and up to four digits; spaces are ignored.
 */
export function looksLikeCpr(query: unknown): boolean {
  if (typeof query !== 'string' || query.length > 64) return false;
  const q = query.replace(/\s+/g, '');
  return /^\d{1,10}$/.test(q) || new RegExp(`^\\d{6}${DASH}\\d{0,4}$`).test(q);
}

/** CVR number (CVRnumberIdentifierType): exactly 8 digits. */
export function isValidCvr(cvr: unknown): boolean {
  return typeof cvr === 'string' && /^\d{8}$/.test(cvr);
}

/** P-number (ProductionUnitIdentifierType): exactly 10 digits. */
export function isValidPNumber(p: unknown): boolean {
  return typeof p === 'string' && /^\d{10}$/.test(p);
}
