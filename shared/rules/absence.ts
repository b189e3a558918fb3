// Rules for absence commands (fravær og fritagelser, FravaerService): type valid and creatable on
// the send date, 78 closed (seed 001 §2.2), 79 on contact group 1 (seed 001 §2.1), real periods,
// deleting started absence (seed 004), the rectification comment on delete and on correcting a begun
// absence, the consequences to show (seed 001 §2.4, §2.5).

import { findCode } from '../codelists';
import { MAX_ABSENCE_COMMENT_CHARS } from '../constants';
import { COVID_SCHEME_LAST_DAY, RELEASE_2021_1, RELEASE_2022_3 } from '../codelists/data/releases';
import { daysBetween, isValidIsoDate } from '../dates';
import type { CodeListItem, Finding, IsoDate } from '../domain';
import { absenceNotifiesBoth, CONSEQUENCE_TEXT, joblogExemption, registeredElsewhere, selfBookingConsequence } from './consequences';
import { refusalsOf } from './restrictions';
import type { AbsenceCommandInput, RuleContext } from './types';
import { assumedFinding, type Ctx, deceasedFinding, dk, finding, flagDate, get, guard, isRecord, label, readContext, readInt, show } from './internal';

/** FravaerService refuses Midlertidigt arbejde under this many days for contact group 1 (4592; the group is ASSUMED). */
export { MIN_TEMPORARY_WORK_DAYS } from '../codelists/data/absenceTypes';

type Action = 'create' | 'update' | 'delete';

interface Period {
  start: IsoDate | null;
  end: IsoDate | null;
}

const isAbsent = (v: unknown) => v === undefined || v === null || v === '';

function checkPeriod(startRaw: unknown, endRaw: unknown, out: Finding[]): Period {
  let start: IsoDate | null = null;
  let end: IsoDate | null = null;
  if (isAbsent(startRaw)) {
    out.push(finding('ABS_PERIOD', 'error', 'Angiv en startdato.', 'start'));
  } else if (!isValidIsoDate(startRaw)) {
    out.push(finding('ABS_PERIOD', 'error', `Startdatoen »${show(startRaw)}« er ikke en gyldig dato.`, 'start'));
  } else {
    start = startRaw;
  }
  if (!isAbsent(endRaw)) {
    if (!isValidIsoDate(endRaw)) {
      out.push(finding('ABS_PERIOD', 'error', `Slutdatoen »${show(endRaw)}« er ikke en gyldig dato.`, 'end'));
    } else {
      end = endRaw;
    }
  }
  if (start !== null && end !== null && end < start) {
    out.push(finding('ABS_PERIOD', 'error', `Slutdatoen (${dk(end)}) ligger før startdatoen (${dk(start)}). Ret en af datoerne.`, 'end'));
  }
  return { start, end };
}

/** The day that decides "begun" or "historic": `command.today` when given, else ctx.asOf. */
function todayOf(command: Record<string, unknown>, ctx: Ctx): IsoDate {
  const todayRaw = get(command, 'today');
  return isValidIsoDate(todayRaw) ? todayRaw : ctx.asOf;
}

/**
 * Correcting an absence that has begun: its start before the correction (`previousStart`) or after it
 * lies before today. ASSUMED: DFDG's UpdateFravaer takes an optional berigtigelseskommentar
 * (docs/wire-contract.md §3.1); we ask for one so the correction of a begun absence is explained.
 */
function correctsBegunAbsence(command: Record<string, unknown>, period: Period, ctx: Ctx): boolean {
  const today = todayOf(command, ctx);
  const previousRaw = get(command, 'previousStart');
  const previous = isValidIsoDate(previousRaw) ? previousRaw : null;
  return [period.start, previous].some((d) => d !== null && d < today);
}

function checkComments(command: Record<string, unknown>, action: Action, period: Period, ctx: Ctx, out: Finding[]): void {
  const comment = get(command, 'comment');
  if (typeof comment === 'string' && comment.length > MAX_ABSENCE_COMMENT_CHARS) {
    out.push(
      finding('ABS_COMMENT_LENGTH', 'error', `Kommentaren er på ${comment.length} tegn. Den må højst være på 1.500 tegn.`, 'comment'),
    );
  }
  const rect = get(command, 'rectificationComment');
  const missing = typeof rect !== 'string' || rect.trim() === '';
  if (action === 'delete' && missing) {
    out.push(
      finding('ABS_RECTIFICATION_COMMENT', 'error', 'Skriv en berigtigelseskommentar, der forklarer, hvorfor fraværet slettes.', 'rectificationComment'),
    );
  } else if (action === 'update' && missing && correctsBegunAbsence(command, period, ctx)) {
    out.push(
      finding('ABS_RECTIFICATION_COMMENT', 'error', 'Fraværet er begyndt. Skriv en berigtigelseskommentar, der forklarer rettelsen.', 'rectificationComment'),
    );
  } else if (typeof rect === 'string' && rect.length > MAX_ABSENCE_COMMENT_CHARS) {
    out.push(
      finding(
        'ABS_RECTIFICATION_COMMENT',
        'error',
        `Berigtigelseskommentaren er på ${rect.length} tegn. Den må højst være på 1.500 tegn.`,
        'rectificationComment',
      ),
    );
  }
}

function checkDelete(item: CodeListItem | undefined, type: number | null, period: Period, command: Record<string, unknown>, ctx: Ctx, out: Finding[]): void {
  const today = todayOf(command, ctx);
  if (period.start === null || period.start >= today) return; // future absence could always be deleted
  if (ctx.asOf < RELEASE_2021_1) {
    out.push(
      finding(
        'ABS_DELETE_HISTORIC',
        'error',
        `Fraværet startede ${dk(period.start)}. Før ${dk(RELEASE_2021_1)} (release 2021-1) kan kun fremtidigt fravær slettes.`,
        'start',
      ),
    );
    return;
  }
  // Seed 004 excepts "enkelte fraværstyper" without naming them: which ones is assumed (a warning).
  if (item && type !== null && get(item, 'deletableWhenHistoric') === false) {
    out.push(
      assumedFinding(
        'ABS_DELETE_HISTORIC',
        'warning',
        `Fravær af typen ${label('AbsenceTypeIdentifier', type, ctx.codeLists)} kan måske ikke slettes, når det er startet (${dk(period.start)}): DFDG undtager enkelte typer fra sletning uden at nævne hvilke (fejl 4594 i sandboxen). Afvises sletningen, så afslut fraværet med en slutdato i stedet.`,
        'type',
      ),
    );
  }
}

/**
 * The type exists, is valid for the period (its validity on ctx.asOf, the start date) and, when one is
 * created, creatable on the day it is registered (`today`: 78 closed and 77 opened by releases).
 */
function checkType(item: CodeListItem | undefined, type: number | null, typeRaw: unknown, creating: boolean, period: Period, today: IsoDate, ctx: Ctx, out: Finding[]): boolean {
  if (type === null) {
    out.push(finding('ABS_TYPE_VALID', 'error', isAbsent(typeRaw) ? 'Vælg en fraværstype.' : `Fraværstypen »${show(typeRaw)}« findes ikke. Vælg en fraværstype fra listen.`, 'type'));
    return false;
  }
  if (!item) {
    out.push(finding('ABS_TYPE_VALID', 'error', `Fraværstypen ${type} findes ikke. Vælg en fraværstype fra listen.`, 'type'));
    return false;
  }
  const name = label('AbsenceTypeIdentifier', type, ctx.codeLists);
  if (registeredElsewhere(item)) {
    // ASSUMED: FravaerService refuses sickness (interfaces.md §3.2: "Sickness is registered elsewhere:
    // IllnessCompositeService"); the sandbox answers 4595. The consequences still show what it means.
    out.push(finding('ABS_TYPE_VALID', 'error', `Fraværstypen ${name} registreres ikke her. ${CONSEQUENCE_TEXT.sicknessElsewhere}`, 'type'));
    return true;
  }
  if (!creating) return true;
  if (type === 78) {
    // Its own rule (ABS78_CLOSED) rather than the generic validity check: no new 78 registered from release 2022-3.
    if (today >= RELEASE_2022_3) {
      out.push(
        finding(
          'ABS78_CLOSED',
          'error',
          `Fraværstypen ${name} kan ikke oprettes fra ${dk(RELEASE_2022_3)} (release 2022-3). Ordningen ophørte ${dk(COVID_SCHEME_LAST_DAY)}.`,
          'type',
        ),
      );
      return false;
    } else if (period.start !== null && period.start > COVID_SCHEME_LAST_DAY) {
      out.push(
        finding('ABS78_CLOSED', 'warning', `Ordningen bag fraværstypen ${name} ophørte ${dk(COVID_SCHEME_LAST_DAY)}. Tjek startdatoen (${dk(period.start)}).`, 'start'),
      );
    }
    return true;
  }
  if (ctx.asOf < item.validFrom) {
    out.push(finding('ABS_TYPE_VALID', 'error', `Fraværstypen ${name} kan først bruges fra ${dk(item.validFrom)}.`, 'type'));
    return false;
  }
  if (ctx.asOf >= item.validTo) {
    out.push(finding('ABS_TYPE_VALID', 'error', `Fraværstypen ${name} er udgået pr. ${dk(item.validTo)}. Vælg en anden fraværstype.`, 'type'));
    return false;
  }
  const from = flagDate(item, 'creatableFrom');
  const to = flagDate(item, 'creatableTo');
  if (from !== null && today < from) {
    out.push(finding('ABS_TYPE_VALID', 'error', `Fraværstypen ${name} kan først oprettes fra ${dk(from)}.`, 'type'));
    return false;
  }
  if (to !== null && today >= to) {
    out.push(finding('ABS_TYPE_VALID', 'error', `Fraværstypen ${name} kan ikke oprettes fra ${dk(to)}. Vælg en anden fraværstype.`, 'type'));
    return false;
  }
  return true;
}

/** The period's length in days, counting both ends; null for an open end or a date not yet valid. */
function periodDays(period: Period): number | null {
  if (period.start === null || period.end === null) return null;
  const d = daysBetween(period.start, period.end);
  return d === null ? null : d + 1;
}

/**
 * Who registers the type and the contact groups DFDG refuses it on (the code list's restrictions,
 * restrictions.ts): a sourced one refuses, an assumed one warns and says so. False when refused.
 */
function checkRestrictions(item: CodeListItem, period: Period, creating: boolean, today: IsoDate, ctx: Ctx, out: Finding[]): boolean {
  // A correction keeps the type: only a sourced "who registers it" holds (the a-kasse does not change
  // the jobcenter's sorgorlov, seed 001 §2.1); the rest judged the type when it was created.
  const refusals = refusalsOf(item, ctx, today, periodDays(period)).filter((r) => creating || (r.kind === 'org' && r.sourced));
  for (const r of refusals) out.push(r.sourced ? finding(r.rule, 'error', r.message, r.field) : assumedFinding(r.rule, 'warning', r.message, r.field));
  return !refusals.some((r) => r.sourced);
}

/** Sorgorlov on contact group 1 (seed 001 §2.1): no a-dagpenge in the period; both parties hear of it. */
function checkSorgorlov(ctx: Ctx, out: Finding[]): void {
  if (ctx.citizen?.contactGroup !== 1) return;
  const both = absenceNotifiesBoth(ctx.citizen) ? ` ${CONSEQUENCE_TEXT.notifiesBoth}` : '';
  out.push(finding('ABS79_GROUP', 'warning', `${CONSEQUENCE_TEXT.noDagpenge}${both}`, 'type'));
}

function checkAbsenceImpl(command: unknown, rawCtx: unknown): Finding[] {
  const read = readContext(rawCtx);
  if (!read.ok) return read.findings;
  const ctx = read.ctx;
  if (!isRecord(command)) return [finding('INPUT_INVALID', 'error', 'Fraværet kunne ikke læses. Luk formularen og prøv igen.')];
  const action = get(command, 'action');
  if (action !== 'create' && action !== 'update' && action !== 'delete') {
    return [finding('INPUT_INVALID', 'error', `Handlingen »${show(action)}« er ukendt; fravær kan oprettes, ændres eller slettes.`, 'action')];
  }
  const out: Finding[] = deceasedFinding(ctx);
  const typeRaw = get(command, 'type');
  const type = readInt(typeRaw);
  const item = type === null ? undefined : findCode('AbsenceTypeIdentifier', type, ctx.codeLists);
  const period = checkPeriod(get(command, 'start'), get(command, 'end'), out);
  checkComments(command, action, period, ctx, out);

  if (action === 'delete') {
    if (item && type !== null && registeredElsewhere(item)) {
      out.push(finding('ABS_TYPE_VALID', 'error', `Fravær af typen ${label('AbsenceTypeIdentifier', type, ctx.codeLists)} kan ikke slettes her. ${CONSEQUENCE_TEXT.sicknessElsewhere}`, 'type'));
      return out;
    }
    checkDelete(item, type, period, command, ctx, out);
    return out;
  }

  const previous = readInt(get(command, 'previousType'));
  const creating = action === 'create' || (previous !== null && previous !== type);
  const today = todayOf(command, ctx);
  const usable = checkType(item, type, typeRaw, creating, period, today, ctx, out);
  if (!item || type === null || !usable) return out;

  const registrable = checkRestrictions(item, period, creating, today, ctx, out);
  if (type === 79 && registrable) checkSorgorlov(ctx, out);

  const selfBooking = selfBookingConsequence(item, ctx.asOf);
  if (selfBooking) out.push(finding('ABS_SELFBOOK_EXEMPT', 'info', selfBooking.text, 'type'));
  if (joblogExemption(item, ctx.citizen, ctx.asOf) === true) {
    out.push(finding('ABS11_JOBLOG_KG7', 'info', CONSEQUENCE_TEXT.joblogKg7, 'type'));
  }
  return out;
}

/**
 * The day an absence command is judged as of, the same in the renderer and in main: a registration or
 * correction on its start date (the type must be valid for the period, as FravaerService judges it), a
 * deletion today. Pass `today` in the command too: it decides "begun", "historic" and what can be
 * created on the day it is registered (78 closed, 79 on contact group 1 opened by release 2022-3).
 */
export function absenceAsOf(command: { action: string; start?: unknown }, today: IsoDate): IsoDate {
  return command.action !== 'delete' && isValidIsoDate(command.start) ? command.start : today;
}

/** Findings for an absence create/update/delete; [] when there is nothing to say. */
export const checkAbsence: (command: AbsenceCommandInput, ctx: RuleContext) => Finding[] = guard(checkAbsenceImpl);
