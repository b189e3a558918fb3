// The advisory inbox: 10,000 advisories are virtualized (only a window of rows in the DOM) and the
// keyboard moves through all of them; take and done; for a jobcenter a received recommendation opens
// straight into the answer view, where a rejection needs reasons and the decision reminder shows.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Advisory, CitizenMessage } from '../../shared/domain';
import { DECISION_NOTE } from '../../shared/drafts';
import { FakeBridge, anna, jobcenterIdentity } from './fakeBridge';
import { renderApp, virtualListLayout } from './helpers';
import { useApp } from '../../renderer/src/stores/app';

// jsdom has no layout: the virtual list gets a viewport (helpers.tsx), and React must not complain.
virtualListLayout();

function advisory(i: number, extra: Partial<Advisory> = {}): Advisory {
  return {
    id: `adv-${i}`,
    kind: i % 3 === 0 ? 'absence-by-other' : 'message-received',
    cpr: anna.cpr,
    citizenName: `Borger ${i}`,
    title: `Advis nummer ${i}`,
    createdAt: '2026-11-20T09:00:00Z',
    dueDate: i % 2 ? '2026-11-25' : null,
    status: 'open',
    takenBy: null,
    takenAt: null,
    doneAt: null,
    sourceMessageIdentifier: null,
    entityId: null,
    ...extra,
  };
}

/** A type 11 recommendation from the a-kasse's caseworker to jobcenter 10100 about Anna. */
function recommendation(id: string, body: string): CitizenMessage {
  return {
    id,
    cpr: anna.cpr,
    contextType: 11,
    channel: 4,
    subject: 'A-kassens indstilling til jobcentret om tilbud',
    body,
    allowReply: true,
    responseToId: null,
    from: { userType: 2, userIdentifier: 'CVR:1-UUID:2', fullName: 'Karin Sagsbehandler', organisationType: 2, organisationCode: '067' },
    to: { organisationType: 8, organisationCode: '10100' },
    createdAt: '2026-11-21T09:00:00Z',
    documents: [],
  };
}

/** A jobcenter caseworker's bridge: the advisory in the inbox, and the recommendation's thread. */
function jobcenterWith(adv: Advisory, rec: CitizenMessage): FakeBridge {
  const bridge = new FakeBridge()
    .reply('advisories.list', { advisories: [adv], total: 1 })
    .reply('messages.threads', {
      threads: [{ rootId: rec.id, cpr: anna.cpr, subject: rec.subject, contextType: 11, lastActivityAt: rec.createdAt, messages: [rec], pending: [] }],
      freshness: { fetchedAt: null, stale: false, source: 'dfdg' },
    });
  bridge.identity = jobcenterIdentity;
  return bridge;
}

describe('inbox', () => {
  it('virtualizes 10,000 advisories: a window of rows in the DOM, the keyboard reaches the last one', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => advisory(i));
    const bridge = new FakeBridge().reply('advisories.list', { advisories: many, total: many.length });
    const { user } = renderApp(bridge, { name: 'inbox' });
    const list = await screen.findByRole('listbox', { name: "Advis'er" });
    const options = within(list).getAllByRole('option');
    expect(options.length).toBeGreaterThan(5);
    expect(options.length).toBeLessThan(40);
    expect(options[0]).toHaveAttribute('aria-setsize', '10000');
    expect(options[0]).toHaveAttribute('aria-selected', 'true');
    expect(bridge.callsOf('advisories.list')).toContainEqual({ status: ['open', 'in-progress'], sort: 'due', limit: 20_000 });

    await user.keyboard('jj');
    expect(list).toHaveAttribute('aria-activedescendant', 'adv-adv-2');
    list.focus();
    await user.keyboard('{End}');
    expect(list).toHaveAttribute('aria-activedescendant', 'adv-adv-9999');
    const last = await within(list).findByRole('option', { name: /Advis nummer 9999/ });
    expect(last).toHaveAttribute('aria-posinset', '10000');
    expect(within(list).getAllByRole('option').length).toBeLessThan(40);
    expect(within(list).queryByText('Advis nummer 0')).not.toBeInTheDocument();
  });

  it('sorts by kind on request, takes an advisory and marks it done', async () => {
    const a = advisory(1);
    const bridge = new FakeBridge()
      .reply('advisories.list', { advisories: [a], total: 1 })
      .reply('advisories.take', { ...a, status: 'in-progress', takenBy: 'Karin Sagsbehandler', takenAt: '2026-11-22T10:00:00Z' })
      .reply('advisories.done', { ...a, status: 'done', doneAt: '2026-11-22T10:05:00Z' });
    const { user } = renderApp(bridge, { name: 'inbox' });
    await screen.findByRole('listbox', { name: "Advis'er" });
    await user.selectOptions(screen.getByLabelText('Sortér efter'), 'Type');
    await waitFor(() => expect(bridge.callsOf('advisories.list').at(-1)?.sort).toBe('kind'));
    await user.click(await screen.findByRole('button', { name: 'Tag opgaven' }));
    expect(await screen.findByRole('option', { name: /Taget af Karin Sagsbehandler/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Marker som udført' }));
    expect(await screen.findByRole('option', { name: /Udført/ })).toBeInTheDocument();
    expect(bridge.callsOf('advisories.take')).toEqual([{ id: 'adv-1' }]);
    expect(bridge.callsOf('advisories.done')).toEqual([{ id: 'adv-1' }]);
  });

  it('opens a received recommendation straight into the answer view; a rejection needs reasons and reminds of the decision', async () => {
    const rec = recommendation(
      'msg-11',
      'A-kassen indstiller, at Anna Jensen får tilbud om virksomhedspraktik.\n\nTilbud: Virksomhedspraktik\nForeslået start: 01-12-2026\nVarighed: 8 uger\nTimer pr. uge: 30\n',
    );
    const adv = advisory(7, { kind: 'recommendation-received', title: 'Indstilling om tilbud', entityId: 'msg-11', dueDate: '2026-11-28' });
    const bridge = jobcenterWith(adv, rec).reply('recommendations.answer', { commandIds: ['c1'], findings: [] });
    const { user } = renderApp(bridge, { name: 'inbox' });
    const list = await screen.findByRole('listbox', { name: "Advis'er" });
    list.focus();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: /Besvar indstilling om tilbud/ });
    expect(within(dialog).getByText(/Tilbud: Virksomhedspraktik/)).toBeInTheDocument();

    await user.click(within(dialog).getByRole('radio', { name: 'Afslå indstillingen' }));
    // The same sentence main appends to the answer, and no contradicting "Svaret er en afgørelse".
    expect(within(dialog).getByRole('note')).toHaveTextContent(DECISION_NOTE);
    expect(dialog.textContent!.split('afgørelse').length - 1).toBe(2);
    expect(dialog).not.toHaveTextContent('Svaret er en afgørelse');
    await user.click(within(dialog).getByRole('button', { name: 'Send afslag' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Skriv begrundelsen for afslaget');
    expect(bridge.callsOf('recommendations.answer')).toHaveLength(0);

    await user.type(within(dialog).getByLabelText('Begrundelse for afslaget (skal udfyldes)'), 'Praktikken ligger uden for de første 3 måneder.');
    await user.click(within(dialog).getByRole('button', { name: 'Send afslag' }));
    await waitFor(() => expect(bridge.callsOf('recommendations.answer')).toHaveLength(1));
    expect(bridge.callsOf('recommendations.answer')[0]).toEqual({
      cpr: anna.cpr,
      messageId: 'msg-11',
      advisoryId: 'adv-7',
      decision: 'reject',
      body: 'Jobcentret kan ikke imødekomme a-kassens indstilling om tilbud.',
      reasons: 'Praktikken ligger uden for de første 3 måneder.',
    });
  });

  it('prefills the activity from the recommendation when the jobcenter grants it', async () => {
    const rec = recommendation('msg-12', 'Tilbud: Virksomhedspraktik\nForeslået start: 01-12-2026\nVarighed: 8 uger\nTimer pr. uge: 30\n');
    const bridge = jobcenterWith(advisory(8, { kind: 'recommendation-received', entityId: 'msg-12' }), rec).reply('recommendations.answer', { commandIds: ['c1', 'c2'], findings: [] });
    const { user } = renderApp(bridge, { name: 'inbox' });
    await user.click(await screen.findByRole('button', { name: 'Besvar indstillingen' }));
    const dialog = await screen.findByRole('dialog', { name: /Besvar indstilling om tilbud/ });
    await user.click(within(dialog).getByRole('radio', { name: 'Bevilg tilbuddet' }));
    expect(within(dialog).getByLabelText('Aktivitetens navn')).toHaveValue('Virksomhedspraktik');
    expect(within(dialog).getByLabelText('Timer pr. uge')).toHaveValue(30);
    await user.click(within(dialog).getByRole('button', { name: 'Bevilg og send svar' }));
    await waitFor(() => expect(bridge.callsOf('recommendations.answer')).toHaveLength(1));
    expect(bridge.callsOf('recommendations.answer')[0]).toMatchObject({
      decision: 'grant',
      activity: { name: 'Virksomhedspraktik', activationType: 2, start: '2026-12-01', end: null, hoursPerWeek: 30 },
    });
  });
  it('shows the CPR number, not "unknown", for an advisory about a citizen main has not looked up yet', async () => {
    const adv = advisory(9, { citizenName: null, kind: 'recommendation-received', entityId: 'msg-9' });
    const bridge = new FakeBridge().reply('advisories.list', { advisories: [adv], total: 1 });
    renderApp(bridge, { name: 'inbox' });
    const list = await screen.findByRole('listbox', { name: "Advis'er" });
    expect(within(list).getByRole('option')).toHaveTextContent('CPR 010190-1234');
    expect(screen.getByRole('region', { name: 'Advis nummer 9' })).toHaveTextContent('BorgerCPR 010190-1234');
  });

  it('shows "Bevilling ikke godkendt" with its evidence, and opens the citizen’s Min plan', async () => {
    const title = 'Bevilling ikke godkendt: Virksomhedspraktik, start 19-12-2026, afsluttet 05-01-2027 med ophørsårsag 14 »Bevilling ikke godkendt« i Min plan';
    const adv = advisory(4, { kind: 'grant-not-approved', title, citizenName: anna.name, entityId: 'act-1' });
    const bridge = new FakeBridge().reply('advisories.list', { advisories: [adv], total: 1 });
    const { user } = renderApp(bridge, { name: 'inbox' });
    const list = await screen.findByRole('listbox', { name: "Advis'er" });
    expect(within(list).getByRole('option')).toHaveTextContent('Bevilling ikke godkendt');
    const detail = screen.getByRole('region', { name: title });
    await user.click(within(detail).getByRole('button', { name: 'Åbn borger' }));
    await waitFor(() => expect(useApp.getState().route).toEqual({ name: 'citizen', cpr: anna.cpr, tab: 'plan' }));
  });
});
