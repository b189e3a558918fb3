import { randomUUID } from 'node:crypto';
import { ORGANISATION_TYPE_ID, type Activity, type CitizenMessage, type Cpr, type Finding, type MessageDraft } from '../../../../shared/domain';
import { MAX_BODY_CHARS } from '../../../../shared/constants';
import { DECISION_NOTE } from '../../../../shared/drafts';
import { formatDate } from '../../../../shared/dates';
import type { ChannelResponse, IpcHandlers } from '../../../../shared/ipc';
import { recommendationOutcomes, type RecommendationDecision, type RecommendationEvidence } from '../../../../shared/recommendationOutcome';
import { checkPlanChange } from '../../../../shared/rules';
import { findCode } from '../../../../shared/codelists';
import { CoreError } from '../../errors';
import { orgKey } from '../../sync/outbox';
import { isTransient, offlineError, type CoreContext } from '../context';
import { citizenForCommand, readPart } from '../reads';
import { checkMessage, messagePayload, rulesError } from './drafts';

type RecommendationStatus = ChannelResponse<'plan.list'>['recommendations'][number];

/**
 * The status of each type 11 "Indstilling om tilbud" about the citizen that this organisation sent
 * (a-kasse) or received (jobcenter), decided by shared/recommendationOutcome from evidence only: Min
 * plan's activities, the proposal and decision this client holds as data (recommendation_facts, and
 * the commands still in the outbox), and the answers in the thread.
 */
export function recommendationStatuses(c: CoreContext, cpr: Cpr, activities: Activity[]): RecommendationStatus[] {
  const org = c.requireIdentity().organisation;
  const orgType = ORGANISATION_TYPE_ID[org.type];
  const messages = c.store.messages.listByCpr(cpr);
  const children = new Map<string, CitizenMessage[]>();
  for (const m of messages) {
    if (!m.responseToId) continue;
    const list = children.get(m.responseToId) ?? [];
    list.push(m);
    children.set(m.responseToId, list);
  }
  const descendants = (id: string): CitizenMessage[] => {
    const out: CitizenMessage[] = [];
    const stack = [...(children.get(id) ?? [])];
    const seen = new Set<string>();
    while (stack.length) {
      const m = stack.pop()!;
      if (seen.has(m.id)) continue;
      seen.add(m.id);
      out.push(m);
      stack.push(...(children.get(m.id) ?? []));
    }
    return out;
  };
  const ours = (m: CitizenMessage) =>
    org.type === 'akasse'
      ? m.from.organisationCode === org.code && (m.from.organisationType === null || m.from.organisationType === orgType)
      : m.to?.organisationCode === org.code && m.to.organisationType === orgType;

  const facts = new Map(c.store.recommendations.list(cpr).map((f) => [f.messageId, f]));
  // Answers and grants still in the outbox (not yet in recommendation_facts).
  const unsent = new Map<string, RecommendationDecision>();
  const unsentActivity = new Map<string, string>();
  for (const r of c.outbox.byCpr(cpr)) {
    if (!r.command || r.state === 'sent' || r.state === 'cancelled') continue;
    if (r.command.kind === 'recommendation.answer') {
      const p = r.command.payload;
      unsent.set(p.recommendationMessageId, { decision: p.decision, at: r.createdAt, sent: false, activityId: null });
    } else if (r.command.kind === 'activity.create' && r.command.payload.recommendationMessageId) {
      unsentActivity.set(r.command.payload.recommendationMessageId, r.command.payload.activityId);
    }
  }

  const recs = messages.filter((m) => m.contextType === 11 && ours(m));
  const evidence: RecommendationEvidence[] = recs.map((rec) => {
    const f = facts.get(rec.id);
    const activityId = f?.activityId ?? unsentActivity.get(rec.id) ?? null;
    const decision: RecommendationDecision | null =
      f?.decision && f.decidedAt ? { decision: f.decision, at: f.decidedAt, sent: true, activityId } : unsent.has(rec.id) ? { ...unsent.get(rec.id)!, activityId } : null;
    return {
      id: rec.id,
      sentAt: rec.createdAt,
      proposal: f?.proposal ?? null,
      answers: descendants(rec.id)
        .filter((m) => m.from.organisationCode !== rec.from.organisationCode)
        .map((m) => ({ id: m.id, at: m.createdAt })),
      decision,
    };
  });
  const outcomes = recommendationOutcomes(evidence, activities, { codeLists: c.codeLists() });

  return recs
    .map((rec, i) => {
      const o = outcomes[i]!;
      return {
        messageId: rec.id,
        subject: rec.subject,
        sentAt: rec.createdAt,
        status: o.status,
        evidence: o.evidence,
        answerMessageId: o.answerMessageId,
        answeredAt: o.answeredAt,
        activityId: o.activityId,
      } satisfies RecommendationStatus;
    })
    .sort((a, b) => b.sentAt.localeCompare(a.sentAt));
}

export function planHandlers(
  c: CoreContext,
): Pick<IpcHandlers, 'plan.list' | 'meetings.list' | 'joblog.list' | 'companies.lookup' | 'recommendations.answer' | 'plan.endActivity' | 'plan.updateActivity'> {
  return {
    ...activityChangeHandlers(c),

    async 'plan.list'({ cpr }) {
      c.requireIdentity();
      const freshness = await readPart(c, cpr, 'activities', {
        action: 'plan.read',
        purpose: 'plan',
        fetch: (cl, ctx) => cl.personActivityStatus.getPersonActivityStatus(ctx, cpr),
        save: (list, at) => c.store.activities.replaceFromDfdg(cpr, list, at),
      });
      // The recommendations live in the Dialogmodul: keep the messages fresh too (best effort).
      await readPart(c, cpr, 'messages', {
        action: 'messages.read',
        purpose: 'plan',
        fetch: (cl, ctx) => cl.citizenMessage.getCitizenMessages(ctx, cpr),
        save: (msgs, at) => c.store.messages.replaceForCitizen(cpr, msgs, at),
      }).catch(() => null);
      const activities = c.store.activities.list(cpr).sort((a, b) => b.start.localeCompare(a.start));
      return { activities, recommendations: recommendationStatuses(c, cpr, activities), freshness };
    },

    async 'meetings.list'({ cpr }) {
      c.requireIdentity();
      const freshness = await readPart(c, cpr, 'meetings', {
        action: 'meetings.read',
        purpose: 'meetings',
        fetch: (cl, ctx) => cl.indkaldelse.getIndkaldelser(ctx, cpr),
        save: (list, at) => c.store.meetings.replaceFromDfdg(cpr, list, at),
      });
      return { meetings: c.store.meetings.list(cpr).sort((a, b) => b.start.localeCompare(a.start)), freshness };
    },

    async 'joblog.list'({ cpr }) {
      c.requireIdentity();
      const freshness = await readPart(c, cpr, 'joblog', {
        action: 'joblog.read',
        purpose: 'joblog',
        fetch: (cl, ctx) => cl.joblog.getJoblog(ctx, cpr),
        save: (list, at) => c.store.joblog.replace(cpr, list, at),
      });
      return { entries: c.store.joblog.list(cpr).sort((a, b) => b.submissionDate.localeCompare(a.submissionDate)), freshness };
    },

    async 'companies.lookup'({ cvr, pNumber }) {
      try {
        const companies = await c.dfdg((cl, ctx) => cl.virksomhedskonto.getVirksomhedskonto(ctx, { ...(cvr ? { cvr } : {}), ...(pNumber ? { pNumber } : {}) }));
        return { companies };
      } catch (e) {
        if (isTransient(e)) throw offlineError(c, e, 'DFDG kan ikke nås lige nu, og virksomhedsopslag gemmes ikke på computeren. Prøv igen om lidt.', 'Virksomhedsopslag gemmes ikke på computeren.');
        throw e;
      }
    },

    async 'recommendations.answer'({ cpr, messageId, advisoryId, decision, body, reasons, activity }) {
      const identity = c.requireIdentity();
      if (identity.organisation.type !== 'jobcenter') {
        throw new CoreError('rules', 'Kun jobcentret svarer på en indstilling om tilbud.', {
          findings: [{ ruleId: 'REC_ANSWER_JOBCENTER', severity: 'error', message: 'Kun jobcentret svarer på en indstilling om tilbud.' }],
        });
      }
      const citizen = await citizenForCommand(c, cpr, 'advisory');
      const rec = c.store.messages.get(messageId);
      if (!rec || rec.cpr !== cpr || rec.contextType !== 11) {
        throw new CoreError('not-found', 'Indstillingen findes ikke blandt borgerens beskeder. Opdatér beskederne og prøv igen.');
      }
      const findings: Finding[] = [];
      if (decision === 'reject' && !reasons?.trim()) {
        findings.push({ ruleId: 'REC_REASONS_REQUIRED', severity: 'error', field: 'reasons', message: 'Skriv begrundelsen for afslaget. Den skal gives til både medlemmet og a-kassen.' });
      }
      if (decision === 'grant') {
        if (!activity) {
          findings.push({ ruleId: 'REC_ACTIVITY_REQUIRED', severity: 'error', field: 'activity', message: 'Udfyld aktiviteten, der oprettes i Min plan, når tilbuddet bevilges.' });
        } else {
          findings.push(...checkPlanChange({ start: activity.start, end: activity.end }, c.ruleCtx(citizen)));
        }
      }
      const period = activity ? `${formatDate(activity.start)}${activity.end ? ` til ${formatDate(activity.end)}` : ''}` : '';
      const text =
        decision === 'grant'
          ? `${body.trim()}\n\nIndstillingen er imødekommet: ${activity?.name ?? ''} fra ${period}, ${activity?.hoursPerWeek ?? 0} timer om ugen. Aktiviteten oprettes i Min plan.\n\n${DECISION_NOTE}`
          : `${body.trim()}\n\nIndstillingen er afvist.\nBegrundelse: ${reasons?.trim() ?? ''}\n\n${DECISION_NOTE}`;
      const now = c.nowIso();
      const replyDraft: MessageDraft = {
        id: `answer-${messageId}`.slice(0, 64),
        cpr,
        contextType: 1,
        channel: 4,
        subject: 'Svar på indstilling om tilbud',
        body: text.slice(0, MAX_BODY_CHARS),
        allowReply: true,
        replyTo: rec.id,
        to: rec.from.organisationCode ? { organisationType: rec.from.organisationType ?? ORGANISATION_TYPE_ID.akasse, organisationCode: rec.from.organisationCode } : null,
        recommendation: null,
        attachments: [],
        createdAt: now,
        updatedAt: now,
      };
      findings.push(...checkMessage(c, replyDraft, citizen));
      if (findings.some((f) => f.severity === 'error')) throw rulesError(findings, 'Svaret er ikke sendt');

      const org = orgKey(identity);
      const commandIds = c.store.transaction(() => {
        const ids: string[] = [];
        let dependsOn: string | null = null;
        if (decision === 'grant' && activity) {
          const activityId = randomUUID();
          const act = c.outbox.enqueue({
            kind: 'activity.create',
            cpr,
            org,
            citizenName: citizen.name,
            summary: `Aktivitet i Min plan: ${activity.name}`,
            payload: { cpr, activityId, input: activity, recommendationMessageId: rec.id },
          });
          c.store.activities.putPending(
            {
              id: activityId,
              cpr,
              name: activity.name,
              activationType: activity.activationType,
              start: activity.start,
              end: activity.end,
              endReason: null,
              hoursPerWeek: activity.hoursPerWeek,
              responsibleAuthority: { code: identity.organisation.code, name: identity.organisation.name },
              createdAt: now,
            },
            act.id,
          );
          c.audit.record({ cpr, action: 'command.queued', source: 'command', purpose: 'outbox:activity.create' });
          ids.push(act.id);
          dependsOn = act.id;
        }
        const advisory = advisoryId ? c.store.advisories.get(advisoryId) : (c.store.advisories.byEntity(rec.id, 'recommendation-received')[0] ?? null);
        const reply = c.outbox.enqueue({
          kind: 'recommendation.answer',
          cpr,
          org,
          citizenName: citizen.name,
          summary: decision === 'grant' ? 'Svar på indstilling: bevilget' : 'Svar på indstilling: afvist',
          payload: { ...messagePayload(c, replyDraft), draft: null, decision, recommendationMessageId: rec.id, advisoryId: advisory?.id ?? null },
          dependsOn,
        });
        c.audit.record({ cpr, action: 'command.queued', source: 'command', purpose: 'outbox:recommendation.answer' });
        ids.push(reply.id);
        if (advisory && advisory.status !== 'done') c.store.advisories.setStatus(advisory.id, 'done', now, identity.caseworker.fullName);
        return ids;
      });
      c.engine.kick();
      c.events.outboxChanged(() => ({ status: c.engine.status() }));
      c.events.emit('inbox.changed', { open: c.store.advisories.countOpen() });
      return { commandIds, findings };
    },
  };
}

/** What an end or a date change of an activity sets (the outbox command's payload without its ids). */
export type ActivityChange = { kind: 'activity.end'; end: string; endReason: number } | { kind: 'activity.update'; start: string; end: string | null };

/**
 * The findings for ending an activity or changing its dates, judged in main as the Min plan form
 * judges them (shared/rules checkPlanChange, the same call): an end is checked as of its end date
 * against the activity's start, so its ophørsårsag must be one a caseworker may use on that date
 * (never 14 or 15, PLAN_END_REASON_SYSTEM; one not valid then warns, PLAN_END_REASON_VALID). Also
 * used on resubmit from the Udbakke.
 */
export function activityChangeFindings(c: CoreContext, citizen: Parameters<CoreContext['ruleCtx']>[0], activity: Pick<Activity, 'start'>, change: ActivityChange): Finding[] {
  return change.kind === 'activity.end'
    ? checkPlanChange({ start: activity.start.slice(0, 10), end: change.end, endReason: change.endReason }, c.ruleCtx(citizen, change.end))
    : checkPlanChange({ start: change.start, end: change.end }, c.ruleCtx(citizen));
}

/** The outbox line for an activity change. */
export function activityChangeSummary(c: CoreContext, name: string, change: ActivityChange): string {
  const reason = change.kind === 'activity.end' ? findCode('ActivityEndReasonTypeIdentifier', change.endReason, c.codeLists()) : undefined;
  return change.kind === 'activity.end'
    ? `Aktivitet afsluttet: ${name} pr. ${formatDate(change.end)} (ophørsårsag ${change.endReason}${reason ? ` »${reason.name}«` : ''})`
    : `Aktivitet flyttet: ${name} ${formatDate(change.start)} – ${change.end ? formatDate(change.end) : 'løbende'}`;
}

function activityChangeHandlers(c: CoreContext): Pick<IpcHandlers, 'plan.endActivity' | 'plan.updateActivity'> {
  const change = async (cpr: Cpr, activityId: string, next: ActivityChange) => {
    const identity = c.requireIdentity();
    if (identity.organisation.type !== 'jobcenter') {
      const message = 'Kun jobcentret afslutter og flytter aktiviteter i Min plan.';
      throw new CoreError('rules', message, { findings: [{ ruleId: 'PLAN_JOBCENTER', severity: 'error', message }] });
    }
    const citizen = await citizenForCommand(c, cpr, 'plan');
    const current = c.store.activities.get(activityId);
    if (!current || current.cpr !== cpr) throw new CoreError('not-found', 'Aktiviteten findes ikke i borgerens Min plan. Opdatér Min plan og prøv igen.');
    if (current.pendingCommandId) {
      throw new CoreError('conflict', 'Aktiviteten har en ændring, der venter i udbakken. Vent, til den er sendt, eller annullér den i udbakken.');
    }
    if (current.endReason !== null || (current.end !== null && current.end.slice(0, 10) < c.today())) {
      throw new CoreError('conflict', 'Aktiviteten er allerede afsluttet.');
    }
    if (next.kind === 'activity.update' && current.start.slice(0, 10) <= c.today()) {
      throw new CoreError('conflict', 'Aktiviteten er begyndt: her flyttes kun planlagte aktiviteter. Afslut den i stedet med en ophørsårsag.');
    }
    const findings = activityChangeFindings(c, citizen, current, next);
    if (findings.some((f) => f.severity === 'error')) throw rulesError(findings, next.kind === 'activity.end' ? 'Aktiviteten er ikke afsluttet' : 'Aktiviteten er ikke flyttet');
    const previous: Activity = { ...current, pendingCommandId: null };
    const updated: Activity = next.kind === 'activity.end' ? { ...previous, end: next.end, endReason: next.endReason } : { ...previous, start: next.start, end: next.end };
    const commandId = c.store.transaction(() => {
      const rec = c.outbox.enqueue({
        kind: next.kind,
        cpr,
        org: orgKey(identity),
        citizenName: citizen.name,
        summary: activityChangeSummary(c, current.name, next),
        payload: next.kind === 'activity.end' ? { cpr, activityId, end: next.end, endReason: next.endReason, previous } : { cpr, activityId, start: next.start, end: next.end, previous },
      });
      c.store.activities.putPending(updated, rec.id);
      c.audit.record({ cpr, action: 'command.queued', source: 'command', purpose: `outbox:${next.kind}` });
      return rec.id;
    });
    c.engine.kick();
    c.events.outboxChanged(() => ({ status: c.engine.status() }));
    return { commandId, activity: { ...updated, pendingCommandId: commandId }, findings };
  };
  return {
    'plan.endActivity': ({ cpr, activityId, end, endReason }) => change(cpr, activityId, { kind: 'activity.end', end, endReason }),
    'plan.updateActivity': ({ cpr, activityId, start, end }) => change(cpr, activityId, { kind: 'activity.update', start, end }),
  };
}
