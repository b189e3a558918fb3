// Mediation (formidling) on a job order only when its status is 1 "Åben", from release 2022-3
// (seed 001 §6.1). Before that DFDG also allowed it on 2 and 3.

import { findCode } from '../codelists';
import { RELEASE_2022_3 } from '../codelists/data/releases';
import type { Finding } from '../domain';
import type { JobOrderMediationInput, RuleContext } from './types';
import { finding, flagBool, get, guard, isRecord, label, readContext, readInt, show } from './internal';

function checkJobOrderMediationImpl(order: unknown, rawCtx: unknown): Finding[] {
  const read = readContext(rawCtx);
  if (!read.ok) return read.findings;
  const ctx = read.ctx;
  if (!isRecord(order)) return [finding('INPUT_INVALID', 'error', 'Jobordren kunne ikke læses. Hent den igen.')];
  const raw = get(order, 'status');
  const status = readInt(raw);
  const item = status === null ? undefined : findCode('JobOrderStatusTypeIdentifier', status, ctx.codeLists);
  if (status === null || !item) {
    return [finding('JOBORDER_MEDIATE_OPEN', 'error', `Jobordrens status »${show(raw)}« er ukendt. Hent jobordren igen, før du formidler.`, 'status')];
  }
  if (ctx.asOf < RELEASE_2022_3 || flagBool(item, 'allowsMediation')) return [];
  return [
    finding(
      'JOBORDER_MEDIATE_OPEN',
      'error',
      `Der kan kun formidles på jobordrer med status 1 »Åben«. Jobordren har status ${label('JobOrderStatusTypeIdentifier', status, ctx.codeLists)}.`,
      'status',
    ),
  ];
}

/** Findings before mediating a citizen on a job order; [] when mediation is allowed. */
export const checkJobOrderMediation: (order: JobOrderMediationInput, ctx: RuleContext) => Finding[] = guard(checkJobOrderMediationImpl);
