// The rules that are behaviour rather than findings (rules.md): the helpers that carry them, used by
// main (store purge job, audit log, company view). Pure; none throws.

import { RETENTION_DAYS } from '../constants';
import { normalizeCpr, isValidCvr, isValidPNumber } from '../cpr';
import { addDays, isValidIsoDate, toCopenhagenDate } from '../dates';
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
//
// RETAIN_REFERRAL (2 years) and RETAIN_SCREENING (6 months) of seed 004 are DFDG's own deletion
// deadlines for systematic referral data and digital screening results. DFDG Desk never fetches or
// keeps either, so they are not run here (README "Not run here").

export const DEFAULT_CACHE_RETENTION_DAYS: number = RETENTION_DAYS.default;

export interface RetentionInput {
  asOf: IsoDate;
  deceased?: boolean;
  /** May the caseworker's organisation still access the citizen (checkAccess gives nothing)? */
  accessible?: boolean;
  lastUsedAt?: IsoDate | IsoDateTime | null;
  /** Default 30; 1..3650, other values fall back to the default. */
  retentionDays?: number;
  /** Unsent drafts or outbox commands for the citizen: never purged silently. */
  hasUnsentDrafts?: boolean;
  /** Open or taken advisories about the citizen (work not done): held like drafts. */
  hasOpenAdvisories?: boolean;
}

export interface RetentionDecision {
  /** 'hold': due for purging, but kept whole until the open work (drafts, commands, advisories) is done; the caseworker is told. */
  action: 'keep' | 'purge' | 'hold';
  ruleId: 'RETAIN_DECEASED' | 'RETAIN_CACHE';
  /** Plain Danish, no CPR: for the purge log or the held list. */
  reason: string;
  /** When it will be purged if nothing changes (keep); null when not known or already due. */
  purgeOn: IsoDate | null;
}

function held(decision: RetentionDecision, openWork: boolean): RetentionDecision {
  if (decision.action !== 'purge' || !openWork) return decision;
  return {
    ...decision,
    action: 'hold',
    reason: `${decision.reason} Oplysningerne bevares, indtil kladder og registreringer er sendt eller slettet og åbne advis'er er afsluttet.`,
  };
}

/**
 * RETAIN_*: purge, keep or hold, and why. For a cached citizen: deceased → purge (RETAIN_DECEASED); no
 * longer accessible, never used or unused for `retentionDays` → purge (RETAIN_CACHE); else keep until
 * the returned date. Open work (unsent drafts or commands, open or taken advisories) turns a purge
 * into 'hold'. An unreadable `asOf` keeps everything (a purge job with a broken clock must not delete).
 */
export function retentionDecision(input: RetentionInput): RetentionDecision {
  try {
    const asOf = get(input, 'asOf');
    if (!isValidIsoDate(asOf)) {
      return { action: 'keep', ruleId: 'RETAIN_CACHE', reason: 'Datoen for oprydningen er ugyldig; intet slettes.', purgeOn: null };
    }
    const openWork = get(input, 'hasUnsentDrafts') === true || get(input, 'hasOpenAdvisories') === true;
    if (get(input, 'deceased') === true) {
      return held(
        { action: 'purge', ruleId: 'RETAIN_DECEASED', reason: 'Borgeren er afgået ved døden; oplysningerne har ikke længere et formål.', purgeOn: null },
        openWork,
      );
    }
    if (get(input, 'accessible') === false) {
      return held({ action: 'purge', ruleId: 'RETAIN_CACHE', reason: 'Jeres organisation har ikke længere adgang til borgeren.', purgeOn: null }, openWork);
    }
    const daysRaw = get(input, 'retentionDays');
    const days = typeof daysRaw === 'number' && Number.isInteger(daysRaw) && daysRaw >= 1 && daysRaw <= 3650 ? daysRaw : DEFAULT_CACHE_RETENTION_DAYS;
    const lastUsed = toCopenhagenDate(get(input, 'lastUsedAt'));
    if (lastUsed === null) {
      return held({ action: 'purge', ruleId: 'RETAIN_CACHE', reason: 'Borgeren er ikke slået op i DFDG Desk.', purgeOn: null }, openWork);
    }
    const purgeOn = addDays(lastUsed, days);
    if (purgeOn === null || asOf >= purgeOn) {
      return held({ action: 'purge', ruleId: 'RETAIN_CACHE', reason: `Borgeren er ikke slået op i ${days} dage.`, purgeOn: null }, openWork);
    }
    return { action: 'keep', ruleId: 'RETAIN_CACHE', reason: `Borgeren er slået op inden for de seneste ${days} dage.`, purgeOn };
  } catch {
    return { action: 'keep', ruleId: 'RETAIN_CACHE', reason: 'Oplysningerne kunne ikke læses; intet slettes.', purgeOn: null };
  }
}

// Re-exported here so every behaviour helper is found in one place.
export { absenceNotifiesBoth } from './consequences';
