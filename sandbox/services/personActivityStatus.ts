// PersonActivityStatusService (Version 2): GetPersonActivityStatus and CreateActivity
// (wire-contract §2.6). ASSUMED: ActivityName, ActivityEndReasonTypeIdentifier, the place of the
// CPR in CreateActivity, 4977 for an existing ActivityIdentifier, 4575 for an a-kasse creating.
//
// UpdateActivity (new dates) and EndActivity (end date and ophørsårsag): ASSUMED as a whole. DFDG
// publishes no operation for changing or ending an activity (shared/dfdg/interfaces.md §4 and §13 item
// 8); the jobcenter systems do it, and DFDG raises GetActivityGeneralEventVersion3 to the a-kasse
// (interfaces.md §4, sandbox-contract "activity created/ended"). The names, the flat request and the
// refusals are ours: 4575 for an a-kasse (as CreateActivity), 4589 for an ActivityIdentifier DFDG does
// not know, 1003 for an end before the start, 1014 for an ophørsårsag not in the code list or not valid
// on the end date. Not refused: ophørsårsag 14 and 15 from a caseworker (seed 001 §3.1 says they are
// not meant for caseworkers, not that DFDG refuses them; the client never offers them).

import crypto from 'node:crypto';
import { codeItem, validOn } from '../codelists';
import { Reject } from '../http';
import type { StoredActivity } from '../model';
import type { BaseCitizen } from '../population';
import { akasse } from '../orgs';
import { isCurrentMember } from '../access';
import { int, obj, optStr, str, type Spec } from '../schema';
import type { SoapCtx, SoapService } from '../soap';
import { el, opt, type WEl } from '../xml';
import { person } from './common';

const CREATE_SPEC: Spec = {
  ActivityItem: {
    t: 'obj',
    fields: {
      PersonCivilRegistrationIdentifier: { t: 'str', len: [0, 64] },
      ActivityCoreItem: {
        t: 'obj',
        fields: {
          ActivityIdentifier: { t: 'guid', min: 0 },
          StartDate: { t: 'date' },
          EndDate: { t: 'date', min: 0 },
          ActivationTypeIdentifier: { t: 'int', range: [0, 10_000] },
          BottleneckSector: { t: 'str', min: 0, len: [1, 100] },
          HoursPerWeek: { t: 'int', range: [0, 59] },
          MinutesPerWeek: { t: 'int', range: [0, 59] },
          ActivityName: { t: 'str', len: [1, 100] },
          ResponsibleAuthority: {
            t: 'obj',
            fields: {
              AuthorityStructure: {
                t: 'obj',
                fields: {
                  AuthorityCode: { t: 'str', pattern: /^(-1|[0-9]{1,8})$/ },
                  AuthorityName: { t: 'str', len: [1, 100] },
                  OrganisationTypeIdentifier: { t: 'int', min: 0, range: [1, 100] },
                },
              },
              CaseWorker: {
                t: 'obj',
                fields: {
                  CaseWorkerGivenName: { t: 'str', len: [1, 50] },
                  CaseWorkerMiddleName: { t: 'str', min: 0, len: [1, 40] },
                  CaseWorkerSurname: { t: 'str', len: [1, 40] },
                },
              },
            },
          },
        },
      },
    },
  },
};

const CHANGE_FIELDS: Spec = {
  PersonCivilRegistrationIdentifier: { t: 'str', len: [0, 64] },
  ActivityIdentifier: { t: 'guid' },
};
const UPDATE_SPEC: Spec = { ...CHANGE_FIELDS, StartDate: { t: 'date' }, EndDate: { t: 'date', min: 0 } };
const END_SPEC: Spec = { ...CHANGE_FIELDS, EndDate: { t: 'date' }, ActivityEndReasonTypeIdentifier: { t: 'int', range: [0, 10_000] } };

function activityXml(a: StoredActivity): WEl {
  return el('ActivityType', [
    el('ActivityIdentifier', a.id),
    el('ActivityStartDate', a.start),
    opt('ActivityEndDate', a.end),
    opt('ActivationTypeIdentifier', a.activationType),
    el('ActivityName', a.name),
    opt('ActivityEndReasonTypeIdentifier', a.endReason),
    opt('HoursPerWeek', a.hoursPerWeek),
    el('ResponsibleAuthority', [el('AuthorityCode', a.authority.code), el('AuthorityName', a.authority.name)]),
    el('CreatedDateTime', a.created),
  ]);
}

function getPersonActivityStatus(ctx: SoapCtx): WEl[] {
  const { env, caller, body } = ctx;
  const cpr = str(body, 'PersonCivilRegistrationIdentifier');
  person(env, caller, cpr, { write: false, style: 'soap' });
  const list = [...env.state.detail(cpr).activities].sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : 0));
  return [el('RehabilitationProcessInfo'), el('ActivityInfo', [el('Activities', list.map(activityXml))])];
}

export function logicalActivityKey(id: string | null, content: unknown): string {
  return id ? `CreateActivity:${id}` : 'CreateActivity:' + crypto.createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

function createActivity(ctx: SoapCtx): WEl[] {
  const { env, caller, body } = ctx;
  const item = obj(body, 'ActivityItem');
  const core = obj(item, 'ActivityCoreItem');
  const cpr = str(item, 'PersonCivilRegistrationIdentifier');
  const authority = obj(obj(core, 'ResponsibleAuthority'), 'AuthorityStructure');
  const activationType = int(core, 'ActivationTypeIdentifier');
  if (!codeItem('ActivationTypeIdentifier', activationType)) throw new Reject(1014, 'Unknown ActivationTypeIdentifier');
  if (caller.org.type !== 'jobcenter') throw new Reject(4575, 'Only a jobcenter creates activities');
  const c = person(env, caller, cpr, { write: true, style: 'soap' });
  const start = str(core, 'StartDate');
  const end = optStr(core, 'EndDate');
  if (end !== null && end < start) throw new Reject(1003);
  const givenId = optStr(core, 'ActivityIdentifier');
  const detail = env.state.detail(cpr);
  if (givenId && detail.activities.some((a) => a.id === givenId)) throw new Reject(4977);
  const activity: StoredActivity = {
    id: givenId ?? crypto.randomUUID(),
    name: str(core, 'ActivityName'),
    activationType,
    start,
    end,
    endReason: null,
    hoursPerWeek: int(core, 'HoursPerWeek'),
    minutesPerWeek: int(core, 'MinutesPerWeek'),
    authority: { code: str(authority, 'AuthorityCode'), name: str(authority, 'AuthorityName') },
    created: env.clock.nowIso(),
  };
  env.state.addActivity(cpr, activity);
  env.state.recordLogical(logicalActivityKey(givenId, { cpr, core }));
  raiseActivityEvent(ctx.env, registrant(ctx), c, activity, 1);
  return [el('ServiceReceipt', [el('MessageIdentifier', crypto.randomUUID()), el('EventDate', activity.created)]), el('ActivityIdentifier', activity.id)];
}

type Registrant = { authority: { orgTypeId: number; code: string }; user: { fullName: string; userIdentifier: string } };
const registrant = (ctx: SoapCtx): Registrant => ({
  authority: { orgTypeId: ctx.caller.org.orgTypeId, code: ctx.caller.org.code },
  user: { fullName: ctx.header.userFullName, userIdentifier: ctx.header.userIdentifier },
});

/** GetActivityGeneralEventVersion3 to the citizen's a-kasse (a current member), as DFDG raises it. */
function raiseActivityEvent(env: SoapCtx['env'], by: Registrant, c: BaseCitizen, activity: StoredActivity, changeType: 1 | 2): void {
  env.notifier.raise([isCurrentMember(c, env.clock.today()) ? akasse(c.akasseCode) : undefined], {
    method: 'GetActivityGeneralEventVersion3',
    cpr: c.cpr,
    changeType,
    registeringAuthority: by.authority,
    registeringUser: by.user,
    entityId: activity.id,
    extras: [
      ['ActivityIdentifier', activity.id],
      ['ActivationTypeIdentifier', activity.activationType],
      ['ActivityStartDate', activity.start],
      ['ActivityEndDate', activity.end],
      ['ActivityEndReasonTypeIdentifier', activity.endReason],
    ],
  });
}

/** The jobcenter's own activity of the citizen (ASSUMED refusals: 4575, 4589). */
function changedActivity(ctx: SoapCtx): { c: BaseCitizen; activity: StoredActivity } {
  const { env, caller, body } = ctx;
  if (caller.org.type !== 'jobcenter') throw new Reject(4575, 'Only a jobcenter changes activities');
  const cpr = str(body, 'PersonCivilRegistrationIdentifier');
  const c = person(env, caller, cpr, { write: true, style: 'soap' });
  const id = str(body, 'ActivityIdentifier').toLowerCase();
  const activity = env.state.detail(cpr).activities.find((a) => a.id.toLowerCase() === id);
  if (!activity) throw new Reject(4589, 'Unknown ActivityIdentifier');
  return { c, activity };
}

function receipt(ctx: SoapCtx, activity: StoredActivity): WEl[] {
  return [el('ServiceReceipt', [el('MessageIdentifier', crypto.randomUUID()), el('EventDate', ctx.env.clock.nowIso())]), el('ActivityIdentifier', activity.id)];
}

function updateActivity(ctx: SoapCtx): WEl[] {
  const { c, activity } = changedActivity(ctx);
  const start = str(ctx.body, 'StartDate');
  const end = optStr(ctx.body, 'EndDate');
  if (end !== null && end < start) throw new Reject(1003);
  const next: StoredActivity = { ...activity, start, end };
  ctx.env.state.updateActivity(c.cpr, next);
  ctx.env.state.recordLogical(`UpdateActivity:${activity.id}:${start}:${end ?? ''}`);
  raiseActivityEvent(ctx.env, registrant(ctx), c, next, 2);
  return receipt(ctx, next);
}

function endActivity(ctx: SoapCtx): WEl[] {
  const { c, activity } = changedActivity(ctx);
  const end = str(ctx.body, 'EndDate');
  const reason = int(ctx.body, 'ActivityEndReasonTypeIdentifier');
  const item = codeItem('ActivityEndReasonTypeIdentifier', reason);
  if (!item || !validOn(item, end)) throw new Reject(1014, 'Unknown ActivityEndReasonTypeIdentifier on EndDate');
  if (end < activity.start) throw new Reject(1003);
  const next: StoredActivity = { ...activity, end, endReason: reason };
  ctx.env.state.updateActivity(c.cpr, next);
  ctx.env.state.recordLogical(`EndActivity:${activity.id}:${end}:${reason}`);
  raiseActivityEvent(ctx.env, registrant(ctx), c, next, 2);
  return receipt(ctx, next);
}

/**
 * The sandbox's stand-in for VITAS (admin API): ends an activity with ophørsårsag 14 or 15, as the
 * jobcenter systems do from VITAS' webservice messages (seed 001 §3.1), and raises the notification
 * to the a-kasse. `by` is the registering party (the admin API uses STAR). False: no such activity.
 */
export function endActivityAsVitas(env: SoapCtx['env'], by: Registrant, cpr: string, activityId: string, end: string, endReason: 14 | 15): boolean {
  const c = env.state.citizen(cpr);
  const activity = c ? env.state.detail(cpr).activities.find((a) => a.id.toLowerCase() === activityId.toLowerCase()) : undefined;
  if (!c || !activity) return false;
  const next: StoredActivity = { ...activity, end, endReason };
  env.state.updateActivity(cpr, next);
  raiseActivityEvent(env, by, c, next, 2);
  return true;
}

export const personActivityStatusService: SoapService = {
  name: 'PersonActivityStatusService',
  ops: {
    GetPersonActivityStatus: { spec: { PersonCivilRegistrationIdentifier: { t: 'str', len: [0, 64] } }, handle: getPersonActivityStatus },
    CreateActivity: { spec: CREATE_SPEC, handle: createActivity },
    UpdateActivity: { spec: UPDATE_SPEC, handle: updateActivity },
    EndActivity: { spec: END_SPEC, handle: endActivity },
  },
};
