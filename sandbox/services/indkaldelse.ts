// Kontaktforloeb.IndkaldelseService, REST (wire-contract §3.2): GetIndkaldelser and
// CreateIndkaldelse with the validations of interfaces.md §9 and the 900xx codes.
//
// ASSUMED (wire-contract §3.2, §6): the request body is IndkaldelseDto without the id and myndighed
// (the caller is the myndighed); form 8 without digitaltMoedelink → 99000; an existing
// indkaldelseIdentifier → 4977; an a-kasse sees the interview types of interfaces.md §6 only.

import { isCurrentMember } from '../access';
import { codeItem, validOn } from '../codelists';
import { json, Reject, type Env, type Req, type Res } from '../http';
import type { StoredMeeting } from '../model';
import { akasse, jobcenter } from '../orgs';
import { callerRef, person, registeringUser } from './common';
import { cprHeader, Fields, guardReplay, jsonBody, requestId, uuidParam, type Route } from './rest';

const CODE = 99000;
const AKASSE_VISIBLE_TYPES = new Set([7, 8, 9, 10, 11, 12, 13, 15, 17]);

export function routeIndkaldelse(method: string, seg: string[]): Route | null {
  if (method === 'GET' && seg.length === 0) return { op: 'GetIndkaldelser', params: [], write: false };
  if (method === 'POST' && seg.length === 1) return { op: 'CreateIndkaldelse', params: seg, write: true };
  return null;
}

export function indkaldelseDto(m: StoredMeeting): Record<string, unknown> {
  const o: Record<string, unknown> = { indkaldelseIdentifier: m.id, moedeStarttidspunkt: m.start };
  if (m.end !== null) o.moedeSluttidspunkt = m.end;
  o.samtaleType = m.interviewType;
  o.afholdelsesform = m.form;
  if (m.location !== null) o.lokation = m.location;
  if (m.locationDetail !== null) o.lokationsuddybning = m.locationDetail;
  if (m.digitalLink !== null) o.digitaltMoedelink = m.digitalLink;
  o.selvbooket = m.selfBooked;
  o.ombookingMulig = m.rebookingPossible;
  if (m.rebookingDeadline !== null) o.ombookingsfrist = m.rebookingDeadline;
  o.aflysningMulig = m.cancelPossible;
  if (m.cancelDeadline !== null) o.aflysningsfrist = m.cancelDeadline;
  o.myndighed = { organisationstype: m.organisation.orgTypeId, organisationskode: m.organisation.code, navn: m.organisation.name };
  return o;
}

export function handleIndkaldelse(env: Env, req: Req, route: Route): Res {
  const org = req.caller.org;
  if (route.op === 'GetIndkaldelser') {
    requestId(req, CODE);
    const cpr = cprHeader(req, CODE);
    person(env, req.caller, cpr, { write: false, style: 'rest' });
    const list = env.state
      .detail(cpr)
      .meetings.filter((m) => org.type !== 'akasse' || AKASSE_VISIBLE_TYPES.has(m.interviewType))
      .sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : 0));
    return json(200, { indkaldelser: list.map(indkaldelseDto) });
  }

  // CreateIndkaldelse
  const rid = requestId(req, CODE);
  const cpr = cprHeader(req, CODE);
  const id = uuidParam(route.params[0], CODE, 'indkaldelseId');
  const f = new Fields(jsonBody(req, CODE), CODE);
  const start = f.dateTime('moedeStarttidspunkt');
  const end = f.optDateTime('moedeSluttidspunkt');
  const interviewType = f.int('samtaleType', [0, 10_000]);
  const form = f.int('afholdelsesform', [0, 10_000]);
  const location = f.optStr('lokation', [1, 256]);
  // rules.md MEET_LOCATION_EMPTY: absent or non-empty, never "".
  const locationDetail = f.optStr('lokationsuddybning', [1, 256]);
  const digitalLink = f.optStr('digitaltMoedelink', [1, 2048]);
  const selfBooked = f.optBool('selvbooket') ?? false;
  const rebookingPossible = f.bool('ombookingMulig');
  const rebookingDeadline = f.optDateTime('ombookingsfrist');
  const cancelPossible = f.bool('aflysningMulig');
  const cancelDeadline = f.optDateTime('aflysningsfrist');
  if (form === 8 && digitalLink === null) throw new Reject(CODE, 'digitaltMoedelink is required for afholdelsesform 8');

  // An a-kasse interview on a non-member / another a-kasse's member: 90006 / 90007 (before 4575).
  if (org.type === 'akasse') {
    const c0 = env.state.citizen(cpr);
    if (c0 && !isCurrentMember(c0, env.clock.today())) throw new Reject(90006);
    if (c0 && c0.akasseCode !== org.code) throw new Reject(90007);
  }
  const c = person(env, req.caller, cpr, { write: false, style: 'rest' });
  guardReplay(env, req, rid);
  if (c.deceasedDate !== null) throw new Reject(4405);
  const detail = env.state.detail(cpr);
  if (detail.meetings.some((m) => m.id === id)) throw new Reject(4977);
  const today = env.clock.today();
  const formItem = codeItem('InterviewContactTypeIdentifier', form);
  if (!formItem || !validOn(formItem, today)) throw new Reject(90000);
  if (!codeItem('InterviewTypeIdentifier', interviewType)) throw new Reject(90001);
  if (start.slice(0, 10) < today) throw new Reject(90002);
  if (end !== null && end < start) throw new Reject(90004);
  if (!rebookingPossible && rebookingDeadline !== null) throw new Reject(90009);
  if (rebookingPossible && rebookingDeadline === null) throw new Reject(90010);
  if (!cancelPossible && cancelDeadline !== null) throw new Reject(90014);

  const meeting: StoredMeeting = {
    id,
    start,
    end,
    interviewType,
    form,
    location,
    locationDetail,
    digitalLink,
    selfBooked,
    rebookingPossible,
    rebookingDeadline,
    cancelPossible,
    cancelDeadline,
    organisation: { ...callerRef(req.caller), name: org.name },
    created: env.clock.nowIso(),
  };
  env.state.addMeeting(cpr, meeting);
  env.state.recordLogical(`CreateIndkaldelse:${id}`);
  env.notifier.raise([jobcenter(c.jobcenterCode), isCurrentMember(c, today) ? akasse(c.akasseCode) : undefined], {
    method: 'GetIndkaldelseVersion1',
    cpr,
    changeType: 1,
    registeringAuthority: callerRef(req.caller),
    registeringUser: registeringUser(req.caller),
    entityId: id,
    extras: [['IndkaldelseIdentifier', id]],
  });
  return json(201, { indkaldelseIdentifier: id });
}
