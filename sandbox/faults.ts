// Fault injection (wire-contract §5): latency + jitter, a share answered 503, a share reset before
// processing, a share processed and then dropped without an answer, and "offline" (every non-admin
// connection destroyed right after the TLS handshake). Per service or for all; seeded, so a run is
// repeatable for the same sequence of requests.

import { Rng } from './prng';

export interface FaultSettings {
  latencyMs: number;
  jitterMs: number;
  rate503: number;
  rateReset: number;
  rateDrop: number;
  /** Service names the faults apply to (e.g. 'CitizenMessageService', 'FravaerService'); null = all. */
  services: string[] | null;
  seed: number;
  offline: boolean;
}

export const NO_FAULTS: FaultSettings = {
  latencyMs: 0,
  jitterMs: 0,
  rate503: 0,
  rateReset: 0,
  rateDrop: 0,
  services: null,
  seed: 1,
  offline: false,
};

export type FaultAction = 'none' | '503' | 'reset' | 'drop';

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
  if (s.rate503 + s.rateReset + s.rateDrop > 1 + 1e-9) throw new FaultError('rate503 + rateReset + rateDrop must not exceed 1');
  if (o.services !== undefined && o.services !== null) {
    if (!Array.isArray(o.services) || !o.services.every((x) => typeof x === 'string')) throw new FaultError('services must be a list of service names');
    s.services = o.services as string[];
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

  get settings(): FaultSettings {
    return { ...this.s, services: this.s.services ? [...this.s.services] : null };
  }

  set(s: FaultSettings): void {
    this.s = { ...s };
    this.rng = new Rng(s.seed);
  }

  applies(service: string): boolean {
    return this.s.services === null || this.s.services.includes(service);
  }

  /** Draws the delay and the action for one request to `service` (two draws per request, always). */
  decide(service: string): { delayMs: number; action: FaultAction } {
    if (!this.applies(service)) return { delayMs: 0, action: 'none' };
    const jitter = this.rng.next();
    const r = this.rng.next();
    const delayMs = this.s.latencyMs + Math.round(jitter * this.s.jitterMs);
    let action: FaultAction = 'none';
    if (r < this.s.rate503) action = '503';
    else if (r < this.s.rate503 + this.s.rateReset) action = 'reset';
    else if (r < this.s.rate503 + this.s.rateReset + this.s.rateDrop) action = 'drop';
    return { delayMs, action };
  }
}
