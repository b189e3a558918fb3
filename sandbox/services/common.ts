// Checks shared by the services: the citizen (pattern, existence, access, death) in DFDG's order,
// and small mappers.

import { access } from '../access';
import { matchesCprPattern } from '../cpr';
import { Reject, type Caller, type Env } from '../http';
import type { BaseCitizen } from '../population';

export interface PersonCheck {
  /** Writes refuse deceased citizens (4405); reads work. */
  write: boolean;
  /** SOAP answers a jobcenter mismatch with 6005; REST with 4575. */
  style: 'soap' | 'rest';
  /** Code for a well-formed but unknown CPR: 1010 (default) or 4404 (FravaerService). */
  unknownCode?: number;
  /** PersonStatusService: former members within this many days after the membership ended. */
  formerWindowDays?: number;
}

/** 1001 → 1010/4404 → 4575/6005 → 4405, the order DFDG answers in. */
export function person(env: Env, caller: Caller, cpr: string, check: PersonCheck): BaseCitizen {
  if (!matchesCprPattern(cpr)) throw new Reject(1001);
  const c = env.state.citizen(cpr);
  if (!c) throw new Reject(check.unknownCode ?? 1010);
  const a = access(caller.org, c, env.clock.today(), check.formerWindowDays ?? 0);
  if (!a.ok) throw new Reject(a.reason === 'jobcenter' && check.style === 'soap' ? 6005 : 4575);
  if (check.write && c.deceasedDate !== null) throw new Reject(4405);
  return c;
}

export function registeringUser(caller: Caller): { fullName: string; userIdentifier: string } {
  return { fullName: caller.caseworkerName, userIdentifier: caller.rid };
}

export function callerRef(caller: Caller): { orgTypeId: number; code: string } {
  return { orgTypeId: caller.org.orgTypeId, code: caller.org.code };
}

// Convenience used by several REST services.
export function stripUndefined<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}
