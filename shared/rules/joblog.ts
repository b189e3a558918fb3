// Rules for a joblog entry (CitizenJoblogService): SubmissionDate and SubmissionDeadlineDate are real
// dates and not before 01-01-2015; DFDG validates this from release 2022-3 (seed 001 §4.1).

import { JOBLOG_MIN_DATE, RELEASE_2022_3 } from '../codelists/data/releases';
import { isValidIsoDate } from '../dates';
import type { Finding } from '../domain';
import type { JoblogEntryInput, RuleContext } from './types';
import { type Ctx, deceasedFinding, dk, finding, get, guard, isRecord, readContext, show } from './internal';

const isAbsent = (v: unknown) => v === undefined || v === null || v === '';

function checkDate(raw: unknown, field: string, what: string, required: boolean, ctx: Ctx, out: Finding[]): void {
  if (isAbsent(raw)) {
    if (required) out.push(finding('JOBLOG_DATE_VALID', 'error', `Angiv ${what}.`, field));
    return;
  }
  if (!isValidIsoDate(raw)) {
    out.push(finding('JOBLOG_DATE_VALID', 'error', `${capitalise(what)} »${show(raw)}« er ikke en gyldig dato.`, field));
    return;
  }
  if (raw < JOBLOG_MIN_DATE) {
    // Before release 2022-3 DFDG accepted such dates; we still warn, the year is almost surely a typo.
    const severity = ctx.asOf >= RELEASE_2022_3 ? 'error' : 'warning';
    out.push(
      finding('JOBLOG_DATE_MIN', severity, `${capitalise(what)} (${dk(raw)}) ligger før ${dk(JOBLOG_MIN_DATE)}, som DFDG ikke tager imod. Ret årstallet.`, field),
    );
  }
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function checkJoblogEntryImpl(entry: unknown, rawCtx: unknown): Finding[] {
  const read = readContext(rawCtx);
  if (!read.ok) return read.findings;
  const ctx = read.ctx;
  if (!isRecord(entry)) return [finding('INPUT_INVALID', 'error', 'Jobloggen kunne ikke læses. Luk formularen og prøv igen.')];
  const out: Finding[] = deceasedFinding(ctx);
  checkDate(get(entry, 'submissionDate'), 'submissionDate', 'ansøgningsdatoen', true, ctx, out);
  checkDate(get(entry, 'submissionDeadlineDate'), 'submissionDeadlineDate', 'ansøgningsfristen', false, ctx, out);
  return out;
}

/** Findings for a joblog entry; [] when there is nothing to say. */
export const checkJoblogEntry: (entry: JoblogEntryInput, ctx: RuleContext) => Finding[] = guard(checkJoblogEntryImpl);
