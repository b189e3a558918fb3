// Contract: WsrmService + WsrmMessageService (notifications by pull) against the running sandbox.
// Messages are offered again until their sequence is terminated; CloseSequence keeps them.
import { describe, expect, it } from 'vitest';
import { DfdgError } from '../../main/core/dfdg';
import { addDays, withSandbox } from './helpers';

const env = withSandbox();

describe('WSRM sequences', () => {
  it('offers a message again until the sequence is terminated; CloseSequence keeps it', async () => {
    // An absence on a registered KG1 citizen notifies the citizen's a-kasse and jobcenter.
    const citizen = env.visible('akasse-067', 1).find((c) => c.registrationCategory !== null && c.jobcenterCode === '10100') ?? env.visible('akasse-067', 1)[0]!;
    const ak = env.clientsFor('akasse-067');
    const absenceId = crypto.randomUUID();
    await ak.fravaer.createFravaer(
      env.ctxFor('akasse-067'),
      citizen.cpr,
      absenceId,
      { type: 10, start: addDays(env.today, 15), end: addDays(env.today, 18), comment: null, notificationDate: env.today, endReason: null },
      crypto.randomUUID(),
    );

    const jcId = `jobcenter-${citizen.jobcenterCode}`;
    const jc = env.clientsFor(jcId);
    const sys = env.ctxFor(jcId, 3);

    const s1 = await jc.wsrm.createSequence(sys);
    const offered = (s: typeof s1) => s.messages.filter((m) => m.methodName === 'GetAbsenceVersion1');
    const items1 = await jc.wsrm.getItems(sys, s1.sequenceId, 'GetAbsenceVersion1');
    const mine = items1.find((i) => i.entityId === absenceId);
    expect(mine).toMatchObject({ kind: 'GetAbsenceVersion1', cpr: citizen.cpr, changeType: 1, details: { absenceType: 10 }, registeringOrganisation: { organisationType: 2, organisationCode: '067' } });
    expect(mine!.registeringUser?.userIdentifier).toBe(env.sb.certs.orgs['akasse-067']!.rid);
    expect(Date.parse(mine!.eventAt!)).not.toBeNaN();
    expect(offered(s1).map((m) => m.messageIdentifier)).toContain(mine!.messageIdentifier);

    // Cancelled: offered again.
    await jc.wsrm.closeSequence(sys, s1.sequenceId);
    const s2 = await jc.wsrm.createSequence(sys);
    expect(s2.sequenceId).not.toBe(s1.sequenceId);
    expect(s2.messages.map((m) => m.messageIdentifier)).toContain(mine!.messageIdentifier);

    // Acknowledged: gone.
    await jc.wsrm.terminateSequence(sys, s2.sequenceId);
    const s3 = await jc.wsrm.createSequence(sys);
    expect(s3.messages.map((m) => m.messageIdentifier)).not.toContain(mine!.messageIdentifier);
    expect(s3.sequenceId).toMatch(/^[0-9a-f-]{36}$/);
    await jc.wsrm.terminateSequence(sys, s3.sequenceId);

    // The a-kasse got its own copy, independent of the jobcenter's acknowledgement.
    const sysAk = env.ctxFor('akasse-067', 3);
    const a1 = await ak.wsrm.createSequence(sysAk);
    const akItems = await ak.wsrm.getItems(sysAk, a1.sequenceId, 'GetAbsenceVersion1');
    await ak.wsrm.closeSequence(sysAk, a1.sequenceId);
    expect(akItems.some((i) => i.entityId === absenceId)).toBe(true);
  });

  it('an empty queue still gives a sequence id and an empty list', async () => {
    const c = env.clientsFor('jobcenter-75100');
    const sys = env.ctxFor('jobcenter-75100', 3);
    // Drain whatever is waiting, then ask again.
    const first = await c.wsrm.createSequence(sys);
    await c.wsrm.terminateSequence(sys, first.sequenceId);
    const s = await c.wsrm.createSequence(sys);
    expect(s.sequenceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(s.messages).toEqual([]);
    expect(await c.wsrm.getItems(sys, s.sequenceId, 'GetCitizenMessageVersion1')).toEqual([]);
    await c.wsrm.terminateSequence(sys, s.sequenceId);
  });

  it('a membership change notifies the old and the new a-kasse', async () => {
    const citizen = env.visible('akasse-067', 1)[5]!;
    await env.admin.patchCitizen(citizen.cpr, { akasseCode: '084' });
    for (const orgId of ['akasse-067', 'akasse-084']) {
      const c = env.clientsFor(orgId);
      const sys = env.ctxFor(orgId, 3);
      const s = await c.wsrm.createSequence(sys);
      const items = await c.wsrm.getItems(sys, s.sequenceId, 'GetPersonUnemploymentFundSaveMembershipVersion5');
      await c.wsrm.closeSequence(sys, s.sequenceId);
      expect(items.find((i) => i.cpr === citizen.cpr), orgId).toMatchObject({ entityId: null, details: { akasseCode: '084', previousAkasseCode: '067' } });
    }
  });

  it('an unknown sequence is refused with 1014', async () => {
    const c = env.clientsFor('akasse-067');
    const e = await c.wsrm.getItems(env.ctxFor('akasse-067', 3), crypto.randomUUID(), 'GetAbsenceVersion1').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DfdgError);
    expect((e as DfdgError).code).toBe(1014);
  });
});
