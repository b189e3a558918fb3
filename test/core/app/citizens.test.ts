import { afterEach, describe, expect, it } from 'vitest';
import { CPR_A, CPR_B, CPR_C, message } from '../support/fixtures';
import { expectCoreError, makeCore, seedCitizen, type CoreRig } from './helpers';

let rig: CoreRig;
afterEach(async () => {
  await rig?.close();
});

describe('citizens.search', () => {
  it('finds a citizen by CPR with or without dash at DFDG, then by name from the cache, and audits every lookup', async () => {
    rig = await makeCore();
    seedCitizen(rig.fake, CPR_A, { name: 'Mette Sørensen' });
    const byCpr = await rig.call('citizens.search', { query: '010190-1234' });
    expect(byCpr).toMatchObject({ source: 'dfdg', online: true, results: [{ cpr: CPR_A, name: 'Mette Sørensen', contactGroup: 1 }] });
    expect((await rig.call('citizens.search', { query: '0101901234' })).results).toHaveLength(1);

    const byName = await rig.call('citizens.search', { query: 'mette sø' });
    expect(byName).toMatchObject({ source: 'cache', results: [{ cpr: CPR_A }] });
    expect(rig.core.audit.list(CPR_A).map((e) => [e.action, e.source, e.outcome])).toEqual([
      ['citizen.search', 'cache', 'ok'],
      ['citizen.search', 'dfdg', 'ok'],
      ['citizen.search', 'dfdg', 'ok'],
    ]);
  });

  it('shows only citizens the organisation may see, and logs the refused lookups as denied', async () => {
    rig = await makeCore();
    seedCitizen(rig.fake, CPR_B, { name: 'Anders Andetsteds', akasseCode: '084' });
    seedCitizen(rig.fake, CPR_C, { name: 'Karin Kontaktgruppe', contactGroup: 2 });
    rig.fake.denied.add(CPR_A);
    seedCitizen(rig.fake, CPR_A);
    expect((await rig.call('citizens.search', { query: CPR_B })).results).toEqual([]);
    expect((await rig.call('citizens.search', { query: CPR_C })).results).toEqual([]);
    expect((await rig.call('citizens.search', { query: CPR_A })).results).toEqual([]);
    // Cached from the CPR lookups above, but still not shown by name.
    expect((await rig.call('citizens.search', { query: 'anders' })).results).toEqual([]);
    // A former member (DFDG's PersonStatusService still answers for 120 days) is not a member any more.
    seedCitizen(rig.fake, '0404701234', { membershipEnd: '2026-10-01' });
    expect((await rig.call('citizens.search', { query: '0404701234' })).results).toEqual([]);
    for (const cpr of [CPR_A, CPR_B, CPR_C, '0404701234']) expect(rig.core.audit.list(cpr)[0]).toMatchObject({ action: 'citizen.search', outcome: 'denied' });
  });
});

describe('citizens.open and refresh', () => {
  it('serves a fresh cache, refreshes stale data from DFDG, and falls back to the cache when DFDG is unreachable', async () => {
    rig = await makeCore({ over: { staleAfterMinutes: 15 } });
    seedCitizen(rig.fake, CPR_A, { name: 'Mette Sørensen' });
    const first = await rig.call('citizens.open', { cpr: CPR_A, purpose: 'citizen-page' });
    expect(first.freshness).toMatchObject({ source: 'dfdg', stale: false });
    expect(first.access).toEqual([]);

    const again = await rig.call('citizens.open', { cpr: CPR_A, purpose: 'citizen-page' });
    expect(again.freshness.source).toBe('cache');
    const statusCalls = () => rig.fake.calls.filter((x) => x.op === 'PersonStatusService.GetVariablePersonStatus').length;
    const calls = statusCalls();

    rig.clock.advance(20 * 60_000);
    rig.fake.citizens.get(CPR_A)!.name = 'Mette Sørensen Kjær';
    const refreshed = await rig.call('citizens.open', { cpr: CPR_A, purpose: 'citizen-page' });
    expect(refreshed).toMatchObject({ freshness: { source: 'dfdg' }, citizen: { name: 'Mette Sørensen Kjær' } });
    expect(statusCalls()).toBe(calls + 1);

    rig.clock.advance(20 * 60_000);
    rig.fake.offline = true;
    const offline = await rig.call('citizens.open', { cpr: CPR_A, purpose: 'citizen-page' });
    expect(offline).toMatchObject({ freshness: { source: 'cache', stale: true }, citizen: { name: 'Mette Sørensen Kjær' } });
    await expectCoreError(rig.call('citizens.open', { cpr: CPR_B, purpose: 'citizen-page' }), 'offline');
  });

  it('refuses a citizen DFDG will not show, and forgets what was cached about them', async () => {
    rig = await makeCore();
    seedCitizen(rig.fake, CPR_A);
    await rig.call('citizens.open', { cpr: CPR_A, purpose: 'citizen-page' });
    rig.clock.advance(60 * 60_000);
    rig.fake.denied.add(CPR_A);
    const err = await expectCoreError(rig.call('citizens.refresh', { cpr: CPR_A }), 'access-denied');
    expect(err.message).toMatch(/ikke adgang/);
    expect(rig.core.store.citizens.get(CPR_A)).toBeNull();
    expect(rig.core.audit.list(CPR_A)[0]).toMatchObject({ outcome: 'denied' });
  });

  it('refuses every cached read of a citizen the organisation may no longer see, and logs it as denied', async () => {
    rig = await makeCore();
    seedCitizen(rig.fake, CPR_A, { name: 'Mette Sørensen' });
    rig.fake.messages.push(message({ cpr: CPR_A, documents: [{ id: 'doc-1', fileName: 'praktik.pdf', mimeType: 'application/pdf', size: 9 }] }));
    await rig.call('citizens.open', { cpr: CPR_A, purpose: 'citizen-page' });
    for (const ch of ['messages.threads', 'absences.list', 'plan.list', 'meetings.list', 'joblog.list'] as const) await rig.call(ch, { cpr: CPR_A });
    // The citizen switched a-kasse; the cache (still fresh) learns it from a lookup elsewhere.
    const cached = rig.core.store.citizens.get(CPR_A)!;
    rig.core.store.citizens.upsert({ ...cached.citizen, akasseCode: '084' }, { fetchedAt: rig.clock.now().toISOString(), access: 'allowed' });
    const reads = [
      () => rig.call('citizens.open', { cpr: CPR_A, purpose: 'citizen-page' }),
      () => rig.call('messages.threads', { cpr: CPR_A }),
      () => rig.call('messages.document', { cpr: CPR_A, documentId: 'doc-1' }),
      () => rig.call('absences.list', { cpr: CPR_A }),
      () => rig.call('plan.list', { cpr: CPR_A }),
      () => rig.call('meetings.list', { cpr: CPR_A }),
      () => rig.call('joblog.list', { cpr: CPR_A }),
    ];
    const before = rig.core.audit.list(CPR_A, 1000).length;
    for (const read of reads) expect((await expectCoreError(read(), 'access-denied')).message).toMatch(/ikke medlem af jeres a-kasse/);
    const logged = rig.core.audit.list(CPR_A, 1000).slice(0, rig.core.audit.list(CPR_A, 1000).length - before);
    expect(logged).toHaveLength(reads.length);
    expect(logged.every((e) => e.outcome === 'denied')).toBe(true);

    // Refused by DFDG earlier (a CPR lookup), the rules notwithstanding: refused as well.
    rig.core.store.citizens.upsert(cached.citizen, { fetchedAt: rig.clock.now().toISOString(), access: 'denied' });
    await expectCoreError(rig.call('messages.threads', { cpr: CPR_A }), 'access-denied');
  });

  it('refresh brings messages, absences and activities and reports counts', async () => {
    rig = await makeCore();
    seedCitizen(rig.fake, CPR_A);
    rig.fake.absences.set('a1', { id: 'a1', cpr: CPR_A, type: 10, start: '2026-12-01', end: null, comment: null, notificationDate: '2026-11-20', endReason: null, registeredBy: null });
    const events: string[] = [];
    rig.core.on('citizen.updated', (p) => events.push(p.cpr));
    const o = await rig.call('citizens.refresh', { cpr: CPR_A });
    expect(o.counts).toMatchObject({ absences: 1, threads: 0, activities: 0, drafts: 0 });
    expect(events).toContain(CPR_A);
  });
});

describe('access for citizens not yet on this computer', () => {
  // Six citizens an a-kasse (067) may not see, none cached; DFDG answers the person status for five
  // of them (its filters are its own) and refuses the sixth.
  const others: [string, Parameters<typeof seedCitizen>[2]][] = [
    ['1102851234', { akasseCode: '084', akasseName: 'A-kasse Syd' }],
    ['1203851234', { akasseCode: null, akasseName: null }],
    ['1304851234', { contactGroup: 2 }],
    ['1405851234', { contactGroup: 8, registrationCategory: 1 }],
    ['1506851234', { contactGroup: null }],
  ];
  const refusedByDfdg = '1607851234';

  it('decides access from the person status before a draft is made, and keeps nothing but the refusal in the audit log', async () => {
    rig = await makeCore();
    for (const [cpr, over] of others) seedCitizen(rig.fake, cpr, over);
    seedCitizen(rig.fake, refusedByDfdg);
    rig.fake.denied.add(refusedByDfdg);
    for (const cpr of [...others.map(([c]) => c), refusedByDfdg]) {
      const err = await expectCoreError(rig.call('drafts.create', { cpr }), 'access-denied');
      expect(err.message, cpr).not.toBe('');
      expect(rig.core.store.citizens.get(cpr), cpr).toBeNull();
      expect(rig.core.store.drafts.list(cpr), cpr).toEqual([]);
      expect(rig.core.audit.list(cpr).map((e) => [e.action, e.outcome]), cpr).toEqual([['draft.create', 'denied']]);
    }
    // A citizen the a-kasse may see: the draft is made, and the person status is kept.
    seedCitizen(rig.fake, CPR_A);
    const draft = await rig.call('drafts.create', { cpr: CPR_A });
    expect(draft.cpr).toBe(CPR_A);
    expect(rig.core.store.citizens.get(CPR_A)?.citizen.akasseCode).toBe('067');
  });

  it('a CPR search at DFDG for a citizen the organisation may not see finds nothing and caches nothing', async () => {
    rig = await makeCore();
    for (const [cpr, over] of others) seedCitizen(rig.fake, cpr, over);
    for (const [cpr] of others) {
      expect((await rig.call('citizens.search', { query: cpr })).results, cpr).toEqual([]);
      expect(rig.core.store.citizens.get(cpr), cpr).toBeNull();
      await expectCoreError(rig.call('citizens.open', { cpr, purpose: 'citizen-page' }), 'access-denied');
      expect(rig.core.store.citizens.get(cpr), cpr).toBeNull();
    }
  });

  it('offline, a citizen never seen here gets no draft: access cannot be decided', async () => {
    rig = await makeCore();
    seedCitizen(rig.fake, CPR_B);
    rig.fake.offline = true;
    await expectCoreError(rig.call('drafts.create', { cpr: CPR_B }), 'offline');
    expect(rig.core.store.drafts.list(CPR_B)).toEqual([]);
  });
});
