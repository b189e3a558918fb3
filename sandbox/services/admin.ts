// /_sandbox/* (wire-contract §5): stats, faults, clock, reset, citizen patches, the sample, and
// synthetic notifications for load and fault tests. The server lets only the admin certificate in here.

import crypto from 'node:crypto';
import { isCurrentMember } from '../access';
import { addDays, isValidDate, type Clock } from '../dates';
import type { Faults } from '../faults';
import { FaultError, parseFaults } from '../faults';
import { json, type Env, type Req, type Res } from '../http';
import { NOTIFICATION_METHODS, type CitizenPatch, type StoredNotification } from '../model';
import { akasse, AKASSE_CODES, jobcenter, orgById, ORG_TYPE_AKASSE, ORG_TYPE_JOBCENTER } from '../orgs';
import { MUNICIPALITY_OF_JOBCENTER, type BaseCitizen } from '../population';
import type { Sample } from '../sample';
import type { Stats } from '../stats';
import { endActivityAsVitas } from './personActivityStatus';

export interface AdminDeps {
  env: Env;
  clock: Clock;
  faults: Faults;
  stats: Stats;
  reset: () => void;
  sample: () => Sample;
}

/** ASSUMED: the registering authority of admin-made changes is STAR (organisation type 1). */
const STAR = { orgTypeId: 1, code: '1' };
const SYSTEM_USER = { fullName: 'DFDG sandbox', userIdentifier: 'sandbox-admin' };

function bad(text: string): Res {
  return json(400, { fejlkode: 400, fejltekst: text }, 'rejected');
}

function body(req: Req): unknown {
  const text = req.body.toString('utf8').trim();
  if (text === '') return {};
  return JSON.parse(text);
}

export function citizenSummary(c: BaseCitizen): Record<string, unknown> {
  return {
    cpr: c.cpr,
    name: `${c.givenName} ${c.surname}`,
    contactGroup: c.contactGroup,
    registrationCategory: c.registrationCategory,
    personCategory: c.personCategory,
    akasseCode: c.akasseCode,
    membershipStart: c.membershipStart,
    membershipEnd: c.membershipEnd,
    jobcenterCode: c.jobcenterCode,
    deceasedDate: c.deceasedDate,
  };
}

const NULLABLE_INT = (v: unknown) => v === null || (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 10_000);

function patchCitizen(deps: AdminDeps, cpr: string, input: unknown): Res {
  const { env } = deps;
  const c = env.state.citizen(cpr);
  if (!c) return json(404, { fejlkode: 1010, fejltekst: 'Unknown cpr' }, 'rejected');
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return bad('patch must be a JSON object');
  const o = input as Record<string, unknown>;
  const allowed = new Set(['contactGroup', 'registrationCategory', 'personCategory', 'akasseCode', 'jobcenterCode', 'deceased']);
  for (const k of Object.keys(o)) if (!allowed.has(k)) return bad(`unknown field ${k}`);
  const today = env.clock.today();
  const patch: CitizenPatch = {};
  for (const k of ['contactGroup', 'registrationCategory', 'personCategory'] as const) {
    if (k in o) {
      if (!NULLABLE_INT(o[k])) return bad(`${k} must be an integer or null`);
      patch[k] = o[k] as number | null;
    }
  }
  if ('jobcenterCode' in o) {
    if (typeof o.jobcenterCode !== 'string' || !jobcenter(o.jobcenterCode)) return bad('jobcenterCode must be 10100, 10101 or 75100');
    patch.jobcenterCode = o.jobcenterCode;
    patch.municipalityCode = MUNICIPALITY_OF_JOBCENTER[o.jobcenterCode] ?? c.municipalityCode;
  }
  if ('deceased' in o) {
    if (typeof o.deceased !== 'boolean') return bad('deceased must be true or false');
    patch.deceasedDate = o.deceased ? (c.deceasedDate ?? today) : null;
  }
  let membership: { from: string | null; to: string | null } | null = null;
  if ('akasseCode' in o) {
    const code = o.akasseCode;
    if (code !== null && (typeof code !== 'string' || !(AKASSE_CODES as readonly string[]).includes(code))) return bad('akasseCode must be 067, 084 or null');
    const current = isCurrentMember(c, today) ? c.akasseCode : null;
    if (code !== current) {
      membership = { from: current, to: code };
      if (code === null) patch.membershipEnd = addDays(today, -1);
      else {
        patch.akasseCode = code;
        patch.membershipStart = today;
        patch.membershipEnd = null;
      }
    }
  }
  env.state.patchCitizen(cpr, patch);
  if (membership) {
    const { from, to } = membership;
    env.notifier.raise([akasse(from), akasse(to)], {
      method: 'GetPersonUnemploymentFundSaveMembershipVersion5',
      cpr,
      changeType: to === null ? 3 : from === null ? 1 : 2,
      registeringAuthority: STAR,
      registeringUser: SYSTEM_USER,
      entityId: null,
      extras: [
        ['UnemploymentFundCode', to ?? from],
        ['PreviousUnemploymentFundCode', to === null ? null : from],
        ['MembershipStartDate', to === null ? c.membershipStart : today],
      ],
    });
  }
  const updated = env.state.citizen(cpr);
  return json(200, updated ? citizenSummary(updated) : {});
}

const MAX_RAISE = 20_000;

/** Per kind: the registering party and elements of a synthetic notification (as the real events raise them). */
function syntheticExtras(method: string, receiver: 'akasse' | 'jobcenter', today: string): [string, string | number | null][] {
  const id = crypto.randomUUID();
  switch (method) {
    case 'GetCitizenMessageVersion1':
      // To a jobcenter: the a-kasse's recommendation (type 11); to an a-kasse: a jobcenter message (type 1).
      return [['CitizenMessageIdentifier', id], ['CitizenMessageContextTypeIdentifier', receiver === 'jobcenter' ? 11 : 1], ['ResponseToMessageIdentifier', null]];
    case 'GetAbsenceVersion1':
      return [['AbsenceIdentifier', id], ['AbsenceTypeIdentifier', 10]];
    case 'GetActivityGeneralEventVersion3':
      return [['ActivityIdentifier', id], ['ActivationTypeIdentifier', 1], ['ActivityStartDate', today], ['ActivityEndDate', null], ['ActivityEndReasonTypeIdentifier', null]];
    case 'GetIndkaldelseVersion1':
      return [['IndkaldelseIdentifier', id]];
    default:
      return [];
  }
}

/**
 * POST /_sandbox/notifications {org, count, method?, invalid?, extras?}: queues `count` synthetic
 * notifications for `org` (citizens it may see, in turn), as if the other party had acted. `method`
 * may name a kind no client knows; `invalid` reproduces seed 001's fault (Get<Event> of that kind
 * fails); `extras` replaces the kind's elements (e.g. a malformed value). No entity stands behind them.
 */
function raiseNotifications(deps: AdminDeps, input: unknown): Res {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return bad('body must be a JSON object');
  const o = input as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!['org', 'count', 'method', 'invalid', 'extras'].includes(k)) return bad(`unknown field ${k}`);
  const org = typeof o.org === 'string' ? orgById(o.org) : undefined;
  if (!org || org.type === 'admin') return bad('org must be an organisation id, e.g. jobcenter-10100');
  const count = o.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_RAISE) return bad(`count must be an integer in 1..${MAX_RAISE}`);
  const method = o.method ?? 'GetCitizenMessageVersion1';
  if (typeof method !== 'string' || !/^Get[A-Za-z]+Version\d+$/.test(method)) return bad('method must look like Get<Event>Version<N>');
  if (o.invalid !== undefined && typeof o.invalid !== 'boolean') return bad('invalid must be true or false');
  const extras = o.extras;
  if (
    extras !== undefined &&
    !(Array.isArray(extras) && extras.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && /^[A-Za-z]+$/.test(e[0]) && (e[1] === null || typeof e[1] === 'string' || typeof e[1] === 'number')))
  )
    return bad('extras must be a list of [ElementName, value]');
  const { env } = deps;
  const today = env.clock.today();
  const sees = (i: number): boolean => {
    const c = env.state.citizenAt(i);
    if (!c || c.deceasedDate !== null) return false;
    return org.type === 'jobcenter' ? c.jobcenterCode === org.code : c.akasseCode === org.code && isCurrentMember(c, today);
  };
  const citizens: string[] = [];
  for (let i = 0; i < env.state.pop.citizens.length; i++) if (sees(i)) citizens.push(env.state.citizenAt(i)!.cpr);
  if (citizens.length === 0) return bad(`no citizen is visible to ${org.id}`);
  const from = org.type === 'jobcenter' ? { orgTypeId: ORG_TYPE_AKASSE, code: AKASSE_CODES[0] } : { orgTypeId: ORG_TYPE_JOBCENTER, code: '10100' };
  const ids: string[] = [];
  for (let n = 0; n < count; n++) {
    const stored: StoredNotification = {
      messageIdentifier: crypto.randomUUID(),
      method,
      cpr: citizens[n % citizens.length]!,
      changeType: 1,
      eventDateTime: env.clock.nowIso(),
      registeringAuthority: from,
      registeringUser: { fullName: 'Synthetic caseworker', userIdentifier: 'sandbox-synthetic' },
      entityId: null,
      extras: (extras as [string, string | number | null][] | undefined) ?? syntheticExtras(method, org.type, today),
      ...(o.invalid ? { invalid: "Lokationsuddybning er en tom streng" } : {}),
    };
    env.state.notify(org.id, stored);
    ids.push(stored.messageIdentifier);
  }
  return json(200, { org: org.id, method, known: (NOTIFICATION_METHODS as readonly string[]).includes(method), messageIdentifiers: ids });
}

/**
 * POST /_sandbox/vitas-end {cpr, activityId, end, endReason}: VITAS ends an activity with ophørsårsag
 * 14 or 15 (seed 001 §3.1), registered by STAR, and the a-kasse is notified as DFDG notifies it.
 */
function vitasEnd(deps: AdminDeps, input: unknown): Res {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return bad('body must be a JSON object');
  const o = input as Record<string, unknown>;
  if (typeof o.cpr !== 'string' || typeof o.activityId !== 'string') return bad('cpr and activityId must be strings');
  if (typeof o.end !== 'string' || !isValidDate(o.end)) return bad('end must be YYYY-MM-DD');
  if (o.endReason !== 14 && o.endReason !== 15) return bad('endReason must be 14 or 15 (the VITAS ophørsårsager)');
  const ok = endActivityAsVitas(deps.env, { authority: STAR, user: SYSTEM_USER }, o.cpr, o.activityId, o.end, o.endReason);
  return ok ? json(200, { ended: true }) : json(404, { fejlkode: 4589, fejltekst: 'Unknown citizen or activity' }, 'rejected');
}

export function handleAdmin(deps: AdminDeps, req: Req, seg: string[]): Res {
  const [what, arg] = seg;
  try {
    if (req.method === 'GET' && what === 'stats' && seg.length === 1)
      return json(200, { ...deps.stats.snapshot(deps.env.state.logical), webhook: { ...deps.env.notifier.webhook } });
    if (req.method === 'GET' && what === 'requests' && arg && seg.length === 3) return json(200, { applied: deps.stats.appliedUnder(`${arg}:${seg[2]}`) });
    if (req.method === 'GET' && what === 'faults' && seg.length === 1) return json(200, deps.faults.settings);
    if (req.method === 'POST' && what === 'faults' && seg.length === 1) {
      deps.faults.set(parseFaults(body(req)));
      return json(200, deps.faults.settings);
    }
    if (req.method === 'GET' && what === 'clock' && seg.length === 1) return json(200, { today: deps.clock.today(), overridden: deps.clock.overridden });
    if (req.method === 'POST' && what === 'clock' && seg.length === 1) {
      const b = body(req) as Record<string, unknown>;
      const t = b?.today;
      if (t !== null && (typeof t !== 'string' || !isValidDate(t))) return bad('today must be YYYY-MM-DD or null');
      deps.clock.set(t);
      return json(200, { today: deps.clock.today(), overridden: deps.clock.overridden });
    }
    if (req.method === 'POST' && what === 'reset' && seg.length === 1) {
      deps.reset();
      return json(200, { reset: true });
    }
    if (req.method === 'GET' && what === 'sample' && seg.length === 1) return json(200, deps.sample());
    if (req.method === 'GET' && what === 'citizens' && arg && seg.length === 2) {
      const c = deps.env.state.citizen(arg);
      return c ? json(200, citizenSummary(c)) : json(404, { fejlkode: 1010, fejltekst: 'Unknown cpr' }, 'rejected');
    }
    if (req.method === 'POST' && what === 'citizens' && arg && seg.length === 2) return patchCitizen(deps, arg, body(req));
    if (req.method === 'POST' && what === 'notifications' && seg.length === 1) return raiseNotifications(deps, body(req));
    if (req.method === 'POST' && what === 'vitas-end' && seg.length === 1) return vitasEnd(deps, body(req));
  } catch (e) {
    if (e instanceof FaultError) return bad(e.message);
    if (e instanceof SyntaxError) return bad('the body is not valid JSON');
    throw e;
  }
  return json(404, { fejlkode: 404, fejltekst: 'Ukendt adresse' }, 'rejected');
}
