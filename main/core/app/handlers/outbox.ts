import type { CommandKind, MessageDraft, OutboxItem } from '../../../../shared/domain';
import { outboxExplanation } from '../../../../shared/dfdgErrors';
import type { IpcHandlers } from '../../../../shared/ipc';
import { CoreError } from '../../errors';
import { isMessageKind, type AnyCommand, type CommandPayloads } from '../../sync/commands';
import { applyCancelled, draftFromCommand } from '../../sync/effects';
import { localReason, type OutboxRecord } from '../../sync/outbox';
import type { CoreContext } from '../context';
import { absenceFindings, absenceSummary } from './absences';
import { meetingFindings, meetingFromInput, meetingSummary } from './meetings';
import { checkMessage, rulesError } from './drafts';
import { activityChangeFindings, activityChangeSummary, type ActivityChange } from './plan';

const EDITABLE: CommandKind[] = ['message.create', 'recommendation.answer', 'absence.create', 'absence.update', 'absence.delete',
  'meeting.create', 'meeting.update',
  'activity.end', 'activity.update',
];

export function toItem(r: OutboxRecord): OutboxItem {
  return {
    id: r.id,
    kind: r.kind,
    cpr: r.cpr,
    citizenName: r.citizenName,
    summary: r.summary,
    state: r.state,
    attempts: r.attempts,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    nextAttemptAt: r.state === 'failed' ? r.nextAttemptAt : null,
    sentAt: r.sentAt,
    receipt: r.receipt,
    error: r.error,
    explanation: outboxExplanation(r.state, r.error, r.kind),
    editable: r.state === 'rejected' && r.command !== null && EDITABLE.includes(r.kind),
  };
}

/** Why a command cannot be cancelled now (null: it can). `busy`: a call or read-back of it is under way. */
export function cancelRefusal(r: OutboxRecord, busy: boolean): string | null {
  if (r.uncertain) {
    return (
      'Afsendelsen kan ikke annulleres: forbindelsen blev afbrudt, før DFDG svarede, og vi undersøger, om DFDG har modtaget den. ' +
      'Den sendes ikke igen, før det er afklaret. Annullerede du nu, kunne den være sendt alligevel, og sendte du den igen, fik DFDG den to gange.'
    );
  }
  if (r.state === 'sending' || busy) {
    return 'Afsendelsen er i gang, så den kan ikke annulleres nu: DFDG kan allerede have modtaget den. Vent, til udbakken viser, om den er sendt.';
  }
  return null;
}

export function outboxHandlers(c: CoreContext): Pick<IpcHandlers, 'outbox.list' | 'outbox.retry' | 'outbox.cancel' | 'outbox.get' | 'outbox.resubmit' | 'sync.now'> {
  const require = (id: string) => {
    const r = c.outbox.get(id);
    if (!r) throw new CoreError('not-found', 'Registreringen findes ikke i udbakken.');
    return r;
  };
  const changed = () => {
    c.engine.kick();
    c.events.outboxChanged(() => ({ status: c.engine.status() }));
  };

  return {
    async 'outbox.list'() {
      return { items: c.outbox.list().map(toItem), status: c.syncStatus() };
    },

    async 'outbox.retry'({ id }) {
      const r = require(id);
      const reason = localReason(r.error);
      if ((r.state === 'failed' || r.state === 'queued') && !c.engine.busy(id)) {
        if (!c.outbox.requeue(id)) throw new CoreError('conflict', 'Registreringen sendes netop nu.');
      } else if (r.state === 'rejected' && (reason === 'gave-up' || reason === 'too-old')) {
        // Sent again on the caseworker's word: a fresh attempt cap, and a time budget from the next try.
        if (!c.outbox.requeue(id, { resetAttempts: true })) throw new CoreError('conflict', 'Registreringen er ikke afvist længere. Opdatér udbakken.');
      } else {
        throw new CoreError('conflict', r.state === 'sending' || c.engine.busy(id) ? 'Registreringen sendes netop nu.' : r.state === 'rejected' ? 'DFDG har afvist registreringen. Ret den, før den sendes igen.' : 'Registreringen er ikke i kø.');
      }
      changed();
      return toItem(c.outbox.get(id)!);
    },

    async 'outbox.cancel'({ id }) {
      if (require(id).state === 'sending') await c.engine.whenSettled(id);
      const r = require(id);
      if (r.state === 'sent' || r.state === 'cancelled') throw new CoreError('conflict', r.state === 'sent' ? 'Registreringen er allerede sendt til DFDG.' : 'Registreringen er allerede annulleret.');
      // While DFDG may have it, a cancel would give the draft back to be sent a second time (or leave a
      // cancelled command that DFDG holds): refused, and said why.
      const refusal = cancelRefusal(r, c.engine.busy(id));
      if (refusal) throw new CoreError('conflict', refusal);
      const cancelled = c.store.transaction(() => {
        if (!c.outbox.markCancelled(id)) return false;
        applyCancelled(c.store, c.outbox, c.outbox.get(id)!, c.nowIso());
        c.audit.record({ cpr: r.cpr, action: 'command.cancelled', source: 'command', purpose: `outbox:${r.kind}` });
        return true;
      });
      if (!cancelled) throw new CoreError('conflict', cancelRefusal(require(id), true) ?? 'Registreringen kan ikke annulleres lige nu. Prøv igen om et øjeblik.');
      changed();
      return toItem(c.outbox.get(id)!);
    },

    async 'outbox.get'({ id }) {
      const r = require(id);
      const cmd = r.command;
      let message = null;
      let absence = null;
      if (cmd && isMessageKind(cmd.kind)) {
        const p = cmd.payload as CommandPayloads['message.create'];
        message = { contextType: p.contextType, channel: p.channel, subject: p.subject, body: p.body };
      } else if (cmd?.kind === 'absence.create') {
        absence = { absenceId: cmd.payload.absenceId, input: cmd.payload.input, rectificationComment: null, previous: null };
      } else if (cmd && (cmd.kind === 'absence.update' || cmd.kind === 'absence.delete')) {
        // The absence as it was before the correction or deletion: the rules need its type and start
        // (a begun absence needs a rectification comment; a historic one may not be deletable).
        const prev = cmd.payload.previous;
        absence = {
          absenceId: cmd.payload.absenceId,
          input: cmd.kind === 'absence.update' ? cmd.payload.input : null,
          rectificationComment: cmd.payload.rectificationComment,
          previous: prev ? { type: prev.type, start: prev.start, end: prev.end } : null,
        };
      }
      let activity = null;
      if (cmd && (cmd.kind === 'activity.end' || cmd.kind === 'activity.update')) {
        const p = cmd.payload;
        const prev = p.previous;
        activity = {
          activityId: p.activityId,
          start: cmd.kind === 'activity.update' ? cmd.payload.start : null,
          end: p.end,
          endReason: cmd.kind === 'activity.end' ? cmd.payload.endReason : null,
          previous: prev ? { name: prev.name, start: prev.start, end: prev.end, endReason: prev.endReason } : null,
        };
      }
      let meeting = null;
      if (cmd && (cmd.kind === 'meeting.create' || cmd.kind === 'meeting.update' || cmd.kind === 'meeting.cancel')) {
        meeting = {
          meetingId: cmd.payload.meetingId,
          input: cmd.kind === 'meeting.cancel' ? null : cmd.payload.input,
          previous: cmd.kind === 'meeting.create' ? null : cmd.payload.previous,
        };
      }
      return { item: toItem(r), message, absence, meeting, activity };
    },

    async 'outbox.resubmit'({ id, message, absence, meeting, activity }) {
      c.requireIdentity();
      const r = require(id);
      if (r.state !== 'rejected' || !r.command || !EDITABLE.includes(r.kind)) {
        throw new CoreError('conflict', 'Kun registreringer, som DFDG har afvist, kan rettes og sendes igen.');
      }
      const citizen = c.store.citizens.get(r.cpr)?.citizen ?? null;
      const cmd = r.command;
      let payload: AnyCommand['payload'];
      let findings;
      let activityChanged: { change: ActivityChange; name: string } | null = null;
      if (isMessageKind(cmd.kind)) {
        const p = cmd.payload as CommandPayloads['message.create'];
        const next = { ...p, ...(message ?? {}) };
        const asDraft: MessageDraft = draftFromCommand(next, r.id, c.nowIso());
        findings = checkMessage(c, asDraft, citizen);
        if (findings.some((f) => f.severity === 'error')) throw rulesError(findings, 'Registreringen er ikke sendt igen');
        payload = { ...next, draft: p.draft ? { ...p.draft, ...(message ?? {}) } : null };
      } else if (cmd.kind === 'absence.create' || cmd.kind === 'absence.update') {
        const p = cmd.payload;
        const input = absence?.input ?? p.input;
        // The same rules as absences.create/update (with the absence as it was before the correction).
        const rect = (absence?.rectificationComment !== undefined ? absence.rectificationComment : cmd.kind === 'absence.update' ? cmd.payload.rectificationComment : null)?.trim() || null;
        const prev = cmd.kind === 'absence.update' ? cmd.payload.previous : null;
        findings = absenceFindings(c, citizen, {
          action: cmd.kind === 'absence.create' ? 'create' : 'update',
          type: input.type,
          start: input.start,
          end: input.end,
          comment: input.comment,
          ...(prev ? { previousType: prev.type, previousStart: prev.start } : {}),
          today: c.today(),
          rectificationComment: rect,
        });
        if (findings.some((f) => f.severity === 'error')) throw rulesError(findings, 'Fraværet er ikke sendt igen');
        payload = cmd.kind === 'absence.create' ? { ...p, input } : { ...cmd.payload, input, rectificationComment: rect };
      } else if (cmd.kind === 'absence.delete') {
        const p = cmd.payload;
        // An explicit null or blank comment is the caseworker's: refused by the rules, not replaced by the old one.
        const rect = (absence?.rectificationComment !== undefined ? absence.rectificationComment : p.rectificationComment)?.trim() ?? '';
        const prev = p.previous;
        findings = absenceFindings(c, citizen, { action: 'delete', type: prev?.type ?? null, start: prev?.start ?? c.today(), end: prev?.end ?? null, today: c.today(), rectificationComment: rect });
        if (findings.some((f) => f.severity === 'error')) throw rulesError(findings, 'Sletningen er ikke sendt igen');
        payload = { ...p, rectificationComment: rect };
      } else if (cmd.kind === 'activity.end' || cmd.kind === 'activity.update') {
        // The same rules as plan.endActivity / plan.updateActivity, against the activity as it was.
        const p = cmd.payload;
        const base = { start: p.previous?.start ?? c.store.activities.get(p.activityId)?.start ?? '' };
        const change: ActivityChange =
          cmd.kind === 'activity.end'
            ? { kind: 'activity.end', end: activity?.end ?? cmd.payload.end, endReason: activity?.endReason ?? cmd.payload.endReason }
            : { kind: 'activity.update', start: activity?.start ?? cmd.payload.start, end: activity?.end !== undefined ? activity.end : cmd.payload.end };
        findings = activityChangeFindings(c, citizen, base, change);
        if (findings.some((f) => f.severity === 'error')) throw rulesError(findings, 'Ændringen er ikke sendt igen');
        payload = change.kind === 'activity.end' ? { ...p, end: change.end, endReason: change.endReason } : { ...p, start: change.start, end: change.end };
        activityChanged = { change, name: p.previous?.name ?? '' };
      } else if (cmd.kind === 'meeting.create' || cmd.kind === 'meeting.update') {
        // The same rules as meetings.create/update.
        const input = meeting?.input ?? cmd.payload.input;
        findings = meetingFindings(c, citizen, r.cpr, input);
        if (findings.some((f) => f.severity === 'error')) throw rulesError(findings, 'Indkaldelsen er ikke sendt igen');
        payload = { ...cmd.payload, input };
      } else {
        throw new CoreError('conflict', 'Denne registrering kan ikke rettes.');
      }
      // The outbox line follows an edited period or type.
      const summary =
        cmd.kind === 'absence.create' || cmd.kind === 'absence.update'
          ? absenceSummary(cmd.kind === 'absence.create' ? 'Nyt fravær' : 'Rettet fravær', (payload as CommandPayloads['absence.create']).input, c)
          : activityChanged
            ? activityChangeSummary(c, activityChanged.name, activityChanged.change)
            : cmd.kind === 'meeting.create' || cmd.kind === 'meeting.update'
            ? meetingSummary(cmd.kind === 'meeting.create' ? 'Ny indkaldelse' : 'Ombooket indkaldelse', (payload as CommandPayloads['meeting.create']).input, c)
            : undefined;
      c.store.transaction(() => {
        if (!c.outbox.requeue(id, { payload, ...(summary ? { summary } : {}) })) {
          throw new CoreError('conflict', 'Kun registreringer, som DFDG har afvist, kan rettes og sendes igen.');
        }
        // The optimistic effect follows the edit.
        if (cmd.kind === 'absence.create' || cmd.kind === 'absence.update') {
          const p = payload as CommandPayloads['absence.create'];
          const current = c.store.absences.get(p.absenceId)?.item;
          if (current) c.store.absences.retag(p.absenceId, id, { ...current, ...p.input }, false);
        } else if (cmd.kind === 'absence.delete') {
          c.store.absences.retag(cmd.payload.absenceId, id, null, true);
        } else if (activityChanged && (cmd.kind === 'activity.end' || cmd.kind === 'activity.update')) {
          const current = c.store.activities.get(cmd.payload.activityId) ?? cmd.payload.previous;
          const ch = activityChanged.change;
          if (current) {
            const next = ch.kind === 'activity.end' ? { ...current, end: ch.end, endReason: ch.endReason } : { ...current, start: ch.start, end: ch.end };
            c.store.activities.putPending({ ...next, pendingCommandId: null }, id);
          }
        } else if (cmd.kind === 'meeting.create' || cmd.kind === 'meeting.update') {
          const p = payload as CommandPayloads['meeting.create'];
          const current = c.store.meetings.get(p.meetingId)?.item;
          if (current) c.store.meetings.retag(p.meetingId, id, meetingFromInput(p.meetingId, p.cpr, p.input, current.organisation, current), false);
        }
        c.audit.record({ cpr: r.cpr, action: 'command.resubmitted', source: 'command', purpose: `outbox:${r.kind}` });
      });
      changed();
      return { item: toItem(c.outbox.get(id)!), findings };
    },

    async 'sync.now'() {
      c.engine.kick();
      if (c.canReachDfdg()) await c.poller.pollNow().catch(() => null);
      return c.syncStatus();
    },
  };
}
