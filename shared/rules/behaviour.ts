// The rules that are behaviour rather than findings (rules.md): the helpers that carry them, used by
// main (store purge job, audit log, company view). Pure; none throws.

import { RETENTION_DAYS } from '../constants';
import { normalizeCpr, isValidCvr, isValidPNumber } from '../cpr';
import { addDays, addMonths, addYears, isValidIsoDate, toCopenhagenDate } from '../dates';
import { ORGANISATION_TYPE_ID, type AuditEntry, type Finding, type IsoDate, type IsoDateTime, type OrgType } from '../domain';
import { finding, get } from './internal';

// ---------------------------------------------------------------------------------------------
// JOBCENTER_SAME_AUTHORITY (seed 001 §6.2)

/** Two (sub)jobcenter numbers belong to the same authority when their first three digits match (22300, 22301). */
export function sameJobcenterAuthority(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string' && /^\d{5}$/.test(a) && /^\d{5}$/.test(b) && a.slice(0, 3) === b.slice(0, 3);
}

// ---------------------------------------------------------------------------------------------
// COMPANY_LOOKUP (seed 001 §7.1)

/** 'unit': CVR + P → that unit; 'company': CVR → all its units; 'all': neither → every company with a profile; 'empty': P alone → no result. */
export type CompanyLookupMode = 'unit' | 'company' | 'all' | 'empty';

export interface CompanyLookupPlan {
  /** 'invalid': do not call DFDG; show the findings. */
  mode: CompanyLookupMode | 'invalid';
  /** The query to send (trimmed); only the parts that apply. */
  query: { cvrNummer?: string; pNummer?: string };
  /** COMPANY_LOOKUP findings: invalid numbers (error), P alone (info), blocked companies not marked (warning). */
  findings: Finding[];
}

const BLOCKED_NOT_MARKED =
  'Spærrede (konfliktramte) virksomheder er ikke markeret i resultatet. Sammenhold med de oplysninger om konfliktramte virksomheder, som jobcentre får.';

/** How a company-account lookup will behave for this CVR/P input, and what to tell the user. */
export function planCompanyLookup(input: { cvr?: string | null; pNumber?: string | null }): CompanyLookupPlan {
  let cvrRaw: unknown;
  let pRaw: unknown;
  try {
    cvrRaw = get(input, 'cvr');
    pRaw = get(input, 'pNumber');
  } catch {
    return { mode: 'invalid', query: {}, findings: [finding('COMPANY_LOOKUP', 'error', 'Søgningen kunne ikke læses. Skriv CVR- og P-nummer igen.')] };
  }
  const cvr = typeof cvrRaw === 'string' ? cvrRaw.replace(/\s+/g, '') : '';
  const p = typeof pRaw === 'string' ? pRaw.replace(/\s+/g, '') : '';
  const findings: Finding[] = [];
  if (cvr !== '' && !isValidCvr(cvr)) findings.push(finding('COMPANY_LOOKUP', 'error', 'CVR-nummeret skal være 8 cifre.', 'cvr'));
  if (p !== '' && !isValidPNumber(p)) findings.push(finding('COMPANY_LOOKUP', 'error', 'P-nummeret skal være 10 cifre.', 'pNumber'));
  if (findings.length > 0) return { mode: 'invalid', query: {}, findings };
  if (cvr === '' && p !== '') {
    findings.push(finding('COMPANY_LOOKUP', 'info', 'En søgning på P-nummer alene giver intet resultat. Angiv også virksomhedens CVR-nummer.', 'cvr'));
    return { mode: 'empty', query: { pNummer: p }, findings };
  }
  findings.push(finding('COMPANY_LOOKUP', 'warning', BLOCKED_NOT_MARKED));
  if (cvr !== '' && p !== '') return { mode: 'unit', query: { cvrNummer: cvr, pNummer: p }, findings };
  if (cvr !== '') return { mode: 'company', query: { cvrNummer: cvr }, findings };
  return { mode: 'all', query: {}, findings };
}

// ---------------------------------------------------------------------------------------------
// ACCESS_AUDIT

export interface AccessAuditInput {
  identity: { organisation: { type: OrgType; code: string }; caseworker: { fullName: string; userIdentifier: string } };
  cpr: string | null;
  /** What was done, e.g. 'citizen.open', 'messages.list'. */
  action: string;
  /** Why: the screen or command, e.g. 'citizen-page', 'search', 'outbox:message.create'. */
  purpose: string;
  source: AuditEntry['source'];
  outcome: AuditEntry['outcome'];
  /** When (the caller's clock; rules never read it). */
  at: IsoDateTime;
}

/**
 * ACCESS_AUDIT: the audit record for one citizen lookup (who, which organisation, which citizen,
 * when, why). Null when the input cannot make a complete record: the caller must then refuse the
 * lookup rather than do it unaudited.
 */
export function accessAuditEntry(input: AccessAuditInput): Omit<AuditEntry, 'id'> | null {
  try {
    const identity = get(input, 'identity');
    const org = get(identity, 'organisation');
    const worker = get(identity, 'caseworker');
    const orgType = get(org, 'type');
    const orgCode = get(org, 'code');
    const fullName = get(worker, 'fullName');
    const userIdentifier = get(worker, 'userIdentifier');
    const action = get(input, 'action');
    const purpose = get(input, 'purpose');
    const source = get(input, 'source');
    const outcome = get(input, 'outcome');
    const at = get(input, 'at');
    const cprRaw = get(input, 'cpr');
    const text = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
    if (orgType !== 'akasse' && orgType !== 'jobcenter') return null;
    if (!text(orgCode) || !text(fullName) || !text(userIdentifier) || !text(action) || !text(purpose) || !text(at)) return null;
    if (source !== 'cache' && source !== 'dfdg' && source !== 'command' && source !== 'local') return null;
    if (outcome !== 'ok' && outcome !== 'denied' && outcome !== 'error') return null;
    const cpr = cprRaw === null ? null : normalizeCpr(cprRaw);
    if (cprRaw !== null && cpr === null) return null;
    return {
      at,
      userIdentifier,
      userName: fullName,
      organisationType: ORGANISATION_TYPE_ID[orgType],
      organisationCode: orgCode,
      cpr,
      action,
      source,
      purpose,
      outcome,
    };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// RETAIN_* (seed 004 and the local cache policy)

export const DEFAULT_CACHE_RETENTION_DAYS: number = RETENTION_DAYS.default;
/** Systematic referral data: deletion deadline 2 years (seed 004). */
export const REFERRAL_RETENTION_YEARS = 2;
/** Digital screening results: visible 6 months, then deleted (seed 004). */
export const SCREENING_RETENTION_MONTHS = 6;

export interface RetentionInput {
  /** 'citizen' (default): a cached citizen; 'referral' / 'screening': one record of that kind. */
  kind?: 'citizen' | 'referral' | 'screening';
  asOf: IsoDate;
  deceased?: boolean;
  /** May the caseworker's organisation still access the citizen (checkAccess gives nothing)? */
  accessible?: boolean;
  lastUsedAt?: IsoDate | IsoDateTime | null;
  /** Default 30; 1..3650, other values fall back to the default. */
  retentionDays?: number;
  /** Unsent drafts or outbox commands for the citizen: never purged silently. */
  hasUnsentDrafts?: boolean;
  /** For 'referral' and 'screening': the record's date. */
  recordDate?: IsoDate | IsoDateTime | null;
}

export interface RetentionDecision {
  /** 'purge-keep-drafts': purge cached DFDG data, keep the unsent drafts and tell the caseworker. */
  action: 'keep' | 'purge' | 'purge-keep-drafts';
  ruleId: 'RETAIN_DECEASED' | 'RETAIN_REFERRAL' | 'RETAIN_SCREENING' | 'RETAIN_CACHE';
  /** Plain Danish, no CPR: for the purge log or an advisory. */
  reason: string;
  /** When it will be purged if nothing changes (keep); null when not known or already due. */
  purgeOn: IsoDate | null;
}

function withDrafts(decision: RetentionDecision, hasDrafts: boolean): RetentionDecision {
  if (decision.action !== 'purge' || !hasDrafts) return decision;
  return {
    ...decision,
    action: 'purge-keep-drafts',
    reason: `${decision.reason} Ikke-sendte kladder bevares, indtil sagsbehandleren har taget stilling til dem.`,
  };
}

function recordDecision(ruleId: 'RETAIN_REFERRAL' | 'RETAIN_SCREENING', asOf: IsoDate, recordDate: unknown): RetentionDecision {
  const date = toCopenhagenDate(recordDate);
  const what = ruleId === 'RETAIN_REFERRAL' ? 'Oplysninger om systematisk henvisningsforløb' : 'Resultater af digital screening';
  const limit = ruleId === 'RETAIN_REFERRAL' ? `${REFERRAL_RETENTION_YEARS} år` : `${SCREENING_RETENTION_MONTHS} måneder`;
  if (date === null) return { action: 'purge', ruleId, reason: `${what} uden gyldig dato slettes (slettefrist ${limit}).`, purgeOn: null };
  const purgeOn = ruleId === 'RETAIN_REFERRAL' ? addYears(date, REFERRAL_RETENTION_YEARS) : addMonths(date, SCREENING_RETENTION_MONTHS);
  if (purgeOn === null || asOf >= purgeOn) return { action: 'purge', ruleId, reason: `${what} slettes ${limit} efter registreringen.`, purgeOn: null };
  return { action: 'keep', ruleId, reason: `${what} gemmes i højst ${limit}.`, purgeOn };
}

/**
 * RETAIN_*: purge or keep, and why. For a cached citizen: deceased → purge (RETAIN_DECEASED); no
 * longer accessible, never used or unused for `retentionDays` → purge (RETAIN_CACHE); else keep until
 * the returned date. Unsent drafts turn a purge into 'purge-keep-drafts'. An unreadable `asOf` keeps
 * everything (a purge job with a broken clock must not delete).
 */
export function retentionDecision(input: RetentionInput): RetentionDecision {
  try {
    const asOf = get(input, 'asOf');
    if (!isValidIsoDate(asOf)) {
      return { action: 'keep', ruleId: 'RETAIN_CACHE', reason: 'Datoen for oprydningen er ugyldig; intet slettes.', purgeOn: null };
    }
    const kind = get(input, 'kind');
    if (kind === 'referral') return recordDecision('RETAIN_REFERRAL', asOf, get(input, 'recordDate'));
    if (kind === 'screening') return recordDecision('RETAIN_SCREENING', asOf, get(input, 'recordDate'));
    const hasDrafts = get(input, 'hasUnsentDrafts') === true;
    if (get(input, 'deceased') === true) {
      return withDrafts(
        { action: 'purge', ruleId: 'RETAIN_DECEASED', reason: 'Borgeren er afgået ved døden; oplysningerne har ikke længere et formål.', purgeOn: null },
        hasDrafts,
      );
    }
    if (get(input, 'accessible') === false) {
      return withDrafts(
        { action: 'purge', ruleId: 'RETAIN_CACHE', reason: 'Jeres organisation har ikke længere adgang til borgeren.', purgeOn: null },
        hasDrafts,
      );
    }
    const daysRaw = get(input, 'retentionDays');
    const days = typeof daysRaw === 'number' && Number.isInteger(daysRaw) && daysRaw >= 1 && daysRaw <= 3650 ? daysRaw : DEFAULT_CACHE_RETENTION_DAYS;
    const lastUsed = toCopenhagenDate(get(input, 'lastUsedAt'));
    if (lastUsed === null) {
      return withDrafts({ action: 'purge', ruleId: 'RETAIN_CACHE', reason: 'Borgeren er ikke slået op i DFDG Desk.', purgeOn: null }, hasDrafts);
    }
    const purgeOn = addDays(lastUsed, days);
    if (purgeOn === null || asOf >= purgeOn) {
      return withDrafts({ action: 'purge', ruleId: 'RETAIN_CACHE', reason: `Borgeren er ikke slået op i ${days} dage.`, purgeOn: null }, hasDrafts);
    }
    return { action: 'keep', ruleId: 'RETAIN_CACHE', reason: `Borgeren er slået op inden for de seneste ${days} dage.`, purgeOn };
  } catch {
    return { action: 'keep', ruleId: 'RETAIN_CACHE', reason: 'Oplysningerne kunne ikke læses; intet slettes.', purgeOn: null };
  }
}

// Re-exported here so every behaviour helper is found in one place.
export { absenceNotifiesBoth } from './consequences';
