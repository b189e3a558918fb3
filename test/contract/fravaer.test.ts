// Contract: VisiteringOgStatus.FravaerService (REST) against the running sandbox.
import { describe, expect, it } from 'vitest';
import type { AbsenceInput } from '../../shared/domain';
import { refusal as dfdgRefusal } from '../core/dfdg/failures';
import { addDays, withSandbox } from './helpers';

const env = withSandbox();

/** DFDG's code and HTTP status for a refusal. */
async function refusal(p: Promise<unknown>): Promise<{ code: number | null; httpStatus: number | null }> {
  const e = await dfdgRefusal(p);
  return { code: e.code, httpStatus: e.httpStatus };
}

const ak = () => env.clientsFor('akasse-067');
const ctx = () => env.ctxFor('akasse-067');
const member = (i: number) => env.visible('akasse-067', 1)[i]!;
const ferie = (startIn: number, days = 4): AbsenceInput => ({
  type: 10,
  start: addDays(env.today, startIn),
  end: addDays(env.today, startIn + days),
  comment: 'Ferie – æøå & <ok>',
  notificationDate: env.today,
  endReason: null,
});

describe('create, read, update, history, delete', () => {
  it('creates with the client id, reads it back, updates it with a rectification comment, and keeps the history', async () => {
    const cpr = member(0).cpr;
    const id = crypto.randomUUID();
    const input = ferie(20);
    expect(await ak().fravaer.createFravaer(ctx(), cpr, id, input, crypto.randomUUID())).toEqual({ absenceId: id });

    const read = await ak().fravaer.getFravaer(ctx(), cpr, id);
    expect(read).toMatchObject({ id, cpr, type: 10, start: input.start, end: input.end, comment: input.comment, notificationDate: env.today, endReason: null });
    expect(read.registeredBy).toEqual({ organisationType: 2, organisationCode: '067' });
    expect((await ak().fravaer.getAlleFravaer(ctx(), cpr)).map((a) => a.id)).toContain(id);

    const changed = { ...input, end: addDays(input.start, 2), rectificationComment: 'Kortere ferie' };
    expect(await ak().fravaer.updateFravaer(ctx(), cpr, id, changed, crypto.randomUUID())).toEqual({ absenceId: id });
    expect((await ak().fravaer.getFravaer(ctx(), cpr, id)).end).toBe(changed.end);

    const hist = (await ak().fravaer.getFravaerHistorik(ctx(), cpr)).filter((h) => h.absenceId === id);
    expect(hist.map((h) => h.changeType)).toEqual(expect.arrayContaining([1, 2]));
    const upd = hist.find((h) => h.changeType === 2)!;
    expect(upd.rectificationComment).toBe('Kortere ferie');
    expect(upd.absence.end).toBe(changed.end);
  });

  it('deletes a future absence with a rectification comment (URL-encoded in the path)', async () => {
    const cpr = member(1).cpr;
    const id = crypto.randomUUID();
    await ak().fravaer.createFravaer(ctx(), cpr, id, ferie(60), crypto.randomUUID());
    await ak().fravaer.deleteFravaer(ctx(), cpr, id, 'Fejlregistrering / dobbelt – æøå?', crypto.randomUUID());
    expect((await ak().fravaer.getAlleFravaer(ctx(), cpr)).map((a) => a.id)).not.toContain(id);
    const hist = (await ak().fravaer.getFravaerHistorik(ctx(), cpr)).filter((h) => h.absenceId === id);
    expect(hist.find((h) => h.changeType === 3)?.rectificationComment).toBe('Fejlregistrering / dobbelt – æøå?');
  });
});

describe('exactly once', () => {
  it('the same x-requestId again gets HTTP 412 and changes nothing', async () => {
    const cpr = member(2).cpr;
    const id = crypto.randomUUID();
    const requestId = crypto.randomUUID();
    await ak().fravaer.createFravaer(ctx(), cpr, id, ferie(30), requestId);
    expect(await refusal(ak().fravaer.createFravaer(ctx(), cpr, id, ferie(30), requestId))).toEqual({ code: 412, httpStatus: 412 });
    const upd = crypto.randomUUID();
    await ak().fravaer.updateFravaer(ctx(), cpr, id, { ...ferie(30), comment: 'én gang', rectificationComment: 'ret' }, upd);
    expect(await refusal(ak().fravaer.updateFravaer(ctx(), cpr, id, { ...ferie(30), comment: 'to gange', rectificationComment: 'ret' }, upd))).toEqual({ code: 412, httpStatus: 412 });
    expect((await ak().fravaer.getFravaer(ctx(), cpr, id)).comment).toBe('én gang');
  });

  it('creating with an id that already exists (new x-requestId) gets 4977', async () => {
    const cpr = member(2).cpr;
    const id = crypto.randomUUID();
    await ak().fravaer.createFravaer(ctx(), cpr, id, ferie(35), crypto.randomUUID());
    expect((await refusal(ak().fravaer.createFravaer(ctx(), cpr, id, ferie(35), crypto.randomUUID()))).code).toBe(4977);
  });

  it('a request refused at schema validation may be retried with the same x-requestId', async () => {
    const cpr = member(3).cpr;
    const id = crypto.randomUUID();
    const requestId = crypto.randomUUID();
    const tooLong = { ...ferie(40), comment: 'x'.repeat(1501) };
    expect([1014, 99000]).toContain((await refusal(ak().fravaer.createFravaer(ctx(), cpr, id, tooLong, requestId))).code);
    expect(await ak().fravaer.createFravaer(ctx(), cpr, id, ferie(40), requestId)).toEqual({ absenceId: id });
  });

  it("a request refused by the service's own validation is remembered: the same x-requestId then gets 412 (a fix needs a new one)", async () => {
    const cpr = member(3).cpr;
    const id = crypto.randomUUID();
    const requestId = crypto.randomUUID();
    const bad = { ...ferie(45), end: addDays(env.today, 44) };
    expect((await refusal(ak().fravaer.createFravaer(ctx(), cpr, id, bad, requestId))).code).toBe(1003);
    expect((await refusal(ak().fravaer.createFravaer(ctx(), cpr, id, ferie(45), requestId))).code).toBe(412);
    expect(await ak().fravaer.createFravaer(ctx(), cpr, id, ferie(45), crypto.randomUUID())).toEqual({ absenceId: id });
  });
});

describe('refusals', () => {
  it('type 78 (COVID arbejdsfordeling) is refused with 4593', async () => {
    expect((await refusal(ak().fravaer.createFravaer(ctx(), member(3).cpr, crypto.randomUUID(), { ...ferie(10), type: 78 }, crypto.randomUUID()))).code).toBe(4593);
  });

  it('deleting a historic absence of an excepted type (8) is refused with 4594', async () => {
    const cpr = member(4).cpr;
    const id = crypto.randomUUID();
    await ak().fravaer.createFravaer(ctx(), cpr, id, { type: 8, start: addDays(env.today, -30), end: addDays(env.today, 10), comment: null, notificationDate: addDays(env.today, -30), endReason: null }, crypto.randomUUID());
    expect((await refusal(ak().fravaer.deleteFravaer(ctx(), cpr, id, 'Slet', crypto.randomUUID()))).code).toBe(4594);
    expect((await ak().fravaer.getAlleFravaer(ctx(), cpr)).map((a) => a.id)).toContain(id);
  });

  it('end before start is refused with 1003', async () => {
    expect((await refusal(ak().fravaer.createFravaer(ctx(), member(4).cpr, crypto.randomUUID(), { ...ferie(10), end: addDays(env.today, 9) }, crypto.randomUUID()))).code).toBe(1003);
  });

  it("access: 4575 (403) for an a-kasse's non-member and for another jobcenter's citizen", async () => {
    const n = env.notVisible('akasse-067', /another a-kasse/)[0]!;
    expect(await refusal(ak().fravaer.getAlleFravaer(ctx(), n.cpr))).toEqual({ code: 4575, httpStatus: 403 });
    expect((await refusal(ak().fravaer.createFravaer(ctx(), n.cpr, crypto.randomUUID(), ferie(10), crypto.randomUUID()))).code).toBe(4575);
    const o = env.notVisible('jobcenter-10100', /another jobcenter/)[0]!;
    expect(await refusal(env.clientsFor('jobcenter-10100').fravaer.getAlleFravaer(env.ctxFor('jobcenter-10100'), o.cpr))).toEqual({ code: 4575, httpStatus: 403 });
  });

  it('type 79 (Sorgorlov) from an a-kasse is refused with 4575', async () => {
    expect((await refusal(ak().fravaer.createFravaer(ctx(), member(4).cpr, crypto.randomUUID(), { ...ferie(10), type: 79 }, crypto.randomUUID()))).code).toBe(4575);
  });

  it('type 79 (Sorgorlov) from a jobcenter is accepted on contact group 1 and on other groups (seed 001 §2.1)', async () => {
    const jc = env.clientsFor('jobcenter-10100');
    const jcCtx = env.ctxFor('jobcenter-10100');
    const kg1 = env.visible('jobcenter-10100', 1).find((v) => v.registrationCategory !== null);
    const kg2 = env.visible('jobcenter-10100', 2)[0];
    if (!kg1 || !kg2) throw new Error('the sample needs a registered KG1 and a KG2 citizen of jobcenter-10100');
    for (const c of [kg1, kg2]) {
      const id = crypto.randomUUID();
      expect(await jc.fravaer.createFravaer(jcCtx, c.cpr, id, { ...ferie(10), type: 79, end: null }, crypto.randomUUID())).toEqual({ absenceId: id });
    }
  });

  it('a malformed CPR gets 1001 (400); an unknown one 4404 (404)', async () => {
    expect(await refusal(ak().fravaer.getAlleFravaer(ctx(), '9999999999'))).toEqual({ code: 1001, httpStatus: 400 });
    let unknown = '';
    for (let i = 0; i < 50 && !unknown; i++) {
      const cpr = `2802${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
      await env.admin.citizen(cpr).catch(() => (unknown = cpr));
    }
    const r = await refusal(ak().fravaer.getAlleFravaer(ctx(), unknown));
    expect(r.httpStatus).toBe(404);
    expect([4404, 1010]).toContain(r.code);
  });
});
