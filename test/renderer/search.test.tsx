// Citizen search: CPR with or without the dash, by name; Enter opens; the page open is an audited
// lookup with its purpose; CPR shown as DDMMÅÅ-XXXX.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CitizenMessage, MessageThread } from '../../shared/domain';
import { FakeBridge, anna } from './fakeBridge';
import { renderApp } from './helpers';

describe('search', () => {
  it('finds by CPR typed with a dash, sends ten digits, and opens the citizen with Enter', async () => {
    const bridge = new FakeBridge();
    const { user } = renderApp(bridge);
    await user.type(await screen.findByLabelText('CPR-nummer eller navn'), '010190-1234{Enter}');
    await screen.findByRole('heading', { level: 1, name: 'Anna Jensen' });
    expect(bridge.callsOf('citizens.open')).toEqual([{ cpr: anna.cpr, purpose: 'citizen-page' }]);
    expect(screen.getByText('010190-1234')).toBeInTheDocument();
    expect(screen.getByText('Kontaktgruppe 1 – Dagpengemodtager')).toBeInTheDocument();
  });

  it('finds by name, lists results with CPR as DDMMÅÅ-XXXX, and reaches them with ↓', async () => {
    const bridge = new FakeBridge();
    bridge.citizens = [anna, { ...anna, cpr: '0202851234', name: 'Anders Jensen', contactGroup: 8 }];
    const { user } = renderApp(bridge);
    await user.type(await screen.findByLabelText('CPR-nummer eller navn'), 'jensen');
    const results = await screen.findByRole('list', { name: 'Søgeresultater' });
    expect(within(results).getAllByRole('button')).toHaveLength(2);
    expect(within(results).getByText('020285-1234')).toBeInTheDocument();
    expect(screen.getByText(/2 borgere fundet i den lokale kopi/)).toBeInTheDocument();
    expect(bridge.callsOf('citizens.search').at(-1)).toEqual({ query: 'jensen' });
    await user.keyboard('{ArrowDown}');
    expect(within(results).getAllByRole('button')[0]).toHaveFocus();
    await user.keyboard('{ArrowDown}{Enter}');
    await waitFor(() => expect(bridge.callsOf('citizens.open')).toEqual([{ cpr: '0202851234', purpose: 'citizen-page' }]));
  });

  it('finds words in the cached messages, shows subject, citizen and date, and opens the thread that holds the hit', async () => {
    const msg = (id: string, subject: string, createdAt: string): CitizenMessage => ({
      id, cpr: anna.cpr, contextType: 1, channel: 4, subject, body: 'Tekst', allowReply: true, responseToId: null,
      from: { userType: 2, userIdentifier: 'x', fullName: 'Karin', organisationType: 2, organisationCode: '067' },
      to: { organisationType: 8, organisationCode: '10100' }, createdAt, documents: [],
    });
    const thread = (m: CitizenMessage): MessageThread => ({ rootId: m.id, cpr: m.cpr, subject: m.subject, contextType: 1, lastActivityAt: m.createdAt, messages: [m], pending: [] });
    const bridge = new FakeBridge()
      .reply('messages.search', { hits: [{ messageId: 'msg-old', cpr: anna.cpr, citizenName: 'Anna Jensen', subject: 'Praktik hos Bageriet', createdAt: '2026-10-05T09:00:00Z' }], source: 'cache' })
      .reply('messages.threads', {
        threads: [thread(msg('msg-new', 'Opfølgning', '2026-11-20T09:00:00Z')), thread(msg('msg-old', 'Praktik hos Bageriet', '2026-10-05T09:00:00Z'))],
        freshness: { fetchedAt: null, stale: false, source: 'cache' },
      });
    const { user } = renderApp(bridge);
    await user.type(await screen.findByLabelText('CPR-nummer eller navn'), 'bageriet');
    const hits = await screen.findByRole('list', { name: 'Beskeder, der matcher' });
    const hit = within(hits).getByRole('button');
    expect(hit).toHaveTextContent('Praktik hos Bageriet');
    expect(hit).toHaveTextContent('Anna Jensen');
    expect(hit).toHaveTextContent('05-10-2026');
    expect(bridge.callsOf('messages.search').at(-1)).toEqual({ query: 'bageriet', limit: 50 });
    await user.click(hit);
    await screen.findByRole('heading', { level: 1, name: 'Anna Jensen' });
    const threads = await screen.findByRole('listbox', { name: 'Tråde' });
    await waitFor(() => expect(within(threads).getByRole('option', { selected: true })).toHaveTextContent('Praktik hos Bageriet'));
  });

  it('does not search the messages for a CPR number', async () => {
    const bridge = new FakeBridge();
    const { user } = renderApp(bridge);
    await user.type(await screen.findByLabelText('CPR-nummer eller navn'), '010190-1234');
    await screen.findByRole('list', { name: 'Søgeresultater' });
    expect(bridge.callsOf('messages.search')).toEqual([]);
  });

  it('shows main\'s refusal when the organisation may not see the citizen', async () => {
    const bridge = new FakeBridge().fail('citizens.open', 'access-denied', 'Du har ikke adgang til borgeren. Borgeren er ikke medlem af din a-kasse.');
    renderApp(bridge, { name: 'citizen', cpr: '0303803333', tab: 'dialog' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Du har ikke adgang til borgeren.');
  });

  it("names DFDG's error code with the Danish explanation when DFDG refused the lookup", async () => {
    const bridge = new FakeBridge().fail('citizens.open', 'access-denied', 'Jeres organisation har ikke adgang til borgeren eller til denne handling.', { code: 4575 });
    renderApp(bridge, { name: 'citizen', cpr: '0303803333', tab: 'dialog' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Jeres organisation har ikke adgang til borgeren eller til denne handling. (DFDG-fejlkode 4575)');
  });

  it('says, beside the download, when the access log chain was broken at export', async () => {
    const bridge = new FakeBridge().reply('audit.export', () => ({ fileName: 'adgangslog-010190.csv', csv: '\uFEFFtidspunkt;handling\r\n', chainIntact: false }));
    URL.createObjectURL = () => 'blob:audit';
    URL.revokeObjectURL = () => undefined;
    const { user } = renderApp(bridge, { name: 'citizen', cpr: anna.cpr, tab: 'dialog' });
    await user.click(await screen.findByRole('button', { name: 'Eksportér adgangslog (CSV)' }));
    expect(await screen.findByRole('link', { name: 'Gem adgangslog-010190.csv' })).toBeInTheDocument();
    expect(await screen.findByRole('alert')).toHaveTextContent('Adgangsloggens kæde er brudt');
  });

  it('exports the audit log for the citizen as a CSV download link', async () => {
    const bridge = new FakeBridge();
    const created: Blob[] = [];
    URL.createObjectURL = (b: Blob) => {
      created.push(b);
      return 'blob:audit';
    };
    URL.revokeObjectURL = () => undefined;
    const { user } = renderApp(bridge, { name: 'citizen', cpr: anna.cpr, tab: 'dialog' });
    await user.click(await screen.findByRole('button', { name: 'Eksportér adgangslog (CSV)' }));
    const link = await screen.findByRole('link', { name: 'Gem adgangslog-010190.csv' });
    expect(link).toHaveAttribute('download', 'adgangslog-010190.csv');
    expect(link).toHaveAttribute('href', 'blob:audit');
    expect(bridge.callsOf('audit.export')).toEqual([{ cpr: anna.cpr }]);
    expect(screen.queryByText(/kæde er brudt/)).toBeNull();
    expect(await created[0]!.text()).toContain('tidspunkt;handling');
    // Exactly one BOM (main's): a second would land in Excel's first header cell.
    const bytes = new Uint8Array(await created[0]!.arrayBuffer());
    expect([...bytes.slice(0, 6)]).toEqual([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('tid')]);
  });
});
