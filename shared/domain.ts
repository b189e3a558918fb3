// Domain types shared by main/core, the IPC contract and the renderer.
// Readable names here; DFDG's element names live only in the wire codecs (main/core/dfdg/).

/** A calendar date, 'YYYY-MM-DD'. */
export type IsoDate = string;
/** An ISO 8601 date-time with offset, e.g. '2026-11-22T10:15:00.000Z'. */
export type IsoDateTime = string;
/** A CPR number as DFDG carries it: ten digits, no dash. */
export type Cpr = string;

export type OrgType = 'akasse' | 'jobcenter';

/** DFDG OrganisationTypeIdentifier: 8 Jobcenter (documented), 2 A-kasse (ASSUMED, see docs/wire-contract.md §1). */
export const ORGANISATION_TYPE_ID: Record<OrgType, number> = { akasse: 2, jobcenter: 8 };

export interface OrganisationRef {
  type: OrgType;
  /** A-kasse hovednummer (3 digits) or jobcenter code (5 digits). */
  code: string;
}

export interface Organisation extends OrganisationRef {
  name: string;
}

export interface Caseworker {
  fullName: string;
  /** The certificate RID, 'CVR:<8 digits>-UUID:<uuid>'; DFDG's UserIdentifier. */
  userIdentifier: string;
  email?: string;
}

export interface CertificateInfo {
  subject: string;
  issuer: string;
  validFrom: IsoDateTime;
  validTo: IsoDateTime;
  fingerprint256: string;
}

/** Who the app acts as: derived from the configured client certificate. */
export interface Identity {
  organisation: Organisation;
  caseworker: Caseworker;
  certificate: CertificateInfo;
}

// ---------------------------------------------------------------------------------------------
// Citizens

export interface Citizen {
  cpr: Cpr;
  name: string;
  gender?: 'M' | 'K' | null;
  contactGroup: number | null;
  /** Person category (personkategori). */
  personCategory?: number | null;
  /** Registration category (tilmeldekategori); 5 = dimittend. */
  registrationCategory: number | null;
  akasseCode: string | null;
  akasseName?: string | null;
  membershipStart?: IsoDate | null;
  membershipEnd?: IsoDate | null;
  jobcenterCode: string | null;
  jobcenterName?: string | null;
  municipalityCode?: string | null;
  deceased: boolean;
}

/** A row in search results. */
export interface CitizenSummary {
  cpr: Cpr;
  name: string;
  contactGroup: number | null;
  registrationCategory: number | null;
  lastUsedAt: IsoDateTime | null;
}

/** How fresh a cached record is. */
export interface Freshness {
  fetchedAt: IsoDateTime | null;
  stale: boolean;
  source: 'cache' | 'dfdg';
}

// ---------------------------------------------------------------------------------------------
// Dialogmodul (CitizenMessageService)

export interface MessageParty {
  /** 1 Borger, 2 Sagsbehandler (ASSUMED ids). */
  userType: number;
  userIdentifier: string;
  fullName: string;
  organisationType: number | null;
  organisationCode: string | null;
}

export interface MessageDocumentMeta {
  id: string;
  fileName: string;
  mimeType: 'application/pdf' | 'application/xml';
  size: number;
}

export interface CitizenMessage {
  id: string;
  cpr: Cpr;
  contextType: number;
  channel: number;
  subject: string;
  body: string;
  allowReply: boolean;
  responseToId: string | null;
  from: MessageParty;
  to: { organisationType: number; organisationCode: string } | null;
  createdAt: IsoDateTime;
  documents: MessageDocumentMeta[];
}

/** A conversation: a root message and every reply in its chain, oldest first. */
export interface MessageThread {
  rootId: string;
  cpr: Cpr;
  subject: string;
  contextType: number;
  lastActivityAt: IsoDateTime;
  messages: CitizenMessage[];
  /** Outbox items that belong to this thread and are not yet sent (optimistic). */
  pending: PendingMessage[];
}

export interface PendingMessage {
  commandId: string;
  state: OutboxState;
  subject: string;
  body: string;
  createdAt: IsoDateTime;
  attachments: AttachmentMeta[];
}

// ---------------------------------------------------------------------------------------------
// Drafts and attachments

export interface AttachmentMeta {
  id: string;
  fileName: string;
  mimeType: 'application/pdf' | 'application/xml';
  size: number;
  /** sha256 of the content (content-addressed store key). */
  sha256: string;
  pageCount?: number | null;
}

/** The structured part of a type 11 "Indstilling om tilbud". */
export interface RecommendationForm {
  /** ActivationTypeIdentifier of the proposed offer. */
  offerType: number | null;
  proposedStart?: IsoDate | null;
  /** Proposed duration in weeks. */
  durationWeeks: number | null;
  hoursPerWeek?: number | null;
  company?: { cvr: string; pNumber?: string | null; name: string } | null;
  courseProvider?: string | null;
  supportingActivities: string[];
}

export interface MessageDraft {
  id: string;
  cpr: Cpr;
  contextType: number;
  channel: number;
  subject: string;
  body: string;
  allowReply: boolean;
  replyTo: string | null;
  /** Receiver on channel 4: the other authority. */
  to: { organisationType: number; organisationCode: string } | null;
  recommendation: RecommendationForm | null;
  attachments: AttachmentMeta[];
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
}

// ---------------------------------------------------------------------------------------------
// Absence (fravær og fritagelser)

export interface Absence {
  id: string;
  cpr: Cpr;
  type: number;
  start: IsoDate;
  end: IsoDate | null;
  comment: string | null;
  notificationDate: IsoDate;
  endReason: number | null;
  registeredBy: { organisationType: number; organisationCode: string } | null;
  createdAt?: IsoDateTime | null;
  updatedAt?: IsoDateTime | null;
  /** Set locally while a command for this absence waits in the outbox. */
  pendingCommandId?: string | null;
}

export interface AbsenceInput {
  type: number;
  start: IsoDate;
  end: IsoDate | null;
  comment: string | null;
  notificationDate: IsoDate;
  endReason: number | null;
}

// ---------------------------------------------------------------------------------------------
// Min plan

export interface Activity {
  id: string;
  cpr: Cpr;
  name: string;
  activationType: number | null;
  start: IsoDate;
  end: IsoDate | null;
  endReason: number | null;
  hoursPerWeek: number | null;
  responsibleAuthority: { code: string; name: string } | null;
  createdAt: IsoDateTime | null;
  pendingCommandId?: string | null;
}

export interface ActivityInput {
  name: string;
  activationType: number;
  start: IsoDate;
  end: IsoDate | null;
  hoursPerWeek: number;
}

// ---------------------------------------------------------------------------------------------
// Meetings, joblog, companies

export interface Meeting {
  id: string;
  cpr: Cpr;
  start: IsoDateTime;
  end: IsoDateTime | null;
  interviewType: number;
  form: number;
  location: string | null;
  locationDetail: string | null;
  digitalLink: string | null;
  selfBooked: boolean;
  organisation: { organisationType: number; organisationCode: string; name: string } | null;
}

export interface JoblogEntry {
  id: string;
  cpr: Cpr;
  submissionDate: IsoDate;
  submissionDeadlineDate: IsoDate | null;
  companyName: string;
  jobTitle: string;
  description: string | null;
  createdAt: IsoDateTime | null;
}

export interface Company {
  cvr: string;
  pNumber: string | null;
  name: string;
  accountActive: boolean;
  lastLoginAt: IsoDateTime | null;
}

// ---------------------------------------------------------------------------------------------
// Notifications and advisories

export type NotificationKind =
  | 'GetCitizenMessageVersion1'
  | 'GetAbsenceVersion1'
  | 'GetActivityGeneralEventVersion3'
  | 'GetPersonUnemploymentFundSaveMembershipVersion5'
  | 'GetIndkaldelseVersion1';

export interface NotificationItem {
  messageIdentifier: string;
  kind: NotificationKind;
  cpr: Cpr;
  changeType: 1 | 2 | 3 | null;
  eventAt: IsoDateTime | null;
  registeringOrganisation: { organisationType: number; organisationCode: string } | null;
  registeringUser: { fullName: string; userIdentifier: string } | null;
  /** The entity to fetch: message, absence, activity, invitation id, or null. */
  entityId: string | null;
  /** Kind-specific extra fields (context type, absence type, previous a-kasse, ...). */
  details: Record<string, string | number | null>;
}

export type AdvisoryKind =
  | 'recommendation-received' // jobcenter: a type 11 arrived
  | 'recommendation-answered' // a-kasse: the jobcenter answered our type 11
  | 'offer-granted' // a-kasse: an activity was created in Min plan
  | 'absence-by-other' // absence registered/changed/deleted by the other party
  | 'membership-changed' // a member switched a-kasse
  | 'message-received' // another channel-4 message for us
  | 'meeting-changed';

export type AdvisoryStatus = 'open' | 'in-progress' | 'done';

export interface Advisory {
  id: string;
  kind: AdvisoryKind;
  cpr: Cpr;
  citizenName: string | null;
  title: string;
  createdAt: IsoDateTime;
  /** Where the law sets one (e.g. answer a recommendation); else null. */
  dueDate: IsoDate | null;
  status: AdvisoryStatus;
  takenBy: string | null;
  takenAt: IsoDateTime | null;
  doneAt: IsoDateTime | null;
  /** The WSRM MessageIdentifier it came from. */
  sourceMessageIdentifier: string | null;
  /** The entity it concerns (message id, absence id, activity id). */
  entityId: string | null;
}

// ---------------------------------------------------------------------------------------------
// Outbox

export type OutboxState = 'queued' | 'sending' | 'sent' | 'failed' | 'rejected' | 'cancelled';

export type CommandKind =
  | 'message.create'
  | 'absence.create'
  | 'absence.update'
  | 'absence.delete'
  | 'activity.create'
  | 'recommendation.answer';

export interface DfdgErrorInfo {
  /** DFDG's own error code (1001, 4575, 6005 ...) or an HTTP status where DFDG gave none. */
  code: number | null;
  text: string;
  service: string;
  operation: string;
  transient: boolean;
  httpStatus: number | null;
  /**
   * Where the call failed, when it matters for what the caseworker is told: 'tls' = the secure
   * connection was refused over a certificate (nothing reached DFDG). Absent on most errors.
   */
  kind?: 'tls';
}

export interface OutboxItem {
  id: string;
  kind: CommandKind;
  cpr: Cpr;
  citizenName: string | null;
  /** A short Danish description for the outbox list (no message body). */
  summary: string;
  state: OutboxState;
  attempts: number;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  nextAttemptAt: IsoDateTime | null;
  sentAt: IsoDateTime | null;
  /** DFDG's receipt or the created entity id once sent. */
  receipt: { messageIdentifier: string | null; entityId: string | null; eventDate: IsoDateTime | null } | null;
  error: DfdgErrorInfo | null;
  /** Plain Danish advice on what to change (rejected) or what happens next (failed). */
  advice: string | null;
  /** Whether the caseworker may edit and resend (rejected commands). */
  editable: boolean;
}

/**
 * Why DFDG is treated as out of reach: 'unreachable' (network, timeouts), 'tls' (the secure connection
 * was refused over a certificate: fixed in Indstillinger → Certifikat, not by waiting), or 'other' (e.g.
 * DFDG not configured). Null while online.
 */
export type ConnectivityCause = 'unreachable' | 'tls' | 'other';

export interface SyncStatus {
  online: boolean;
  /** Why it is offline (null while online). Optional: older cores did not send it. */
  cause?: ConnectivityCause | null;
  draining: boolean;
  /** Commands not finished yet: queued, sending and failed (waiting for another attempt). */
  pending: number;
  /** Of `pending`, those whose last attempt failed. */
  failed: number;
  rejected: number;
  lastSyncedAt: IsoDateTime | null;
  lastError: string | null;
}

// ---------------------------------------------------------------------------------------------
// Code lists ("den gode kodeliste": start inclusive, end exclusive)

export interface CodeListItem {
  id: number;
  name: string;
  description?: string;
  validFrom: IsoDate;
  validTo: IsoDate;
  [flag: string]: unknown;
}

// ---------------------------------------------------------------------------------------------
// Audit

export interface AuditEntry {
  id: number;
  at: IsoDateTime;
  userIdentifier: string;
  userName: string;
  organisationType: number;
  organisationCode: string;
  cpr: Cpr | null;
  action: string;
  source: 'cache' | 'dfdg' | 'command' | 'local';
  /** The screen or command that caused it (e.g. 'citizen-page', 'search', 'outbox:message.create'). */
  purpose: string;
  outcome: 'ok' | 'denied' | 'error';
}

// ---------------------------------------------------------------------------------------------
// Rule findings (shared/rules returns these; the IPC contract carries them)

export type FindingSeverity = 'error' | 'warning' | 'info';

export interface Finding {
  /** Stable id from ../shared/dfdg/rules.md, e.g. 'MSG11_CHANNEL'. */
  ruleId: string;
  severity: FindingSeverity;
  /** The form field it concerns, e.g. 'channel', 'attachments[0]'. */
  field?: string;
  /** Plain, specific Danish. */
  message: string;
  /** The seed or document that states the rule, e.g. 'seed 000'. */
  source?: string;
}

// ---------------------------------------------------------------------------------------------
// Templates (message texts with placeholders such as {{borger.navn}})

export interface MessageTemplate {
  id: string;
  name: string;
  contextType: number | null;
  subject: string;
  body: string;
  builtIn: boolean;
}
