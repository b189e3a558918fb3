// Meeting invitations (IndkaldelseService): create, rebook and cancel, each an outbox command with the
// client's own id from birth. The shared rules (shared/rules/meetings.ts) are run here again: main
// never trusts the renderer. The citizen's cached absences feed the self-booking consequences.
import { randomUUID } from 'node:crypto';
import type { Citizen, Cpr, Finding, Meeting, MeetingInput } from '../../../../shared/domain';
import type { IpcHandlers } from '../../../../shared/ipc';
import { checkMeeting } from '../../../../shared/rules';
import { codeName } from '../../../../shared/codelists';
import { formatDateTime } from '../../../../shared/dates';
import { CoreError } from '../../errors';
import { orgKey } from '../../sync/outbox';
import type { CoreContext } from '../context';
import { citizenForCommand } from '../reads';
import { wireDateTime } from '../../dfdg/values';
import { rulesError } from './drafts';

/** The rules' findings for an invitation (also used on resubmit from the outbox). */
export function meetingFindings(c: CoreContext, citizen: Citizen | null, cpr: Cpr, input: MeetingInput): Finding[] {
  const absences = c.store.absences.list(cpr).map((a) => ({ type: a.type, start: a.start, end: a.end }));
  return checkMeeting(
    {
      form: input.form,
      link: input.digitalLink,
      locationDetail: input.locationDetail,
      interviewType: input.interviewType,
      start: input.start,
      end: input.end,
      rebookingPossible: input.rebookingPossible,
      rebookingDeadline: input.rebookingDeadline,
      cancelPossible: input.cancelPossible,
      cancelDeadline: input.cancelDeadline,
      absences,
    },
    c.ruleCtx(citizen, c.today()),
  );
}

/** The outbox line, e.g. "Ny indkaldelse: Jobsamtale 07-12-2026 10:00 (Digitalt møde)". */
export function meetingSummary(verb: string, m: Pick<MeetingInput, 'interviewType' | 'start' | 'form'>, c: CoreContext): string {
  const lists = c.codeLists();
  return `${verb}: ${codeName('InterviewTypeIdentifier', m.interviewType, lists)} ${formatDateTime(m.start)} (${codeName('InterviewContactTypeIdentifier', m.form, lists)})`;
}

/** The meeting as the Møder tab shows it while its command waits (times as instants, as DFDG's are read). */
export function meetingFromInput(id: string, cpr: Cpr, input: MeetingInput, organisation: Meeting['organisation'], base?: Meeting): Meeting {
  return {
    id,
    cpr,
    start: wireDateTime(input.start),
    end: input.end ? wireDateTime(input.end) : null,
    interviewType: input.interviewType,
    form: input.form,
    location: input.location,
    locationDetail: input.locationDetail,
    digitalLink: input.digitalLink,
    selfBooked: base?.selfBooked ?? false,
    organisation: base?.organisation ?? organisation,
    rebookingPossible: input.rebookingPossible,
    rebookingDeadline: input.rebookingDeadline ? wireDateTime(input.rebookingDeadline) : null,
    cancelPossible: input.cancelPossible,
    cancelDeadline: input.cancelDeadline ? wireDateTime(input.cancelDeadline) : null,
    participants: input.participants,
  };
}

/** Blank text fields are left out, never sent as "" (an empty Lokationsuddybning broke DFDG, seed 001). */
function tidy(input: MeetingInput): MeetingInput {
  const t = (v: string | null) => (v !== null && v.trim() !== '' ? v.trim() : null);
  // A blank Lokationsuddybning is left to the rules (MEET_LOCATION_EMPTY): refused, not silently dropped.
  return { ...input, location: t(input.location), digitalLink: t(input.digitalLink) };
}

export function meetingHandlers(c: CoreContext): Pick<IpcHandlers, 'meetings.create' | 'meetings.update' | 'meetings.cancel'> {
  const requireOwnMeeting = (cpr: string, id: string) => {
    const m = c.store.meetings.get(id);
    if (!m || m.item.cpr !== cpr || m.hidden) throw new CoreError('not-found', 'Mødet findes ikke længere. Opdatér borgerens møder.');
    const identity = c.requireIdentity();
    const org = m.item.organisation;
    // ASSUMED (sandbox-contract.md "Meetings"): only the authority that created an invitation changes
    // or cancels it (interfaces.md §9.2: an owner system may keep it to itself); the sandbox answers 4575.
    const ownType = identity.organisation.type === 'akasse' ? 2 : 8;
    if (org && (org.organisationCode !== identity.organisation.code || org.organisationType !== ownType)) {
      throw new CoreError('conflict', `Mødet er oprettet af ${org.name}. Kun den myndighed, der har indkaldt, kan ombooke eller aflyse det.`);
    }
    return m;
  };
  const queued = (cpr: string, kind: string) => {
    c.audit.record({ cpr, action: 'command.queued', source: 'command', purpose: `outbox:${kind}` });
  };
  const changed = () => {
    c.engine.kick();
    c.events.outboxChanged(() => ({ status: c.engine.status() }));
  };

  return {
    async 'meetings.create'({ cpr, input: raw }) {
      const identity = c.requireIdentity();
      const citizen = await citizenForCommand(c, cpr, 'meetings');
      const input = tidy(raw);
      const findings = meetingFindings(c, citizen, cpr, input);
      if (findings.some((f) => f.severity === 'error')) throw rulesError(findings, 'Indkaldelsen er ikke oprettet');
      const org = { organisationType: identity.organisation.type === 'akasse' ? 2 : 8, organisationCode: identity.organisation.code, name: identity.organisation.name };
      const meeting = meetingFromInput(randomUUID(), cpr, input, org);
      const commandId = c.store.transaction(() => {
        const rec = c.outbox.enqueue({
          kind: 'meeting.create',
          cpr,
          org: orgKey(identity),
          citizenName: citizen.name,
          summary: meetingSummary('Ny indkaldelse', input, c),
          payload: { cpr, meetingId: meeting.id, input },
        });
        c.store.meetings.putPending(meeting, rec.id);
        queued(cpr, 'meeting.create');
        return rec.id;
      });
      changed();
      return { commandId, meeting: { ...meeting, pendingCommandId: commandId }, findings };
    },

    async 'meetings.update'({ cpr, meetingId, input: raw }) {
      const identity = c.requireIdentity();
      const citizen = await citizenForCommand(c, cpr, 'meetings');
      const current = requireOwnMeeting(cpr, meetingId);
      const input = tidy(raw);
      const findings = meetingFindings(c, citizen, cpr, input);
      if (findings.some((f) => f.severity === 'error')) throw rulesError(findings, 'Indkaldelsen er ikke ombooket');
      const next = meetingFromInput(meetingId, cpr, input, current.item.organisation, current.item);
      const commandId = c.store.transaction(() => {
        const rec = c.outbox.enqueue({
          kind: 'meeting.update',
          cpr,
          org: orgKey(identity),
          citizenName: citizen.name,
          summary: meetingSummary('Ombooket indkaldelse', input, c),
          payload: { cpr, meetingId, input, previous: { ...current.item, pendingCommandId: null } },
        });
        c.store.meetings.putPending(next, rec.id);
        queued(cpr, 'meeting.update');
        return rec.id;
      });
      changed();
      return { commandId, meeting: { ...next, pendingCommandId: commandId }, findings };
    },

    async 'meetings.cancel'({ cpr, meetingId }) {
      const identity = c.requireIdentity();
      const citizen = await citizenForCommand(c, cpr, 'meetings');
      const current = requireOwnMeeting(cpr, meetingId);
      const m = current.item;
      const commandId = c.store.transaction(() => {
        const rec = c.outbox.enqueue({
          kind: 'meeting.cancel',
          cpr,
          org: orgKey(identity),
          citizenName: citizen.name,
          summary: meetingSummary('Aflyst indkaldelse', m, c),
          payload: { cpr, meetingId, previous: { ...m, pendingCommandId: null } },
        });
        c.store.meetings.hidePending(meetingId, rec.id);
        queued(cpr, 'meeting.cancel');
        return rec.id;
      });
      changed();
      return { commandId, findings: [] };
    },
  };
}
