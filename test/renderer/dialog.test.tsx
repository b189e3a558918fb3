// Dialog: server text is text. A body with HTML or <script> shows literally and nothing executes;
// line breaks are kept; J/K moves between threads; a reply opens the composer in the thread.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CitizenMessage, MessageThread } from '../../shared/domain';
import { FakeBridge, anna } from './fakeBridge';
import { openCitizen } from './helpers';

function message(id: string, body: string, extra: Partial<CitizenMessage> = {}): CitizenMessage {
  return {
    id,
    cpr: anna.cpr,
    contextType: 1,
    channel: 4,
    subject: 'Almen orientering',
    body,
    allowReply: true,
    responseToId: null,
    from: { userType: 2, userIdentifier: 'CVR:1-UUID:2', fullName: 'Jonas Jobkonsulent', organisationType: 8, organisationCode: '10100' },
    to: { organisationType: 2, organisationCode: '067' },
    createdAt: '2026-11-20T09:30:00Z',
    documents: [],
    ...extra,
  };
}

function thread(rootId: string, subject: string, messages: CitizenMessage[], lastActivityAt: string): MessageThread {
  return { rootId, cpr: anna.cpr, subject, contextType: 1, lastActivityAt, messages, pending: [] };
}

describe('dialog', () => {
  it('renders a body with <script> and HTML literally, keeps line breaks, and runs nothing', async () => {
    const evil = '<script>window.__pwned = true</script>\n<img src=x onerror="window.__pwned=true">\nLinje to';
    const bridge = new FakeBridge().reply('messages.threads', {
      threads: [thread('m1', '<b>Overskrift</b>', [message('m1', evil, { subject: '<b>Overskrift</b>' })], '2026-11-20T09:30:00Z')],
      freshness: { fetchedAt: null, stale: false, source: 'dfdg' },
    });
    await openCitizen(bridge);
    const article = await screen.findByRole('article', { name: '<b>Overskrift</b>' });
    const body = article.querySelector('.message-body')!;
    expect(body.textContent).toBe(evil);
    expect(body.children).toHaveLength(0);
    expect(document.querySelector('script, img')).toBeNull();
    expect((window as unknown as { __pwned?: boolean }).__pwned).toBeUndefined();
    expect(body).toHaveClass('message-body'); // white-space: pre-wrap in styles.css keeps the line breaks
  });

  it('moves between threads with J/K and replies in the selected thread', async () => {
    const bridge = new FakeBridge().reply('messages.threads', {
      threads: [
        thread('a', 'Ældre tråd', [message('a', 'Første')], '2026-11-01T09:00:00Z'),
        thread('b', 'Nyeste tråd', [message('b', 'Anden')], '2026-11-21T09:00:00Z'),
      ],
      freshness: { fetchedAt: null, stale: false, source: 'dfdg' },
    });
    const { user } = await openCitizen(bridge);
    const list = await screen.findByRole('listbox', { name: 'Tråde' });
    expect(within(list).getByRole('option', { selected: true })).toHaveTextContent('Nyeste tråd');
    await user.keyboard('j');
    expect(within(list).getByRole('option', { selected: true })).toHaveTextContent('Ældre tråd');
    expect(screen.getByRole('article', { name: 'Ældre tråd' })).toHaveTextContent('Første');
    await user.keyboard('k');
    expect(within(list).getByRole('option', { selected: true })).toHaveTextContent('Nyeste tråd');

    await user.click(screen.getByRole('button', { name: 'Svar i tråden' }));
    expect(await screen.findByRole('region', { name: 'Svar i tråden' })).toBeInTheDocument();
    expect(bridge.callsOf('drafts.create')).toEqual([{ cpr: anna.cpr, replyTo: 'b', contextType: 1 }]);
    await waitFor(() => expect(screen.getByLabelText('Tekst')).toHaveFocus());
  });
});
