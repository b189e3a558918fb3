// PersonActivityStatusService (Version 2): GetPersonActivityStatus and CreateActivity
// (wire-contract §2.6). ASSUMED: ActivityName, ActivityEndReasonTypeIdentifier, the place of the
// CPR in CreateActivity, 4977 for an existing ActivityIdentifier, 4575 for an a-kasse creating.

import crypto from 'node:crypto';
import { codeItem } from '../codelists';
import { Reject } from '../http';
import type { StoredActivity } from '../model';
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
  const { env, caller, body, header } = ctx;
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
  const today = env.clock.today();
  env.notifier.raise([isCurrentMember(c, today) ? akasse(c.akasseCode) : undefined], {
    method: 'GetActivityGeneralEventVersion3',
    cpr,
    changeType: 1,
    registeringAuthority: { orgTypeId: caller.org.orgTypeId, code: caller.org.code },
    registeringUser: { fullName: header.userFullName, userIdentifier: header.userIdentifier },
    entityId: activity.id,
    extras: [
      ['ActivityIdentifier', activity.id],
      ['ActivationTypeIdentifier', activity.activationType],
      ['ActivityStartDate', activity.start],
      ['ActivityEndDate', activity.end],
      ['ActivityEndReasonTypeIdentifier', activity.endReason],
    ],
  });
  return [el('ServiceReceipt', [el('MessageIdentifier', crypto.randomUUID()), el('EventDate', activity.created)]), el('ActivityIdentifier', activity.id)];
}

export const personActivityStatusService: SoapService = {
  name: 'PersonActivityStatusService',
  ops: {
    GetPersonActivityStatus: { spec: { PersonCivilRegistrationIdentifier: { t: 'str', len: [0, 64] } }, handle: getPersonActivityStatus },
    CreateActivity: { spec: CREATE_SPEC, handle: createActivity },
  },
};
