// Rules for a meeting invitation (IndkaldelseService): meeting form valid and not retired (seed 001
// §1.1), a link for "Digitalt møde", never an empty "Lokationsuddybning" (seed 001 known fault),
// interview type, start not before today and end not before start (interfaces.md §9.5), the rebooking
// and cancel deadlines (90009, 90010, 90014), and what the booking means for self-booking (§9.3,
// seed 001 §2.4). The meeting form is judged on the meeting's date (a form retired by then is
// refused), everything else on ctx.asOf (today).

import { findCode, getCodeList } from '../codelists';
import { isValidIsoDate, isWithin, toCopenhagenDate, toCopenhagenDateTime } from '../dates';
import type { CodeListItem, Finding, IsoDate } from '../domain';
import { selfBookingConsequence } from './consequences';
import type { MeetingCommandInput, RuleContext } from './types';
import { type Ctx, deceasedFinding, dk, finding, flagBool, get, guard, isRecord, label, readContext, readInt, show } from './internal';

const LINK_RE = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

function checkForm(formRaw: unknown, ctx: Ctx, on: IsoDate, out: Finding[]): number | null {
  const form = readInt(formRaw);
  if (form === null) {
    out.push(
      finding('MEET_FORM_VALID', 'error', formRaw === undefined || formRaw === null ? 'Vælg en mødeform.' : `Mødeformen »${show(formRaw)}« findes ikke.`, 'form'),
    );
    return null;
  }
  const item = findCode('InterviewContactTypeIdentifier', form, ctx.codeLists);
  if (!item) {
    out.push(finding('MEET_FORM_VALID', 'error', `Mødeformen ${form} findes ikke (DFDG fejl 90000). Vælg en mødeform fra listen.`, 'form'));
    return null;
  }
  const name = label('InterviewContactTypeIdentifier', form, ctx.codeLists);
  if (on >= item.validTo) {
    const replacement = readInt(get(item, 'replacedBy'));
    const hint = replacement !== null ? ` Brug ${label('InterviewContactTypeIdentifier', replacement, ctx.codeLists)}.` : ' Vælg en anden mødeform.';
    out.push(finding('MEET_FORM_RETIRED', 'error', `Mødeformen ${name} er udgået pr. ${dk(item.validTo)}.${hint}`, 'form'));
  } else if (on < item.validFrom) {
    out.push(finding('MEET_FORM_VALID', 'error', `Mødeformen ${name} kan først bruges fra ${dk(item.validFrom)}.`, 'form'));
  }
  return flagBool(item, 'requiresLink') ? form : null;
}

function checkMeetingImpl(command: unknown, rawCtx: unknown): Finding[] {
  const read = readContext(rawCtx);
  if (!read.ok) return read.findings;
  const ctx = read.ctx;
  if (!isRecord(command)) return [finding('INPUT_INVALID', 'error', 'Mødet kunne ikke læses. Luk formularen og prøv igen.')];
  const out: Finding[] = deceasedFinding(ctx);

  const meetingDay = toCopenhagenDate(get(command, 'start'));
  const on = meetingDay !== null && meetingDay > ctx.asOf ? meetingDay : ctx.asOf;
  const needsLink = checkForm(get(command, 'form'), ctx, on, out);
  if (needsLink !== null) {
    const link = get(command, 'link');
    if (typeof link !== 'string' || link.trim() === '') {
      out.push(
        finding('MEET_DIGITAL_LINK', 'error', 'Angiv linket til det digitale møde. Det vises for borgeren på Jobnet.', 'link'),
      );
    } else if (!LINK_RE.test(link.trim())) {
      out.push(finding('MEET_DIGITAL_LINK', 'error', 'Linket til det digitale møde skal være en webadresse, der begynder med https://.', 'link'));
    }
  }

  const detail = get(command, 'locationDetail');
  if (typeof detail === 'string' && detail.trim() === '') {
    out.push(
      finding(
        'MEET_LOCATION_EMPTY',
        'error',
        'Lokationsuddybning må ikke være tom. Beskriv mødestedet, eller fjern feltet helt (en tom tekst blokerer opslag i DFDG).',
        'locationDetail',
      ),
    );
  }

  const typeRaw = get(command, 'interviewType');
  if (typeRaw !== undefined && typeRaw !== null) {
    const type = readInt(typeRaw);
    const item = type === null ? undefined : findCode('InterviewTypeIdentifier', type, ctx.codeLists);
    if (type === null || !item) {
      out.push(finding('MEET_INTERVIEW_TYPE', 'error', `Samtaletypen »${show(typeRaw)}« findes ikke (DFDG fejl 90001). Vælg en samtaletype fra listen.`, 'interviewType'));
    } else if (ctx.asOf < item.validFrom || ctx.asOf >= item.validTo) {
      out.push(finding('MEET_INTERVIEW_TYPE', 'error', `Samtaletypen ${label('InterviewTypeIdentifier', type, ctx.codeLists)} kan ikke bruges på datoen.`, 'interviewType'));
    }
  }

  const startRaw = get(command, 'start');
  const endRaw = get(command, 'end');
  const start = startRaw === undefined || startRaw === null ? null : toCopenhagenDate(startRaw);
  const end = endRaw === undefined || endRaw === null ? null : toCopenhagenDate(endRaw);
  if (startRaw !== undefined && startRaw !== null && start === null) {
    out.push(finding('MEET_PERIOD', 'error', `Mødets starttidspunkt »${show(startRaw)}« er ikke et gyldigt tidspunkt.`, 'start'));
  } else if (start !== null && start < ctx.asOf) {
    out.push(finding('MEET_PERIOD', 'error', `Mødet kan ikke starte før i dag (${dk(ctx.asOf)}); det starter ${dk(start)} (DFDG fejl 90002).`, 'start'));
  }
  if (endRaw !== undefined && endRaw !== null && end === null) {
    out.push(finding('MEET_PERIOD', 'error', `Mødets sluttidspunkt »${show(endRaw)}« er ikke et gyldigt tidspunkt.`, 'end'));
  } else if (typeof startRaw === 'string' && typeof endRaw === 'string' && start !== null && end !== null) {
    // Compare Danish wall-clock times when both carry a time; dates otherwise.
    const startTime = toCopenhagenDateTime(startRaw);
    const endTime = toCopenhagenDateTime(endRaw);
    const endBefore = startTime !== null && endTime !== null ? endTime < startTime : end < start;
    if (endBefore) out.push(finding('MEET_PERIOD', 'error', 'Mødet slutter, før det starter. Ret sluttidspunktet (DFDG fejl 90004).', 'end'));
  }
  checkDeadlines(command, out);
  selfBooking(command, ctx, on, out);
  return out;
}

/** interfaces.md §9.5: 90009 / 90010 (rebooking deadline) and 90014 (cancel deadline). */
function checkDeadlines(command: Record<string, unknown>, out: Finding[]): void {
  const rebook = get(command, 'rebookingPossible');
  const rebookDeadline = get(command, 'rebookingDeadline');
  const given = (v: unknown) => v !== undefined && v !== null && v !== '';
  if (rebook === false && given(rebookDeadline)) {
    out.push(finding('MEET_DEADLINES', 'error', 'Der er angivet en ombookingsfrist, men ombooking er ikke tilladt. Fjern fristen, eller tillad ombooking (DFDG fejl 90009).', 'rebookingDeadline'));
  } else if (rebook === true && !given(rebookDeadline)) {
    out.push(finding('MEET_DEADLINES', 'error', 'Angiv en ombookingsfrist, når borgeren må ombooke (DFDG fejl 90010).', 'rebookingDeadline'));
  }
  if (get(command, 'cancelPossible') === false && given(get(command, 'cancelDeadline'))) {
    out.push(finding('MEET_DEADLINES', 'error', 'Der er angivet en aflysningsfrist, men aflysning er ikke tilladt. Fjern fristen, eller tillad aflysning (DFDG fejl 90014).', 'cancelDeadline'));
  }
  for (const [key, name] of [['rebookingDeadline', 'Ombookingsfristen'], ['cancelDeadline', 'Aflysningsfristen']] as const) {
    const v = get(command, key);
    if (!given(v)) continue;
    const t = toCopenhagenDateTime(v) ?? (isValidIsoDate(v) ? `${v}T00:00` : null);
    if (t === null) out.push(finding('MEET_DEADLINES', 'error', `${name} »${show(v)}« er ikke et gyldigt tidspunkt.`, key));
  }
}

/**
 * MEET_SELFBOOKING (info): what the booking means for self-booking. Interview types 4 and 7 carry a
 * self-booking deadline that this booking meets (interfaces.md §9.3); an absence on the meeting day
 * that exempts from self-booking (the absence list, seed 001 §2.4) is named.
 */
function selfBooking(command: Record<string, unknown>, ctx: Ctx, on: IsoDate, out: Finding[]): void {
  const type = readInt(get(command, 'interviewType'));
  const item = type === null ? undefined : findCode('InterviewTypeIdentifier', type, ctx.codeLists);
  if (item && flagBool(item, 'selfBookingDeadline')) {
    out.push(
      finding(
        'MEET_SELFBOOKING',
        'info',
        `${label('InterviewTypeIdentifier', type!, ctx.codeLists)} har en frist for selvbooking. Indkaldelsen opfylder fristen: borgeren må ikke både have en frist og en booking, der opfylder den, og ikke flere bookinger på én gang.`,
        'interviewType',
      ),
    );
  }
  const absences = get(command, 'absences');
  if (!Array.isArray(absences)) return;
  for (const a of absences) {
    const t = readInt(get(a, 'type'));
    const from = toCopenhagenDate(get(a, 'start'));
    const toRaw = get(a, 'end');
    const to = toRaw === null || toRaw === undefined ? null : toCopenhagenDate(toRaw);
    if (t === null || from === null || from > on || (to !== null && to < on)) continue;
    const absItem = findCode('AbsenceTypeIdentifier', t, ctx.codeLists);
    if (!selfBookingConsequence(absItem, on)) continue;
    const period = `${dk(from)} – ${to ? dk(to) : 'ingen slutdato'}`;
    out.push(
      finding(
        'MEET_SELFBOOKING',
        'info',
        `Borgeren er fritaget for pligten til at selvbooke møder på mødedagen (fravær ${label('AbsenceTypeIdentifier', t, ctx.codeLists)}, ${period}).`,
        'start',
      ),
    );
  }
}

/**
 * The meeting forms the form may offer for a meeting on `on` (default ctx.asOf): valid on that date
 * (4 and 5 retired from 19-09-2022, 6 and 7 earlier; 8 and 9 from then). Sorted by id; bad input → [].
 */
export function meetingFormsFor(rawCtx: RuleContext, on?: IsoDate): CodeListItem[] {
  try {
    const read = readContext(rawCtx);
    if (!read.ok) return [];
    const date = isValidIsoDate(on) && on > read.ctx.asOf ? on : read.ctx.asOf;
    return getCodeList('InterviewContactTypeIdentifier', read.ctx.codeLists).filter((item) => isWithin(item, date));
  } catch {
    return [];
  }
}

/** The interview types this organisation may book on ctx.asOf (an a-kasse: those a-kasse filtering shows it, interfaces.md §6). */
export function interviewTypesFor(rawCtx: RuleContext): CodeListItem[] {
  try {
    const read = readContext(rawCtx);
    if (!read.ok) return [];
    const c = read.ctx;
    return getCodeList('InterviewTypeIdentifier', c.codeLists).filter((item) => isWithin(item, c.asOf) && (c.org.type !== 'akasse' || flagBool(item, 'visibleToAkasse')));
  } catch {
    return [];
  }
}

/** Findings for a meeting invitation; [] when there is nothing to say. */
export const checkMeeting: (command: MeetingCommandInput, ctx: RuleContext) => Finding[] = guard(checkMeetingImpl);
