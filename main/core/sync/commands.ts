import { z } from 'zod';
import { MAX_ABSENCE_COMMENT_CHARS, MAX_ATTACHMENTS, MAX_BODY_CHARS, MAX_SUBJECT_CHARS } from '../../../shared/constants';
import type { Absence, AbsenceInput, Activity, ActivityInput, AttachmentMeta, CommandKind, Cpr, Meeting, MeetingInput, MessageDraft } from '../../../shared/domain';
import { zMeeting, zMeetingInput } from '../../../shared/schemas';
import { xmlText } from '../dfdg/text';
import type { CreateMessageInput } from '../dfdg/types';

// The payload of each outbox command. Commands are data (never closures), validated with these schemas
// every time a row is loaded: a row that fails is quarantined as 'rejected', never dropped.

const zOrgRef = z.object({ organisationType: z.number().int(), organisationCode: z.string().min(1) });
const zAttachment = z.object({
  id: z.string(),
  fileName: z.string().min(1),
  mimeType: z.enum(['application/pdf', 'application/xml']),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  pageCount: z.number().nullable().optional(),
});
const zAbsenceInput = z.object({
  type: z.number().int(),
  start: z.string(),
  end: z.string().nullable(),
  comment: z.string().nullable(),
  notificationDate: z.string(),
  endReason: z.number().int().nullable(),
});
const zAbsence = zAbsenceInput.extend({ id: z.string(), cpr: z.string() }).passthrough();
const zCpr = z.string().regex(/^\d{10}$/);
/** An activity as it was before a change (cancel puts it back). */
const zActivity = z
  .object({ id: z.string(), cpr: z.string(), name: z.string(), start: z.string(), end: z.string().nullable(), endReason: z.number().nullable() })
  .passthrough();

export const zMessageCommand = z.object({
  cpr: zCpr,
  contextType: z.number().int(),
  channel: z.number().int(),
  subject: z.string().min(1).max(MAX_SUBJECT_CHARS),
  body: z.string().min(1).max(MAX_BODY_CHARS),
  allowReply: z.boolean(),
  responseToId: z.string().nullable(),
  to: zOrgRef.nullable(),
  attachments: z.array(zAttachment).max(MAX_ATTACHMENTS),
  /** Who sends it (for the read-back match after an uncertain outcome). */
  sender: z.object({ organisationType: z.number().int(), organisationCode: z.string(), userIdentifier: z.string(), fullName: z.string().optional() }),
  /** The draft it came from, so cancelling or editing after a rejection restores it. */
  draft: z.record(z.string(), z.unknown()).nullable(),
});

export const zRecommendationAnswerCommand = zMessageCommand.extend({
  decision: z.enum(['grant', 'reject']),
  recommendationMessageId: z.string(),
  advisoryId: z.string().nullable(),
});

export const payloadSchemas = {
  'message.create': zMessageCommand,
  'recommendation.answer': zRecommendationAnswerCommand,
  'absence.create': z.object({ cpr: zCpr, absenceId: z.string().uuid(), input: zAbsenceInput }),
  'absence.update': z.object({
    cpr: zCpr,
    absenceId: z.string().uuid(),
    input: zAbsenceInput,
    rectificationComment: z.string().max(MAX_ABSENCE_COMMENT_CHARS).nullable(),
    previous: zAbsence.nullable(),
  }),
  'absence.delete': z.object({
    cpr: zCpr,
    absenceId: z.string().uuid(),
    rectificationComment: z.string().min(1).max(MAX_ABSENCE_COMMENT_CHARS),
    previous: zAbsence.nullable(),
  }),
  'activity.create': z.object({
    cpr: zCpr,
    activityId: z.string().uuid(),
    input: z.object({ name: z.string().min(1), activationType: z.number().int(), start: z.string(), end: z.string().nullable(), hoursPerWeek: z.number() }),
    /** The type 11 message this grant answers, when it comes from recommendations.answer. */
    recommendationMessageId: z.string().nullable(),
  }),
  'activity.end': z.object({ cpr: zCpr, activityId: z.string().uuid(), end: z.string(), endReason: z.number().int(), previous: zActivity.nullable() }),
  'activity.update': z.object({ cpr: zCpr, activityId: z.string().uuid(), start: z.string(), end: z.string().nullable(), previous: zActivity.nullable() }),
  'meeting.create': z.object({ cpr: zCpr, meetingId: z.string().uuid(), input: zMeetingInput }),
  /** `previous`: the meeting as it was before the rebooking (restored when the command is cancelled). */
  'meeting.update': z.object({ cpr: zCpr, meetingId: z.string().uuid(), input: zMeetingInput, previous: zMeeting.nullable() }),
  'meeting.cancel': z.object({ cpr: zCpr, meetingId: z.string().uuid(), previous: zMeeting.nullable() }),
} as const satisfies Record<CommandKind, z.ZodType>;

/** A CreateMessageInput whose documents are still attachments in the blob store (read when it is sent). */
export interface MessageCommand extends Omit<CreateMessageInput, 'documents'> {
  attachments: AttachmentMeta[];
  sender: { organisationType: number; organisationCode: string; userIdentifier: string; fullName?: string };
  draft: MessageDraft | null;
}

export interface CommandPayloads {
  'message.create': MessageCommand;
  'recommendation.answer': MessageCommand & { decision: 'grant' | 'reject'; recommendationMessageId: string; advisoryId: string | null };
  'absence.create': { cpr: Cpr; absenceId: string; input: AbsenceInput };
  'absence.update': { cpr: Cpr; absenceId: string; input: AbsenceInput; rectificationComment: string | null; previous: Absence | null };
  'absence.delete': { cpr: Cpr; absenceId: string; rectificationComment: string; previous: Absence | null };
  'activity.create': { cpr: Cpr; activityId: string; input: ActivityInput; recommendationMessageId: string | null };
  'activity.end': { cpr: Cpr; activityId: string; end: string; endReason: number; previous: Activity | null };
  'activity.update': { cpr: Cpr; activityId: string; start: string; end: string | null; previous: Activity | null };
  'meeting.create': { cpr: Cpr; meetingId: string; input: MeetingInput };
  'meeting.update': { cpr: Cpr; meetingId: string; input: MeetingInput; previous: Meeting | null };
  'meeting.cancel': { cpr: Cpr; meetingId: string; previous: Meeting | null };
}

export type AnyCommand = { [K in CommandKind]: { kind: K; payload: CommandPayloads[K] } }[CommandKind];

export function isMessageKind(kind: CommandKind): kind is 'message.create' | 'recommendation.answer' {
  return kind === 'message.create' || kind === 'recommendation.answer';
}

/**
 * The payload as it goes on the wire: a message's subject and body through the SOAP layer's own
 * xmlText (characters XML cannot carry left out). The outbox stores this, so the read-back compares
 * DFDG's copy with exactly what was sent, never with a text DFDG could not have received.
 */
export function onTheWire<K extends CommandKind>(kind: K, payload: CommandPayloads[K]): CommandPayloads[K] {
  if (!isMessageKind(kind)) return payload;
  const p = payload as CommandPayloads['message.create'];
  return { ...p, subject: xmlText(p.subject), body: xmlText(p.body) } as CommandPayloads[K];
}

/** Validates a stored payload; null when it does not fit its kind's schema. */
export function parsePayload(kind: string, payload: unknown): AnyCommand | null {
  const schema = (payloadSchemas as Record<string, z.ZodType>)[kind];
  if (!schema) return null;
  const r = schema.safeParse(payload);
  return r.success ? ({ kind, payload: r.data } as AnyCommand) : null;
}
