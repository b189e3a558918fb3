// Every rule id the rules layer knows, with its severity, what it rests on (basis) and source. Ids
// from ../shared/dfdg/rules.md are stable and used exactly; 'local' ids are DFDG Desk's own additions
// (shared/rules/README.md lists them). The coverage test checks that each id has a test that makes it
// fire and one where it stays silent; the basis test that no assumed rule is an error and that an
// assumed finding says so.

import type { FindingSeverity } from '../domain';
import type { RuleBasis, RuleInfo, RuleKind } from './types';

const S000 = 'seed 000 (STAR epic 999.11, release 2023-4)';
const S001 = 'seed 001 (releasenote DFDG 19-09-2022, release 2022-3)';
const S004 = 'seed 004 (IT-nyhedsbrev 23/2021, release 2021-1, 15-03-2021)';

function rule(
  id: string,
  kind: RuleKind,
  severities: FindingSeverity[],
  origin: RuleInfo['origin'],
  basis: RuleBasis,
  source: string,
  summary: string,
  assumed?: string,
): RuleInfo {
  const info: RuleInfo = { id, kind, severity: kind === 'finding' ? (severities[0] ?? null) : null, severities, origin, basis, source, summary };
  if (assumed !== undefined) info.assumed = assumed;
  return info;
}
type Opt = { assumed?: string };
/** A rule of ../shared/dfdg/rules.md (its id exactly as there). */
const finding = (id: string, severities: FindingSeverity[], basis: RuleBasis, source: string, summary: string, o: Opt = {}) =>
  rule(id, 'finding', severities, 'catalogue', basis, source, summary, o.assumed);
/** DFDG Desk's own id (listed in README.md). */
const local = (id: string, severities: FindingSeverity[], basis: RuleBasis, source: string, summary: string, o: Opt = {}) =>
  rule(id, 'finding', severities, 'local', basis, source, summary, o.assumed);
const behaviour = (id: string, basis: RuleBasis, source: string, summary: string, severities: FindingSeverity[] = []) =>
  rule(id, 'behaviour', severities, 'catalogue', basis, source, summary);

export const ruleCatalogue: readonly RuleInfo[] = [
  // Messages (Dialogmodul)
  finding('MSG_CONTEXT_VALID', ['error'], 'seed', `${S000}, AC 999.11.1 table`, 'Message context type must exist and be valid on asOf.'),
  finding('MSG11_SENDER', ['error'], 'seed', `${S000}, CreateMessage rules`, 'Type 11 may only be created by an a-kasse.'),
  finding('MSG11_CHANNEL', ['error'], 'seed', `${S000}, CreateMessage rules`, 'Type 11 must use channel 4 "Myndighed til myndighed".'),
  finding('MSG11_TARGET_GROUP', ['warning'], 'seed', `${S000}, CreateMessage rules (not validated by DFDG)`, 'Type 11 is meant for contact group 1.'),
  finding('MSG11_CONTENT', ['warning'], 'seed', `${S000}, "Anvendelse af nyt id 11" (the text patterns that find them in the body are our own)`, 'Type 11 should state offer type, duration, and company or course provider.'),
  finding('MSG11_SUPPORT_ONLY', ['warning'], 'seed', `${S000}, "Forslag om understøttende aktiviteter" (the text patterns are our own)`, 'Supporting activities without an offer go as type 1.'),
  finding('MSG2_RETIRED', ['error'], 'seed', `${S000}, AC 999.11.2 (a-kasser stop drafting Min plan 01-01-2024; id 2 stays in the code list)`, 'A-kasser no longer send type 2 from 2024-01-01.'),
  finding('MSG_ATTACHMENT_TYPE', ['error'], 'seed', `${S000}, "Anvendelse af nyt id 11" (PDF or XML)`, 'Attachments must be PDF or XML by content.'),
  finding('MSG_ATTACHMENT_SIZE', ['error'], 'local', 'rules.md (10 MB until DFDG publishes a limit); sandbox-contract.md (Content ≤ 10 MB); DFDG Desk reads and sends at most 10 MB', 'Attachment must be 1 byte to 10 MB.'),
  local('MSG_ATTACHMENT_COUNT', ['error'], 'local', `${S000} ("vedhæfte dokumenter"); sandbox-contract.md (Documents 0..5); DFDG Desk sends at most 5`, 'At most five attachments on any message, type 11 included.'),
  local('MSG_SUBJECT_REQUIRED', ['error'], 'local', `${S000}, "Anvendelse af nyt id 11" (a telling headline); DFDG Desk sends no message without one`, 'Subject must not be empty.'),
  local('MSG_SUBJECT_LENGTH', ['error'], 'local', 'docs/wire-contract.md §2.4 (Subject 1..250); DFDG Desk sends at most 250 characters', 'Subject at most 250 characters.'),
  local('MSG_BODY_REQUIRED', ['error'], 'local', `${S000}, "Anvendelse af nyt id 11" (a body text); DFDG Desk sends no message without one`, 'Body must not be empty.'),
  local('MSG_BODY_LENGTH', ['error'], 'local', 'docs/wire-contract.md §2.4 (Body 1..10000); DFDG Desk sends at most 10 000 characters', 'Body at most 10000 characters.'),
  local('MSG_BODY_HTML', ['warning'], 'assumed', 'interfaces.md §1.6 (DFDG 4933 refuses HTML in a comment text [S54]; for messages ASSUMED, sandbox-contract.md)', 'HTML tags in subject or body are probably refused.'),
  local('MSG_SUBJECT_CPR', ['error'], 'documented', 'peers.md §4 (STAR: no CPR in an unencrypted subject field [S34])', 'No CPR number in the subject.'),
  local('MSG_CHANNEL_VALID', ['error'], 'documented', `${S000} (channel 4); the code list CitizenMessageChannelTypeIdentifier (refreshed from CodeListService; bundled ids 1-3 ASSUMED)`, 'Channel must exist and be valid on asOf.'),
  local('MSG_CONTEXT_SENDER', ['warning'], 'assumed', `${S000} (types 1-11); which organisation sends which type is ASSUMED`, 'Context type normally not sent by this organisation type.'),
  local('MSG_RECEIVER', ['error'], 'documented', 'interfaces.md §2.1 (a message between two authorities [S7][S9]); docs/wire-contract.md §2.4 (ToOrganisation)', 'A message on channel 4 needs a receiver (the other authority).'),
  local('TEMPLATE_PLACEHOLDER', ['error'], 'local', 'DFDG Desk templates (main/core/app/templates.ts): a {{ }} or [ ] placeholder left unfilled', 'No template placeholder ({{ }}, or [ ] around text starting with a small letter) left in the subject or body.'),
  local(
    'MSG_BODY_CPR',
    ['error'],
    'local',
    `DFDG Desk (issue 12): the citizen reads channel-4 text on Jobnet (${S000}, "Anvendelse af nyt id 11"); peers.md §4 (no CPR in message titles [S34])`,
    'No CPR number in the body of a channel-4 message.',
  ),
  local('MSG11_OFFER_BY_AKASSE', ['warning'], 'seed', `${S000}, "Baggrund" (the a-kasse grants 6 weeks of job-oriented training)`, 'Do not recommend an offer the a-kasse grants itself.'),

  // Absence (fravær og fritagelser)
  finding('ABS_TYPE_VALID', ['error'], 'documented', 'interfaces.md §3.2 (FravaerService registers non-sickness absence [S21]), §3.4 (the types); the code list', 'Absence type must exist and be creatable on asOf.'),
  finding('ABS78_CLOSED', ['error', 'warning'], 'seed', `${S001} §2.2`, 'Type 78 cannot be created from 2022-09-19; the scheme ended 2022-03-31.'),
  finding('ABS79_GROUP', ['warning', 'error'], 'seed', `${S001} §2.1`, 'Sorgorlov on contact group 1: no a-dagpenge; jobcentres only from 2022-09-19.'),
  finding('ABS_PERIOD', ['error'], 'documented', 'interfaces.md §1.6 (1003 Duration is negative [S20])', 'Real dates; end not before start.'),
  finding('ABS_DELETE_HISTORIC', ['error', 'warning'], 'seed', `${S004}, "Mulighed for sletning af historisk og aktuel fravær"`, 'Before 2021-03-15 only future absence could be deleted; since then all but some (unnamed) types.', {
    assumed: 'which types are excepted (8 and 79, as the sandbox): a warning',
  }),
  finding('ABS_SELFBOOK_EXEMPT', ['info'], 'seed', `${S001} §2.4`, 'Tell the caseworker the absence lifts the self-booking duty.'),
  finding('ABS11_JOBLOG_KG7', ['info'], 'seed', `${S001} §2.5`, 'Type 11 exempts contact group 7 from joblog.'),
  behaviour('ABS_NOTIFY', 'seed', `${S001} §2.1`, 'Absence changes on an enrolled KG1 citizen notify a-kasse and jobcenter (absenceNotifiesBoth).'),
  local(
    'ABS_TYPE_ALLOWED',
    ['error', 'warning'],
    'seed',
    `the code list's restrictions, each with its source (AbsenceTypeIdentifier registrableBySource, contactGroupRules): 79 by jobcentres, ${S001} §2.1; interfaces.md §3.4 (allowed combinations [S19], not found)`,
    'Absence type not registered by this organisation, or refused on this contact group.',
    { assumed: 'the restrictions the code list marks assumed (6, 7 and 57 by jobcentres; 1 on KG1 without person category, 4591)' },
  ),
  local('ABS2_MIN_DAYS', ['warning'], 'assumed', 'the code list (type 2 contactGroupRules): interfaces.md §3.2 (DFDG 4592 [S22]); contact group 1 ASSUMED (the sandbox\'s)', 'Midlertidigt arbejde under 15 days is refused for contact group 1.'),
  local(
    'ABS_RECTIFICATION_COMMENT',
    ['error'],
    'documented',
    'interfaces.md §3.2 (DeleteFravaer Berigtigelseskommentar 1..1500 [S21]); on an update of a begun absence DFDG Desk asks for one (local; DFDG\'s field is optional, docs/wire-contract.md §3.1)',
    'Delete needs a rectification comment of 1..1500 characters; so does an update of an absence that has begun (its old or new start before today).',
  ),
  local('ABS_COMMENT_LENGTH', ['error'], 'documented', 'interfaces.md §1.3 (absence comment 0..1500 [S20][S21])', 'Absence comment at most 1500 characters.'),

  // Meetings (IndkaldelseService)
  finding('MEET_FORM_RETIRED', ['error'], 'seed', `${S001} §1.1`, 'Meeting forms 4 and 5 (and 6, 7) are retired.'),
  finding('MEET_DIGITAL_LINK', ['error'], 'seed', `${S001} §1.1`, 'Form 8 requires a link to the digital meeting.'),
  finding('MEET_LOCATION_EMPTY', ['error'], 'seed', `${S001} §1.1 "Kendt problem"`, 'Lokationsuddybning absent or non-empty, never "".'),
  local('MEET_FORM_VALID', ['error'], 'documented', `${S001} §1.1; interfaces.md §9.5 (90000 [S51])`, 'Meeting form must exist and have started.'),
  local('MEET_PERIOD', ['error'], 'documented', 'interfaces.md §9.5 (90002, 90004 [S51])', 'Meeting not before today; end not before start.'),
  local('MEET_INTERVIEW_TYPE', ['error'], 'documented', 'interfaces.md §9.5 (90001 [S51])', 'Interview type must exist and be valid on asOf.'),
  local('MEET_DEADLINES', ['error'], 'documented', 'interfaces.md §9.2 (OmbookingMulig, the deadlines), §9.5 (90009, 90010, 90014 [S51])', 'Rebooking deadline given iff rebooking is possible; no cancel deadline without cancelling.'),
  local('MEET_SELFBOOKING', ['info'], 'documented', `interfaces.md §9.3 (self-booking deadlines for 4 and 7 [S35]); ${S001} §2.4 (absence exempting from self-booking)`, 'What the booking means for self-booking.'),

  // Plan (Min plan)
  finding('PLAN_END_REASON_SYSTEM', ['error'], 'seed', `${S001} §3.1`, 'End reasons 14 and 15 come from VITAS; caseworkers do not pick them.'),
  local('PLAN_END_REASON_VALID', ['warning'], 'assumed', `${S001} §3.1 (14, 15); the rest of the list is ASSUMED`, 'End reason not in the code list on asOf.'),
  local('PLAN_PERIOD', ['error'], 'documented', 'interfaces.md §1.6 (1003 [S20])', 'Activity end not before start; real dates.'),

  // Joblog
  finding('JOBLOG_DATE_MIN', ['error', 'warning'], 'seed', `${S001} §4.1`, 'Joblog dates not before 2015-01-01 (validated from 2022-09-19).'),
  local('JOBLOG_DATE_VALID', ['error'], 'seed', `${S001} §4.1 (SubmissionDate and SubmissionDeadlineDate are validated dates)`, 'Joblog dates must be real dates; submission date required.'),

  // Access
  finding('ACCESS_AKASSE', ['error'], 'seed', `${S000}, "Sagsbehandlerlogin på Jobnet"`, 'A-kasse: own member in KG1, or KG8 with registration category 5.'),
  finding('ACCESS_JOBCENTER', ['error'], 'seed', `${S000}, "Sagsbehandlerlogin på Jobnet"`, 'Jobcenter: citizen attached to that jobcenter.'),
  behaviour('ACCESS_AUDIT', 'documented', 'rules.md; peers.md §4 (Datatilsynet 06-06-2024)', 'Every citizen lookup is audited (accessAuditEntry builds the record).'),

  // Job orders and companies
  finding('JOBORDER_MEDIATE_OPEN', ['error'], 'seed', `${S001} §6.1`, 'Mediation only on job orders with status 1 "Åben" (from 2022-09-19).'),
  behaviour('JOBCENTER_SAME_AUTHORITY', 'seed', `${S001} §6.2`, 'Same authority when the first three digits match (sameJobcenterAuthority).'),
  behaviour('COMPANY_LOOKUP', 'seed', `${S001} §7.1; interfaces.md §1.3 (CVR 8, P-number 10 characters [S7][S53])`, 'Company-account query modes and the blocked-company warning (planCompanyLookup).', ['warning', 'info', 'error']),

  // Retention (local cache)
  behaviour('RETAIN_DECEASED', 'seed', `${S004}, "Personer afgang ved døden"`, 'Purge a deceased citizen from the cache (retentionDecision).'),
  // RETAIN_REFERRAL and RETAIN_SCREENING (seed 004) are DFDG's deletion deadlines for data this client
  // never holds: not run, not catalogued (README "Not run here").
  behaviour('RETAIN_CACHE', 'local', 'rules.md (local cache policy)', 'Keep cached citizen data only while accessible and used within N days; a citizen with unsent drafts or commands or open advisories is held, never purged silently.'),

  // Cross-cutting (local)
  local('CITIZEN_DECEASED', ['error'], 'documented', `interfaces.md §1.6 (4405 [S22]); ${S004}`, 'No registration on a deceased citizen.'),
  local('CTX_INVALID', ['error'], 'local', 'shared/rules (local)', 'The rule context lacks a valid asOf date or organisation.'),
  local('INPUT_INVALID', ['error'], 'local', 'shared/rules (local)', 'The command is not an object or a field has the wrong shape.'),
  local('INPUT_UNREADABLE', ['error'], 'local', 'shared/rules (local)', 'Reading the input threw (hostile getter or proxy); reported, never thrown.'),
];

const byId = new Map(ruleCatalogue.map((r) => [r.id, r]));

/** The catalogue entry for an id, or undefined. */
export function ruleInfo(id: string): RuleInfo | undefined {
  return byId.get(id);
}
