// The Indbakke in hub mode: the team queue's views with their counts, paged from main 50 rows at a
// time for what is in view (10,000 advisories never cross IPC at once), live when a colleague's desktop
// changes something, take / release / complete, a lost race shown with the colleague's name, actions
// made offline shown as waiting, and the answer to a recommendation kept when a colleague was first.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CitizenMessage } from '../../shared/domain';
import { FakeBridge, anna } from './fakeBridge';
import { renderApp, virtualListLayout } from './helpers';
import { FakeTeam, ME, SOEREN, teamAdvisory } from './teamQueue';

virtualListLayout();

const team = (items = [teamAdvisory(1), teamAdvisory(2, { status: 'in-progress', takenBy: ME, takenAt: '2026-11-22T08:15:00Z' }), teamAdvisory(3, { dueDate: '2026-11-10' })]) =>
  new FakeTeam(new FakeBridge(), items);

const list = () => screen.findByRole('listbox', { name: 'Teamets opgaver' });

describe('the Indbakke in hub mode (team queue)', () => {
  it('shows the views with their counts, Ufordelte first, and pages only what is in view of 10,000 advisories', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => teamAdvisory(i));
    const t = team(many);
    const { user } = renderApp(t.bridge, { name: 'inbox' });
    const tabs = await screen.findByRole('tablist', { name: 'Teamets opgaver' });
    expect(within(tabs).getAllByRole('tab').map((x) => x.textContent)).toEqual(['Mine (0)', 'Ufordelte (10.000)', 'Overskredne (0)', 'Alle (10.000)', 'Udførte']);
    expect(within(tabs).getByRole('tab', { name: 'Ufordelte (10.000)' })).toHaveAttribute('aria-selected', 'true');
    const l = await list();
    await within(l).findByText('Opgave nummer 0');
    expect(within(l).getAllByRole('option')[0]).toHaveAttribute('aria-setsize', '10000');
    expect(within(l).getAllByRole('option').length).toBeLessThan(40);
    // Never the whole queue: one page of 50 for the rows in view.
    expect(t.bridge.callsOf('hub.page')).toEqual([{ view: 'unassigned', offset: 0, limit: 50 }]);

    // The last row: only its page is read.
    l.focus();
    await user.keyboard('{End}');
    expect(await within(l).findByRole('option', { name: /Opgave nummer 9999/ })).toHaveAttribute('aria-posinset', '10000');
    expect(t.bridge.callsOf('hub.page').map((c) => c.offset)).toEqual([0, 9_950]);
    expect(t.bridge.callsOf('hub.page').every((c) => c.limit === 50)).toBe(true);
  });

  it('switches views: Mine, Overskredne, Alle each show their own work', async () => {
    const { user } = renderApp(team().bridge, { name: 'inbox' });
    await within(await list()).findByText('Opgave nummer 1');
    await user.click(screen.getByRole('tab', { name: 'Mine (1)' }));
    const mine = await list();
    await within(mine).findByText('Opgave nummer 2');
    expect(within(mine).getAllByRole('option')).toHaveLength(1);
    expect(within(mine).getByRole('option')).toHaveTextContent('Din, taget kl. 09:15');
    await user.click(screen.getByRole('tab', { name: 'Overskredne (1)' }));
    const overdue = await list();
    await within(overdue).findByText('Opgave nummer 3');
    expect(within(overdue).getByRole('option')).toHaveTextContent('Frist 10-11-2026 (overskredet)');
    await user.click(screen.getByRole('tab', { name: 'Alle (3)' }));
    expect(within(await list()).getAllByRole('option')).toHaveLength(3);
  });

  it('a colleague taking an advisory at another desktop shows here without a reload', async () => {
    const t = team();
    const { user } = renderApp(t.bridge, { name: 'inbox' });
    await user.click(await screen.findByRole('tab', { name: 'Alle (3)' }));
    const l = await list();
    await within(l).findByText('Opgave nummer 1');
    t.colleague('t-1', { status: 'in-progress', takenBy: SOEREN, takenAt: '2026-11-22T09:42:00Z' });
    expect(await within(l).findByRole('option', { name: /Opgave nummer 1.*Taget af Søren Østergaard kl\. 10:42/ })).toBeInTheDocument();
    // The counts follow: one fewer unassigned.
    expect(screen.getByRole('tab', { name: 'Ufordelte (1)' })).toBeInTheDocument();
  });

  it('takes, releases and completes at the hub; a lost race says who was first', async () => {
    const t = team();
    const { user } = renderApp(t.bridge, { name: 'inbox' });
    const l = await list();
    await within(l).findByText('Opgave nummer 1');
    await user.click(within(l).getByRole('option', { name: /Opgave nummer 1/ }));
    await user.click(screen.getByRole('button', { name: 'Tag opgaven' }));
    await waitFor(() => expect(t.find('t-1').status).toBe('in-progress'));
    expect(screen.getByRole('status', { name: 'Statusbesked' })).toHaveTextContent('Du har taget opgaven.');
    expect(t.bridge.callsOf('hub.act')).toEqual([{ id: 't-1', action: 'take' }]);

    await user.click(screen.getByRole('tab', { name: 'Mine (2)' }));
    const mine = await list();
    await user.click(await within(mine).findByRole('option', { name: /Opgave nummer 1/ }));
    await user.click(screen.getByRole('button', { name: 'Læg tilbage' }));
    await waitFor(() => expect(t.find('t-1').status).toBe('open'));

    // Søren was first on number 3: the hub's 409, in the caseworker's words.
    await user.click(screen.getByRole('tab', { name: /^Ufordelte/ }));
    const open = await list();
    await user.click(await within(open).findByRole('option', { name: /Opgave nummer 3/ }));
    t.lostRaces.set('t-3', 'Taget af Søren Østergaard kl. 10:42.');
    await user.click(screen.getByRole('button', { name: 'Tag opgaven' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Taget af Søren Østergaard kl. 10:42.');
  });

  it('offline: the action waits in the outbox and says so; a refused one shows the hub’s words', async () => {
    const t = team([teamAdvisory(1), teamAdvisory(4, { refused: { action: 'take', message: 'Taget af Søren Østergaard kl. 10:42.', at: '2026-11-22T09:50:00Z' }, status: 'in-progress', takenBy: SOEREN, takenAt: '2026-11-22T09:42:00Z' })]);
    t.state = 'offline';
    t.reason = 'Hubben kan ikke nås: forbindelsen blev afvist.';
    const { user } = renderApp(t.bridge, { name: 'inbox' });
    expect(await screen.findByText(/Hubben kan ikke nås: forbindelsen blev afvist\. Du ser opgaverne, som de var 22-11-2026 10:30/)).toBeInTheDocument();
    const l = await list();
    await user.click(await within(l).findByRole('option', { name: /Opgave nummer 1/ }));
    await user.click(screen.getByRole('button', { name: 'Tag opgaven' }));
    expect(await within(l).findByRole('option', { name: /Opgave nummer 1.*Venter på hubben: tag opgaven/ })).toBeInTheDocument();
    expect(screen.getByRole('status', { name: 'Statusbesked' })).toHaveTextContent('Hubben kan ikke nås lige nu. »tag opgaven« sendes, når forbindelsen er tilbage.');
    expect(screen.getByText(/Én handling venter på at blive sendt til hubben/)).toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'Alle (2)' }));
    const all = await list();
    await user.click(await within(all).findByRole('option', { name: /Opgave nummer 4/ }));
    expect(screen.getByRole('alert')).toHaveTextContent('Hubben afviste »tag opgaven«: Taget af Søren Østergaard kl. 10:42.');
  });

  it('answering a recommendation takes it first; when a colleague was first, nothing is sent and the answer is kept as a draft', async () => {
    const rec: CitizenMessage = {
      id: 'msg-11',
      cpr: anna.cpr,
      contextType: 11,
      channel: 4,
      subject: 'A-kassens indstilling til jobcentret om tilbud',
      body: 'Tilbud: Virksomhedspraktik\nForeslået start: 01-12-2026\n',
      allowReply: true,
      responseToId: null,
      from: { userType: 2, userIdentifier: 'CVR:1-UUID:2', fullName: 'Karin Sagsbehandler', organisationType: 2, organisationCode: '067' },
      to: { organisationType: 8, organisationCode: '10100' },
      createdAt: '2026-11-21T09:00:00Z',
      documents: [],
    };
    const t = team([teamAdvisory(7, { kind: 'recommendation-received', title: 'Indstilling om tilbud modtaget fra a-kassen', entityId: 'msg-11' })]);
    t.bridge.reply('messages.threads', {
      threads: [{ rootId: rec.id, cpr: anna.cpr, subject: rec.subject, contextType: 11, lastActivityAt: rec.createdAt, messages: [rec], pending: [] }],
      freshness: { fetchedAt: null, stale: false, source: 'dfdg' },
    });
    t.bridge.reply('recommendations.answer', { commandIds: ['c1'], findings: [] });
    const { user } = renderApp(t.bridge, { name: 'inbox' });
    const l = await list();
    await user.click(await within(l).findByRole('option', { name: /Indstilling om tilbud modtaget/ }));
    await user.click(screen.getByRole('button', { name: 'Besvar indstillingen' }));
    const dialog = await screen.findByRole('dialog', { name: /Besvar indstilling om tilbud/ });
    await user.click(within(dialog).getByRole('radio', { name: 'Afslå indstillingen' }));
    await user.type(within(dialog).getByLabelText('Begrundelse for afslaget (skal udfyldes)'), 'Praktikken ligger uden for de første 3 måneder.');

    // While she writes, Søren takes it at his desktop: the dialog says so at once.
    t.colleague('t-7', { status: 'in-progress', takenBy: SOEREN, takenAt: '2026-11-22T09:42:00Z' });
    expect(await within(dialog).findByRole('status')).toHaveTextContent('Taget af Søren Østergaard kl. 10:42. Svaret kan ikke sendes');
    t.lostRaces.set('t-7', 'Taget af Søren Østergaard kl. 10:42.');
    await user.click(within(dialog).getByRole('button', { name: 'Send afslag' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Svaret blev ikke sendt: Taget af Søren Østergaard kl. 10:42. Dit svar er gemt som kladde i borgerens dialog.');
    expect(t.bridge.callsOf('recommendations.answer')).toEqual([]);
    // Kept: in the form, and as a draft in the thread.
    expect(within(dialog).getByLabelText('Begrundelse for afslaget (skal udfyldes)')).toHaveValue('Praktikken ligger uden for de første 3 måneder.');
    expect(t.bridge.callsOf('drafts.create')).toEqual([{ cpr: anna.cpr, replyTo: 'msg-11' }]);
    expect([...t.bridge.drafts.values()][0]!.body).toBe('Jobcentret kan ikke imødekomme a-kassens indstilling om tilbud.\n\nPraktikken ligger uden for de første 3 måneder.');
  });

  it('answering one that is free takes it, sends the answer and completes it at the hub', async () => {
    const rec = { id: 'msg-12', cpr: anna.cpr, contextType: 11, channel: 4, subject: 'Indstilling', body: 'Tilbud: Virksomhedspraktik\n', allowReply: true, responseToId: null, from: { userType: 2, userIdentifier: 'x', fullName: 'Karin', organisationType: 2, organisationCode: '067' }, to: { organisationType: 8, organisationCode: '10100' }, createdAt: '2026-11-21T09:00:00Z', documents: [] } satisfies CitizenMessage;
    const t = team([teamAdvisory(8, { kind: 'recommendation-received', entityId: 'msg-12' })]);
    t.bridge.reply('messages.threads', { threads: [{ rootId: rec.id, cpr: anna.cpr, subject: rec.subject, contextType: 11, lastActivityAt: rec.createdAt, messages: [rec], pending: [] }], freshness: { fetchedAt: null, stale: false, source: 'dfdg' } });
    t.bridge.reply('recommendations.answer', { commandIds: ['c1'], findings: [] });
    const { user } = renderApp(t.bridge, { name: 'inbox' });
    await user.click(await within(await list()).findByRole('option', { name: /Opgave nummer 8/ }));
    await user.click(screen.getByRole('button', { name: 'Besvar indstillingen' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('radio', { name: 'Afslå indstillingen' }));
    await user.type(within(dialog).getByLabelText('Begrundelse for afslaget (skal udfyldes)'), 'Uden for perioden.');
    await user.click(within(dialog).getByRole('button', { name: 'Send afslag' }));
    await waitFor(() => expect(t.find('t-8').status).toBe('done'));
    expect(t.bridge.callsOf('hub.act')).toEqual([
      { id: 't-8', action: 'take' },
      { id: 't-8', action: 'complete' },
    ]);
    expect(t.bridge.callsOf('recommendations.answer')).toHaveLength(1);
    expect(t.bridge.callsOf('recommendations.answer')[0]).not.toHaveProperty('advisoryId');
  });
});
