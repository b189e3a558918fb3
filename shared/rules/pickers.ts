// What the forms may offer: the absence types for this organisation and citizen on a date, and the
// message context types this organisation may send on ctx.asOf.

import { findCode, getCodeList } from '../codelists';
import { AKASSE_PLAN_DRAFT_END } from '../codelists/data/releases';
import { isValidIsoDate, isWithin } from '../dates';
import type { CodeListItem, IsoDate } from '../domain';
import { registeredElsewhere } from './consequences';
import { cautionOf, offerable } from './restrictions';
import type { RuleContext } from './types';
import { flagDate, flagOrgs, get, readContext } from './internal';

/**
 * The absence types the picker may offer for a period starting `asOf` (default ctx.asOf), registered
 * on `today` (default ctx.asOf): registered through FravaerService (never 11 "Sygdom – sygemelding",
 * which DFDG takes through IllnessCompositeService), valid on the start date, creatable on the day of
 * registration, and not refused by a sourced restriction of the code list (who registers it, the
 * contact groups DFDG refuses it on: 79 only by a jobcenter, on contact group 1 from 19-09-2022). A
 * type refused only by an assumed restriction stays on offer (the rules warn). Sorted by id.
 * Bad input → [].
 */
export function absenceTypesFor(ctx: RuleContext, asOf?: IsoDate, today?: IsoDate): CodeListItem[] {
  try {
    const read = readContext(ctx);
    if (!read.ok) return [];
    const c = read.ctx;
    const date = isValidIsoDate(asOf) ? asOf : c.asOf;
    const day = isValidIsoDate(today) ? today : c.asOf;
    return getCodeList('AbsenceTypeIdentifier', c.codeLists).filter((item) => {
      if (registeredElsewhere(item)) return false;
      if (!isWithin(item, date)) return false;
      if (!isWithin({ validFrom: flagDate(item, 'creatableFrom'), validTo: flagDate(item, 'creatableTo') }, day)) return false;
      // A restriction from a seed or a document leaves the type out; an assumed one does not (restrictions.ts).
      if (!offerable(item, c, day)) return false;
      return true;
    });
  } catch {
    return [];
  }
}

/**
 * A short note for the picker beside an absence type that DFDG may refuse for this citizen by an
 * assumed restriction of the code list (e.g. "kan afvises for borgerens kontaktgruppe (fejl 4591) –
 * antaget"), registered on `today` (default ctx.asOf); null when there is nothing to say or the input
 * is bad. A type with a sourced restriction is not offered at all (absenceTypesFor).
 */
export function absenceTypeCaution(type: number, ctx: RuleContext, today?: IsoDate): string | null {
  try {
    const read = readContext(ctx);
    if (!read.ok) return null;
    const item = findCode('AbsenceTypeIdentifier', type, read.ctx.codeLists);
    return item ? cautionOf(item, read.ctx, isValidIsoDate(today) ? today : read.ctx.asOf) : null;
  } catch {
    return null;
  }
}

/**
 * The message context types ctx.org may send on ctx.asOf: valid on the date and sent by this kind of
 * organisation; never 11 for a jobcenter, never 2 for an a-kasse from 01-01-2024. Types DFDG adds
 * later (no `sentBy` flag yet) are left out until the bundled list knows who sends them.
 */
export function messageTypesFor(ctx: RuleContext): CodeListItem[] {
  try {
    const read = readContext(ctx);
    if (!read.ok) return [];
    const c = read.ctx;
    return getCodeList('CitizenMessageContextTypeIdentifier', c.codeLists).filter((item) => {
      if (!isWithin(item, c.asOf)) return false;
      const sentBy = flagOrgs(item, 'sentBy');
      if (sentBy === null || !sentBy.includes(c.org.type)) return false;
      if (item.id === 11 && c.org.type !== 'akasse') return false;
      if (c.org.type === 'akasse') {
        const until = flagDate(item, 'akasseUntil') ?? (item.id === 2 ? AKASSE_PLAN_DRAFT_END : null);
        if (until !== null && c.asOf >= until) return false;
      }
      return get(item, 'id') === item.id;
    });
  } catch {
    return [];
  }
}

/**
 * The ophørsårsager a caseworker may pick to end an activity on `end` (default ctx.asOf): from the
 * code list (bundled, or refreshed from CodeListService), valid on the end date, never 14 and 15 (VITAS
 * only, seed 001 §3.1, PLAN_END_REASON_SYSTEM). Empty until DFDG's list names caseworker reasons (the
 * bundled list has none: their ids are not published). Sorted by id. Bad input → [].
 */
export function activityEndReasonsFor(ctx: RuleContext, end?: IsoDate): CodeListItem[] {
  try {
    const read = readContext(ctx);
    if (!read.ok) return [];
    const date = isValidIsoDate(end) ? end : read.ctx.asOf;
    return getCodeList('ActivityEndReasonTypeIdentifier', read.ctx.codeLists)
      .filter((item) => item.systemOnly !== true && isWithin(item, date))
      .sort((a, b) => a.id - b.id);
  } catch {
    return [];
  }
}
