import { describe, expect, it } from 'vitest';
import { codeListNames, codeLists, codeName, findCode, getCodeList, mergeRefreshed, validCodes } from '../../shared/codelists';
import { isValidIsoDate } from '../../shared/dates';
import type { CodeListItem } from '../../shared/domain';

describe('bundled code lists', () => {
  it('holds every list DFDG Desk uses', () => {
    expect([...codeListNames].sort()).toEqual(
      [
        'AbsenceTypeIdentifier',
        'ActivationTypeIdentifier',
        'ActivityEndReasonTypeIdentifier',
        'CitizenMessageChannelTypeIdentifier',
        'CitizenMessageContextTypeIdentifier',
        'ContactGroupTypeIdentifier',
        'InterviewContactTypeIdentifier',
        'InterviewTypeIdentifier',
        'JobOrderStatusTypeIdentifier',
        'OrganisationTypeIdentifier',
        'RegistrationCategoryTypeIdentifier',
      ].sort(),
    );
  });

  for (const name of codeListNames) {
    it(`${name}: unique integer ids, names, valid periods (start before end)`, () => {
      const items: readonly CodeListItem[] = codeLists[name];
      expect(items.length).toBeGreaterThan(0);
      const ids = items.map((i) => i.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const item of items) {
        expect(Number.isInteger(item.id)).toBe(true);
        expect(item.name.trim()).not.toBe('');
        expect(isValidIsoDate(item.validFrom)).toBe(true);
        expect(isValidIsoDate(item.validTo)).toBe(true);
        expect(item.validFrom < item.validTo).toBe(true);
      }
    });
  }

  it('message context types 1-11 as in seed 000, type 11 from 01-07-2023', () => {
    const types = codeLists.CitizenMessageContextTypeIdentifier;
    expect(types.map((t) => t.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(findCode('CitizenMessageContextTypeIdentifier', 11)).toMatchObject({ name: 'Indstilling om tilbud', validFrom: '2023-07-01', validTo: '2100-07-01', sentBy: ['akasse'] });
    expect(findCode('CitizenMessageContextTypeIdentifier', 10)?.validFrom).toBe('2019-03-01');
    expect(findCode('CitizenMessageContextTypeIdentifier', 2)?.akasseUntil).toBe('2024-01-01');
  });

  it('channel 4 is "Myndighed til myndighed"; the others are marked assumed', () => {
    expect(codeName('CitizenMessageChannelTypeIdentifier', 4)).toBe('Myndighed til myndighed');
    expect(codeLists.CitizenMessageChannelTypeIdentifier.filter((c) => c.assumed).map((c) => c.id)).toEqual([1, 2, 3]);
  });

  it('absence types carry the self-booking list of seed 001 §2.4', () => {
    const exempt = codeLists.AbsenceTypeIdentifier.filter((a) => a.exemptsSelfBooking).map((a) => a.id);
    expect(exempt).toEqual([2, 3, 4, 10, 11, 23, 24, 43, 44, 45, 46, 56, 57, 65, 66, 70, 71, 72, 73, 75, 77, 78, 79]);
    const from2022 = codeLists.AbsenceTypeIdentifier.filter((a) => a.exemptsSelfBookingFrom === '2022-09-19').map((a) => a.id);
    expect(from2022).toEqual([23, 65, 70, 79]);
  });

  it('absence flags: 11 and joblog for KG7, 78 closed, 79 no benefit', () => {
    expect(findCode('AbsenceTypeIdentifier', 11)).toMatchObject({ exemptsJoblogForContactGroups: [7], exemptsJoblogFrom: '2022-09-19', registeredVia: 'IllnessCompositeService' });
    expect(findCode('AbsenceTypeIdentifier', 78)).toMatchObject({ creatableTo: '2022-09-19' });
    // Seed 001 §2.1: jobcentres register sorgorlov, on contact group 1 from release 2022-3; a-kasser see it.
    expect(findCode('AbsenceTypeIdentifier', 79)).toMatchObject({
      noBenefit: true,
      registrableBy: ['jobcenter'],
      registrableBySource: { basis: 'seed' },
      contactGroupRules: [{ refusedOn: [1], org: 'jobcenter', before: '2022-09-19', rule: 'ABS79_GROUP', basis: 'seed' }],
    });
    for (const a of codeLists.AbsenceTypeIdentifier) {
      expect(a.registrableBy.length).toBeGreaterThan(0);
      expect(typeof a.deletableWhenHistoric).toBe('boolean');
      // Every restriction names what it rests on.
      if (a.registrableBy.length < 2) expect(a.registrableBySource?.source, `type ${a.id}`).toBeTruthy();
      for (const r of a.contactGroupRules ?? []) expect(r.source, `type ${a.id}`).toBeTruthy();
    }
  });

  it('meeting forms: 4 and 5 end with 2022-3 and point to 8 and 9', () => {
    expect(findCode('InterviewContactTypeIdentifier', 4)).toMatchObject({ validTo: '2022-09-19', replacedBy: 8 });
    expect(findCode('InterviewContactTypeIdentifier', 5)).toMatchObject({ validTo: '2022-09-19', replacedBy: 9 });
    expect(findCode('InterviewContactTypeIdentifier', 8)).toMatchObject({ validFrom: '2022-09-19', requiresLink: true });
  });

  it('end reasons 14 and 15 are system-only; no caseworker reason is invented', () => {
    const reasons = codeLists.ActivityEndReasonTypeIdentifier;
    expect(reasons.filter((r) => r.systemOnly).map((r) => r.id)).toEqual([14, 15]);
    // No invented caseworker reasons: their ids are not published (interfaces.md §13 item 8).
    expect(reasons.filter((r) => !r.systemOnly)).toEqual([]);
  });

  it('offer types are company- or course-directed', () => {
    for (const o of codeLists.ActivationTypeIdentifier) {
      expect(o.companyDirected !== o.courseDirected).toBe(true);
      expect(o.assumed).toBe(true);
    }
    expect(codeLists.ActivationTypeIdentifier.filter((o) => o.companyDirected).map((o) => o.name)).toEqual(
      expect.arrayContaining(['Virksomhedspraktik']),
    );
  });

  it('contact groups 1-29 without 9, named where known', () => {
    const ids = codeLists.ContactGroupTypeIdentifier.map((g) => g.id);
    expect(ids).toHaveLength(28);
    expect(ids).not.toContain(9);
    expect(codeName('ContactGroupTypeIdentifier', 1)).toBe('Dagpengemodtager');
    expect(codeName('ContactGroupTypeIdentifier', 7)).toBe('Fleksjobvisiteret (ledig)');
    expect(codeName('ContactGroupTypeIdentifier', 12)).toBe('Kontaktgruppe 12');
  });
});

describe('helpers', () => {
  it('validCodes honours start inclusive, end exclusive', () => {
    const ids = (asOf: string) => validCodes('CitizenMessageContextTypeIdentifier', asOf).map((i) => i.id);
    expect(ids('2023-06-30')).not.toContain(11);
    expect(ids('2023-07-01')).toContain(11);
    expect(ids('2100-07-01')).toEqual([]);
    expect(validCodes('InterviewContactTypeIdentifier', '2022-09-18').map((i) => i.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(validCodes('InterviewContactTypeIdentifier', '2022-09-19').map((i) => i.id)).toEqual([1, 2, 3, 8, 9]);
  });

  it('codeName for unknown ids and lists', () => {
    expect(codeName('AbsenceTypeIdentifier', 999)).toBe('Ukendt kode 999');
    expect(codeName('NoSuchList', 1)).toBe('Ukendt kode 1');
    expect(codeName('AbsenceTypeIdentifier', 'x')).toBe('Ukendt kode');
    expect(getCodeList('NoSuchList')).toEqual([]);
    expect(findCode('AbsenceTypeIdentifier', '10')).toBeUndefined();
  });
});

describe('mergeRefreshed', () => {
  const bundled = codeLists.AbsenceTypeIdentifier;

  it('the refreshed list wins: its names and dates, only its items, bundled flags kept by id', () => {
    const merged = mergeRefreshed(bundled, [
      { id: 11, name: 'Sygdom', validFrom: '2015-01-01', validTo: '2100-07-01' },
      { id: 500, name: 'Ny type fra DFDG', validFrom: '2026-01-01', validTo: '2100-07-01' },
    ]);
    expect(merged.map((i) => i.id)).toEqual([11, 500]);
    expect(merged[0]).toMatchObject({ name: 'Sygdom', validFrom: '2015-01-01', exemptsJoblogForContactGroups: [7], exemptsSelfBooking: true });
    expect(merged[1]).not.toHaveProperty('exemptsSelfBooking');
  });

  it('a flag set in the refreshed item wins over ours', () => {
    const merged = mergeRefreshed(bundled, [{ id: 8, name: 'Barsel', validFrom: '2014-11-01', validTo: '2100-07-01', deletableWhenHistoric: true }]);
    expect(merged[0]?.deletableWhenHistoric).toBe(true);
  });

  it('falls back to the bundled list when the refreshed one is empty, missing or unreadable', () => {
    expect(mergeRefreshed(bundled, [])).toEqual([...bundled]);
    expect(mergeRefreshed(bundled, null)).toEqual([...bundled]);
    expect(mergeRefreshed(bundled, [{ id: 'x' }, null, 5, { id: 1, name: '', validFrom: '2020-01-01' }])).toEqual([...bundled]);
  });

  it('drops unreadable items, keeps the first of a duplicated id, defaults a missing end to open', () => {
    const merged = mergeRefreshed(bundled, [
      { id: 10, name: 'Ferie', validFrom: '2014-11-01' },
      { id: 10, name: 'Ferie igen', validFrom: '2014-11-01', validTo: '2100-07-01' },
      { id: 3, name: 'Borgerligt ombud', validFrom: 'i går' },
      { id: 1.5, name: 'halv', validFrom: '2014-11-01' },
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ id: 10, name: 'Ferie', validTo: '2100-07-01', exemptsSelfBooking: true });
  });

  it('ignores __proto__ keys in refreshed items', () => {
    const hostile = JSON.parse('{"id": 2, "name": "Midlertidigt arbejde", "validFrom": "2014-11-01", "__proto__": {"polluted": true}}');
    const merged = mergeRefreshed(bundled, [hostile]);
    expect(merged[0]?.name).toBe('Midlertidigt arbejde');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((merged[0] as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('getCodeList applies overrides by list name and leaves other lists bundled', () => {
    const overrides = { CitizenMessageContextTypeIdentifier: [{ id: 1, name: 'Almen orientering', validFrom: '2014-11-01', validTo: '2100-07-01' }] };
    expect(getCodeList('CitizenMessageContextTypeIdentifier', overrides).map((i) => i.id)).toEqual([1]);
    expect(getCodeList('AbsenceTypeIdentifier', overrides)).toBe(codeLists.AbsenceTypeIdentifier);
    expect(getCodeList('CitizenMessageContextTypeIdentifier', { CitizenMessageContextTypeIdentifier: [] })).toHaveLength(11);
  });
});
