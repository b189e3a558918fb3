// Who may see which citizen, as DFDG does it (wire-contract §2.3, rules.md ACCESS_*):
//  - an a-kasse: the citizen is a member of the a-kasse and in contact group 1 (any registration
//    category) or contact group 8 with registration category 5 (dimittend); PersonStatusService
//    also allows former members within 120 days after the membership ended;
//  - a jobcenter: the citizen is attached to that jobcenter code.
// The sample file (sample.ts) uses these same functions, so it always agrees with the services.

import { daysBetween } from './dates';
import type { OrgDef } from './orgs';
import type { BaseCitizen } from './population';

export type AkasseVerdict = 'visible' | 'member of another a-kasse' | 'not a member of an a-kasse' | 'not in an allowed contact group';

export function isCurrentMember(c: BaseCitizen, today: string): boolean {
  return c.akasseCode !== null && (c.membershipStart === null || c.membershipStart <= today) && (c.membershipEnd === null || c.membershipEnd >= today);
}

export function inAkasseContactGroup(c: BaseCitizen): boolean {
  return c.contactGroup === 1 || (c.contactGroup === 8 && c.registrationCategory === 5);
}

/** `formerWindowDays` > 0 lets former members in for that many days after the membership ended. */
export function akasseVerdict(c: BaseCitizen, akasseCode: string, today: string, formerWindowDays = 0): AkasseVerdict {
  const current = isCurrentMember(c, today);
  if (c.akasseCode === akasseCode) {
    const former =
      !current && formerWindowDays > 0 && c.membershipEnd !== null && c.membershipEnd < today && daysBetween(c.membershipEnd, today) <= formerWindowDays;
    if (!current && !former) return 'not a member of an a-kasse';
    return inAkasseContactGroup(c) ? 'visible' : 'not in an allowed contact group';
  }
  return current ? 'member of another a-kasse' : 'not a member of an a-kasse';
}

export function jobcenterSees(c: BaseCitizen, jobcenterCode: string): boolean {
  return c.jobcenterCode === jobcenterCode;
}

export type Access = { ok: true } | { ok: false; reason: 'akasse' | 'jobcenter' | 'org' };

export function access(org: OrgDef, c: BaseCitizen, today: string, formerWindowDays = 0): Access {
  if (org.type === 'akasse') return akasseVerdict(c, org.code, today, formerWindowDays) === 'visible' ? { ok: true } : { ok: false, reason: 'akasse' };
  if (org.type === 'jobcenter') return jobcenterSees(c, org.code) ? { ok: true } : { ok: false, reason: 'jobcenter' };
  return { ok: false, reason: 'org' };
}
