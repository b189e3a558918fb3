// The team inbox's tools (hub mode): "Tag næste" by button and by T (earliest due first, of the kind
// shown; none left is said in Danish; it needs the hub), the kind filter of the views, "Giv til
// kollega" (a named colleague; a lost race says who was first), the team lead's Fordeling, and the
// team actions made offline in the Udbakke (waiting, sent, refused with the hub's words; dismissed),
// counted in the menu's Udbakke.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TeamCommand } from '../../shared/domain';
import { FakeBridge } from './fakeBridge';
import { renderApp, virtualListLayout } from './helpers';
import { BIRGITTE, FakeTeam, ME, SOEREN, teamAdvisory } from './teamQueue';

virtualListLayout();

const team = () =>
  new FakeTeam(new FakeBridge(), [
    teamAdvisory(1, { dueDate: '2026-11-28' }),
    teamAdvisory(2, { status: 'in-progress', takenBy: SOEREN, takenAt: '2026-11-22T08:15:00Z', dueDate: '2026-11-12' }),
    teamAdvisory(3, { dueDate: '2026-11-10', kind: 'meeting-changed', title: 'Mødet er flyttet' }),
    teamAdvisory(4, { dueDate: null }),
  ]);

const list = () => screen.findByRole('listbox', { name: 'Teamets opgaver' });
const status = () => screen.getByRole('status', { name: 'Statusbesked' });

describe('Tag næste', () => {
  it('takes the earliest due first, shows it selected under Mine; T takes the next; none left is said', async () => {
    const t = team();
    const { user } = renderApp(t.bridge, { name: 'inbox' });
    await within(await list()).findByText('Opgave nummer 1');
    await user.click(screen.getByRole('button', { name: 'Tag næste' }));
    await waitFor(() => expect(t.find('t-3')).toMatchObject({ status: 'in-progress', takenBy: ME }));
    expect(status()).toHaveTextContent('Du har taget: Mødet er flyttet – Borger 3, frist 10-11-2026.');
    expect(await screen.findByRole('tab', { name: 'Mine (1)', selected: true })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 2, name: 'Mødet er flyttet' })).toBeInTheDocument();
    expect(within(await list()).getByRole('option', { selected: true })).toHaveTextContent('Mødet er flyttet');

    // The key T (from the list, not while typing) takes the next: number 1, then the undated 4.
    (await list()).focus();
    await user.keyboard('t');
    await waitFor(() => expect(t.find('t-1').status).toBe('in-progress'));
    await user.keyboard('T');
    await waitFor(() => expect(t.find('t-4').status).toBe('in-progress'));
    expect(t.bridge.callsOf('hub.takeNext')).toEqual([{}, {}, {}]);
    await user.keyboard('t');
    expect(await screen.findByText('Der er ingen ufordelte opgaver at tage.', { selector: 'p.hint' })).toHaveAttribute('role', 'status');
    expect(status()).toHaveTextContent('Der er ingen ufordelte opgaver at tage.');
  });

  it('the views filter by kind, and Tag næste takes only that kind', async () => {
    const t = team();
    const { user } = renderApp(t.bridge, { name: 'inbox' });
    await within(await list()).findByText('Opgave nummer 1');
    await user.selectOptions(screen.getByLabelText('Type'), 'Besked modtaget');
    await waitFor(async () => expect(within(await list()).getAllByRole('option').map((o) => o.textContent)).toEqual([expect.stringContaining('Opgave nummer 1'), expect.stringContaining('Opgave nummer 4')]));
    expect(screen.getByText(/^Type: Besked modtaget\. 2 opgaver/)).toBeInTheDocument();
    expect(t.bridge.callsOf('hub.page').at(-1)).toEqual({ view: 'unassigned', offset: 0, limit: 50, kind: 'message-received' });

    await user.selectOptions(screen.getByLabelText('Type'), 'Møde ændret');
    await user.click(screen.getByRole('button', { name: 'Tag næste' }));
    await waitFor(() => expect(t.find('t-3').status).toBe('in-progress'));
    await user.click(screen.getByRole('button', { name: 'Tag næste' }));
    expect(await screen.findByText('Der er ingen ufordelte opgaver af typen »Møde ændret« at tage.', { selector: 'p.hint' })).toBeInTheDocument();
    expect(t.bridge.callsOf('hub.takeNext')).toEqual([{ kind: 'meeting-changed' }, { kind: 'meeting-changed' }]);
    expect(t.find('t-1').status).toBe('open');
  });

  it('while the hub cannot be reached, says why and takes nothing', async () => {
    const t = team();
    t.state = 'offline';
    t.reason = 'Hubben kan ikke nås: forbindelsen blev afvist.';
    const { user } = renderApp(t.bridge, { name: 'inbox' });
    await within(await list()).findByText('Opgave nummer 1');
    await user.click(screen.getByRole('button', { name: 'Tag næste' }));
    expect(await screen.findByText(/^Ingen opgave taget: Hubben kan ikke nås: forbindelsen blev afvist\./)).toHaveAttribute('role', 'alert');
    expect(t.items.filter((a) => a.takenBy?.id === ME.id)).toEqual([]);
  });
});

describe('Giv til kollega and Fordeling', () => {
  it('hands the selected advisory to a named colleague; a colleague who was first is named', async () => {
    const t = team();
    const { user } = renderApp(t.bridge, { name: 'inbox' });
    const l = await list();
    await user.click(await within(l).findByRole('option', { name: /Opgave nummer 1/ }));
    await user.click(screen.getByRole('button', { name: 'Giv til kollega …' }));
    const dialog = await screen.findByRole('dialog', { name: 'Giv til kollega – Opgave nummer 1' });
    const pick = await within(dialog).findByLabelText('Kollega');
    // The colleagues the hub knows, not me.
    expect(within(pick).getAllByRole('option').map((o) => o.textContent)).toEqual(['Vælg kollega …', 'Birgitte Hjort (0 åbne opgaver)', 'Søren Østergaard (én åben opgave)']);
    expect(within(dialog).getByRole('button', { name: 'Giv opgaven' })).toBeDisabled();
    await user.selectOptions(pick, 'Birgitte Hjort (0 åbne opgaver)');
    await user.click(within(dialog).getByRole('button', { name: 'Giv opgaven' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(t.find('t-1')).toMatchObject({ status: 'in-progress', takenBy: BIRGITTE });
    expect(t.bridge.callsOf('hub.handover')).toEqual([{ id: 't-1', to: BIRGITTE.id }]);
    expect(status()).toHaveTextContent('Opgaven er givet til Birgitte Hjort.');

    // Number 4: Søren took it first at his desktop.
    await user.click(await within(await list()).findByRole('option', { name: /Opgave nummer 4/ }));
    await user.click(screen.getByRole('button', { name: 'Giv til kollega …' }));
    const again = await screen.findByRole('dialog');
    await user.selectOptions(await within(again).findByLabelText('Kollega'), 'Birgitte Hjort (én åben opgave)');
    t.lostRaces.set('t-4', 'Taget af Søren Østergaard kl. 10:42.');
    await user.click(within(again).getByRole('button', { name: 'Giv opgaven' }));
    expect(await within(again).findByRole('alert')).toHaveTextContent('Opgaven er ikke givet videre: Taget af Søren Østergaard kl. 10:42.');
    expect(t.find('t-4').takenBy).toBeNull();
  });

  it('a colleague’s advisory cannot be handed on from here', async () => {
    const t = team();
    const { user } = renderApp(t.bridge, { name: 'inbox' });
    await user.click(await screen.findByRole('tab', { name: 'Alle (4)' }));
    await user.click(await within(await list()).findByRole('option', { name: /Opgave nummer 2/ }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Opgave nummer 2' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Giv til kollega …' })).not.toBeInTheDocument();
  });

  it('Fordeling shows per colleague open, overdue and done today from the hub, and follows changes', async () => {
    const t = team();
    const { user } = renderApp(t.bridge, { name: 'inbox' });
    await within(await list()).findByText('Opgave nummer 1');
    const toggle = screen.getByRole('button', { name: 'Fordeling' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const table = await screen.findByRole('table');
    const row = (name: RegExp) => within(table).getByRole('row', { name });
    await waitFor(() => expect(row(/^Søren Østergaard/)).toHaveTextContent('Søren Østergaard113'));
    expect(row(/Jonas Jobkonsulent \(dig\)/)).toHaveTextContent('Jonas Jobkonsulent (dig)000');
    expect(within(table).getByText(/3 opgaver er ufordelte/)).toBeInTheDocument();
    expect(within(table).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['Kollega', 'Åbne', 'Heraf overskredne', 'Udført i dag']);

    // Birgitte takes number 1 at her desktop: the table follows.
    t.colleague('t-1', { status: 'in-progress', takenBy: BIRGITTE, takenAt: '2026-11-22T09:42:00Z' });
    await waitFor(() => expect(row(/^Birgitte Hjort/)).toHaveTextContent('Birgitte Hjort100'));
    expect(row(/^I alt/)).toHaveTextContent('I alt213');
  });
});

describe('team actions in the Udbakke', () => {
  const cmd = (i: number, extra: Partial<TeamCommand>): TeamCommand => ({
    id: `c-${i}`,
    advisoryId: `t-${i}`,
    action: 'take',
    state: 'queued',
    message: null,
    attempts: 0,
    createdAt: '2026-11-22T09:00:00Z',
    finishedAt: null,
    title: `Opgave nummer ${i}`,
    cpr: '0101901234',
    citizenName: `Borger ${i}`,
    ...extra,
  });

  it('lists them with their state, counts waiting and refused in the menu, and a refused one is dismissed', async () => {
    const t = team();
    t.state = 'offline';
    t.reason = 'Hubben kan ikke nås.';
    t.commands = [
      cmd(1, { action: 'complete' }),
      cmd(4, { state: 'refused', message: 'Taget af Søren Østergaard kl. 10:42.', attempts: 1, finishedAt: '2026-11-22T09:50:00Z' }),
      cmd(3, { action: 'release', state: 'sent', attempts: 1, finishedAt: '2026-11-22T09:40:00Z' }),
    ];
    const { user } = renderApp(t.bridge, { name: 'outbox' });
    expect(await screen.findByRole('button', { name: 'Udbakke (2)' })).toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent('Én handling på teamets opgaver er afvist af hubben (en kollega var først).');
    const section = await screen.findByRole('region', { name: 'Teamets opgaver (organisationens hub)' });
    const items = () => within(section).getAllByRole('article');
    expect(items().map((a) => within(a).getByRole('heading').textContent)).toEqual(['Marker som udført: Opgave nummer 1', 'Tag opgaven: Opgave nummer 4']);
    expect(items()[0]).toHaveTextContent('Borger 1 · oprettet 22-11-2026 10:00 · Venter på hubben');
    expect(items()[1]).toHaveTextContent('Afvist af hubben');
    expect(items()[1]).toHaveTextContent('Hubben afviste handlingen. Taget af Søren Østergaard kl. 10:42.');
    expect(within(items()[0]!).queryByRole('button', { name: 'Fjern' })).not.toBeInTheDocument();
    expect(screen.queryByText('Udbakken er tom. Alt er sendt.')).not.toBeInTheDocument();

    // "Alt" shows the sent one too.
    await user.selectOptions(screen.getByLabelText('Vis'), 'Alt');
    expect(within(section).getAllByRole('article')).toHaveLength(3);
    expect(within(section).getByRole('article', { name: 'Læg opgaven tilbage: Opgave nummer 3' })).toHaveTextContent('Sendt til hubben · 1 forsøg · sendt 22-11-2026 10:40');
    await user.selectOptions(screen.getByLabelText('Vis'), 'Det, der mangler');

    await user.click(within(items()[1]!).getByRole('button', { name: 'Fjern' }));
    await waitFor(() => expect(items()).toHaveLength(1));
    expect(t.bridge.callsOf('hub.dismiss')).toEqual([{ id: 'c-4' }]);
    expect(await screen.findByRole('button', { name: 'Udbakke (1)' })).toBeInTheDocument();
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
  });
});
