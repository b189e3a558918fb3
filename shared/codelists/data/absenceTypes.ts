// AbsenceTypeIdentifier (fravær og fritagelser). Ids and names: seed 001 (releasenote DFDG
// 19-09-2022, §2.1-2.5) and interfaces.md §3.4; descriptions of 4, 8, 23 and 24: seed 001 §2.3.
// Flags: self-booking exemption (seed 001 §2.4; 23, 65, 70 and 79 only from release 2022-3), joblog
// exemption of 11 for contact group 7 (seed 001 §2.5), 78 not creatable from 2022-3 (seed 001 §2.2),
// 79 registered by jobcentres, on contact group 1 from 2022-3, and no a-dagpenge (seed 001 §2.1), 77
// usable from 15-03-2021 after the patch of 26-01-2021 and 79 from release 2021-1 (seed 004).
// Restrictions carry their source (`registrableBySource`, `contactGroupRules`): seed or documented
// ones refuse, assumed ones warn (shared/rules). The contact groups are known for 79 (seed 001 §2.1);
// for 1 and 2 DFDG documents the refusal (4591, 4592) but not the groups, so the sandbox's table is
// used and marked assumed. The matrix of every type × contact group × person category ([S19]) was not
// found: other types carry no contact-group rule.
// ASSUMED: validFrom where no source gives it (UNKNOWN_START); `registrableBy` (both organisation
// types, except 6, 7 and 57, which we read as jobcenter decisions, and 79); `deletableWhenHistoric: false` for
// 8 and 79 only (seed 004 says "except some types" without naming them; the sandbox uses the same
// pair, docs/wire-contract.md §3.1); 77 being the seed 004 "erhvervsuddannelse inden for 6 uger" type
// (the name matches, the id is not in that seed). Types whose id is unknown (the mink-pulje
// exemption) are left out rather than given an invented id.

import type { AbsenceTypeItem, RestrictionSource } from '../types';
import { OPEN_END, PATCH_2021_01_26, RELEASE_2021_1, RELEASE_2022_3, UNKNOWN_START } from './releases';

type Extra = Partial<AbsenceTypeItem>;

function absence(id: number, name: string, extra: Extra = {}): AbsenceTypeItem {
  const validFrom = extra.validFrom ?? UNKNOWN_START;
  return {
    id,
    name,
    validFrom,
    validTo: OPEN_END,
    exemptsSelfBooking: false,
    exemptsJoblogForContactGroups: [],
    creatableFrom: validFrom,
    creatableTo: OPEN_END,
    deletableWhenHistoric: true,
    registrableBy: ['akasse', 'jobcenter'],
    registeredVia: 'FravaerService',
    ...extra,
  };
}

const SEED_001 = 'seed 001 (releasenote DFDG 19-09-2022, release 2022-3)';
/** FravaerService refuses Midlertidigt arbejde under 15 days for some contact groups (4592, interfaces.md §3.2). */
export const MIN_TEMPORARY_WORK_DAYS = 15;
/** ASSUMED: 6, 7 and 57 read as jobcenter decisions; no source says who registers them. */
const JOBCENTER_DECISION: RestrictionSource = { basis: 'assumed', source: 'DFDG Desk reads the type as a jobcenter decision (no source)' };

const selfBook: Extra = { exemptsSelfBooking: true };
const selfBookFrom2022_3: Extra = { exemptsSelfBooking: true, exemptsSelfBookingFrom: RELEASE_2022_3 };

export const absenceTypes: readonly AbsenceTypeItem[] = [
  absence(1, 'Uddannelse', {
    contactGroupRules: [
      {
        refusedOn: [1],
        withoutPersonCategory: true,
        code: 4591,
        basis: 'assumed',
        source: `interfaces.md §3.2 (4591: "Uddannelse" not allowed for a combination of contact group and person category [S22]); the combination (KG1 without person category) is the sandbox's own table, docs/wire-contract.md §3.1`,
      },
    ],
  }),
  absence(2, 'Midlertidigt arbejde', {
    ...selfBook,
    contactGroupRules: [
      {
        refusedOn: [1],
        minDays: MIN_TEMPORARY_WORK_DAYS,
        code: 4592,
        rule: 'ABS2_MIN_DAYS',
        basis: 'assumed',
        source: `interfaces.md §3.2 (4592: "Midlertidigt arbejde" under 15 days not allowed for a combination of contact group … [S22]); contact group 1 is the sandbox's, docs/wire-contract.md §3.1`,
      },
    ],
  }),
  absence(3, 'Borgerligt ombud', selfBook),
  absence(4, 'Barsel (max 14 dage)', { ...selfBook, description: 'Barsel (max 14 dage) - fædreorlov/medmødreorlov' }),
  absence(6, 'Under 18 og uden forældre med forsørgelsespligt', { registrableBy: ['jobcenter'], registrableBySource: JOBCENTER_DECISION }),
  absence(7, 'Kan ikke få førtidspension eller folkepension', { registrableBy: ['jobcenter'], registrableBySource: JOBCENTER_DECISION }),
  absence(8, 'Barsel', { description: 'Barsel - graviditetsorlov, barselsorlov og forældreorlov', deletableWhenHistoric: false }),
  absence(9, 'Friperiode'),
  absence(10, 'Ferie med feriepenge, feriedagpenge m.v.', selfBook),
  absence(11, 'Sygdom – sygemelding', {
    ...selfBook,
    selfBookingNote: 'activation-only',
    exemptsJoblogForContactGroups: [7],
    exemptsJoblogFrom: RELEASE_2022_3,
    registeredVia: 'IllnessCompositeService',
  }),
  absence(23, 'Jobrettet uddannelse (deltid)', {
    ...selfBookFrom2022_3,
    description: 'Jobrettet uddannelse (deltid) - fritaget for aktivering',
    exemptsActivation: true,
  }),
  absence(24, 'Jobrettet uddannelse (fuldtid)', {
    ...selfBook,
    description: 'Jobrettet uddannelse (fuldtid) - fritaget for aktivering og kontaktførelse',
    exemptsActivation: true,
    exemptsContactCourse: true,
  }),
  absence(43, 'På vej på efterløn/fleksydelse (inden for 6 uger)', selfBook),
  absence(44, 'På vej på pension (inden for 6 uger)', selfBook),
  absence(45, 'På vej i job (inden for 6 uger)', selfBook),
  absence(46, 'Barsel inden for 6 uger', selfBook),
  absence(56, 'Fritaget for pligt til selvbook', { ...selfBook, selfBookingNote: 'no-deadline' }),
  absence(57, 'Frataget ret til selvbook', { ...selfBook, selfBookingNote: 'no-deadline', registrableBy: ['jobcenter'], registrableBySource: JOBCENTER_DECISION }),
  absence(65, 'Uden for institutionens åbningstid – manglende pasningsmulighed', selfBookFrom2022_3),
  absence(66, 'Inden for institutionens åbningstid – manglende pasningsmulighed', selfBook),
  absence(70, 'Tilladelse efter repatrieringslovens § 6', selfBookFrom2022_3),
  absence(71, 'Arbejdsfordeling op til 6 uger', selfBook),
  absence(72, 'Arbejdsfordeling over 6 uger', selfBook),
  absence(73, 'Vejrlig eller materialemangel', selfBook),
  absence(75, 'Kontaktforløb er hos a-kassen', { ...selfBook, selfBookingNote: 'no-deadline' }),
  absence(77, 'På vej på erhvervsuddannelse eller anden erhvervsrettet uddannelse (inden for 6 uger)', {
    ...selfBook,
    validFrom: PATCH_2021_01_26,
    creatableFrom: RELEASE_2021_1,
  }),
  absence(78, 'Arbejdsfordeling – ny midlertidig ordning. COVID 19', { ...selfBook, creatableTo: RELEASE_2022_3 }),
  absence(79, 'Sorgorlov', {
    ...selfBookFrom2022_3,
    validFrom: RELEASE_2021_1,
    noBenefit: true,
    // Seed 001 §2.1: "muligt for jobcentre at registrere 'Sorgorlov' (id 79) på borgere i kontaktgruppe 1
    // … A-kasserne har desuden adgang til at se fraværsregistreringen via webservice".
    registrableBy: ['jobcenter'],
    registrableBySource: {
      basis: 'seed',
      source: `${SEED_001} §2.1 (jobcentre registrerer; a-kasser ser den via PersonStatusService m.m.)`,
      note: 'A-kassen ser sorgorloven via DFDG og får besked, når den registreres, ændres eller slettes på en tilmeldt borger i kontaktgruppe 1.',
    },
    contactGroupRules: [
      {
        refusedOn: [1],
        org: 'jobcenter',
        before: RELEASE_2022_3,
        rule: 'ABS79_GROUP',
        basis: 'seed',
        source: `${SEED_001} §2.1 (kontaktgruppe 1 fra release 2022-3)`,
      },
    ],
    deletableWhenHistoric: false,
  }),
];
