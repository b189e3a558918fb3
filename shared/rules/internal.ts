// Internal helpers of the rules layer: defensive readers for untrusted input, the finding builder,
// Danish text helpers and the context reader. Not exported from index.ts. (Not named util.ts: the lint rule against the Node built-in "util" would match it.)

import type { CodeListOverrides } from '../codelists/types';
import { codeName, findCode } from '../codelists';
import { redactCpr } from '../cpr';
import { formatDate, isValidIsoDate } from '../dates';
import type { CodeListItem, Finding, FindingSeverity, IsoDate, OrgType } from '../domain';
import { ruleInfo } from './catalogue';

export type Rec = Record<string, unknown>;

export function isRecord(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An own property only (never something inherited through a polluted or odd prototype). */
export function get(obj: unknown, key: string): unknown {
  return isRecord(obj) && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

export function readInt(v: unknown): number | null {
  return typeof v === 'number' && Number.isSafeInteger(v) ? v : null;
}

export function readString(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

export function isBlank(v: unknown): boolean {
  return typeof v !== 'string' || v.trim() === '';
}

/** A value shown back to the caseworker: short, CPR-free, never a thrown template conversion. */
export function show(v: unknown, max = 40): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'ugyldig værdi';
  if (typeof v !== 'string') return 'ugyldig værdi';
  const s = redactCpr(v.length > 400 ? v.slice(0, 400) : v)
    .replace(/\p{Cc}/gu, ' ')
    .trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** '22-11-2026'. */
export const dk = (iso: IsoDate) => formatDate(iso);

/** Ends the message of every finding that rests on an assumption, so the caseworker knows it may be wrong. */
export const ASSUMED_NOTE = 'Reglen er antaget og ikke bekræftet af DFDG.';

function build(ruleId: string, severity: FindingSeverity, message: string, field: string | undefined, assumed: boolean): Finding {
  const f: Finding = { ruleId, severity, message: assumed ? `${message} ${ASSUMED_NOTE}` : message };
  if (field !== undefined) f.field = field;
  const source = ruleInfo(ruleId)?.source;
  if (source !== undefined) f.source = source;
  return f;
}

/** A finding; the message of a rule whose basis is 'assumed' gets ASSUMED_NOTE. */
export function finding(ruleId: string, severity: FindingSeverity, message: string, field?: string): Finding {
  return build(ruleId, severity, message, field, ruleInfo(ruleId)?.basis === 'assumed');
}

/**
 * The assumed part of a sourced rule (RuleInfo.assumed, e.g. which absence types cannot be deleted):
 * never an error, and the message says it is assumed.
 */
export function assumedFinding(ruleId: string, severity: 'warning' | 'info', message: string, field?: string): Finding {
  return build(ruleId, severity, message, field, true);
}

/** `11 »Indstilling om tilbud«` for a code-list value. */
export function label(list: string, id: number, overrides?: CodeListOverrides): string {
  const item = findCode(list, id, overrides);
  return item ? `${id} »${item.name}«` : `${id}`;
}

export function nameOf(list: string, id: number, overrides?: CodeListOverrides): string {
  return codeName(list, id, overrides);
}

export function flagBool(item: CodeListItem | undefined, key: string): boolean {
  return item !== undefined && get(item, key) === true;
}

export function flagDate(item: CodeListItem | undefined, key: string): IsoDate | null {
  const v = item === undefined ? undefined : get(item, key);
  return isValidIsoDate(v) ? v : null;
}

export function flagInts(item: CodeListItem | undefined, key: string): number[] | null {
  const v = item === undefined ? undefined : get(item, key);
  return Array.isArray(v) ? v.filter((x): x is number => readInt(x) !== null) : null;
}

export function flagOrgs(item: CodeListItem | undefined, key: string): OrgType[] | null {
  const v = item === undefined ? undefined : get(item, key);
  return Array.isArray(v) ? v.filter((x): x is OrgType => x === 'akasse' || x === 'jobcenter') : null;
}

// ---------------------------------------------------------------------------------------------
// Context

export interface CitizenFacts {
  /** null: no contact group; undefined: not known. */
  contactGroup: number | null | undefined;
  registrationCategory: number | null | undefined;
  /** Personkategori; null: none; undefined: not known. */
  personCategory: number | null | undefined;
  akasseCode: string | null | undefined;
  jobcenterCode: string | null | undefined;
  deceased: boolean;
  registered: boolean | undefined;
}

export interface Ctx {
  asOf: IsoDate;
  org: { type: OrgType; code: string };
  citizen: CitizenFacts | null;
  codeLists: CodeListOverrides | undefined;
}

function readNullableInt(v: unknown): number | null | undefined {
  if (v === null) return null;
  return readInt(v) ?? undefined;
}

function readNullableString(v: unknown): string | null | undefined {
  if (v === null) return null;
  return typeof v === 'string' ? v : undefined;
}

export function readCitizen(v: unknown): CitizenFacts | null {
  if (!isRecord(v)) return null;
  const registered = get(v, 'registered');
  return {
    contactGroup: readNullableInt(get(v, 'contactGroup')),
    registrationCategory: readNullableInt(get(v, 'registrationCategory')),
    personCategory: readNullableInt(get(v, 'personCategory')),
    akasseCode: readNullableString(get(v, 'akasseCode')),
    jobcenterCode: readNullableString(get(v, 'jobcenterCode')),
    deceased: get(v, 'deceased') === true,
    registered: typeof registered === 'boolean' ? registered : undefined,
  };
}

export type ReadCtx = { ok: true; ctx: Ctx } | { ok: false; findings: Finding[] };

export function readContext(raw: unknown): ReadCtx {
  const asOf = get(raw, 'asOf');
  const org = get(raw, 'org');
  const type = get(org, 'type');
  const code = get(org, 'code');
  const problems: string[] = [];
  if (!isValidIsoDate(asOf)) problems.push('datoen for afsendelse mangler eller er ugyldig');
  if (type !== 'akasse' && type !== 'jobcenter') problems.push('organisationstypen mangler');
  if (problems.length > 0 || !isValidIsoDate(asOf) || (type !== 'akasse' && type !== 'jobcenter')) {
    return {
      ok: false,
      findings: [finding('CTX_INVALID', 'error', `Reglerne kunne ikke kontrolleres: ${problems.join(' og ')}. Genindlæs vinduet og prøv igen.`)],
    };
  }
  const lists = get(raw, 'codeLists');
  return {
    ok: true,
    ctx: {
      asOf,
      org: { type, code: typeof code === 'string' ? code : '' },
      citizen: readCitizen(get(raw, 'citizen')),
      codeLists: isRecord(lists) ? (lists as CodeListOverrides) : undefined,
    },
  };
}

/** The citizen is enrolled (tilmeldt). ASSUMED: without an explicit flag, a registration category means enrolled. */
export function isRegistered(c: CitizenFacts | null): boolean {
  if (!c) return false;
  if (c.registered !== undefined) return c.registered;
  return c.registrationCategory !== null && c.registrationCategory !== undefined;
}

export function deceasedFinding(ctx: Ctx): Finding[] {
  return ctx.citizen?.deceased
    ? [finding('CITIZEN_DECEASED', 'error', 'Borgeren er afgået ved døden. DFDG tager ikke imod nye registreringer på borgeren (fejl 4405).')]
    : [];
}

/** Run a check; a throw while reading hostile input (getters, proxies) becomes a finding, never an exception. */
export function guard<A extends unknown[]>(fn: (...args: A) => Finding[]): (...args: A) => Finding[] {
  return (...args: A) => {
    try {
      return fn(...args);
    } catch {
      return [finding('INPUT_UNREADABLE', 'error', 'Indholdet kunne ikke læses og er ikke kontrolleret. Luk formularen, åbn den igen og prøv igen.')];
    }
  };
}
