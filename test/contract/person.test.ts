// Contract: PersonStatusService and PersonActivityStatusService against the running sandbox.
import { describe, expect, it } from 'vitest';
import type { DfdgClients } from '../../main/core/dfdg';
import type { ActivityInput } from '../../shared/domain';
import { refusalCode as code } from '../core/dfdg/failures';
import { addDays, withSandbox, type SampleCitizen } from './helpers';

const env = withSandbox();

/** A well-formed CPR the sandbox does not know. */
async function unknownCpr(): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const cpr = `2802${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    try {
      await env.admin.citizen(cpr);
    } catch {
      return cpr;
    }
  }
  throw new Error('no unknown CPR found');
}

/** A citizen visible to both the a-kasse and the jobcenter (a member of 067 attached to 10100). */
function shared(): SampleCitizen {
  const jc = new Set(env.visible('jobcenter-10100').map((c) => c.cpr));
  const c = env.visible('akasse-067').find((x) => jc.has(x.cpr) || x.jobcenterCode === '10100');
  if (!c) throw new Error('the sample has no member of akasse-067 attached to jobcenter-10100');
  return c;
}

describe('PersonStatusService.GetVariablePersonStatus', () => {
  it('an a-kasse reads its member: the readable Citizen matches the population', async () => {
    const c = env.clientsFor('akasse-067');
    for (const s of [env.visible('akasse-067', 1)[0]!, env.visible('akasse-067', 8)[0]!]) {
      const cit = await c.personStatus.getVariablePersonStatus(env.ctxFor('akasse-067'), s.cpr);
      expect({
        cpr: cit.cpr,
        name: cit.name,
        contactGroup: cit.contactGroup,
        registrationCategory: cit.registrationCategory,
        akasseCode: cit.akasseCode,
        jobcenterCode: cit.jobcenterCode,
        deceased: cit.deceased,
      }).toEqual({ cpr: s.cpr, name: s.name, contactGroup: s.contactGroup, registrationCategory: s.registrationCategory, akasseCode: '067', jobcenterCode: s.jobcenterCode, deceased: false });
      expect(cit.akasseName).toBeTruthy();
      expect(cit.membershipStart).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(cit.gender === 'M' || cit.gender === 'K').toBe(true);
    }
  });

  it('a jobcenter reads its own citizen', async () => {
    const s = env.visible('jobcenter-10100')[0]!;
    const cit = await env.clientsFor('jobcenter-10100').personStatus.getVariablePersonStatus(env.ctxFor('jobcenter-10100'), s.cpr);
    expect([cit.cpr, cit.name, cit.jobcenterCode]).toEqual([s.cpr, s.name, '10100']);
    expect(cit.jobcenterName).toBeTruthy();
  });

  it('returns only the parts asked for', async () => {
    const s = env.visible('akasse-067', 1)[0]!;
    const cit = await env.clientsFor('akasse-067').personStatus.getVariablePersonStatus(env.ctxFor('akasse-067'), s.cpr, { core: true });
    expect(cit.name).toBe(s.name);
    expect([cit.contactGroup, cit.akasseCode, cit.jobcenterCode]).toEqual([null, null, null]);
  });

  it('an a-kasse asking about a non-member gets 4575', async () => {
    const c = env.clientsFor('akasse-067');
    // PersonStatusService also shows former members up to 120 days after the membership: skip those.
    const recentFormer = new Set((env.org('akasse-067').formerMembers ?? []).filter((f) => f.daysSinceEnd <= 120).map((f) => f.cpr));
    for (const reason of [/another a-kasse/, /not a member/, /contact group/]) {
      let n: { cpr: string } | undefined;
      for (const cand of env.notVisible('akasse-067', reason)) {
        const st = await env.admin.citizen(cand.cpr);
        const recent = st.akasseCode === '067' && st.membershipEnd !== null && addDays(st.membershipEnd, 120) >= env.today;
        if (!recent && !recentFormer.has(cand.cpr)) {
          n = cand;
          break;
        }
      }
      expect(n, `sample has a citizen not visible because ${reason}`).toBeDefined();
      expect(await code(c.personStatus.getVariablePersonStatus(env.ctxFor('akasse-067'), n!.cpr))).toBe(4575);
    }
  });

  it("a jobcenter asking about another jobcenter's citizen gets 6005", async () => {
    const n = env.notVisible('jobcenter-10100', /another jobcenter/)[0]!;
    expect(await code(env.clientsFor('jobcenter-10100').personStatus.getVariablePersonStatus(env.ctxFor('jobcenter-10100'), n.cpr))).toBe(6005);
  });

  it('a former member is readable within 120 days of the membership end, not after', async () => {
    const former = env.org('akasse-067').formerMembers ?? [];
    const inside = former.find((f) => f.daysSinceEnd <= 120);
    const outside = former.find((f) => f.daysSinceEnd > 121);
    expect(inside && outside, 'sample lists former members inside and outside the window').toBeTruthy();
    const c = env.clientsFor('akasse-067');
    const cit = await c.personStatus.getVariablePersonStatus(env.ctxFor('akasse-067'), inside!.cpr);
    expect(cit.membershipEnd).toBe(inside!.membershipEnd);
    expect(await code(c.personStatus.getVariablePersonStatus(env.ctxFor('akasse-067'), outside!.cpr))).toBe(4575);
  });

  it('a deceased citizen can still be read and is marked deceased', async () => {
    const d = env.org('akasse-067').deceased?.[0];
    expect(d).toBeDefined();
    const cit = await env.clientsFor('akasse-067').personStatus.getVariablePersonStatus(env.ctxFor('akasse-067'), d!.cpr);
    expect(cit.deceased).toBe(true);
  });

  it('a malformed CPR gets 1001, an unknown one 1010', async () => {
    const c = env.clientsFor('akasse-067');
    expect(await code(c.personStatus.getVariablePersonStatus(env.ctxFor('akasse-067'), '3113901234'))).toBe(1001);
    expect(await code(c.personStatus.getVariablePersonStatus(env.ctxFor('akasse-067'), await unknownCpr()))).toBe(1010);
  });
});

describe('PersonActivityStatusService', () => {
  const input = (start: string, end: string | null): ActivityInput => ({ name: 'Virksomhedspraktik hos Bager Hansen', activationType: 3, start, end, hoursPerWeek: 37.5 });

  it('a jobcenter creates an activity on its own citizen; it appears in the plan for both parties', async () => {
    const s = shared();
    const jc = env.clientsFor('jobcenter-10100');
    const id = crypto.randomUUID();
    const start = addDays(env.today, 14);
    const out = await jc.personActivityStatus.createActivity(env.ctxFor('jobcenter-10100'), s.cpr, id, input(start, addDays(start, 56)));
    expect(out.activityId).toBe(id);
    expect(out.receipt.messageIdentifier).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(out.receipt.eventDate)).not.toBeNaN();

    for (const [orgId, c] of [['jobcenter-10100', jc], ['akasse-067', env.clientsFor('akasse-067')]] as [string, DfdgClients][]) {
      const plan = await c.personActivityStatus.getPersonActivityStatus(env.ctxFor(orgId), s.cpr);
      const a = plan.find((x) => x.id === id);
      expect(a, `${orgId} sees the activity`).toBeDefined();
      expect(a).toMatchObject({ cpr: s.cpr, name: 'Virksomhedspraktik hos Bager Hansen', activationType: 3, start, end: addDays(start, 56), endReason: null });
      expect(a!.responsibleAuthority?.code).toBe('10100');
    }
  });

  it('the a-kasse learns of the activity through WSRM (GetActivityGeneralEventVersion3)', async () => {
    const s = shared();
    const id = crypto.randomUUID();
    const start = addDays(env.today, 21);
    await env.clientsFor('jobcenter-10100').personActivityStatus.createActivity(env.ctxFor('jobcenter-10100'), s.cpr, id, input(start, null));
    const ak = env.clientsFor('akasse-067');
    const ctx = env.ctxFor('akasse-067', 3);
    const seq = await ak.wsrm.createSequence(ctx);
    const items = await ak.wsrm.getItems(ctx, seq.sequenceId, 'GetActivityGeneralEventVersion3');
    await ak.wsrm.closeSequence(ctx, seq.sequenceId);
    const item = items.find((i) => i.entityId === id);
    expect(item).toMatchObject({ cpr: s.cpr, kind: 'GetActivityGeneralEventVersion3', details: { activationType: 3, start } });
    expect(item!.registeringOrganisation).toEqual({ organisationType: 8, organisationCode: '10100' });
  });

  it('replaying CreateActivity with the same ActivityIdentifier gets 4977 and creates nothing new', async () => {
    const s = shared();
    const jc = env.clientsFor('jobcenter-10100');
    const id = crypto.randomUUID();
    const start = addDays(env.today, 7);
    await jc.personActivityStatus.createActivity(env.ctxFor('jobcenter-10100'), s.cpr, id, input(start, null));
    expect(await code(jc.personActivityStatus.createActivity(env.ctxFor('jobcenter-10100'), s.cpr, id, input(start, null)))).toBe(4977);
    const plan = await jc.personActivityStatus.getPersonActivityStatus(env.ctxFor('jobcenter-10100'), s.cpr);
    expect(plan.filter((a) => a.id === id)).toHaveLength(1);
  });

  it("an a-kasse may not create (4575); a jobcenter not on another jobcenter's citizen (6005); end before start is 1003", async () => {
    const s = shared();
    const start = addDays(env.today, 7);
    expect(await code(env.clientsFor('akasse-067').personActivityStatus.createActivity(env.ctxFor('akasse-067'), s.cpr, crypto.randomUUID(), input(start, null)))).toBe(4575);
    const other = env.notVisible('jobcenter-10100', /another jobcenter/)[0]!;
    const jc = env.clientsFor('jobcenter-10100');
    expect(await code(jc.personActivityStatus.createActivity(env.ctxFor('jobcenter-10100'), other.cpr, crypto.randomUUID(), input(start, null)))).toBe(6005);
    expect(await code(jc.personActivityStatus.createActivity(env.ctxFor('jobcenter-10100'), s.cpr, crypto.randomUUID(), input(start, addDays(start, -1))))).toBe(1003);
  });

  it('reading the plan follows the access rules (4575 / 6005)', async () => {
    const n = env.notVisible('akasse-067', /another a-kasse/)[0]!;
    expect(await code(env.clientsFor('akasse-067').personActivityStatus.getPersonActivityStatus(env.ctxFor('akasse-067'), n.cpr))).toBe(4575);
    const o = env.notVisible('jobcenter-10100', /another jobcenter/)[0]!;
    expect(await code(env.clientsFor('jobcenter-10100').personActivityStatus.getPersonActivityStatus(env.ctxFor('jobcenter-10100'), o.cpr))).toBe(6005);
  });
});

// UpdateActivity and EndActivity are ASSUMED operations (docs/wire-contract.md §2.6b): DFDG publishes
// none for changing or ending an activity.
describe('PersonActivityStatusService.UpdateActivity / EndActivity (ASSUMED)', () => {
  const input = (start: string, end: string | null): ActivityInput => ({ name: 'Virksomhedspraktik hos Bager Hansen', activationType: 2, start, end, hoursPerWeek: 37 });
  const jcCtx = () => env.ctxFor('jobcenter-10100');
  async function created(start = addDays(env.today, 10), end: string | null = addDays(env.today, 40)) {
    const s = shared();
    const jc = env.clientsFor('jobcenter-10100');
    const id = crypto.randomUUID();
    await jc.personActivityStatus.createActivity(jcCtx(), s.cpr, id, input(start, end));
    return { s, jc, id, start };
  }
  /** The a-kasse's GetActivityGeneralEventVersion3 items about `id`. */
  async function akasseItems(id: string) {
    const ak = env.clientsFor('akasse-067');
    const ctx = env.ctxFor('akasse-067', 3);
    const seq = await ak.wsrm.createSequence(ctx);
    const items = await ak.wsrm.getItems(ctx, seq.sequenceId, 'GetActivityGeneralEventVersion3');
    await ak.wsrm.closeSequence(ctx, seq.sequenceId);
    return items.filter((i) => i.entityId === id);
  }

  it('a jobcenter ends an activity with an ophørsårsag: both parties read it, and the a-kasse is notified (change type 2)', async () => {
    const { s, jc, id, start } = await created();
    const end = addDays(start, 5);
    const out = await jc.personActivityStatus.endActivity(jcCtx(), s.cpr, id, { end, endReason: 1 });
    expect(out.activityId).toBe(id);
    expect(Date.parse(out.receipt.eventDate)).not.toBeNaN();
    for (const orgId of ['jobcenter-10100', 'akasse-067']) {
      const plan = await env.clientsFor(orgId).personActivityStatus.getPersonActivityStatus(env.ctxFor(orgId), s.cpr);
      expect(plan.find((a) => a.id === id)).toMatchObject({ start, end, endReason: 1 });
    }
    const items = await akasseItems(id);
    expect(items.find((i) => i.changeType === 2)).toMatchObject({ details: { activationType: 2, start, end, endReason: 1 }, registeringOrganisation: { organisationType: 8, organisationCode: '10100' } });
  });

  it('a jobcenter moves a planned activity; the a-kasse is notified of the new dates', async () => {
    const { s, jc, id } = await created();
    const start = addDays(env.today, 20);
    await jc.personActivityStatus.updateActivity(jcCtx(), s.cpr, id, { start, end: null });
    const plan = await jc.personActivityStatus.getPersonActivityStatus(jcCtx(), s.cpr);
    expect(plan.find((a) => a.id === id)).toMatchObject({ start, end: null, endReason: null });
    expect((await akasseItems(id)).find((i) => i.changeType === 2)).toMatchObject({ details: { start, end: null } });
  });

  it('refusals: an a-kasse (4575), an unknown activity (4589), end before start (1003), an ophørsårsag not in the list or not valid on the end date (1014), another jobcenter’s citizen (6005)', async () => {
    const { s, jc, id, start } = await created();
    const ak = env.clientsFor('akasse-067');
    expect(await code(ak.personActivityStatus.endActivity(env.ctxFor('akasse-067'), s.cpr, id, { end: start, endReason: 1 }))).toBe(4575);
    expect(await code(ak.personActivityStatus.updateActivity(env.ctxFor('akasse-067'), s.cpr, id, { start, end: null }))).toBe(4575);
    expect(await code(jc.personActivityStatus.endActivity(jcCtx(), s.cpr, crypto.randomUUID(), { end: start, endReason: 1 }))).toBe(4589);
    expect(await code(jc.personActivityStatus.updateActivity(jcCtx(), s.cpr, crypto.randomUUID(), { start, end: null }))).toBe(4589);
    expect(await code(jc.personActivityStatus.endActivity(jcCtx(), s.cpr, id, { end: addDays(start, -1), endReason: 1 }))).toBe(1003);
    expect(await code(jc.personActivityStatus.updateActivity(jcCtx(), s.cpr, id, { start, end: addDays(start, -1) }))).toBe(1003);
    expect(await code(jc.personActivityStatus.endActivity(jcCtx(), s.cpr, id, { end: start, endReason: 99 }))).toBe(1014);
    // 14 is valid only from release 2022-3 (seed 001 §3.1).
    expect(await code(jc.personActivityStatus.endActivity(jcCtx(), s.cpr, id, { end: '2022-09-18', endReason: 14 }))).toBe(1014);
    const other = env.notVisible('jobcenter-10100', /another jobcenter/)[0]!;
    expect(await code(jc.personActivityStatus.endActivity(jcCtx(), other.cpr, id, { end: start, endReason: 1 }))).toBe(6005);
    // Nothing of the refused changes reached the activity.
    const plan = await jc.personActivityStatus.getPersonActivityStatus(jcCtx(), s.cpr);
    expect(plan.find((a) => a.id === id)).toMatchObject({ start, end: addDays(env.today, 40), endReason: null });
  });

  it('VITAS (the admin stand-in) ends an offer with ophørsårsag 14; the a-kasse reads it and is notified, registered by STAR', async () => {
    const { s, id, start } = await created();
    await env.admin.vitasEnd({ cpr: s.cpr, activityId: id, end: addDays(start, 2), endReason: 14 });
    const plan = await env.clientsFor('akasse-067').personActivityStatus.getPersonActivityStatus(env.ctxFor('akasse-067'), s.cpr);
    expect(plan.find((a) => a.id === id)).toMatchObject({ endReason: 14, end: addDays(start, 2) });
    expect((await akasseItems(id)).find((i) => i.changeType === 2)).toMatchObject({ details: { endReason: 14 }, registeringOrganisation: { organisationType: 1 } });
  });
});
