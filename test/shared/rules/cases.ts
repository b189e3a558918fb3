// One table of cases per rule id: each case says whether the rule must fire or stay silent. The table
// test (rules.table.test.ts) runs every case; the coverage test (coverage.test.ts) checks that every
// id in ruleCatalogue has at least one firing and one silent case here, and runs them too.
// Boundary dates are tested on the day before, the day of and the day after.

import { addDays } from '../../../shared/dates';
import type { CodeListItem, Finding, FindingSeverity } from '../../../shared/domain';
import {
  absenceNotifiesBoth,
  accessAuditEntry,
  checkAbsence,
  checkAccess,
  checkJobOrderMediation,
  checkJoblogEntry,
  checkMeeting,
  checkMessageDraft,
  checkPlanChange,
  planCompanyLookup,
  retentionDecision,
  sameJobcenterAuthority,
  type AbsenceCommandInput,
  type MessageDraftInput,
  type RuleCitizen,
  type RuleContext,
} from '../../../shared/rules';

export interface RuleCase {
  name: string;
  fires: boolean;
  /** Findings (the rule fires when one has its id) or, for behaviour rules, whether the behaviour applied. */
  run: () => Finding[] | { fired: boolean };
  /** When it fires: the severity and field the finding must have. */
  severity?: FindingSeverity;
  field?: string;
}

// ---------------------------------------------------------------------------------------------
// Fixtures (synthetic CPR numbers only)

export const TODAY = '2026-11-22';
export const AKASSE = { type: 'akasse', code: '067' } as const;
export const JOBCENTER = { type: 'jobcenter', code: '10100' } as const;
export const ORGS = [AKASSE, JOBCENTER] as const;

export const citizen = (over: Partial<RuleCitizen> = {}): RuleCitizen => ({
  cpr: '0101001234',
  contactGroup: 1,
  registrationCategory: 1,
  akasseCode: '067',
  jobcenterCode: '10100',
  deceased: false,
  ...over,
});

/** The ophørsårsager as a refreshed CodeListService list names them (the sandbox's ids, from 2010). */
export const DFDG_END_REASONS = {
  ActivityEndReasonTypeIdentifier: [
    { id: 1, name: 'Borger er kommet i job', validFrom: '2010-01-01', validTo: '2100-07-01' },
    { id: 2, name: 'Borger er syg', validFrom: '2010-01-01', validTo: '2100-07-01' },
    { id: 14, name: 'Bevilling ikke godkendt', validFrom: '2022-09-19', validTo: '2100-07-01' },
    { id: 15, name: 'Aktivitetsperioden afsluttet ordinært', validFrom: '2022-09-19', validTo: '2100-07-01' },
  ],
};
export const ctx = (over: Partial<RuleContext> = {}): RuleContext => ({ asOf: TODAY, org: AKASSE, citizen: citizen(), ...over });

export const draft = (over: Partial<MessageDraftInput> = {}): MessageDraftInput => ({
  contextType: 1,
  channel: 4,
  subject: 'Opfølgning på samtalen',
  body: 'Vi har talt med borgeren om næste skridt.',
  attachments: [],
  ...over,
});

/** A type 11 draft that satisfies every rule. */
export const goodType11 = (over: Partial<MessageDraftInput> = {}): MessageDraftInput =>
  draft({
    contextType: 11,
    channel: 4,
    subject: 'A-kassens indstilling til jobcentret om tilbud',
    body: 'A-kassen indstiller til virksomhedspraktik i 8 uger hos Bageriet Jensen ApS, CVR 12345678.',
    ...over,
  });

export const absence = (over: Partial<AbsenceCommandInput> = {}): AbsenceCommandInput => ({
  action: 'create',
  type: 10,
  start: '2026-12-01',
  end: '2026-12-14',
  ...over,
});

const day = (iso: string, n: number) => addDays(iso, n) as string;

// ---------------------------------------------------------------------------------------------
// Case builders

const fire = (name: string, run: RuleCase['run'], expect: { severity?: FindingSeverity; field?: string } = {}): RuleCase => ({ name, fires: true, run, ...expect });
const silent = (name: string, run: RuleCase['run']): RuleCase => ({ name, fires: false, run });
const behaviourCase = (name: string, fires: boolean, fired: () => boolean): RuleCase => ({ name, fires, run: () => ({ fired: fired() }) });

/**
 * Three cases around a boundary date: the day before, the day of and the day after. `before` and
 * `from` say whether the rule fires before the date and from it (and with which severity).
 */
function boundary(
  label: string,
  date: string,
  run: (asOf: string) => RuleCase['run'] extends () => infer R ? R : never,
  before: false | FindingSeverity | true,
  from: false | FindingSeverity | true,
  field?: string,
): RuleCase[] {
  const make = (name: string, asOf: string, spec: false | FindingSeverity | true): RuleCase =>
    spec === false
      ? silent(`${label}: ${name} (${asOf})`, () => run(asOf))
      : fire(`${label}: ${name} (${asOf})`, () => run(asOf), { severity: spec === true ? undefined : spec, field });
  return [make('day before', day(date, -1), before), make('day of', date, from), make('day after', day(date, 1), from)];
}

const hostile = (base: object, key: string): unknown =>
  Object.defineProperty({ ...base }, key, {
    enumerable: true,
    get() {
      throw new Error('hostile getter');
    },
  });

const MB10 = 10 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// The table

export const ruleCases: Record<string, RuleCase[]> = {
  // Messages ---------------------------------------------------------------------------------
  MSG_CONTEXT_VALID: [
    ...boundary('type 11 starts 01-07-2023', '2023-07-01', (asOf) => checkMessageDraft(goodType11(), ctx({ asOf })), 'error', false, 'contextType'),
    ...boundary('types end 01-07-2100', '2100-07-01', (asOf) => checkMessageDraft(draft(), ctx({ asOf })), false, 'error', 'contextType'),
    ...boundary('type 10 starts 01-03-2019', '2019-03-01', (asOf) => checkMessageDraft(draft({ contextType: 10 }), ctx({ asOf, org: JOBCENTER })), 'error', false),
    fire('unknown id 99', () => checkMessageDraft(draft({ contextType: 99 }), ctx()), { severity: 'error', field: 'contextType' }),
    fire('missing type', () => checkMessageDraft(draft({ contextType: null }), ctx())),
    fire('id as a string', () => checkMessageDraft(draft({ contextType: '1' as never }), ctx())),
    fire('id 1.5', () => checkMessageDraft(draft({ contextType: 1.5 }), ctx())),
    fire('refreshed list ends type 1 on 01-01-2026', () =>
      checkMessageDraft(draft(), ctx({ codeLists: { CitizenMessageContextTypeIdentifier: [{ id: 1, name: 'Almen orientering', validFrom: '2014-11-01', validTo: '2026-01-01' }] } })),
    ),
    silent('type 1 from an a-kasse', () => checkMessageDraft(draft(), ctx())),
    silent('type 1 from a jobcenter', () => checkMessageDraft(draft(), ctx({ org: JOBCENTER }))),
  ],
  MSG11_SENDER: [
    fire('jobcenter sends type 11', () => checkMessageDraft(goodType11(), ctx({ org: JOBCENTER })), { severity: 'error', field: 'contextType' }),
    silent('a-kasse sends type 11', () => checkMessageDraft(goodType11(), ctx())),
    silent('jobcenter answers with type 1', () => checkMessageDraft(draft({ replyTo: 'b2c1' }), ctx({ org: JOBCENTER }))),
  ],
  MSG11_CHANNEL: [
    fire('channel 1', () => checkMessageDraft(goodType11({ channel: 1 }), ctx()), { severity: 'error', field: 'channel' }),
    fire('channel 2', () => checkMessageDraft(goodType11({ channel: 2 }), ctx())),
    fire('channel 3', () => checkMessageDraft(goodType11({ channel: 3 }), ctx())),
    fire('no channel', () => checkMessageDraft(goodType11({ channel: null }), ctx())),
    silent('channel 4', () => checkMessageDraft(goodType11(), ctx())),
    silent('type 1 on channel 1', () => checkMessageDraft(draft({ channel: 1 }), ctx())),
  ],
  MSG11_TARGET_GROUP: [
    silent('contact group 1', () => checkMessageDraft(goodType11(), ctx())),
    fire('contact group 7', () => checkMessageDraft(goodType11(), ctx({ citizen: citizen({ contactGroup: 7 }) })), { severity: 'warning' }),
    fire('contact group 8 (dimittend)', () => checkMessageDraft(goodType11(), ctx({ citizen: citizen({ contactGroup: 8, registrationCategory: 5 }) }))),
    fire('no contact group', () => checkMessageDraft(goodType11(), ctx({ citizen: citizen({ contactGroup: null }) }))),
    silent('contact group unknown', () => checkMessageDraft(goodType11(), ctx({ citizen: citizen({ contactGroup: undefined }) }))),
    silent('no citizen in context', () => checkMessageDraft(goodType11(), ctx({ citizen: undefined }))),
  ],
  MSG11_CONTENT: [
    silent('text with offer, duration and company', () => checkMessageDraft(goodType11(), ctx())),
    // The body is what is sent: the form only says what to look for in it.
    silent('structured company-directed offer, all of it in the body', () =>
      checkMessageDraft(
        goodType11({
          body: 'Tilbud: Virksomhedspraktik\nVarighed: 6 uger\nVirksomhed: Bageriet Jensen, CVR 12345678',
          recommendation: { offerType: 2, durationWeeks: 6, company: { name: 'Bageriet Jensen', cvr: '12345678' }, supportingActivities: [] },
        }),
        ctx(),
      ),
    ),
    silent('structured course offer with provider, in the body', () =>
      checkMessageDraft(
        goodType11({
          body: 'Tilbud: Vejledning og opkvalificering\nVarighed: 4 uger\nKursusudbyder: AMU Nordjylland',
          recommendation: { offerType: 1, durationWeeks: 4, courseProvider: 'AMU Nordjylland', supportingActivities: [] },
        }),
        ctx(),
      ),
    ),
    silent('text course offer with provider', () =>
      checkMessageDraft(goodType11({ body: 'Vi indstiller til et kursus i truckkørsel på 3 uger hos kursusleverandøren AMU Syd.' }), ctx()),
    ),
    fire('the form is filled but the body no longer says it', () =>
      checkMessageDraft(
        goodType11({ body: 'Se indstillingen.', recommendation: { offerType: 2, durationWeeks: 6, company: { name: 'Bageriet Jensen', cvr: '12345678' }, supportingActivities: [] } }),
        ctx(),
      ),
      { severity: 'warning', field: 'body' },
    ),
    fire('no duration in the body (the form has one)', () =>
      checkMessageDraft(goodType11({ body: 'Virksomhedspraktik hos Bageriet Jensen ApS.', recommendation: { offerType: 2, durationWeeks: 6, company: { name: 'Bageriet Jensen' }, supportingActivities: [] } }), ctx()),
      { severity: 'warning', field: 'body' },
    ),
    fire('duration 0 weeks', () =>
      checkMessageDraft(goodType11({ recommendation: { offerType: 2, durationWeeks: 0, company: { name: 'Bageriet Jensen' }, supportingActivities: [] } }), ctx()),
      { field: 'recommendation.durationWeeks' },
    ),
    fire('company-directed offer, no company in the body', () =>
      checkMessageDraft(goodType11({ body: 'Vi indstiller til løntilskud i 8 uger.', recommendation: { offerType: 3, durationWeeks: 8, company: null, supportingActivities: [] } }), ctx()),
      { field: 'body' },
    ),
    fire('course offer, no provider in the body', () =>
      checkMessageDraft(goodType11({ body: 'Vejledning og opkvalificering i 4 uger.', recommendation: { offerType: 1, durationWeeks: 4, supportingActivities: [] } }), ctx()),
      { field: 'body' },
    ),
    // The built-in template's own words do not count: its placeholders state nothing.
    fire('the template with its placeholders left', () =>
      checkMessageDraft(goodType11({ body: 'A-kassen indstiller, at Anna Jensen får tilbud om [tilbudstype] i [varighed] uger.\n\nVirksomhed eller kursusudbyder: [navn, CVR]' }), ctx()),
      { field: 'body' },
    ),
    fire('free text names no offer', () => checkMessageDraft(goodType11({ body: 'Borgeren vil gerne i gang hurtigst muligt, 6 uger.' }), ctx()), { field: 'body' }),
    fire('free text names no duration', () => checkMessageDraft(goodType11({ body: 'Virksomhedspraktik hos Bageriet Jensen ApS.' }), ctx()), { field: 'body' }),
    fire('unknown offer type', () =>
      checkMessageDraft(goodType11({ recommendation: { offerType: 99, durationWeeks: 8, company: { name: 'X' }, supportingActivities: [] } }), ctx()),
      { field: 'recommendation.offerType' },
    ),
    fire('CVR not 8 digits', () =>
      checkMessageDraft(goodType11({ recommendation: { offerType: 2, durationWeeks: 8, company: { name: 'X', cvr: '1234' }, supportingActivities: [] } }), ctx()),
      { field: 'recommendation.company.cvr' },
    ),
  ],
  MSG11_SUPPORT_ONLY: [
    fire('structured: mentor without offer', () =>
      checkMessageDraft(goodType11({ body: 'Se forslaget.', recommendation: { offerType: null, durationWeeks: 8, supportingActivities: ['Mentor 2 timer om ugen'] } }), ctx()),
      { severity: 'warning', field: 'contextType' },
    ),
    fire('free text: aids without offer', () => checkMessageDraft(goodType11({ body: 'Vi foreslår hjælpemidler og en mentor i 8 uger.' }), ctx())),
    silent('structured: mentor with an offer', () =>
      checkMessageDraft(
        goodType11({ recommendation: { offerType: 2, durationWeeks: 8, company: { name: 'Bageriet Jensen' }, supportingActivities: ['Mentor'] } }),
        ctx(),
      ),
    ),
    silent('free text: mentor with virksomhedspraktik', () =>
      checkMessageDraft(goodType11({ body: 'Virksomhedspraktik i 8 uger hos Bageriet Jensen ApS med mentor.' }), ctx()),
    ),
    silent('mentor proposed as type 1', () => checkMessageDraft(draft({ body: 'Vi foreslår en mentor.' }), ctx())),
  ],
  MSG2_RETIRED: [
    ...boundary('a-kasse type 2 ends 01-01-2024', '2024-01-01', (asOf) => checkMessageDraft(draft({ contextType: 2 }), ctx({ asOf })), false, 'error', 'contextType'),
    silent('jobcenter type 2 in 2024 (not an a-kasse rule)', () => checkMessageDraft(draft({ contextType: 2 }), ctx({ asOf: '2024-01-02', org: JOBCENTER }))),
  ],
  MSG_ATTACHMENT_TYPE: [
    silent('a PDF', () => checkMessageDraft(draft({ attachments: [{ fileName: 'plan.pdf', detectedType: 'pdf', size: 1000 }] }), ctx())),
    silent('an XML', () => checkMessageDraft(draft({ attachments: [{ fileName: 'data.xml', detectedType: 'xml', size: 1000 }] }), ctx())),
    silent('a PDF named .txt (content decides)', () => checkMessageDraft(draft({ attachments: [{ fileName: 'plan.txt', detectedType: 'pdf', size: 1000 }] }), ctx())),
    fire('a Word file', () => checkMessageDraft(draft({ attachments: [{ fileName: 'plan.docx', detectedType: 'other', size: 1000 }] }), ctx()), {
      severity: 'error',
      field: 'attachments[0]',
    }),
    fire('named .pdf but not a PDF', () => checkMessageDraft(draft({ attachments: [{ fileName: 'plan.pdf', detectedType: 'other', size: 1000 }] }), ctx())),
    fire('second attachment unreadable', () =>
      checkMessageDraft(draft({ attachments: [{ fileName: 'a.pdf', detectedType: 'pdf', size: 1 }, null as never] }), ctx()),
      { field: 'attachments[1]' },
    ),
    fire('type missing', () => checkMessageDraft(draft({ attachments: [{ fileName: 'a.pdf', size: 1 } as never] }), ctx())),
  ],
  MSG_ATTACHMENT_SIZE: [
    silent('10 MB − 1 byte', () => checkMessageDraft(draft({ attachments: [{ fileName: 'a.pdf', detectedType: 'pdf', size: MB10 - 1 }] }), ctx())),
    silent('exactly 10 MB', () => checkMessageDraft(draft({ attachments: [{ fileName: 'a.pdf', detectedType: 'pdf', size: MB10 }] }), ctx())),
    fire('10 MB + 1 byte', () => checkMessageDraft(draft({ attachments: [{ fileName: 'a.pdf', detectedType: 'pdf', size: MB10 + 1 }] }), ctx()), {
      severity: 'error',
      field: 'attachments[0]',
    }),
    fire('empty file', () => checkMessageDraft(draft({ attachments: [{ fileName: 'a.pdf', detectedType: 'pdf', size: 0 }] }), ctx())),
    fire('negative size', () => checkMessageDraft(draft({ attachments: [{ fileName: 'a.pdf', detectedType: 'pdf', size: -1 }] }), ctx())),
    fire('size NaN', () => checkMessageDraft(draft({ attachments: [{ fileName: 'a.pdf', detectedType: 'pdf', size: NaN }] }), ctx())),
    fire('size as a string', () => checkMessageDraft(draft({ attachments: [{ fileName: 'a.pdf', detectedType: 'pdf', size: '5' as never }] }), ctx())),
  ],
  MSG_ATTACHMENT_COUNT: [
    // Seed 000 lets a message carry documents; the type 11 is no longer capped at one.
    silent('type 11 with one document', () => checkMessageDraft(goodType11({ attachments: [{ fileName: 'a.pdf', detectedType: 'pdf', size: 1 }] }), ctx())),
    silent('type 11 with two documents', () =>
      checkMessageDraft(goodType11({ attachments: [{ fileName: 'a.pdf', detectedType: 'pdf', size: 1 }, { fileName: 'b.xml', detectedType: 'xml', size: 1 }] }), ctx()),
    ),
    silent('type 11 with five', () => checkMessageDraft(goodType11({ attachments: Array.from({ length: 5 }, (_, i) => ({ fileName: `${i}.pdf`, detectedType: 'pdf' as const, size: 1 })) }), ctx())),
    fire('type 11 with six', () => checkMessageDraft(goodType11({ attachments: Array.from({ length: 6 }, (_, i) => ({ fileName: `${i}.pdf`, detectedType: 'pdf' as const, size: 1 })) }), ctx()), {
      severity: 'error',
      field: 'attachments',
    }),
    silent('type 1 with five', () => checkMessageDraft(draft({ attachments: Array.from({ length: 5 }, (_, i) => ({ fileName: `${i}.pdf`, detectedType: 'pdf' as const, size: 1 })) }), ctx())),
    fire('type 1 with six', () => checkMessageDraft(draft({ attachments: Array.from({ length: 6 }, (_, i) => ({ fileName: `${i}.pdf`, detectedType: 'pdf' as const, size: 1 })) }), ctx())),
  ],
  MSG_SUBJECT_REQUIRED: [
    fire('empty', () => checkMessageDraft(draft({ subject: '' }), ctx()), { severity: 'error', field: 'subject' }),
    fire('only spaces', () => checkMessageDraft(draft({ subject: '   ' }), ctx())),
    fire('missing', () => checkMessageDraft(draft({ subject: undefined as never }), ctx())),
    silent('one character', () => checkMessageDraft(draft({ subject: 'x' }), ctx())),
  ],
  MSG_SUBJECT_LENGTH: [
    silent('249 characters', () => checkMessageDraft(draft({ subject: 'a'.repeat(249) }), ctx())),
    silent('250 characters', () => checkMessageDraft(draft({ subject: 'a'.repeat(250) }), ctx())),
    fire('251 characters', () => checkMessageDraft(draft({ subject: 'a'.repeat(251) }), ctx()), { severity: 'error', field: 'subject' }),
  ],
  MSG_BODY_REQUIRED: [
    fire('empty', () => checkMessageDraft(draft({ body: '' }), ctx()), { severity: 'error', field: 'body' }),
    fire('whitespace and newlines', () => checkMessageDraft(draft({ body: ' \n\t ' }), ctx())),
    fire('null', () => checkMessageDraft(draft({ body: null as never }), ctx())),
    silent('one character', () => checkMessageDraft(draft({ body: 'x' }), ctx())),
  ],
  MSG_BODY_LENGTH: [
    silent('9 999 characters', () => checkMessageDraft(draft({ body: 'a'.repeat(9_999) }), ctx())),
    silent('10 000 characters', () => checkMessageDraft(draft({ body: 'a'.repeat(10_000) }), ctx())),
    fire('10 001 characters', () => checkMessageDraft(draft({ body: 'a'.repeat(10_001) }), ctx()), { severity: 'error', field: 'body' }),
  ],
  MSG_BODY_HTML: [
    fire('bold tag (assumed for messages: a warning)', () => checkMessageDraft(draft({ body: 'Hej <b>Mette</b>' }), ctx()), { severity: 'warning', field: 'body' }),
    fire('link with attribute', () => checkMessageDraft(draft({ body: 'Se <a href="https://x.dk">her</a>' }), ctx())),
    fire('self-closing break', () => checkMessageDraft(draft({ body: 'Linje 1<br/>Linje 2' }), ctx())),
    fire('tag in the subject', () => checkMessageDraft(draft({ subject: '<i>Vigtigt</i>' }), ctx()), { severity: 'warning', field: 'subject' }),
    silent('comparison signs', () => checkMessageDraft(draft({ body: 'Hvis a < b og c > d, så ring.' }), ctx())),
    silent('address in angle brackets', () => checkMessageDraft(draft({ body: 'Skriv til <mette@akasse.dk>.' }), ctx())),
  ],
  MSG_SUBJECT_CPR: [
    fire('CPR with dash', () => checkMessageDraft(draft({ subject: 'Borger 010100-1234' }), ctx()), { severity: 'error', field: 'subject' }),
    fire('CPR without dash', () => checkMessageDraft(draft({ subject: 'Vedr. 0101001234' }), ctx())),
    fire('29-02 is a valid DDMM', () => checkMessageDraft(draft({ subject: 'Vedr. 2902001234' }), ctx())),
    silent('31-02 is not a CPR', () => checkMessageDraft(draft({ subject: 'Sag 3102001234' }), ctx())),
    silent('a phone number', () => checkMessageDraft(draft({ subject: 'Ring på 12345678' }), ctx())),
    silent('CPR in the body (not this rule)', () => checkMessageDraft(draft({ body: 'Borger 010100-1234' }), ctx())),
  ],
  MSG_RECEIVER: [
    fire('channel 4 without a receiver', () => checkMessageDraft(draft({ channel: 4, to: null }), ctx()), { severity: 'error', field: 'to' }),
    silent('channel 4 with the jobcenter as receiver', () => checkMessageDraft(draft({ channel: 4, to: { organisationType: 8, organisationCode: '10100' } }), ctx())),
    silent('channel 1 (to the citizen) needs none', () => checkMessageDraft(draft({ channel: 1, to: null }), ctx())),
    silent('receiver not known to the caller', () => checkMessageDraft(draft({ channel: 4 }), ctx())),
  ],
  TEMPLATE_PLACEHOLDER: [
    fire('placeholder left in the body', () => checkMessageDraft(draft({ body: 'Kære {{borger.navn}}' }), ctx()), { severity: 'error', field: 'body' }),
    fire('placeholder left in the subject', () => checkMessageDraft(draft({ subject: 'Til {{ jobcenter.navn }}' }), ctx()), { field: 'subject' }),
    fire('an unknown placeholder', () => checkMessageDraft(draft({ body: 'Se {{x}}' }), ctx())),
    // The built-in template's [ ] placeholders (issue 12 item 3).
    fire('[tilbudstype] left in a type 11', () => checkMessageDraft(goodType11({ body: 'Tilbud om [tilbudstype] i 8 uger hos Bageriet Jensen ApS.' }), ctx()), { severity: 'error', field: 'body' }),
    fire('[navn, CVR] left', () => checkMessageDraft(draft({ body: 'Virksomhed eller kursusudbyder: [navn, CVR]' }), ctx()), { field: 'body' }),
    fire('[tekst] left in the subject', () => checkMessageDraft(draft({ subject: 'Orientering om [tekst]' }), ctx()), { field: 'subject' }),
    silent('single braces', () => checkMessageDraft(draft({ body: 'Sæt {x} og } { i teksten' }), ctx())),
    silent('filled-in text', () => checkMessageDraft(draft({ body: 'Kære Anna Jensen' }), ctx())),
    silent('the caseworker\'s own brackets: a capital, a number', () => checkMessageDraft(draft({ body: 'Se [Bilag 1] og note [2].' }), ctx())),
  ],
  MSG_BODY_CPR: [
    fire('a CPR in the body on channel 4', () => checkMessageDraft(draft({ channel: 4, body: 'Vedr. Anna Jensen (010190-1234).' }), ctx()), { severity: 'error', field: 'body' }),
    fire('a CPR without dash in a type 11', () => checkMessageDraft(goodType11({ body: `${goodType11().body} CPR 0101901234.` }), ctx())),
    silent('a CPR in the body on channel 1 (to the citizen, not this rule)', () => checkMessageDraft(draft({ channel: 1, to: null, body: 'Vedr. 010190-1234.' }), ctx())),
    silent('a phone number on channel 4', () => checkMessageDraft(draft({ channel: 4, body: 'Ring på 12345678 eller 4512345678.' }), ctx())),
  ],
  MSG_CHANNEL_VALID: [
    fire('channel 0', () => checkMessageDraft(draft({ channel: 0 }), ctx()), { severity: 'error', field: 'channel' }),
    fire('channel 5', () => checkMessageDraft(draft({ channel: 5 }), ctx())),
    fire('no channel', () => checkMessageDraft(draft({ channel: null }), ctx())),
    fire('channel as a string', () => checkMessageDraft(draft({ channel: '4' as never }), ctx())),
    silent('channel 1', () => checkMessageDraft(draft({ channel: 1 }), ctx())),
    silent('channel 4', () => checkMessageDraft(draft({ channel: 4 }), ctx())),
  ],
  MSG_CONTEXT_SENDER: [
    fire('a-kasse sends type 10 (a jobcenter decision)', () => checkMessageDraft(draft({ contextType: 10 }), ctx()), { severity: 'warning', field: 'contextType' }),
    silent('jobcenter sends type 10', () => checkMessageDraft(draft({ contextType: 10 }), ctx({ org: JOBCENTER }))),
    fire('a-kasse sends type 5 (employers only)', () => checkMessageDraft(draft({ contextType: 5 }), ctx())),
    fire('jobcenter sends type 2 (the a-kasse draft)', () => checkMessageDraft(draft({ contextType: 2 }), ctx({ org: JOBCENTER, asOf: '2023-06-01' }))),
    silent('a-kasse sends type 1', () => checkMessageDraft(draft(), ctx())),
  ],
  MSG11_OFFER_BY_AKASSE: [
    fire('6 ugers jobrettet uddannelse', () =>
      checkMessageDraft(goodType11({ recommendation: { offerType: 5, durationWeeks: 6, courseProvider: 'AMU', supportingActivities: [] } }), ctx()),
      { severity: 'warning', field: 'recommendation.offerType' },
    ),
    silent('vejledning og opkvalificering', () =>
      checkMessageDraft(goodType11({ recommendation: { offerType: 1, durationWeeks: 6, courseProvider: 'AMU', supportingActivities: [] } }), ctx()),
    ),
  ],

  // Absence ----------------------------------------------------------------------------------
  ABS_TYPE_VALID: [
    fire('no type', () => checkAbsence(absence({ type: null }), ctx()), { severity: 'error', field: 'type' }),
    fire('unknown id 999', () => checkAbsence(absence({ type: 999 }), ctx())),
    fire('id as a string', () => checkAbsence(absence({ type: '10' as never }), ctx())),
    ...boundary('77 creatable from 15-03-2021', '2021-03-15', (asOf) => checkAbsence(absence({ type: 77, start: asOf, end: null }), ctx({ asOf })), 'error', false, 'type'),
    ...boundary('77 valid from 26-01-2021', '2021-01-26', (asOf) => checkAbsence(absence({ type: 77, start: asOf, end: null }), ctx({ asOf })), 'error', 'error'),
    ...boundary('79 valid from 15-03-2021', '2021-03-15', (asOf) => checkAbsence(absence({ type: 79, start: asOf, end: null }), ctx({ asOf, citizen: citizen({ contactGroup: 2 }) })), 'error', false),
    fire('refreshed list ends type 10', () =>
      checkAbsence(absence(), ctx({ codeLists: { AbsenceTypeIdentifier: [{ id: 10, name: 'Ferie', validFrom: '2014-11-01', validTo: '2026-01-01' }] } })),
    ),
    fire('update of an unknown type', () => checkAbsence(absence({ action: 'update', type: 999 }), ctx())),
    fire('sickness (11) goes through IllnessCompositeService, not FravaerService', () => checkAbsence(absence({ type: 11 }), ctx({ org: JOBCENTER })), { severity: 'error', field: 'type' }),
    fire('deleting sickness (11) is not for FravaerService either', () => checkAbsence(absence({ action: 'delete', type: 11, rectificationComment: 'Fejl' }), ctx())),
    silent('update keeps 77 before it became creatable', () => checkAbsence(absence({ action: 'update', type: 77 }), ctx({ asOf: '2021-02-01' }))),
    silent('delete does not check the type', () => checkAbsence(absence({ action: 'delete', type: 999, rectificationComment: 'Fejl' }), ctx())),
    silent('ferie', () => checkAbsence(absence(), ctx())),
    silent('ferie by a jobcenter', () => checkAbsence(absence(), ctx({ org: JOBCENTER }))),
  ],
  ABS78_CLOSED: [
    ...boundary('78 closed from 19-09-2022', '2022-09-19', (asOf) => checkAbsence(absence({ type: 78, start: '2022-03-01', end: '2022-03-31' }), ctx({ asOf })), false, 'error', 'type'),
    ...boundary('78 closed for a jobcenter too', '2022-09-19', (asOf) => checkAbsence(absence({ type: 78, start: '2022-03-01', end: null }), ctx({ asOf, org: JOBCENTER })), false, 'error'),
    fire('start after the scheme ended (31-03-2022)', () => checkAbsence(absence({ type: 78, start: '2022-04-01', end: null }), ctx({ asOf: '2022-09-18' })), { severity: 'warning', field: 'start' }),
    silent('start on the scheme’s last day', () => checkAbsence(absence({ type: 78, start: '2022-03-31', end: null }), ctx({ asOf: '2022-09-18' }))),
    silent('update of an existing 78', () => checkAbsence(absence({ action: 'update', type: 78, start: '2022-03-01' }), ctx())),
    fire('update changing the type to 78', () => checkAbsence(absence({ action: 'update', type: 78, previousType: 71, start: '2022-03-01' }), ctx())),
  ],
  ABS79_GROUP: [
    ...boundary('jobcenter on KG1 from 19-09-2022', '2022-09-19', (asOf) => checkAbsence(absence({ type: 79, start: asOf, end: null }), ctx({ asOf, org: JOBCENTER })), 'error', 'warning', 'type'),
    fire('jobcenter on KG1 now: no a-dagpenge', () => checkAbsence(absence({ type: 79 }), ctx({ org: JOBCENTER })), { severity: 'warning' }),
    // Seed 001 §2.1: the a-kasse does not register sorgorlov (ABS_TYPE_ALLOWED says so, once).
    silent('a-kasse on KG1 now (refused by ABS_TYPE_ALLOWED instead)', () => checkAbsence(absence({ type: 79 }), ctx())),
    silent('jobcenter on KG2', () => checkAbsence(absence({ type: 79 }), ctx({ org: JOBCENTER, citizen: citizen({ contactGroup: 2 }) }))),
    silent('jobcenter on KG2 before 2022-3', () => checkAbsence(absence({ type: 79, start: '2022-09-01' }), ctx({ asOf: '2022-09-01', org: JOBCENTER, citizen: citizen({ contactGroup: 2 }) }))),
    silent('contact group unknown', () => checkAbsence(absence({ type: 79 }), ctx({ org: JOBCENTER, citizen: citizen({ contactGroup: undefined }) }))),
    silent('another type on KG1', () => checkAbsence(absence({ type: 10 }), ctx({ org: JOBCENTER }))),
  ],
  ABS_PERIOD: [
    fire('31-02 as ISO', () => checkAbsence(absence({ start: '2026-02-31' }), ctx()), { severity: 'error', field: 'start' }),
    fire('Danish format is not ISO', () => checkAbsence(absence({ start: '31-12-2026' }), ctx())),
    fire('empty start', () => checkAbsence(absence({ start: '' }), ctx())),
    fire('impossible end', () => checkAbsence(absence({ end: '2026-04-31' }), ctx()), { field: 'end' }),
    fire('end the day before start', () => checkAbsence(absence({ start: '2026-12-10', end: '2026-12-09' }), ctx()), { field: 'end' }),
    silent('end on the start day', () => checkAbsence(absence({ start: '2026-12-10', end: '2026-12-10' }), ctx())),
    silent('end the day after start', () => checkAbsence(absence({ start: '2026-12-10', end: '2026-12-11' }), ctx())),
    silent('open end (null)', () => checkAbsence(absence({ end: null }), ctx())),
    silent('open end (empty string)', () => checkAbsence(absence({ end: '' }), ctx())),
    silent('29-02 in a leap year', () => checkAbsence(absence({ start: '2028-02-29', end: null }), ctx())),
  ],
  ABS_DELETE_HISTORIC: [
    // Which types are excepted is not published (seed 004): 8 and 79 warn, they do not block.
    fire('barsel (8) that started yesterday: a warning (the excepted types are assumed)', () => checkAbsence(absence({ action: 'delete', type: 8, start: day(TODAY, -1), rectificationComment: 'Fejl' }), ctx()), {
      severity: 'warning',
      field: 'type',
    }),
    silent('barsel (8) starting today', () => checkAbsence(absence({ action: 'delete', type: 8, start: TODAY, rectificationComment: 'Fejl' }), ctx())),
    silent('barsel (8) starting tomorrow', () => checkAbsence(absence({ action: 'delete', type: 8, start: day(TODAY, 1), rectificationComment: 'Fejl' }), ctx())),
    fire('sorgorlov (79) historic, jobcenter', () => checkAbsence(absence({ action: 'delete', type: 79, start: '2026-01-01', rectificationComment: 'Fejl' }), ctx({ org: JOBCENTER })), { severity: 'warning' }),
    silent('ferie (10) historic', () => checkAbsence(absence({ action: 'delete', type: 10, start: '2026-01-01', rectificationComment: 'Fejl' }), ctx())),
    silent('explicit today decides', () => checkAbsence(absence({ action: 'delete', type: 8, start: '2026-11-20', today: '2026-11-20', rectificationComment: 'Fejl' }), ctx())),
    ...boundary('historic deletion from release 2021-1', '2021-03-15', (asOf) => checkAbsence(absence({ action: 'delete', type: 10, start: '2021-01-04', rectificationComment: 'Fejl' }), ctx({ asOf })), 'error', false, 'start'),
  ],
  ABS_SELFBOOK_EXEMPT: [
    fire('midlertidigt arbejde (2)', () => checkAbsence(absence({ type: 2, end: null }), ctx()), { severity: 'info', field: 'type' }),
    fire('update to ferie (10)', () => checkAbsence(absence({ action: 'update' }), ctx())),
    silent('uddannelse (1)', () => checkAbsence(absence({ type: 1 }), ctx())),
    ...boundary('23 exempts from 19-09-2022', '2022-09-19', (asOf) => checkAbsence(absence({ type: 23, start: asOf, end: null }), ctx({ asOf })), false, 'info'),
    ...boundary('79 exempts from 19-09-2022 (KG2)', '2022-09-19', (asOf) => checkAbsence(absence({ type: 79, start: asOf, end: null }), ctx({ asOf, citizen: citizen({ contactGroup: 2 }) })), false, 'info'),
    silent('delete of ferie', () => checkAbsence(absence({ action: 'delete', rectificationComment: 'Fejl' }), ctx())),
  ],
  ABS11_JOBLOG_KG7: [
    ...boundary('sickness exempts KG7 from joblog from 19-09-2022', '2022-09-19', (asOf) => checkAbsence(absence({ type: 11, start: asOf, end: null }), ctx({ asOf, org: JOBCENTER, citizen: citizen({ contactGroup: 7 }) })), false, 'info', 'type'),
    silent('sickness on KG1', () => checkAbsence(absence({ type: 11 }), ctx())),
    silent('sickness, contact group unknown', () => checkAbsence(absence({ type: 11 }), ctx({ citizen: citizen({ contactGroup: undefined }) }))),
    silent('ferie on KG7', () => checkAbsence(absence({ type: 10 }), ctx({ org: JOBCENTER, citizen: citizen({ contactGroup: 7 }) }))),
  ],
  ABS_NOTIFY: [
    behaviourCase('enrolled KG1', true, () => absenceNotifiesBoth(citizen({ registered: true }))),
    behaviourCase('KG1 with a registration category', true, () => absenceNotifiesBoth(citizen())),
    behaviourCase('KG1 not enrolled', false, () => absenceNotifiesBoth(citizen({ registered: false }))),
    behaviourCase('KG1 without registration category', false, () => absenceNotifiesBoth(citizen({ registrationCategory: null }))),
    behaviourCase('KG2 enrolled', false, () => absenceNotifiesBoth(citizen({ contactGroup: 2, registered: true }))),
  ],
  ABS_TYPE_ALLOWED: [
    // Seed 001 §2.1: jobcentres register sorgorlov; a-kasser see it. A sourced restriction refuses.
    fire('a-kasse registers sorgorlov (79)', () => checkAbsence(absence({ type: 79 }), ctx()), { severity: 'error', field: 'type' }),
    fire('a-kasse registers sorgorlov (79) on KG8', () => checkAbsence(absence({ type: 79 }), ctx({ citizen: citizen({ contactGroup: 8, registrationCategory: 5 }) })), { severity: 'error' }),
    silent('jobcenter registers sorgorlov (79)', () => checkAbsence(absence({ type: 79 }), ctx({ org: JOBCENTER }))),
    // 6, 7 and 57 as jobcenter decisions: assumed, so a warning that says so.
    fire('a-kasse registers type 6 (assumed: a warning)', () => checkAbsence(absence({ type: 6 }), ctx()), { severity: 'warning', field: 'type' }),
    silent('jobcenter registers type 6', () => checkAbsence(absence({ type: 6 }), ctx({ org: JOBCENTER }))),
    fire('a-kasse corrects a sorgorlov registered by the jobcenter', () => checkAbsence(absence({ action: 'update', type: 79, previousType: 79 }), ctx()), { severity: 'error' }),
    silent('a-kasse corrects a type 6 registered earlier (an assumed restriction judges creation only)', () =>
      checkAbsence(absence({ action: 'update', type: 6, previousType: 6 }), ctx()),
    ),
    // Uddannelse on KG1 without a person category: 4591 is documented, the combination is the sandbox's (assumed).
    fire('uddannelse (1) on KG1 without person category (assumed: a warning)', () => checkAbsence(absence({ type: 1 }), ctx({ citizen: citizen({ personCategory: null }) })), {
      severity: 'warning',
      field: 'type',
    }),
    silent('uddannelse (1) on KG1 with a person category', () => checkAbsence(absence({ type: 1 }), ctx({ citizen: citizen({ personCategory: 1 }) }))),
    silent('uddannelse (1) on KG1, person category not known', () => checkAbsence(absence({ type: 1 }), ctx())),
    silent('uddannelse (1) on KG2 without person category', () => checkAbsence(absence({ type: 1 }), ctx({ org: JOBCENTER, citizen: citizen({ contactGroup: 2, personCategory: null }) }))),
    fire('a documented contact-group rule (refreshed list) refuses type 9 on KG1', () =>
      checkAbsence(absence({ type: 9 }), ctx({ codeLists: { AbsenceTypeIdentifier: [{ id: 9, name: 'Friperiode', validFrom: '2014-11-01', validTo: '2100-07-01', contactGroupRules: [{ refusedOn: [1], basis: 'documented', source: 'test' }] }] } })),
      { severity: 'error' },
    ),
    silent('same rule, citizen in KG2', () =>
      checkAbsence(
        absence({ type: 9 }),
        ctx({ citizen: citizen({ contactGroup: 2 }), codeLists: { AbsenceTypeIdentifier: [{ id: 9, name: 'Friperiode', validFrom: '2014-11-01', validTo: '2100-07-01', contactGroupRules: [{ refusedOn: [1], basis: 'documented', source: 'test' }] }] } }),
      ),
    ),
  ],
  ABS2_MIN_DAYS: [
    fire('14 days on KG1', () => checkAbsence(absence({ type: 2, start: '2026-12-01', end: '2026-12-14' }), ctx()), { severity: 'warning', field: 'end' }),
    silent('15 days on KG1', () => checkAbsence(absence({ type: 2, start: '2026-12-01', end: '2026-12-15' }), ctx())),
    silent('16 days on KG1', () => checkAbsence(absence({ type: 2, start: '2026-12-01', end: '2026-12-16' }), ctx())),
    silent('14 days on KG2', () => checkAbsence(absence({ type: 2, start: '2026-12-01', end: '2026-12-14' }), ctx({ org: JOBCENTER, citizen: citizen({ contactGroup: 2 }) }))),
    silent('open end', () => checkAbsence(absence({ type: 2, end: null }), ctx())),
  ],
  ABS_RECTIFICATION_COMMENT: [
    fire('delete without comment', () => checkAbsence(absence({ action: 'delete' }), ctx()), { severity: 'error', field: 'rectificationComment' }),
    fire('delete with spaces only', () => checkAbsence(absence({ action: 'delete', rectificationComment: '   ' }), ctx())),
    silent('delete with a reason', () => checkAbsence(absence({ action: 'delete', rectificationComment: 'Registreret på forkert borger' }), ctx())),
    silent('delete with 1 500 characters', () => checkAbsence(absence({ action: 'delete', rectificationComment: 'x'.repeat(1500) }), ctx())),
    fire('delete with 1 501 characters', () => checkAbsence(absence({ action: 'delete', rectificationComment: 'x'.repeat(1501) }), ctx())),
    fire('update with 1 501 characters', () => checkAbsence(absence({ action: 'update', rectificationComment: 'x'.repeat(1501) }), ctx())),
    silent('update without comment', () => checkAbsence(absence({ action: 'update' }), ctx())),
    // Correcting an absence that has begun (its start, before or after the correction, before today).
    fire('update of an absence that began yesterday, no comment', () => checkAbsence(absence({ action: 'update', start: day(TODAY, -1), end: null }), ctx()), {
      severity: 'error',
      field: 'rectificationComment',
    }),
    fire('update of a begun absence, spaces only', () => checkAbsence(absence({ action: 'update', start: '2026-11-01', rectificationComment: '   ' }), ctx())),
    fire('update moving a begun absence to a later start', () =>
      checkAbsence(absence({ action: 'update', start: day(TODAY, 7), previousStart: '2026-11-01' }), ctx()),
    ),
    fire('update with an explicit today after the start', () => checkAbsence(absence({ action: 'update', start: '2026-12-01', today: '2026-12-02' }), ctx())),
    ...boundary('update of an absence starting 01-11-2026 needs a comment once it has begun', '2026-11-02', (asOf) =>
      checkAbsence(absence({ action: 'update', start: '2026-11-01', end: null }), ctx({ asOf })), false, 'error', 'rectificationComment'),
    silent('update of an absence starting today', () => checkAbsence(absence({ action: 'update', start: TODAY, previousStart: TODAY }), ctx())),
    silent('update of a begun absence with a comment', () =>
      checkAbsence(absence({ action: 'update', start: '2026-11-01', previousStart: '2026-11-01', rectificationComment: 'Ferien varede to dage længere' }), ctx()),
    ),
    silent('create of an absence that began yesterday', () => checkAbsence(absence({ start: day(TODAY, -1), end: null }), ctx())),
    silent('update: an invalid previous start is not "begun"', () => checkAbsence(absence({ action: 'update', previousStart: '01-11-2026' }), ctx())),
  ],
  ABS_COMMENT_LENGTH: [
    silent('1 500 characters', () => checkAbsence(absence({ comment: 'x'.repeat(1500) }), ctx())),
    fire('1 501 characters', () => checkAbsence(absence({ comment: 'x'.repeat(1501) }), ctx()), { severity: 'error', field: 'comment' }),
  ],

  // Meetings ---------------------------------------------------------------------------------
  MEET_FORM_RETIRED: [
    ...boundary('form 4 retired 19-09-2022', '2022-09-19', (asOf) => checkMeeting({ form: 4 }, ctx({ asOf })), false, 'error', 'form'),
    ...boundary('form 5 retired 19-09-2022', '2022-09-19', (asOf) => checkMeeting({ form: 5 }, ctx({ asOf, org: JOBCENTER })), false, 'error'),
    fire('form 6 today', () => checkMeeting({ form: 6 }, ctx())),
    fire('form 7 today', () => checkMeeting({ form: 7 }, ctx({ org: JOBCENTER }))),
    silent('form 1 today', () => checkMeeting({ form: 1 }, ctx())),
    silent('form 9 today', () => checkMeeting({ form: 9 }, ctx())),
  ],
  MEET_DIGITAL_LINK: [
    fire('form 8 without link', () => checkMeeting({ form: 8 }, ctx()), { severity: 'error', field: 'link' }),
    fire('form 8 with empty link', () => checkMeeting({ form: 8, link: ' ' }, ctx())),
    fire('form 8 with a non-URL', () => checkMeeting({ form: 8, link: 'Teams' }, ctx())),
    silent('form 8 with a link', () => checkMeeting({ form: 8, link: 'https://moede.example.dk/abc-123' }, ctx())),
    silent('form 1 without link', () => checkMeeting({ form: 1 }, ctx())),
  ],
  MEET_LOCATION_EMPTY: [
    fire('empty string', () => checkMeeting({ form: 1, locationDetail: '' }, ctx()), { severity: 'error', field: 'locationDetail' }),
    fire('spaces only', () => checkMeeting({ form: 1, locationDetail: '   ' }, ctx())),
    silent('absent', () => checkMeeting({ form: 1 }, ctx())),
    silent('null', () => checkMeeting({ form: 1, locationDetail: null }, ctx())),
    silent('a description', () => checkMeeting({ form: 1, locationDetail: 'Indgang B, 2. sal' }, ctx())),
  ],
  MEET_FORM_VALID: [
    fire('unknown form 99', () => checkMeeting({ form: 99 }, ctx()), { severity: 'error', field: 'form' }),
    fire('no form', () => checkMeeting({ form: null }, ctx())),
    ...boundary('form 8 starts 19-09-2022', '2022-09-19', (asOf) => checkMeeting({ form: 8, link: 'https://m.example.dk/1' }, ctx({ asOf })), 'error', false),
    silent('form 2', () => checkMeeting({ form: 2 }, ctx())),
  ],
  MEET_PERIOD: [
    fire('starts yesterday', () => checkMeeting({ form: 1, start: day(TODAY, -1) }, ctx()), { severity: 'error', field: 'start' }),
    silent('starts today', () => checkMeeting({ form: 1, start: TODAY }, ctx())),
    silent('starts tomorrow', () => checkMeeting({ form: 1, start: day(TODAY, 1) }, ctx())),
    silent('00:30 Danish time today (23:30Z yesterday)', () => checkMeeting({ form: 1, start: '2026-11-21T23:30:00Z' }, ctx())),
    fire('23:59 Danish time yesterday', () => checkMeeting({ form: 1, start: '2026-11-21T22:59:00Z' }, ctx())),
    fire('ends before it starts', () => checkMeeting({ form: 1, start: '2026-11-23T10:00:00+01:00', end: '2026-11-23T09:30:00+01:00' }, ctx()), { field: 'end' }),
    silent('ends after it starts (offsets differ)', () => checkMeeting({ form: 1, start: '2026-11-23T10:00:00+01:00', end: '2026-11-23T09:30:00Z' }, ctx())),
    fire('unreadable start', () => checkMeeting({ form: 1, start: 'i morgen' }, ctx())),
  ],
  MEET_INTERVIEW_TYPE: [
    fire('unknown type 99', () => checkMeeting({ form: 1, interviewType: 99 }, ctx()), { severity: 'error', field: 'interviewType' }),
    fire('type as a string', () => checkMeeting({ form: 1, interviewType: 'jobsamtale' as never }, ctx())),
    silent('jobsamtale (7)', () => checkMeeting({ form: 1, interviewType: 7 }, ctx())),
    silent('not given', () => checkMeeting({ form: 1 }, ctx())),
  ],
  MEET_DEADLINES: [
    fire('rebooking deadline without rebooking (90009)', () => checkMeeting({ form: 1, rebookingPossible: false, rebookingDeadline: '2026-11-30T12:00' }, ctx()), { severity: 'error', field: 'rebookingDeadline' }),
    fire('rebooking without a deadline (90010)', () => checkMeeting({ form: 1, rebookingPossible: true, rebookingDeadline: null }, ctx()), { severity: 'error', field: 'rebookingDeadline' }),
    fire('cancel deadline without cancelling (90014)', () => checkMeeting({ form: 1, cancelPossible: false, cancelDeadline: '2026-11-30T12:00' }, ctx()), { severity: 'error', field: 'cancelDeadline' }),
    fire('an unreadable deadline', () => checkMeeting({ form: 1, rebookingPossible: true, rebookingDeadline: 'fredag' }, ctx()), { field: 'rebookingDeadline' }),
    silent('rebooking with a deadline', () => checkMeeting({ form: 1, rebookingPossible: true, rebookingDeadline: '2026-11-30T12:00' }, ctx())),
    silent('neither rebooking nor cancelling, no deadlines', () => checkMeeting({ form: 1, rebookingPossible: false, rebookingDeadline: null, cancelPossible: false, cancelDeadline: null }, ctx())),
    silent('cancelling without a deadline', () => checkMeeting({ form: 1, cancelPossible: true, cancelDeadline: null }, ctx())),
  ],
  MEET_SELFBOOKING: [
    fire('jobsamtale (7) has a self-booking deadline', () => checkMeeting({ form: 1, interviewType: 7 }, ctx()), { severity: 'info', field: 'interviewType' }),
    fire('a holiday (10) on the meeting day exempts', () =>
      checkMeeting({ form: 1, interviewType: 12, start: '2026-12-02T10:00', absences: [{ type: 10, start: '2026-12-01', end: '2026-12-05' }] }, ctx()).filter((f) => f.field === 'start'),
      { severity: 'info', field: 'start' },
    ),
    silent('anden samtale (12) without absences', () => checkMeeting({ form: 1, interviewType: 12 }, ctx())),
    silent('the holiday ends before the meeting day', () =>
      checkMeeting({ form: 1, interviewType: 12, start: '2026-12-08T10:00', absences: [{ type: 10, start: '2026-12-01', end: '2026-12-05' }] }, ctx()),
    ),
  ],

  // Plan -------------------------------------------------------------------------------------
  PLAN_END_REASON_SYSTEM: [
    fire('14 by a caseworker', () => checkPlanChange({ endReason: 14 }, ctx({ org: JOBCENTER })), { severity: 'error', field: 'endReason' }),
    fire('15 by a caseworker', () => checkPlanChange({ endReason: 15, registeredBy: 'caseworker' }, ctx({ org: JOBCENTER }))),
    silent('14 from VITAS (system)', () => checkPlanChange({ endReason: 14, registeredBy: 'system' }, ctx({ org: JOBCENTER }))),
    silent('a caseworker reason from DFDG’s code list', () => checkPlanChange({ endReason: 1 }, ctx({ org: JOBCENTER, codeLists: DFDG_END_REASONS }))),
  ],
  PLAN_END_REASON_VALID: [
    fire('unknown reason 99', () => checkPlanChange({ endReason: 99 }, ctx()), { severity: 'warning', field: 'endReason' }),
    fire('reason as text', () => checkPlanChange({ endReason: 'job' as never }, ctx())),
    silent('reason 2 from DFDG’s code list', () => checkPlanChange({ endReason: 2 }, ctx({ codeLists: DFDG_END_REASONS }))),
    // The bundled list invents no caseworker reasons (their ids are not published): without DFDG's list, 2 is unknown.
    fire('reason 2 without DFDG’s code list', () => checkPlanChange({ endReason: 2 }, ctx()), { severity: 'warning' }),
    fire('reason 2 not valid on the end date', () => checkPlanChange({ endReason: 2 }, ctx({ asOf: '2009-12-31', codeLists: DFDG_END_REASONS }))),
    silent('no reason', () => checkPlanChange({}, ctx())),
  ],
  PLAN_PERIOD: [
    fire('end before start', () => checkPlanChange({ start: '2026-12-10', end: '2026-12-09' }, ctx()), { severity: 'error', field: 'end' }),
    fire('impossible start', () => checkPlanChange({ start: '2026-02-30' }, ctx()), { field: 'start' }),
    silent('end on start', () => checkPlanChange({ start: '2026-12-10', end: '2026-12-10' }, ctx())),
  ],

  // Joblog -----------------------------------------------------------------------------------
  JOBLOG_DATE_MIN: [
    fire('31-12-2014', () => checkJoblogEntry({ submissionDate: '2014-12-31' }, ctx()), { severity: 'error', field: 'submissionDate' }),
    silent('01-01-2015', () => checkJoblogEntry({ submissionDate: '2015-01-01' }, ctx())),
    silent('02-01-2015', () => checkJoblogEntry({ submissionDate: '2015-01-02' }, ctx())),
    fire('the year 1020', () => checkJoblogEntry({ submissionDate: '1020-10-31' }, ctx())),
    fire('deadline 31-12-2014', () => checkJoblogEntry({ submissionDate: '2026-11-01', submissionDeadlineDate: '2014-12-31' }, ctx()), { field: 'submissionDeadlineDate' }),
    ...boundary('DFDG validates from 19-09-2022', '2022-09-19', (asOf) => checkJoblogEntry({ submissionDate: '2014-06-01' }, ctx({ asOf, org: JOBCENTER })), 'warning', 'error'),
  ],
  JOBLOG_DATE_VALID: [
    fire('no submission date', () => checkJoblogEntry({ submissionDate: '' }, ctx()), { severity: 'error', field: 'submissionDate' }),
    fire('30-02', () => checkJoblogEntry({ submissionDate: '2026-02-30' }, ctx())),
    fire('unreadable deadline', () => checkJoblogEntry({ submissionDate: '2026-11-01', submissionDeadlineDate: 'snart' }, ctx()), { field: 'submissionDeadlineDate' }),
    silent('no deadline', () => checkJoblogEntry({ submissionDate: '2026-11-01' }, ctx())),
    silent('with deadline', () => checkJoblogEntry({ submissionDate: '2026-11-01', submissionDeadlineDate: '2026-11-15' }, ctx())),
  ],

  // Access -----------------------------------------------------------------------------------
  ACCESS_AKASSE: [
    silent('member in KG1', () => checkAccess(ctx())),
    silent('member in KG1, not enrolled', () => checkAccess(ctx({ citizen: citizen({ registered: false, registrationCategory: null }) }))),
    silent('member in KG8, dimittend (category 5)', () => checkAccess(ctx({ citizen: citizen({ contactGroup: 8, registrationCategory: 5 }) }))),
    fire('member in KG8, category 3', () => checkAccess(ctx({ citizen: citizen({ contactGroup: 8, registrationCategory: 3 }) })), { severity: 'error' }),
    fire('member in KG8, no category', () => checkAccess(ctx({ citizen: citizen({ contactGroup: 8, registrationCategory: null }) }))),
    fire('member in KG7', () => checkAccess(ctx({ citizen: citizen({ contactGroup: 7 }) }))),
    fire('member without contact group', () => checkAccess(ctx({ citizen: citizen({ contactGroup: null }) }))),
    fire('member of another a-kasse', () => checkAccess(ctx({ citizen: citizen({ akasseCode: '084' }) }))),
    fire('not a member of any a-kasse', () => checkAccess(ctx({ citizen: citizen({ akasseCode: null }) }))),
    fire('no citizen facts', () => checkAccess(ctx({ citizen: undefined }))),
    silent('a jobcenter is not judged by the a-kasse rule', () => checkAccess(ctx({ org: JOBCENTER }))),
  ],
  ACCESS_JOBCENTER: [
    silent('citizen attached to the jobcenter', () => checkAccess(ctx({ org: JOBCENTER }))),
    fire('citizen of another jobcenter', () => checkAccess(ctx({ org: JOBCENTER, citizen: citizen({ jobcenterCode: '75100' }) })), { severity: 'error' }),
    fire('sub-jobcenter of the same authority (access is per jobcenter)', () => checkAccess(ctx({ org: JOBCENTER, citizen: citizen({ jobcenterCode: '10101' }) }))),
    fire('no citizen facts', () => checkAccess(ctx({ org: JOBCENTER, citizen: null }))),
    silent('an a-kasse is not judged by the jobcenter rule', () => checkAccess(ctx({ citizen: citizen({ jobcenterCode: '75100' }) }))),
  ],
  ACCESS_AUDIT: [
    behaviourCase('a complete lookup is audited with the CPR', true, () => {
      const entry = accessAuditEntry({
        identity: { organisation: AKASSE, caseworker: { fullName: 'Mette Sørensen', userIdentifier: 'CVR:12345678-UUID:abc' } },
        cpr: '010100-1234',
        action: 'citizen.open',
        purpose: 'citizen-page',
        source: 'dfdg',
        outcome: 'ok',
        at: '2026-11-22T10:15:00Z',
      });
      return entry !== null && entry.cpr === '0101001234' && entry.organisationType === 2 && entry.purpose === 'citizen-page';
    }),
    behaviourCase('no purpose: no record (the lookup must be refused)', false, () =>
      accessAuditEntry({
        identity: { organisation: JOBCENTER, caseworker: { fullName: 'Ole', userIdentifier: 'CVR:1-UUID:2' } },
        cpr: '0101001234',
        action: 'citizen.open',
        purpose: ' ',
        source: 'dfdg',
        outcome: 'ok',
        at: '2026-11-22T10:15:00Z',
      }) !== null,
    ),
  ],

  // Job orders and companies -----------------------------------------------------------------
  JOBORDER_MEDIATE_OPEN: [
    silent('status 1 Åben', () => checkJobOrderMediation({ status: 1 }, ctx({ org: JOBCENTER }))),
    fire('status 2 Midlertidig inaktiv', () => checkJobOrderMediation({ status: 2 }, ctx({ org: JOBCENTER })), { severity: 'error', field: 'status' }),
    fire('status 3 Lukket', () => checkJobOrderMediation({ status: 3 }, ctx({ org: JOBCENTER }))),
    fire('unknown status', () => checkJobOrderMediation({ status: 99 }, ctx({ org: JOBCENTER }))),
    ...boundary('only Åben from 19-09-2022', '2022-09-19', (asOf) => checkJobOrderMediation({ status: 3 }, ctx({ asOf, org: JOBCENTER })), false, 'error'),
  ],
  JOBCENTER_SAME_AUTHORITY: [
    behaviourCase('22300 and 22301', true, () => sameJobcenterAuthority('22300', '22301')),
    behaviourCase('10100 and 10100', true, () => sameJobcenterAuthority('10100', '10100')),
    behaviourCase('22300 and 22400', false, () => sameJobcenterAuthority('22300', '22400')),
    behaviourCase('a 4-digit code', false, () => sameJobcenterAuthority('2230', '22301')),
    behaviourCase('numbers instead of strings', false, () => sameJobcenterAuthority(22300 as never, 22301 as never)),
  ],
  COMPANY_LOOKUP: [
    behaviourCase('CVR + P: that unit, blocked companies not marked', true, () => {
      const plan = planCompanyLookup({ cvr: '12345678', pNumber: '1234567890' });
      return plan.mode === 'unit' && plan.findings.some((f) => f.severity === 'warning');
    }),
    behaviourCase('CVR alone: all units', true, () => planCompanyLookup({ cvr: '12345678' }).mode === 'company'),
    behaviourCase('neither: every company with a profile', true, () => planCompanyLookup({}).mode === 'all'),
    behaviourCase('P alone: empty, DFDG not asked for companies', false, () => {
      const plan = planCompanyLookup({ pNumber: '1234567890' });
      return plan.mode !== 'empty' || plan.findings.some((f) => f.severity === 'warning');
    }),
    behaviourCase('a 7-digit CVR: refused before any call', false, () => planCompanyLookup({ cvr: '1234567' }).mode !== 'invalid'),
  ],

  // Retention --------------------------------------------------------------------------------
  RETAIN_DECEASED: [
    behaviourCase('deceased citizen is purged', true, () => {
      const d = retentionDecision({ asOf: TODAY, deceased: true, lastUsedAt: TODAY, accessible: true });
      return d.action === 'purge' && d.ruleId === 'RETAIN_DECEASED';
    }),
    behaviourCase('deceased with unsent drafts: held until the drafts are dealt with', true, () => {
      const d = retentionDecision({ asOf: TODAY, deceased: true, lastUsedAt: TODAY, hasUnsentDrafts: true });
      return d.action === 'hold' && d.ruleId === 'RETAIN_DECEASED';
    }),
    behaviourCase('living citizen used today', false, () => retentionDecision({ asOf: TODAY, deceased: false, lastUsedAt: TODAY, accessible: true }).ruleId === 'RETAIN_DECEASED'),
  ],
  RETAIN_CACHE: [
    ...(['2026-11-21', '2026-11-22', '2026-11-23'] as const).map((asOf, i) =>
      behaviourCase(`last used 23-10-2026, 30 days, on ${asOf}`, i > 0, () => {
        const d = retentionDecision({ asOf, lastUsedAt: '2026-10-23T15:00:00Z', accessible: true });
        return d.ruleId === 'RETAIN_CACHE' && d.action !== 'keep';
      }),
    ),
    behaviourCase('no longer accessible', true, () => retentionDecision({ asOf: TODAY, lastUsedAt: TODAY, accessible: false }).action === 'purge'),
    behaviourCase('stale but with unsent drafts: never a silent purge', true, () =>
      retentionDecision({ asOf: TODAY, lastUsedAt: '2026-01-01', accessible: true, hasUnsentDrafts: true }).action === 'hold',
    ),
    behaviourCase('stale but with an open advisory: held like drafts', true, () =>
      retentionDecision({ asOf: TODAY, lastUsedAt: '2026-01-01', accessible: true, hasOpenAdvisories: true }).action === 'hold',
    ),
    behaviourCase('configured 60 days keeps it', false, () => retentionDecision({ asOf: TODAY, lastUsedAt: '2026-10-23', accessible: true, retentionDays: 60 }).action !== 'keep'),
    behaviourCase('broken clock purges nothing', false, () => retentionDecision({ asOf: '2026-13-01', lastUsedAt: '2020-01-01', accessible: false }).action !== 'keep'),
  ],

  // Cross-cutting ----------------------------------------------------------------------------
  CITIZEN_DECEASED: [
    fire('message to a deceased citizen', () => checkMessageDraft(draft(), ctx({ citizen: citizen({ deceased: true }) })), { severity: 'error' }),
    fire('absence on a deceased citizen', () => checkAbsence(absence(), ctx({ org: JOBCENTER, citizen: citizen({ deceased: true }) }))),
    fire('meeting with a deceased citizen', () => checkMeeting({ form: 1 }, ctx({ citizen: citizen({ deceased: true }) }))),
    fire('plan change on a deceased citizen', () => checkPlanChange({}, ctx({ citizen: citizen({ deceased: true }) }))),
    fire('joblog on a deceased citizen', () => checkJoblogEntry({ submissionDate: '2026-11-01' }, ctx({ citizen: citizen({ deceased: true }) }))),
    silent('living citizen', () => checkMessageDraft(draft(), ctx())),
    silent('deceased not known', () => checkAbsence(absence(), ctx({ citizen: citizen({ deceased: undefined }) }))),
  ],
  CTX_INVALID: [
    fire('impossible asOf', () => checkMessageDraft(draft(), ctx({ asOf: '2026-02-30' })), { severity: 'error' }),
    fire('asOf in Danish format', () => checkAbsence(absence(), ctx({ asOf: '22-11-2026' }))),
    fire('no organisation', () => checkMeeting({ form: 1 }, { asOf: TODAY } as never)),
    fire('organisation type kommune', () => checkAccess(ctx({ org: { type: 'kommune', code: '101' } as never }))),
    fire('context is null', () => checkJoblogEntry({ submissionDate: '2026-11-01' }, null as never)),
    silent('a valid context', () => checkPlanChange({}, ctx())),
  ],
  INPUT_INVALID: [
    fire('draft is null', () => checkMessageDraft(null as never, ctx()), { severity: 'error' }),
    fire('draft is a string', () => checkMessageDraft('hej' as never, ctx())),
    fire('attachments is not a list', () => checkMessageDraft(draft({ attachments: 'a.pdf' as never }), ctx()), { field: 'attachments' }),
    fire('unknown absence action', () => checkAbsence(absence({ action: 'move' as never }), ctx()), { field: 'action' }),
    fire('meeting is an array', () => checkMeeting([] as never, ctx())),
    silent('a valid draft', () => checkMessageDraft(draft(), ctx())),
  ],
  INPUT_UNREADABLE: [
    fire('a getter that throws', () => checkMessageDraft(hostile(draft(), 'body') as never, ctx()), { severity: 'error' }),
    fire('a revoked proxy as context', () => {
      const p = Proxy.revocable({}, {});
      p.revoke();
      return checkAbsence(absence(), p.proxy as never);
    }),
    silent('plain objects', () => checkAbsence(absence(), ctx())),
  ],
};

/** Every rule id the table covers. */
export const coveredRuleIds = Object.keys(ruleCases);

/** Helper for tests that need a small refreshed list. */
export const refreshedItem = (over: Partial<CodeListItem> & { id: number }): CodeListItem => ({
  name: `Kode ${over.id}`,
  validFrom: '2014-11-01',
  validTo: '2100-07-01',
  ...over,
});
