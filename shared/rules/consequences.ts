// What registering an absence means for the citizen (seed 001 §2.1, §2.3-2.5), for the absence form
// to show before the caseworker saves. The same texts back the ABS_SELFBOOK_EXEMPT and
// ABS11_JOBLOG_KG7 findings, so the form and the findings never disagree.

import { findCode } from '../codelists';
import type { CodeListItem } from '../domain';
import type { Consequence, RuleContext } from './types';
import { type CitizenFacts, type Ctx, flagBool, flagDate, flagInts, get, isRegistered, readContext, readInt } from './internal';

export const CONSEQUENCE_TEXT = {
  selfBooking: 'Borgeren er fritaget for pligten til at selvbooke møder i fraværsperioden.',
  selfBookingActivationOnly:
    'Borgeren er fritaget for pligten til at selvbooke møder i perioden. Det har kun betydning, hvis borgeren er i aktivering; ellers afmeldes borgeren ved sygdom.',
  noSelfBookingDeadline: 'Borgeren har ingen frist for selvbooking af møder, mens fraværet er registreret.',
  joblogKg7:
    'Sygemeldingen fritager borgeren (kontaktgruppe 7 »Fleksjobvisiteret (ledig)«) for at registrere jobsøgning i joblog i perioden. Borgeren skal stadig søge job.',
  joblogIfKg7: 'Er borgeren i kontaktgruppe 7 »Fleksjobvisiteret (ledig)«, fritager sygemeldingen for at registrere jobsøgning i joblog.',
  noDagpenge: 'Borgeren kan ikke få a-dagpenge i perioden med sorgorlov.',
  notifiesBoth: 'A-kassen og jobcentret får automatisk besked fra DFDG, når fraværet registreres, ændres eller slettes.',
  activationExempt: 'Borgeren er fritaget for aktivering i perioden.',
  contactCourseExempt: 'Borgeren er også fritaget for kontaktforløbet (samtaler) i perioden.',
  sicknessElsewhere:
    'Sygemeldinger registreres i DFDG gennem sygemeldingen (IllnessCompositeService), ikke som fravær her. DFDG Desk viser dem, når de kommer fra DFDG, men kan ikke oprette, rette eller slette dem.',
} as const;

/** The absence types FravaerService registers; others (11 Sygdom – sygemelding) go through another DFDG service. */
export function registeredElsewhere(item: CodeListItem | undefined): boolean {
  const via = get(item, 'registeredVia');
  return typeof via === 'string' && via !== 'FravaerService';
}

/** The self-booking consequence of a type on a date, or null. */
export function selfBookingConsequence(item: CodeListItem | undefined, asOf: string): Consequence | null {
  if (!flagBool(item, 'exemptsSelfBooking')) return null;
  const from = flagDate(item, 'exemptsSelfBookingFrom');
  if (from !== null && asOf < from) return null;
  const note = get(item, 'selfBookingNote');
  if (note === 'no-deadline') return { id: 'no-selfbooking-deadline', text: CONSEQUENCE_TEXT.noSelfBookingDeadline };
  if (note === 'activation-only') return { id: 'selfbooking-exempt', text: CONSEQUENCE_TEXT.selfBookingActivationOnly };
  return { id: 'selfbooking-exempt', text: CONSEQUENCE_TEXT.selfBooking };
}

/** Whether the type exempts this citizen's contact group from joblog on `asOf` (true/false), or undefined when the group is unknown. */
export function joblogExemption(item: CodeListItem | undefined, citizen: CitizenFacts | null, asOf: string): boolean | undefined {
  const groups = flagInts(item, 'exemptsJoblogForContactGroups') ?? [];
  if (groups.length === 0) return false;
  const from = flagDate(item, 'exemptsJoblogFrom');
  if (from !== null && asOf < from) return false;
  const group = citizen?.contactGroup;
  if (group === undefined) return undefined;
  return group !== null && groups.includes(group);
}

/** ABS_NOTIFY: absence changes on an enrolled contact-group-1 citizen notify both a-kasse and jobcenter (seed 001 §2.1). */
export function absenceNotifiesBoth(citizen: RuleContext['citizen'] | CitizenFacts | null | undefined): boolean {
  try {
    const group = readInt(get(citizen, 'contactGroup'));
    if (group !== 1) return false;
    const registered = get(citizen, 'registered');
    if (typeof registered === 'boolean') return registered;
    const category = get(citizen, 'registrationCategory');
    return readInt(category) !== null; // ASSUMED: a registration category means enrolled (see util.isRegistered)
  } catch {
    return false;
  }
}

export function consequencesFor(item: CodeListItem | undefined, ctx: Ctx): Consequence[] {
  if (!item) return [];
  const out: Consequence[] = [];
  const selfBooking = selfBookingConsequence(item, ctx.asOf);
  if (selfBooking) out.push(selfBooking);
  const joblog = joblogExemption(item, ctx.citizen, ctx.asOf);
  if (joblog === true) out.push({ id: 'joblog-exempt', text: CONSEQUENCE_TEXT.joblogKg7 });
  if (joblog === undefined) out.push({ id: 'joblog-exempt', text: CONSEQUENCE_TEXT.joblogIfKg7 });
  if (flagBool(item, 'exemptsActivation')) out.push({ id: 'activation-exempt', text: CONSEQUENCE_TEXT.activationExempt });
  if (flagBool(item, 'exemptsContactCourse')) out.push({ id: 'contact-course-exempt', text: CONSEQUENCE_TEXT.contactCourseExempt });
  const group = ctx.citizen?.contactGroup;
  if (flagBool(item, 'noBenefit') && (group === 1 || group === undefined)) out.push({ id: 'no-dagpenge', text: CONSEQUENCE_TEXT.noDagpenge });
  if (isRegistered(ctx.citizen) && ctx.citizen?.contactGroup === 1) out.push({ id: 'notifies-both', text: CONSEQUENCE_TEXT.notifiesBoth });
  if (registeredElsewhere(item)) out.push({ id: 'registered-elsewhere', text: CONSEQUENCE_TEXT.sicknessElsewhere });
  return out;
}

/**
 * What registering absence `type` means for the citizen in `ctx` on `ctx.asOf`, in Danish, for the
 * form to show. Unknown type or unreadable context → [].
 */
export function consequencesOfAbsence(type: number, ctx: RuleContext): Consequence[] {
  try {
    const read = readContext(ctx);
    if (!read.ok) return [];
    const id = readInt(type);
    if (id === null) return [];
    return consequencesFor(findCode('AbsenceTypeIdentifier', id, read.ctx.codeLists), read.ctx);
  } catch {
    return [];
  }
}
