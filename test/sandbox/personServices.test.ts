// PersonStatusService, PersonActivityStatusService and CodeListService against a running sandbox.

import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kid, kids, org, soap, startTestSandbox, text, x, type TestSandbox } from './helpers';

let t: TestSandbox;

beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(async () => {
  await t?.close();
});

const status = (orgId: string, cpr: string, parts: string[]) =>
  soap(t.sb, orgId, 'PersonStatusService', 'GetVariablePersonStatus', x('PersonCivilRegistrationIdentifier', cpr) + x('RequestVariableType', parts.map((p) => x(p, true))));

describe('PersonStatusService.GetVariablePersonStatus', () => {
  it('returns only the requested parts, with the citizen\'s data', async () => {
    const v = org(t.sample, 'akasse-067').visible[0];
    if (!v) throw new Error('no citizen');
    const all = await status('akasse-067', v.cpr, ['Core', 'Authority', 'ContactGroup', 'UnemploymentFund']);
    const ps = kid(all.body, 'PersonStatus');
    expect(`${text(ps, 'Core', 'PersonGivenName')} ${text(ps, 'Core', 'PersonSurnameName')}`).toBe(v.name);
    expect(text(ps, 'Core', 'PersonCivilRegistrationIdentifier')).toBe(v.cpr);
    expect(['M', 'K']).toContain(text(ps, 'Core', 'PersonGenderCode'));
    expect(text(ps, 'Authority', 'JobcenterCode')).toBe(v.jobcenterCode);
    expect(text(ps, 'ContactGroup', 'ContactGroupTypeIdentifier')).toBe(String(v.contactGroup));
    expect(text(ps, 'UnemploymentFund', 'UnemploymentFundCode')).toBe('067');
    expect(text(ps, 'UnemploymentFund', 'UnemploymentFundName')).toBe('A-kasse Nordlys (sandbox)');
    const coreOnly = await status('akasse-067', v.cpr, ['Core']);
    expect(kid(coreOnly.body, 'PersonStatus').children.map((c) => c.name)).toEqual(['Core']);
    const none = await status('akasse-067', v.cpr, []);
    expect(kid(none.body, 'PersonStatus').children).toHaveLength(0);
  });

  it('lets an a-kasse read former members for 120 days after the membership ended, not longer', async () => {
    const former = org(t.sample, 'akasse-067').formerMembers ?? [];
    const recent = former.find((f) => f.daysSinceEnd <= 120);
    const old = former.find((f) => f.daysSinceEnd > 120);
    const r = await status('akasse-067', recent?.cpr ?? '', ['Core', 'UnemploymentFund']);
    expect(r.fault).toBeNull();
    expect(text(kid(r.body, 'PersonStatus'), 'UnemploymentFund', 'MembershipEndDate')).toBe(recent?.membershipEnd);
    expect((await status('akasse-067', old?.cpr ?? '', ['Core'])).fault?.code).toBe(4575);
    // Other services do not have the window.
    const msgs = await soap(t.sb, 'akasse-067', 'CitizenMessageService', 'GetCitizenMessages', x('PersonCivilRegistrationIdentifier', recent?.cpr ?? ''));
    expect(msgs.fault?.code).toBe(4575);
  });

  it('answers 1001, 1010, 4575, 6005 and shows a deceased citizen\'s date of death', async () => {
    expect((await status('akasse-067', '12345', ['Core'])).fault?.code).toBe(1001);
    expect((await status('akasse-067', '0000000000', ['Core'])).fault?.code).toBe(1010);
    const other = org(t.sample, 'akasse-067').notVisible.find((n) => n.reason === 'member of another a-kasse');
    expect((await status('akasse-067', other?.cpr ?? '', ['Core'])).fault?.code).toBe(4575);
    const elsewhere = org(t.sample, 'jobcenter-75100').notVisible[0];
    expect((await status('jobcenter-75100', elsewhere?.cpr ?? '', ['Core'])).fault?.code).toBe(6005);
    const dead = org(t.sample, 'jobcenter-75100').deceased[0];
    const d = await status('jobcenter-75100', dead?.cpr ?? '', ['Core']);
    expect(d.fault).toBeNull();
    expect(text(kid(d.body, 'PersonStatus'), 'Core', 'DeceasedDate')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('reflects admin patches (contact group, a-kasse) at once', async () => {
    const v = org(t.sample, 'jobcenter-10101').visible.find((c) => c.contactGroup === 2);
    if (!v) throw new Error('no KG2 citizen');
    await t.admin.patchCitizen(v.cpr, { contactGroup: 1, registrationCategory: 1, akasseCode: '084' });
    const r = await status('akasse-084', v.cpr, ['ContactGroup', 'UnemploymentFund']);
    expect(r.fault).toBeNull();
    expect(text(kid(r.body, 'PersonStatus'), 'ContactGroup', 'ContactGroupTypeIdentifier')).toBe('1');
    expect(text(kid(r.body, 'PersonStatus'), 'UnemploymentFund', 'MembershipStartDate')).toBe('2026-05-04');
  });
});

describe('PersonActivityStatusService', () => {
  const coreXml = (o: { id?: string; start?: string; end?: string; name?: string; hours?: number; type?: number }) =>
    x('ActivityCoreItem', [
      o.id ? x('ActivityIdentifier', o.id) : '',
      x('StartDate', o.start ?? '2026-06-01'),
      o.end ? x('EndDate', o.end) : '',
      x('ActivationTypeIdentifier', o.type ?? 2),
      x('HoursPerWeek', o.hours ?? 30),
      x('MinutesPerWeek', 0),
      x('ActivityName', o.name ?? 'Virksomhedspraktik hos Bølge Byg ApS'),
      x('ResponsibleAuthority', [
        x('AuthorityStructure', [x('AuthorityCode', '10100'), x('AuthorityName', 'Jobcenter København (sandbox)'), x('OrganisationTypeIdentifier', 8)]),
        x('CaseWorker', [x('CaseWorkerGivenName', 'Søren'), x('CaseWorkerSurname', 'Østergaard')]),
      ]),
    ]);
  const create = (orgId: string, cpr: string, o: Parameters<typeof coreXml>[0] = {}) =>
    soap(t.sb, orgId, 'PersonActivityStatusService', 'CreateActivity', x('ActivityItem', [x('PersonCivilRegistrationIdentifier', cpr), coreXml(o)]));
  const shared = () => {
    const c = org(t.sample, 'akasse-084').visible.find((v) => v.jobcenterCode === '10100' && v.contactGroup === 1 && v.registrationCategory !== null);
    if (!c) throw new Error('no shared citizen');
    return c;
  };

  it('creates an activity with the client\'s own id, shows it in the plan, and tells the a-kasse', async () => {
    const c = shared();
    const id = crypto.randomUUID();
    const r = await create('jobcenter-10100', c.cpr, { id, end: '2026-07-26' });
    expect(r.fault).toBeNull();
    expect(text(r.body, 'ActivityIdentifier')).toBe(id);
    const plan = await soap(t.sb, 'akasse-084', 'PersonActivityStatusService', 'GetPersonActivityStatus', x('PersonCivilRegistrationIdentifier', c.cpr));
    const acts = kids(kid(kid(plan.body, 'ActivityInfo'), 'Activities'), 'ActivityType');
    const mine = acts.find((a) => text(a, 'ActivityIdentifier') === id);
    expect(text(mine, 'ActivityName')).toBe('Virksomhedspraktik hos Bølge Byg ApS');
    expect(text(mine, 'ActivityStartDate')).toBe('2026-06-01');
    expect(text(mine, 'ActivityEndDate')).toBe('2026-07-26');
    expect(text(mine, 'ResponsibleAuthority', 'AuthorityCode')).toBe('10100');
    const seq = await soap(t.sb, 'akasse-084', 'WsrmService', 'CreateSequence', '');
    const methods = kids(kid(seq.body, 'Messages'), 'Message').map((m) => text(m, 'MethodName'));
    expect(methods).toContain('GetActivityGeneralEventVersion3');
    const items = await soap(t.sb, 'akasse-084', 'WsrmMessageService', 'GetActivityGeneralEventVersion3', x('SequenceIdentifier', text(seq.body, 'SequenceIdentifier')));
    const item = kids(kid(items.body, 'Items'), 'Item').find((i) => text(i, 'ActivityIdentifier') === id);
    expect(text(item, 'PersonCivilRegistrationIdentifier')).toBe(c.cpr);
    expect(text(item, 'ActivityStartDate')).toBe('2026-06-01');
    expect(text(item, 'WSRMMetadata', 'RegisteringAuthority', 'OrganisationCode')).toBe('10100');
  });

  it('refuses a replay of the same ActivityIdentifier (4977), an end before the start (1003), an a-kasse (4575) and another jobcenter\'s citizen (6005)', async () => {
    const c = shared();
    const id = crypto.randomUUID();
    expect((await create('jobcenter-10100', c.cpr, { id })).fault).toBeNull();
    expect((await create('jobcenter-10100', c.cpr, { id })).fault?.code).toBe(4977);
    expect((await create('jobcenter-10100', c.cpr, { start: '2026-06-10', end: '2026-06-01' })).fault?.code).toBe(1003);
    expect((await create('akasse-084', c.cpr)).fault?.code).toBe(4575);
    expect((await create('jobcenter-75100', c.cpr)).fault?.code).toBe(6005);
    expect((await create('jobcenter-10100', c.cpr, { hours: 60 })).fault?.code).toBe(1014);
    expect((await create('jobcenter-10100', c.cpr, { name: '' })).fault?.code).toBe(1014);
    const dead = org(t.sample, 'jobcenter-10100').deceased[0];
    expect((await create('jobcenter-10100', dead?.cpr ?? '')).fault?.code).toBe(4405);
    const stats = await t.admin.stats();
    expect(stats.logical.duplicateKeys).not.toContain(`CreateActivity:${id}`);
  });

  it('lists running and ended activities with end reasons', async () => {
    // Find a citizen with generated activities among jobcenter-75100's visible ones.
    let found = false;
    for (const v of org(t.sample, 'jobcenter-75100').visible) {
      const plan = await soap(t.sb, 'jobcenter-75100', 'PersonActivityStatusService', 'GetPersonActivityStatus', x('PersonCivilRegistrationIdentifier', v.cpr));
      expect(plan.fault).toBeNull();
      expect(kid(plan.body, 'RehabilitationProcessInfo')).toBeTruthy();
      const acts = kids(kid(kid(plan.body, 'ActivityInfo'), 'Activities'), 'ActivityType');
      if (acts.some((a) => kids(a, 'ActivityEndReasonTypeIdentifier').length > 0)) found = true;
    }
    expect(found).toBe(true);
  });
});

describe('CodeListService.GetCodeList', () => {
  it('serves the lists with Kode, Navn, start and end ("den gode kodeliste")', async () => {
    const r = await soap(t.sb, 'jobcenter-10100', 'CodeListService', 'GetCodeList', x('CodeListName', 'CitizenMessageContextTypeIdentifier'));
    const items = kids(kid(kid(r.body, 'CodeList'), 'CodeListItems'), 'CodeListItem');
    expect(items).toHaveLength(11);
    const eleven = items.find((i) => text(i, 'Kode') === '11');
    expect(text(eleven, 'Navn')).toBe('Indstilling om tilbud');
    expect(text(eleven, 'Startdato')).toBe('2023-07-01');
    expect(text(eleven, 'Slutdato')).toBe('2100-07-01');
    for (const name of ['CitizenMessageChannelTypeIdentifier', 'AbsenceTypeIdentifier', 'InterviewContactTypeIdentifier', 'InterviewTypeIdentifier', 'ActivityEndReasonTypeIdentifier', 'ActivationTypeIdentifier', 'ContactGroupTypeIdentifier']) {
      const l = await soap(t.sb, 'akasse-067', 'CodeListService', 'GetCodeList', x('CodeListName', name));
      expect(l.fault, name).toBeNull();
      expect(kids(kid(kid(l.body, 'CodeList'), 'CodeListItems'), 'CodeListItem').length).toBeGreaterThan(2);
    }
    const forms = await soap(t.sb, 'akasse-067', 'CodeListService', 'GetCodeList', x('CodeListName', 'InterviewContactTypeIdentifier'));
    const four = kids(kid(kid(forms.body, 'CodeList'), 'CodeListItems'), 'CodeListItem').find((i) => text(i, 'Kode') === '4');
    expect(text(four, 'Slutdato')).toBe('2022-09-19');
    expect((await soap(t.sb, 'akasse-067', 'CodeListService', 'GetCodeList', x('CodeListName', 'NoSuchList'))).fault?.code).toBe(1014);
  });
});
