// 10,000 malformed or hostile requests through the IPC dispatcher. Seeded (FUZZ_SEED overrides), so a
// failure can be replayed. Every answer must be a typed result, no handler may see an invalid payload,
// and Object.prototype must stay untouched.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createCore } from '../../../main/core/app';
import { DfdgError } from '../../../main/core/dfdg/errors';
import type { DfdgClients } from '../../../main/core/dfdg/types';
import { createDispatcher, type Dispatch } from '../../../main/core/ipc';
import { SettingsService, createTestSecretStore } from '../../../main/core/settings';
import type { Identity } from '../../../shared/domain';
import { checkPlainPayload } from '../../../main/core/ipc/payload';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/constants';
import { channels, zIpcError } from '../../../shared/contract';
import { channelNames, type Channel } from '../../../shared/ipc';
import { recordingHandlers } from './helpers';

const ITERATIONS = 10_000;
const SEED = Number(process.env.FUZZ_SEED ?? 0xdfd6);

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PATHS = ['../../etc/passwd', '/etc/passwd', 'C:\\Windows\\System32\\config\\SAM', '..\\..\\..\\boot.ini', 'file:///etc/shadow', '\\\\server\\share\\x.pdf', '%2e%2e%2f%2e%2e%2fetc', '/proc/self/environ', 'app://desk/../../main', '~/.ssh/id_rsa'];
const PLAUSIBLE = ['0101901234', 'd1', 'akasse-067', '2026-11-22', 'https://dfdg.example', 'grant', 'search', '067', '12345678', 'da'];
const UNKNOWN_CHANNELS = ['', 'citizens', 'citizens.open ', 'CITIZENS.OPEN', 'dfdg:citizens.open', '__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'app.info\u0000', '../settings.get', 'settings.get/..', 'shell.openExternal', 'fs.readFile'];
const DANGEROUS_KEYS = ['__proto__', 'constructor', 'prototype'];

type Rand = () => number;

function fuzzValue(r: Rand, depth = 0): unknown {
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  switch (Math.floor(r() * 20)) {
    case 0:
      return pick([NaN, Infinity, -Infinity, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.5, -1, 2 ** 31]);
    case 1:
      return 'x'.repeat(10_001 + Math.floor(r() * 50_000)); // over every string max in the contract
    case 2:
      return pick(PATHS);
    case 3:
      return pick(PLAUSIBLE);
    case 4:
      return pick([new Uint8Array(3), new Uint16Array(2), new Float32Array(1), new DataView(new ArrayBuffer(2)), new ArrayBuffer(4), Buffer.from('x')]);
    case 5: {
      let v: unknown = 'bund';
      const d = 20 + Math.floor(r() * 500);
      for (let i = 0; i < d; i++) v = r() < 0.5 ? [v] : { a: v };
      return v;
    }
    case 6:
      return JSON.parse(`{"${pick(DANGEROUS_KEYS)}": {"polluted": true, "isAdmin": true}}`);
    case 7:
      return { constructor: { prototype: { polluted: true } } };
    case 8:
      return pick([true, false, null, undefined, 0, 1, '', ' ', '\u0000', '\uFFFF', '<script>alert(1)</script>', "'; DROP TABLE outbox; --"]);
    case 9:
      return depth < 3 ? Array.from({ length: Math.floor(r() * 5) }, () => fuzzValue(r, depth + 1)) : [];
    case 10:
      return depth < 3 ? fuzzObject(r, depth + 1) : {};
    case 11:
      return Object.create({ inherited: 'x', cpr: '0101901234' });
    case 12:
      return pick([new Date(0), new Map(), new Set([1]), /x/, new Error('x'), Symbol('s'), () => 1, 10n]);
    case 13:
      return r() < 0.1 ? Array.from({ length: 100_001 }, () => 1) : Array.from({ length: 2_000 }, () => 'x');
    case 14:
      return r() < 0.02 ? new Uint8Array(MAX_ATTACHMENT_BYTES + 2) : new Uint8Array(Math.floor(r() * 64));
    case 15:
      return new Proxy({}, { ownKeys: () => ['x'], get: () => 'x' });
    case 16:
      return Object.defineProperty({}, 'id', { enumerable: true, get: () => 'd1' });
    case 17:
      return String.fromCharCode(...Array.from({ length: 64 }, () => Math.floor(r() * 0xffff)));
    default:
      return Math.floor(r() * 1e9) - 5e8;
  }
}

function fuzzObject(r: Rand, depth: number): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  const n = Math.floor(r() * 4);
  for (let i = 0; i < n; i++) o[r() < 0.2 ? DANGEROUS_KEYS[i % 3]! : `k${i}`] = fuzzValue(r, depth);
  return o;
}

/** A request for `channel` with its real field names, each filled (or not) with something hostile. */
function fuzzRequest(r: Rand, channel: Channel): unknown {
  const roll = r();
  if (roll < 0.1) return fuzzValue(r);
  const shape = (channels[channel].request as unknown as { shape?: Record<string, unknown> }).shape ?? {};
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(shape)) {
    const x = r();
    if (x < 0.25) out[key] = PLAUSIBLE[Math.floor(r() * PLAUSIBLE.length)];
    else if (x < 0.85) out[key] = fuzzValue(r);
  }
  if (r() < 0.15) out[DANGEROUS_KEYS[Math.floor(r() * 3)]!] = { polluted: true };
  // An own "__proto__" property, as JSON.parse makes it (e.g. from the e2e bridge's wire format).
  if (r() < 0.1) Object.defineProperty(out, '__proto__', { value: { polluted: true }, enumerable: true, writable: true, configurable: true });
  if (r() < 0.1) out.extra = fuzzValue(r);
  return out;
}

const KNOWN_KINDS = new Set(zIpcError.shape.kind.options);

/** Sends `iterations` seeded hostile requests; returns the kinds of error seen and how many succeeded. */
async function fuzz(dispatch: Dispatch, iterations: number, seed: number, check: (i: number, channel: unknown, result: Awaited<ReturnType<Dispatch>>) => void) {
  const r = mulberry32(seed);
  const kinds = new Map<string, number>();
  let oks = 0;
  for (let i = 0; i < iterations; i++) {
    const known = r() < 0.9;
    const channel: unknown = known ? channelNames[Math.floor(r() * channelNames.length)] : r() < 0.7 ? UNKNOWN_CHANNELS[Math.floor(r() * UNKNOWN_CHANNELS.length)] : fuzzValue(r);
    const payload = known ? fuzzRequest(r, channel as Channel) : fuzzValue(r);
    let result: Awaited<ReturnType<Dispatch>>;
    try {
      result = await dispatch(channel, payload);
    } catch (err) {
      throw new Error(`iteration ${i} threw (seed ${seed})`, { cause: err });
    }
    if (result.ok) {
      oks++;
    } else {
      expect(zIpcError.safeParse(result.error).success, `iteration ${i}: untyped error`).toBe(true);
      expect(KNOWN_KINDS.has(result.error.kind)).toBe(true);
      kinds.set(result.error.kind, (kinds.get(result.error.kind) ?? 0) + 1);
      if (typeof channel === 'string' && !channelNames.includes(channel as Channel)) expect(result.error.kind).toBe('unknown-channel');
    }
    check(i, channel, result);
  }
  return { kinds, oks };
}

function snapshotPrototypes() {
  return [Object.getOwnPropertyNames(Object.prototype).sort(), Object.getOwnPropertyNames(Array.prototype).sort()];
}

function expectPrototypesUntouched(before: string[][]) {
  expect(snapshotPrototypes()).toEqual(before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
}

describe('IPC dispatcher fuzz', () => {
  it(`answers ${ITERATIONS} hostile requests with typed results and never lets an invalid payload reach a handler (seed ${SEED})`, async () => {
    const before = snapshotPrototypes();
    const { handlers, calls } = recordingHandlers();
    const internalErrors: unknown[] = [];
    const dispatch = createDispatcher(handlers, { onError: (_c, e) => internalErrors.push(e) });

    const { kinds, oks } = await fuzz(dispatch, ITERATIONS, SEED, (i, _channel, result) => {
      if (!result.ok) expect(['invalid-request', 'unknown-channel'], `iteration ${i}`).toContain(result.error.kind);
    });

    // Every handler call got a payload that is plain data and passes its channel's schema.
    expect(calls.length).toBe(oks);
    for (const call of calls) {
      expect(checkPlainPayload(call.request)).toBeNull();
      expect((channels[call.channel].request as z.ZodType).safeParse(call.request).success).toBe(true);
    }
    expect(internalErrors).toEqual([]);
    expect(kinds.get('invalid-request') ?? 0).toBeGreaterThan(ITERATIONS * 0.7);
    expect(kinds.get('unknown-channel') ?? 0).toBeGreaterThan(ITERATIONS * 0.05);
    expectPrototypesUntouched(before);
  });

  it(`the same ${ITERATIONS} requests against a real createCore (DFDG unreachable) give typed answers and no internal errors`, async () => {
    const before = snapshotPrototypes();
    const dir = mkdtempSync(join(tmpdir(), 'dfdg-fuzz-core-'));
    const identity: Identity = {
      organisation: { type: 'akasse', code: '067', name: 'A-kasse Nordlys (test)' },
      caseworker: { fullName: 'Fuzz Testesen', userIdentifier: 'CVR:12345678-UUID:00000000-0000-4000-8000-000000000000' },
      certificate: { subject: 'CN=Fuzz', issuer: 'CN=CA', validFrom: '2026-01-01T00:00:00.000Z', validTo: '2030-01-01T00:00:00.000Z', fingerprint256: 'AA' },
    };
    // Every DFDG call fails as if the network were down: the core answers from its store or says offline.
    const offline = new Proxy({} as DfdgClients, {
      get: (_t, service) =>
        service === 'close'
          ? () => undefined
          : new Proxy({}, { get: (_s, op) => async () => Promise.reject(new DfdgError({ code: null, text: 'ECONNREFUSED', service: String(service), operation: String(op), transient: true })) }),
    });
    const settings = await SettingsService.open(dir, createTestSecretStore());
    const core = await createCore({
      dataDir: join(dir, 'core'),
      dbKey: randomBytes(32),
      settings,
      dfdg: { baseUrl: 'https://127.0.0.1:9', tls: { kind: 'pem', cert: '', key: '' } },
      identity,
      mode: 'sandbox',
      clock: () => new Date('2027-03-01T10:00:00Z'),
      clientsFactory: () => offline,
      retention: false,
      pollIntervalMs: 3_600_000,
    });
    const internal: { channel: string; err: unknown }[] = [];
    try {
      const dispatch = createDispatcher(core.handlers, { validateResponses: true, onError: (channel, err) => internal.push({ channel, err }) });
      const { kinds, oks } = await fuzz(dispatch, ITERATIONS, SEED, () => undefined);
      if (process.env.FUZZ_REPORT) console.log('real core:', oks, 'ok', Object.fromEntries(kinds));
      expect(kinds.get('invalid-request') ?? 0).toBeGreaterThan(ITERATIONS * 0.7);
      expect(internal.map((x) => `${x.channel}: ${x.err instanceof Error ? x.err.message.slice(0, 200) : String(x.err)}`)).toEqual([]);
    } finally {
      await core.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    expectPrototypesUntouched(before);
  });
});
