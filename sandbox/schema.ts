// A tiny schema checker for SOAP bodies and headers: the sandbox's stand-in for DFDG's XSDs.
// Checks known children (namespace + local name), occurrences, lengths, patterns, ranges and
// simple types; unknown elements and stray text fail. Element order is NOT checked (an XSD
// sequence would; the sandbox is lenient there, see docs/wire-contract.md §6).
// Any failure is a SchemaError, which the SOAP layer turns into fault 1014.

import { isValidDate, parseDateTime } from './dates';
import type { XEl } from './xml';

export class SchemaError extends Error {}

export type FieldType = 'str' | 'int' | 'bool' | 'date' | 'dateTime' | 'guid' | 'b64' | 'obj';

export interface FieldSpec {
  t: FieldType;
  /** Minimum occurrences (default 1). */
  min?: number;
  /** Maximum occurrences (default 1). */
  max?: number;
  /** Namespace of the element; default: the parent's namespace. */
  ns?: string;
  len?: [number, number];
  range?: [number, number];
  pattern?: RegExp;
  fields?: Spec;
}

export type Spec = Record<string, FieldSpec>;

export type Val = string | number | boolean | Buffer | Obj;
export interface Obj {
  [name: string]: Val | Val[] | undefined;
}

export const GUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const INT_RE = /^[+-]?\d+$/;
const B64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

function scalar(el: XEl, name: string, f: FieldSpec): Val {
  if (el.children.length > 0) throw new SchemaError(`${name} must not have child elements`);
  const raw = el.text;
  const v = f.t === 'str' ? raw : raw.trim();
  switch (f.t) {
    case 'str': {
      const [lo, hi] = f.len ?? [0, Number.MAX_SAFE_INTEGER];
      const n = [...v].length;
      if (n < lo || n > hi) throw new SchemaError(`${name} length ${n} outside ${lo}..${hi}`);
      if (f.pattern && !f.pattern.test(v)) throw new SchemaError(`${name} does not match its pattern`);
      return v;
    }
    case 'int': {
      if (!INT_RE.test(v)) throw new SchemaError(`${name} is not an integer`);
      const n = Number(v);
      const [lo, hi] = f.range ?? [-2147483648, 2147483647];
      if (n < lo || n > hi) throw new SchemaError(`${name} outside ${lo}..${hi}`);
      return n;
    }
    case 'bool':
      if (v === 'true' || v === '1') return true;
      if (v === 'false' || v === '0') return false;
      throw new SchemaError(`${name} is not a boolean`);
    case 'date':
      if (!isValidDate(v)) throw new SchemaError(`${name} is not a date`);
      return v;
    case 'dateTime':
      if (Number.isNaN(parseDateTime(v))) throw new SchemaError(`${name} is not a dateTime`);
      return v;
    case 'guid':
      if (!GUID_RE.test(v)) throw new SchemaError(`${name} is not a guid`);
      return v.toLowerCase();
    case 'b64': {
      const compact = v.replace(/\s+/g, '');
      if (compact.length % 4 !== 0 || !B64_RE.test(compact)) throw new SchemaError(`${name} is not base64`);
      return Buffer.from(compact, 'base64');
    }
    case 'obj':
      throw new SchemaError('unreachable');
  }
}

/** Validates `el`'s children against `spec` (children default to namespace `ns`). */
export function validate(el: XEl, spec: Spec, ns: string): Obj {
  if (el.text.trim() !== '') throw new SchemaError(`${el.name} must not contain text`);
  const out: Obj = {};
  const seen = new Map<string, XEl[]>();
  for (const c of el.children) {
    const f = spec[c.name];
    if (!f || c.ns !== (f.ns ?? ns)) throw new SchemaError(`Unexpected element {${c.ns}}${c.name}`);
    const list = seen.get(c.name) ?? [];
    list.push(c);
    seen.set(c.name, list);
  }
  for (const [name, f] of Object.entries(spec)) {
    const list = seen.get(name) ?? [];
    const min = f.min ?? 1;
    const max = f.max ?? 1;
    if (list.length < min) throw new SchemaError(`Missing element ${name}`);
    if (list.length > max) throw new SchemaError(`Too many ${name} elements`);
    const vals = list.map((c) => (f.t === 'obj' ? validate(c, f.fields ?? {}, f.ns ?? ns) : scalar(c, name, f)));
    if (max > 1) out[name] = vals;
    else if (vals[0] !== undefined) out[name] = vals[0];
  }
  return out;
}

// Typed accessors for validated objects (the schema already guaranteed the types).
export function str(o: Obj, k: string): string {
  const v = o[k];
  if (typeof v !== 'string') throw new SchemaError(`${k} missing`);
  return v;
}
export function optStr(o: Obj, k: string): string | null {
  const v = o[k];
  return typeof v === 'string' ? v : null;
}
export function int(o: Obj, k: string): number {
  const v = o[k];
  if (typeof v !== 'number') throw new SchemaError(`${k} missing`);
  return v;
}
export function optInt(o: Obj, k: string): number | null {
  const v = o[k];
  return typeof v === 'number' ? v : null;
}
export function bool(o: Obj, k: string): boolean {
  const v = o[k];
  if (typeof v !== 'boolean') throw new SchemaError(`${k} missing`);
  return v;
}
export function optBool(o: Obj, k: string): boolean | null {
  const v = o[k];
  return typeof v === 'boolean' ? v : null;
}
export function obj(o: Obj, k: string): Obj {
  const v = o[k];
  if (!v || typeof v !== 'object' || Array.isArray(v) || Buffer.isBuffer(v)) throw new SchemaError(`${k} missing`);
  return v;
}
export function optObj(o: Obj, k: string): Obj | null {
  const v = o[k];
  return v && typeof v === 'object' && !Array.isArray(v) && !Buffer.isBuffer(v) ? v : null;
}
export function objs(o: Obj, k: string): Obj[] {
  const v = o[k];
  if (!Array.isArray(v)) return v && typeof v === 'object' && !Buffer.isBuffer(v) ? [v] : [];
  return v.filter((x): x is Obj => !!x && typeof x === 'object' && !Buffer.isBuffer(x));
}
export function buf(o: Obj, k: string): Buffer {
  const v = o[k];
  if (!Buffer.isBuffer(v)) throw new SchemaError(`${k} missing`);
  return v;
}
