// The context the shared rules take, built from who we act as (app.info), the date main says it is,
// the citizen on screen and the code lists main cached. The same functions run again in main.
import { useMemo } from 'react';
import type { Citizen } from '../../../shared/domain';
import { todayIso } from '../../../shared/dates';
import type { RuleContext } from '../../../shared/rules/types';
import { useApp } from '../stores/app';

export function useRuleContext(citizen: Citizen | null, asOf?: string | null): RuleContext | null {
  const info = useApp((s) => s.info);
  const lists = useApp((s) => s.codeLists);
  return useMemo(() => {
    if (!info?.identity) return null;
    const ctx: RuleContext = {
      asOf: asOf || info.today,
      org: { type: info.identity.organisation.type, code: info.identity.organisation.code },
      citizen: citizen
        ? {
            cpr: citizen.cpr,
            contactGroup: citizen.contactGroup,
            registrationCategory: citizen.registrationCategory,
            akasseCode: citizen.akasseCode,
            jobcenterCode: citizen.jobcenterCode,
            deceased: citizen.deceased,
          }
        : null,
    };
    if (lists) ctx.codeLists = lists;
    return ctx;
  }, [info, lists, citizen, asOf]);
}

/** Today as main sees it (the rules' asOf), falling back to the machine's date before app.info answers. */
export function useToday(): string {
  const today = useApp((s) => s.info?.today);
  return today ?? todayIso(new Date());
}
