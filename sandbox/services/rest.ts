// Building blocks for the REST services (wire-contract §3): the headers, JSON body, field checks
// and the x-requestId memory. `schemaCode` is the service's validation code: 1014
// (FravaerService, Joblog) or 99000 (IndkaldelseService, Virksomhedskonto).

import { restDate, restDateTime } from '../dates';
import { Reject, type Env, type Req } from '../http';
import { GUID_RE } from '../schema';

export interface Route {
  op: string;
  params: string[];
  /** Writes remember their x-requestId (a replay within 7 days → 412). */
  write: boolean;
}

export function requestId(req: Req, schemaCode: number): string {
  const v = req.headers['x-requestid'];
  if (typeof v !== 'string' || v.length < 1 || v.length > 46) throw new Reject(schemaCode, 'x-requestId is required (1..46 characters)');
  return v;
}

export function cprHeader(req: Req, schemaCode: number): string {
  const v = req.headers['x-civilregistrationidentifier'];
  if (typeof v !== 'string' || v.length === 0) throw new Reject(schemaCode, 'x-civilRegistrationIdentifier is required');
  return v.trim();
}

export function jsonBody(req: Req, schemaCode: number): Record<string, unknown> {
  const ct = String(req.headers['content-type'] ?? '').toLowerCase();
  if (!ct.startsWith('application/json')) throw new Reject(schemaCode, 'Content-Type must be application/json');
  let v: unknown;
  try {
    v = JSON.parse(req.body.toString('utf8'));
  } catch {
    throw new Reject(schemaCode, 'The body is not valid JSON');
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Reject(schemaCode, 'The body must be a JSON object');
  return v as Record<string, unknown>;
}

/** Field readers: absent and null are the same for optional fields. */
export class Fields {
  constructor(
    private readonly o: Record<string, unknown>,
    private readonly code: number,
  ) {}

  private fail(name: string, what: string): never {
    throw new Reject(this.code, `${name} ${what}`);
  }

  has(name: string): boolean {
    return this.o[name] !== undefined && this.o[name] !== null;
  }

  int(name: string, range: [number, number] = [0, 2_147_483_647]): number {
    const v = this.o[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < range[0] || v > range[1]) this.fail(name, 'must be an integer');
    return v;
  }

  optInt(name: string, range?: [number, number]): number | null {
    return this.has(name) ? this.int(name, range) : null;
  }

  str(name: string, len: [number, number]): string {
    const v = this.o[name];
    if (typeof v !== 'string') this.fail(name, 'must be a string');
    const n = [...v].length;
    if (n < len[0] || n > len[1]) this.fail(name, `must be ${len[0]}..${len[1]} characters`);
    return v;
  }

  optStr(name: string, len: [number, number]): string | null {
    return this.has(name) ? this.str(name, len) : null;
  }

  bool(name: string): boolean {
    const v = this.o[name];
    if (typeof v !== 'boolean') this.fail(name, 'must be true or false');
    return v;
  }

  optBool(name: string): boolean | null {
    return this.has(name) ? this.bool(name) : null;
  }

  /** A date as 'YYYY-MM-DDT00:00:00' (or a bare date); returns 'YYYY-MM-DD'. */
  date(name: string): string {
    const d = restDate(this.o[name]);
    if (d === null) this.fail(name, 'must be a date-time YYYY-MM-DDT00:00:00');
    return d;
  }

  optDate(name: string): string | null {
    return this.has(name) ? this.date(name) : null;
  }

  /** A local date-time; returns 'YYYY-MM-DDTHH:MM:SS'. */
  dateTime(name: string): string {
    const d = restDateTime(this.o[name]);
    if (d === null) this.fail(name, 'must be a date-time YYYY-MM-DDTHH:MM:SS');
    return d;
  }

  optDateTime(name: string): string | null {
    return this.has(name) ? this.dateTime(name) : null;
  }

  uuid(name: string): string {
    const v = this.o[name];
    if (typeof v !== 'string' || !GUID_RE.test(v)) this.fail(name, 'must be a uuid');
    return v.toLowerCase();
  }

  optUuid(name: string): string | null {
    return this.has(name) ? this.uuid(name) : null;
  }
}

export function uuidParam(v: string | undefined, code: number, name: string): string {
  if (!v || !GUID_RE.test(v)) throw new Reject(code, `${name} must be a uuid`);
  return v.toLowerCase();
}

/** 412 if this organisation sent `id` within 7 days; otherwise remembers it. */
export function guardReplay(env: Env, req: Req, id: string): void {
  const org = req.caller.org.id;
  if (env.state.seenRequestId(org, id)) throw new Reject(412);
  env.state.rememberRequestId(org, id);
}
