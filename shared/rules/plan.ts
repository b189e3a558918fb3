// Rules for a Min plan change (activity/indsats): end reasons 14 and 15 come from VITAS and are not
// for caseworkers (seed 001 §3.1); end reason known; end not before start.

import { findCode } from '../codelists';
import { isValidIsoDate } from '../dates';
import type { Finding } from '../domain';
import type { PlanChangeInput, RuleContext } from './types';
import { deceasedFinding, dk, finding, flagBool, get, guard, isRecord, label, readContext, readInt, show } from './internal';

const isAbsent = (v: unknown) => v === undefined || v === null || v === '';

function checkPlanChangeImpl(command: unknown, rawCtx: unknown): Finding[] {
  const read = readContext(rawCtx);
  if (!read.ok) return read.findings;
  const ctx = read.ctx;
  if (!isRecord(command)) return [finding('INPUT_INVALID', 'error', 'Ændringen af planen kunne ikke læses. Luk formularen og prøv igen.')];
  const out: Finding[] = deceasedFinding(ctx);

  const reasonRaw = get(command, 'endReason');
  if (!isAbsent(reasonRaw)) {
    const reason = readInt(reasonRaw);
    const item = reason === null ? undefined : findCode('ActivityEndReasonTypeIdentifier', reason, ctx.codeLists);
    if (reason === null || !item) {
      out.push(
        finding('PLAN_END_REASON_VALID', 'warning', `Ophørsårsagen »${show(reasonRaw)}« findes ikke i kodelisten. Tjek at den er rigtig, før du sender.`, 'endReason'),
      );
    } else if (flagBool(item, 'systemOnly') && get(command, 'registeredBy') !== 'system') {
      out.push(
        finding(
          'PLAN_END_REASON_SYSTEM',
          'error',
          `Ophørsårsag ${label('ActivityEndReasonTypeIdentifier', reason, ctx.codeLists)} kommer fra VITAS via webservicebeskeder og registreres ikke af sagsbehandlere. Vælg en anden ophørsårsag.`,
          'endReason',
        ),
      );
    } else if (ctx.asOf < item.validFrom || ctx.asOf >= item.validTo) {
      out.push(
        finding('PLAN_END_REASON_VALID', 'warning', `Ophørsårsag ${label('ActivityEndReasonTypeIdentifier', reason, ctx.codeLists)} kan ikke bruges på datoen.`, 'endReason'),
      );
    }
  }

  const start = get(command, 'start');
  const end = get(command, 'end');
  if (!isAbsent(start) && !isValidIsoDate(start)) {
    out.push(finding('PLAN_PERIOD', 'error', `Startdatoen »${show(start)}« er ikke en gyldig dato.`, 'start'));
  }
  if (!isAbsent(end) && !isValidIsoDate(end)) {
    out.push(finding('PLAN_PERIOD', 'error', `Slutdatoen »${show(end)}« er ikke en gyldig dato.`, 'end'));
  }
  if (isValidIsoDate(start) && isValidIsoDate(end) && end < start) {
    out.push(finding('PLAN_PERIOD', 'error', `Slutdatoen (${dk(end)}) ligger før startdatoen (${dk(start)}). Ret en af datoerne.`, 'end'));
  }
  return out;
}

/** Findings for a Min plan change; [] when there is nothing to say. */
export const checkPlanChange: (command: PlanChangeInput, ctx: RuleContext) => Finding[] = guard(checkPlanChangeImpl);
