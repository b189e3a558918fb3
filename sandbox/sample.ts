// <data-dir>/population-sample.json (sandbox-contract.md "The sample file"): per organisation at
// least three visible citizens per contact group it may see, and at least three not visible per
// reason that applies. Extras beyond the contract's shape are additive (documented in
// docs/wire-contract.md §6): `deceased` and `formerMembers` per organisation, `companies` at the top.

import { akasseVerdict, jobcenterSees } from './access';
import { daysBetween } from './dates';
import { ORGS } from './orgs';
import type { BaseCitizen, CompanyUnit } from './population';

export interface SampleVisible {
  cpr: string;
  name: string;
  contactGroup: number | null;
  registrationCategory: number | null;
  akasseCode: string | null;
  jobcenterCode: string;
}

export interface SampleOrganisation {
  id: string;
  type: 'akasse' | 'jobcenter';
  organisationTypeIdentifier: number;
  code: string;
  name: string;
  rid: string;
  visible: SampleVisible[];
  notVisible: { cpr: string; reason: string }[];
  deceased: { cpr: string; name: string }[];
  formerMembers?: { cpr: string; membershipEnd: string; daysSinceEnd: number }[];
}

export interface Sample {
  seed: number;
  citizens: number;
  today: string;
  organisations: SampleOrganisation[];
  companies: {
    withAccount: { cvrNummer: string; pNummer: string }[];
    withoutActivity: { cvrNummer: string; pNummer: string }[];
    withoutAccount: { cvrNummer: string; pNummer: string }[];
  };
}

const PER_BUCKET = 5;

export function buildSample(opts: {
  seed: number;
  count: number;
  today: string;
  citizenAt: (i: number) => BaseCitizen | undefined;
  companies: CompanyUnit[];
  rids: Record<string, string>;
}): Sample {
  const { today } = opts;
  const organisations: SampleOrganisation[] = [];
  const vis = (c: BaseCitizen): SampleVisible => ({
    cpr: c.cpr,
    name: `${c.givenName} ${c.surname}`,
    contactGroup: c.contactGroup,
    registrationCategory: c.registrationCategory,
    akasseCode: c.akasseCode,
    jobcenterCode: c.jobcenterCode,
  });
  for (const org of ORGS) {
    if (org.type === 'admin') continue;
    const buckets = new Map<string, SampleVisible[]>();
    const hidden = new Map<string, { cpr: string; reason: string }[]>();
    const deceased: { cpr: string; name: string }[] = [];
    const former: { cpr: string; membershipEnd: string; daysSinceEnd: number }[] = [];
    const add = <T>(m: Map<string, T[]>, k: string, v: T) => {
      const l = m.get(k) ?? [];
      if (l.length < PER_BUCKET) l.push(v);
      m.set(k, l);
    };
    for (let i = 0; i < opts.count; i++) {
      const c = opts.citizenAt(i);
      if (!c) continue;
      if (org.type === 'akasse') {
        const verdict = akasseVerdict(c, org.code, today);
        if (c.akasseCode === org.code && c.membershipEnd !== null && c.membershipEnd < today && former.length < PER_BUCKET && !c.deceasedDate)
          former.push({ cpr: c.cpr, membershipEnd: c.membershipEnd, daysSinceEnd: daysBetween(c.membershipEnd, today) });
        if (c.deceasedDate) {
          if (verdict === 'visible' && deceased.length < 3) deceased.push({ cpr: c.cpr, name: `${c.givenName} ${c.surname}` });
          continue;
        }
        if (verdict === 'visible') {
          const key = c.contactGroup === 1 ? (c.registrationCategory === null ? '1-unregistered' : '1-registered') : `${c.contactGroup}`;
          add(buckets, key, vis(c));
        } else add(hidden, verdict, { cpr: c.cpr, reason: verdict });
      } else {
        const sees = jobcenterSees(c, org.code);
        if (c.deceasedDate) {
          if (sees && deceased.length < 3) deceased.push({ cpr: c.cpr, name: `${c.givenName} ${c.surname}` });
          continue;
        }
        if (sees) add(buckets, String(c.contactGroup), vis(c));
        else add(hidden, 'attached to another jobcenter', { cpr: c.cpr, reason: 'attached to another jobcenter' });
      }
    }
    const order = org.type === 'akasse' ? ['1-registered', '1-unregistered', '8'] : ['1', '2', '7', '8'];
    organisations.push({
      id: org.id,
      type: org.type,
      organisationTypeIdentifier: org.orgTypeId,
      code: org.code,
      name: org.name,
      rid: opts.rids[org.id] ?? '',
      visible: order.flatMap((k) => buckets.get(k) ?? []),
      notVisible: [...hidden.values()].flat(),
      deceased,
      ...(org.type === 'akasse' ? { formerMembers: former } : {}),
    });
  }
  const pick = (f: (u: CompanyUnit) => boolean) =>
    opts.companies.filter(f).slice(0, 3).map((u) => ({ cvrNummer: u.cvrNummer, pNummer: u.pNummer }));
  return {
    seed: opts.seed,
    citizens: opts.count,
    today,
    organisations,
    companies: {
      withAccount: pick((u) => u.hasAccount && u.kontoStatusAktiv),
      withoutActivity: pick((u) => u.hasAccount && !u.kontoStatusAktiv),
      withoutAccount: pick((u) => !u.hasAccount),
    },
  };
}
