import { createHash, randomUUID } from 'node:crypto';
import type { Absence, Activity, Citizen, CitizenMessage, Identity, Meeting, MeetingInput, NotificationItem, NotificationKind } from '../../../shared/domain';
import { DfdgError } from '../../../main/core/dfdg/errors';
import type { CallContext, CreateMessageInput, DfdgClients, WsrmSequence } from '../../../main/core/dfdg/types';
import { codeLists, isCodeListName } from '../../../shared/codelists';

export type Fault = '503' | 'reset' | 'drop' | 'timeout' | 'offline';

/** A tiny seeded PRNG (mulberry32) so fault sequences repeat. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * An in-memory DFDG behind the DfdgClients interface, for unit tests of the core. It applies writes,
 * remembers x-requestIds (412 on replay) and client ids (4977), and injects the faults that matter for
 * exactly-once: 503 (not applied), reset before processing (not applied, but the client cannot know),
 * and a dropped response after processing (applied, no answer). `applied` counts each logical command
 * the way the sandbox's /_sandbox/stats does (by content, and by x-requestId: `requestIdDuplicates()`),
 * so together they prove "never twice".
 */
export class FakeDfdg {
  citizens = new Map<string, Citizen>();
  messages: CitizenMessage[] = [];
  absences = new Map<string, Absence>();
  activities: Activity[] = [];
  meetings = new Map<string, Meeting>();
  documents = new Map<string, Buffer>();
  notifications: NotificationItem[] = [];
  readonly requestIds = new Set<string>();
  readonly applied = new Map<string, number>();
  readonly calls: { op: string; cpr?: string }[] = [];
  queued: Fault[] = [];
  /** Faults for the next calls of one operation only ('CreateMessage' → faults, taken before `queued`). */
  queuedFor = new Map<string, Fault[]>();
  /** Extra latency for one operation only ('CreateMessage' → ms). */
  latencyFor = new Map<string, number>();
  rates = { rate503: 0, rateReset: 0, rateDrop: 0 };
  offline = false;
  latencyMs = 0;
  random = prng(1);
  /** DFDG refusals to give the next time an operation is called ('CreateMessage' → code). */
  refusals = new Map<string, number>();
  /** Organisation of the caller → which CPRs it may see (default: all). */
  denied = new Set<string>();
  private sequences = new Map<string, string[]>();

  /** Applied writes per x-requestId (the command's own key, ctx.requestId or the REST header). */
  readonly appliedByRequestId = new Map<string, number>();

  logicalDuplicates(): number {
    let n = 0;
    for (const v of this.applied.values()) if (v > 1) n++;
    return n;
  }

  /** x-requestIds applied more than once: one command applied twice, however its content compares. */
  requestIdDuplicates(): number {
    let n = 0;
    for (const v of this.appliedByRequestId.values()) if (v > 1) n++;
    return n;
  }

  private count(key: string, requestId?: string): void {
    this.applied.set(key, (this.applied.get(key) ?? 0) + 1);
    if (requestId) this.appliedByRequestId.set(requestId, (this.appliedByRequestId.get(requestId) ?? 0) + 1);
  }

  private nextFault(operation: string): Fault | null {
    if (this.offline) return 'offline';
    const own = this.queuedFor.get(operation)?.shift();
    if (own) return own;
    const q = this.queued.shift();
    if (q) return q;
    const r = this.random();
    if (r < this.rates.rate503) return '503';
    if (r < this.rates.rate503 + this.rates.rateReset) return 'reset';
    if (r < this.rates.rate503 + this.rates.rateReset + this.rates.rateDrop) return 'drop';
    return null;
  }

  /** Runs one call through fault injection: `apply` is the server-side effect. */
  private async call<T>(service: string, operation: string, ctx: CallContext, cpr: string | undefined, apply: () => T): Promise<T> {
    this.calls.push({ op: `${service}.${operation}`, cpr });
    // A slow DFDG, for the tests that are about what happens while a call is on its way.
    const latency = this.latencyMs + (this.latencyFor.get(operation) ?? 0);
    if (latency) await new Promise((r) => setTimeout(r, latency));
    if (ctx.signal?.aborted) throw new DfdgError({ code: null, text: 'aborted', service, operation, transient: true, ambiguous: true, kind: 'cancelled' });
    const fault = this.nextFault(operation);
    if (fault === 'offline') throw new DfdgError({ code: null, text: 'connect ECONNREFUSED', service, operation, transient: true, kind: 'network' });
    if (fault === '503') throw new DfdgError({ code: null, text: 'Service Unavailable', service, operation, transient: true, httpStatus: 503, kind: 'http' });
    if (fault === 'reset') throw new DfdgError({ code: null, text: 'socket hang up', service, operation, transient: true, ambiguous: true, kind: 'network' });
    if (fault === 'timeout') throw new DfdgError({ code: null, text: 'timeout', service, operation, transient: true, ambiguous: true, kind: 'timeout' });
    if (cpr && this.denied.has(cpr)) throw new DfdgError({ code: 4575, text: 'You are not authorized', service, operation, transient: false, httpStatus: 403 });
    if (cpr && !this.citizens.has(cpr)) throw new DfdgError({ code: 1010, text: 'Unknown cpr', service, operation, transient: false, httpStatus: 404 });
    const refusal = this.refusals.get(operation);
    if (refusal !== undefined) {
      this.refusals.delete(operation);
      throw new DfdgError({ code: refusal, text: `refused ${refusal}`, service, operation, transient: false, httpStatus: 500 });
    }
    const result = apply();
    if (fault === 'drop') throw new DfdgError({ code: null, text: 'socket hang up', service, operation, transient: true, ambiguous: true, kind: 'network' });
    return result;
  }

  private rest<T>(operation: string, ctx: CallContext, cpr: string, requestId: string, apply: () => T): Promise<T> {
    return this.call('FravaerService', operation, ctx, cpr, () => {
      if (this.requestIds.has(requestId)) {
        throw new DfdgError({ code: 412, text: 'x-requestId er allerede modtaget', service: 'FravaerService', operation, transient: false, httpStatus: 412 });
      }
      this.requestIds.add(requestId);
      return apply();
    });
  }

  clients(): DfdgClients {
    return this.build(this);
  }

  private build(self: FakeDfdg): DfdgClients {
    return {
      citizenMessage: {
        createMessage: (ctx, input: CreateMessageInput) =>
          self.call('CitizenMessageService', 'CreateMessage', ctx, input.cpr, () => {
            if (/<[a-z][^>]*>/i.test(input.body)) {
              throw new DfdgError({ code: 4933, text: 'The comment text cannot contain html tags', service: 'CitizenMessageService', operation: 'CreateMessage', transient: false, httpStatus: 500 });
            }
            const id = randomUUID();
            const org = ctx.identity.organisation;
            const msg: CitizenMessage = {
              id,
              cpr: input.cpr,
              contextType: input.contextType,
              channel: input.channel,
              subject: input.subject,
              body: input.body,
              allowReply: input.allowReply,
              responseToId: input.responseToId,
              from: {
                userType: 2,
                userIdentifier: ctx.identity.caseworker.userIdentifier,
                fullName: ctx.identity.caseworker.fullName,
                organisationType: org.type === 'akasse' ? 2 : 8,
                organisationCode: org.code,
              },
              to: input.to,
              createdAt: new Date().toISOString(),
              documents: input.documents.map((d) => {
                const docId = randomUUID();
                self.documents.set(docId, d.content);
                return { id: docId, fileName: d.fileName, mimeType: d.mimeType, size: d.content.length };
              }),
            };
            self.messages.push(msg);
            self.count(`msg:${createHash('sha256').update([input.cpr, org.code, input.subject, input.body, input.responseToId ?? ''].join('|')).digest('hex')}`, ctx.requestId);
            return { messageId: id, receipt: { messageIdentifier: randomUUID(), eventDate: msg.createdAt } };
          }),
        getCitizenMessages: (ctx, cpr) => self.call('CitizenMessageService', 'GetCitizenMessages', ctx, cpr, () => self.messages.filter((m) => m.cpr === cpr).reverse()),
        getCitizenMessageDocument: (ctx, cpr, documentId) =>
          self.call('CitizenMessageService', 'GetCitizenMessageDocument', ctx, cpr, () => {
            const d = self.documents.get(documentId);
            if (!d) throw new DfdgError({ code: 8103, text: 'The Document does not exists.', service: 'CitizenMessageService', operation: 'GetCitizenMessageDocument', transient: false, httpStatus: 500 });
            return d;
          }),
      },
      personStatus: {
        getVariablePersonStatus: (ctx, cpr) => self.call('PersonStatusService', 'GetVariablePersonStatus', ctx, cpr, () => ({ ...self.citizens.get(cpr)! })),
      },
      personActivityStatus: {
        getPersonActivityStatus: (ctx, cpr) => self.call('PersonActivityStatusService', 'GetPersonActivityStatus', ctx, cpr, () => self.activities.filter((a) => a.cpr === cpr)),
        createActivity: (ctx, cpr, activityId, input) =>
          self.call('PersonActivityStatusService', 'CreateActivity', ctx, cpr, () => {
            if (self.activities.some((a) => a.id === activityId)) {
              throw new DfdgError({ code: 4977, text: 'Det angivne id findes allerede', service: 'PersonActivityStatusService', operation: 'CreateActivity', transient: false, httpStatus: 500 });
            }
            self.activities.push({
              id: activityId,
              cpr,
              name: input.name,
              activationType: input.activationType,
              start: input.start,
              end: input.end,
              endReason: null,
              hoursPerWeek: input.hoursPerWeek,
              responsibleAuthority: { code: ctx.identity.organisation.code, name: ctx.identity.organisation.name },
              createdAt: new Date().toISOString(),
            });
            self.count(`activity:${activityId}`, ctx.requestId);
            return { activityId, receipt: { messageIdentifier: randomUUID(), eventDate: new Date().toISOString() } };
          }),
        updateActivity: (ctx, cpr, activityId, dates) =>
          self.call('PersonActivityStatusService', 'UpdateActivity', ctx, cpr, () => {
            const a = self.activities.find((x) => x.id === activityId && x.cpr === cpr);
            if (!a) throw new DfdgError({ code: 4589, text: 'Unknown ActivityIdentifier', service: 'PersonActivityStatusService', operation: 'UpdateActivity', transient: false, httpStatus: 500 });
            a.start = dates.start;
            a.end = dates.end;
            self.count(`activity-update:${activityId}:${dates.start}:${dates.end ?? ''}`, ctx.requestId);
            return { activityId, receipt: { messageIdentifier: randomUUID(), eventDate: new Date().toISOString() } };
          }),
        endActivity: (ctx, cpr, activityId, end) =>
          self.call('PersonActivityStatusService', 'EndActivity', ctx, cpr, () => {
            const a = self.activities.find((x) => x.id === activityId && x.cpr === cpr);
            if (!a) throw new DfdgError({ code: 4589, text: 'Unknown ActivityIdentifier', service: 'PersonActivityStatusService', operation: 'EndActivity', transient: false, httpStatus: 500 });
            a.end = end.end;
            a.endReason = end.endReason;
            self.count(`activity-end:${activityId}:${end.end}:${end.endReason}`, ctx.requestId);
            return { activityId, receipt: { messageIdentifier: randomUUID(), eventDate: new Date().toISOString() } };
          }),
      },
      fravaer: {
        createFravaer: (ctx, cpr, absenceId, input, requestId) =>
          self.rest('CreateFravaerMedIdentifier', ctx, cpr, requestId, () => {
            if (self.absences.has(absenceId)) {
              throw new DfdgError({ code: 4977, text: 'Det angivne id findes allerede', service: 'FravaerService', operation: 'CreateFravaerMedIdentifier', transient: false, httpStatus: 400 });
            }
            if (input.end && input.end < input.start) {
              throw new DfdgError({ code: 1003, text: 'Duration is negative', service: 'FravaerService', operation: 'CreateFravaerMedIdentifier', transient: false, httpStatus: 400 });
            }
            self.absences.set(absenceId, { id: absenceId, cpr, ...input, registeredBy: { organisationType: 2, organisationCode: ctx.identity.organisation.code } });
            self.count(`absence:${absenceId}`, requestId);
            return { absenceId };
          }),
        updateFravaer: (ctx, cpr, absenceId, input, requestId) =>
          self.rest('UpdateFravaer', ctx, cpr, requestId, () => {
            const a = self.absences.get(absenceId);
            if (!a) throw new DfdgError({ code: 4589, text: 'Unknown identifier', service: 'FravaerService', operation: 'UpdateFravaer', transient: false, httpStatus: 404 });
            self.absences.set(absenceId, { ...a, type: input.type, start: input.start, end: input.end, comment: input.comment, notificationDate: input.notificationDate, endReason: input.endReason });
            self.count(`absence-update:${requestId}`, requestId);
            return { absenceId };
          }),
        deleteFravaer: (ctx, cpr, absenceId, _comment, requestId) =>
          self.rest('DeleteFravaer', ctx, cpr, requestId, () => {
            if (!self.absences.delete(absenceId)) throw new DfdgError({ code: 4589, text: 'Unknown identifier', service: 'FravaerService', operation: 'DeleteFravaer', transient: false, httpStatus: 404 });
            self.count(`absence-delete:${requestId}`, requestId);
          }),
        getAlleFravaer: (ctx, cpr) => self.call('FravaerService', 'GetAlleFravaer', ctx, cpr, () => [...self.absences.values()].filter((a) => a.cpr === cpr)),
        getFravaer: (ctx, cpr, absenceId) =>
          self.call('FravaerService', 'GetFravaer', ctx, cpr, () => {
            const a = self.absences.get(absenceId);
            if (!a) throw new DfdgError({ code: 4589, text: 'Unknown identifier', service: 'FravaerService', operation: 'GetFravaer', transient: false, httpStatus: 404 });
            return a;
          }),
        getFravaerHistorik: async () => [],
      },
      codeList: {
        // What CodeListService serves: the ids, names and dates, without our own flags.
        getCodeList: (ctx, name) =>
          self.call('CodeListService', 'GetCodeList', ctx, undefined, () =>
            (isCodeListName(name) ? codeLists[name] : []).map((i) => ({ id: i.id, name: i.name, validFrom: i.validFrom, validTo: i.validTo })),
          ),
      },
      indkaldelse: {
        getIndkaldelser: (ctx, cpr) => self.call('IndkaldelseService', 'GetIndkaldelser', ctx, cpr, () => [...self.meetings.values()].filter((m) => m.cpr === cpr)),
        createIndkaldelse: (ctx, cpr, meetingId, input, requestId) =>
          self.rest('CreateIndkaldelse', ctx, cpr, requestId, () => {
            if (self.meetings.has(meetingId)) {
              throw new DfdgError({ code: 4977, text: 'Det angivne id findes allerede', service: 'IndkaldelseService', operation: 'CreateIndkaldelse', transient: false, httpStatus: 400 });
            }
            self.meetings.set(meetingId, fakeMeeting(meetingId, cpr, input, ctx.identity));
            self.count(`meeting:${meetingId}`, requestId);
            return { meetingId };
          }),
        updateIndkaldelse: (ctx, cpr, meetingId, input, requestId) =>
          self.rest('UpdateIndkaldelse', ctx, cpr, requestId, () => {
            if (!self.meetings.has(meetingId)) throw new DfdgError({ code: 90036, text: 'Ukendt indkaldelse', service: 'IndkaldelseService', operation: 'UpdateIndkaldelse', transient: false, httpStatus: 404 });
            self.meetings.set(meetingId, fakeMeeting(meetingId, cpr, input, ctx.identity));
            self.count(`meeting-update:${requestId}`, requestId);
            return { meetingId };
          }),
        deleteIndkaldelse: (ctx, cpr, meetingId, requestId) =>
          self.rest('DeleteIndkaldelse', ctx, cpr, requestId, () => {
            if (!self.meetings.delete(meetingId)) throw new DfdgError({ code: 90036, text: 'Ukendt indkaldelse', service: 'IndkaldelseService', operation: 'DeleteIndkaldelse', transient: false, httpStatus: 404 });
            self.count(`meeting-delete:${requestId}`, requestId);
          }),
      },
      joblog: { getJoblog: (ctx, cpr) => self.call('JoblogService', 'GetJoblog', ctx, cpr, () => []) },
      virksomhedskonto: { getVirksomhedskonto: (ctx) => self.call('VirksomhedskontoService', 'GetVirksomhedskonto', ctx, undefined, () => []) },
      wsrm: {
        createSequence: (ctx) =>
          self.call('WsrmService', 'CreateSequence', ctx, undefined, (): WsrmSequence => {
            const id = randomUUID();
            const items = self.notifications.slice(0, 500);
            self.sequences.set(id, items.map((i) => i.messageIdentifier));
            return { sequenceId: id, messages: items.map((i) => ({ messageIdentifier: i.messageIdentifier, methodName: i.kind })) };
          }),
        getItems: (ctx, sequenceId, kind: NotificationKind) =>
          self.call('WsrmMessageService', kind, ctx, undefined, () => {
            const ids = self.sequences.get(sequenceId);
            if (!ids) throw new DfdgError({ code: 1014, text: 'Failed to validate message', service: 'WsrmMessageService', operation: kind, transient: false });
            return self.notifications.filter((n) => ids.includes(n.messageIdentifier) && n.kind === kind);
          }),
        terminateSequence: (ctx, sequenceId) =>
          self.call('WsrmService', 'TerminateSequence', ctx, undefined, () => {
            const ids = new Set(self.sequences.get(sequenceId) ?? []);
            self.notifications = self.notifications.filter((n) => !ids.has(n.messageIdentifier));
            self.sequences.delete(sequenceId);
          }),
        closeSequence: (ctx, sequenceId) =>
          self.call('WsrmService', 'CloseSequence', ctx, undefined, () => {
            self.sequences.delete(sequenceId);
          }),
      },
      close: () => {},
    };
  }
}

export function ctxOf(identity: Identity): CallContext {
  return { identity };
}

/** A meeting as the fake DFDG keeps it (times stay Danish wall-clock, as DFDG's REST answers them). */
function fakeMeeting(id: string, cpr: string, input: MeetingInput, identity: Identity): Meeting {
  return {
    id,
    cpr,
    start: input.start,
    end: input.end,
    interviewType: input.interviewType,
    form: input.form,
    location: input.location,
    locationDetail: input.locationDetail,
    digitalLink: input.digitalLink,
    selfBooked: false,
    organisation: { organisationType: identity.organisation.type === 'akasse' ? 2 : 8, organisationCode: identity.organisation.code, name: identity.organisation.name },
    rebookingPossible: input.rebookingPossible,
    rebookingDeadline: input.rebookingDeadline,
    cancelPossible: input.cancelPossible,
    cancelDeadline: input.cancelDeadline,
    participants: input.participants,
  };
}
