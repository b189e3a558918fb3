// Every rule id the rules layer knows, with its severity and source. Ids from
// ../shared/dfdg/rules.md are stable and used exactly; 'local' ids are DFDG Desk's own additions
// (shared/rules/README.md lists them). The coverage test checks that each id has a test that makes it
// fire and one where it stays silent.

import type { FindingSeverity } from '../domain';
import type { RuleInfo, RuleKind } from './types';

const S000 = 'seed 000 (STAR epic 999.11, release 2023-4)';
const S001 = 'seed 001 (releasenote DFDG 19-09-2022, release 2022-3)';
const S004 = 'seed 004 (IT-nyhedsbrev 23/2021, release 2021-1, 15-03-2021)';

function rule(
  id: string,
  kind: RuleKind,
  severities: FindingSeverity[],
  origin: RuleInfo['origin'],
  source: string,
  summary: string,
): RuleInfo {
  return { id, kind, severity: kind === 'finding' ? (severities[0] ?? null) : null, severities, origin, source, summary };
}
const finding = (id: string, severities: FindingSeverity[], source: string, summary: string, origin: RuleInfo['origin'] = 'catalogue') =>
  rule(id, 'finding', severities, origin, source, summary);
const local = (id: string, severities: FindingSeverity[], source: string, summary: string) => rule(id, 'finding', severities, 'local', source, summary);
const behaviour = (id: string, source: string, summary: string, severities: FindingSeverity[] = []) =>
  rule(id, 'behaviour', severities, 'catalogue', source, summary);

export const ruleCatalogue: readonly RuleInfo[] = [
  // Messages (Dialogmodul)
  finding('MSG_CONTEXT_VALID', ['error'], `${S000}, AC 999.11.1 table`, 'Message context type must exist and be valid on asOf.'),
  finding('MSG11_SENDER', ['error'], `${S000}, CreateMessage rules`, 'Type 11 may only be created by an a-kasse.'),
  finding('MSG11_CHANNEL', ['error'], `${S000}, CreateMessage rules`, 'Type 11 must use channel 4 "Myndighed til myndighed".'),
  finding('MSG11_TARGET_GROUP', ['warning'], `${S000}, CreateMessage rules (not validated by DFDG)`, 'Type 11 is meant for contact group 1.'),
  finding('MSG11_CONTENT', ['warning'], `${S000}, "Anvendelse af nyt id 11"`, 'Type 11 should state offer type, duration, and company or course provider.'),
  finding('MSG11_SUPPORT_ONLY', ['warning'], `${S000}, "Forslag om understøttende aktiviteter"`, 'Supporting activities without an offer go as type 1.'),
  finding('MSG2_RETIRED', ['error'], `${S000}, AC 999.11.2 (01-01-2024)`, 'A-kasser no longer send type 2 from 2024-01-01.'),
  finding('MSG_ATTACHMENT_TYPE', ['error'], `${S000}, "Anvendelse af nyt id 11" (PDF or XML)`, 'Attachments must be PDF or XML by content.'),
  finding('MSG_ATTACHMENT_SIZE', ['error'], 'rules.md (10 MB until DFDG publishes a limit); docs/wire-contract.md §2.4', 'Attachment must be 1 byte to 10 MB.'),
  local('MSG_ATTACHMENT_COUNT', ['error'], `${S000} (one document on type 11); docs/wire-contract.md §2.4 (at most 5, ASSUMED)`, 'At most one attachment on type 11, five on others.'),
  local('MSG_SUBJECT_REQUIRED', ['error'], 'docs/wire-contract.md §2.4 (Subject 1..250, ASSUMED)', 'Subject must not be empty.'),
  local('MSG_SUBJECT_LENGTH', ['error'], 'docs/wire-contract.md §2.4 (Subject 1..250, ASSUMED)', 'Subject at most 250 characters.'),
  local('MSG_BODY_REQUIRED', ['error'], 'docs/wire-contract.md §2.4 (Body 1..10000, ASSUMED)', 'Body must not be empty.'),
  local('MSG_BODY_LENGTH', ['error'], 'docs/wire-contract.md §2.4 (Body 1..10000, ASSUMED)', 'Body at most 10000 characters.'),
  local('MSG_BODY_HTML', ['error'], 'interfaces.md §1.6 (DFDG 4933: no HTML tags); docs/wire-contract.md §2.4', 'No HTML tags in subject or body.'),
  local('MSG_SUBJECT_CPR', ['error'], 'peers.md §4 (STAR: no CPR in an unencrypted subject field)', 'No CPR number in the subject.'),
  local('MSG_CHANNEL_VALID', ['error'], `${S000} (channel 4); docs/wire-contract.md §2.4 (ids 1-3 ASSUMED)`, 'Channel must exist and be valid on asOf.'),
  local('MSG_CONTEXT_SENDER', ['warning'], `${S000} (types 1-11); which organisation sends which type is ASSUMED`, 'Context type normally not sent by this organisation type.'),
  local('MSG_RECEIVER', ['error'], 'docs/wire-contract.md §2.4 (ToOrganisation required on channel 4)', 'A message on channel 4 needs a receiver (the other authority).'),
  local('TEMPLATE_PLACEHOLDER', ['error'], 'DFDG Desk templates (local): a {{ }} placeholder left unfilled', 'No template placeholder {{ }} left in the subject or body.'),
  local('MSG11_OFFER_BY_AKASSE', ['warning'], `${S000}, "Baggrund" (the a-kasse grants 6 weeks of job-oriented training)`, 'Do not recommend an offer the a-kasse grants itself.'),

  // Absence (fravær og fritagelser)
  finding('ABS_TYPE_VALID', ['error'], 'rules.md; interfaces.md §3.4', 'Absence type must exist and be creatable on asOf.'),
  finding('ABS78_CLOSED', ['error', 'warning'], `${S001} §2.2`, 'Type 78 cannot be created from 2022-09-19; the scheme ended 2022-03-31.'),
  finding('ABS79_GROUP', ['warning', 'error'], `${S001} §2.1`, 'Sorgorlov on contact group 1: no a-dagpenge; jobcentres only from 2022-09-19.'),
  finding('ABS_PERIOD', ['error'], 'rules.md; interfaces.md §1.6 (1003)', 'Real dates; end not before start.'),
  finding('ABS_DELETE_HISTORIC', ['error'], S004, 'Started absence of excepted types cannot be deleted; before 2021-03-15 none could.'),
  finding('ABS_SELFBOOK_EXEMPT', ['info'], `${S001} §2.4`, 'Tell the caseworker the absence lifts the self-booking duty.'),
  finding('ABS11_JOBLOG_KG7', ['info'], `${S001} §2.5`, 'Type 11 exempts contact group 7 from joblog.'),
  behaviour('ABS_NOTIFY', `${S001} §2.1`, 'Absence changes on an enrolled KG1 citizen notify a-kasse and jobcenter (absenceNotifiesBoth).'),
  local('ABS_TYPE_ALLOWED', ['warning'], 'interfaces.md §3.4 (allowed combinations [S19]); registrableBy ASSUMED', 'Absence type normally not registered by this organisation or on this contact group.'),
  local('ABS2_MIN_DAYS', ['warning'], 'interfaces.md §3.2 (DFDG 4592); contact group 1 ASSUMED', 'Midlertidigt arbejde under 15 days is refused for contact group 1.'),
  local('ABS_RECTIFICATION_COMMENT', ['error'], 'interfaces.md §3.2 (DeleteFravaer Berigtigelseskommentar 1..1500); docs/wire-contract.md §3.1 (UpdateFravaer berigtigelseskommentar 0..1500, ASSUMED)', 'Delete needs a rectification comment of 1..1500 characters; so does an update of an absence that has begun (its old or new start before today).'),
  local('ABS_COMMENT_LENGTH', ['error'], 'interfaces.md §1.3 (absence comment 0..1500)', 'Absence comment at most 1500 characters.'),

  // Meetings (IndkaldelseService)
  finding('MEET_FORM_RETIRED', ['error'], `${S001} §1.1`, 'Meeting forms 4 and 5 (and 6, 7) are retired.'),
  finding('MEET_DIGITAL_LINK', ['error'], `${S001} §1.1`, 'Form 8 requires a link to the digital meeting.'),
  finding('MEET_LOCATION_EMPTY', ['error'], `${S001} §1.1 "Kendt problem"`, 'Lokationsuddybning absent or non-empty, never "".'),
  local('MEET_FORM_VALID', ['error'], `${S001} §1.1; interfaces.md §9.5 (90000)`, 'Meeting form must exist and have started.'),
  local('MEET_PERIOD', ['error'], 'interfaces.md §9.5 (90002, 90004)', 'Meeting not before today; end not before start.'),
  local('MEET_INTERVIEW_TYPE', ['error'], 'interfaces.md §9.5 (90001)', 'Interview type must exist and be valid on asOf.'),

  // Plan (Min plan)
  finding('PLAN_END_REASON_SYSTEM', ['error'], `${S001} §3.1`, 'End reasons 14 and 15 come from VITAS; caseworkers do not pick them.'),
  local('PLAN_END_REASON_VALID', ['warning'], `${S001} §3.1; the rest of the list is ASSUMED`, 'End reason not in the code list on asOf.'),
  local('PLAN_PERIOD', ['error'], 'interfaces.md §1.6 (1003)', 'Activity end not before start; real dates.'),

  // Joblog
  finding('JOBLOG_DATE_MIN', ['error', 'warning'], `${S001} §4.1`, 'Joblog dates not before 2015-01-01 (validated from 2022-09-19).'),
  local('JOBLOG_DATE_VALID', ['error'], `${S001} §4.1`, 'Joblog dates must be real dates; submission date required.'),

  // Access
  finding('ACCESS_AKASSE', ['error'], `${S000}, "Sagsbehandlerlogin på Jobnet"`, 'A-kasse: own member in KG1, or KG8 with registration category 5.'),
  finding('ACCESS_JOBCENTER', ['error'], `${S000}, "Sagsbehandlerlogin på Jobnet"`, 'Jobcenter: citizen attached to that jobcenter.'),
  behaviour('ACCESS_AUDIT', 'rules.md; peers.md §4 (Datatilsynet 06-06-2024)', 'Every citizen lookup is audited (accessAuditEntry builds the record).'),

  // Job orders and companies
  finding('JOBORDER_MEDIATE_OPEN', ['error'], `${S001} §6.1`, 'Mediation only on job orders with status 1 "Åben" (from 2022-09-19).'),
  behaviour('JOBCENTER_SAME_AUTHORITY', `${S001} §6.2`, 'Same authority when the first three digits match (sameJobcenterAuthority).'),
  behaviour('COMPANY_LOOKUP', `${S001} §7.1`, 'Company-account query modes and the blocked-company warning (planCompanyLookup).', ['warning', 'info', 'error']),

  // Retention (local cache)
  behaviour('RETAIN_DECEASED', `${S004}, "Personer afgang ved døden"`, 'Purge a deceased citizen from the cache (retentionDecision).'),
  // RETAIN_REFERRAL and RETAIN_SCREENING (seed 004) are DFDG's deletion deadlines for data this client
  // never holds: not run, not catalogued (README "Not run here").
  behaviour('RETAIN_CACHE', 'rules.md (local cache policy)', 'Keep cached citizen data only while accessible and used within N days; a citizen with unsent drafts or commands or open advisories is held, never purged silently.'),

  // Cross-cutting (local)
  local('CITIZEN_DECEASED', ['error'], `interfaces.md §1.6 (4405); ${S004}`, 'No registration on a deceased citizen.'),
  local('CTX_INVALID', ['error'], 'shared/rules (local)', 'The rule context lacks a valid asOf date or organisation.'),
  local('INPUT_INVALID', ['error'], 'shared/rules (local)', 'The command is not an object or a field has the wrong shape.'),
  local('INPUT_UNREADABLE', ['error'], 'shared/rules (local)', 'Reading the input threw (hostile getter or proxy); reported, never thrown.'),
];

const byId = new Map(ruleCatalogue.map((r) => [r.id, r]));

/** The catalogue entry for an id, or undefined. */
export function ruleInfo(id: string): RuleInfo | undefined {
  return byId.get(id);
}
