// The joblog review by calendar month (seed 001 §4.2: the duty follows the calendar month) with the
// absences that exempt the citizen from registering (seed 001 §2.5: 11 for contact group 7, from
// release 2022-3).
import { describe, expect, it } from 'vitest';
import { joblogMonths } from '../../../shared/rules';
import { citizen, ctx, JOBCENTER } from './cases';

const entry = (submissionDate: string) => ({ submissionDate });

describe('joblogMonths', () => {
  it('groups entries by month, newest first, and always includes the current month', () => {
    const months = joblogMonths([entry('2026-09-30'), entry('2026-11-02'), entry('2026-09-01'), entry('2026-11-20')], [], ctx({ asOf: '2026-12-03' }));
    expect(months.map((m) => [m.month, m.entries.map((e) => e.submissionDate)])).toEqual([
      ['2026-12', []],
      ['2026-11', ['2026-11-20', '2026-11-02']],
      ['2026-09', ['2026-09-30', '2026-09-01']],
    ]);
  });

  it.each([
    ['contact group 7, sickness across the month boundary', 7, { type: 11, start: '2026-10-25', end: '2026-11-03' }, ['2026-11', '2026-10']],
    ['contact group 7, sickness without an end', 7, { type: 11, start: '2026-10-25', end: null }, ['2026-11', '2026-10']],
    ['contact group 1: sickness exempts nothing from joblog', 1, { type: 11, start: '2026-10-25', end: null }, []],
    ['contact group 7, holiday: not a joblog exemption', 7, { type: 10, start: '2026-10-25', end: null }, []],
    ['contact group 7, sickness that ended before release 2022-3', 7, { type: 11, start: '2022-09-01', end: '2022-09-10' }, []],
    ['contact group 7, sickness from before release 2022-3, still running', 7, { type: 11, start: '2022-09-01', end: null }, ['2026-11', '2026-10']],
  ] as const)('%s', (_name, contactGroup, absence, exemptMonths) => {
    const months = joblogMonths([entry('2026-10-01')], [absence], ctx({ asOf: '2026-11-22', org: JOBCENTER, citizen: citizen({ contactGroup }) }));
    expect(months.filter((m) => m.exemptions.length > 0).map((m) => m.month)).toEqual(exemptMonths);
  });

  it('marks entries dated before 01-01-2015 (seed 001 §4.1)', () => {
    const [, old] = joblogMonths([entry('1020-10-31')], [], ctx());
    expect(old?.datedBeforeMin).toEqual([entry('1020-10-31')]);
  });
});
