// Fravær: the type picker offers only types valid for the citizen's contact group on the chosen date
// (the shared rules decide), the form shows what a type means before saving, and deleting needs the
// rectification comment DFDG requires.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Absence } from '../../shared/domain';
import { FakeBridge, anna, jobcenterIdentity, okStatus } from './fakeBridge';
import { absenceRow, openCitizen } from './helpers';

const typeOptions = () => within(screen.getByLabelText('Fraværstype')).getAllByRole('option').map((o) => o.textContent ?? '');

async function openForm(bridge: FakeBridge) {
  const r = await openCitizen(bridge, anna.cpr, 'fravaer');
  await r.user.click(await screen.findByRole('button', { name: 'Registrér fravær' }));
  return r;
}

describe('absence', () => {
  it('does not offer Sorgorlov (79) to a jobcenter for a contact-group-1 citizen before release 2022-3 (19-09-2022), and does from that day', async () => {
    const onDay = (today: string) => {
      const bridge = new FakeBridge().reply('app.info', (_req, b) => ({ version: '0.1.0', mode: b.mode, sandboxUrl: 'https://127.0.0.1:8443', identity: b.identity, today, status: okStatus, hub: null }));
      bridge.identity = jobcenterIdentity;
      return bridge;
    };
    const first = await openForm(onDay('2022-09-18'));
    await waitFor(() => expect(typeOptions().some((t) => t.startsWith('10 '))).toBe(true));
    expect(typeOptions().some((t) => t.startsWith('79 '))).toBe(false);
    first.unmount();

    await openForm(onDay('2022-09-19'));
    await waitFor(() => expect(typeOptions().some((t) => t.startsWith('79 '))).toBe(true));
  });

  it('offers Sorgorlov (79) to a jobcenter before 19-09-2022 when the citizen is not in contact group 1', async () => {
    const bridge = new FakeBridge().reply('app.info', (_req, b) => ({ version: '0.1.0', mode: b.mode, sandboxUrl: 'https://127.0.0.1:8443', identity: b.identity, today: '2022-09-01', status: okStatus, hub: null }));
    bridge.identity = jobcenterIdentity;
    bridge.citizens = [{ ...anna, contactGroup: 2 }];
    await openForm(bridge);
    await waitFor(() => expect(typeOptions().some((t) => t.startsWith('79 '))).toBe(true));
  });

  it('hides a type a documented contact-group rule of the code list refuses for the citizen, and offers it for another group', async () => {
    const lists = {
      lists: {
        AbsenceTypeIdentifier: [
          { id: 9, name: 'Friperiode', validFrom: '2014-01-01', validTo: '2100-07-01', contactGroupRules: [{ refusedOn: [1], basis: 'documented', source: 'test' }] },
          { id: 10, name: 'Ferie med feriepenge, feriedagpenge m.v.', validFrom: '2014-01-01', validTo: '2100-07-01' },
        ],
      },
      fetchedAt: { AbsenceTypeIdentifier: '2026-11-22T08:00:00Z' },
    };
    const first = await openForm(new FakeBridge().reply('codelists.get', lists));
    await waitFor(() => expect(typeOptions()).toContain('10 – Ferie med feriepenge, feriedagpenge m.v.'));
    expect(typeOptions().some((t) => t.startsWith('9 '))).toBe(false);
    first.unmount();

    const kg2 = new FakeBridge().reply('codelists.get', lists);
    kg2.citizens = [{ ...anna, contactGroup: 2 }];
    await openForm(kg2);
    await waitFor(() => expect(typeOptions()).toContain('9 – Friperiode'));
  });

  it('marks the types DFDG may refuse for a dagpengemodtager without person category (1: 4591, 2: 4592) as assumed, and warns before the outbox without blocking', async () => {
    const bridge = new FakeBridge().reply('absences.create', (req) => ({
      commandId: 'cmd-1',
      absence: { id: '3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b', cpr: req.cpr, ...req.input, registeredBy: null, pendingCommandId: 'cmd-1' },
      findings: [],
    }));
    bridge.citizens = [{ ...anna, personCategory: null }];
    const { user } = await openForm(bridge);
    expect(typeOptions()).toContain('1 – Uddannelse (kan afvises for borgerens kontaktgruppe (fejl 4591) – antaget)');
    expect(typeOptions()).toContain('2 – Midlertidigt arbejde (under 15 dage kan afvises (fejl 4592) – antaget)');
    expect(typeOptions()).toContain('10 – Ferie med feriepenge, feriedagpenge m.v.');

    await user.selectOptions(screen.getByLabelText('Fraværstype'), '2');
    await user.type(screen.getByLabelText('Slutdato'), '01-12-2026');
    const end = screen.getByLabelText('Slutdato');
    const described = end.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    expect(described).toContain('for en periode på under 15 dage (perioden er på 10 dage). DFDG kan afvise registreringen (fejl 4592). Reglen er antaget og ikke bekræftet af DFDG.');
    await user.click(screen.getByRole('button', { name: 'Registrér' }));
    await waitFor(() => expect(bridge.callsOf('absences.create')[0]?.input).toMatchObject({ type: 2, end: '2026-12-01' }));
  });

  it('never offers sickness (11), which DFDG registers through IllnessCompositeService, and shows one from DFDG with that note and no edit or delete', async () => {
    const sick: Absence = {
      id: '7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d', cpr: anna.cpr, type: 11, start: '2026-11-10', end: null, comment: null,
      notificationDate: '2026-11-10', endReason: null, registeredBy: { organisationType: 8, organisationCode: '10100' },
    };
    const holiday: Absence = { ...sick, id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', type: 10, start: '2026-11-01', end: '2026-11-30' };
    for (const identity of [undefined, jobcenterIdentity]) {
      const bridge = new FakeBridge().reply('absences.list', { absences: [sick, holiday], freshness: { fetchedAt: null, stale: false, source: 'dfdg' } });
      if (identity) bridge.identity = identity;
      const { user, unmount } = await openForm(bridge);
      expect(typeOptions().some((t) => t.startsWith('11 '))).toBe(false);
      expect(typeOptions().some((t) => t.startsWith('10 '))).toBe(true);
      const current = screen.getByRole('heading', { name: 'Aktuelt fravær (2)' }).closest('section')!;
      const sickRow = within(current).getByText('Sygdom – sygemelding').closest('tr')!;
      expect(sickRow).toHaveTextContent('IllnessCompositeService');
      expect(within(sickRow).queryByRole('button')).toBeNull();
      const holidayRow = within(current).getByText('Ferie med feriepenge, feriedagpenge m.v.').closest('tr')!;
      expect(within(holidayRow).getByRole('button', { name: /^Ret / })).toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: 'Annullér' }));
      unmount();
    }
  });

  it('never offers Sorgorlov (79) to an a-kasse: jobcentres register it, a-kasser see it (seed 001 §2.1)', async () => {
    await openForm(new FakeBridge());
    expect(typeOptions().some((t) => t.startsWith('79 '))).toBe(false);
    expect(typeOptions().some((t) => t.startsWith('10 '))).toBe(true);
  });

  it('offers a type only assumed to be the jobcenter\'s (57) to an a-kasse, with a warning that says it is assumed, and lets it be registered', async () => {
    const bridge = new FakeBridge().reply('absences.create', (req) => ({
      commandId: 'cmd-1',
      absence: { id: '3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b', cpr: req.cpr, ...req.input, registeredBy: null, pendingCommandId: 'cmd-1' },
      findings: [],
    }));
    const { user } = await openForm(bridge);
    expect(typeOptions()).toContain('57 – Frataget ret til selvbook (registreres normalt af jobcentret – antaget)');
    await user.selectOptions(screen.getByLabelText('Fraværstype'), '57');
    expect(screen.getByText(/registreres normalt af jobcentret, ikke af a-kassen/)).toHaveTextContent('Reglen er antaget og ikke bekræftet af DFDG.');
    await user.click(screen.getByRole('button', { name: 'Registrér' }));
    await waitFor(() => expect(bridge.callsOf('absences.create')).toHaveLength(1));
  });

  it('lets a jobcenter register Sorgorlov (79) on a dagpengemodtager and shows what it means: no a-dagpenge, both notified, no self-booking', async () => {
    const bridge = new FakeBridge().reply('absences.create', (req) => ({
      commandId: 'cmd-1',
      absence: { id: '3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b', cpr: req.cpr, ...req.input, registeredBy: null, pendingCommandId: 'cmd-1' },
      findings: [],
    }));
    bridge.identity = jobcenterIdentity;
    const { user } = await openForm(bridge);
    await user.selectOptions(screen.getByLabelText('Fraværstype'), '79');
    const note = screen.getByRole('note', { name: 'Det betyder registreringen for borgeren' });
    expect(note).toHaveTextContent('Borgeren kan ikke få a-dagpenge i perioden med sorgorlov.');
    expect(note).toHaveTextContent('A-kassen og jobcentret får automatisk besked fra DFDG');
    expect(note).toHaveTextContent('fritaget for pligten til at selvbooke');
    const register = screen.getByRole('button', { name: 'Registrér' });
    expect(register).toBeEnabled();
    await user.click(register);
    await waitFor(() => expect(bridge.callsOf('absences.create')[0]?.input.type).toBe(79));
  });

  it('shows what the type means for the citizen before saving, and registers it', async () => {
    const bridge = new FakeBridge().reply('absences.create', (req) => ({
      commandId: 'cmd-1',
      absence: { id: '3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b', cpr: req.cpr, ...req.input, registeredBy: null, pendingCommandId: 'cmd-1' },
      findings: [],
    }));
    const { user } = await openForm(bridge);
    await user.selectOptions(screen.getByLabelText('Fraværstype'), '10');
    const note = screen.getByRole('note', { name: 'Det betyder registreringen for borgeren' });
    expect(note).toHaveTextContent('fritaget for pligten til at selvbooke');
    await user.type(screen.getByLabelText('Slutdato'), '05-12-2026');
    await user.click(screen.getByRole('button', { name: 'Registrér' }));
    await waitFor(() => expect(bridge.callsOf('absences.create')).toHaveLength(1));
    expect(bridge.callsOf('absences.create')[0]).toEqual({
      cpr: anna.cpr,
      input: { type: 10, start: '2026-11-22', end: '2026-12-05', comment: null, notificationDate: '2026-11-22', endReason: null },
    });
  });

  it('blocks an end date before the start date with the rule\'s reason beside the field', async () => {
    const { user } = await openForm(new FakeBridge());
    await user.selectOptions(screen.getByLabelText('Fraværstype'), '10');
    await user.type(screen.getByLabelText('Slutdato'), '01-11-2026');
    const end = screen.getByLabelText('Slutdato');
    const ids = end.getAttribute('aria-describedby')!.split(' ');
    const text = ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    expect(text).toMatch(/Slutdatoen \(01-11-2026\) ligger før startdatoen \(22-11-2026\)/);
    expect(screen.getByRole('button', { name: 'Registrér' })).toBeDisabled();
  });

  it('deletes only with a rectification comment', async () => {
    const existing = absenceRow();
    const bridge = new FakeBridge()
      .reply('absences.list', { absences: [existing], freshness: { fetchedAt: null, stale: false, source: 'dfdg' } })
      .reply('absences.delete', { commandId: 'cmd-del', findings: [] });
    const { user } = await openCitizen(bridge, anna.cpr, 'fravaer');
    await user.click(await screen.findByRole('button', { name: 'Slet Ferie med feriepenge, feriedagpenge m.v. fra 01-12-2026' }));
    const dialog = screen.getByRole('dialog', { name: 'Slet fravær' });
    const confirm = within(dialog).getByRole('button', { name: 'Slet fraværet' });
    expect(confirm).toBeDisabled();
    await user.type(within(dialog).getByLabelText('Berigtigelseskommentar (skal udfyldes)'), 'Registreret på den forkerte borger');
    await user.click(confirm);
    await waitFor(() => expect(bridge.callsOf('absences.delete')).toEqual([{ cpr: anna.cpr, absenceId: existing.id, rectificationComment: 'Registreret på den forkerte borger' }]));
  });
  it('deletes a begun barsel (8) after a warning that says the no-delete list is assumed: a guess does not block', async () => {
    const barsel = absenceRow({ type: 8, start: '2026-10-01', end: '2026-12-31', notificationDate: '2026-09-20' });
    const bridge = new FakeBridge()
      .reply('absences.list', { absences: [barsel], freshness: { fetchedAt: null, stale: false, source: 'dfdg' } })
      .reply('absences.delete', { commandId: 'cmd-del', findings: [] });
    const { user } = await openCitizen(bridge, anna.cpr, 'fravaer');
    await user.click(await screen.findByRole('button', { name: 'Slet Barsel fra 01-10-2026' }));
    const dialog = screen.getByRole('dialog', { name: 'Slet fravær' });
    await user.type(within(dialog).getByLabelText('Berigtigelseskommentar (skal udfyldes)'), 'Registreret på den forkerte borger');
    expect(within(dialog).getByText(/kan måske ikke slettes/)).toHaveTextContent('Reglen er antaget og ikke bekræftet af DFDG.');
    await user.click(within(dialog).getByRole('button', { name: 'Slet fraværet' }));
    await waitFor(() => expect(bridge.callsOf('absences.delete')).toEqual([{ cpr: anna.cpr, absenceId: barsel.id, rectificationComment: 'Registreret på den forkerte borger' }]));
  });

  it('asks for the rectification comment live when an absence that has begun is corrected, also when its start is moved ahead, and sends it', async () => {
    const begun = absenceRow({ id: '3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5c', start: '2026-11-01', end: '2026-11-10', notificationDate: '2026-10-30' });
    const message = 'Fraværet er begyndt. Skriv en berigtigelseskommentar, der forklarer rettelsen.';
    const bridge = new FakeBridge()
      .reply('absences.list', { absences: [begun], freshness: { fetchedAt: null, stale: false, source: 'dfdg' } })
      .reply('absences.update', (req) => ({ commandId: 'cmd-upd', absence: { ...begun, ...req.input, pendingCommandId: 'cmd-upd' }, findings: [] }));
    const { user } = await openCitizen(bridge, anna.cpr, 'fravaer');
    await user.click(await screen.findByRole('button', { name: 'Ret Ferie med feriepenge, feriedagpenge m.v. fra 01-11-2026' }));
    const form = screen.getByRole('form', { name: 'Ret fravær' });
    const rect = within(form).getByLabelText('Berigtigelseskommentar');
    const describedBy = () =>
      rect
        .getAttribute('aria-describedby')!
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ');
    // Before anything is sent: the shared rules say it beside the field, and Save waits for it.
    expect(describedBy()).toContain(message);
    expect(within(form).getByRole('button', { name: 'Gem rettelse' })).toBeDisabled();
    // Moving the start of a begun absence into the future is still a correction of a begun absence.
    const start = within(form).getByLabelText('Startdato (skal udfyldes)');
    await user.clear(start);
    await user.type(start, '01-12-2026');
    await user.clear(within(form).getByLabelText('Slutdato'));
    expect(describedBy()).toContain(message);
    expect(within(form).getByRole('button', { name: 'Gem rettelse' })).toBeDisabled();

    await user.type(rect, 'Ferien blev udskudt');
    expect(describedBy()).not.toContain(message);
    const save = within(form).getByRole('button', { name: 'Gem rettelse' });
    expect(save).toBeEnabled();
    await user.click(save);
    await waitFor(() => expect(bridge.callsOf('absences.update')).toHaveLength(1));
    expect(bridge.callsOf('absences.update')[0]).toMatchObject({ absenceId: begun.id, input: { start: '2026-12-01', end: null }, rectificationComment: 'Ferien blev udskudt' });
  });
  // Main's refusal giving way to the rules on the next edit: absenceFields.test.tsx (this tab and the outbox).
});
