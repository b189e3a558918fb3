// Fault injection (wire-contract §5): latency + jitter, a share answered 503, a share reset before
// processing, a share processed and then dropped without an answer, a share processed and answered
// 200 with an unreadable (cut-off) body, a share applied late (after the client has given up and
// gone), and "offline" (every non-admin connection destroyed right after the TLS handshake). Per
// service or operation, or for all, optionally for the next N matching requests only; seeded, so a
// run is repeatable for the same sequence of requests.

import { Rng } from './prng';

export interface FaultSettings {
  latencyMs: number;
  jitterMs: number;
  rate503: number;
  rateReset: number;
  rateDrop: number;
  /** Processed (applied), then answered 200 with the first half of the answer: a body the client cannot read. */
  rateGarbage: number;
  /**
   * Read in full, then held until the client has given up and closed the connection; applied
   * `lateApplyMs` after that, with no answer (a DFDG that finishes a request its caller timed out on).
   */
  rateLate: number;
  lateApplyMs: number;
  /** Service names the faults apply to (e.g. 'CitizenMessageService', 'FravaerService'); null = all. */
  services: string[] | null;
  /** '<Service>.<Operation>' names the faults apply to (e.g. 'CitizenMessageService.CreateMessage'); null = all. */
  operations: string[] | null;
  /** The faults apply to the next `count` matching requests only, then no more; null = every one. */
  count: number | null;
  seed: number;
  offline: boolean;
}

export const NO_FAULTS: FaultSettings = {
  latencyMs: 0,
  jitterMs: 0,
  rate503: 0,
  rateReset: 0,
  rateDrop: 0,
  rateGarbage: 0,
  rateLate: 0,
  lateApplyMs: 0,
  services: null,
  operations: null,
  count: null,
  seed: 1,
  offline: false,
};

export type FaultAction = 'none' | '503' | 'reset' | 'drop' | 'garbage' | 'late';

export class FaultError extends Error {}

function rate(v: unknown, name: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) throw new FaultError(`${name} must be a number in 0..1`);
  return v;
}

function ms(v: unknown, name: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 600_000) throw new FaultError(`${name} must be an integer number of ms (0..600000)`);
  return v;
}

/** Validates a (partial) settings object from JSON; unspecified fields take the no-fault defaults. */
export function parseFaults(input: unknown): FaultSettings {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new FaultError('faults must be a JSON object');
  const o = input as Record<string, unknown>;
  const known = new Set(Object.keys(NO_FAULTS));
  for (const k of Object.keys(o)) if (!known.has(k)) throw new FaultError(`unknown fault setting ${k}`);
  const s: FaultSettings = { ...NO_FAULTS };
  if (o.latencyMs !== undefined) s.latencyMs = ms(o.latencyMs, 'latencyMs');
  if (o.jitterMs !== undefined) s.jitterMs = ms(o.jitterMs, 'jitterMs');
  if (o.rate503 !== undefined) s.rate503 = rate(o.rate503, 'rate503');
  if (o.rateReset !== undefined) s.rateReset = rate(o.rateReset, 'rateReset');
  if (o.rateDrop !== undefined) s.rateDrop = rate(o.rateDrop, 'rateDrop');
  if (o.rateGarbage !== undefined) s.rateGarbage = rate(o.rateGarbage, 'rateGarbage');
  if (o.rateLate !== undefined) s.rateLate = rate(o.rateLate, 'rateLate');
  if (o.lateApplyMs !== undefined) s.lateApplyMs = ms(o.lateApplyMs, 'lateApplyMs');
  if (s.rate503 + s.rateReset + s.rateDrop + s.rateGarbage + s.rateLate > 1 + 1e-9) throw new FaultError('rate503 + rateReset + rateDrop + rateGarbage + rateLate must not exceed 1');
  if (o.services !== undefined && o.services !== null) {
    if (!Array.isArray(o.services) || !o.services.every((x) => typeof x === 'string')) throw new FaultError('services must be a list of service names');
    s.services = o.services as string[];
  }
  if (o.operations !== undefined && o.operations !== null) {
    if (!Array.isArray(o.operations) || !o.operations.every((x) => typeof x === 'string' && /^[A-Za-z]+\.[A-Za-z]+$/.test(x))) {
      throw new FaultError('operations must be a list of <Service>.<Operation> names');
    }
    s.operations = o.operations as string[];
  }
  if (o.count !== undefined && o.count !== null) {
    if (typeof o.count !== 'number' || !Number.isInteger(o.count) || o.count < 0) throw new FaultError('count must be a non-negative integer or null');
    s.count = o.count;
  }
  if (o.seed !== undefined) {
    if (typeof o.seed !== 'number' || !Number.isInteger(o.seed)) throw new FaultError('seed must be an integer');
    s.seed = o.seed;
  }
  if (o.offline !== undefined) {
    if (typeof o.offline !== 'boolean') throw new FaultError('offline must be a boolean');
    s.offline = o.offline;
  }
  return s;
}

export class Faults {
  private s: FaultSettings = { ...NO_FAULTS };
  private rng = new Rng(NO_FAULTS.seed);
  /** Matching requests the settings still apply to (settings.count), or null for every one. */
  private remaining: number | null = null;

  get settings(): FaultSettings {
    return { ...this.s, services: this.s.services ? [...this.s.services] : null, operations: this.s.operations ? [...this.s.operations] : null };
  }

  set(s: FaultSettings): void {
    this.s = { ...s };
    this.rng = new Rng(s.seed);
    this.remaining = s.count;
  }

  /** Whether the settings cover a request to `service` (and `operation`, '<Service>.<Operation>', when given). */
  applies(service: string, operation?: string): boolean {
    if (this.s.services !== null && !this.s.services.includes(service)) return false;
    return this.s.operations === null || (operation !== undefined && this.s.operations.includes(operation));
  }

  /** Draws the delay and the action for one request to `service` (two draws per matching request, always). */
  decide(service: string, operation?: string): { delayMs: number; action: FaultAction; lateMs: number } {
    if (!this.applies(service, operation) || this.remaining === 0) return { delayMs: 0, action: 'none', lateMs: 0 };
    if (this.remaining !== null) this.remaining--;
    const jitter = this.rng.next();
    const r = this.rng.next();
    const delayMs = this.s.latencyMs + Math.round(jitter * this.s.jitterMs);
    const s = this.s;
    let action: FaultAction = 'none';
    if (r < s.rate503) action = '503';
    else if (r < s.rate503 + s.rateReset) action = 'reset';
    else if (r < s.rate503 + s.rateReset + s.rateDrop) action = 'drop';
    else if (r < s.rate503 + s.rateReset + s.rateDrop + s.rateGarbage) action = 'garbage';
    else if (r < s.rate503 + s.rateReset + s.rateDrop + s.rateGarbage + s.rateLate) action = 'late';
    return { delayMs, action, lateMs: s.lateApplyMs };
  }
}
