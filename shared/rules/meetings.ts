// Rules for a meeting invitation (IndkaldelseService): meeting form valid and not retired (seed 001
// §1.1), a link for "Digitalt møde", never an empty "Lokationsuddybning" (seed 001 known fault),
// interview type, start not before today and end not before start (interfaces.md §9.5).

import { findCode } from '../codelists';
import { toCopenhagenDate, toCopenhagenDateTime } from '../dates';
import type { Finding } from '../domain';
import type { MeetingCommandInput, RuleContext } from './types';
import { type Ctx, deceasedFinding, dk, finding, flagBool, get, guard, isRecord, label, readContext, readInt, show } from './internal';

const LINK_RE = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

function checkForm(formRaw: unknown, ctx: Ctx, out: Finding[]): number | null {
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
  if (ctx.asOf >= item.validTo) {
    const replacement = readInt(get(item, 'replacedBy'));
    const hint = replacement !== null ? ` Brug ${label('InterviewContactTypeIdentifier', replacement, ctx.codeLists)}.` : ' Vælg en anden mødeform.';
    out.push(finding('MEET_FORM_RETIRED', 'error', `Mødeformen ${name} er udgået pr. ${dk(item.validTo)}.${hint}`, 'form'));
  } else if (ctx.asOf < item.validFrom) {
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

  const needsLink = checkForm(get(command, 'form'), ctx, out);
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
  return out;
}

/** Findings for a meeting invitation; [] when there is nothing to say. */
export const checkMeeting: (command: MeetingCommandInput, ctx: RuleContext) => Finding[] = guard(checkMeetingImpl);
