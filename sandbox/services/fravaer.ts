// VisiteringOgStatus.FravaerService (Version 1), REST (wire-contract §3.1).
//
// ASSUMED (wire-contract §3.1, §6): FravaerDto beyond the request names; the historik path; 4593
// (type 78 created on or after 2022-09-19), 4594 (deleting a historic/current absence of type 8
// or 79), 4595 (unknown type, type not valid on the start date, or 79 on contact group 1 before
// 19-09-2022);
// the sandbox's own contact-group matrix (4591: type 1 on KG1 without person category; 4592: type
// 2 under 15 days on KG1); 4589 for an unknown fravaerIdentifier; absence ids unique per citizen;
// 4595 for type 11 "Sygdom – sygemelding" on create, update and delete: DFDG takes sickness through
// IllnessCompositeService (interfaces.md §3.2), so FravaerService shows it but does not register it.

import crypto from 'node:crypto';
import { isCurrentMember } from '../access';
import { codeItem, validOn } from '../codelists';
import { daysBetween, toRestDate } from '../dates';
import { json, Reject, type Env, type Req, type Res } from '../http';
import type { StoredAbsence } from '../model';
import { akasse, jobcenter } from '../orgs';
import type { BaseCitizen } from '../population';
import { callerRef, person, registeringUser } from './common';
import { cprHeader, Fields, guardReplay, jsonBody, requestId, uuidParam, type Route } from './rest';

const CODE = 1014;
const NOT_DELETABLE_HISTORIC = new Set([8, 79]);
/** Registered through IllnessCompositeService, not FravaerService. */
const SICKNESS = 11;
const SICKNESS_ELSEWHERE = 'Sygdom (11) registreres gennem IllnessCompositeService, ikke FravaerService';
const TYPE_78_CLOSED_FROM = '2022-09-19';
/** Release 2022-3: jobcentres may register sorgorlov on contact group 1 (seed 001 §2.1). */
const SORGORLOV_KG1_FROM = '2022-09-19';

export function routeFravaer(method: string, seg: string[]): Route | null {
  // seg: path segments after /v1/Fravaer
  if (method === 'POST' && seg.length === 0) return { op: 'CreateFravaer', params: [], write: true };
  if (method === 'POST' && seg.length === 1) return { op: 'CreateFravaerMedIdentifier', params: seg, write: true };
  if (method === 'PUT' && seg.length === 1) return { op: 'UpdateFravaer', params: seg, write: true };
  if (method === 'DELETE' && seg.length === 2) return { op: 'DeleteFravaer', params: seg, write: true };
  if (method === 'GET' && seg.length === 0) return { op: 'GetAlleFravaer', params: [], write: false };
  if (method === 'GET' && seg.length === 1 && seg[0]?.toLowerCase() === 'historik') return { op: 'GetFravaerHistorik', params: [], write: false };
  if (method === 'GET' && seg.length === 2) return { op: 'GetFravaer', params: seg, write: false };
  return null;
}

export function fravaerDto(a: StoredAbsence): Record<string, unknown> {
  const dto: Record<string, unknown> = {
    fravaerIdentifier: a.id,
    fravaerType: a.type,
    startDato: toRestDate(a.start),
  };
  if (a.end !== null) dto.slutDato = toRestDate(a.end);
  if (a.comment !== null) dto.fravaersKommentar = a.comment;
  dto.anmeldelsesDato = toRestDate(a.notificationDate);
  if (a.endReason !== null) dto.fravaersAfslutningsAarsag = a.endReason;
  dto.registreretAf = { organisationstype: a.registeredBy.orgTypeId, organisationskode: a.registeredBy.code };
  dto.oprettelsestidspunkt = a.created;
  dto.aendringstidspunkt = a.updated;
  return dto;
}

/** The fields of an absence a create or update carries (the rest is the sandbox's own). */
type AbsenceBody = Pick<StoredAbsence, 'type' | 'start' | 'end' | 'comment' | 'notificationDate' | 'endReason'>;

function readBody(f: Fields): AbsenceBody {
  return {
    type: f.int('fravaerType', [1, 10_000]),
    start: f.date('startDato'),
    end: f.optDate('slutDato'),
    comment: f.optStr('fravaersKommentar', [0, 1500]),
    notificationDate: f.date('anmeldelsesDato'),
    endReason: f.optInt('fravaersAfslutningsAarsag', [1, 10_000]),
  };
}

/** The business rules shared by create and update. */
function checkRules(env: Env, req: Req, c: BaseCitizen, b: AbsenceBody, previousType: number | null): void {
  const today = env.clock.today();
  // Type 78 can no longer be created (nor an absence turned into one); existing ones may be edited.
  if (b.type === 78 && previousType !== 78 && today >= TYPE_78_CLOSED_FROM) throw new Reject(4593);
  if (b.type === SICKNESS || previousType === SICKNESS) throw new Reject(4595, SICKNESS_ELSEWHERE);
  const item = codeItem('AbsenceTypeIdentifier', b.type);
  if (!item || !validOn(item, b.start)) throw new Reject(4595);
  if (b.end !== null && b.end < b.start) throw new Reject(1003);
  // Seed 001 §2.1: jobcentres register sorgorlov (a-kasser see it); on contact group 1 only from
  // release 2022-3 ("er blevet muligt": the day of registration, like 78's closing). Other groups: always.
  if (b.type === 79) {
    if (req.caller.org.type !== 'jobcenter') throw new Reject(4575, 'Sorgorlov (79) registreres kun af jobcentret');
    if (c.contactGroup === 1 && previousType !== 79 && today < SORGORLOV_KG1_FROM) throw new Reject(4595, 'Sorgorlov (79) på kontaktgruppe 1 først fra 19-09-2022');
  }
  if (b.type === 1 && c.contactGroup === 1 && c.personCategory === null) throw new Reject(4591);
  if (b.type === 2 && c.contactGroup === 1 && b.end !== null && daysBetween(b.start, b.end) + 1 < 15) throw new Reject(4592);
}

function notifyAbsence(env: Env, req: Req, c: BaseCitizen, a: StoredAbsence, changeType: 1 | 2 | 3): void {
  // rules.md ABS_NOTIFY: only for registered citizens in contact group 1, to both a-kasse and jobcenter.
  if (c.contactGroup !== 1 || c.registrationCategory === null) return;
  env.notifier.raise([isCurrentMember(c, env.clock.today()) ? akasse(c.akasseCode) : undefined, jobcenter(c.jobcenterCode)], {
    method: 'GetAbsenceVersion1',
    cpr: c.cpr,
    changeType,
    registeringAuthority: callerRef(req.caller),
    registeringUser: registeringUser(req.caller),
    entityId: a.id,
    extras: [
      ['AbsenceIdentifier', a.id],
      ['AbsenceTypeIdentifier', a.type],
    ],
  });
}

export function handleFravaer(env: Env, req: Req, route: Route): Res {
  const [p0, p1] = route.params;
  switch (route.op) {
    case 'CreateFravaer':
    case 'CreateFravaerMedIdentifier': {
      const rid = requestId(req, CODE);
      const cpr = cprHeader(req, CODE);
      const f = new Fields(jsonBody(req, CODE), CODE);
      const pathId = route.op === 'CreateFravaerMedIdentifier' ? uuidParam(p0, CODE, 'fravaerIdentifier') : null;
      const bodyId = route.op === 'CreateFravaer' ? (f.optUuid('fraværIdentifier') ?? f.optUuid('fravaerIdentifier')) : null;
      const b = readBody(f);
      const c = person(env, req.caller, cpr, { write: false, style: 'rest', unknownCode: 4404 });
      guardReplay(env, req, rid);
      if (c.deceasedDate !== null) throw new Reject(4405);
      const id = pathId ?? bodyId ?? crypto.randomUUID();
      const detail = env.state.detail(cpr);
      if (detail.absences.has(id)) throw new Reject(4977);
      checkRules(env, req, c, b, null);
      const now = env.clock.nowIso();
      const a: StoredAbsence = { id, ...b, registeredBy: callerRef(req.caller), created: now, updated: now };
      env.state.putAbsence(cpr, a, 1, now, null);
      env.state.recordLogical(`CreateFravaer:${id}`);
      notifyAbsence(env, req, c, a, 1);
      return json(201, { fravaerIdentifier: id });
    }
    case 'UpdateFravaer': {
      const rid = requestId(req, CODE);
      const cpr = cprHeader(req, CODE);
      const f = new Fields(jsonBody(req, CODE), CODE);
      const id = uuidParam(p0, CODE, 'fravaerIdentifier');
      const b = readBody(f);
      const rectification = f.optStr('berigtigelseskommentar', [0, 1500]);
      const c = person(env, req.caller, cpr, { write: false, style: 'rest', unknownCode: 4404 });
      guardReplay(env, req, rid);
      if (c.deceasedDate !== null) throw new Reject(4405);
      const old = env.state.detail(cpr).absences.get(id);
      if (!old) throw new Reject(4589);
      checkRules(env, req, c, b, old.type);
      const now = env.clock.nowIso();
      const a: StoredAbsence = { ...old, ...b, updated: now };
      env.state.putAbsence(cpr, a, 2, now, rectification);
      env.state.recordLogical(`UpdateFravaer:${req.caller.org.id}:${rid}`);
      notifyAbsence(env, req, c, a, 2);
      return json(200, { fravaerIdentifier: id });
    }
    case 'DeleteFravaer': {
      const rid = requestId(req, CODE);
      const cpr = cprHeader(req, CODE);
      const id = uuidParam(p0, CODE, 'fravaerIdentifier');
      const comment = p1 ?? '';
      const n = [...comment].length;
      if (n < 1 || n > 1500) throw new Reject(CODE, 'Berigtigelseskommentar must be 1..1500 characters');
      const c = person(env, req.caller, cpr, { write: false, style: 'rest', unknownCode: 4404 });
      guardReplay(env, req, rid);
      if (c.deceasedDate !== null) throw new Reject(4405);
      const a = env.state.detail(cpr).absences.get(id);
      if (!a) throw new Reject(4589);
      if (a.type === SICKNESS) throw new Reject(4595, SICKNESS_ELSEWHERE);
      if (a.start < env.clock.today() && NOT_DELETABLE_HISTORIC.has(a.type)) throw new Reject(4594);
      env.state.deleteAbsence(cpr, id, env.clock.nowIso(), comment);
      env.state.recordLogical(`DeleteFravaer:${req.caller.org.id}:${rid}`);
      notifyAbsence(env, req, c, a, 3);
      return { status: 204, outcome: 'applied' };
    }
    case 'GetAlleFravaer': {
      requestId(req, CODE);
      const cpr = cprHeader(req, CODE);
      person(env, req.caller, cpr, { write: false, style: 'rest', unknownCode: 4404 });
      const list = [...env.state.detail(cpr).absences.values()].sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : 0));
      return json(200, { fravaer: list.map(fravaerDto) });
    }
    case 'GetFravaer': {
      requestId(req, CODE);
      const cpr = (p0 ?? '').trim();
      const id = uuidParam(p1, CODE, 'fravaerIdentifier');
      person(env, req.caller, cpr, { write: false, style: 'rest', unknownCode: 4404 });
      const a = env.state.detail(cpr).absences.get(id);
      if (!a) throw new Reject(4589);
      return json(200, fravaerDto(a));
    }
    case 'GetFravaerHistorik': {
      requestId(req, CODE);
      const cpr = cprHeader(req, CODE);
      person(env, req.caller, cpr, { write: false, style: 'rest', unknownCode: 4404 });
      const historik = [...env.state.detail(cpr).absenceHistory]
        .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
        .map((h) => ({
          fravaerIdentifier: h.id,
          aendringstype: h.changeType,
          tidspunkt: h.at,
          ...(h.comment !== null ? { berigtigelseskommentar: h.comment } : {}),
          fravaer: fravaerDto(h.snapshot),
        }));
      return json(200, { historik });
    }
  }
  throw new Reject(CODE, 'Unknown operation');
}
