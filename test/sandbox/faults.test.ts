// Fault injection and administration: 503 share (seeded), reset before processing, drop after
// applying (visible in stats), an unreadable 200 after applying, a late apply after the client has
// gone, faults for one operation and the next N requests only, offline, latency, the counts by
// x-requestId, and the reset/clock endpoints.

import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SandboxAdminError } from '../../sandbox/adminClient';
import { newRequestId, org, request, rest, soap, soapEnvelope, startTestSandbox, tlsFor, x, type TestSandbox } from './helpers';

let t: TestSandbox;

beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await t.admin.clearFaults();
});

const codeList = () => soap(t.sb, 'jobcenter-10100', 'CodeListService', 'GetCodeList', x('CodeListName', 'ContactGroupTypeIdentifier'));

function kg1(i: number) {
  const list = org(t.sample, 'jobcenter-10101').visible.filter((v) => v.contactGroup === 1);
  const c = list[i % list.length];
  if (!c) throw new Error('no citizen');
  return c;
}

const absence = (cpr: string, id: string, requestId?: string) =>
  rest(t.sb, 'jobcenter-10101', 'POST', `/v1/Fravaer/${id}`, {
    cpr,
    requestId,
    body: { fravaerType: 10, startDato: '2026-08-03T00:00:00', slutDato: '2026-08-07T00:00:00', anmeldelsesDato: '2026-05-04T00:00:00' },
  });

const statusesOf = async (n: number) => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await codeList()).status);
  return out;
};

describe('fault injection', () => {
  it('answers a seeded share with 503, only for the services named, repeatably', async () => {
    await t.admin.setFaults({ rate503: 0.5, seed: 42, services: ['CodeListService'] });
    const before = (await t.admin.stats()).operations['CodeListService.GetCodeList'] ?? { requests: 0, faulted: 0 };
    const first = await statusesOf(60);
    const n503 = first.filter((s) => s === 503).length;
    expect(n503).toBeGreaterThan(15);
    expect(n503).toBeLessThan(45);
    expect(first.filter((s) => s !== 503).every((s) => s === 200)).toBe(true);
    const after = (await t.admin.stats()).operations['CodeListService.GetCodeList'];
    expect(after?.requests).toBe(before.requests + 60);
    expect(after?.faulted).toBe(before.faulted + n503);
    // Other services are untouched.
    for (let i = 0; i < 10; i++) expect((await rest(t.sb, 'jobcenter-10101', 'GET', '/v1/Fravaer/', { cpr: kg1(0).cpr })).status).toBe(200);
    // The same seed gives the same sequence.
    await t.admin.setFaults({ rate503: 0.5, seed: 42, services: ['CodeListService'] });
    expect(await statusesOf(60)).toEqual(first);
  });

  it('resets the connection before processing: nothing is applied', async () => {
    await t.admin.setFaults({ rateReset: 1, services: ['FravaerService'] });
    const c = kg1(1);
    const id = crypto.randomUUID();
    await expect(absence(c.cpr, id)).rejects.toThrow();
    await t.admin.clearFaults();
    const one = await rest(t.sb, 'jobcenter-10101', 'GET', `/v1/Fravaer/${c.cpr}/${id}`);
    expect(one.status).toBe(404);
    const ops = (await t.admin.stats()).operations['FravaerService.CreateFravaerMedIdentifier'];
    expect(ops?.faulted).toBeGreaterThanOrEqual(1);
    expect(ops?.applied ?? 0).toBe(0);
  });

  it('drops the answer after applying: the change is there, stats show it, a retry with the same x-requestId gets 412 and is never applied twice', async () => {
    await t.admin.setFaults({ rateDrop: 1, services: ['FravaerService'] });
    const c = kg1(2);
    const id = crypto.randomUUID();
    const rid = newRequestId();
    await expect(absence(c.cpr, id, rid)).rejects.toThrow();
    await t.admin.clearFaults();
    const stats = await t.admin.stats();
    const ops = stats.operations['FravaerService.CreateFravaerMedIdentifier'];
    expect(ops?.applied).toBeGreaterThanOrEqual(1);
    expect(ops?.faulted).toBeGreaterThanOrEqual(1);
    expect((await rest(t.sb, 'jobcenter-10101', 'GET', `/v1/Fravaer/${c.cpr}/${id}`)).status).toBe(200);
    const retry = await absence(c.cpr, id, rid);
    expect(retry.status).toBe(412);
    const after = await t.admin.stats();
    expect(after.logical.duplicateKeys).not.toContain(`CreateFravaer:${id}`);
    expect(after.logical.applied).toBe(stats.logical.applied);
  });

  it('shows a SOAP write applied twice after a dropped answer and a blind resend', async () => {
    const c = org(t.sample, 'jobcenter-10101').visible.find((v) => v.contactGroup === 1);
    const cert = t.sb.certs.orgs['jobcenter-10101'];
    if (!c || !cert) throw new Error('setup');
    const body = [
      x('FromUser', [x('UserTypeIdentifier', 2), x('UserIdentifier', cert.rid), x('FullName', cert.caseworkerName), x('OrganisationTypeIdentifier', 8), x('OrganisationCode', '10101')]),
      x('PersonCivilRegistrationIdentifier', c.cpr),
      x('CitizenMessageChannelTypeIdentifier', 1),
      x('CitizenMessageContextTypeIdentifier', 1),
      x('Subject', `Blindt gensendt ${crypto.randomUUID()}`),
      x('Body', 'Samme besked to gange'),
      x('AllowReply', false),
    ].join('');
    await t.admin.setFaults({ rateDrop: 1, services: ['CitizenMessageService'] });
    await expect(soap(t.sb, 'jobcenter-10101', 'CitizenMessageService', 'CreateMessage', body)).rejects.toThrow();
    await t.admin.clearFaults();
    const before = await t.admin.stats();
    expect((await soap(t.sb, 'jobcenter-10101', 'CitizenMessageService', 'CreateMessage', body)).fault).toBeNull();
    const after = await t.admin.stats();
    expect(after.logical.duplicates).toBe(before.logical.duplicates + 1);
  });

  const soapMessage = (subject: string) => {
    const c = org(t.sample, 'jobcenter-10101').visible.find((v) => v.contactGroup === 1);
    const cert = t.sb.certs.orgs['jobcenter-10101'];
    if (!c || !cert) throw new Error('setup');
    return {
      cpr: c.cpr,
      body: [
        x('FromUser', [x('UserTypeIdentifier', 2), x('UserIdentifier', cert.rid), x('FullName', cert.caseworkerName), x('OrganisationTypeIdentifier', 8), x('OrganisationCode', '10101')]),
        x('PersonCivilRegistrationIdentifier', c.cpr),
        x('CitizenMessageChannelTypeIdentifier', 1),
        x('CitizenMessageContextTypeIdentifier', 1),
        x('Subject', subject),
        x('Body', 'Til borgeren'),
        x('AllowReply', false),
      ].join(''),
    };
  };
  const createMessage = (body: string, headers: Record<string, string> = {}, timeoutMs?: number) =>
    request(t.sb, 'jobcenter-10101', 'POST', '/pjaktass/1/CitizenMessageService.svc', {
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '"http://service.bm.dk/pjaktass/1/CitizenMessageService#CreateMessage"', ...headers },
      body: soapEnvelope(t.sb, 'jobcenter-10101', 'CitizenMessageService', 'CreateMessage', body),
      ...(timeoutMs ? { timeoutMs } : {}),
    });
  const subjectsAtDfdg = async (cpr: string) => {
    const r = await soap(t.sb, 'jobcenter-10101', 'CitizenMessageService', 'GetCitizenMessages', x('PersonCivilRegistrationIdentifier', cpr));
    return (r.body?.children.find((k) => k.name === 'CitizenMessages')?.children ?? []).map((m) => m.children.find((k) => k.name === 'Subject')?.text);
  };

  it('answers an applied write 200 with a body cut in half: the change is there, the answer cannot be read', async () => {
    await t.admin.setFaults({ rateGarbage: 1, services: ['CitizenMessageService'] });
    const subject = `Ulæseligt svar ${crypto.randomUUID()}`;
    const m = soapMessage(subject);
    const r = await createMessage(m.body);
    expect(r.status).toBe(200);
    expect(r.text.startsWith('<?xml')).toBe(true);
    expect(r.text).not.toContain('</s:Envelope>');
    await t.admin.clearFaults();
    expect(await subjectsAtDfdg(m.cpr)).toContain(subject);
    expect((await t.admin.stats()).operations['CitizenMessageService.CreateMessage']).toMatchObject({ faulted: expect.any(Number) as number });
  });

  it('applies a request late, after the client has given up and gone (not before), and counts the request as abandoned', async () => {
    await t.admin.setFaults({ rateLate: 1, lateApplyMs: 300, operations: ['CitizenMessageService.CreateMessage'] });
    const before = (await t.admin.stats()).operations['CitizenMessageService.CreateMessage']?.abandoned ?? 0;
    const subject = `Sent anvendt ${crypto.randomUUID()}`;
    const m = soapMessage(subject);
    await expect(createMessage(m.body, {}, 400)).rejects.toThrow('timeout');
    // The client is gone; the sandbox has not applied it yet (reads are not held: only CreateMessage is named).
    expect(await subjectsAtDfdg(m.cpr)).not.toContain(subject);
    const until = Date.now() + 5_000;
    while (!(await subjectsAtDfdg(m.cpr)).includes(subject) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(await subjectsAtDfdg(m.cpr)).toContain(subject);
    expect((await t.admin.stats()).operations['CitizenMessageService.CreateMessage']?.abandoned).toBe(before + 1);
  });

  it('faults the named operation only, and only the next `count` requests', async () => {
    await t.admin.setFaults({ rate503: 1, operations: ['CodeListService.GetCodeList'], count: 2 });
    expect((await soap(t.sb, 'jobcenter-10101', 'CitizenMessageService', 'GetCitizenMessages', x('PersonCivilRegistrationIdentifier', kg1(6).cpr))).status).toBe(200);
    expect(await statusesOf(4)).toEqual([503, 503, 200, 200]);
    const bad = await t.admin.setFaults({ operations: ['CreateMessage'] } as never).catch((e: unknown) => e);
    expect((bad as SandboxAdminError).status).toBe(400);
  });

  it('counts applied writes by x-requestId as well as by content: one id applied twice is a duplicate, two ids with the same content are not', async () => {
    const subject = `Samme tekst ${crypto.randomUUID()}`;
    const m = soapMessage(subject);
    const before = await t.admin.stats();
    const first = newRequestId();
    expect((await createMessage(m.body, { 'x-requestId': first })).status).toBe(200);
    expect((await createMessage(m.body, { 'x-requestId': newRequestId() })).status).toBe(200);
    const mid = await t.admin.stats();
    // The same content twice on purpose: a content duplicate, but no x-requestId applied twice.
    expect(mid.logical.duplicates).toBe(before.logical.duplicates + 1);
    expect(mid.requestIds.duplicates).toBe(before.requestIds.duplicates);
    expect(mid.requestIds.applied).toBe(before.requestIds.applied + 2);
    // The first request again (a blind resend of one command): applied twice under one id.
    expect((await createMessage(m.body, { 'x-requestId': first })).status).toBe(200);
    const after = await t.admin.stats();
    expect(after.requestIds.duplicateIds).toContain(`jobcenter-10101:${first}`);
    expect(await t.admin.appliedRequest('jobcenter-10101', first)).toBe(2);
    // A read is no write.
    await soap(t.sb, 'jobcenter-10101', 'CitizenMessageService', 'GetCitizenMessages', x('PersonCivilRegistrationIdentifier', m.cpr));
    expect((await t.admin.stats()).requestIds.applied).toBe(after.requestIds.applied);
  });

  it('goes offline: every non-admin connection is cut, open keep-alive sockets included; admin still works', async () => {
    const agent = new https.Agent({ ...tlsFor(t.sb, 'jobcenter-10100'), keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<number>((resolve, reject) => {
        const req = https.request(new URL('/v1/virksomhedskonto', t.sb.url), { agent, headers: { 'x-requestId': newRequestId() } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end();
      });
    try {
      expect(await get()).toBe(200);
      const s = await t.admin.setFaults({ offline: true });
      expect(s.offline).toBe(true);
      await expect(get()).rejects.toThrow();
      await expect(request(t.sb, 'akasse-067', 'GET', '/v1/virksomhedskonto', { headers: { 'x-requestId': newRequestId() } })).rejects.toThrow();
      expect((await t.admin.stats()).operations).toBeTruthy();
      await t.admin.setFaults({ offline: false });
      expect(await get()).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  it('adds latency and jitter', async () => {
    await t.admin.setFaults({ latencyMs: 150, jitterMs: 50 });
    const started = Date.now();
    expect((await codeList()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('refuses invalid fault settings', async () => {
    for (const bad of [{ rate503: 2 }, { rate503: 0.6, rateDrop: 0.6 }, { latencyMs: -1 }, { services: 'all' }, { nonsense: 1 }]) {
      const err = await t.admin.setFaults(bad as never).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SandboxAdminError);
      expect((err as SandboxAdminError).status).toBe(400);
    }
  });
});

describe('administration', () => {
  it('reset drops every mutation, notification and counter', async () => {
    const c = kg1(3);
    const id = crypto.randomUUID();
    expect((await absence(c.cpr, id)).status).toBe(201);
    await t.admin.patchCitizen(c.cpr, { contactGroup: 2 });
    expect((await t.admin.citizen(c.cpr)).contactGroup).toBe(2);
    await t.admin.reset();
    expect((await t.admin.citizen(c.cpr)).contactGroup).toBe(1);
    expect((await rest(t.sb, 'jobcenter-10101', 'GET', `/v1/Fravaer/${c.cpr}/${id}`)).status).toBe(404);
    const seq = await soap(t.sb, 'jobcenter-10101', 'WsrmService', 'CreateSequence', '');
    expect(seq.body?.children.find((k) => k.name === 'Messages')?.children).toHaveLength(0);
    const s = await t.admin.stats();
    expect(s.logical.applied).toBe(0);
    const journal = fs.readFileSync(path.join(t.dir, 'journal.jsonl'), 'utf8').trim().split('\n');
    expect(journal).toHaveLength(1);
    expect(JSON.parse(journal[0] ?? '{}')).toMatchObject({ e: 'meta', seed: 1, citizens: 500 });
  });

  it('sets and clears the clock', async () => {
    expect((await t.admin.setToday('2027-01-15')).today).toBe('2027-01-15');
    const c = kg1(4);
    // 90002: the start is before the sandbox's today.
    const r = await rest(t.sb, 'jobcenter-10101', 'POST', `/v1/Indkaldelse/${crypto.randomUUID()}`, {
      cpr: c.cpr,
      body: { moedeStarttidspunkt: '2026-12-01T10:00:00', samtaleType: 7, afholdelsesform: 2, ombookingMulig: false, aflysningMulig: false },
    });
    expect(r.json<{ fejlkode: number }>().fejlkode).toBe(90002);
    const cleared = await t.admin.setToday(null);
    expect(cleared.overridden).toBeNull();
    expect(cleared.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await t.admin.setToday('2026-05-04');
    const bad = await t.admin.setToday('2026-13-01').catch((e: unknown) => e);
    expect((bad as SandboxAdminError).status).toBe(400);
  });

  it('patches a citizen: deceased blocks registrations (4405), unknown CPR and fields are refused', async () => {
    const c = kg1(5);
    await t.admin.patchCitizen(c.cpr, { deceased: true });
    const r = await absence(c.cpr, crypto.randomUUID());
    expect(r.json<{ fejlkode: number }>().fejlkode).toBe(4405);
    await t.admin.patchCitizen(c.cpr, { deceased: false });
    expect((await absence(c.cpr, crypto.randomUUID())).status).toBe(201);
    expect(((await t.admin.patchCitizen('0000000000', { contactGroup: 1 }).catch((e: unknown) => e)) as SandboxAdminError).status).toBe(404);
    expect(((await t.admin.patchCitizen(c.cpr, { colour: 'blue' } as never).catch((e: unknown) => e)) as SandboxAdminError).status).toBe(400);
    expect(((await t.admin.patchCitizen(c.cpr, { akasseCode: '999' }).catch((e: unknown) => e)) as SandboxAdminError).status).toBe(400);
  });
});
