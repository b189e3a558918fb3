// Rules for a message draft (Dialogmodul, CitizenMessageService): context type and channel on the
// send date, type 11 "Indstilling om tilbud" (seed 000), type 2 after 01-01-2024, subject/body limits,
// HTML and CPR in the subject, attachments, the receiver on channel 4 and template placeholders left
// unfilled. Exactly what main refuses before a message is queued, so the renderer's Send is disabled
// for the same reasons.

import { findCode } from '../codelists';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, MAX_BODY_CHARS, MAX_SUBJECT_CHARS } from '../constants';
import { containsCpr, isValidCvr } from '../cpr';
import type { Finding, MessageDraft, OrgType } from '../domain';
import { AKASSE_PLAN_DRAFT_END } from '../codelists/data/releases';
import type { MessageDraftInput, RuleContext } from './types';
import { type Ctx, deceasedFinding, dk, finding, flagBool, flagDate, flagOrgs, get, guard, isBlank, isRecord, label, readContext, readInt, show } from './internal';


// Free text is scanned only this far (a body over 10 000 characters is an error anyway), so a huge
// paste cannot make a keystroke slow.
const SCAN_LIMIT = 20_000;

const HTML_TAG_RE = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/;

// ASSUMED: the text heuristics for MSG11_CONTENT / MSG11_SUPPORT_ONLY. Seed 000 says what the free
// text should contain, not how to recognise it; these patterns only decide whether to show a warning.
const COMPANY_OFFER_RE = /virksomhedspraktik|løntilskud|praktikforløb/i;
// A label such as "kursusudbyder:" names no offer and no provider: a provider needs a name after it.
const COURSE_OFFER_RE = /opkvalificering|\bkursus(?!udbyder|leverandør|sted)|\bkurser\b|vejledningsforløb|uddannelsesforløb/i;
const DURATION_RE = /\d+\s*(?:uge|måned|dag)|(?<![a-zæøå])(?:en|et|to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|tolv)\s+(?:uge|måned|dag)/i;
const COMPANY_EVIDENCE_RE = /\bcvr\b|\bp-?n(?:umme)?r\b|(?<!\d)\d{8}(?!\d)|\b(?:a\/s|aps|i\/s|ivs|k\/s|p\/s)(?![a-z])|(?:virksomhed(?:en)?|arbejdsgiver(?:en)?)\s*[:»"]|\bhos\s+[A-ZÆØÅ]/i;
const COURSE_PROVIDER_RE = /(?:kursusleverandør|udbyder|uddannelsessted|kursussted)(?:en|et)?[ \t]*[:»"]?[ \t]*[A-ZÆØÅ0-9]|erhvervsskole|\bAMU\b|\bVUC\b|akademi|skole(?:n)?[ \t]*[:»"][ \t]*[A-ZÆØÅ0-9]|\bhos\s+[A-ZÆØÅ]/;
const SUPPORT_RE = /mentor|hjælpemid|personlig assistan/i;

const orgPhrase = (t: OrgType) => (t === 'akasse' ? 'a-kasser' : 'jobcentre');

function formatInt(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

function formatMb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
}

function checkContextType(contextType: number | null, raw: unknown, ctx: Ctx, out: Finding[]): void {
  if (contextType === null) {
    out.push(finding('MSG_CONTEXT_VALID', 'error', raw === undefined || raw === null ? 'Vælg en beskedtype.' : `Beskedtypen »${show(raw)}« findes ikke. Vælg en beskedtype fra listen.`, 'contextType'));
    return;
  }
  const item = findCode('CitizenMessageContextTypeIdentifier', contextType, ctx.codeLists);
  if (!item) {
    out.push(finding('MSG_CONTEXT_VALID', 'error', `Beskedtypen ${contextType} findes ikke. Vælg en beskedtype fra listen.`, 'contextType'));
    return;
  }
  const name = label('CitizenMessageContextTypeIdentifier', contextType, ctx.codeLists);
  if (ctx.asOf < item.validFrom) {
    out.push(finding('MSG_CONTEXT_VALID', 'error', `Beskedtypen ${name} kan først bruges fra ${dk(item.validFrom)}. Vælg en anden beskedtype.`, 'contextType'));
  } else if (ctx.asOf >= item.validTo) {
    out.push(finding('MSG_CONTEXT_VALID', 'error', `Beskedtypen ${name} er udgået pr. ${dk(item.validTo)}. Vælg en anden beskedtype.`, 'contextType'));
  }
  // Type 2 for an a-kasse from 01-01-2024 (MSG2_RETIRED) and type 11 (MSG11_SENDER) have their own rules.
  const akasseUntil = flagDate(item, 'akasseUntil') ?? (contextType === 2 ? AKASSE_PLAN_DRAFT_END : null);
  if (contextType === 2 && ctx.org.type === 'akasse' && akasseUntil !== null && ctx.asOf >= akasseUntil) {
    out.push(
      finding(
        'MSG2_RETIRED',
        'error',
        `A-kasser udarbejder ikke længere udkast til Min plan (ophørt ${dk(akasseUntil)}, STAR). Beskedtype ${name} findes stadig i DFDG's kodeliste, men bruges ikke af a-kasser; brug fx beskedtype 1 »Almen orientering«.`,
        'contextType',
      ),
    );
    return;
  }
  if (contextType === 11) return;
  const sentBy = flagOrgs(item, 'sentBy');
  if (sentBy !== null && !sentBy.includes(ctx.org.type)) {
    const message =
      sentBy.length === 0
        ? `Beskedtypen ${name} sendes af STAR, arbejdsgivere eller systemer, ikke af a-kasser og jobcentre. Vælg en anden beskedtype.`
        : `Beskedtypen ${name} sendes normalt ikke af ${orgPhrase(ctx.org.type)}. Tjek at det er den rigtige beskedtype.`;
    out.push(finding('MSG_CONTEXT_SENDER', 'warning', message, 'contextType'));
  }
}

function checkChannel(channel: number | null, raw: unknown, ctx: Ctx, out: Finding[]): void {
  if (channel === null) {
    out.push(finding('MSG_CHANNEL_VALID', 'error', raw === undefined || raw === null ? 'Vælg en kanal.' : `Kanalen »${show(raw)}« findes ikke. Vælg en kanal fra listen.`, 'channel'));
    return;
  }
  const item = findCode('CitizenMessageChannelTypeIdentifier', channel, ctx.codeLists);
  if (!item) {
    out.push(finding('MSG_CHANNEL_VALID', 'error', `Kanalen ${channel} findes ikke. Vælg en kanal fra listen.`, 'channel'));
    return;
  }
  const name = label('CitizenMessageChannelTypeIdentifier', channel, ctx.codeLists);
  if (ctx.asOf < item.validFrom) {
    out.push(finding('MSG_CHANNEL_VALID', 'error', `Kanalen ${name} kan først bruges fra ${dk(item.validFrom)}.`, 'channel'));
  } else if (ctx.asOf >= item.validTo) {
    out.push(finding('MSG_CHANNEL_VALID', 'error', `Kanalen ${name} er udgået pr. ${dk(item.validTo)}. Vælg en anden kanal.`, 'channel'));
  }
}

function checkText(subjectRaw: unknown, bodyRaw: unknown, contextType: number | null, out: Finding[]): void {
  const subject = typeof subjectRaw === 'string' ? subjectRaw : '';
  const body = typeof bodyRaw === 'string' ? bodyRaw : '';
  if (subject.trim() === '') {
    const hint = contextType === 11 ? ' Forslag: »A-kassens indstilling til jobcentret om tilbud«.' : '';
    out.push(finding('MSG_SUBJECT_REQUIRED', 'error', `Skriv en overskrift til beskeden.${hint}`, 'subject'));
  } else if (subject.length > MAX_SUBJECT_CHARS) {
    out.push(finding('MSG_SUBJECT_LENGTH', 'error', `Overskriften er på ${formatInt(subject.length)} tegn. DFDG Desk sender overskrifter på højst ${MAX_SUBJECT_CHARS} tegn.`, 'subject'));
  }
  const subjectScan = subject.slice(0, 1_000);
  if (containsCpr(subjectScan)) {
    out.push(finding('MSG_SUBJECT_CPR', 'error', 'Fjern CPR-nummeret fra overskriften. Overskrifter vises i lister og notifikationer og må ikke indeholde CPR-numre.', 'subject'));
  }
  const subjectTag = HTML_TAG_RE.exec(subjectScan);
  if (subjectTag) {
    out.push(
      finding(
        'MSG_BODY_HTML',
        'warning',
        `Overskriften indeholder HTML-koden »${show(subjectTag[0], 20)}«. DFDG afviser HTML i kommentarfelter (fejl 4933) og afviser formentlig også HTML i beskeder; skriv almindelig tekst.`,
        'subject',
      ),
    );
  }
  if (body.trim() === '') {
    out.push(finding('MSG_BODY_REQUIRED', 'error', 'Skriv selve beskeden.', 'body'));
  } else if (body.length > MAX_BODY_CHARS) {
    out.push(
      finding(
        'MSG_BODY_LENGTH',
        'error',
        `Beskeden er på ${formatInt(body.length)} tegn. DFDG Desk sender beskeder på højst ${formatInt(MAX_BODY_CHARS)} tegn; læg en lang tekst i et PDF-bilag.`,
        'body',
      ),
    );
  }
  const bodyTag = HTML_TAG_RE.exec(body.slice(0, SCAN_LIMIT));
  if (bodyTag) {
    out.push(
      finding(
        'MSG_BODY_HTML',
        'warning',
        `Beskeden indeholder HTML-koden »${show(bodyTag[0], 20)}«. DFDG afviser HTML i kommentarfelter (fejl 4933) og afviser formentlig også HTML i beskeder; skriv almindelig tekst.`,
        'body',
      ),
    );
  }
}

function checkAttachments(raw: unknown, out: Finding[]): void {
  if (raw === undefined || raw === null) return;
  if (!Array.isArray(raw)) {
    out.push(finding('INPUT_INVALID', 'error', 'Bilagene kunne ikke læses. Fjern dem og vedhæft filerne igen.', 'attachments'));
    return;
  }
  const count = raw.length;
  // Type 11 may carry documents like any other message (seed 000: "vedhæfte dokumenter").
  if (count > MAX_ATTACHMENTS) {
    out.push(
      finding(
        'MSG_ATTACHMENT_COUNT',
        'error',
        `DFDG Desk sender højst ${MAX_ATTACHMENTS} bilag pr. besked. Fjern ${count - MAX_ATTACHMENTS} af de ${count} bilag, eller saml dem i én PDF.`,
        'attachments',
      ),
    );
  }
  // Every attachment is checked, but a pathological list is not walked past what could ever be sent.
  const limit = Math.min(count, 50);
  for (let i = 0; i < limit; i++) {
    const a: unknown = raw[i];
    const field = `attachments[${i}]`;
    if (!isRecord(a)) {
      out.push(finding('MSG_ATTACHMENT_TYPE', 'error', `Bilag nr. ${i + 1} kan ikke læses. Fjern det og vedhæft filen igen.`, field));
      continue;
    }
    const fileName = get(a, 'fileName');
    const name = isBlank(fileName) ? `nr. ${i + 1}` : `»${show(fileName, 60)}«`;
    const type = get(a, 'detectedType');
    if (type !== 'pdf' && type !== 'xml') {
      out.push(
        finding(
          'MSG_ATTACHMENT_TYPE',
          'error',
          `Bilaget ${name} er hverken en PDF- eller en XML-fil (indholdet er kontrolleret, ikke filnavnet). Gem det som PDF og vedhæft det igen.`,
          field,
        ),
      );
    }
    const size = get(a, 'size');
    if (typeof size !== 'number' || !Number.isFinite(size) || size < 0) {
      out.push(finding('MSG_ATTACHMENT_SIZE', 'error', `Størrelsen på bilaget ${name} er ukendt. Fjern det og vedhæft filen igen.`, field));
    } else if (size === 0) {
      out.push(finding('MSG_ATTACHMENT_SIZE', 'error', `Bilaget ${name} er tomt. Vedhæft den rigtige fil.`, field));
    } else if (size > MAX_ATTACHMENT_BYTES) {
      out.push(finding('MSG_ATTACHMENT_SIZE', 'error', `Bilaget ${name} fylder ${formatMb(size)}. DFDG Desk sender bilag på højst 10 MB; del det op eller gør det mindre.`, field));
    }
  }
}

/** The text with every template placeholder ({{ }} and [ ]) taken out: a placeholder states nothing. */
function withoutPlaceholders(text: string): string {
  return text.replace(new RegExp(CURLY_PLACEHOLDER_RE.source, 'g'), ' ').replace(new RegExp(BRACKET_PLACEHOLDER_RE.source, 'g'), ' ');
}

const mentions = (text: string, what: unknown): boolean => typeof what === 'string' && what.trim().length >= 2 && text.toLowerCase().includes(what.trim().toLowerCase());

/**
 * MSG11_CONTENT on the body, the only thing that is sent (seed 000: the free text holds the offer
 * type, the proposed duration and the company or course provider). The structured form says what to
 * look for (the offer's name, the company, the provider) and which party the offer needs; it never
 * counts as given by itself. Placeholders left in the text do not count either.
 */
function checkRecommendation(draft: Record<string, unknown>, ctx: Ctx, out: Finding[]): void {
  const rec = get(draft, 'recommendation');
  const structured = isRecord(rec);
  const bodyRaw = get(draft, 'body');
  const text = withoutPlaceholders(typeof bodyRaw === 'string' ? bodyRaw.slice(0, SCAN_LIMIT) : '');

  const offerType = readInt(get(rec, 'offerType'));
  const offerItem = offerType === null ? undefined : findCode('ActivationTypeIdentifier', offerType, ctx.codeLists);
  const textCompanyOffer = COMPANY_OFFER_RE.test(text);
  const textCourseOffer = COURSE_OFFER_RE.test(text);
  const offerNamed = (offerItem !== undefined && mentions(text, offerItem.name)) || textCompanyOffer || textCourseOffer;

  if (offerType !== null && !offerItem) {
    out.push(finding('MSG11_CONTENT', 'warning', `Tilbudstypen ${offerType} findes ikke. Vælg en tilbudstype fra listen.`, 'recommendation.offerType'));
  } else if (!offerNamed) {
    out.push(
      finding(
        'MSG11_CONTENT',
        'warning',
        offerItem
          ? `Teksten, der sendes, nævner ikke tilbuddet. Skriv »${offerItem.name}« i teksten; formularen alene sendes ikke.`
          : 'Angiv i teksten hvilket tilbud a-kassen indstiller til, fx virksomhedspraktik, løntilskud eller vejledning og opkvalificering.',
        'body',
      ),
    );
  }

  const weeks = get(rec, 'durationWeeks');
  const weeksGiven = typeof weeks === 'number' && Number.isFinite(weeks) && weeks > 0;
  if (weeks !== undefined && weeks !== null && !weeksGiven) {
    out.push(finding('MSG11_CONTENT', 'warning', 'Varigheden skal være et positivt antal uger.', 'recommendation.durationWeeks'));
  } else if (!DURATION_RE.test(text)) {
    out.push(
      finding(
        'MSG11_CONTENT',
        'warning',
        weeksGiven
          ? `Teksten, der sendes, nævner ikke varigheden (${String(weeks)} ${weeks === 1 ? 'uge' : 'uger'} i formularen). Skriv den i teksten.`
          : 'Angiv i teksten et forslag til varighed, fx »8 uger«.',
        'body',
      ),
    );
  }

  const needCompany = offerItem ? flagBool(offerItem, 'companyDirected') : textCompanyOffer;
  const needCourse = offerItem ? flagBool(offerItem, 'courseDirected') : textCourseOffer;
  const company = get(rec, 'company');
  const cvr = get(company, 'cvr');
  const companyName = get(company, 'name');
  if (needCompany) {
    const named = mentions(text, companyName) || (typeof cvr === 'string' && isValidCvr(cvr) && text.includes(cvr)) || COMPANY_EVIDENCE_RE.test(text);
    if (!named) {
      out.push(
        finding(
          'MSG11_CONTENT',
          'warning',
          isBlank(companyName)
            ? 'Angiv i teksten den konkrete virksomhed (navn og gerne CVR-nummer), når tilbuddet er virksomhedsrettet.'
            : `Teksten, der sendes, nævner ikke virksomheden (${show(companyName, 60)}). Skriv den i teksten.`,
          'body',
        ),
      );
    }
  }
  if (!isBlank(cvr) && !isValidCvr(cvr)) {
    out.push(finding('MSG11_CONTENT', 'warning', 'Virksomhedens CVR-nummer skal være 8 cifre.', 'recommendation.company.cvr'));
  }
  if (needCourse && !flagBool(offerItem, 'grantedByAkasse')) {
    const provider = get(rec, 'courseProvider');
    const named = mentions(text, provider) || COURSE_PROVIDER_RE.test(text);
    if (!named) {
      out.push(
        finding(
          'MSG11_CONTENT',
          'warning',
          isBlank(provider)
            ? 'Angiv i teksten den konkrete kursusleverandør ved vejledning og opkvalificering.'
            : `Teksten, der sendes, nævner ikke kursusleverandøren (${show(provider, 60)}). Skriv den i teksten.`,
          'body',
        ),
      );
    }
  }

  if (offerItem && flagBool(offerItem, 'grantedByAkasse')) {
    out.push(
      finding(
        'MSG11_OFFER_BY_AKASSE',
        'warning',
        `${offerItem.name} bevilger a-kassen selv; det kræver ikke en indstilling til jobcentret.`,
        'recommendation.offerType',
      ),
    );
  }

  const activities = get(rec, 'supportingActivities');
  const hasActivities = Array.isArray(activities) && activities.some((a) => !isBlank(a));
  const offerMentioned = offerItem !== undefined || offerType !== null || textCompanyOffer || textCourseOffer;
  const supportOnly = structured ? hasActivities && !offerMentioned : SUPPORT_RE.test(text) && !offerMentioned;
  if (supportOnly) {
    out.push(
      finding(
        'MSG11_SUPPORT_ONLY',
        'warning',
        'Understøttende aktiviteter (fx mentor eller hjælpemidler) uden et tilbud sendes som beskedtype 1 »Almen orientering«, ikke som indstilling om tilbud.',
        'contextType',
      ),
    );
  }
}

/** Channel 4 »Myndighed til myndighed«: the one that needs a receiver, and the one type 11 must use. */
const AUTHORITY_CHANNEL = 4;

function checkType11(draft: Record<string, unknown>, channel: number | null, ctx: Ctx, out: Finding[]): void {
  if (ctx.org.type !== 'akasse') {
    out.push(
      finding(
        'MSG11_SENDER',
        'error',
        'Kun a-kasser kan sende beskedtype 11 »Indstilling om tilbud«. Svar på en indstilling i samme tråd med beskedtype 1 »Almen orientering«.',
        'contextType',
      ),
    );
    return;
  }
  if (channel !== AUTHORITY_CHANNEL) {
    out.push(finding('MSG11_CHANNEL', 'error', 'Indstilling om tilbud skal sendes via kanal 4 »Myndighed til myndighed«.', 'channel'));
  }
  const group = ctx.citizen?.contactGroup;
  if (ctx.citizen && group !== undefined && group !== 1) {
    const where = group === null ? 'Borgeren er ikke i en kontaktgruppe' : `Borgeren er i kontaktgruppe ${label('ContactGroupTypeIdentifier', group, ctx.codeLists)}`;
    out.push(
      finding(
        'MSG11_TARGET_GROUP',
        'warning',
        `Indstilling om tilbud er beregnet til dagpengemodtagere (kontaktgruppe 1). ${where}. DFDG afviser ikke beskeden, men tjek at det er den rigtige beskedtype.`,
        'contextType',
      ),
    );
  }
  checkRecommendation(draft, ctx, out);
}

// Template placeholders: DFDG Desk's own {{ }} and the [ ] of the built-in templates ("[tilbudstype]",
// "[varighed]", "[navn, CVR]"): square brackets around text that starts with a small letter. A
// caseworker's own "[Bilag 1]" (capital) or "[1]" is left alone.
const CURLY_PLACEHOLDER_RE = /\{\{[^}]*\}\}/;
const BRACKET_PLACEHOLDER_RE = /\[[a-zæøå][^[\]\n]{0,79}\]/;

/** The placeholders left in a text ({{ … }} and [ … ]), in order, at most `max`. */
export function placeholdersIn(text: string, max = 3): string[] {
  const re = new RegExp(`${CURLY_PLACEHOLDER_RE.source}|${BRACKET_PLACEHOLDER_RE.source}`, 'g');
  const found: string[] = [];
  for (const m of text.slice(0, SCAN_LIMIT).matchAll(re)) {
    if (!found.includes(m[0])) found.push(m[0]);
    if (found.length >= max) break;
  }
  return found;
}

/** A template placeholder ({{ … }} or [ … ]) left in a text. */
export function hasPlaceholder(text: string): boolean {
  return placeholdersIn(text, 1).length > 0;
}

function checkReceiver(to: unknown, channel: number | null, out: Finding[]): void {
  // undefined: the caller does not know the receiver (e.g. an edit form that cannot change it): silent.
  if (channel === AUTHORITY_CHANNEL && to === null) {
    out.push(finding('MSG_RECEIVER', 'error', 'Vælg modtageren (den anden myndighed). Beskeder på kanal 4 »Myndighed til myndighed« skal have en modtager.', 'to'));
  }
}

function checkPlaceholders(subjectRaw: unknown, bodyRaw: unknown, out: Finding[]): void {
  for (const [raw, field, where] of [
    [subjectRaw, 'subject', 'Overskriften'],
    [bodyRaw, 'body', 'Teksten'],
  ] as const) {
    const left = typeof raw === 'string' ? placeholdersIn(raw) : [];
    if (left.length === 0) continue;
    const list = left.map((p) => `»${show(p, 40)}«`).join(', ');
    out.push(
      finding(
        'TEMPLATE_PLACEHOLDER',
        'error',
        `${where} indeholder ${left.length === 1 ? 'en pladsholder' : 'pladsholdere'} fra skabelonen, som ikke er udfyldt: ${list}. Skriv den rigtige tekst i stedet.`,
        field,
      ),
    );
  }
}

/**
 * A CPR number in the text of a channel-4 message (»Myndighed til myndighed«): the citizen reads it on
 * Jobnet and the other authority in its system, and the message already belongs to the citizen.
 */
function checkBodyCpr(bodyRaw: unknown, channel: number | null, out: Finding[]): void {
  if (channel !== AUTHORITY_CHANNEL || typeof bodyRaw !== 'string' || !containsCpr(bodyRaw.slice(0, SCAN_LIMIT))) return;
  out.push(
    finding(
      'MSG_BODY_CPR',
      'error',
      'Fjern CPR-nummeret fra teksten. Borgeren kan læse beskeder på kanal 4 »Myndighed til myndighed« på Jobnet, og beskeden er allerede knyttet til borgeren.',
      'body',
    ),
  );
}

function checkMessageDraftImpl(draft: unknown, rawCtx: unknown): Finding[] {
  const read = readContext(rawCtx);
  if (!read.ok) return read.findings;
  const ctx = read.ctx;
  if (!isRecord(draft)) return [finding('INPUT_INVALID', 'error', 'Beskeden kunne ikke læses. Luk den og start en ny.')];
  const out: Finding[] = deceasedFinding(ctx);
  const contextRaw = get(draft, 'contextType');
  const channelRaw = get(draft, 'channel');
  const contextType = readInt(contextRaw);
  const channel = readInt(channelRaw);
  checkContextType(contextType, contextRaw, ctx, out);
  checkChannel(channel, channelRaw, ctx, out);
  if (contextType === 11) checkType11(draft, channel, ctx, out);
  checkText(get(draft, 'subject'), get(draft, 'body'), contextType, out);
  checkAttachments(get(draft, 'attachments'), out);
  checkReceiver(get(draft, 'to'), channel, out);
  checkPlaceholders(get(draft, 'subject'), get(draft, 'body'), out);
  checkBodyCpr(get(draft, 'body'), channel, out);
  return out;
}

/** The rules' input for a draft (or a message command's draft): what main checks before it queues it. */
export function messageDraftInput(
  d: Pick<MessageDraft, 'contextType' | 'channel' | 'subject' | 'body' | 'replyTo' | 'to' | 'attachments' | 'recommendation'>,
): MessageDraftInput {
  return {
    contextType: d.contextType,
    channel: d.channel,
    subject: d.subject,
    body: d.body,
    replyTo: d.replyTo,
    to: d.to,
    attachments: d.attachments.map((a) => ({ fileName: a.fileName, size: a.size, detectedType: a.mimeType === 'application/pdf' ? 'pdf' : 'xml' })),
    recommendation: d.recommendation,
  };
}

/** Findings for a message draft; [] when DFDG should accept it and there is nothing to say. */
export const checkMessageDraft: (draft: MessageDraftInput, ctx: RuleContext) => Finding[] = guard(checkMessageDraftImpl);
