// Kontaktforloeb.IndkaldelseService, REST (wire-contract §3.2): GetIndkaldelser, CreateIndkaldelse,
// UpdateIndkaldelse (ombooking) and DeleteIndkaldelse (aflysning) with the validations of
// interfaces.md §9 and the 900xx codes; each write raises GetIndkaldelseVersion1 to the citizen's
// jobcenter and a-kasse (change type 1, 2, 3), and the citizen sees the meeting on Jobnet
// (services/jobnet.ts).
//
// ASSUMED (wire-contract §3.2, §6; sandbox-contract.md "Meetings"): the request body is
// IndkaldelseDto without the id and myndighed (the caller is the myndighed); form 8 without
// digitaltMoedelink → 99000; an empty lokationsuddybning → 99000 (seed 001: DFDG's own fault was to
// accept it); an existing indkaldelseIdentifier → 4977; Update is PUT and Delete is DELETE on
// `/v1/Indkaldelse/{id}`; an unknown id on update/delete → 90036 (HTTP 404); only the organisation
// that created the invitation may change or cancel it → 4575 (interfaces.md §9.2: the owner may);
// the participating authorities come inline as `myndighedsdeltagere`; an a-kasse sees, and is
// notified of, the interview types of interfaces.md §6 only.

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
  if (method === 'PUT' && seg.length === 1) return { op: 'UpdateIndkaldelse', params: seg, write: true };
  if (method === 'DELETE' && seg.length === 1) return { op: 'DeleteIndkaldelse', params: seg, write: true };
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
  if (m.participants && m.participants.length) o.myndighedsdeltagere = m.participants.map((p) => ({ navn: p.name, ...(p.contact ? { kontaktdetaljer: p.contact } : {}) }));
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

  const rid = requestId(req, CODE);
  const cpr = cprHeader(req, CODE);
  const id = uuidParam(route.params[0], CODE, 'indkaldelseId');
  // The body's shape first (99000), as DFDG validates the message before it looks at the data.
  const fields = route.op === 'DeleteIndkaldelse' ? null : parse(jsonBody(req, CODE));
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
  const existing = detail.meetings.find((m) => m.id === id) ?? null;
  const today = env.clock.today();
  const notify = (changeType: 1 | 2 | 3, interviewType: number) =>
    env.notifier.raise(
      [jobcenter(c.jobcenterCode), isCurrentMember(c, today) && AKASSE_VISIBLE_TYPES.has(interviewType) ? akasse(c.akasseCode) : undefined],
      {
        method: 'GetIndkaldelseVersion1',
        cpr,
        changeType,
        registeringAuthority: callerRef(req.caller),
        registeringUser: registeringUser(req.caller),
        entityId: id,
        extras: [['IndkaldelseIdentifier', id]],
      },
    );

  if (route.op === 'CreateIndkaldelse') {
    if (existing) throw new Reject(4977);
    const meeting: StoredMeeting = { id, ...check(fields!, today), organisation: { ...callerRef(req.caller), name: org.name }, created: env.clock.nowIso() };
    env.state.addMeeting(cpr, meeting);
    env.state.recordLogical(`CreateIndkaldelse:${id}`);
    notify(1, meeting.interviewType);
    return json(201, { indkaldelseIdentifier: id });
  }

  if (!existing) throw new Reject(90036);
  const own = existing.organisation.orgTypeId === callerRef(req.caller).orgTypeId && existing.organisation.code === callerRef(req.caller).code;
  if (!own) throw new Reject(4575, 'Kun den myndighed, der oprettede indkaldelsen, kan ændre eller aflyse den');
  if (route.op === 'UpdateIndkaldelse') {
    const meeting: StoredMeeting = { ...existing, ...check(fields!, today), selfBooked: existing.selfBooked };
    env.state.putMeeting(cpr, meeting);
    env.state.recordLogical(`UpdateIndkaldelse:${rid}`);
    notify(2, meeting.interviewType);
    return json(200, { indkaldelseIdentifier: id });
  }
  env.state.deleteMeeting(cpr, id);
  env.state.recordLogical(`DeleteIndkaldelse:${id}`);
  notify(3, existing.interviewType);
  return json(204, null);
}

type MeetingFields = Omit<StoredMeeting, 'id' | 'organisation' | 'created'>;

/** The invitation's fields, read as DFDG's schema reads them (99000 on a wrong shape). */
function parse(body: Record<string, unknown>): MeetingFields {
  const f = new Fields(body, CODE);
  const start = f.dateTime('moedeStarttidspunkt');
  const end = f.optDateTime('moedeSluttidspunkt');
  const interviewType = f.int('samtaleType', [0, 10_000]);
  const form = f.int('afholdelsesform', [0, 10_000]);
  const location = f.optStr('lokation', [1, 256]);
  // rules.md MEET_LOCATION_EMPTY: absent or non-empty, never "" (nor blank).
  const locationDetail = f.optStr('lokationsuddybning', [1, 256]);
  if (locationDetail !== null && locationDetail.trim() === '') throw new Reject(CODE, 'lokationsuddybning must not be blank');
  const digitalLink = f.optStr('digitaltMoedelink', [1, 2048]);
  const selfBooked = f.optBool('selvbooket') ?? false;
  const rebookingPossible = f.bool('ombookingMulig');
  const rebookingDeadline = f.optDateTime('ombookingsfrist');
  const cancelPossible = f.bool('aflysningMulig');
  const cancelDeadline = f.optDateTime('aflysningsfrist');
  const participants = participantsOf(body.myndighedsdeltagere);
  if (form === 8 && digitalLink === null) throw new Reject(CODE, 'digitaltMoedelink is required for afholdelsesform 8');
  return { start, end, interviewType, form, location, locationDetail, digitalLink, selfBooked, rebookingPossible, rebookingDeadline, cancelPossible, cancelDeadline, participants };
}

function participantsOf(v: unknown): { name: string; contact: string | null }[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.length > 10) throw new Reject(CODE, 'myndighedsdeltagere must be an array of at most 10');
  return v.map((p) => {
    if (p === null || typeof p !== 'object' || Array.isArray(p)) throw new Reject(CODE, 'myndighedsdeltagere items must be objects');
    const f = new Fields(p as Record<string, unknown>, CODE);
    return { name: f.str('navn', [1, 256]), contact: f.optStr('kontaktdetaljer', [1, 256]) };
  });
}

/** DFDG's business checks on create and update (interfaces.md §9.5). */
function check(m: MeetingFields, today: string): MeetingFields {
  const formItem = codeItem('InterviewContactTypeIdentifier', m.form);
  // The form must be in use on the meeting's day too (a form retired by then is refused).
  const day = m.start.slice(0, 10) > today ? m.start.slice(0, 10) : today;
  if (!formItem || !validOn(formItem, today) || !validOn(formItem, day)) throw new Reject(90000);
  if (!codeItem('InterviewTypeIdentifier', m.interviewType)) throw new Reject(90001);
  if (m.start.slice(0, 10) < today) throw new Reject(90002);
  if (m.end !== null && m.end < m.start) throw new Reject(90004);
  if (!m.rebookingPossible && m.rebookingDeadline !== null) throw new Reject(90009);
  if (m.rebookingPossible && m.rebookingDeadline === null) throw new Reject(90010);
  if (!m.cancelPossible && m.cancelDeadline !== null) throw new Reject(90014);
  return m;
}
