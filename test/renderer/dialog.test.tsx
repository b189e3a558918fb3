// Dialog: server text is text. A body with HTML or <script> shows literally and nothing executes;
// line breaks are kept; J/K moves between threads; a reply opens the composer in the thread.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CitizenMessage, MessageThread } from '../../shared/domain';
import { FakeBridge, anna, jobcenterIdentity } from './fakeBridge';
import { composerForm, openCitizen } from './helpers';

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
    expect(bridge.callsOf('drafts.create')).toEqual([{ cpr: anna.cpr, replyTo: 'b' }]);
    await waitFor(() => expect(screen.getByLabelText('Tekst')).toHaveFocus());
  });
});

describe('replies in a type 11 thread', () => {
  const AKASSE = { userType: 2, userIdentifier: 'CVR:2-UUID:3', fullName: 'Anna Akasse', organisationType: 2, organisationCode: '067' };
  const JOBCENTER = { organisationType: 8, organisationCode: '10100' };
  const rec = message('rec', 'A-kassen indstiller, at Anna Jensen får tilbud om virksomhedspraktik.', {
    contextType: 11,
    subject: 'A-kassens indstilling til jobcentret om tilbud',
    from: AKASSE,
    to: JOBCENTER,
  });
  // The a-kasse sent a document after the recommendation, before the jobcenter answered.
  const more = message('more', 'Eftersendt: praktikaftalen.', { responseToId: 'rec', subject: 'Sv: A-kassens indstilling til jobcentret om tilbud', from: AKASSE, to: JOBCENTER, createdAt: '2026-11-21T09:00:00Z' });
  const type11Thread = (messages: CitizenMessage[]): MessageThread => ({ ...thread('rec', rec.subject, messages, messages.at(-1)!.createdAt), contextType: 11 });
  const withThread = (messages: CitizenMessage[]) => {
    const bridge = new FakeBridge().reply('messages.threads', { threads: [type11Thread(messages)], freshness: { fetchedAt: null, stale: false, source: 'dfdg' } });
    bridge.messages = messages;
    return bridge;
  };

  it("the jobcenter's reply answers the recommendation itself: type 1 to the a-kasse, and it can be sent", async () => {
    const bridge = withThread([rec, more]);
    bridge.identity = jobcenterIdentity;
    const { user } = await openCitizen(bridge);
    await user.click(await screen.findByRole('button', { name: 'Svar i tråden' }));
    const form = await composerForm('Svar i tråden');
    expect(bridge.callsOf('drafts.create')).toEqual([{ cpr: anna.cpr, replyTo: 'rec' }]);
    expect(within(form).getByLabelText('Beskedtype')).toHaveValue('1');
    expect(bridge.drafts.get('draft-1')).toMatchObject({ replyTo: 'rec', contextType: 1, channel: 4, to: { organisationType: 2, organisationCode: '067' } });
    await user.type(within(form).getByLabelText('Tekst'), 'Vi har modtaget indstillingen og vender tilbage.');
    expect(form).not.toHaveTextContent('Kun a-kasser kan sende beskedtype 11');
    await user.click(within(form).getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(bridge.submitted).toHaveLength(1));
    expect(bridge.submitted[0]).toMatchObject({ replyTo: 'rec', contextType: 1 });
  });

  it("the a-kasse's follow-up in its own thread is type 1 in the thread; a new recommendation is its own choice", async () => {
    const answer = message('ans', 'Vi vender tilbage om bevilling.', { responseToId: 'rec', subject: 'Sv: A-kassens indstilling til jobcentret om tilbud', createdAt: '2026-11-22T08:00:00Z' });
    const bridge = withThread([rec, answer]);
    const { user } = await openCitizen(bridge);
    await user.click(await screen.findByRole('button', { name: 'Svar i tråden' }));
    const form = await composerForm('Svar i tråden');
    expect(bridge.callsOf('drafts.create')).toEqual([{ cpr: anna.cpr, replyTo: 'ans' }]);
    expect(within(form).getByLabelText('Beskedtype')).toHaveValue('1');
    await user.click(within(form).getByRole('button', { name: 'Luk (gemmes som kladde)' }));

    await user.click(await screen.findByRole('button', { name: 'Ny indstilling' }));
    await waitFor(() => expect(bridge.callsOf('drafts.create')).toHaveLength(2));
    expect(bridge.callsOf('drafts.create')[1]).toEqual({ cpr: anna.cpr, contextType: 11 });
    expect(within(await composerForm('Ny besked')).getByLabelText('Beskedtype')).toHaveValue('11');
  });

  it('a jobcenter is never offered "Ny indstilling"', async () => {
    const bridge = withThread([rec]);
    bridge.identity = jobcenterIdentity;
    await openCitizen(bridge);
    await screen.findByRole('button', { name: 'Svar i tråden' });
    expect(screen.queryByRole('button', { name: 'Ny indstilling' })).not.toBeInTheDocument();
  });
});
