// The domain's shapes, declared once as zod schemas; the TypeScript types are derived from them
// (z.output), so the contract main validates with and the types everyone compiles against cannot
// drift. Readable names here; DFDG's element names live only in the wire codecs (main/core/dfdg/).
//
// Import the types through ./domain (type-only re-exports, so the renderer never bundles zod); import
// the schemas from here only where something is validated (the IPC contract, main).

import { z } from 'zod';
import { MAX_ABSENCE_COMMENT_CHARS } from './constants';

// ---------------------------------------------------------------------------------------------
// Primitives

const isoDateRe = /^\d{4}-\d{2}-\d{2}$/;
export const zIsoDate = z.string().regex(isoDateRe, 'Datoen skal have formen ÅÅÅÅ-MM-DD');
export const zIsoDateTime = z.string().min(10).max(40);
/** Ten digits as DFDG carries it (normalise 'DDMMYY-XXXX' before invoking). Full validity is a rule. */
export const zCpr = z.string().regex(/^\d{10}$/, 'CPR-nummeret skal være 10 cifre');
export const zId = z.string().min(1).max(64).regex(/^[A-Za-z0-9._:-]+$/, 'Ugyldigt id');
export const zUuid = z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'Ugyldigt id');
/** A DFDG code list id. */
export const zCode = z.number().int().min(0).max(100_000_000);
/** A-kasse hovednummer (3 digits) or jobcenter code (5 digits). */
export const zOrgCode = z.string().regex(/^\d{1,8}$/);
export const zText = (max: number) => z.string().max(max);
/** Attachments and certificates travel as bytes, never as paths. */
export const zBytes = (max: number) =>
  z.instanceof(Uint8Array).refine((b) => b.byteLength <= max, { message: `Filen er større end ${Math.round(max / 1024 / 1024)} MB` });

// ---------------------------------------------------------------------------------------------
// Who the app acts as

export const zOrgType = z.enum(['akasse', 'jobcenter']);

export const zOrganisationRef = z.object({
  type: zOrgType,
  /** A-kasse hovednummer (3 digits) or jobcenter code (5 digits). */
  code: z.string(),
});

export const zOrganisation = zOrganisationRef.extend({ name: z.string() });

export const zCaseworker = z.object({
  fullName: z.string(),
  /** The certificate RID, 'CVR:<8 digits>-UUID:<uuid>'; DFDG's UserIdentifier. */
  userIdentifier: z.string(),
  email: z.string().optional(),
});

export const zCertificateInfo = z.object({
  subject: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  fingerprint256: z.string(),
});

/** Who the app acts as: derived from the configured client certificate. */
export const zIdentity = z.object({ organisation: zOrganisation, caseworker: zCaseworker, certificate: zCertificateInfo });

/** A DFDG organisation reference as DFDG numbers it (OrganisationTypeIdentifier + code). */
export const zOrgRefNum = z.object({ organisationType: zCode, organisationCode: z.string() });

// ---------------------------------------------------------------------------------------------
// Rule findings (shared/rules returns these; the IPC contract carries them)

export const zFindingSeverity = z.enum(['error', 'warning', 'info']);

export const zFinding = z.object({
  /** Stable id from ../shared/dfdg/rules.md, e.g. 'MSG11_CHANNEL'. */
  ruleId: z.string(),
  severity: zFindingSeverity,
  /** The form field it concerns, e.g. 'channel', 'attachments[0]'. */
  field: z.string().optional(),
  /** Plain, specific Danish. */
  message: z.string(),
  /** The seed or document that states the rule, e.g. 'seed 000'. */
  source: z.string().optional(),
});

// ---------------------------------------------------------------------------------------------
// Citizens

export const zCitizen = z.object({
  cpr: z.string(),
  name: z.string(),
  gender: z.enum(['M', 'K']).nullable().optional(),
  contactGroup: z.number().nullable(),
  /** Person category (personkategori). */
  personCategory: z.number().nullable().optional(),
  /** Registration category (tilmeldekategori); 5 = dimittend. */
  registrationCategory: z.number().nullable(),
  akasseCode: z.string().nullable(),
  akasseName: z.string().nullable().optional(),
  membershipStart: z.string().nullable().optional(),
  membershipEnd: z.string().nullable().optional(),
  jobcenterCode: z.string().nullable(),
  jobcenterName: z.string().nullable().optional(),
  municipalityCode: z.string().nullable().optional(),
  deceased: z.boolean(),
});

/** A row in search results. */
export const zCitizenSummary = z.object({
  cpr: z.string(),
  name: z.string(),
  contactGroup: z.number().nullable(),
  registrationCategory: z.number().nullable(),
  lastUsedAt: z.string().nullable(),
});

/** How fresh a cached record is. */
export const zFreshness = z.object({
  fetchedAt: z.string().nullable(),
  stale: z.boolean(),
  source: z.enum(['cache', 'dfdg']),
});

// ---------------------------------------------------------------------------------------------
// Dialogmodul (CitizenMessageService), drafts and attachments

export const zMime = z.enum(['application/pdf', 'application/xml']);

export const zAttachmentMeta = z.object({
  id: z.string(),
  fileName: z.string(),
  mimeType: zMime,
  size: z.number(),
  /** sha256 of the content (content-addressed store key). */
  sha256: z.string(),
  pageCount: z.number().nullable().optional(),
});

export const zMessageParty = z.object({
  /** 1 Borger, 2 Sagsbehandler (ASSUMED ids). */
  userType: z.number(),
  userIdentifier: z.string(),
  fullName: z.string(),
  organisationType: z.number().nullable(),
  organisationCode: z.string().nullable(),
});

export const zMessageDocumentMeta = z.object({ id: z.string(), fileName: z.string(), mimeType: zMime, size: z.number() });

export const zCitizenMessage = z.object({
  id: z.string(),
  cpr: z.string(),
  contextType: z.number(),
  channel: z.number(),
  subject: z.string(),
  body: z.string(),
  allowReply: z.boolean(),
  responseToId: z.string().nullable(),
  from: zMessageParty,
  to: zOrgRefNum.nullable(),
  createdAt: z.string(),
  documents: z.array(zMessageDocumentMeta),
});

export const zOutboxState = z.enum(['queued', 'sending', 'sent', 'failed', 'rejected', 'cancelled']);

export const zPendingMessage = z.object({
  commandId: z.string(),
  state: zOutboxState,
  subject: z.string(),
  body: z.string(),
  createdAt: z.string(),
  attachments: z.array(zAttachmentMeta),
});

/** A conversation: a root message and every reply in its chain, oldest first. */
export const zMessageThread = z.object({
  rootId: z.string(),
  cpr: z.string(),
  subject: z.string(),
  contextType: z.number(),
  lastActivityAt: z.string(),
  messages: z.array(zCitizenMessage),
  /** Outbox items that belong to this thread and are not yet sent (optimistic). */
  pending: z.array(zPendingMessage),
});

/** The structured part of a type 11 "Indstilling om tilbud" (strict: it is also what the renderer sends). */
export const zRecommendationForm = z
  .object({
    /** ActivationTypeIdentifier of the proposed offer. */
    offerType: zCode.nullable(),
    proposedStart: zIsoDate.nullable().optional(),
    /** Proposed duration in weeks. */
    durationWeeks: z.number().int().min(0).max(520).nullable(),
    hoursPerWeek: z.number().min(0).max(59).nullable().optional(),
    company: z
      .object({ cvr: z.string().regex(/^\d{8}$/), pNumber: z.string().regex(/^\d{10}$/).nullable().optional(), name: zText(200) })
      .nullable()
      .optional(),
    courseProvider: zText(200).nullable().optional(),
    supportingActivities: z.array(zText(200)).max(10),
  })
  .strict();

export const zMessageDraft = z.object({
  id: z.string(),
  cpr: z.string(),
  contextType: z.number(),
  channel: z.number(),
  subject: z.string(),
  body: z.string(),
  allowReply: z.boolean(),
  replyTo: z.string().nullable(),
  /** Receiver on channel 4: the other authority. */
  to: zOrgRefNum.nullable(),
  recommendation: zRecommendationForm.nullable(),
  attachments: z.array(zAttachmentMeta),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Message texts with placeholders such as {{borger.navn}}. */
export const zMessageTemplate = z.object({
  id: z.string(),
  name: z.string(),
  contextType: z.number().nullable(),
  subject: z.string(),
  body: z.string(),
  builtIn: z.boolean(),
});

// ---------------------------------------------------------------------------------------------
// Absence (fravær og fritagelser)

export const zAbsence = z.object({
  id: z.string(),
  cpr: z.string(),
  type: z.number(),
  start: z.string(),
  end: z.string().nullable(),
  comment: z.string().nullable(),
  notificationDate: z.string(),
  endReason: z.number().nullable(),
  registeredBy: zOrgRefNum.nullable(),
  createdAt: z.string().nullable().optional(),
  updatedAt: z.string().nullable().optional(),
  /** Set locally while a command for this absence waits in the outbox. */
  pendingCommandId: z.string().nullable().optional(),
});

/** What the caseworker registers or corrects (strict: the renderer sends it). */
export const zAbsenceInput = z
  .object({
    type: zCode,
    start: zIsoDate,
    end: zIsoDate.nullable(),
    comment: zText(MAX_ABSENCE_COMMENT_CHARS).nullable(),
    notificationDate: zIsoDate,
    endReason: zCode.nullable(),
  })
  .strict();

// ---------------------------------------------------------------------------------------------
// Min plan, meetings, joblog, companies

export const zActivity = z.object({
  id: z.string(),
  cpr: z.string(),
  name: z.string(),
  activationType: z.number().nullable(),
  start: z.string(),
  end: z.string().nullable(),
  endReason: z.number().nullable(),
  hoursPerWeek: z.number().nullable(),
  responsibleAuthority: z.object({ code: z.string(), name: z.string() }).nullable(),
  createdAt: z.string().nullable(),
  pendingCommandId: z.string().nullable().optional(),
});

/** An activity the jobcenter creates in Min plan (strict: the renderer sends it). */
export const zActivityInput = z
  .object({
    name: zText(100).min(1),
    activationType: zCode,
    start: zIsoDate,
    end: zIsoDate.nullable(),
    hoursPerWeek: z.number().int().min(0).max(59),
  })
  .strict();

export const zMeeting = z.object({
  id: z.string(),
  cpr: z.string(),
  start: z.string(),
  end: z.string().nullable(),
  interviewType: z.number(),
  form: z.number(),
  location: z.string().nullable(),
  locationDetail: z.string().nullable(),
  digitalLink: z.string().nullable(),
  selfBooked: z.boolean(),
  organisation: z.object({ organisationType: z.number(), organisationCode: z.string(), name: z.string() }).nullable(),
  /** Ombooking/aflysning (interfaces.md §9.2); absent in caches written before they were read. */
  rebookingPossible: z.boolean().nullable().optional(),
  rebookingDeadline: z.string().nullable().optional(),
  cancelPossible: z.boolean().nullable().optional(),
  cancelDeadline: z.string().nullable().optional(),
  participants: z.array(z.object({ name: z.string(), contactDetails: z.string().nullable() })).optional(),
  /** Set locally while a command for this meeting waits in the outbox. */
  pendingCommandId: z.string().nullable().optional(),
});

/** Danish wall-clock time 'YYYY-MM-DDTHH:MM' (what the caseworker types; DFDG's REST times carry no offset). */
export const zLocalDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Tidspunktet skal have formen ÅÅÅÅ-MM-DDTTT:MM');

/**
 * A meeting invitation the caseworker creates or rebooks (strict: the renderer sends it). Text fields
 * are null when left out: an empty "Lokationsuddybning" is refused by the rules (MEET_LOCATION_EMPTY),
 * never sent. `participants`: the participating authorities (Myndighedsdeltager, interfaces.md §9.1).
 */
export const zMeetingInput = z
  .object({
    interviewType: zCode,
    start: zLocalDateTime,
    end: zLocalDateTime.nullable(),
    form: zCode,
    location: zText(256).nullable(),
    locationDetail: zText(256).nullable(),
    digitalLink: zText(2048).nullable(),
    rebookingPossible: z.boolean(),
    rebookingDeadline: zLocalDateTime.nullable(),
    cancelPossible: z.boolean(),
    cancelDeadline: zLocalDateTime.nullable(),
    participants: z.array(z.object({ name: zText(256).min(1), contactDetails: zText(256).nullable() }).strict()).max(10),
  })
  .strict();

export const zJoblogEntry = z.object({
  id: z.string(),
  cpr: z.string(),
  submissionDate: z.string(),
  submissionDeadlineDate: z.string().nullable(),
  companyName: z.string(),
  jobTitle: z.string(),
  description: z.string().nullable(),
  createdAt: z.string().nullable(),
});

export const zCompany = z.object({
  cvr: z.string(),
  pNumber: z.string().nullable(),
  name: z.string(),
  accountActive: z.boolean(),
  lastLoginAt: z.string().nullable(),
});

// ---------------------------------------------------------------------------------------------
// Advisories (the inbox)

export const zAdvisoryKind = z.enum([
  'recommendation-received', // jobcenter: a type 11 arrived
  'recommendation-answered', // a-kasse: the jobcenter answered our type 11
  'offer-granted', // a-kasse: an activity was created in Min plan
  'absence-by-other', // absence registered/changed/deleted by the other party
  'membership-changed', // a member switched a-kasse
  'message-received', // another channel-4 message for us
  'meeting-changed',
  'grant-not-approved', // a-kasse: an offer in Min plan ended with ophørsårsag 14 (seed 001 §3.1)
]);

export const zAdvisoryStatus = z.enum(['open', 'in-progress', 'done']);

export const zAdvisory = z.object({
  id: z.string(),
  kind: zAdvisoryKind,
  cpr: z.string(),
  citizenName: z.string().nullable(),
  title: z.string(),
  createdAt: z.string(),
  /** Where the law sets one (e.g. answer a recommendation); else null. */
  dueDate: z.string().nullable(),
  status: zAdvisoryStatus,
  takenBy: z.string().nullable(),
  takenAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  /** The WSRM MessageIdentifier it came from. */
  sourceMessageIdentifier: z.string().nullable(),
  /** The entity it concerns (message id, absence id, activity id). */
  entityId: z.string().nullable(),
});

// ---------------------------------------------------------------------------------------------
// The team queue (desktop hub mode: the organisation hub's advisories, shared/hubApi.ts)

export const zHubCaseworker = z.object({ id: z.string(), name: z.string() });

/** The Indbakke's views of the team queue: Mine, Ufordelte, Overskredne, Alle, Udførte. */
export const zTeamView = z.enum(['mine', 'unassigned', 'overdue', 'all', 'done']);

/** What a caseworker does to a team advisory (the hub's take, release, complete, reopen). */
export const zTeamAction = z.enum(['take', 'release', 'complete', 'reopen']);

/** An advisory of the team queue as this desktop holds it (the hub's HubAdvisory, plus local state). */
export const zTeamAdvisory = zAdvisory
  .pick({ id: true, kind: true, cpr: true, citizenName: true, title: true, createdAt: true, dueDate: true, status: true, takenAt: true, doneAt: true, entityId: true })
  .extend({
    // citizenName: from this desktop's own citizen cache (the hub does not look citizens up); null until looked up.
    takenBy: zHubCaseworker.nullable(),
    doneBy: zHubCaseworker.nullable(),
    /** The hub's version: a change made offline is sent with the version it was made on. */
    version: z.number(),
    sourceMessageIdentifier: z.string(),
    /** An action made while the hub could not be reached, waiting in this desktop's outbox. */
    pending: zTeamAction.nullable(),
    /** The hub refused an action sent from the outbox (a colleague was first): its words, and when. */
    refused: z.object({ action: zTeamAction, message: z.string(), at: z.string() }).nullable(),
  });

export const zHubState = z.enum(['starting', 'connecting', 'online', 'offline', 'refused', 'unavailable']);

/** How this desktop stands with its organisation's hub. */
export const zHubStatus = z.object({
  /** Indstillinger → Organisationens hub, or the sandbox's own embedded hub. */
  source: z.enum(['settings', 'sandbox']),
  url: z.string().nullable(),
  state: zHubState,
  /** Why it is not online (Danish, for the caseworker); null while online. */
  reason: z.string().nullable(),
  /** Who the hub knows this desktop's caseworker as (the personal certificate), once connected. */
  me: zHubCaseworker.nullable(),
  organisation: z.string().nullable(),
  /** Team queue actions made while the hub could not be reached, waiting to be sent. */
  pending: z.number(),
  /** Of those sent later, the ones the hub refused (a colleague was first) and the caseworker has not dismissed. */
  refused: z.number(),
  counts: z.object({ mine: z.number(), unassigned: z.number(), overdue: z.number(), all: z.number(), done: z.number() }),
  /** When this desktop last heard from the hub. */
  syncedAt: z.string().nullable(),
});

/** One colleague at the hub, for hand-over and the team lead's Fordeling: open taken, of those overdue, done today. */
export const zTeamColleague = z.object({ id: z.string(), name: z.string(), taken: z.number(), overdue: z.number(), doneToday: z.number() });

/** A team action made while the hub could not be reached (this desktop's outbox of team actions), for the Udbakke. */
export const zTeamCommand = z.object({
  id: z.string(),
  advisoryId: z.string(),
  action: zTeamAction,
  /** queued: waits for the hub; sent: the hub applied it; refused: the hub said no (`message`, its words). */
  state: z.enum(['queued', 'sent', 'refused']),
  message: z.string().nullable(),
  attempts: z.number(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The advisory as this desktop holds it (null: no longer in the copy). */
  title: z.string().nullable(),
  cpr: z.string().nullable(),
  citizenName: z.string().nullable(),
});

// ---------------------------------------------------------------------------------------------
// Outbox and sync

export const zCommandKind = z.enum(['message.create', 'absence.create', 'absence.update', 'absence.delete', 'activity.create', 'recommendation.answer',
  'meeting.create', 'meeting.update', 'meeting.cancel',
  'activity.end', 'activity.update',
]);

export const zDfdgErrorInfo = z.object({
  /** DFDG's own error code (1001, 4575, 6005 ...) or an HTTP status where DFDG gave none. */
  code: z.number().nullable(),
  text: z.string(),
  service: z.string(),
  operation: z.string(),
  transient: z.boolean(),
  httpStatus: z.number().nullable(),
  /**
   * Where the call failed, when it matters for what the caseworker is told: 'tls' = the secure
   * connection was refused over a certificate, 'proxy' = the proxy in front of DFDG did not let the
   * call through (in both, nothing reached DFDG). Absent on most errors.
   */
  kind: z.enum(['tls', 'proxy']).optional(),
});

export const zOutboxItem = z.object({
  id: z.string(),
  kind: zCommandKind,
  cpr: z.string(),
  citizenName: z.string().nullable(),
  /** A short Danish description for the outbox list (no message body). */
  summary: z.string(),
  state: zOutboxState,
  attempts: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  nextAttemptAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  /** DFDG's receipt or the created entity id once sent. */
  receipt: z.object({ messageIdentifier: z.string().nullable(), entityId: z.string().nullable(), eventDate: z.string().nullable() }).nullable(),
  error: zDfdgErrorInfo.nullable(),
  /**
   * Plain Danish for a rejected or failed command (shared/dfdgErrors outboxExplanation, computed in
   * main): what DFDG's answer means (null for the outbox's own errors) and what to change or what
   * happens next. Null for the other states.
   */
  explanation: z.object({ title: z.string().nullable(), advice: z.string() }).nullable(),
  /** Whether the caseworker may edit and resend (rejected commands). */
  editable: z.boolean(),
});

/**
 * Why DFDG is treated as out of reach: 'unreachable' (network, timeouts), 'tls' (the secure connection
 * was refused over a certificate: fixed in Indstillinger → Certifikat, not by waiting), or 'other' (e.g.
 * DFDG not configured).
 */
export const zConnectivityCause = z.enum(['unreachable', 'tls', 'other']);

export const zSyncStatus = z.object({
  online: z.boolean(),
  /** Why it is offline (null while online). */
  cause: zConnectivityCause.nullable(),
  draining: z.boolean(),
  /** Commands not finished yet: queued, sending and failed (waiting for another attempt). */
  pending: z.number(),
  /** Of `pending`, those whose last attempt failed. */
  failed: z.number(),
  rejected: z.number(),
  lastSyncedAt: z.string().nullable(),
  lastError: z.string().nullable(),
});

// ---------------------------------------------------------------------------------------------
// Code lists ("den gode kodeliste": start inclusive, end exclusive) and audit

export const zCodeListItem = z
  .object({ id: z.number(), name: z.string(), description: z.string().optional(), validFrom: z.string(), validTo: z.string() })
  .catchall(z.unknown());

export const zAuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  userIdentifier: z.string(),
  userName: z.string(),
  organisationType: z.number(),
  organisationCode: z.string(),
  cpr: z.string().nullable(),
  action: z.string(),
  source: z.enum(['cache', 'dfdg', 'command', 'local']),
  /** The screen or command that caused it (e.g. 'citizen-page', 'search', 'outbox:message.create'). */
  purpose: z.string(),
  outcome: z.enum(['ok', 'denied', 'error']),
});

// ---------------------------------------------------------------------------------------------
// The types, derived (re-exported type-only by ./domain)

export type OrgType = z.output<typeof zOrgType>;
export type OrganisationRef = z.output<typeof zOrganisationRef>;
export type Organisation = z.output<typeof zOrganisation>;
export type Caseworker = z.output<typeof zCaseworker>;
export type CertificateInfo = z.output<typeof zCertificateInfo>;
export type Identity = z.output<typeof zIdentity>;
export type FindingSeverity = z.output<typeof zFindingSeverity>;
export type Finding = z.output<typeof zFinding>;
export type Citizen = z.output<typeof zCitizen>;
export type CitizenSummary = z.output<typeof zCitizenSummary>;
export type Freshness = z.output<typeof zFreshness>;
export type AttachmentMeta = z.output<typeof zAttachmentMeta>;
export type MessageParty = z.output<typeof zMessageParty>;
export type MessageDocumentMeta = z.output<typeof zMessageDocumentMeta>;
export type CitizenMessage = z.output<typeof zCitizenMessage>;
export type OutboxState = z.output<typeof zOutboxState>;
export type PendingMessage = z.output<typeof zPendingMessage>;
export type MessageThread = z.output<typeof zMessageThread>;
export type RecommendationForm = z.output<typeof zRecommendationForm>;
export type MessageDraft = z.output<typeof zMessageDraft>;
export type MessageTemplate = z.output<typeof zMessageTemplate>;
export type Absence = z.output<typeof zAbsence>;
export type AbsenceInput = z.output<typeof zAbsenceInput>;
export type Activity = z.output<typeof zActivity>;
export type ActivityInput = z.output<typeof zActivityInput>;
export type Meeting = z.output<typeof zMeeting>;
export type MeetingInput = z.output<typeof zMeetingInput>;
export type JoblogEntry = z.output<typeof zJoblogEntry>;
export type Company = z.output<typeof zCompany>;
export type AdvisoryKind = z.output<typeof zAdvisoryKind>;
export type AdvisoryStatus = z.output<typeof zAdvisoryStatus>;
export type Advisory = z.output<typeof zAdvisory>;
export type HubCaseworkerRef = z.output<typeof zHubCaseworker>;
export type TeamView = z.output<typeof zTeamView>;
export type TeamAction = z.output<typeof zTeamAction>;
export type TeamAdvisory = z.output<typeof zTeamAdvisory>;
export type HubState = z.output<typeof zHubState>;
export type HubStatus = z.output<typeof zHubStatus>;
export type TeamColleague = z.output<typeof zTeamColleague>;
export type TeamCommand = z.output<typeof zTeamCommand>;
export type CommandKind = z.output<typeof zCommandKind>;
export type DfdgErrorInfo = z.output<typeof zDfdgErrorInfo>;
export type OutboxItem = z.output<typeof zOutboxItem>;
export type ConnectivityCause = z.output<typeof zConnectivityCause>;
export type SyncStatus = z.output<typeof zSyncStatus>;
export type CodeListItem = z.output<typeof zCodeListItem>;
export type AuditEntry = z.output<typeof zAuditEntry>;
