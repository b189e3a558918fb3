// "Ret og send igen" for a rejected absence command: the dialog runs the shared rules with the
// citizen's details (as the Fravær tab does), asks for the rectification comment of a correction or
// deletion (prefilled from the command), and sends what the caseworker fixed.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AbsenceInput, OutboxItem } from '../../shared/domain';
import type { ChannelResponse } from '../../shared/ipc';
import { FakeBridge, anna, okStatus } from './fakeBridge';
import { rejectedItem, renderApp } from './helpers';

const BEGUN_TEXT = 'Fraværet er begyndt. Skriv en berigtigelseskommentar, der forklarer rettelsen.';

const base = rejectedItem({
  id: 'cmd-abs',
  kind: 'absence.update',
  summary: 'Rettet fravær: Ferie med feriepenge, feriedagpenge m.v. 01-11-2026 – 12-11-2026',
  error: { code: 1003, text: 'Invalid period', service: 'FravaerService', operation: 'UpdateFravaer', transient: false, httpStatus: 400 },
});

const input: AbsenceInput = { type: 10, start: '2026-11-01', end: '2026-11-12', comment: null, notificationDate: '2026-10-30', endReason: null };

function bridgeFor(item: OutboxItem, absence: ChannelResponse<'outbox.get'>['absence']) {
  return new FakeBridge()
    .reply('outbox.list', { items: [item], status: { ...okStatus, rejected: 1 } })
    .reply('outbox.get', { item, message: null, absence })
    .reply('outbox.resubmit', { item: { ...item, state: 'queued', error: null }, findings: [] });
}

async function openDialog(bridge: FakeBridge) {
  const { user } = renderApp(bridge, { name: 'outbox' });
  await user.click(await screen.findByRole('button', { name: 'Ret og send igen' }));
  const dialog = await screen.findByRole('dialog', { name: 'Ret og send igen' });
  await within(dialog).findByRole('button', { name: 'Send igen' });
  return { user, dialog };
}

/** The text of everything a field is described by (its findings and hint). */
const describedBy = (el: HTMLElement) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

describe('outbox: Ret og send igen for absence', () => {
  it('a correction of a begun absence: the comment is prefilled, emptying it shows the rule beside the field and blocks, the new one is sent', async () => {
    const bridge = bridgeFor(base, { absenceId: 'abs-1', input, rectificationComment: 'Ferien varede længere', previous: { type: 10, start: '2026-11-01', end: '2026-11-10' } });
    const { user, dialog } = await openDialog(bridge);
    const rect = within(dialog).getByLabelText('Berigtigelseskommentar');
    expect(rect).toHaveValue('Ferien varede længere');
    expect(describedBy(rect)).not.toContain(BEGUN_TEXT);
    // The citizen was read for the rules (audited in main as an outbox read).
    expect(bridge.callsOf('citizens.open')).toEqual([{ cpr: anna.cpr, purpose: 'outbox' }]);

    await user.clear(rect);
    await waitFor(() => expect(describedBy(rect)).toContain(BEGUN_TEXT));
    expect(within(dialog).getByRole('button', { name: 'Send igen' })).toBeDisabled();

    // Moving the start of the begun absence ahead does not make the comment unnecessary.
    const start = within(dialog).getByLabelText('Startdato (skal udfyldes)');
    await user.clear(start);
    await user.type(start, '01-12-2026');
    const end = within(dialog).getByLabelText('Slutdato');
    await user.clear(end);
    await user.type(end, '05-12-2026');
    expect(describedBy(rect)).toContain(BEGUN_TEXT);
    expect(within(dialog).getByRole('button', { name: 'Send igen' })).toBeDisabled();

    await user.type(rect, 'Ferien blev flyttet til december');
    expect(describedBy(rect)).not.toContain(BEGUN_TEXT);
    await user.click(within(dialog).getByRole('button', { name: 'Send igen' }));
    await waitFor(() =>
      expect(bridge.callsOf('outbox.resubmit')).toEqual([
        { id: 'cmd-abs', absence: { input: { ...input, start: '2026-12-01', end: '2026-12-05' }, rectificationComment: 'Ferien blev flyttet til december' } },
      ]),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('a registration: the rules know the citizen\'s contact group (the 4592 warning for contact group 1), and there is no rectification field', async () => {
    const item: OutboxItem = {
      ...base,
      kind: 'absence.create',
      summary: 'Nyt fravær: Midlertidigt arbejde 01-12-2026 – 10-12-2026',
      error: { ...base.error!, code: 4592, operation: 'CreateFravaerMedIdentifier' },
    };
    const short: AbsenceInput = { ...input, type: 2, start: '2026-12-01', end: '2026-12-10', notificationDate: '2026-11-22' };
    const bridge = bridgeFor(item, { absenceId: 'abs-2', input: short, rectificationComment: null, previous: null });
    const { user, dialog } = await openDialog(bridge);
    const end = within(dialog).getByLabelText('Slutdato');
    await waitFor(() => expect(describedBy(end)).toContain('kan ikke registreres på borgere i kontaktgruppe 1 »Dagpengemodtager« for en periode på under 15 dage'));
    expect(within(dialog).queryByLabelText(/Berigtigelseskommentar/)).not.toBeInTheDocument();
    // What the type means for the citizen, as the Fravær tab shows it.
    expect(within(dialog).getByRole('note', { name: 'Det betyder registreringen for borgeren' })).toBeInTheDocument();

    await user.clear(end);
    await user.type(end, '21-12-2026');
    expect(describedBy(end)).not.toContain('for en periode på under 15 dage');
    await user.click(within(dialog).getByRole('button', { name: 'Send igen' }));
    await waitFor(() => expect(bridge.callsOf('outbox.resubmit')).toEqual([{ id: 'cmd-abs', absence: { input: { ...short, end: '2026-12-21' } } }]));
  });

  it('a registration for a citizen in another contact group: no contact-group-1 warning', async () => {
    const item: OutboxItem = { ...base, kind: 'absence.create', error: { ...base.error!, code: 4592 } };
    const short: AbsenceInput = { ...input, type: 2, start: '2026-12-01', end: '2026-12-10', notificationDate: '2026-11-22' };
    const bridge = bridgeFor(item, { absenceId: 'abs-2', input: short, rectificationComment: null, previous: null });
    bridge.citizens = [{ ...anna, contactGroup: 2 }];
    const { dialog } = await openDialog(bridge);
    await waitFor(() => expect(bridge.callsOf('citizens.open')).toHaveLength(1));
    await waitFor(() => expect(within(dialog).getByLabelText('Fraværstype')).toHaveValue('2'));
    expect(describedBy(within(dialog).getByLabelText('Slutdato'))).not.toContain('kontaktgruppe 1');
  });

  it('a deletion: the comment is required, prefilled from the command, and the one the caseworker writes is sent', async () => {
    const item: OutboxItem = { ...base, kind: 'absence.delete', summary: 'Slettet fravær: Ferie 01-11-2026 – 10-11-2026', error: { ...base.error!, operation: 'DeleteFravaer' } };
    const bridge = bridgeFor(item, { absenceId: 'abs-3', input: null, rectificationComment: 'Fejl', previous: { type: 10, start: '2026-11-01', end: '2026-11-10' } });
    const { user, dialog } = await openDialog(bridge);
    expect(dialog).toHaveTextContent('01-11-2026 – 10-11-2026');
    const rect = within(dialog).getByLabelText('Berigtigelseskommentar (skal udfyldes)');
    expect(rect).toHaveValue('Fejl');
    await user.clear(rect);
    await waitFor(() => expect(describedBy(rect)).toContain('Skriv en berigtigelseskommentar, der forklarer, hvorfor fraværet slettes.'));
    expect(within(dialog).getByRole('button', { name: 'Send igen' })).toBeDisabled();
    await user.type(rect, 'Registreret på den forkerte borger');
    await user.click(within(dialog).getByRole('button', { name: 'Send igen' }));
    await waitFor(() => expect(bridge.callsOf('outbox.resubmit')).toEqual([{ id: 'cmd-abs', absence: { rectificationComment: 'Registreret på den forkerte borger' } }]));
  });
});
