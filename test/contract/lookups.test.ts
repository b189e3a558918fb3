// Contract: CodeListService, IndkaldelseService, Joblog and Virksomhedskonto against the running sandbox.
import { describe, expect, it } from 'vitest';
import { refusalCode as code } from '../core/dfdg/failures';
import { withSandbox } from './helpers';

const env = withSandbox();

describe('CodeListService.GetCodeList', () => {
  it('serves the message context types following "den gode kodeliste"', async () => {
    const items = await env.clientsFor('akasse-067').codeList.getCodeList(env.ctxFor('akasse-067'), 'CitizenMessageContextTypeIdentifier');
    expect(items.map((i) => i.id)).toEqual(expect.arrayContaining([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]));
    const t11 = items.find((i) => i.id === 11)!;
    expect(t11).toMatchObject({ name: 'Indstilling om tilbud', validFrom: '2023-07-01' });
    for (const i of items) {
      expect(i.validFrom < i.validTo, `${i.id}: start before end`).toBe(true);
      expect(i.name.length).toBeGreaterThan(0);
    }
  });

  it.each([
    'CitizenMessageChannelTypeIdentifier',
    'AbsenceTypeIdentifier',
    'InterviewContactTypeIdentifier',
    'InterviewTypeIdentifier',
    'ActivityEndReasonTypeIdentifier',
    'ActivationTypeIdentifier',
    'ContactGroupTypeIdentifier',
  ])('serves %s', async (name) => {
    const items = await env.clientsFor('jobcenter-10100').codeList.getCodeList(env.ctxFor('jobcenter-10100'), name);
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  });

  it('the channel list has 4 "Myndighed til myndighed"; the absence list has 78 ended', async () => {
    const c = env.clientsFor('akasse-067');
    const channels = await c.codeList.getCodeList(env.ctxFor('akasse-067'), 'CitizenMessageChannelTypeIdentifier');
    expect(channels.find((i) => i.id === 4)?.name).toMatch(/Myndighed til myndighed/i);
    const absence = await c.codeList.getCodeList(env.ctxFor('akasse-067'), 'AbsenceTypeIdentifier');
    expect(absence.find((i) => i.id === 78)!.validTo <= env.today).toBe(true);
  });

  it('an unknown list is refused with 1014', async () => {
    expect(await code(env.clientsFor('akasse-067').codeList.getCodeList(env.ctxFor('akasse-067'), 'NoSuchList'))).toBe(1014);
  });
});

describe('IndkaldelseService.GetIndkaldelser', () => {
  it("returns the citizen's meetings as readable Meetings", async () => {
    const c = env.clientsFor('jobcenter-10100');
    const all = [];
    for (const s of env.visible('jobcenter-10100')) all.push(...(await c.indkaldelse.getIndkaldelser(env.ctxFor('jobcenter-10100'), s.cpr)));
    expect(all.length).toBeGreaterThan(0);
    for (const m of all) {
      expect(m.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(Number.isNaN(Date.parse(m.start))).toBe(false);
      expect(m.start.endsWith('Z')).toBe(true);
      if (m.end) expect(m.end >= m.start).toBe(true);
      if (m.form === 8) expect(m.digitalLink).toMatch(/^https:\/\//);
      expect(m.locationDetail).not.toBe('');
    }
  });

  it("refuses another jobcenter's citizen with 4575 (REST)", async () => {
    const o = env.notVisible('jobcenter-10100', /another jobcenter/)[0]!;
    expect(await code(env.clientsFor('jobcenter-10100').indkaldelse.getIndkaldelser(env.ctxFor('jobcenter-10100'), o.cpr))).toBe(4575);
  });
});

describe('Joblog', () => {
  it('returns job applications of registered dagpenge recipients, none before 2015', async () => {
    const c = env.clientsFor('akasse-067');
    const entries = [];
    for (const s of env.visible('akasse-067', 1)) entries.push(...(await c.joblog.getJoblog(env.ctxFor('akasse-067'), s.cpr)));
    expect(entries.length).toBeGreaterThan(0);
    for (const j of entries) {
      expect(j.submissionDate >= '2015-01-01').toBe(true);
      expect(j.companyName.length).toBeGreaterThan(0);
      expect(j.jobTitle.length).toBeGreaterThan(0);
    }
  });

  it("refuses an a-kasse's non-member with 4575", async () => {
    const n = env.notVisible('akasse-067', /another a-kasse/)[0]!;
    expect(await code(env.clientsFor('akasse-067').joblog.getJoblog(env.ctxFor('akasse-067'), n.cpr))).toBe(4575);
  });
});

describe('Virksomhedskonto', () => {
  const query = (q: { cvr?: string; pNumber?: string }) => env.clientsFor('jobcenter-10100').virksomhedskonto.getVirksomhedskonto(env.ctxFor('jobcenter-10100'), q);

  it('CVR + P gives that unit; CVR alone every unit of the company', async () => {
    const unit = env.sample.companies!.withAccount[0]!;
    const one = await query({ cvr: unit.cvrNummer, pNumber: unit.pNummer });
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ cvr: unit.cvrNummer, pNumber: unit.pNummer, accountActive: true });
    expect(one[0]!.name.length).toBeGreaterThan(0);
    const all = await query({ cvr: unit.cvrNummer });
    expect(all.every((u) => u.cvr === unit.cvrNummer)).toBe(true);
    const sameCompany = env.sample.companies!.withAccount.filter((u) => u.cvrNummer === unit.cvrNummer).map((u) => u.pNummer);
    expect(all.map((u) => u.pNumber)).toEqual(expect.arrayContaining(sameCompany));
  });

  it('neither gives every company with an account; an inactive account is marked', async () => {
    const all = await query({});
    const ps = new Set(all.map((u) => u.pNumber));
    for (const u of env.sample.companies!.withAccount) expect(ps.has(u.pNummer)).toBe(true);
    for (const u of env.sample.companies!.withoutAccount ?? []) expect(ps.has(u.pNummer)).toBe(false);
    const inactive = env.sample.companies!.withoutActivity?.[0];
    if (inactive) expect(all.find((u) => u.pNumber === inactive.pNummer)?.accountActive).toBe(false);
  });

  it('P only, or an unknown CVR/P pair, gives an empty list, not an error', async () => {
    const [a, b] = [env.sample.companies!.withAccount[0]!, env.sample.companies!.withAccount.find((u) => u.cvrNummer !== env.sample.companies!.withAccount[0]!.cvrNummer)!];
    expect(await query({ pNumber: a.pNummer })).toEqual([]);
    expect(await query({ cvr: a.cvrNummer, pNumber: b.pNummer })).toEqual([]);
  });

  it('a malformed CVR or P-number is refused with 99000', async () => {
    expect(await code(query({ cvr: '1234' }))).toBe(99000);
    expect(await code(query({ cvr: '12345678', pNumber: '12' }))).toBe(99000);
  });
});
