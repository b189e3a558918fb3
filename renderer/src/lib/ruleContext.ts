// The context the shared rules take, built from who we act as (app.info), the date main says it is,
// the citizen on screen and the code lists main cached, by the same function main uses
// (shared/rules ruleContextFor), so the renderer judges with main's facts.
import { useMemo } from 'react';
import type { Citizen } from '../../../shared/domain';
import { todayIso } from '../../../shared/dates';
import { ruleContextFor } from '../../../shared/rules/context';
import type { RuleContext } from '../../../shared/rules/types';
import { useApp } from '../stores/app';

export function useRuleContext(citizen: Citizen | null, asOf?: string | null): RuleContext | null {
  const info = useApp((s) => s.info);
  const lists = useApp((s) => s.codeLists);
  return useMemo(() => {
    if (!info?.identity) return null;
    return ruleContextFor({ identity: info.identity, citizen, asOf: asOf || info.today, codeLists: lists });
  }, [info, lists, citizen, asOf]);
}

/** Today as main sees it (the rules' asOf), falling back to the machine's date before app.info answers. */
export function useToday(): string {
  const today = useApp((s) => s.info?.today);
  return today ?? todayIso(new Date());
}
