import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temp directory and a random 32-byte store key; `cleanup` removes the directory. */
export function tempDataDir(prefix = 'dfdg-core-'): { dir: string; key: Buffer; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, key: randomBytes(32), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A controllable clock for the core (everything takes `clock: () => Date`). */
export function fakeClock(startIso = '2026-11-22T09:00:00.000Z'): { now: () => Date; set: (iso: string) => void; advance: (ms: number) => void } {
  let t = Date.parse(startIso);
  return {
    now: () => new Date(t),
    set: (iso) => {
      t = Date.parse(iso);
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/** A clock that runs at real speed from a fixed start (timers and backoff behave as in production). */
export function liveClock(startIso = '2026-11-22T09:00:00.000Z'): { now: () => Date; set: (iso: string) => void; advance: (ms: number) => void } {
  let offset = Date.parse(startIso) - Date.now();
  return {
    now: () => new Date(Date.now() + offset),
    set: (iso) => {
      offset = Date.parse(iso) - Date.now();
    },
    advance: (ms) => {
      offset += ms;
    },
  };
}
