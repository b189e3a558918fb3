// The REST services against a running sandbox: FravaerService, IndkaldelseService, Joblog,
// Virksomhedskonto, and the x-requestId memory (412).

import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TODAY, kids, kid, newRequestId, org, rest, soap, startTestSandbox, x, type TestSandbox } from './helpers';

let t: TestSandbox;

beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(async () => {
  await t?.close();
});

interface Err {
  fejlkode: number;
  fejltekst: string;
}

const absenceBody = (o: Partial<Record<string, unknown>> = {}) => ({
  fravaerType: 10,
  startDato: '2026-06-01T00:00:00',
  slutDato: '2026-06-20T00:00:00',
  fravaersKommentar: 'Ferie aftalt med borgeren',
  anmeldelsesDato: '2026-05-04T00:00:00',
  ...o,
});

/** A KG1 citizen of akasse-067 at jobcenter-10100, registered, with a person category. */
function kg1(i = 0) {
  const list = org(t.sample, 'akasse-067').visible.filter((v) => v.contactGroup === 1 && v.registrationCategory !== null && v.jobcenterCode === '10100');
  const c = list[i % list.length];
  if (!c) throw new Error('no citizen');
  return c;
}

const createAbsence = (orgId: string, cpr: string, body: Record<string, unknown>, id: string = crypto.randomUUID(), requestId?: string) =>
  rest(t.sb, orgId, 'POST', `/v1/Fravaer/${id}`, { cpr, body, requestId });

async function expectError(p: Promise<{ status: number; json<T>(): T }>, status: number, code: number) {
  const r = await p;
  expect(r.status).toBe(status);
  expect(r.json<Err>().fejlkode).toBe(code);
}

describe('FravaerService', () => {
  it('creates (both forms), reads, updates, deletes and keeps the history', async () => {
    const c = kg1();
    const own = crypto.randomUUID();
    const a = await rest(t.sb, 'jobcenter-10100', 'POST', '/v1/Fravaer/', { cpr: c.cpr, body: absenceBody({ fraværIdentifier: own }) });
    expect(a.status).toBe(201);
    expect(a.json<{ fravaerIdentifier: string }>().fravaerIdentifier).toBe(own);
    const b = await createAbsence('akasse-067', c.cpr, absenceBody({ fravaerType: 3, slutDato: null }));
    expect(b.status).toBe(201);
    const bId = b.json<{ fravaerIdentifier: string }>().fravaerIdentifier;

    const one = await rest(t.sb, 'akasse-067', 'GET', `/v1/Fravaer/${c.cpr}/${own}`);
    expect(one.status).toBe(200);
    expect(one.json()).toMatchObject({
      fravaerIdentifier: own,
      fravaerType: 10,
      startDato: '2026-06-01T00:00:00',
      slutDato: '2026-06-20T00:00:00',
      fravaersKommentar: 'Ferie aftalt med borgeren',
      anmeldelsesDato: '2026-05-04T00:00:00',
      registreretAf: { organisationstype: 8, organisationskode: '10100' },
    });
    expect(one.json<Record<string, unknown>>()).not.toHaveProperty('fravaersAfslutningsAarsag');

    const upd = await rest(t.sb, 'jobcenter-10100', 'PUT', `/v1/Fravaer/${own}`, { cpr: c.cpr, body: absenceBody({ slutDato: '2026-06-25T00:00:00', berigtigelseskommentar: 'Forlænget' }) });
    expect(upd.status).toBe(200);
    const del = await rest(t.sb, 'jobcenter-10100', 'DELETE', `/v1/Fravaer/${bId}/${encodeURIComponent('Fejlregistreret – slettes')}`, { cpr: c.cpr });
    expect(del.status).toBe(204);
    const all = (await rest(t.sb, 'jobcenter-10100', 'GET', '/v1/Fravaer/', { cpr: c.cpr })).json<{ fravaer: { fravaerIdentifier: string; slutDato?: string }[] }>().fravaer;
    expect(all.find((f) => f.fravaerIdentifier === own)?.slutDato).toBe('2026-06-25T00:00:00');
    expect(all.some((f) => f.fravaerIdentifier === bId)).toBe(false);
    const hist = (await rest(t.sb, 'jobcenter-10100', 'GET', '/v1/Fravaer/historik', { cpr: c.cpr })).json<{
      historik: { fravaerIdentifier: string; aendringstype: number; berigtigelseskommentar?: string }[];
    }>().historik;
    expect(hist.filter((h) => h.fravaerIdentifier === own).map((h) => h.aendringstype)).toEqual([1, 2]);
    expect(hist.filter((h) => h.fravaerIdentifier === bId).map((h) => [h.aendringstype, h.berigtigelseskommentar ?? null])).toEqual([
      [1, null],
      [3, 'Fejlregistreret – slettes'],
    ]);
    await expectError(rest(t.sb, 'jobcenter-10100', 'GET', `/v1/Fravaer/${c.cpr}/${bId}`), 404, 4589);
    await expectError(rest(t.sb, 'jobcenter-10100', 'PUT', `/v1/Fravaer/${crypto.randomUUID()}`, { cpr: c.cpr, body: absenceBody() }), 404, 4589);
  });

  it('answers a repeated x-requestId from the same organisation with 412 and no effect', async () => {
    const c = kg1(1);
    const rid = newRequestId();
    const id = crypto.randomUUID();
    expect((await createAbsence('jobcenter-10100', c.cpr, absenceBody(), id, rid)).status).toBe(201);
    const before = await t.admin.stats();
    const again = await createAbsence('jobcenter-10100', c.cpr, absenceBody(), crypto.randomUUID(), rid);
    expect(again.status).toBe(412);
    expect(again.json()).toEqual({ fejlkode: 412, fejltekst: 'x-requestId er allerede modtaget' });
    const after = await t.admin.stats();
    expect(after.logical.applied).toBe(before.logical.applied);
    const count = (await rest(t.sb, 'jobcenter-10100', 'GET', '/v1/Fravaer/', { cpr: c.cpr })).json<{ fravaer: unknown[] }>().fravaer.length;
    // Another organisation may use the same id; reads never get 412.
    expect((await createAbsence('akasse-067', c.cpr, absenceBody({ fravaerType: 3 }), crypto.randomUUID(), rid)).status).toBe(201);
    expect((await rest(t.sb, 'jobcenter-10100', 'GET', '/v1/Fravaer/', { cpr: c.cpr, requestId: rid })).status).toBe(200);
    expect((await rest(t.sb, 'jobcenter-10100', 'GET', '/v1/Fravaer/', { cpr: c.cpr })).json<{ fravaer: unknown[] }>().fravaer.length).toBe(count + 1);
    // A request refused at access control is not remembered: it may be retried with the same id.
    const rid2 = newRequestId();
    const stranger = org(t.sample, 'jobcenter-75100').visible[0]?.cpr ?? '';
    await expectError(createAbsence('jobcenter-10100', stranger, absenceBody(), crypto.randomUUID(), rid2), 403, 4575);
    expect((await createAbsence('jobcenter-10100', c.cpr, absenceBody(), crypto.randomUUID(), rid2)).status).toBe(201);
    // A request refused by the service's own rules is remembered.
    const rid3 = newRequestId();
    await expectError(createAbsence('jobcenter-10100', c.cpr, absenceBody({ slutDato: '2026-05-01T00:00:00' }), crypto.randomUUID(), rid3), 400, 1003);
    expect((await createAbsence('jobcenter-10100', c.cpr, absenceBody(), crypto.randomUUID(), rid3)).status).toBe(412);
  });

  it('enforces the absence rules: 4977, 4593, 4595, 1003, 4591, 4592, 79 only by a jobcenter (any group; KG1 from 19-09-2022)', async () => {
    const c = kg1(2);
    const id = crypto.randomUUID();
    expect((await createAbsence('jobcenter-10100', c.cpr, absenceBody(), id)).status).toBe(201);
    await expectError(createAbsence('jobcenter-10100', c.cpr, absenceBody(), id), 400, 4977);
    await expectError(createAbsence('jobcenter-10100', c.cpr, absenceBody({ fravaerType: 78 })), 400, 4593);
    await expectError(createAbsence('jobcenter-10100', c.cpr, absenceBody({ fravaerType: 5 })), 400, 4595);
    // Sickness goes through IllnessCompositeService, for the a-kasse and the jobcenter alike.
    await expectError(createAbsence('jobcenter-10100', c.cpr, absenceBody({ fravaerType: 11 })), 400, 4595);
    await expectError(createAbsence('akasse-067', c.cpr, absenceBody({ fravaerType: 11 })), 400, 4595);
    await expectError(createAbsence('jobcenter-10100', c.cpr, absenceBody({ fravaerType: 77, startDato: '2021-01-04T00:00:00', slutDato: null })), 400, 4595);
    await expectError(createAbsence('jobcenter-10100', c.cpr, absenceBody({ slutDato: '2026-05-31T00:00:00' })), 400, 1003);
    await expectError(createAbsence('akasse-067', c.cpr, absenceBody({ fravaerType: 79 })), 403, 4575);
    expect((await createAbsence('jobcenter-10100', c.cpr, absenceBody({ fravaerType: 79 }))).status).toBe(201);
    // Seed 001 §2.1: KG1 became possible with release 2022-3 (registered from 19-09-2022); other groups always could.
    const kg2 = org(t.sample, 'jobcenter-10100').visible.find((v) => v.contactGroup === 2);
    expect((await createAbsence('jobcenter-10100', kg2?.cpr ?? '', absenceBody({ fravaerType: 79 }))).status).toBe(201);
    await t.admin.setToday('2022-09-18');
    try {
      const before = { fravaerType: 79, startDato: '2022-09-10T00:00:00', slutDato: null };
      await expectError(createAbsence('jobcenter-10100', c.cpr, absenceBody(before)), 400, 4595);
      expect((await createAbsence('jobcenter-10100', kg2?.cpr ?? '', absenceBody(before))).status).toBe(201);
      await t.admin.setToday('2022-09-19');
      expect((await createAbsence('jobcenter-10100', c.cpr, absenceBody(before))).status).toBe(201);
    } finally {
      await t.admin.setToday(TODAY);
    }
    // Type 2 under 15 days on KG1 → 4592; 15 days is fine.
    await expectError(createAbsence('jobcenter-10100', c.cpr, absenceBody({ fravaerType: 2, slutDato: '2026-06-14T00:00:00' })), 400, 4592);
    expect((await createAbsence('jobcenter-10100', c.cpr, absenceBody({ fravaerType: 2, slutDato: '2026-06-15T00:00:00' }))).status).toBe(201);
    // Type 1 on KG1 needs a person category.
    const noCategory = org(t.sample, 'akasse-067').visible.find((v) => v.contactGroup === 1 && v.registrationCategory === null && v.jobcenterCode === '10100');
    await expectError(createAbsence('jobcenter-10100', noCategory?.cpr ?? '', absenceBody({ fravaerType: 1 })), 400, 4591);
    expect((await createAbsence('jobcenter-10100', c.cpr, absenceBody({ fravaerType: 1 }))).status).toBe(201);
  });

  it('refuses deleting a historic absence of type 8 or 79 (4594); other and future ones may go', async () => {
    const c = kg1(3);
    const mk = async (type: number, start: string) => {
      const r = await createAbsence('jobcenter-10100', c.cpr, absenceBody({ fravaerType: type, startDato: start, slutDato: null }));
      expect(r.status).toBe(201);
      return r.json<{ fravaerIdentifier: string }>().fravaerIdentifier;
    };
    const del = (id: string) => rest(t.sb, 'jobcenter-10100', 'DELETE', `/v1/Fravaer/${id}/Fejl`, { cpr: c.cpr });
    await expectError(del(await mk(8, '2026-01-05T00:00:00')), 400, 4594);
    await expectError(del(await mk(79, '2026-04-01T00:00:00')), 400, 4594);
    expect((await del(await mk(10, '2026-01-05T00:00:00'))).status).toBe(204);
    expect((await del(await mk(8, '2026-09-01T00:00:00'))).status).toBe(204);
    await expectError(rest(t.sb, 'jobcenter-10100', 'DELETE', `/v1/Fravaer/${crypto.randomUUID()}/${'x'.repeat(1501)}`, { cpr: c.cpr }), 400, 1014);
  });

  it('answers CPR, access and schema problems: 1001, 4404, 4575 (403), 4405, 1014', async () => {
    const c = kg1(4);
    await expectError(createAbsence('jobcenter-10100', '3113901234', absenceBody()), 400, 1001);
    await expectError(createAbsence('jobcenter-10100', '0000000000', absenceBody()), 404, 4404);
    const other = org(t.sample, 'akasse-067').notVisible.find((n) => n.reason === 'member of another a-kasse');
    await expectError(rest(t.sb, 'akasse-067', 'GET', '/v1/Fravaer/', { cpr: other?.cpr }), 403, 4575);
    const elsewhere = org(t.sample, 'jobcenter-10100').notVisible[0];
    await expectError(rest(t.sb, 'jobcenter-10100', 'GET', '/v1/Fravaer/', { cpr: elsewhere?.cpr }), 403, 4575);
    const dead = org(t.sample, 'jobcenter-10100').deceased[0];
    await expectError(createAbsence('jobcenter-10100', dead?.cpr ?? '', absenceBody()), 400, 4405);
    expect((await rest(t.sb, 'jobcenter-10100', 'GET', '/v1/Fravaer/', { cpr: dead?.cpr })).status).toBe(200);
    await expectError(createAbsence('jobcenter-10100', c.cpr, { ...absenceBody(), startDato: undefined }), 400, 1014);
    await expectError(createAbsence('jobcenter-10100', c.cpr, absenceBody({ startDato: '2026-02-30T00:00:00' })), 400, 1014);
    await expectError(createAbsence('jobcenter-10100', c.cpr, absenceBody({ fravaersKommentar: 'x'.repeat(1501) })), 400, 1014);
    await expectError(createAbsence('jobcenter-10100', c.cpr, absenceBody(), 'not-a-uuid'), 400, 1014);
    await expectError(rest(t.sb, 'jobcenter-10100', 'POST', `/v1/Fravaer/${crypto.randomUUID()}`, { cpr: c.cpr, body: absenceBody(), requestId: null }), 400, 1014);
    await expectError(rest(t.sb, 'jobcenter-10100', 'POST', `/v1/Fravaer/${crypto.randomUUID()}`, { cpr: c.cpr, body: absenceBody(), requestId: 'r'.repeat(47) }), 400, 1014);
  });
});

describe('IndkaldelseService', () => {
  const meeting = (o: Partial<Record<string, unknown>> = {}) => ({
    moedeStarttidspunkt: '2026-05-20T10:00:00',
    moedeSluttidspunkt: '2026-05-20T10:45:00',
    samtaleType: 7,
    afholdelsesform: 8,
    digitaltMoedelink: 'https://moede.example/abc',
    selvbooket: false,
    ombookingMulig: true,
    ombookingsfrist: '2026-05-18T12:00:00',
    aflysningMulig: false,
    ...o,
  });
  const create = (orgId: string, cpr: string, body: Record<string, unknown>, id = crypto.randomUUID()) => rest(t.sb, orgId, 'POST', `/v1/Indkaldelse/${id}`, { cpr, body });

  it('creates a meeting, lists it, and tells the jobcenter and the a-kasse', async () => {
    const c = kg1(5);
    const id = crypto.randomUUID();
    const r = await create('jobcenter-10100', c.cpr, meeting(), id);
    expect(r.status).toBe(201);
    expect(r.json()).toEqual({ indkaldelseIdentifier: id });
    const list = (await rest(t.sb, 'akasse-067', 'GET', '/v1/Indkaldelse/', { cpr: c.cpr })).json<{ indkaldelser: Record<string, unknown>[] }>().indkaldelser;
    expect(list.find((m) => m.indkaldelseIdentifier === id)).toEqual({
      indkaldelseIdentifier: id,
      moedeStarttidspunkt: '2026-05-20T10:00:00',
      moedeSluttidspunkt: '2026-05-20T10:45:00',
      samtaleType: 7,
      afholdelsesform: 8,
      digitaltMoedelink: 'https://moede.example/abc',
      selvbooket: false,
      ombookingMulig: true,
      ombookingsfrist: '2026-05-18T12:00:00',
      aflysningMulig: false,
      myndighed: { organisationstype: 8, organisationskode: '10100', navn: 'Jobcenter København (sandbox)' },
    });
    for (const who of ['akasse-067', 'jobcenter-10100']) {
      const seq = await soap(t.sb, who, 'WsrmService', 'CreateSequence', '');
      const items = await soap(t.sb, who, 'WsrmMessageService', 'GetIndkaldelseVersion1', x('SequenceIdentifier', kid(seq.body, 'SequenceIdentifier').text));
      expect(kids(kid(items.body, 'Items'), 'Item').map((i) => kid(i, 'IndkaldelseIdentifier').text)).toContain(id);
    }
  });

  it('shows an a-kasse only the interview types it may see', async () => {
    const c = kg1(6);
    const id = crypto.randomUUID();
    expect((await create('jobcenter-10100', c.cpr, meeting({ samtaleType: 4 }), id)).status).toBe(201);
    const ak = (await rest(t.sb, 'akasse-067', 'GET', '/v1/Indkaldelse/', { cpr: c.cpr })).json<{ indkaldelser: { indkaldelseIdentifier: string }[] }>().indkaldelser;
    const jc = (await rest(t.sb, 'jobcenter-10100', 'GET', '/v1/Indkaldelse/', { cpr: c.cpr })).json<{ indkaldelser: { indkaldelseIdentifier: string }[] }>().indkaldelser;
    expect(jc.map((m) => m.indkaldelseIdentifier)).toContain(id);
    expect(ak.map((m) => m.indkaldelseIdentifier)).not.toContain(id);
  });

  it('enforces the §9 validations and 900xx codes', async () => {
    const c = kg1(7);
    await expectError(create('jobcenter-10100', c.cpr, meeting({ afholdelsesform: 4 })), 400, 90000);
    await expectError(create('jobcenter-10100', c.cpr, meeting({ afholdelsesform: 42 })), 400, 90000);
    await expectError(create('jobcenter-10100', c.cpr, meeting({ samtaleType: 99 })), 400, 90001);
    await expectError(create('jobcenter-10100', c.cpr, meeting({ moedeStarttidspunkt: '2026-05-03T10:00:00', moedeSluttidspunkt: null })), 400, 90002);
    await expectError(create('jobcenter-10100', c.cpr, meeting({ moedeSluttidspunkt: '2026-05-20T09:00:00' })), 400, 90004);
    await expectError(create('jobcenter-10100', c.cpr, meeting({ ombookingMulig: false })), 400, 90009);
    await expectError(create('jobcenter-10100', c.cpr, meeting({ ombookingsfrist: null })), 400, 90010);
    await expectError(create('jobcenter-10100', c.cpr, meeting({ aflysningsfrist: '2026-05-19T12:00:00' })), 400, 90014);
    await expectError(create('jobcenter-10100', c.cpr, meeting({ digitaltMoedelink: null })), 400, 99000);
    await expectError(create('jobcenter-10100', c.cpr, meeting({ afholdelsesform: 1, digitaltMoedelink: null, lokation: 'Fremtidsvej 1', lokationsuddybning: '' })), 400, 99000);
    expect((await create('jobcenter-10100', c.cpr, meeting({ afholdelsesform: 1, digitaltMoedelink: null, lokation: 'Fremtidsvej 1', lokationsuddybning: 'Lokale 2' }))).status).toBe(201);
    // Today itself is allowed.
    expect((await create('jobcenter-10100', c.cpr, meeting({ moedeStarttidspunkt: '2026-05-04T15:00:00', moedeSluttidspunkt: null, ombookingMulig: false, ombookingsfrist: null }))).status).toBe(201);
  });

  it('answers an a-kasse meeting on a non-member with 90006 and on another a-kasse\'s member with 90007', async () => {
    const nonMember = org(t.sample, 'akasse-067').notVisible.find((n) => n.reason === 'not a member of an a-kasse');
    const otherMember = org(t.sample, 'akasse-067').notVisible.find((n) => n.reason === 'member of another a-kasse');
    await expectError(create('akasse-067', nonMember?.cpr ?? '', meeting({ samtaleType: 17 })), 400, 90006);
    await expectError(create('akasse-067', otherMember?.cpr ?? '', meeting({ samtaleType: 17 })), 400, 90007);
    const own = kg1(8);
    expect((await create('akasse-067', own.cpr, meeting({ samtaleType: 17 }))).status).toBe(201);
    const dead = org(t.sample, 'jobcenter-10100').deceased[0];
    await expectError(create('jobcenter-10100', dead?.cpr ?? '', meeting()), 400, 4405);
    await expectError(create('jobcenter-10100', '0000000000', meeting()), 404, 1010);
  });
});

describe('Joblog', () => {
  it('lists and creates job applications; dates before 01-01-2015 are refused (1014)', async () => {
    const c = kg1(9);
    const before = (await rest(t.sb, 'akasse-067', 'GET', '/v1/Joblog/', { cpr: c.cpr })).json<{ jobsoegninger: unknown[] }>().jobsoegninger.length;
    const entry = { ansoegningsdato: '2026-04-30T00:00:00', ansoegningsfrist: '2026-05-10T00:00:00', virksomhedsnavn: 'Bølge Byg ApS', stillingsbetegnelse: 'Tømrer', beskrivelse: 'Ringede først' };
    const id = crypto.randomUUID();
    const r = await rest(t.sb, 'akasse-067', 'POST', '/v1/Joblog/', { cpr: c.cpr, body: { jobsoegningIdentifier: id, ...entry } });
    expect(r.status).toBe(201);
    expect(r.json()).toEqual({ jobsoegningIdentifier: id });
    const list = (await rest(t.sb, 'jobcenter-10100', 'GET', '/v1/Joblog/', { cpr: c.cpr })).json<{ jobsoegninger: Record<string, unknown>[] }>().jobsoegninger;
    expect(list).toHaveLength(before + 1);
    expect(list[0]).toMatchObject({ jobsoegningIdentifier: id, ...entry });
    await expectError(rest(t.sb, 'akasse-067', 'POST', '/v1/Joblog/', { cpr: c.cpr, body: { ...entry, ansoegningsdato: '2014-12-31T00:00:00' } }), 400, 1014);
    await expectError(rest(t.sb, 'akasse-067', 'POST', '/v1/Joblog/', { cpr: c.cpr, body: { ...entry, ansoegningsfrist: '2014-12-31T00:00:00' } }), 400, 1014);
    expect((await rest(t.sb, 'akasse-067', 'POST', '/v1/Joblog/', { cpr: c.cpr, body: { ...entry, ansoegningsdato: '2015-01-01T00:00:00', ansoegningsfrist: null } })).status).toBe(201);
    await expectError(rest(t.sb, 'akasse-067', 'POST', '/v1/Joblog/', { cpr: c.cpr, body: { jobsoegningIdentifier: id, ...entry } }), 400, 4977);
    await expectError(rest(t.sb, 'akasse-067', 'POST', '/v1/Joblog/', { cpr: c.cpr, body: { ...entry, virksomhedsnavn: '' } }), 400, 1014);
  });
});

describe('Virksomhedskonto', () => {
  type Unit = { cvrNummer: string; pNummer: string; navn: string; kontoStatusAktiv: boolean; senesteLogintidspunkt?: string };
  const q = (query: string, orgId = 'jobcenter-75100') => rest(t.sb, orgId, 'GET', `/v1/virksomhedskonto${query}`);

  it('follows the query rules: CVR+P, CVR, neither, P only, unknown pair', async () => {
    const [withAccount] = t.sample.companies.withAccount;
    const [inactive] = t.sample.companies.withoutActivity;
    const [noAccount] = t.sample.companies.withoutAccount;
    if (!withAccount || !inactive || !noAccount) throw new Error('sample lacks companies');
    const pair = (await q(`?cvrNummer=${withAccount.cvrNummer}&pNummer=${withAccount.pNummer}`)).json<Unit[]>();
    expect(pair).toHaveLength(1);
    expect(pair[0]).toMatchObject({ cvrNummer: withAccount.cvrNummer, pNummer: withAccount.pNummer, kontoStatusAktiv: true });
    expect(pair[0]?.senesteLogintidspunkt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    const units = (await q(`?cvrNummer=${withAccount.cvrNummer}`)).json<Unit[]>();
    expect(units.length).toBeGreaterThanOrEqual(2);
    expect(units.every((u) => u.cvrNummer === withAccount.cvrNummer)).toBe(true);
    const idle = (await q(`?cvrNummer=${inactive.cvrNummer}&pNummer=${inactive.pNummer}`, 'akasse-084')).json<Unit[]>();
    expect(idle[0]?.kontoStatusAktiv).toBe(false);
    expect(idle[0]).not.toHaveProperty('senesteLogintidspunkt');
    const all = (await q('')).json<Unit[]>();
    expect(all.some((u) => u.cvrNummer === withAccount.cvrNummer)).toBe(true);
    expect(all.some((u) => u.cvrNummer === inactive.cvrNummer)).toBe(true);
    expect(all.some((u) => u.cvrNummer === noAccount.cvrNummer)).toBe(false);
    expect((await q(`?cvrNummer=${noAccount.cvrNummer}`)).json()).toEqual([]);
    expect((await q(`?pNummer=${withAccount.pNummer}`)).json()).toEqual([]);
    expect((await q(`?cvrNummer=${withAccount.cvrNummer}&pNummer=1999999999`)).json()).toEqual([]);
    await expectError(q('?cvrNummer=1234567'), 400, 99000);
    await expectError(q('?pNummer=12345678901'), 400, 99000);
    await expectError(rest(t.sb, 'akasse-067', 'GET', '/v1/virksomhedskonto', { requestId: null }), 400, 99000);
  });
});

describe('Jobnet tray and unknown addresses', () => {
  it('answers 1001/1010 for bad CPRs in the tray and 404 for unknown paths', async () => {
    await expectError(rest(t.sb, 'akasse-067', 'GET', '/jobnet/v1/beskedbakke/12'), 400, 1001);
    await expectError(rest(t.sb, 'akasse-067', 'GET', '/jobnet/v1/beskedbakke/0000000000'), 404, 1010);
    expect((await rest(t.sb, 'akasse-067', 'GET', '/v2/Nothing')).status).toBe(404);
    expect((await rest(t.sb, 'akasse-067', 'PATCH', '/v1/Fravaer/')).status).toBe(404);
  });
});
