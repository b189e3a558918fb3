// Møder: the invitation form offers only the meeting forms valid on the meeting's date, asks for the
// link of a "Digitalt møde" (8) and blocks without it, never sends an empty "Lokationsuddybning", shows
// the self-booking consequences, and rebooks and cancels through main (asserted on the payloads).
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Meeting, MeetingInput } from '../../shared/domain';
import { FakeBridge, akasseIdentity, anna, jobcenterIdentity, okStatus } from './fakeBridge';
import { openCitizen, rejectedItem, renderApp } from './helpers';

const MEETING_ID = '5d0c6a2e-7b1f-4c3d-9e8a-1b2c3d4e5f60';

const formOptions = () => within(screen.getByLabelText('Mødeform (skal udfyldes)')).getAllByRole('option').map((o) => o.textContent ?? '');
const describedBy = (el: HTMLElement) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

function bridgeOn(today?: string) {
  const bridge = new FakeBridge().reply('meetings.create', (req) => ({
    commandId: 'cmd-m1',
    meeting: { id: MEETING_ID, cpr: req.cpr, start: `${req.input.start}:00Z`, end: null, interviewType: req.input.interviewType, form: req.input.form, location: null, locationDetail: null, digitalLink: req.input.digitalLink, selfBooked: false, organisation: null, pendingCommandId: 'cmd-m1' },
    findings: [],
  }));
  if (today) bridge.reply('app.info', (_req, b) => ({ version: '0.1.0', mode: b.mode, sandboxUrl: 'https://127.0.0.1:8443', identity: b.identity, today, status: okStatus, hub: null }));
  bridge.identity = jobcenterIdentity;
  return bridge;
}

async function openForm(bridge: FakeBridge) {
  const r = await openCitizen(bridge, anna.cpr, 'moeder');
  await r.user.click(await screen.findByRole('button', { name: 'Ny indkaldelse' }));
  await screen.findByRole('heading', { name: 'Ny indkaldelse' });
  return r;
}

describe('meeting invitation form', () => {
  it('offers only the meeting forms valid on the meeting date: 4-7 until 19-09-2022, 8 and 9 from then', async () => {
    const { user } = await openForm(bridgeOn('2022-09-01'));
    await waitFor(() => expect(formOptions().some((t) => t.startsWith('4 '))).toBe(true));
    expect(formOptions().map((t) => t.split(' ')[0])).toEqual(['Vælg', '1', '2', '3', '4', '5', '6', '7']);

    const date = screen.getByLabelText('Dato (skal udfyldes)');
    await user.clear(date);
    await user.type(date, '20-09-2022');
    await waitFor(() => expect(formOptions().map((t) => t.split(' ')[0])).toEqual(['Vælg', '1', '2', '3', '8', '9']));
  });

  it('today (22-11-2026) never offers the retired 4, 5, 6 and 7', async () => {
    await openForm(bridgeOn());
    await waitFor(() => expect(formOptions()).toContain('8 – Digitalt møde'));
    expect(formOptions().map((t) => t.split(' ')[0])).toEqual(['Vælg', '1', '2', '3', '8', '9']);
  });

  it('form 8 asks for the link and blocks without it; with the link it is sent; a blank Lokationsuddybning is never sent', async () => {
    const bridge = bridgeOn();
    const { user } = await openForm(bridge);
    await user.selectOptions(screen.getByLabelText('Samtaletype (skal udfyldes)'), '7');
    await user.type(screen.getByLabelText('Starttid (skal udfyldes)'), '10:00');
    await user.type(screen.getByLabelText('eller varighed (minutter)'), '45');
    expect(screen.getByLabelText('Sluttid')).toHaveValue('10:45');
    await user.selectOptions(screen.getByLabelText('Mødeform (skal udfyldes)'), '8');
    const link = await screen.findByLabelText('Link til det digitale møde (skal udfyldes)');
    await waitFor(() => expect(describedBy(link)).toContain('Angiv linket til det digitale møde'));
    const submit = screen.getByRole('button', { name: 'Opret indkaldelse' });
    expect(submit).toBeDisabled();

    await user.type(link, 'Teams');
    await waitFor(() => expect(describedBy(link)).toContain('skal være en webadresse'));
    expect(submit).toBeDisabled();
    await user.clear(link);
    await user.type(link, 'https://moede.example.dk/rum/42');
    // Typed and then emptied again: the field is left out, never sent as "".
    const detail = screen.getByLabelText('Lokationsuddybning');
    await user.type(detail, '   ');
    await waitFor(() => expect(submit).toBeEnabled());
    // The self-booking consequence of a Jobsamtale (7).
    expect(screen.getByRole('note', { name: 'Det betyder indkaldelsen for selvbooking' })).toHaveTextContent('7 »Jobsamtale« har en frist for selvbooking. Indkaldelsen opfylder fristen');
    await user.click(submit);

    await waitFor(() => expect(bridge.callsOf('meetings.create')).toHaveLength(1));
    const sent = bridge.callsOf('meetings.create')[0]!;
    expect(sent.input).toMatchObject({ interviewType: 7, form: 8, start: '2026-11-22T10:00', end: '2026-11-22T10:45', digitalLink: 'https://moede.example.dk/rum/42', locationDetail: null, location: null });
    expect(JSON.stringify(sent)).not.toContain('"locationDetail":""');
  });

  it('a link typed for form 8 is not sent when the form is changed to 1', async () => {
    const bridge = bridgeOn();
    const { user } = await openForm(bridge);
    await user.selectOptions(screen.getByLabelText('Samtaletype (skal udfyldes)'), '12');
    await user.type(screen.getByLabelText('Starttid (skal udfyldes)'), '09:30');
    await user.selectOptions(screen.getByLabelText('Mødeform (skal udfyldes)'), '8');
    await user.type(await screen.findByLabelText('Link til det digitale møde (skal udfyldes)'), 'https://moede.example.dk/x');
    await user.selectOptions(screen.getByLabelText('Mødeform (skal udfyldes)'), '1');
    expect(screen.queryByLabelText('Link til det digitale møde (skal udfyldes)')).toBeNull();
    await user.type(screen.getByLabelText('Lokationsuddybning'), 'Indgang B');
    await user.click(screen.getByRole('button', { name: 'Opret indkaldelse' }));
    await waitFor(() => expect(bridge.callsOf('meetings.create')).toHaveLength(1));
    expect(bridge.callsOf('meetings.create')[0]!.input).toMatchObject({ form: 1, digitalLink: null, locationDetail: 'Indgang B' });
  });

  it('rebooking needs its deadline (DFDG 90010) before it can be sent', async () => {
    const bridge = bridgeOn();
    const { user } = await openForm(bridge);
    await user.selectOptions(screen.getByLabelText('Samtaletype (skal udfyldes)'), '12');
    await user.type(screen.getByLabelText('Starttid (skal udfyldes)'), '09:30');
    await user.selectOptions(screen.getByLabelText('Mødeform (skal udfyldes)'), '2');
    await user.click(screen.getByLabelText('Borgeren må ombooke'));
    await waitFor(() => expect(screen.getByText(/Angiv en ombookingsfrist, når borgeren må ombooke \(DFDG fejl 90010\)/)).toBeInTheDocument());
    expect(screen.getByRole('button', { name: 'Opret indkaldelse' })).toBeDisabled();
    await user.type(screen.getByLabelText('Ombookingsfrist, dato (skal udfyldes)'), '22-11-2026');
    await user.type(screen.getByLabelText('Ombookingsfrist, tid'), '08:00');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Opret indkaldelse' })).toBeEnabled());
    await user.click(screen.getByRole('button', { name: 'Opret indkaldelse' }));
    await waitFor(() => expect(bridge.callsOf('meetings.create')[0]?.input).toMatchObject({ rebookingPossible: true, rebookingDeadline: '2026-11-22T08:00' }));
  });
});

describe('rebook and cancel', () => {
  const own: Meeting = {
    id: MEETING_ID,
    cpr: anna.cpr,
    start: '2026-12-01T09:00:00.000Z',
    end: '2026-12-01T09:45:00.000Z',
    interviewType: 7,
    form: 8,
    location: null,
    locationDetail: null,
    digitalLink: 'https://moede.example.dk/rum/1',
    selfBooked: false,
    organisation: { organisationType: 8, organisationCode: '10100', name: 'Jobcenter Testby' },
    rebookingPossible: false,
    rebookingDeadline: null,
    cancelPossible: true,
    cancelDeadline: null,
    participants: [],
  };

  it('rebooks its own meeting: the form starts from it (Danish time) and sends the update for that id', async () => {
    const bridge = bridgeOn()
      .reply('meetings.list', { meetings: [own], freshness: { fetchedAt: '2026-11-22T08:00:00Z', stale: false, source: 'dfdg' as const } })
      .reply('meetings.update', (req) => ({ commandId: 'cmd-m2', meeting: { ...own, pendingCommandId: 'cmd-m2', digitalLink: req.input.digitalLink }, findings: [] }));
    const { user } = await openCitizen(bridge, anna.cpr, 'moeder');
    await user.click(await screen.findByRole('button', { name: 'Ombook mødet 01-12-2026 10:00' }));
    await screen.findByRole('heading', { name: 'Ombook mødet' });
    expect(screen.getByLabelText('Starttid (skal udfyldes)')).toHaveValue('10:00');
    expect(screen.getByLabelText('Sluttid')).toHaveValue('10:45');
    expect(screen.getByLabelText('Link til det digitale møde (skal udfyldes)')).toHaveValue('https://moede.example.dk/rum/1');
    const start = screen.getByLabelText('Starttid (skal udfyldes)');
    await user.clear(start);
    await user.type(start, '13:00');
    await user.clear(screen.getByLabelText('Sluttid'));
    await user.type(screen.getByLabelText('Sluttid'), '13:30');
    await user.click(screen.getByRole('button', { name: 'Gem ombooking' }));
    await waitFor(() => expect(bridge.callsOf('meetings.update')).toHaveLength(1));
    const sent = bridge.callsOf('meetings.update')[0]!;
    expect(sent).toMatchObject({ cpr: anna.cpr, meetingId: MEETING_ID, input: { start: '2026-12-01T13:00', end: '2026-12-01T13:30', form: 8, digitalLink: 'https://moede.example.dk/rum/1', cancelPossible: true } });
  });

  it('cancels its own meeting after asking; another authority’s meeting and a past one have neither Ombook nor Aflys', async () => {
    const other: Meeting = { ...own, id: '6e1d7b3f-8c2a-4d4e-af9b-2c3d4e5f6a71', start: '2026-12-03T09:00:00.000Z', organisation: { organisationType: 2, organisationCode: '067', name: 'Testkassen' } };
    const past: Meeting = { ...own, id: '7f2e8c4a-9d3b-4e5f-8a0c-3d4e5f6a7b82', start: '2026-11-04T09:00:00.000Z', end: null };
    const bridge = bridgeOn()
      .reply('meetings.list', { meetings: [own, other, past], freshness: { fetchedAt: '2026-11-22T08:00:00Z', stale: false, source: 'dfdg' as const } })
      .reply('meetings.cancel', { commandId: 'cmd-m3', findings: [] });
    const { user } = await openCitizen(bridge, anna.cpr, 'moeder');
    await screen.findByRole('button', { name: 'Aflys mødet 01-12-2026 10:00' });
    expect(screen.queryByRole('button', { name: 'Aflys mødet 03-12-2026 10:00' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Ombook mødet 03-12-2026 10:00' })).toBeNull();
    // A meeting that has taken place is history: neither rebooked nor cancelled.
    expect(screen.queryByRole('button', { name: 'Aflys mødet 04-11-2026 10:00' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Aflys mødet 01-12-2026 10:00' }));
    const dialog = await screen.findByRole('dialog', { name: 'Aflys mødet' });
    await user.click(within(dialog).getByRole('button', { name: 'Aflys mødet' }));
    await waitFor(() => expect(bridge.callsOf('meetings.cancel')).toEqual([{ cpr: anna.cpr, meetingId: MEETING_ID }]));
  });

  it('an a-kasse is offered only the interview types a-kasse filtering shows it (never 4 Opfølgningssamtale)', async () => {
    const bridge = bridgeOn();
    bridge.identity = akasseIdentity;
    await openForm(bridge);
    const types = within(screen.getByLabelText('Samtaletype (skal udfyldes)')).getAllByRole('option').map((o) => o.textContent ?? '');
    expect(types).toContain('15 – Rådighedssamtale');
    expect(types.some((t) => t.startsWith('4 '))).toBe(false);
  });
});

describe('outbox: Ret og send igen for a rejected invitation', () => {
  it('DFDG refused a start before today (90002): the dialog shows the rule, blocks, and sends the corrected invitation', async () => {
    const item = rejectedItem({
      id: 'cmd-meet',
      kind: 'meeting.create',
      summary: 'Ny indkaldelse: Jobsamtale 21-11-2026 10:00 (Digitalt møde)',
      error: { code: 90002, text: 'MoedeStarttidspunkt kan ikke være tidligere end dags dato', service: 'IndkaldelseService', operation: 'CreateIndkaldelse', transient: false, httpStatus: 400 },
    });
    const input: MeetingInput = {
      interviewType: 7,
      start: '2026-11-21T10:00',
      end: null,
      form: 8,
      location: null,
      locationDetail: null,
      digitalLink: 'https://moede.example.dk/rum/9',
      rebookingPossible: false,
      rebookingDeadline: null,
      cancelPossible: false,
      cancelDeadline: null,
      participants: [],
    };
    const bridge = new FakeBridge()
      .reply('outbox.list', { items: [item], status: { ...okStatus, rejected: 1 } })
      .reply('outbox.get', { item, message: null, absence: null, meeting: { meetingId: MEETING_ID, input, previous: null } })
      .reply('outbox.resubmit', { item: { ...item, state: 'queued', error: null }, findings: [] });
    bridge.identity = jobcenterIdentity;
    const { user } = renderApp(bridge, { name: 'outbox' });
    await user.click(await screen.findByRole('button', { name: 'Ret og send igen' }));
    const dialog = await screen.findByRole('dialog', { name: 'Ret og send igen' });
    await within(dialog).findByText(/Mødet kan ikke starte før i dag \(22-11-2026\); det starter 21-11-2026 \(DFDG fejl 90002\)/);
    expect(within(dialog).getByText(/fejlkode 90002/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Send igen' })).toBeDisabled();
    const date = within(dialog).getByLabelText('Dato (skal udfyldes)');
    await user.clear(date);
    await user.type(date, '24-11-2026');
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Send igen' })).toBeEnabled());
    await user.click(within(dialog).getByRole('button', { name: 'Send igen' }));
    await waitFor(() => expect(bridge.callsOf('outbox.resubmit')).toEqual([{ id: 'cmd-meet', meeting: { input: { ...input, start: '2026-11-24T10:00' } } }]));
  });
});
