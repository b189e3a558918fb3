// The Fravær tab and the outbox's "Ret og send igen" for a rejected absence command are one form
// (screens/citizen/AbsenceFields): the same fields in the same order, the same live findings, and the
// same handling of main's refusal, which gives way to the rules as soon as the caseworker edits.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AbsenceInput } from '../../shared/domain';
import { FakeBridge, IpcFailure, TODAY, anna, okStatus } from './fakeBridge';
import { absenceRow, openCitizen, rejectedItem, renderApp } from './helpers';

const BEGUN = 'Fraværet er begyndt. Skriv en berigtigelseskommentar, der forklarer rettelsen.';

// Starts today as the renderer knows it; main's day has moved on (past midnight), so main finds it
// begun and refuses a correction without a rectification comment.
const startsToday = absenceRow({ id: '3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5c', start: TODAY, end: '2026-11-30' });
const corrected: AbsenceInput = { type: 10, start: TODAY, end: '2026-12-02', comment: null, notificationDate: '2026-11-20', endReason: null };
const refusal = new IpcFailure({ kind: 'rules', message: BEGUN, findings: [{ ruleId: 'ABS_RECTIFICATION_COMMENT', severity: 'error', field: 'rectificationComment', message: BEGUN }] });

const rejected = rejectedItem({
  id: 'cmd-abs',
  kind: 'absence.update',
  summary: 'Rettet fravær: Ferie med feriepenge, feriedagpenge m.v. 22-11-2026 – 02-12-2026',
  error: { code: 1003, text: 'Invalid period', service: 'FravaerService', operation: 'UpdateFravaer', transient: false, httpStatus: 400 },
});

/** The correction form on each surface, with the bridge's record of what was sent. */
const surfaces = {
  'Fravær tab': async () => {
    const bridge = new FakeBridge()
      .reply('absences.list', { absences: [startsToday], freshness: { fetchedAt: null, stale: false, source: 'dfdg' } })
      .reply('absences.update', (req) => (req.rectificationComment ? { commandId: 'cmd-upd', absence: { ...startsToday, ...req.input }, findings: [] } : refusal));
    const { user } = await openCitizen(bridge, anna.cpr, 'fravaer');
    await user.click(await screen.findByRole('button', { name: 'Ret Ferie med feriepenge, feriedagpenge m.v. fra 22-11-2026' }));
    const form = screen.getByRole('form', { name: 'Ret fravær' });
    const end = within(form).getByLabelText('Slutdato');
    await user.clear(end);
    await user.type(end, '02-12-2026');
    return { user, form, submit: 'Gem rettelse', sent: () => bridge.callsOf('absences.update').map((r) => ({ end: r.input.end, comment: r.rectificationComment })) };
  },
  'outbox dialog': async () => {
    const bridge = new FakeBridge()
      .reply('outbox.list', { items: [rejected], status: { ...okStatus, rejected: 1 } })
      .reply('outbox.get', { item: rejected, message: null, absence: { absenceId: startsToday.id, input: corrected, rectificationComment: null, previous: { type: 10, start: TODAY, end: '2026-11-30' } } })
      .reply('outbox.resubmit', (req) => (req.absence?.rectificationComment ? { item: { ...rejected, state: 'queued', error: null }, findings: [] } : refusal));
    const { user } = renderApp(bridge, { name: 'outbox' });
    await user.click(await screen.findByRole('button', { name: 'Ret og send igen' }));
    const form = await screen.findByRole('dialog', { name: 'Ret og send igen' });
    await waitFor(() => expect(bridge.callsOf('citizens.open')).toHaveLength(1));
    await waitFor(() => expect(within(form).getByLabelText('Fraværstype')).toHaveValue('10'));
    return { user, form, submit: 'Send igen', sent: () => bridge.callsOf('outbox.resubmit').map((r) => ({ end: r.absence?.input?.end, comment: r.absence?.rectificationComment ?? null })) };
  },
};

/** The labels of the form's fields, in order. */
const fieldLabels = (form: HTMLElement) =>
  Array.from(form.querySelectorAll<HTMLElement>('input, select, textarea')).map((el) => (el.id ? form.querySelector(`label[for="${el.id}"]`)?.textContent : el.getAttribute('aria-label')) ?? '?');

describe('one absence form for the Fravær tab and the outbox', () => {
  it('has the same fields in the same order on both', async () => {
    const labels: string[][] = [];
    for (const open of Object.values(surfaces)) {
      const { form } = await open();
      labels.push(fieldLabels(form));
      cleanup();
    }
    expect(labels[0]).toEqual(['Startdato (skal udfyldes)', 'Slutdato', 'Anmeldelsesdato (skal udfyldes)', 'Fraværstype', 'Kommentar', 'Berigtigelseskommentar']);
    expect(labels[1]).toEqual(labels[0]);
  });

  for (const [where, open] of Object.entries(surfaces)) {
    it(`${where}: main's refusal shows beside the field and goes as soon as the caseworker writes the comment`, async () => {
      const { user, form, submit, sent } = await open();
      expect(within(form).queryByText(BEGUN, { exact: false })).not.toBeInTheDocument();
      await user.click(within(form).getByRole('button', { name: submit }));
      const rect = within(form).getByLabelText('Berigtigelseskommentar');
      await waitFor(() => expect(document.getElementById(rect.getAttribute('aria-describedby')!.split(' ')[0]!)).toHaveTextContent(BEGUN));
      expect(within(form).getByRole('button', { name: submit })).toBeDisabled();

      await user.type(rect, 'Ferien varede to dage længere');
      expect(within(form).queryByText(BEGUN, { exact: false })).not.toBeInTheDocument();
      await user.click(within(form).getByRole('button', { name: submit }));
      await waitFor(() =>
        expect(sent()).toEqual([
          { end: '2026-12-02', comment: null },
          { end: '2026-12-02', comment: 'Ferien varede to dage længere' },
        ]),
      );
    });
  }
});
