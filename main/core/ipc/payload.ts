// The first gate for anything that crosses from the renderer: before a schema sees a payload, make
// sure it is plain data. Electron's structured clone already gives plain objects, but main must not
// rely on that (the e2e bridge decodes JSON, tests pass objects in directly): no prototype-polluting
// keys, no inherited or accessor properties, no proxies, no class instances other than Uint8Array,
// bounded depth and size.

import { types } from 'node:util';

export const MAX_PAYLOAD_DEPTH = 24;
export const MAX_PAYLOAD_NODES = 50_000;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface PayloadProblem {
  path: string;
  message: string;
}

/** A path segment safe to show: keys come from the payload and are never echoed verbatim. */
export function safeSegment(key: PropertyKey): string {
  if (typeof key === 'number') return String(key);
  if (typeof key === 'string' && /^[A-Za-z_][A-Za-z0-9_]{0,39}$/.test(key) && !FORBIDDEN_KEYS.has(key)) return key;
  if (typeof key === 'string' && /^\d{1,6}$/.test(key)) return key;
  return '…';
}

export const joinPath = (path: readonly PropertyKey[]) => path.map(safeSegment).join('.');

/** Returns null for plain data, else the first problem found. Never throws. */
export function checkPlainPayload(payload: unknown): PayloadProblem | null {
  try {
    return walk(payload);
  } catch {
    return { path: '', message: 'Forespørgslen kunne ikke læses.' };
  }
}

function walk(root: unknown): PayloadProblem | null {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: root, path: [] }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (++nodes > MAX_PAYLOAD_NODES) return { path: '', message: 'Forespørgslen er for stor.' };
    if (value === null || value === undefined) continue;
    const t = typeof value;
    if (t === 'string' || t === 'number' || t === 'boolean') continue;
    if (t !== 'object') return { path: joinPath(path), message: 'Ugyldig værditype.' };
    if (path.length >= MAX_PAYLOAD_DEPTH) return { path: joinPath(path.slice(0, 8)), message: 'Forespørgslen er for dybt indlejret.' };
    if (types.isProxy(value)) return { path: joinPath(path), message: 'Ugyldig værditype.' };
    // A real Uint8Array (internal slot check): `instanceof` is fooled by objects whose prototype is a Uint8Array.
    if (types.isUint8Array(value)) continue;

    const proto = Object.getPrototypeOf(value) as unknown;
    const isArray = Array.isArray(value);
    if (isArray && (value as unknown[]).length > MAX_PAYLOAD_NODES) return { path: joinPath(path), message: 'Forespørgslen er for stor.' };
    if (isArray ? proto !== Array.prototype : proto !== Object.prototype && proto !== null) {
      return { path: joinPath(path), message: 'Ugyldig værditype.' };
    }
    const keys = Reflect.ownKeys(value);
    for (const key of keys) {
      if (typeof key === 'symbol') return { path: joinPath(path), message: 'Ugyldig nøgle.' };
      if (isArray && key === 'length') continue;
      if (FORBIDDEN_KEYS.has(key)) return { path: joinPath([...path, key]), message: 'Ugyldig nøgle.' };
      const desc = Object.getOwnPropertyDescriptor(value, key)!;
      if (!('value' in desc)) return { path: joinPath([...path, key]), message: 'Ugyldig værditype.' };
      if (isArray && !/^\d+$/.test(key)) return { path: joinPath([...path, key]), message: 'Ugyldig nøgle.' };
      stack.push({ value: desc.value, path: [...path, isArray ? Number(key) : key] });
    }
  }
  return null;
}
