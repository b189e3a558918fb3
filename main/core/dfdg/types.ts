// The typed surface of the DFDG clients. The sync engine, the store and the IPC handlers depend on
// these interfaces only, so tests can substitute fakes and the real clients can change their wire
// codecs without touching callers. Wire details: docs/wire-contract.md.

import type {
  Absence,
  AbsenceInput,
  Activity,
  ActivityInput,
  Citizen,
  CitizenMessage,
  CodeListItem,
  Company,
  Cpr,
  Identity,
  IsoDateTime,
  JoblogEntry,
  Meeting,
  MeetingInput,
  NotificationItem,
  NotificationKind,
} from '../../../shared/domain';

import type { DfdgServiceName } from '../../../shared/constants';

export type { DfdgServiceName };

export interface ServiceEndpoint {
  /** Full URL of the service (SOAP: the .svc address; REST: the base URL the paths hang off). */
  url: string;
  /** SOAP only: the dated body namespace. */
  namespace?: string;
  /** SOAP only: the SOAPAction before `#<Operation>` (default `http://service.bm.dk/pjaktass/1/<Service>`). */
  soapActionBase?: string;
}

/** TLS material. Either PEM cert + key, or a PKCS#12 bundle with passphrase. CA optional (system CAs otherwise). */
export type TlsConfig =
  | { kind: 'pem'; ca?: string | Buffer; cert: string | Buffer; key: string | Buffer; passphrase?: string }
  | { kind: 'pkcs12'; ca?: string | Buffer; pfx: Buffer; passphrase: string };

export interface DfdgConfig {
  /** Base URL, e.g. 'https://127.0.0.1:8443'; services default to the sandbox layout under it. */
  baseUrl: string;
  /** Per-service overrides of address and namespace. */
  services?: Partial<Record<DfdgServiceName, ServiceEndpoint>>;
  tls: TlsConfig;
  /** Request timeout in ms (default 15000). */
  timeoutMs?: number;
  /** Optional HTTPS proxy URL. */
  proxyUrl?: string;
}

/** Per-call context: who acts, and why. */
export interface CallContext {
  identity: Identity;
  /** RequestUserTypeIdentifier: 2 Sagsbehandler (default), 3 System (background poller). */
  userType?: 2 | 3;
  /** Correlation id for this call; generated when absent. */
  correlationId?: string;
  /**
   * The outbox command's stable x-requestId (the same on every try of one command). REST writes take
   * it as their x-requestId; SOAP writes send it in the same header, so every try of one command can
   * be told apart from another command with the same content (DFDG's logs, the sandbox's counts).
   */
  requestId?: string;
  /** Abort the call (e.g. on shutdown). */
  signal?: AbortSignal;
}

export interface ServiceReceipt {
  messageIdentifier: string;
  eventDate: IsoDateTime;
}

/**
 * A new message: the fields DFDG gives back on the created CitizenMessage (a read-back after an
 * uncertain outcome matches on them), and the documents' content.
 */
export interface CreateMessageInput extends Pick<CitizenMessage, 'cpr' | 'contextType' | 'channel' | 'subject' | 'body' | 'allowReply' | 'responseToId' | 'to'> {
  documents: { fileName: string; mimeType: 'application/pdf' | 'application/xml'; content: Buffer }[];
}

export interface CitizenMessageClient {
  createMessage(ctx: CallContext, input: CreateMessageInput): Promise<{ messageId: string; receipt: ServiceReceipt }>;
  getCitizenMessages(ctx: CallContext, cpr: Cpr, changedSince?: IsoDateTime): Promise<CitizenMessage[]>;
  getCitizenMessageDocument(ctx: CallContext, cpr: Cpr, documentId: string): Promise<Buffer>;
}

export interface PersonStatusParts {
  core?: boolean;
  authority?: boolean;
  contactGroup?: boolean;
  unemploymentFund?: boolean;
}

export interface PersonStatusClient {
  /** Requests only the parts asked for (default: all four); missing parts come back null. */
  getVariablePersonStatus(ctx: CallContext, cpr: Cpr, parts?: PersonStatusParts): Promise<Citizen>;
}

export interface PersonActivityStatusClient {
  getPersonActivityStatus(ctx: CallContext, cpr: Cpr): Promise<Activity[]>;
  /** `activityId` is the client's own id (exactly-once: a replay gets 4977). */
  createActivity(
    ctx: CallContext,
    cpr: Cpr,
    activityId: string,
    input: ActivityInput,
  ): Promise<{ activityId: string; receipt: ServiceReceipt }>;
  /** ASSUMED operation (personActivityStatus.ts): new dates for an activity. */
  updateActivity(ctx: CallContext, cpr: Cpr, activityId: string, dates: { start: string; end: string | null }): Promise<{ activityId: string; receipt: ServiceReceipt }>;
  /** ASSUMED operation (personActivityStatus.ts): ends an activity with an ophørsårsag. */
  endActivity(ctx: CallContext, cpr: Cpr, activityId: string, end: { end: string; endReason: number }): Promise<{ activityId: string; receipt: ServiceReceipt }>;
}

export interface FravaerClient {
  /** CreateFravaerMedIdentifier: the client's own id in the path; `requestId` is the stable x-requestId. */
  createFravaer(ctx: CallContext, cpr: Cpr, absenceId: string, input: AbsenceInput, requestId: string): Promise<{ absenceId: string }>;
  updateFravaer(
    ctx: CallContext,
    cpr: Cpr,
    absenceId: string,
    input: AbsenceInput & { rectificationComment?: string | null },
    requestId: string,
  ): Promise<{ absenceId: string }>;
  deleteFravaer(ctx: CallContext, cpr: Cpr, absenceId: string, rectificationComment: string, requestId: string): Promise<void>;
  getAlleFravaer(ctx: CallContext, cpr: Cpr): Promise<Absence[]>;
  getFravaer(ctx: CallContext, cpr: Cpr, absenceId: string): Promise<Absence>;
  getFravaerHistorik(
    ctx: CallContext,
    cpr: Cpr,
  ): Promise<{ absenceId: string; changeType: 1 | 2 | 3; at: IsoDateTime; rectificationComment: string | null; absence: Absence }[]>;
}

export interface CodeListClient {
  getCodeList(ctx: CallContext, name: string): Promise<CodeListItem[]>;
}

export interface IndkaldelseClient {
  getIndkaldelser(ctx: CallContext, cpr: Cpr): Promise<Meeting[]>;
  /** CreateIndkaldelse: the client's own id in the path (a replay gets 4977/412); `requestId` is the stable x-requestId. */
  createIndkaldelse(ctx: CallContext, cpr: Cpr, meetingId: string, input: MeetingInput, requestId: string): Promise<{ meetingId: string }>;
  /** UpdateIndkaldelse (ombooking): the whole invitation again. */
  updateIndkaldelse(ctx: CallContext, cpr: Cpr, meetingId: string, input: MeetingInput, requestId: string): Promise<{ meetingId: string }>;
  /** DeleteIndkaldelse (aflysning). */
  deleteIndkaldelse(ctx: CallContext, cpr: Cpr, meetingId: string, requestId: string): Promise<void>;
}

export interface JoblogClient {
  getJoblog(ctx: CallContext, cpr: Cpr): Promise<JoblogEntry[]>;
}

export interface VirksomhedskontoClient {
  getVirksomhedskonto(ctx: CallContext, query: { cvr?: string; pNumber?: string }): Promise<Company[]>;
}

export interface WsrmSequence {
  sequenceId: string;
  messages: { messageIdentifier: string; methodName: string }[];
}

/** One item of a Get<Event> answer: read, or kept as its XML with the reason it could not be read. */
export type WsrmItemResult = { ok: true; item: NotificationItem } | { ok: false; messageIdentifier: string | null; error: string; xml: string };

export interface WsrmClient {
  createSequence(ctx: CallContext): Promise<WsrmSequence>;
  /** Fetches the items of one kind in the sequence. Unknown method names are an error. */
  getItems(ctx: CallContext, sequenceId: string, kind: NotificationKind): Promise<NotificationItem[]>;
  /**
   * Fetches the items of any method in the sequence (also one this client cannot read), item by
   * item: a malformed item does not fail its siblings (the organisation hub's intake). Optional, so
   * test doubles of the desktop's poller need not implement it.
   */
  getItemResults?(ctx: CallContext, sequenceId: string, methodName: string): Promise<WsrmItemResult[]>;
  /** Acknowledges (deletes at DFDG) every message of the sequence. */
  terminateSequence(ctx: CallContext, sequenceId: string): Promise<void>;
  /** Cancels the sequence: nothing is deleted. */
  closeSequence(ctx: CallContext, sequenceId: string): Promise<void>;
}

/** Every client, built from one configuration. */
export interface DfdgClients {
  citizenMessage: CitizenMessageClient;
  personStatus: PersonStatusClient;
  personActivityStatus: PersonActivityStatusClient;
  fravaer: FravaerClient;
  codeList: CodeListClient;
  indkaldelse: IndkaldelseClient;
  joblog: JoblogClient;
  virksomhedskonto: VirksomhedskontoClient;
  wsrm: WsrmClient;
  /** Releases sockets. */
  close(): void;
}
