export interface BackoffOptions {
  /** First retry delay (ms). */
  baseMs: number;
  /** Longest delay between attempts (ms). */
  capMs: number;
}

/**
 * Exponential backoff with jitter: the n-th retry waits between half and all of min(cap, base·2^(n−1)),
 * so many commands coming back at once spread out instead of hitting DFDG together.
 */
export function backoffDelay(attempt: number, o: BackoffOptions, random: () => number = Math.random): number {
  const exp = Math.min(o.capMs, o.baseMs * 2 ** Math.max(0, Math.min(30, attempt - 1)));
  return Math.round(exp / 2 + (random() * exp) / 2);
}
