import { READ_BACK_CLOCK_SKEW_MS } from '../../../shared/constants';
import type { Absence, CitizenMessage, Meeting, MeetingInput } from '../../../shared/domain';
import { toCopenhagenDateTime } from '../../../shared/dates';
import { DfdgError, isDfdgError } from '../dfdg/errors';
import { xmlText } from '../dfdg/text';
import type { CallContext, DfdgClients } from '../dfdg/types';
import type { Store } from '../store/db';
import { isMessageKind, type AnyCommand, type CommandPayloads } from './commands';
import type { Outbox, OutboxRecord, Receipt } from './outbox';

/** Thrown when a command cannot be sent for a local reason (e.g. its attachment is gone). */
export class LocalCommandError extends Error {
  constructor(
    readonly reason: 'attachment-missing',
    message: string,
  ) {
    super(message);
  }
}

export type ReadBack = { applied: true; receipt: Receipt } | { applied: false };

export interface ExecEnv {
  clients: DfdgClients;
  ctx: CallContext;
  store: Store;
  outbox: Outbox;
}

/** One DFDG call per command. Throws DfdgError (or LocalCommandError); returns DFDG's receipt. */
export async function execute(env: ExecEnv, rec: OutboxRecord, cmd: AnyCommand): Promise<Receipt> {
  const { clients, ctx } = env;
  switch (cmd.kind) {
    case 'message.create':
    case 'recommendation.answer': {
      const p = cmd.payload;
      const documents = p.attachments.map((a) => {
        const content = env.store.blobs.get(a.sha256);
        if (!content) throw new LocalCommandError('attachment-missing', `Bilaget "${a.fileName}" findes ikke længere på denne computer.`);
        return { fileName: a.fileName, mimeType: a.mimeType, content };
      });
      const r = await clients.citizenMessage.createMessage(ctx, {
        cpr: p.cpr,
        contextType: p.contextType,
        channel: p.channel,
        subject: p.subject,
        body: p.body,
        allowReply: p.allowReply,
        responseToId: p.responseToId,
        to: p.to,
        documents,
      });
      return { messageIdentifier: r.receipt.messageIdentifier, entityId: r.messageId, eventDate: r.receipt.eventDate };
    }
    case 'absence.create': {
      const p = cmd.payload;
      const r = await clients.fravaer.createFravaer(ctx, p.cpr, p.absenceId, p.input, rec.requestId);
      return { messageIdentifier: null, entityId: r.absenceId, eventDate: null };
    }
    case 'absence.update': {
      const p = cmd.payload;
      const r = await clients.fravaer.updateFravaer(ctx, p.cpr, p.absenceId, { ...p.input, rectificationComment: p.rectificationComment }, rec.requestId);
      return { messageIdentifier: null, entityId: r.absenceId, eventDate: null };
    }
    case 'absence.delete': {
      const p = cmd.payload;
      await clients.fravaer.deleteFravaer(ctx, p.cpr, p.absenceId, p.rectificationComment, rec.requestId);
      return { messageIdentifier: null, entityId: p.absenceId, eventDate: null };
    }
    case 'activity.create': {
      const p = cmd.payload;
      const r = await clients.personActivityStatus.createActivity(ctx, p.cpr, p.activityId, p.input);
      return { messageIdentifier: r.receipt.messageIdentifier, entityId: r.activityId, eventDate: r.receipt.eventDate };
    }
    case 'activity.end': {
      const p = cmd.payload;
      const r = await clients.personActivityStatus.endActivity(ctx, p.cpr, p.activityId, { end: p.end, endReason: p.endReason });
      return { messageIdentifier: r.receipt.messageIdentifier, entityId: r.activityId, eventDate: r.receipt.eventDate };
    }
    case 'activity.update': {
      const p = cmd.payload;
      const r = await clients.personActivityStatus.updateActivity(ctx, p.cpr, p.activityId, { start: p.start, end: p.end });
      return { messageIdentifier: r.receipt.messageIdentifier, entityId: r.activityId, eventDate: r.receipt.eventDate };
    }
    case 'meeting.create': {
      const p = cmd.payload;
      const r = await clients.indkaldelse.createIndkaldelse(ctx, p.cpr, p.meetingId, p.input, rec.requestId);
      return { messageIdentifier: null, entityId: r.meetingId, eventDate: null };
    }
    case 'meeting.update': {
      const p = cmd.payload;
      const r = await clients.indkaldelse.updateIndkaldelse(ctx, p.cpr, p.meetingId, p.input, rec.requestId);
      return { messageIdentifier: null, entityId: r.meetingId, eventDate: null };
    }
    case 'meeting.cancel': {
      const p = cmd.payload;
      await clients.indkaldelse.deleteIndkaldelse(ctx, p.cpr, p.meetingId, rec.requestId);
      return { messageIdentifier: null, entityId: p.meetingId, eventDate: null };
    }
  }
}

/** DFDG said "no such entity" (as opposed to a failure to answer). */
export function isNotFound(e: unknown): boolean {
  if (!isDfdgError(e) || e.transient) return false;
  // 90036: an invitation DFDG does not know (ASSUMED for IndkaldelseService, sandbox-contract.md "Meetings").
  return e.httpStatus === 404 || e.code === 4589 || e.code === 8103 || e.code === 4404 || e.code === 90036;
}

/**
 * A text as DFDG holds it: as it went on the wire (xmlText: a command stored before enqueue did this
 * itself is compared as it was sent), with XML's line ends (CR LF and CR read as LF) and no outer space.
 */
const norm = (s: string) => xmlText(s).replace(/\r\n?/g, '\n').trim();

/** Does a message at DFDG carry exactly what this command would have created? */
export function messageMatches(m: CitizenMessage, p: CommandPayloads['message.create']): boolean {
  return (
    m.cpr === p.cpr &&
    m.contextType === p.contextType &&
    norm(m.subject) === norm(p.subject) &&
    norm(m.body) === norm(p.body) &&
    (m.responseToId ?? null) === (p.responseToId ?? null) &&
    m.from.organisationCode === p.sender.organisationCode &&
    (m.from.organisationType === null || m.from.organisationType === p.sender.organisationType)
  );
}

function sameAbsence(a: Absence, input: CommandPayloads['absence.create']['input']): boolean {
  return (
    a.type === input.type &&
    a.start.slice(0, 10) === input.start &&
    (a.end?.slice(0, 10) ?? null) === (input.end ?? null) &&
    (a.comment ?? null) === (input.comment ?? null) &&
    (a.endReason ?? null) === (input.endReason ?? null)
  );
}

/** Does DFDG's invitation carry what this rebooking sent? (Times compared as Danish wall-clock minutes.) */
export function sameMeeting(m: Meeting, input: MeetingInput): boolean {
  const at = (v: string | null | undefined) => (v ? toCopenhagenDateTime(v) : null);
  const text = (v: string | null | undefined) => (v && v.trim() !== '' ? v : null);
  return (
    at(m.start) === at(input.start) &&
    at(m.end) === at(input.end) &&
    m.form === input.form &&
    m.interviewType === input.interviewType &&
    text(m.location) === text(input.location) &&
    text(m.locationDetail) === text(input.locationDetail) &&
    text(m.digitalLink) === text(input.digitalLink) &&
    (m.rebookingPossible ?? null) === input.rebookingPossible &&
    at(m.rebookingDeadline) === at(input.rebookingDeadline) &&
    (m.cancelPossible ?? null) === input.cancelPossible &&
    at(m.cancelDeadline) === at(input.cancelDeadline)
  );
}

/**
 * The earliest time (ms) DFDG can have created this command's message: its first try that could have
 * reached DFDG (its creation, before any), less the allowance for clock skew between us and DFDG.
 */
export function readBackFloor(rec: Pick<OutboxRecord, 'firstAttemptAt' | 'createdAt'>): number {
  return Date.parse(rec.firstAttemptAt ?? rec.createdAt) - READ_BACK_CLOCK_SKEW_MS;
}

/**
 * After an uncertain outcome (timeout, dropped response, crash while sending) or a replay answer (412,
 * 4977): is the command's effect already at DFDG? Messages have no idempotency key, so they are matched
 * on subject + body + responseTo + sender organisation among the citizen's messages, and only among
 * those the same caseworker (user identifier) created at or after the command's first try (less the
 * clock-skew allowance): a colleague's identical standard text, or our own from last month, is never
 * taken for it. Messages that are the receipt of another of our commands are skipped (two identical
 * messages sent on purpose stay two); of the rest, the earliest is ours. Absences are read by the
 * client's own id; activities by their ActivityIdentifier (an end or a date change: the activity
 * carries the end date and ophørsårsag, or the dates, the command sets); meetings (invitations) by the
 * client's own id.
 */
export async function readBack(env: ExecEnv, rec: OutboxRecord, cmd: AnyCommand): Promise<ReadBack> {
  const { clients, ctx } = env;
  if (isMessageKind(cmd.kind)) {
    const p = cmd.payload as CommandPayloads['message.create'];
    const messages = await clients.citizenMessage.getCitizenMessages(ctx, p.cpr);
    const floor = readBackFloor(rec);
    const hit = messages
      .filter((m) => messageMatches(m, p) && m.from.userIdentifier === p.sender.userIdentifier && Date.parse(m.createdAt) >= floor && !env.outbox.isClaimedReceipt(m.id, rec.id))
      .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))[0];
    return hit ? { applied: true, receipt: { messageIdentifier: null, entityId: hit.id, eventDate: hit.createdAt } } : { applied: false };
  }
  switch (cmd.kind) {
    case 'absence.create':
    case 'absence.update':
    case 'absence.delete': {
      const p = cmd.payload;
      let found: Absence | null = null;
      try {
        found = await clients.fravaer.getFravaer(ctx, p.cpr, p.absenceId);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
      const receipt = { messageIdentifier: null, entityId: p.absenceId, eventDate: null };
      if (cmd.kind === 'absence.delete') return found ? { applied: false } : { applied: true, receipt };
      if (!found) return { applied: false };
      if (cmd.kind === 'absence.update' && !sameAbsence(found, cmd.payload.input)) return { applied: false };
      return { applied: true, receipt };
    }
    case 'activity.create': {
      const p = cmd.payload;
      const activities = await clients.personActivityStatus.getPersonActivityStatus(ctx, p.cpr);
      const hit = activities.find((a) => a.id.toLowerCase() === p.activityId.toLowerCase());
      return hit ? { applied: true, receipt: { messageIdentifier: null, entityId: hit.id, eventDate: hit.createdAt } } : { applied: false };
    }
    case 'activity.end':
    case 'activity.update': {
      // No idempotency key: the change is at DFDG when the activity carries exactly what it sets.
      const p = cmd.payload;
      const activities = await clients.personActivityStatus.getPersonActivityStatus(ctx, p.cpr);
      const hit = activities.find((a) => a.id.toLowerCase() === p.activityId.toLowerCase());
      const day = (d: string | null) => d?.slice(0, 10) ?? null;
      const applied =
        !!hit &&
        (cmd.kind === 'activity.end'
          ? day(hit.end) === cmd.payload.end && hit.endReason === cmd.payload.endReason
          : day(hit.start) === cmd.payload.start && day(hit.end) === cmd.payload.end);
      return applied ? { applied: true, receipt: { messageIdentifier: null, entityId: hit.id, eventDate: null } } : { applied: false };
    }
    case 'meeting.create':
    case 'meeting.update':
    case 'meeting.cancel': {
      // Invitations are read by the client's own id among the citizen's (GetIndkaldelser).
      const p = cmd.payload;
      const meetings = await clients.indkaldelse.getIndkaldelser(ctx, p.cpr);
      const found = meetings.find((m) => m.id === p.meetingId.toLowerCase()) ?? null;
      const receipt = { messageIdentifier: null, entityId: p.meetingId, eventDate: null };
      if (cmd.kind === 'meeting.cancel') return found ? { applied: false } : { applied: true, receipt };
      if (!found) return { applied: false };
      if (cmd.kind === 'meeting.update' && !sameMeeting(found, cmd.payload.input)) return { applied: false };
      return { applied: true, receipt };
    }
    default:
      return { applied: false };
  }
}

export { DfdgError };
