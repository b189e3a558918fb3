// Contract: Kontaktforloeb.IndkaldelseService (REST) against the running sandbox: create, rebook
// (UpdateIndkaldelse) and cancel (DeleteIndkaldelse) through the real client, DFDG's refusals
// (interfaces.md §9.5), the notification to the other party (GetIndkaldelseVersion1) and the
// citizen's Jobnet.
import { describe, expect, it } from 'vitest';
import type { MeetingInput } from '../../shared/domain';
import { refusal as dfdgRefusal } from '../core/dfdg/failures';
import { request } from '../sandbox/helpers';
import { addDays, withSandbox } from './helpers';

const env = withSandbox({ citizens: 300, seed: 5 });

async function refusal(p: Promise<unknown>): Promise<{ code: number | null; httpStatus: number | null }> {
  const e = await dfdgRefusal(p);
  return { code: e.code, httpStatus: e.httpStatus };
}

/** A KG1 member of a-kasse 067 whose jobcenter is 10100, so both sides see the citizen. */
const shared = (i: number) => {
  const c = env.visible('akasse-067', 1).filter((x) => x.jobcenterCode === '10100')[i];
  if (!c) throw new Error(`the sample has no citizen ${i} shared by akasse-067 and jobcenter-10100`);
  return c;
};
const JC = 'jobcenter-10100';
const jc = () => env.clientsFor(JC);
const jcCtx = () => env.ctxFor(JC);

const digital = (days: number, patch: Partial<MeetingInput> = {}): MeetingInput => ({
  interviewType: 7,
  start: `${addDays(env.today, days)}T10:00`,
  end: `${addDays(env.today, days)}T10:45`,
  form: 8,
  location: null,
  locationDetail: null,
  digitalLink: 'https://moede.example.dk/rum/abc-123',
  rebookingPossible: true,
  rebookingDeadline: `${addDays(env.today, days - 2)}T12:00`,
  cancelPossible: true,
  cancelDeadline: null,
  participants: [{ name: 'Ane Andersen, a-kassen', contactDetails: 'ane@akasse.example.dk' }],
  ...patch,
});

async function indkaldelseItems(orgId: string, cpr: string) {
  const c = env.clientsFor(orgId);
  const sys = env.ctxFor(orgId, 3);
  const s = await c.wsrm.createSequence(sys);
  const items = (await c.wsrm.getItems(sys, s.sequenceId, 'GetIndkaldelseVersion1')).filter((i) => i.cpr === cpr);
  await c.wsrm.terminateSequence(sys, s.sequenceId);
  return items;
}

describe('create, rebook, cancel', () => {
  it('a jobcenter books a digital meeting with its own id; the a-kasse reads it and is notified; it is rebooked and cancelled', async () => {
    const cpr = shared(0).cpr;
    const id = crypto.randomUUID();
    await indkaldelseItems('akasse-067', cpr); // drain what the sample raised
    expect(await jc().indkaldelse.createIndkaldelse(jcCtx(), cpr, id, digital(10), crypto.randomUUID())).toEqual({ meetingId: id });

    const seen = (await env.clientsFor('akasse-067').indkaldelse.getIndkaldelser(env.ctxFor('akasse-067'), cpr)).find((m) => m.id === id);
    expect(seen).toMatchObject({ form: 8, interviewType: 7, digitalLink: 'https://moede.example.dk/rum/abc-123', locationDetail: null, rebookingPossible: true, cancelPossible: true });
    expect(seen?.organisation).toMatchObject({ organisationType: 8, organisationCode: '10100' });
    expect(seen?.participants).toEqual([{ name: 'Ane Andersen, a-kassen', contactDetails: 'ane@akasse.example.dk' }]);
    const created = await indkaldelseItems('akasse-067', cpr);
    expect(created.map((i) => [i.entityId, i.changeType])).toEqual([[id, 1]]);

    // The citizen sees it on Jobnet, with the link.
    const jobnet = await request(env.sb, 'akasse-067', 'GET', `/jobnet/v1/moeder/${cpr}`);
    expect(jobnet.status).toBe(200);
    const moeder = (jobnet.json() as { moeder: { indkaldelseIdentifier: string; digitaltMoedelink?: string }[] }).moeder;
    expect(moeder.find((m) => m.indkaldelseIdentifier === id)?.digitaltMoedelink).toBe('https://moede.example.dk/rum/abc-123');

    // Rebooked to another day, now in person with a location detail.
    const moved = digital(12, { form: 1, digitalLink: null, location: 'Jobcenter København', locationDetail: 'Indgang B, 2. sal' });
    expect(await jc().indkaldelse.updateIndkaldelse(jcCtx(), cpr, id, moved, crypto.randomUUID())).toEqual({ meetingId: id });
    const after = (await jc().indkaldelse.getIndkaldelser(jcCtx(), cpr)).find((m) => m.id === id);
    expect(after).toMatchObject({ form: 1, digitalLink: null, location: 'Jobcenter København', locationDetail: 'Indgang B, 2. sal' });
    expect((await indkaldelseItems('akasse-067', cpr)).map((i) => [i.entityId, i.changeType])).toEqual([[id, 2]]);

    await jc().indkaldelse.deleteIndkaldelse(jcCtx(), cpr, id, crypto.randomUUID());
    expect((await jc().indkaldelse.getIndkaldelser(jcCtx(), cpr)).map((m) => m.id)).not.toContain(id);
    expect((await indkaldelseItems('akasse-067', cpr)).map((i) => [i.entityId, i.changeType])).toEqual([[id, 3]]);
  });

  it('an a-kasse books its own interview on its member', async () => {
    const cpr = shared(1).cpr;
    const id = crypto.randomUUID();
    const ak = env.clientsFor('akasse-067');
    await ak.indkaldelse.createIndkaldelse(env.ctxFor('akasse-067'), cpr, id, digital(5, { interviewType: 15, form: 2, digitalLink: null }), crypto.randomUUID());
    expect((await ak.indkaldelse.getIndkaldelser(env.ctxFor('akasse-067'), cpr)).find((m) => m.id === id)?.organisation?.organisationType).toBe(2);
  });
});

describe("DFDG's refusals", () => {
  const cpr = () => shared(2).cpr;
  const create = (input: MeetingInput) => jc().indkaldelse.createIndkaldelse(jcCtx(), cpr(), crypto.randomUUID(), input, crypto.randomUUID());

  it('90000: a retired meeting form (4 "Digitalt", 5 "Andet")', async () => {
    expect((await refusal(create(digital(3, { form: 4, digitalLink: null })))).code).toBe(90000);
    expect((await refusal(create(digital(3, { form: 5, digitalLink: null })))).code).toBe(90000);
  });
  it('99000: form 8 without the link; an empty Lokationsuddybning', async () => {
    expect((await refusal(create(digital(3, { digitalLink: null })))).code).toBe(99000);
    // The client never sends "" (indkaldelseBody leaves it out), so this goes on the wire by hand.
    const raw = await request(env.sb, JC, 'POST', `/v1/Indkaldelse/${crypto.randomUUID()}`, {
      headers: { 'x-civilRegistrationIdentifier': cpr(), 'x-requestId': crypto.randomUUID(), 'content-type': 'application/json' },
      body: JSON.stringify({ moedeStarttidspunkt: `${addDays(env.today, 3)}T10:00:00`, samtaleType: 7, afholdelsesform: 1, lokationsuddybning: '', ombookingMulig: false, aflysningMulig: false }),
    });
    expect(raw.status).toBe(400);
    expect(raw.text).toContain('99000');
  });
  it('90001 (interview type), 90002 (start before today), 90004 (end before start)', async () => {
    expect((await refusal(create(digital(3, { interviewType: 999 })))).code).toBe(90001);
    expect((await refusal(create(digital(-1, { rebookingDeadline: `${addDays(env.today, -2)}T12:00` })))).code).toBe(90002);
    expect((await refusal(create(digital(3, { end: `${addDays(env.today, 3)}T09:00` })))).code).toBe(90004);
  });
  it('90009, 90010, 90014: the rebooking and cancel deadlines', async () => {
    expect((await refusal(create(digital(3, { rebookingPossible: false })))).code).toBe(90009);
    expect((await refusal(create(digital(3, { rebookingDeadline: null })))).code).toBe(90010);
    expect((await refusal(create(digital(3, { cancelPossible: false, cancelDeadline: `${addDays(env.today, 2)}T12:00` })))).code).toBe(90014);
  });
  it('4977: the same id again; 412: the same x-requestId again', async () => {
    const id = crypto.randomUUID();
    const rid = crypto.randomUUID();
    await jc().indkaldelse.createIndkaldelse(jcCtx(), cpr(), id, digital(4), rid);
    expect(await refusal(jc().indkaldelse.createIndkaldelse(jcCtx(), cpr(), id, digital(4), rid))).toEqual({ code: 412, httpStatus: 412 });
    expect((await refusal(jc().indkaldelse.createIndkaldelse(jcCtx(), cpr(), id, digital(4), crypto.randomUUID()))).code).toBe(4977);
  });
  it('90036 (HTTP 404) for an unknown invitation on rebook and cancel; 4575 when another authority rebooks or cancels', async () => {
    expect(await refusal(jc().indkaldelse.updateIndkaldelse(jcCtx(), cpr(), crypto.randomUUID(), digital(4), crypto.randomUUID()))).toEqual({ code: 90036, httpStatus: 404 });
    expect(await refusal(jc().indkaldelse.deleteIndkaldelse(jcCtx(), cpr(), crypto.randomUUID(), crypto.randomUUID()))).toEqual({ code: 90036, httpStatus: 404 });
    const id = crypto.randomUUID();
    await jc().indkaldelse.createIndkaldelse(jcCtx(), cpr(), id, digital(6), crypto.randomUUID());
    const ak = env.clientsFor('akasse-067');
    expect((await refusal(ak.indkaldelse.updateIndkaldelse(env.ctxFor('akasse-067'), cpr(), id, digital(7), crypto.randomUUID()))).code).toBe(4575);
    expect((await refusal(ak.indkaldelse.deleteIndkaldelse(env.ctxFor('akasse-067'), cpr(), id, crypto.randomUUID()))).code).toBe(4575);
  });
  it('90007: an a-kasse books on another a-kasse’s member', async () => {
    const other = env.notVisible('akasse-067', /another a-kasse/)[0]!;
    const ak = env.clientsFor('akasse-067');
    expect((await refusal(ak.indkaldelse.createIndkaldelse(env.ctxFor('akasse-067'), other.cpr, crypto.randomUUID(), digital(3), crypto.randomUUID()))).code).toBe(90007);
  });
});
