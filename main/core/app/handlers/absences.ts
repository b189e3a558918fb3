import { randomUUID } from 'node:crypto';
import type { Absence, AbsenceInput, Citizen, Finding } from '../../../../shared/domain';
import type { IpcHandlers } from '../../../../shared/ipc';
import { absenceAsOf, checkAbsence, consequencesOfAbsence, type Consequence } from '../../../../shared/rules';
import { codeName } from '../../../../shared/codelists';
import { formatDate } from '../../../../shared/dates';
import { CoreError } from '../../errors';
import { orgKey } from '../../sync/outbox';
import type { CoreContext } from '../context';
import { citizenForCommand, readPart } from '../reads';
import { rulesError } from './drafts';

const CONSEQUENCE_RULE: Record<Consequence['id'], string> = {
  'selfbooking-exempt': 'ABS_SELFBOOK_EXEMPT',
  'no-selfbooking-deadline': 'ABS_SELFBOOK_EXEMPT',
  'joblog-exempt': 'ABS11_JOBLOG_KG7',
  'no-dagpenge': 'ABS79_GROUP',
  'notifies-both': 'ABS_NOTIFY',
  'activation-exempt': 'ABS_ACTIVATION_EXEMPT',
  'contact-course-exempt': 'ABS_CONTACT_COURSE_EXEMPT',
  'registered-elsewhere': 'ABS_CONSEQUENCE',
};

/** The rules' findings plus what the absence means for the citizen (as info findings). Also used on resubmit. */
export function absenceFindings(c: CoreContext, citizen: Citizen | null, command: Parameters<typeof checkAbsence>[0]): Finding[] {
  // Judged as the renderer judges it (absenceAsOf: the start date, a deletion today), so both agree.
  const today = c.today();
  const cmd = { today, ...command };
  const ctx = c.ruleCtx(citizen, absenceAsOf(cmd, today));
  const findings = checkAbsence(cmd, ctx);
  if (cmd.action !== 'delete' && cmd.type !== null) {
    for (const k of consequencesOfAbsence(cmd.type, ctx)) {
      const ruleId = CONSEQUENCE_RULE[k.id] ?? 'ABS_CONSEQUENCE';
      if (!findings.some((f) => f.ruleId === ruleId && f.message === k.text)) findings.push({ ruleId, severity: 'info', field: 'type', message: k.text });
    }
  }
  return findings;
}

/** The outbox line for an absence command, e.g. "Nyt fravær: Ferie … 01-12-2026 – 14-12-2026". */
export function absenceSummary(verb: string, input: Pick<AbsenceInput, 'type' | 'start' | 'end'>, c: CoreContext): string {
  const period = input.end ? `${formatDate(input.start)} – ${formatDate(input.end)}` : `fra ${formatDate(input.start)}`;
  return `${verb}: ${codeName('AbsenceTypeIdentifier', input.type, c.codeLists())} ${period}`;
}

export function absenceHandlers(c: CoreContext): Pick<IpcHandlers, 'absences.list' | 'absences.create' | 'absences.update' | 'absences.delete'> {
  const requireAbsence = (cpr: string, id: string) => {
    const a = c.store.absences.get(id);
    if (!a || a.item.cpr !== cpr || a.hidden) throw new CoreError('not-found', 'Fraværet findes ikke længere. Opdatér borgerens fravær.');
    return a;
  };

  return {
    async 'absences.list'({ cpr }) {
      c.requireIdentity();
      const freshness = await readPart(c, cpr, 'absences', {
        action: 'absences.read',
        purpose: 'absence',
        fetch: (cl, ctx) => cl.fravaer.getAlleFravaer(ctx, cpr),
        save: (list, at) => c.store.absences.replaceFromDfdg(cpr, list, at),
      });
      const absences = c.store.absences.list(cpr).sort((a, b) => b.start.localeCompare(a.start));
      return { absences, freshness };
    },

    async 'absences.create'({ cpr, input }) {
      const identity = c.requireIdentity();
      const citizen = await citizenForCommand(c, cpr, 'absence');
      const findings = absenceFindings(c, citizen, { action: 'create', type: input.type, start: input.start, end: input.end, comment: input.comment });
      if (findings.some((f) => f.severity === 'error')) throw rulesError(findings, 'Fraværet er ikke registreret');
      const absence: Absence = {
        id: randomUUID(),
        cpr,
        ...input,
        registeredBy: { organisationType: identity.organisation.type === 'akasse' ? 2 : 8, organisationCode: identity.organisation.code },
        createdAt: c.nowIso(),
      };
      const commandId = c.store.transaction(() => {
        const rec = c.outbox.enqueue({
          kind: 'absence.create',
          cpr,
          org: orgKey(identity),
          citizenName: citizen.name,
          summary: absenceSummary('Nyt fravær', input, c),
          payload: { cpr, absenceId: absence.id, input },
        });
        c.store.absences.putPending(absence, rec.id);
        c.audit.record({ cpr, action: 'command.queued', source: 'command', purpose: 'outbox:absence.create' });
        return rec.id;
      });
      c.engine.kick();
      c.events.outboxChanged(() => ({ status: c.engine.status() }));
      return { commandId, absence: { ...absence, pendingCommandId: commandId }, findings };
    },

    async 'absences.update'({ cpr, absenceId, input, rectificationComment }) {
      const identity = c.requireIdentity();
      const citizen = await citizenForCommand(c, cpr, 'absence');
      const current = requireAbsence(cpr, absenceId);
      const findings = absenceFindings(c, citizen, {
        action: 'update',
        type: input.type,
        start: input.start,
        end: input.end,
        comment: input.comment,
        previousType: current.item.type,
        // A begun absence needs a rectification comment to be corrected (ABS_RECTIFICATION_COMMENT).
        previousStart: current.item.start,
        today: c.today(),
        rectificationComment,
      });
      if (findings.some((f) => f.severity === 'error')) throw rulesError(findings, 'Fraværet er ikke rettet');
      const next: Absence = { ...current.item, ...input, updatedAt: c.nowIso() };
      const commandId = c.store.transaction(() => {
        const rec = c.outbox.enqueue({
          kind: 'absence.update',
          cpr,
          org: orgKey(identity),
          citizenName: citizen.name,
          summary: absenceSummary('Rettet fravær', input, c),
          payload: { cpr, absenceId, input, rectificationComment: rectificationComment?.trim() || null, previous: { ...current.item, pendingCommandId: null } },
        });
        c.store.absences.putPending(next, rec.id);
        c.audit.record({ cpr, action: 'command.queued', source: 'command', purpose: 'outbox:absence.update' });
        return rec.id;
      });
      c.engine.kick();
      c.events.outboxChanged(() => ({ status: c.engine.status() }));
      return { commandId, absence: { ...next, pendingCommandId: commandId }, findings };
    },

    async 'absences.delete'({ cpr, absenceId, rectificationComment }) {
      const identity = c.requireIdentity();
      const citizen = await citizenForCommand(c, cpr, 'absence');
      const current = requireAbsence(cpr, absenceId);
      const a = current.item;
      const findings = absenceFindings(c, citizen, { action: 'delete', type: a.type, start: a.start, end: a.end, today: c.today(), rectificationComment });
      if (findings.some((f) => f.severity === 'error')) throw rulesError(findings, 'Fraværet er ikke slettet');
      const commandId = c.store.transaction(() => {
        const rec = c.outbox.enqueue({
          kind: 'absence.delete',
          cpr,
          org: orgKey(identity),
          citizenName: citizen.name,
          summary: absenceSummary('Slettet fravær', a, c),
          payload: { cpr, absenceId, rectificationComment: rectificationComment.trim(), previous: { ...a, pendingCommandId: null } },
        });
        c.store.absences.hidePending(absenceId, rec.id);
        c.audit.record({ cpr, action: 'command.queued', source: 'command', purpose: 'outbox:absence.delete' });
        return rec.id;
      });
      c.engine.kick();
      c.events.outboxChanged(() => ({ status: c.engine.status() }));
      return { commandId, findings };
    },
  };
}
