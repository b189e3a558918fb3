// The restrictions an absence type carries in the code list (who registers it, the contact groups
// DFDG refuses it on, each with its source), read once for the rules (checkAbsence) and the picker
// (absenceTypesFor), so the form refuses exactly what the rules refuse. A restriction from a seed or
// a document is an error and leaves the type out of the picker; an assumed one is a warning that
// says so, and the type stays on offer.

import type { CodeListItem, IsoDate, OrgType } from '../domain';
import type { ContactGroupRule, RestrictionSource } from '../codelists/types';
import { type Ctx, dk, flagOrgs, get, isRecord, label, readInt } from './internal';

export type RestrictionRule = NonNullable<ContactGroupRule['rule']>;

/** One restriction that refuses the type for this caseworker and citizen. */
export interface Refusal {
  rule: RestrictionRule;
  /** 'seed' | 'documented' refuse; 'assumed' warns. */
  sourced: boolean;
  /** What to tell the caseworker (Danish, without the assumed note). */
  message: string;
  field: 'type' | 'end';
  /** Needs the period to decide (Midlertidigt arbejde under 15 days): never hides the type. */
  needsPeriod: boolean;
  /** 'org': who registers it (holds for a correction too); 'group': the citizen's contact group (on creation). */
  kind: 'org' | 'group';
}

const ORG_NAME: Record<OrgType, string> = { akasse: 'a-kassen', jobcenter: 'jobcentret' };
const ORG_PLURAL: Record<OrgType, string> = { akasse: 'a-kasser', jobcenter: 'jobcentre' };

function readSource(v: unknown): RestrictionSource {
  const basis = get(v, 'basis');
  const source = get(v, 'source');
  const code = readInt(get(v, 'code'));
  const note = get(v, 'note');
  const out: RestrictionSource = {
    basis: basis === 'seed' || basis === 'documented' ? basis : 'assumed',
    source: typeof source === 'string' ? source : '',
  };
  if (code !== null) out.code = code;
  if (typeof note === 'string' && note.trim() !== '') out.note = note;
  return out;
}

function readGroupRules(item: CodeListItem): ContactGroupRule[] {
  const raw = get(item, 'contactGroupRules');
  if (!Array.isArray(raw)) return [];
  const out: ContactGroupRule[] = [];
  for (const r of raw as unknown[]) {
    if (!isRecord(r)) continue;
    const refusedOn = get(r, 'refusedOn');
    if (!Array.isArray(refusedOn)) continue;
    const rule: ContactGroupRule = { ...readSource(r), refusedOn: refusedOn.filter((g): g is number => readInt(g) !== null) };
    if (get(r, 'withoutPersonCategory') === true) rule.withoutPersonCategory = true;
    const minDays = readInt(get(r, 'minDays'));
    if (minDays !== null && minDays > 0) rule.minDays = minDays;
    const org = get(r, 'org');
    if (org === 'akasse' || org === 'jobcenter') rule.org = org;
    const before = get(r, 'before');
    if (typeof before === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(before)) rule.before = before;
    const id = get(r, 'rule');
    if (id === 'ABS79_GROUP' || id === 'ABS2_MIN_DAYS' || id === 'ABS_TYPE_ALLOWED') rule.rule = id;
    out.push(rule);
  }
  return out;
}

/** The rule concerns this citizen's contact group, this organisation, this day and person category (the period aside). */
function applies(r: ContactGroupRule, group: number, ctx: Ctx, today: IsoDate): boolean {
  if (!r.refusedOn.includes(group)) return false;
  if (r.org !== undefined && r.org !== ctx.org.type) return false;
  if (r.before !== undefined && today >= r.before) return false;
  if (r.withoutPersonCategory && ctx.citizen?.personCategory !== null) return false; // has one, or not known
  return true;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "DFDG afviser registreringen (fejl 4591)." or, assumed, "DFDG kan afvise registreringen (fejl 4591)." */
function consequence(src: RestrictionSource): string {
  const code = src.code !== undefined ? ` (fejl ${src.code})` : '';
  return src.basis === 'assumed' ? `DFDG kan afvise registreringen${code}.` : `DFDG afviser registreringen${code}.`;
}

/**
 * The restrictions that refuse `item` for ctx when registered on `today`. `days`: the length of the
 * period in days (null: open end or not known yet), for the rules that depend on it.
 */
export function refusalsOf(item: CodeListItem, ctx: Ctx, today: IsoDate, days: number | null): Refusal[] {
  const out: Refusal[] = [];
  const name = label('AbsenceTypeIdentifier', item.id, ctx.codeLists);
  const by = flagOrgs(item, 'registrableBy');
  if (by !== null && by.length > 0 && !by.includes(ctx.org.type)) {
    const src = readSource(get(item, 'registrableBySource'));
    const who = by.map((o) => ORG_NAME[o]).join(' og ');
    const message =
      src.basis === 'assumed'
        ? `Fraværstypen ${name} registreres normalt af ${who}, ikke af ${ORG_NAME[ctx.org.type]}. ${consequence(src)}`
        : `Fraværstypen ${name} registreres af ${who}, ikke af ${ORG_NAME[ctx.org.type]}.${src.note ? ` ${src.note}` : ''}`;
    out.push({ rule: 'ABS_TYPE_ALLOWED', sourced: src.basis !== 'assumed', message, field: 'type', needsPeriod: false, kind: 'org' });
  }
  const group = ctx.citizen?.contactGroup;
  if (typeof group !== 'number') return out; // no or unknown contact group: nothing to judge
  for (const r of readGroupRules(item)) {
    if (!applies(r, group, ctx, today)) continue;
    // Decided by the period: refused only when it is known to be too short.
    if (r.minDays !== undefined && (days === null || days >= r.minDays)) continue;
    const conditions = [
      r.org !== undefined ? `af ${ORG_PLURAL[r.org]}` : '',
      `på borgere i kontaktgruppe ${label('ContactGroupTypeIdentifier', group, ctx.codeLists)}`,
      r.withoutPersonCategory ? 'uden personkategori' : '',
      r.before !== undefined ? `før ${dk(r.before)}` : '',
      r.minDays !== undefined && days !== null ? `for en periode på under ${r.minDays} dage (perioden er på ${plural(days, 'dag', 'dage')})` : '',
    ].filter(Boolean);
    out.push({
      rule: r.rule ?? 'ABS_TYPE_ALLOWED',
      sourced: r.basis !== 'assumed',
      message: `Fraværstypen ${name} kan ikke registreres ${conditions.join(' ')}. ${consequence(r)}${r.note ? ` ${r.note}` : ''}`,
      field: r.minDays !== undefined ? 'end' : 'type',
      needsPeriod: r.minDays !== undefined,
      kind: 'group',
    });
  }
  return out;
}

/** Whether the type can be offered at all when registered on `today` (no sourced refusal that holds whatever the period). */
export function offerable(item: CodeListItem, ctx: Ctx, today: IsoDate): boolean {
  return !refusalsOf(item, ctx, today, null).some((r) => r.sourced && !r.needsPeriod);
}

/**
 * What the picker says beside a type that DFDG may refuse for this citizen by an assumed restriction
 * (the rules warn once it is chosen), e.g. "under 15 dage kan afvises (fejl 4592) – antaget"; null
 * when there is nothing to say.
 */
export function cautionOf(item: CodeListItem, ctx: Ctx, today: IsoDate): string | null {
  const parts: string[] = [];
  const by = flagOrgs(item, 'registrableBy');
  if (by !== null && by.length > 0 && !by.includes(ctx.org.type) && readSource(get(item, 'registrableBySource')).basis === 'assumed') {
    parts.push(`registreres normalt af ${by.map((o) => ORG_NAME[o]).join(' og ')}`);
  }
  const group = ctx.citizen?.contactGroup;
  if (typeof group === 'number') {
    for (const r of readGroupRules(item)) {
      if (r.basis !== 'assumed' || !applies(r, group, ctx, today)) continue;
      const code = r.code !== undefined ? ` (fejl ${r.code})` : '';
      parts.push(r.minDays !== undefined ? `under ${r.minDays} dage kan afvises${code}` : `kan afvises for borgerens kontaktgruppe${code}`);
    }
  }
  return parts.length > 0 ? `${parts.join('; ')} – antaget` : null;
}
