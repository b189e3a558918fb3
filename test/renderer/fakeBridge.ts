// A typed in-memory stand-in for main in the renderer tests (and only there). It implements
// DfdgBridge with scriptable answers (`reply`, `fail`), records every call (`calls`, `callsOf`),
// emits events (`emit`), and keeps drafts and attachments in memory like main would, so a draft
// saved by one mounted composer can be restored by the next. It speaks the real contract
// (shared/contract.ts): every request, answer, error and event is checked against the same zod schemas
// main uses; a request main would refuse gets main's 'invalid-request', an answer or event main could
// not send gets main's 'internal', and either is kept in `violations`, which fails the test
// (helpers.tsx). New drafts start with main's defaults (shared/drafts).
import type {
  AttachmentMeta,
  Citizen,
  CitizenMessage,
  Identity,
  MessageDraft,
  SyncStatus,
} from '../../shared/domain';
import type { z } from 'zod';
import { channels, events, zIpcError } from '../../shared/contract';
import { newDraftDefaults, replyDefaults } from '../../shared/drafts';
import type { Channel, ChannelRequest, ChannelResponse, DfdgBridge, EventName, EventPayload, IpcError, IpcResult } from '../../shared/ipc';

type Answer<C extends Channel> = ChannelResponse<C> | IpcFailure;
export type Handler<C extends Channel> = (request: ChannelRequest<C>, bridge: FakeBridge) => Answer<C> | Promise<Answer<C>>;
type Handlers = { [C in Channel]?: Handler<C> };

/** Return this from a handler to answer `{ ok: false, error }`. */
export class IpcFailure {
  constructor(readonly error: IpcError) {}
}
export const failure = (kind: IpcError['kind'], message: string, extra: Partial<IpcError> = {}) => new IpcFailure({ kind, message, ...extra });

export const TODAY = '2026-11-22';

/**
 * A value as it arrives on the other side of IPC: plain data copied, bytes as this side's Uint8Array
 * (jsdom and Node each have their own, and the contract checks `instanceof Uint8Array`).
 */
function acrossIpc(v: unknown): unknown {
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength));
  if (Array.isArray(v)) return v.map(acrossIpc);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, acrossIpc(x)]));
  return v;
}

export const akasseIdentity: Identity = {
  organisation: { type: 'akasse', code: '067', name: 'Testkassen' },
  caseworker: { fullName: 'Karin Sagsbehandler', userIdentifier: 'CVR:12345678-UUID:11111111-2222-3333-4444-555555555555' },
  certificate: { subject: 'CN=Testkassen', issuer: 'CN=Sandbox CA', validFrom: '2026-01-01T00:00:00Z', validTo: '2028-01-01T00:00:00Z', fingerprint256: 'AB:CD' },
};

export const jobcenterIdentity: Identity = {
  organisation: { type: 'jobcenter', code: '10100', name: 'Jobcenter Testby' },
  caseworker: { fullName: 'Jonas Jobkonsulent', userIdentifier: 'CVR:87654321-UUID:11111111-2222-3333-4444-666666666666' },
  certificate: { subject: 'CN=Jobcenter Testby', issuer: 'CN=Sandbox CA', validFrom: '2026-01-01T00:00:00Z', validTo: '2028-01-01T00:00:00Z', fingerprint256: 'EF:01' },
};

export const anna: Citizen = {
  cpr: '0101901234',
  name: 'Anna Jensen',
  contactGroup: 1,
  registrationCategory: 1,
  akasseCode: '067',
  akasseName: 'Testkassen',
  jobcenterCode: '10100',
  jobcenterName: 'Jobcenter Testby',
  deceased: false,
};

export const okStatus: SyncStatus = { online: true, cause: null, draining: false, pending: 0, failed: 0, rejected: 0, lastSyncedAt: null, lastError: null };
const freshness = { fetchedAt: '2026-11-22T09:00:00Z', stale: false, source: 'dfdg' as const };
/** The access log's chain as main reports it once the check at start has finished. */
export const auditLog = { state: 'intact' as const, entries: 12, checkedAt: '2026-11-22T08:00:00Z', problem: null, retentionYears: 5 };

export class FakeBridge implements DfdgBridge {
  readonly calls: { channel: Channel; request: unknown }[] = [];
  private readonly handlers: Handlers = {};
  private readonly listeners = new Map<EventName, Set<(p: unknown) => void>>();
  identity: Identity | null = akasseIdentity;
  mode: 'sandbox' | 'dfdg' | 'unconfigured' = 'sandbox';
  citizens: Citizen[] = [anna];
  drafts = new Map<string, MessageDraft>();
  /** The cached messages main would know (drafts.create looks up the message a reply answers here). */
  messages: CitizenMessage[] = [];
  /** Drafts as they were when drafts.submit queued them. */
  submitted: MessageDraft[] = [];
  private seq = 0;

  constructor(handlers: Handlers = {}) {
    Object.assign(this.handlers, handlers);
  }

  /** Script the answer of a channel (replaces the default). */
  reply<C extends Channel>(channel: C, handler: Handler<C> | ChannelResponse<C>): this {
    (this.handlers as Record<string, unknown>)[channel] = typeof handler === 'function' ? handler : () => handler;
    return this;
  }

  /** Script a failure of a channel. */
  fail<C extends Channel>(channel: C, kind: IpcError['kind'], message: string, extra: Partial<IpcError> = {}): this {
    (this.handlers as Record<string, unknown>)[channel] = () => failure(kind, message, extra);
    return this;
  }

  callsOf<C extends Channel>(channel: C): ChannelRequest<C>[] {
    return this.calls.filter((c) => c.channel === channel).map((c) => c.request as ChannelRequest<C>);
  }

  /** Everything that broke the contract: each fails the test that caused it (helpers.tsx). */
  readonly violations: string[] = [];

  private check<T>(schema: z.ZodType<T>, value: unknown, what: string): { ok: true; data: T } | { ok: false } {
    const r = schema.safeParse(value);
    if (r.success) return { ok: true, data: r.data };
    this.violations.push(`${what}: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`);
    return { ok: false };
  }

  async invoke<C extends Channel>(channel: C, request: ChannelRequest<C>): Promise<IpcResult<ChannelResponse<C>>> {
    this.calls.push({ channel, request });
    const spec = (channels as Record<string, { request: z.ZodType; response: z.ZodType } | undefined>)[channel];
    if (!spec || !Object.prototype.hasOwnProperty.call(channels, channel)) return { ok: false, error: { kind: 'unknown-channel', message: 'Funktionen findes ikke.' } };
    // As main's dispatcher: the request (copied as IPC copies it) is parsed first, and the handler gets the parsed request.
    const parsed = this.check(spec.request, acrossIpc(request), `the renderer's request on ${channel}`);
    if (!parsed.ok) return { ok: false, error: { kind: 'invalid-request', message: 'Forespørgslen er ugyldig.' } };
    const handler = (this.handlers[channel] ?? (this.defaults as Handlers)[channel]) as Handler<C> | undefined;
    if (!handler) return { ok: false, error: { kind: 'unknown-channel', message: `Ukendt kanal ${channel}` } };
    const answer = await handler(parsed.data as ChannelRequest<C>, this);
    const internal: IpcResult<never> = { ok: false, error: { kind: 'internal', message: 'Der opstod en uventet fejl. Prøv igen. Hvis fejlen bliver ved, så kontakt support.' } };
    if (answer instanceof IpcFailure) {
      const error = this.check(zIpcError, answer.error, `the error answered on ${channel}`);
      return error.ok ? { ok: false, error: error.data } : internal;
    }
    // As main's dispatcher with validateResponses (tests, development): the answer is what the schema gives.
    const data = this.check(spec.response, acrossIpc(answer), `the answer on ${channel}`);
    return data.ok ? { ok: true, data: data.data as ChannelResponse<C> } : internal;
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as (p: unknown) => void);
    this.listeners.set(event, set);
    return () => set.delete(listener as (p: unknown) => void);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    // Main's event forwarding does not send a payload that fails its schema.
    const checked = this.check(events[event] as z.ZodType, payload, `the event ${event}`);
    if (!checked.ok) return;
    for (const l of this.listeners.get(event) ?? []) l(checked.data);
  }

  listenerCount(event: EventName): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  private now(): string {
    this.seq += 1;
    return `2026-11-22T10:${String(Math.floor(this.seq / 60) % 60).padStart(2, '0')}:${String(this.seq % 60).padStart(2, '0')}.000Z`;
  }

  private citizen(cpr: string): Citizen | undefined {
    return this.citizens.find((c) => c.cpr === cpr);
  }

  // The defaults behave like a small, consistent main.
  private readonly defaults: Handlers = {
    'app.info': () => ({ version: '0.1.0', mode: this.mode, sandboxUrl: 'https://127.0.0.1:8443', identity: this.identity, today: TODAY, status: okStatus, hub: null }),
    'codelists.get': () => ({ lists: {}, fetchedAt: {} }),
    'advisories.list': () => ({ advisories: [], total: 0 }),
    'citizens.search': (req) => {
      const q = req.query.toLowerCase();
      const results = this.citizens
        .filter((c) => c.cpr.startsWith(q.replace('-', '')) || c.name.toLowerCase().includes(q))
        .map((c) => ({ cpr: c.cpr, name: c.name, contactGroup: c.contactGroup, registrationCategory: c.registrationCategory, lastUsedAt: null }));
      return { results, source: 'cache', online: true };
    },
    'citizens.open': (req) => {
      const c = this.citizen(req.cpr);
      if (!c) return failure('not-found', 'Borgeren findes ikke.');
      return { citizen: c, freshness, access: [], counts: { threads: 0, absences: 0, activities: 0, openAdvisories: 0, drafts: 0 } };
    },
    'citizens.refresh': (req) => {
      const c = this.citizen(req.cpr);
      if (!c) return failure('not-found', 'Borgeren findes ikke.');
      return { citizen: c, freshness, access: [], counts: { threads: 0, absences: 0, activities: 0, openAdvisories: 0, drafts: 0 } };
    },
    'messages.threads': () => ({ threads: [], freshness }),
    'messages.search': () => ({ hits: [], source: 'cache' }),
    'templates.list': () => ({ templates: [] }),
    'drafts.list': (req) => ({ drafts: [...this.drafts.values()].filter((d) => !req.cpr || d.cpr === req.cpr) }),
    'drafts.create': (req) => {
      const at = this.now();
      const d: MessageDraft = {
        id: `draft-${this.drafts.size + 1}`,
        cpr: req.cpr,
        // Main's defaults (shared/drafts): an a-kasse writes type 11 to the citizen's jobcenter, a jobcenter type 1 to the a-kasse.
        ...newDraftDefaults(this.identity?.organisation.type ?? 'akasse', this.citizen(req.cpr) ?? null, req.contextType),
        subject: '',
        body: '',
        replyTo: req.replyTo ?? null,
        attachments: [],
        createdAt: at,
        updatedAt: at,
      };
      // A reply as main makes it (shared/drafts replyDefaults), when the test gave the message in `messages`.
      const m = req.replyTo ? this.messages.find((x) => x.id === req.replyTo) : undefined;
      if (m && this.identity) Object.assign(d, replyDefaults(this.identity.organisation, m));
      this.drafts.set(d.id, d);
      return d;
    },
    'drafts.get': (req) => this.drafts.get(req.id) ?? failure('not-found', 'Kladden findes ikke.'),
    'drafts.save': (req) => {
      const d = this.drafts.get(req.id);
      if (!d) return failure('not-found', 'Kladden findes ikke.');
      const next: MessageDraft = { ...d, ...req.patch, updatedAt: this.now() };
      this.drafts.set(d.id, next);
      return { draft: next };
    },
    'drafts.delete': (req) => {
      this.drafts.delete(req.id);
      return {};
    },
    'drafts.submit': (req) => {
      // Like main: the patch that comes with the submit is what gets sent (the queued draft is kept in `submitted`).
      const d = this.drafts.get(req.id);
      if (!d) return failure('not-found', 'Kladden findes ikke.');
      this.submitted.push({ ...d, ...req.patch, updatedAt: this.now() });
      this.drafts.delete(req.id);
      return { commandId: `cmd-${req.id}`, findings: [] };
    },
    'attachments.add': (req) => {
      const d = this.drafts.get(req.draftId);
      if (!d) return failure('not-found', 'Kladden findes ikke.');
      const isPdf = req.bytes[0] === 0x25 && req.bytes[1] === 0x50 && req.bytes[2] === 0x44 && req.bytes[3] === 0x46;
      if (!isPdf) return failure('attachment', `${req.fileName} er ikke en PDF- eller XML-fil. Gem dokumentet som PDF, og vedhæft det igen.`);
      const a: AttachmentMeta = { id: `att-${d.attachments.length + 1}`, fileName: req.fileName, mimeType: 'application/pdf', size: req.bytes.byteLength, sha256: 'x', pageCount: 1 };
      const next = { ...d, attachments: [...d.attachments, a] };
      this.drafts.set(d.id, next);
      return { draft: next, attachment: a };
    },
    'attachments.remove': (req) => {
      const d = this.drafts.get(req.draftId);
      if (!d) return failure('not-found', 'Kladden findes ikke.');
      const next = { ...d, attachments: d.attachments.filter((a) => a.id !== req.attachmentId) };
      this.drafts.set(d.id, next);
      return { draft: next };
    },
    'absences.list': () => ({ absences: [], freshness }),
    'plan.list': () => ({ activities: [], recommendations: [], freshness }),
    'meetings.list': () => ({ meetings: [], freshness }),
    'joblog.list': () => ({ entries: [], freshness }),
    'outbox.list': () => ({ items: [], status: okStatus }),
    'companies.lookup': () => ({ companies: [] }),
    'retention.status': () => ({ retentionDays: 30, lastRunAt: null, lastPurged: null, held: [], auditLog }),
    'retention.purge': () => ({ retentionDays: 30, lastRunAt: '2026-11-22T09:00:00Z', lastPurged: 0, held: [], auditLog }),
    // Like main's AuditLog.exportCsv: UTF-8 with a BOM, so Excel reads æøå.
    'audit.export': (req) => ({ fileName: `adgangslog-${req.cpr.slice(0, 6)}.csv`, csv: '\uFEFFtidspunkt;handling\n', chainIntact: true }),
  };
}
