import type { CitizenMessage, MessageDraft } from '../../../shared/domain';
import type { Store } from '../store/db';
import { isMessageKind, type CommandPayloads } from './commands';
import { localError, localReason, type Outbox, type OutboxRecord, type Receipt } from './outbox';

// The local side of a command's life: what the cache shows once DFDG confirmed it, when DFDG refused
// it, or when the caseworker cancelled it. Each runs inside the same transaction as the state change.

/** DFDG confirmed the command: the optimistic row becomes cached data. */
export function applySent(store: Store, outbox: Outbox, rec: OutboxRecord, receipt: Receipt, sentAt: string): void {
  const cmd = rec.command;
  if (!cmd) return;
  if (isMessageKind(cmd.kind)) {
    const p = cmd.payload as CommandPayloads['message.create'];
    if (receipt.entityId) {
      const msg: CitizenMessage = {
        id: receipt.entityId,
        cpr: p.cpr,
        contextType: p.contextType,
        channel: p.channel,
        subject: p.subject,
        body: p.body,
        allowReply: p.allowReply,
        responseToId: p.responseToId,
        from: {
          userType: 2,
          userIdentifier: p.sender.userIdentifier,
          fullName: p.sender.fullName ?? '',
          organisationType: p.sender.organisationType,
          organisationCode: p.sender.organisationCode,
        },
        to: p.to,
        createdAt: receipt.eventDate ?? sentAt,
        // Document ids are DFDG's; they arrive with the next refresh of the citizen's messages.
        documents: [],
      };
      // Keep a richer copy if a refresh already brought the message.
      if (!store.messages.get(msg.id)) store.messages.upsertMany([msg], sentAt);
      // What a recommendation proposed, as data (DFDG's message has only the text).
      if (p.contextType === 11 && p.draft?.recommendation) store.recommendations.putProposal(msg.id, p.cpr, p.draft.recommendation);
    }
    if (cmd.kind === 'recommendation.answer') {
      const a = cmd.payload;
      store.recommendations.putDecision(a.recommendationMessageId, a.cpr, a.decision, receipt.eventDate ?? sentAt);
    }
  } else if (cmd.kind === 'absence.create' || cmd.kind === 'absence.update') {
    store.absences.confirm(cmd.payload.absenceId, rec.id, false);
  } else if (cmd.kind === 'absence.delete') {
    store.absences.confirm(cmd.payload.absenceId, rec.id, true);
  } else if (cmd.kind === 'activity.create' || cmd.kind === 'activity.end' || cmd.kind === 'activity.update') {
    store.activities.confirm(cmd.payload.activityId, rec.id);
    if (cmd.kind === 'activity.create' && cmd.payload.recommendationMessageId) store.recommendations.putActivity(cmd.payload.recommendationMessageId, cmd.payload.cpr, cmd.payload.activityId);
  } else if (cmd.kind === 'meeting.create' || cmd.kind === 'meeting.update') {
    store.meetings.confirm(cmd.payload.meetingId, rec.id, false);
  } else if (cmd.kind === 'meeting.cancel') {
    store.meetings.confirm(cmd.payload.meetingId, rec.id, true);
  }
  // Commands held back because this one was not sent yet may go now.
  for (const d of outbox.dependents(rec.id)) {
    if (d.state === 'rejected' && localReason(d.error) === 'dependency') outbox.requeue(d.id);
  }
}

/** DFDG refused the command (or it was quarantined): keep the optimistic row, marked as not final. */
export function applyRejected(store: Store, outbox: Outbox, rec: OutboxRecord): void {
  const cmd = rec.command;
  if (cmd?.kind === 'absence.delete') store.absences.unhide(cmd.payload.absenceId);
  if (cmd?.kind === 'meeting.cancel') store.meetings.unhide(cmd.payload.meetingId);
  for (const d of outbox.dependents(rec.id)) {
    if (d.state === 'queued' || d.state === 'failed') {
      outbox.markRejected(
        d.id,
        localError('dependency', 'Venter på en anden kommando, som DFDG afviste. Ret eller annullér den først.', d.kind),
      );
    }
  }
}

/**
 * The caseworker cancelled the command: undo its optimistic effect, give a message back as a draft (so
 * nothing written is lost), and cancel the commands that depend on it. Returns the restored draft.
 */
export function applyCancelled(store: Store, outbox: Outbox, rec: OutboxRecord, now: string): MessageDraft | null {
  const cmd = rec.command;
  let restored: MessageDraft | null = null;
  if (cmd) {
    if (isMessageKind(cmd.kind)) {
      restored = draftFromCommand(cmd.payload as CommandPayloads['message.create'], rec.id, now);
      store.drafts.put(restored);
    } else if (cmd.kind === 'absence.create') {
      store.absences.revert(cmd.payload.absenceId, rec.id, null);
    } else if (cmd.kind === 'absence.update' || cmd.kind === 'absence.delete') {
      store.absences.revert(cmd.payload.absenceId, rec.id, cmd.payload.previous);
    } else if (cmd.kind === 'activity.create') {
      store.activities.revert(cmd.payload.activityId, rec.id);
    } else if (cmd.kind === 'activity.end' || cmd.kind === 'activity.update') {
      store.activities.revert(cmd.payload.activityId, rec.id, cmd.payload.previous);
    } else if (cmd.kind === 'meeting.create') {
      store.meetings.revert(cmd.payload.meetingId, rec.id, null);
    } else if (cmd.kind === 'meeting.update' || cmd.kind === 'meeting.cancel') {
      store.meetings.revert(cmd.payload.meetingId, rec.id, cmd.payload.previous);
    }
  }
  for (const d of outbox.dependents(rec.id)) {
    if (d.state !== 'sent' && d.state !== 'cancelled' && d.state !== 'sending' && outbox.markCancelled(d.id)) {
      applyCancelled(store, outbox, outbox.get(d.id)!, now);
    }
  }
  return restored;
}

/** The draft a message command came from (or one rebuilt from the command). */
export function draftFromCommand(p: CommandPayloads['message.create'], commandId: string, now: string): MessageDraft {
  const base = p.draft;
  return {
    id: base?.id ?? commandId,
    cpr: p.cpr,
    contextType: p.contextType,
    channel: p.channel,
    subject: p.subject,
    body: p.body,
    allowReply: p.allowReply,
    replyTo: p.responseToId,
    to: p.to,
    recommendation: base?.recommendation ?? null,
    attachments: p.attachments,
    createdAt: base?.createdAt ?? now,
    updatedAt: now,
  };
}
