// Meeting invitations through the real handlers, outbox and drain against the fake DFDG: main checks
// the rules again (never trusting the renderer), the row is optimistic and marked pending, DFDG's copy
// has what was sent, a rebooking and a cancel follow, and a cancelled command restores the meeting.
import { afterEach, describe, expect, it } from 'vitest';
import type { MeetingInput } from '../../../shared/domain';
import { CPR_A, JOBCENTER_IDENTITY } from '../support/fixtures';
import { expectCoreError, makeCore, seedCitizen, type CoreRig } from './helpers';

let rig: CoreRig;
afterEach(async () => {
  await rig?.close();
});

const INPUT: MeetingInput = {
  interviewType: 7,
  start: '2026-12-01T10:00',
  end: '2026-12-01T10:45',
  form: 8,
  location: null,
  locationDetail: null,
  digitalLink: 'https://moede.example.dk/rum/1',
  rebookingPossible: true,
  rebookingDeadline: '2026-11-29T12:00',
  cancelPossible: true,
  cancelDeadline: null,
  participants: [],
};

async function jobcenter() {
  rig = await makeCore({ identity: JOBCENTER_IDENTITY });
  seedCitizen(rig.fake, CPR_A);
  await rig.call('citizens.open', { cpr: CPR_A, purpose: 'meetings' });
  return rig;
}

describe('meetings', () => {
  it('creates an invitation offline, shows it pending, sends it once with its own id, then rebooks and cancels it', async () => {
    await jobcenter();
    rig.fake.offline = true;
    const created = await rig.call('meetings.create', { cpr: CPR_A, input: INPUT });
    expect(created.meeting).toMatchObject({ form: 8, digitalLink: INPUT.digitalLink, pendingCommandId: created.commandId });
    // The self-booking consequence of a Jobsamtale comes back as an info finding.
    expect(created.findings.map((f) => f.ruleId)).toContain('MEET_SELFBOOKING');
    const offline = await rig.call('meetings.list', { cpr: CPR_A });
    expect(offline.meetings).toMatchObject([{ id: created.meeting.id, pendingCommandId: created.commandId }]);
    expect((await rig.call('outbox.list', {})).items.map((i) => [i.kind, i.summary])).toEqual([['meeting.create', 'Ny indkaldelse: Jobsamtale 01-12-2026 10:00 (Digitalt møde)']]);

    rig.fake.offline = false;
    await rig.core.engine.whenDrained(5000);
    expect(rig.fake.meetings.get(created.meeting.id)).toMatchObject({ start: '2026-12-01T10:00', form: 8, locationDetail: null });
    expect(rig.fake.applied.get(`meeting:${created.meeting.id}`)).toBe(1);
    expect((await rig.call('meetings.list', { cpr: CPR_A })).meetings).toMatchObject([{ id: created.meeting.id, pendingCommandId: null }]);

    const moved = { ...INPUT, start: '2026-12-02T13:00', end: '2026-12-02T13:30', form: 1, digitalLink: null, locationDetail: 'Indgang B' };
    await rig.call('meetings.update', { cpr: CPR_A, meetingId: created.meeting.id, input: moved });
    await rig.core.engine.whenDrained(5000);
    expect(rig.fake.meetings.get(created.meeting.id)).toMatchObject({ start: '2026-12-02T13:00', form: 1, locationDetail: 'Indgang B' });

    await rig.call('meetings.cancel', { cpr: CPR_A, meetingId: created.meeting.id });
    expect((await rig.call('meetings.list', { cpr: CPR_A })).meetings).toEqual([]);
    await rig.core.engine.whenDrained(5000);
    expect(rig.fake.meetings.size).toBe(0);
    expect((await rig.call('outbox.list', {})).items.map((i) => i.state)).toEqual(['sent', 'sent', 'sent']);
  });

  it('main refuses what the rules refuse, whatever the renderer sent: a retired form, form 8 without a link, an empty Lokationsuddybning', async () => {
    await jobcenter();
    const retired = await expectCoreError(rig.call('meetings.create', { cpr: CPR_A, input: { ...INPUT, form: 4, digitalLink: null } }), 'rules');
    expect(retired.findings?.filter((f) => f.severity === 'error').map((f) => f.ruleId)).toEqual(['MEET_FORM_RETIRED']);
    const noLink = await expectCoreError(rig.call('meetings.create', { cpr: CPR_A, input: { ...INPUT, digitalLink: '  ' } }), 'rules');
    expect(noLink.findings?.map((f) => f.ruleId)).toContain('MEET_DIGITAL_LINK');
    const empty = await expectCoreError(rig.call('meetings.create', { cpr: CPR_A, input: { ...INPUT, locationDetail: '' } }), 'rules');
    expect(empty.findings?.map((f) => f.ruleId)).toContain('MEET_LOCATION_EMPTY');
    const deadline = await expectCoreError(rig.call('meetings.create', { cpr: CPR_A, input: { ...INPUT, rebookingDeadline: null } }), 'rules');
    expect(deadline.findings?.map((f) => f.ruleId)).toContain('MEET_DEADLINES');
    expect((await rig.call('outbox.list', {})).items).toEqual([]);
  });

  it('refuses to rebook or cancel another authority’s invitation', async () => {
    await jobcenter();
    rig.fake.meetings.set('11111111-1111-4111-8111-111111111111', {
      id: '11111111-1111-4111-8111-111111111111',
      cpr: CPR_A,
      start: '2026-12-01T09:00:00.000Z',
      end: null,
      interviewType: 15,
      form: 2,
      location: null,
      locationDetail: null,
      digitalLink: null,
      selfBooked: false,
      organisation: { organisationType: 2, organisationCode: '067', name: 'Testkassen' },
    });
    await rig.call('meetings.list', { cpr: CPR_A });
    await expectCoreError(rig.call('meetings.cancel', { cpr: CPR_A, meetingId: '11111111-1111-4111-8111-111111111111' }), 'conflict');
    await expectCoreError(rig.call('meetings.update', { cpr: CPR_A, meetingId: '11111111-1111-4111-8111-111111111111', input: { ...INPUT, form: 2, digitalLink: null } }), 'conflict');
    expect((await rig.call('outbox.list', {})).items).toEqual([]);
  });

  it('a rejected rebooking is edited and sent again with a new x-requestId; a cancelled one restores the meeting as it was', async () => {
    await jobcenter();
    const created = await rig.call('meetings.create', { cpr: CPR_A, input: INPUT });
    await rig.core.engine.whenDrained(5000);
    rig.fake.refusals.set('UpdateIndkaldelse', 90002);
    const upd = await rig.call('meetings.update', { cpr: CPR_A, meetingId: created.meeting.id, input: { ...INPUT, start: '2026-12-03T10:00', end: null } });
    await rig.core.engine.whenDrained(5000);
    const rejected = rig.core.outbox.get(upd.commandId)!;
    expect(rejected.state).toBe('rejected');
    expect(rejected.error?.code).toBe(90002);
    const got = await rig.call('outbox.get', { id: upd.commandId });
    expect(got.meeting).toMatchObject({ meetingId: created.meeting.id, input: { start: '2026-12-03T10:00' } });
    expect((await rig.call('outbox.list', {})).items.find((i) => i.id === upd.commandId)?.editable).toBe(true);

    const firstRequestId = rejected.requestId;
    await rig.call('outbox.resubmit', { id: upd.commandId, meeting: { input: { ...INPUT, start: '2026-12-04T10:00', end: null } } });
    expect(rig.core.outbox.get(upd.commandId)!.requestId).not.toBe(firstRequestId);
    await rig.core.engine.whenDrained(5000);
    expect(rig.core.outbox.get(upd.commandId)!.state).toBe('sent');
    expect(rig.fake.meetings.get(created.meeting.id)?.start).toBe('2026-12-04T10:00');

    // Another rebooking, refused and then cancelled by the caseworker: the Møder tab shows the meeting as DFDG has it.
    rig.fake.refusals.set('UpdateIndkaldelse', 90004);
    const again = await rig.call('meetings.update', { cpr: CPR_A, meetingId: created.meeting.id, input: { ...INPUT, start: '2026-12-05T10:00', end: null } });
    await rig.core.engine.whenDrained(5000);
    await rig.call('outbox.cancel', { id: again.commandId });
    const listed = (await rig.call('meetings.list', { cpr: CPR_A })).meetings;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ pendingCommandId: null });
    expect(listed[0]!.start.startsWith('2026-12-04')).toBe(true);
  });
});
