// Rules for a joblog entry (CitizenJoblogService): SubmissionDate and SubmissionDeadlineDate are real
// dates and not before 01-01-2015; DFDG validates this from release 2022-3 (seed 001 §4.1).

import { JOBLOG_MIN_DATE, RELEASE_2022_3 } from '../codelists/data/releases';
import { isValidIsoDate } from '../dates';
import type { Finding } from '../domain';
import { findCode } from '../codelists';
import { joblogExemption } from './consequences';
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

/** An absence as the joblog review needs it. */
export interface JoblogAbsence {
  type: number;
  start: string;
  end: string | null;
}

/** One calendar month of the joblog: the requirement follows the calendar month (seed 001 §4.2). */
export interface JoblogMonth<E> {
  /** 'YYYY-MM'. */
  month: string;
  /** The month's entries, newest first. */
  entries: E[];
  /** Absences that exempt this citizen from registering in joblog and overlap the month (seed 001 §2.5). */
  exemptions: JoblogAbsence[];
  /** An entry dated before 01-01-2015: DFDG refuses such dates since release 2022-3 (seed 001 §4.1). */
  datedBeforeMin: E[];
}

const monthOf = (iso: string) => iso.slice(0, 7);
const lastDayOf = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

/**
 * The joblog review by calendar month, newest first: every month with an entry, and the current
 * month (ctx.asOf) even without one, each with the absences that exempt the citizen from registering
 * in it (a type whose code-list item exempts the citizen's contact group, e.g. 11 for contact group 7).
 * Never throws: an unreadable context gives the months without exemptions.
 */
export function joblogMonths<E extends { submissionDate: string }>(entries: readonly E[], absences: readonly JoblogAbsence[], rawCtx: RuleContext): JoblogMonth<E>[] {
  const read = readContext(rawCtx);
  const ctx = read.ok ? read.ctx : null;
  const months = new Set(entries.map((e) => monthOf(e.submissionDate)));
  if (ctx) months.add(monthOf(ctx.asOf));
  return [...months]
    .sort((a, b) => (a < b ? 1 : -1))
    .map((month) => {
      const first = `${month}-01`;
      const last = lastDayOf(month);
      const own = entries.filter((e) => monthOf(e.submissionDate) === month).sort((a, b) => (a.submissionDate < b.submissionDate ? 1 : -1));
      const exemptions = ctx
        ? absences.filter((a) => a.start <= last && (a.end === null || a.end >= first) && joblogExemption(findCode('AbsenceTypeIdentifier', a.type, ctx.codeLists), ctx.citizen, a.start > first ? a.start : first) === true)
        : [];
      return { month, entries: own, exemptions, datedBeforeMin: own.filter((e) => e.submissionDate < JOBLOG_MIN_DATE) };
    });
}
