// Min plan (jobcenter): ending an activity with an ophørsårsag a caseworker may use on the end date
// (never 14 or 15, which come from VITAS, seed 001 §3.1), moving a planned activity, an ophørsårsag
// DFDG reports shown with its meaning, and the Udbakke's edit of a refused end.
import axe from 'axe-core';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Activity, CodeListItem, OutboxItem } from '../../shared/domain';
import { FakeBridge, anna, jobcenterIdentity } from './fakeBridge';
import { openCitizen, rejectedItem, renderApp } from './helpers';

const freshness = { fetchedAt: '2026-11-22T09:00:00Z', stale: false, source: 'dfdg' as const };
const ID_RUNNING = '5b0c7c1e-1a2b-4c3d-8e9f-000000000001';
const ID_PLANNED = '5b0c7c1e-1a2b-4c3d-8e9f-000000000002';
const ID_ENDED = '5b0c7c1e-1a2b-4c3d-8e9f-000000000003';

function activity(id: string, over: Partial<Activity>): Activity {
  return {
    id,
    cpr: anna.cpr,
    name: 'Virksomhedspraktik hos Bager Hansen',
    activationType: 2,
    start: '2026-11-01',
    end: '2027-01-31',
    endReason: null,
    hoursPerWeek: 37,
    responsibleAuthority: { code: '10100', name: 'Jobcenter Testby' },
    createdAt: '2026-10-20T10:00:00Z',
    ...over,
  };
}

/** The ophørsårsager as DFDG's CodeListService names them (ids ours: the real list is not published); 3 retired before the test's dates. */
const endReasons: CodeListItem[] = [
  { id: 1, name: 'Borger er kommet i job', validFrom: '2010-01-01', validTo: '2100-07-01' },
  { id: 2, name: 'Borger er syg', validFrom: '2010-01-01', validTo: '2100-07-01' },
  { id: 3, name: 'Udfaset årsag', validFrom: '2010-01-01', validTo: '2020-01-01' },
  { id: 14, name: 'Bevilling ikke godkendt', description: 'Virksomhed, jobcenter eller borger har ikke godkendt bevillingen eller har trukket bevillingen tilbage', validFrom: '2022-09-19', validTo: '2100-07-01' },
  { id: 15, name: 'Aktivitetsperioden afsluttet ordinært', description: 'Bevillingen er lukket efter ordinært udløb', validFrom: '2022-09-19', validTo: '2100-07-01' },
];

function bridge(activities: Activity[], lists: Record<string, CodeListItem[]> = { ActivityEndReasonTypeIdentifier: endReasons }) {
  const b = new FakeBridge()
    .reply('codelists.get', { lists, fetchedAt: {} })
    .reply('plan.list', { activities, recommendations: [], freshness })
    .reply('plan.endActivity', (req) => ({ commandId: 'cmd-1', activity: { ...activities.find((a) => a.id === req.activityId)!, end: req.end, endReason: req.endReason, pendingCommandId: 'cmd-1' }, findings: [] }))
    .reply('plan.updateActivity', (req) => ({ commandId: 'cmd-2', activity: { ...activities.find((a) => a.id === req.activityId)!, start: req.start, end: req.end, pendingCommandId: 'cmd-2' }, findings: [] }));
  b.identity = jobcenterIdentity;
  return b;
}

const item = (name: string) => screen.getAllByRole('listitem').find((li) => li.classList.contains('timeline-item') && li.textContent!.includes(name))!;

describe('Min plan: ending and moving activities (jobcenter)', () => {
  it('ends an activity with an ophørsårsag valid on the end date; 14 and 15 (VITAS) and a retired reason are never offered', async () => {
    const b = bridge([activity(ID_RUNNING, {})]);
    const { user } = await openCitizen(b, anna.cpr, 'plan');
    await user.click(await screen.findByRole('button', { name: 'Afslut Virksomhedspraktik hos Bager Hansen fra 01-11-2026' }));
    const form = within(screen.getByRole('form', { name: 'Afslut aktivitet' }));
    const select = form.getByRole('combobox', { name: 'Ophørsårsag' });
    const offered = within(select)
      .getAllByRole('option')
      .map((o) => o.getAttribute('value'));
    expect(offered).toEqual(['', '1', '2']);
    expect(form.getByText(/14 og 15 vises ikke: de kommer fra VITAS/)).toBeInTheDocument();
    // Nothing is sent before an ophørsårsag is chosen.
    expect(form.getByRole('button', { name: 'Afslut aktiviteten' })).toBeDisabled();
    const end = form.getByRole('textbox', { name: /Slutdato/ });
    await user.clear(end);
    await user.type(end, '30-11-2026');
    await user.selectOptions(select, '1');
    await user.click(form.getByRole('button', { name: 'Afslut aktiviteten' }));
    await waitFor(() => expect(b.callsOf('plan.endActivity')).toEqual([{ cpr: anna.cpr, activityId: ID_RUNNING, end: '2026-11-30', endReason: 1 }]));
  });

  it('Back waits while an end is typed but not saved, and says why; after Annullér it goes back', async () => {
    const b = bridge([activity(ID_RUNNING, {})]);
    const { user } = await openCitizen(b, anna.cpr, 'plan');
    const selectedTab = () => screen.getByRole('tab', { selected: true });
    await user.click(await screen.findByRole('button', { name: 'Afslut Virksomhedspraktik hos Bager Hansen fra 01-11-2026' }));
    const form = within(screen.getByRole('form', { name: 'Afslut aktivitet' }));
    await user.selectOptions(form.getByRole('combobox', { name: 'Ophørsårsag' }), '1');
    await user.keyboard('{Alt>}{ArrowLeft}{/Alt}');
    expect(selectedTab()).toHaveAccessibleName('Min plan');
    expect(form.getByRole('combobox', { name: 'Ophørsårsag' })).toHaveValue('1');
    expect(screen.getByRole('status', { name: 'Statusbesked' })).toHaveTextContent('Ændringen er ikke gemt');
    await user.click(form.getByRole('button', { name: 'Annullér' }));
    expect(screen.queryByRole('form', { name: 'Afslut aktivitet' })).toBeNull();
  });

  it('an end before the activity’s start is refused live, beside the field, and nothing is sent', async () => {
    const b = bridge([activity(ID_PLANNED, { start: '2026-12-15', end: '2027-02-15' })]);
    const { user } = await openCitizen(b, anna.cpr, 'plan');
    await user.click(await screen.findByRole('button', { name: /^Afslut / }));
    const form = within(screen.getByRole('form', { name: 'Afslut aktivitet' }));
    const end = form.getByRole('textbox', { name: /Slutdato/ });
    await user.clear(end);
    await user.type(end, '10-12-2026');
    await user.selectOptions(form.getByRole('combobox', { name: 'Ophørsårsag' }), '2');
    expect(await form.findByText(/Slutdatoen \(10-12-2026\) ligger før startdatoen \(15-12-2026\)/)).toBeInTheDocument();
    expect(form.getByRole('button', { name: 'Afslut aktiviteten' })).toBeDisabled();
    expect(b.callsOf('plan.endActivity')).toEqual([]);
  });

  it('says so when DFDG’s code list has no caseworker ophørsårsager (none are invented), and offers none', async () => {
    const b = bridge([activity(ID_RUNNING, {})], {});
    const { user } = await openCitizen(b, anna.cpr, 'plan');
    await user.click(await screen.findByRole('button', { name: /^Afslut / }));
    const form = within(screen.getByRole('form', { name: 'Afslut aktivitet' }));
    expect(form.getByRole('combobox', { name: 'Ophørsårsag' })).toBeDisabled();
    expect(form.getByText(/id’er er ikke offentliggjort, så programmet har ingen egne/)).toBeInTheDocument();
    expect(form.getByRole('button', { name: 'Afslut aktiviteten' })).toBeDisabled();
  });

  it('moves a planned activity to new dates; a running or ended one cannot be moved', async () => {
    const b = bridge([activity(ID_PLANNED, { start: '2026-12-15', end: '2027-02-15' }), activity(ID_RUNNING, { name: 'Mentorforløb' }), activity(ID_ENDED, { name: 'Løntilskud', start: '2026-01-01', end: '2026-06-30', endReason: 1 })]);
    const { user } = await openCitizen(b, anna.cpr, 'plan');
    await screen.findByRole('button', { name: 'Flyt Virksomhedspraktik hos Bager Hansen fra 15-12-2026' });
    expect(within(item('Mentorforløb')).queryByRole('button', { name: /^Flyt/ })).not.toBeInTheDocument();
    expect(within(item('Løntilskud')).queryByRole('button')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Flyt Virksomhedspraktik hos Bager Hansen fra 15-12-2026' }));
    const form = within(screen.getByRole('form', { name: 'Flyt planlagt aktivitet' }));
    // Unchanged dates: nothing to send.
    expect(form.getByRole('button', { name: 'Gem nye datoer' })).toBeDisabled();
    const start = form.getByRole('textbox', { name: /Ny startdato/ });
    await user.clear(start);
    await user.type(start, '05-01-2027');
    const end = form.getByRole('textbox', { name: /Ny slutdato/ });
    await user.clear(end);
    await user.type(end, '05-03-2027');
    await user.click(form.getByRole('button', { name: 'Gem nye datoer' }));
    await waitFor(() => expect(b.callsOf('plan.updateActivity')).toEqual([{ cpr: anna.cpr, activityId: ID_PLANNED, start: '2027-01-05', end: '2027-03-05' }]));
  });

  it('an ophørsårsag DFDG reports is shown with its meaning, also 14 from VITAS', async () => {
    const b = bridge([activity(ID_ENDED, { start: '2026-10-01', end: '2026-11-10', endReason: 14 })]);
    await openCitizen(b, anna.cpr, 'plan');
    const li = await screen.findByText('Virksomhedspraktik hos Bager Hansen');
    const dd = within(li.closest('li')!).getByText('Ophørsårsag').nextElementSibling!;
    expect(dd.textContent).toBe('14 – Bevilling ikke godkendt: Virksomhed, jobcenter eller borger har ikke godkendt bevillingen eller har trukket bevillingen tilbage (fra VITAS)');
  });

  it('the end form with a finding is axe-clean (no serious or critical violation)', async () => {
    const b = bridge([activity(ID_PLANNED, { start: '2026-12-15', end: '2027-02-15' })]);
    const { user } = await openCitizen(b, anna.cpr, 'plan');
    await user.click(await screen.findByRole('button', { name: /^Afslut / }));
    const form = within(screen.getByRole('form', { name: 'Afslut aktivitet' }));
    const end = form.getByRole('textbox', { name: /Slutdato/ });
    await user.clear(end);
    await user.type(end, '10-12-2026');
    await form.findByText(/ligger før startdatoen/);
    const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } }, resultTypes: ['violations'] });
    expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  });

  it('an a-kasse sees the plan but cannot end or move activities', async () => {
    const b = bridge([activity(ID_PLANNED, { start: '2026-12-15' })]);
    b.identity = new FakeBridge().identity;
    await openCitizen(b, anna.cpr, 'plan');
    await screen.findByText('Virksomhedspraktik hos Bager Hansen');
    expect(screen.queryByRole('button', { name: /^Afslut|^Flyt/ })).not.toBeInTheDocument();
  });
});

describe('Udbakke: a refused end of an activity is corrected and sent again', () => {
  it('offers the same ophørsårsager (never 14/15) and resends the corrected end', async () => {
    const it0: OutboxItem = rejectedItem({ id: 'cmd-end', kind: 'activity.end', summary: 'Aktivitet afsluttet: Virksomhedspraktik', error: { code: 1014, text: 'Unknown ActivityEndReasonTypeIdentifier on EndDate', service: 'PersonActivityStatusService', operation: 'EndActivity', transient: false, httpStatus: 500 } });
    const b = new FakeBridge()
      .reply('codelists.get', { lists: { ActivityEndReasonTypeIdentifier: endReasons }, fetchedAt: {} })
      .reply('outbox.list', { items: [it0], status: { online: true, cause: null, draining: false, pending: 0, failed: 0, rejected: 1, lastSyncedAt: null, lastError: null } })
      .reply('outbox.get', {
        item: it0,
        message: null,
        absence: null,
        activity: { activityId: ID_RUNNING, start: null, end: '2026-11-30', endReason: 3, previous: { name: 'Virksomhedspraktik', start: '2026-11-01', end: '2027-01-31', endReason: null } },
      })
      .reply('outbox.resubmit', { item: { ...it0, state: 'queued', error: null }, findings: [] });
    b.identity = jobcenterIdentity;
    const { user } = renderApp(b, { name: 'outbox' });
    await user.click(await screen.findByRole('button', { name: 'Ret og send igen' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Ret og send igen' }));
    const select = dialog.getByRole('combobox', { name: 'Ophørsårsag' });
    // The refused reason 3 (retired) is shown as not usable; 14 and 15 are not offered.
    expect(within(select).getAllByRole('option').map((o) => o.getAttribute('value'))).toEqual(['', '3', '1', '2']);
    expect(dialog.getByRole('button', { name: 'Send igen' })).toBeDisabled();
    await user.selectOptions(select, '1');
    await user.click(dialog.getByRole('button', { name: 'Send igen' }));
    await waitFor(() => expect(b.callsOf('outbox.resubmit')).toEqual([{ id: 'cmd-end', activity: { end: '2026-11-30', endReason: 1 } }]));
  });
});
