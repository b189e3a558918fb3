// The absence form: which types the picker offers, what registering one means for the citizen, and
// the advice on save.

import { describe, expect, it } from 'vitest';
import { absenceTypeCaution, absenceTypesFor, activityEndReasonsFor, checkAbsence, consequencesOfAbsence } from '../../../shared/rules';
import { AKASSE, DFDG_END_REASONS, JOBCENTER, absence, citizen, ctx } from './cases';

const consequenceIds = (type: number, c = ctx()) => consequencesOfAbsence(type, c).map((x) => x.id);

describe('consequencesOfAbsence', () => {
  it('sorgorlov on an enrolled dagpengemodtager: self-booking lifted, no a-dagpenge, both notified', () => {
    const list = consequencesOfAbsence(79, ctx({ org: JOBCENTER }));
    expect(list.map((x) => x.id)).toEqual(['selfbooking-exempt', 'no-dagpenge', 'notifies-both']);
    expect(list[1]?.text).toBe('Borgeren kan ikke få a-dagpenge i perioden med sorgorlov.');
  });

  it('sorgorlov before 19-09-2022 did not yet lift the self-booking duty', () => {
    expect(consequenceIds(79, ctx({ asOf: '2022-09-18' }))).toEqual(['no-dagpenge', 'notifies-both']);
    expect(consequenceIds(79, ctx({ asOf: '2022-09-19' }))).toEqual(['selfbooking-exempt', 'no-dagpenge', 'notifies-both']);
  });

  it('sickness: joblog lifted for KG7 only; for an unknown group the form says when it applies', () => {
    const kg7 = ctx({ org: JOBCENTER, citizen: citizen({ contactGroup: 7, registered: true }) });
    expect(consequenceIds(11, kg7)).toEqual(['selfbooking-exempt', 'joblog-exempt', 'registered-elsewhere']);
    expect(consequencesOfAbsence(11, kg7)[0]?.text).toContain('kun betydning, hvis borgeren er i aktivering');
    expect(consequencesOfAbsence(11, kg7)[1]?.text).toContain('Borgeren skal stadig søge job');
    expect(consequenceIds(11, ctx({ citizen: citizen({ contactGroup: 2, registered: false }) }))).toEqual(['selfbooking-exempt', 'registered-elsewhere']);
    const unknown = consequencesOfAbsence(11, ctx({ citizen: undefined }));
    expect(unknown.map((x) => x.id)).toEqual(['selfbooking-exempt', 'joblog-exempt', 'registered-elsewhere']);
    expect(unknown[2]?.text).toContain('IllnessCompositeService');
    expect(unknown[1]?.text).toMatch(/^Er borgeren i kontaktgruppe 7/);
  });

  it('job-oriented training full time: activation and contact course lifted', () => {
    expect(consequenceIds(24, ctx({ citizen: citizen({ registered: false }) }))).toEqual(['selfbooking-exempt', 'activation-exempt', 'contact-course-exempt']);
    expect(consequenceIds(23, ctx({ asOf: '2022-09-18', citizen: citizen({ registered: false }) }))).toEqual(['activation-exempt']);
  });

  it('56, 57 and 75: no self-booking deadline', () => {
    for (const type of [56, 57, 75]) expect(consequenceIds(type, ctx({ citizen: citizen({ registered: false }) }))).toEqual(['no-selfbooking-deadline']);
  });

  it('uddannelse (1) on a citizen who is not enrolled: nothing to say', () => {
    expect(consequencesOfAbsence(1, ctx({ citizen: citizen({ registered: false }) }))).toEqual([]);
  });

  it('unknown type or broken context: nothing, never an exception', () => {
    expect(consequencesOfAbsence(999, ctx())).toEqual([]);
    expect(consequencesOfAbsence('79' as never, ctx())).toEqual([]);
    expect(consequencesOfAbsence(79, { asOf: '2026-02-30', org: AKASSE })).toEqual([]);
  });
});

describe('absenceTypesFor', () => {
  const ids = (c = ctx(), asOf?: string, today = asOf) => absenceTypesFor(c, asOf, today).map((t) => t.id);

  it('never offers 78 from 19-09-2022, and offers it the day before', () => {
    expect(ids(ctx(), '2022-09-18')).toContain(78);
    expect(ids(ctx(), '2022-09-19')).not.toContain(78);
    expect(ids(ctx(), '2022-09-20')).not.toContain(78);
  });

  it('offers 79 on a dagpengemodtager to a jobcenter from 19-09-2022 only, on other groups before that, and never to an a-kasse (seed 001 §2.1)', () => {
    const jc = ctx({ org: JOBCENTER });
    expect(ids(jc, '2022-09-18')).not.toContain(79);
    expect(ids(jc, '2022-09-19')).toContain(79);
    expect(ids(ctx({ org: JOBCENTER, citizen: citizen({ contactGroup: 2 }) }), '2022-09-18')).toContain(79);
    expect(ids(ctx(), '2022-09-18')).not.toContain(79);
    expect(ids(ctx())).not.toContain(79);
    expect(ids(ctx({ citizen: citizen({ contactGroup: 8, registrationCategory: 5 }) }))).not.toContain(79);
  });

  it('judges 79 on contact group 1 and 78 by the day of registration, validity by the start date', () => {
    const jc = ctx({ org: JOBCENTER });
    // Registered today (after release 2022-3) for a period that began before it: 79 on KG1 is possible, 78 is not.
    expect(ids(jc, '2022-09-01', '2026-11-22')).toContain(79);
    expect(ids(jc, '2022-03-01', '2026-11-22')).not.toContain(78);
    expect(ids(jc, '2022-03-01', '2022-09-18')).toContain(78);
    const registered = (type: number, start: string, today: string) =>
      checkAbsence(absence({ type, start, end: null, today }), ctx({ asOf: start, org: JOBCENTER })).filter((f) => f.severity === 'error').map((f) => f.ruleId);
    expect(registered(79, '2022-09-01', '2026-11-22')).toEqual([]);
    expect(registered(79, '2022-09-01', '2022-09-18')).toEqual(['ABS79_GROUP']);
    expect(registered(78, '2022-03-01', '2026-11-22')).toEqual(['ABS78_CLOSED']);
    expect(registered(78, '2022-03-01', '2022-09-18')).toEqual([]);
  });

  it('the a-kasse is told why it cannot register sorgorlov, and how it sees it', () => {
    const errors = checkAbsence(absence({ type: 79 }), ctx()).filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.ruleId, f.message])).toEqual([
      [
        'ABS_TYPE_ALLOWED',
        'Fraværstypen 79 »Sorgorlov« registreres af jobcentret, ikke af a-kassen. A-kassen ser sorgorloven via DFDG og får besked, når den registreres, ændres eller slettes på en tilmeldt borger i kontaktgruppe 1.',
      ],
    ]);
  });

  it('a jobcenter registering sorgorlov on an enrolled dagpengemodtager is told the consequences, not refused', () => {
    const findings = checkAbsence(absence({ type: 79, end: null }), ctx({ org: JOBCENTER }));
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.find((f) => f.ruleId === 'ABS79_GROUP')?.message).toBe(
      'Borgeren kan ikke få a-dagpenge i perioden med sorgorlov. A-kassen og jobcentret får automatisk besked fra DFDG, når fraværet registreres, ændres eller slettes.',
    );
    expect(findings.some((f) => f.ruleId === 'ABS_SELFBOOK_EXEMPT')).toBe(true);
    // Not enrolled: DFDG sends no notification, so the warning does not claim one.
    const notEnrolled = checkAbsence(absence({ type: 79, end: null }), ctx({ org: JOBCENTER, citizen: citizen({ registered: false }) }));
    expect(notEnrolled.find((f) => f.ruleId === 'ABS79_GROUP')?.message).toBe('Borgeren kan ikke få a-dagpenge i perioden med sorgorlov.');
  });

  it('never offers sickness (11): DFDG registers it through IllnessCompositeService, not FravaerService', () => {
    for (const org of [AKASSE, JOBCENTER]) {
      for (const contactGroup of [1, 2, 7, 8]) expect(ids(ctx({ org, citizen: citizen({ contactGroup }) }))).not.toContain(11);
    }
    expect(ids(ctx())).toContain(10);
  });

  it('offers 77 from 15-03-2021', () => {
    expect(ids(ctx(), '2021-03-14')).not.toContain(77);
    expect(ids(ctx(), '2021-03-15')).toContain(77);
  });

  it('keeps types that are only assumed to be the jobcenter\'s (6, 7, 57) on offer to the a-kasse: a guess warns, it does not hide', () => {
    expect(ids(ctx())).toEqual(expect.arrayContaining([6, 7, 57]));
    expect(ids(ctx({ org: JOBCENTER }))).toEqual(expect.arrayContaining([6, 7, 57]));
    const [w] = checkAbsence(absence({ type: 57 }), ctx()).filter((f) => f.ruleId === 'ABS_TYPE_ALLOWED');
    expect(w?.severity).toBe('warning');
    expect(w?.message).toBe(
      'Fraværstypen 57 »Frataget ret til selvbook« registreres normalt af jobcentret, ikke af a-kassen. DFDG kan afvise registreringen. Reglen er antaget og ikke bekræftet af DFDG.',
    );
  });

  it('uses ctx.asOf when no date is given, and leaves out a type a documented contact-group rule refuses', () => {
    const codeLists = {
      AbsenceTypeIdentifier: [
        { id: 9, name: 'Friperiode', validFrom: '2014-11-01', validTo: '2100-07-01', contactGroupRules: [{ refusedOn: [1], basis: 'documented', source: 'test' }] },
        { id: 10, name: 'Ferie', validFrom: '2014-11-01', validTo: '2100-07-01' },
      ],
    };
    expect(ids(ctx({ codeLists }))).toEqual([10]);
    expect(ids(ctx({ codeLists, citizen: citizen({ contactGroup: 2 }) }))).toEqual([9, 10]);
    const [f] = checkAbsence(absence({ type: 9 }), ctx({ codeLists }));
    expect(f).toMatchObject({ ruleId: 'ABS_TYPE_ALLOWED', severity: 'error', field: 'type' });
    expect(f?.message).toBe('Fraværstypen 9 »Friperiode« kan ikke registreres på borgere i kontaktgruppe 1 »Dagpengemodtager«. DFDG afviser registreringen.');
  });

  it('knows the contact groups the sandbox refuses 1 and 2 on (4591, 4592) and says they are assumed: offered, marked, warned, never blocked', () => {
    const noCategory = ctx({ citizen: citizen({ personCategory: null }) });
    expect(ids(noCategory)).toEqual(expect.arrayContaining([1, 2]));
    expect(absenceTypeCaution(1, noCategory)).toBe('kan afvises for borgerens kontaktgruppe (fejl 4591) – antaget');
    expect(absenceTypeCaution(2, noCategory)).toBe('under 15 dage kan afvises (fejl 4592) – antaget');
    // A person category, an unknown one, or another contact group: nothing to say about 1.
    expect(absenceTypeCaution(1, ctx({ citizen: citizen({ personCategory: 2 }) }))).toBeNull();
    expect(absenceTypeCaution(1, ctx())).toBeNull();
    expect(absenceTypeCaution(1, ctx({ org: JOBCENTER, citizen: citizen({ contactGroup: 2, personCategory: null }) }))).toBeNull();
    expect(absenceTypeCaution(10, noCategory)).toBeNull();

    const [uddannelse] = checkAbsence(absence({ type: 1 }), noCategory).filter((f) => f.ruleId === 'ABS_TYPE_ALLOWED');
    expect(uddannelse?.severity).toBe('warning');
    expect(uddannelse?.message).toBe(
      'Fraværstypen 1 »Uddannelse« kan ikke registreres på borgere i kontaktgruppe 1 »Dagpengemodtager« uden personkategori. DFDG kan afvise registreringen (fejl 4591). Reglen er antaget og ikke bekræftet af DFDG.',
    );
    const [short] = checkAbsence(absence({ type: 2, start: '2026-12-01', end: '2026-12-10' }), ctx()).filter((f) => f.ruleId === 'ABS2_MIN_DAYS');
    expect(short).toMatchObject({ severity: 'warning', field: 'end' });
    expect(short?.message).toBe(
      'Fraværstypen 2 »Midlertidigt arbejde« kan ikke registreres på borgere i kontaktgruppe 1 »Dagpengemodtager« for en periode på under 15 dage (perioden er på 10 dage). DFDG kan afvise registreringen (fejl 4592). Reglen er antaget og ikke bekræftet af DFDG.',
    );
  });

  it('every type it offers is accepted by checkAbsence without an error', () => {
    for (const org of [AKASSE, JOBCENTER]) {
      for (const contactGroup of [1, 2, 7, 8]) {
        const c = ctx({ org, citizen: citizen({ contactGroup }) });
        for (const type of ids(c)) {
          const errors = checkAbsence(absence({ type }), c).filter((f) => f.severity === 'error');
          expect(errors, `type ${type}, ${org.type}, KG${contactGroup}`).toEqual([]);
        }
      }
    }
  });

  it('broken context: empty list', () => {
    expect(absenceTypesFor({} as never)).toEqual([]);
  });
});

describe('checkAbsence advice', () => {
  it('a start before today on barsel: warns that it may not be deletable, says the list is assumed, and does not block', () => {
    const findings = checkAbsence(absence({ action: 'delete', type: 8, start: '2026-10-01', rectificationComment: 'Fejl' }), ctx());
    expect(findings).toHaveLength(1);
    expect(findings[0]?.severity).toBe('warning');
    expect(findings[0]?.message).toBe(
      'Fravær af typen 8 »Barsel« kan måske ikke slettes, når det er startet (01-10-2026): DFDG undtager enkelte typer fra sletning uden at nævne hvilke (fejl 4594 i sandboxen). Afvises sletningen, så afslut fraværet med en slutdato i stedet. Reglen er antaget og ikke bekræftet af DFDG.',
    );
  });

  it('shows both dates when the end is before the start', () => {
    const f = checkAbsence(absence({ start: '2026-12-10', end: '2026-12-01' }), ctx()).find((x) => x.ruleId === 'ABS_PERIOD');
    expect(f?.message).toBe('Slutdatoen (01-12-2026) ligger før startdatoen (10-12-2026). Ret en af datoerne.');
  });

  it('an impossible date gets no consequences, only the error', () => {
    expect(checkAbsence(absence({ type: 78, start: '2026-02-31' }), ctx()).map((f) => f.ruleId)).toEqual(['ABS_PERIOD', 'ABS78_CLOSED']);
  });

  it('info findings carry the same text as the consequences', () => {
    const c = ctx({ org: JOBCENTER, citizen: citizen({ contactGroup: 7 }) });
    const findings = checkAbsence(absence({ type: 11 }), c);
    const info = findings.filter((f) => f.severity === 'info');
    const consequences = consequencesOfAbsence(11, c);
    expect(info.map((f) => f.message)).toEqual(consequences.filter((x) => x.id !== 'registered-elsewhere').map((x) => x.text));
    // The note that sickness is registered elsewhere is the reason of the error itself.
    const note = consequences.find((x) => x.id === 'registered-elsewhere')!.text;
    expect(findings.find((f) => f.severity === 'error')?.message).toContain(note);
  });

  it('sickness (11) is refused for FravaerService: create, update and delete, for both organisation types', () => {
    for (const org of [AKASSE, JOBCENTER]) {
      for (const cmd of [absence({ type: 11 }), absence({ action: 'update', type: 11, previousType: 11 }), absence({ action: 'update', type: 11, previousType: 10 }), absence({ action: 'delete', type: 11, rectificationComment: 'Fejl' })]) {
        const errors = checkAbsence(cmd, ctx({ org })).filter((f) => f.severity === 'error');
        expect(errors, `${org.type} ${cmd.action}`).toEqual([expect.objectContaining({ ruleId: 'ABS_TYPE_VALID', field: 'type', message: expect.stringContaining('IllnessCompositeService') })]);
      }
    }
  });
});

describe('activityEndReasonsFor (the Min plan end picker)', () => {
  const ids = (c: ReturnType<typeof ctx>, end?: string) => activityEndReasonsFor(c, end).map((r) => r.id);

  it('offers the caseworker reasons of DFDG’s code list valid on the end date, never 14 and 15 (VITAS, seed 001 §3.1)', () => {
    expect(ids(ctx({ codeLists: DFDG_END_REASONS }), '2026-12-10')).toEqual([1, 2]);
  });

  it('offers nothing from the bundled list: the caseworker reasons are not published, so none are invented', () => {
    expect(ids(ctx(), '2026-12-10')).toEqual([]);
  });

  it('leaves out a reason not valid on the end date', () => {
    expect(ids(ctx({ codeLists: DFDG_END_REASONS }), '2009-06-01')).toEqual([]);
  });
});
