// The synthetic population: deterministic for a seed, compact (one small record per citizen; the
// details such as messages, absences and plan are generated lazily per citizen in details.ts).
//
// Shares (documented in sandbox/README.md and checked by test/sandbox/population.test.ts):
//   contact group      KG1 55 %, KG2 15 %, KG7 10 %, KG8 20 %
//   KG1                registered (tilmeldekategori 1) 85 %, not registered 15 %; person category 1 in 70 %
//   KG8                tilmeldekategori 5 (dimittend) 50 %, 2 otherwise
//   KG2, KG7           tilmeldekategori 2 in 70 %, not registered 30 %
//   a-kasse membership KG1 92 %, KG8 85 %, KG7 50 %, KG2 15 %; 067 and 084 half each; 6 % of the
//                      memberships have ended (1-400 days before the base date)
//   jobcenter          10100 45 %, 10101 20 %, 75100 35 %
//   deceased           1 %
// The first ARCHETYPES.length citizens are fixed combinations, so every access case exists in any
// population of at least that size (the sample file relies on it).
//
// ASSUMED codes: tilmeldekategori 1 "ledig med ydelse", 2 "øvrige", 5 "dimittend" (5 documented);
// personkategori 1 "forsikret ledig", 2 "øvrige". CPR numbers: see cpr.ts (they all fail modulus 11).

import { createHash } from 'node:crypto';
import { forceMod11Failure } from './cpr';
import { addDays } from './dates';
import { COMPANY_KINDS, COMPANY_WORDS, FEMALE_NAMES, MALE_NAMES, SURNAMES } from './names';
import { hashSeed, Rng } from './prng';

export interface BaseCitizen {
  index: number;
  cpr: string;
  givenName: string;
  surname: string;
  gender: 'M' | 'K';
  contactGroup: number | null;
  contactGroupStart: string;
  personCategory: number | null;
  registrationCategory: number | null;
  akasseCode: string | null;
  membershipStart: string | null;
  membershipEnd: string | null;
  jobcenterCode: string;
  municipalityCode: string;
  deceasedDate: string | null;
}

export interface CompanyUnit {
  cvrNummer: string;
  pNummer: string;
  navn: string;
  /** The company has a JobAG account (only those are listed without a query). */
  hasAccount: boolean;
  kontoStatusAktiv: boolean;
  senesteLogintidspunkt: string | null;
}

export interface Population {
  seed: number;
  baseDate: string;
  citizens: BaseCitizen[];
  byCpr: Map<string, number>;
  companies: CompanyUnit[];
}

export const MUNICIPALITY_OF_JOBCENTER: Record<string, string> = { '10100': '101', '10101': '101', '75100': '751' };

interface Archetype {
  cg: number;
  reg: number | null;
  pc: number | null;
  akasse: string | null;
  member: 'current' | 'ended-30' | 'ended-200' | 'none';
  jc: string;
  deceased?: boolean;
}

function archetypes(): Archetype[] {
  const list: Archetype[] = [];
  for (const akasse of ['067', '084']) {
    for (const jc of ['10100', '10101', '75100']) {
      list.push({ cg: 1, reg: 1, pc: 1, akasse, member: 'current', jc });
      list.push({ cg: 1, reg: null, pc: null, akasse, member: 'current', jc });
      list.push({ cg: 8, reg: 5, pc: null, akasse, member: 'current', jc });
      list.push({ cg: 8, reg: 2, pc: null, akasse, member: 'current', jc });
      list.push({ cg: 2, reg: 2, pc: 2, akasse, member: 'current', jc });
      list.push({ cg: 7, reg: 2, pc: 2, akasse, member: 'current', jc });
    }
    list.push({ cg: 1, reg: 1, pc: 1, akasse, member: 'ended-30', jc: '10100' });
    list.push({ cg: 1, reg: 1, pc: 1, akasse, member: 'ended-200', jc: '75100' });
    list.push({ cg: 1, reg: 1, pc: 1, akasse, member: 'current', jc: akasse === '067' ? '10100' : '10101', deceased: true });
  }
  for (const jc of ['10100', '10101', '75100']) {
    list.push({ cg: 1, reg: 1, pc: 1, akasse: null, member: 'none', jc });
    list.push({ cg: 2, reg: 2, pc: 2, akasse: null, member: 'none', jc });
  }
  list.push({ cg: 2, reg: 2, pc: 2, akasse: null, member: 'none', jc: '75100', deceased: true });
  return list;
}

export const ARCHETYPE_COUNT = archetypes().length;

function makeCpr(rng: Rng, baseDate: string, gender: 'M' | 'K', taken: Set<string>): string {
  const baseYear = Number(baseDate.slice(0, 4));
  for (;;) {
    const year = baseYear - rng.int(18, 66);
    const month = rng.int(1, 12);
    const dim = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const day = rng.int(1, dim);
    const century = year >= 2000 ? '4' : String(rng.int(0, 3));
    let last = rng.int(0, 9);
    if ((last % 2 === 1) !== (gender === 'M')) last = (last + 1) % 10;
    const raw = `${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}${String(year % 100).padStart(2, '0')}${century}${rng.digits(2)}${last}`;
    const cpr = forceMod11Failure(raw);
    if (!taken.has(cpr)) {
      taken.add(cpr);
      return cpr;
    }
  }
}

export function generatePopulation(opts: { seed: number; citizens: number; baseDate: string }): Population {
  const { seed, baseDate } = opts;
  const rng = new Rng(hashSeed(seed, 'citizens'));
  const taken = new Set<string>();
  const arch = archetypes();
  const citizens: BaseCitizen[] = new Array<BaseCitizen>(opts.citizens);
  const byCpr = new Map<string, number>();

  for (let i = 0; i < opts.citizens; i++) {
    const gender: 'M' | 'K' = rng.chance(0.5) ? 'M' : 'K';
    const givenName = rng.pick(gender === 'M' ? MALE_NAMES : FEMALE_NAMES);
    const surname = rng.pick(SURNAMES);
    const cpr = makeCpr(rng, baseDate, gender, taken);
    const a = arch[i];
    let contactGroup: number;
    let registrationCategory: number | null;
    let personCategory: number | null;
    let akasseCode: string | null = null;
    let member: Archetype['member'] = 'none';
    let jobcenterCode: string;
    let deceased: boolean;
    // Every citizen draws the same number of values, so archetypes do not shift the random stream.
    const draws = [rng.next(), rng.next(), rng.next(), rng.next(), rng.next(), rng.next(), rng.next(), rng.next()] as const;
    if (a) {
      contactGroup = a.cg;
      registrationCategory = a.reg;
      personCategory = a.pc;
      akasseCode = a.akasse;
      member = a.member;
      jobcenterCode = a.jc;
      deceased = a.deceased ?? false;
    } else {
      const [dCg, dReg, dPc, dMember, dAkasse, dEnded, dJc, dDead] = draws;
      contactGroup = dCg < 0.55 ? 1 : dCg < 0.7 ? 2 : dCg < 0.8 ? 7 : 8;
      if (contactGroup === 1) {
        registrationCategory = dReg < 0.85 ? 1 : null;
        personCategory = dPc < 0.7 ? 1 : null;
      } else if (contactGroup === 8) {
        registrationCategory = dReg < 0.5 ? 5 : 2;
        personCategory = dPc < 0.4 ? 2 : null;
      } else {
        registrationCategory = dReg < 0.7 ? 2 : null;
        personCategory = dPc < 0.4 ? 2 : null;
      }
      const memberShare = contactGroup === 1 ? 0.92 : contactGroup === 8 ? 0.85 : contactGroup === 7 ? 0.5 : 0.15;
      if (dMember < memberShare) {
        akasseCode = dAkasse < 0.5 ? '067' : '084';
        member = dEnded < 0.06 ? 'ended-200' : 'current';
      }
      jobcenterCode = dJc < 0.45 ? '10100' : dJc < 0.65 ? '10101' : '75100';
      deceased = dDead < 0.01;
    }
    const offsets = [rng.int(30, 4000), rng.int(1, 400), rng.int(10, 700), rng.int(1, 200)] as const;
    let membershipStart: string | null = null;
    let membershipEnd: string | null = null;
    if (akasseCode) {
      membershipStart = addDays(baseDate, -offsets[0] - 400);
      if (member === 'ended-30') membershipEnd = addDays(baseDate, -30);
      else if (member === 'ended-200') membershipEnd = addDays(baseDate, a ? -200 : -offsets[1]);
    }
    citizens[i] = {
      index: i,
      cpr,
      givenName,
      surname,
      gender,
      contactGroup,
      contactGroupStart: addDays(baseDate, -offsets[2]),
      personCategory,
      registrationCategory,
      akasseCode,
      membershipStart,
      membershipEnd,
      jobcenterCode,
      municipalityCode: MUNICIPALITY_OF_JOBCENTER[jobcenterCode] ?? '101',
      deceasedDate: deceased ? addDays(baseDate, -offsets[3]) : null,
    };
    byCpr.set(cpr, i);
  }
  return { seed, baseDate, citizens, byCpr, companies: generateCompanies(seed, baseDate) };
}

/** 150 companies with 1-3 production units each; 85 % have a JobAG account, a quarter of those without activity. */
function generateCompanies(seed: number, baseDate: string): CompanyUnit[] {
  const rng = new Rng(hashSeed(seed, 'companies'));
  const units: CompanyUnit[] = [];
  const cvrs = new Set<string>();
  for (let i = 0; i < 150; i++) {
    let cvr: string;
    do cvr = String(rng.int(1, 9)) + rng.digits(7);
    while (cvrs.has(cvr));
    cvrs.add(cvr);
    const navn = `${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_KINDS)}`;
    const hasAccount = i < 3 ? true : i < 6 ? true : i < 9 ? false : rng.chance(0.85);
    const active = i < 3 ? true : i < 6 ? false : rng.chance(0.75);
    const unitCount = i < 3 ? 2 : rng.int(1, 3);
    for (let u = 0; u < unitCount; u++) {
      const daysAgo = rng.int(0, 300);
      const minutes = rng.int(7 * 60, 17 * 60);
      units.push({
        cvrNummer: cvr,
        pNummer: '1' + rng.digits(9),
        navn,
        hasAccount,
        kontoStatusAktiv: hasAccount && active,
        senesteLogintidspunkt:
          hasAccount && active
            ? `${addDays(baseDate, -daysAgo)}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`
            : null,
      });
    }
  }
  return units;
}

/** A stable digest of the generated population (citizens and companies). */
export function populationDigest(pop: Population): string {
  const h = createHash('sha256');
  for (const c of pop.citizens) h.update(JSON.stringify(c) + '\n');
  for (const u of pop.companies) h.update(JSON.stringify(u) + '\n');
  return h.digest('hex');
}
