// CPR numbers as DFDG validates them (interfaces.md §1.3): ten digits, a valid DDMM (day limits per
// month, February up to 29), then six digits; or '0000000000'.
//
// Synthetic marker: every CPR the sandbox generates FAILS the modulus-11 check (weights
// 4,3,2,7,6,5,4,3,2,1). DFDG does not check modulus 11, so these numbers are accepted by the
// pattern, yet they can be told apart from the (pre-2007) real numbers at a glance of a checker.

const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];

export function matchesCprPattern(cpr: string): boolean {
  if (!/^\d{10}$/.test(cpr)) return false;
  if (cpr === '0000000000') return true;
  const day = Number(cpr.slice(0, 2));
  const month = Number(cpr.slice(2, 4));
  const max = MONTH_DAYS[month - 1];
  return max !== undefined && day >= 1 && day <= max;
}

export function mod11Sum(cpr: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += Number(cpr[i]) * (WEIGHTS[i] ?? 0);
  return sum % 11;
}

export function passesModulus11(cpr: string): boolean {
  return /^\d{10}$/.test(cpr) && mod11Sum(cpr) === 0;
}

/** Makes a ten-digit string fail modulus 11 by bumping digit 8 (weight 3) if needed. */
export function forceMod11Failure(cpr: string): string {
  if (mod11Sum(cpr) !== 0) return cpr;
  const d = (Number(cpr[7]) + 1) % 10;
  return cpr.slice(0, 7) + String(d) + cpr.slice(8);
}
