// The rules' context, built in one place for main (before anything is queued) and the renderer (as
// the caseworker types), so both judge with the same facts: who acts, on which day, on which citizen.

import type { CodeListOverrides } from '../codelists/types';
import type { Citizen, IsoDate, OrganisationRef } from '../domain';
import type { RuleCitizen, RuleContext } from './types';

/** The citizen as the rules see it on `asOf`. */
export function ruleCitizen(citizen: Citizen, asOf: IsoDate): RuleCitizen {
  // PersonStatusService also answers for former members (120 days before and after the membership,
  // interfaces.md §1.4): a membership that has ended does not make the citizen a member for the
  // rules (ACCESS_AKASSE: the a-kasse's own members). It still counts on its last day.
  const ended = !!citizen.membershipEnd && citizen.membershipEnd < asOf;
  return {
    cpr: citizen.cpr,
    contactGroup: citizen.contactGroup,
    registrationCategory: citizen.registrationCategory,
    ...(citizen.personCategory !== undefined ? { personCategory: citizen.personCategory } : {}),
    akasseCode: ended ? null : citizen.akasseCode,
    jobcenterCode: citizen.jobcenterCode,
    deceased: citizen.deceased,
  };
}

export interface RuleContextInput {
  /** Who the app acts as (the certificate's organisation). */
  identity: { organisation: OrganisationRef };
  /** The citizen as cached (null: not known). */
  citizen: Citizen | null;
  /** The day the rules judge for (today as main says it, or e.g. an absence's start). */
  asOf: IsoDate;
  /** Code lists refreshed from DFDG; the bundled ones apply without them. */
  codeLists?: CodeListOverrides | null;
}

/** The context every check takes. */
export function ruleContextFor({ identity, citizen, asOf, codeLists }: RuleContextInput): RuleContext {
  const ctx: RuleContext = {
    asOf,
    org: { type: identity.organisation.type, code: identity.organisation.code },
    citizen: citizen ? ruleCitizen(citizen, asOf) : null,
  };
  if (codeLists) ctx.codeLists = codeLists;
  return ctx;
}
