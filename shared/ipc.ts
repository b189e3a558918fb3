// The IPC contract: every channel the renderer can invoke and every event main sends, declared once
// with zod schemas. main validates every request (and its sender frame) against it; preload derives
// window.dfdg from it; the renderer gets its types from it; the e2e test bridge speaks it too.
//
// Rules: requests are strict objects with bounded strings (a hostile renderer must not be able to
// crash or flood main); responses are validated in tests and in development. Add channels here and
// nowhere else; the IPC surface snapshot test (test/main/ipc-surface.test.ts) shows every widening.

import { z } from 'zod';
import type {
  Absence,
  Activity,
  Advisory,
  AttachmentMeta,
  AuditEntry,
  CertificateInfo,
  Citizen,
  CitizenMessage,
  CitizenSummary,
  CodeListItem,
  Company,
  DfdgErrorInfo,
  Finding,
  Freshness,
  Identity,
  JoblogEntry,
  Meeting,
  MessageDraft,
  MessageTemplate,
  MessageThread,
  OutboxItem,
  PendingMessage,
  RecommendationForm,
  SyncStatus,
} from './domain';

// ---------------------------------------------------------------------------------------------
// Primitives

const isoDateRe = /^\d{4}-\d{2}-\d{2}$/;
export const zIsoDate = z.string().regex(isoDateRe, 'Datoen skal have formen ÅÅÅÅ-MM-DD');
export const zIsoDateTime = z.string().min(10).max(40);
/** Ten digits as DFDG carries it (normalise 'DDMMYY-XXXX' before invoking). Full validity is a rule. */
export const zCpr = z.string().regex(/^\d{10}$/, 'CPR-nummeret skal være 10 cifre');
export const zId = z.string().min(1).max(64).regex(/^[A-Za-z0-9._:-]+$/, 'Ugyldigt id');
export const zUuid = z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'Ugyldigt id');
const zCode = z.number().int().min(0).max(100_000_000);
const zOrgCode = z.string().regex(/^\d{1,8}$/);
const zText = (max: number) => z.string().max(max);
/** Attachments and certificates travel as bytes, never as paths. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const zBytes = (max: number) =>
  z.instanceof(Uint8Array).refine((b) => b.byteLength <= max, { message: `Filen er større end ${Math.round(max / 1024 / 1024)} MB` });

// ---------------------------------------------------------------------------------------------
// Domain schemas (each checked against the domain type it mirrors)

const zOrgRefNum = z.object({ organisationType: zCode, organisationCode: z.string() });

export const zFinding: z.ZodType<Finding> = z.object({
  ruleId: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  field: z.string().optional(),
  message: z.string(),
  source: z.string().optional(),
});

const zCertificateInfo: z.ZodType<CertificateInfo> = z.object({
  subject: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  fingerprint256: z.string(),
});

export const zIdentity: z.ZodType<Identity> = z.object({
  organisation: z.object({ type: z.enum(['akasse', 'jobcenter']), code: z.string(), name: z.string() }),
  caseworker: z.object({ fullName: z.string(), userIdentifier: z.string(), email: z.string().optional() }),
  certificate: zCertificateInfo,
});

export const zCitizen: z.ZodType<Citizen> = z.object({
  cpr: z.string(),
  name: z.string(),
  gender: z.enum(['M', 'K']).nullable().optional(),
  contactGroup: z.number().nullable(),
  personCategory: z.number().nullable().optional(),
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

const zCitizenSummary: z.ZodType<CitizenSummary> = z.object({
  cpr: z.string(),
  name: z.string(),
  contactGroup: z.number().nullable(),
  registrationCategory: z.number().nullable(),
  lastUsedAt: z.string().nullable(),
});

const zFreshness: z.ZodType<Freshness> = z.object({
  fetchedAt: z.string().nullable(),
  stale: z.boolean(),
  source: z.enum(['cache', 'dfdg']),
});

const zMime = z.enum(['application/pdf', 'application/xml']);

const zAttachmentMeta: z.ZodType<AttachmentMeta> = z.object({
  id: z.string(),
  fileName: z.string(),
  mimeType: zMime,
  size: z.number(),
  sha256: z.string(),
  pageCount: z.number().nullable().optional(),
});

const zCitizenMessage: z.ZodType<CitizenMessage> = z.object({
  id: z.string(),
  cpr: z.string(),
  contextType: z.number(),
  channel: z.number(),
  subject: z.string(),
  body: z.string(),
  allowReply: z.boolean(),
  responseToId: z.string().nullable(),
  from: z.object({
    userType: z.number(),
    userIdentifier: z.string(),
    fullName: z.string(),
    organisationType: z.number().nullable(),
    organisationCode: z.string().nullable(),
  }),
  to: zOrgRefNum.nullable(),
  createdAt: z.string(),
  documents: z.array(z.object({ id: z.string(), fileName: z.string(), mimeType: zMime, size: z.number() })),
});

const zOutboxState = z.enum(['queued', 'sending', 'sent', 'failed', 'rejected', 'cancelled']);

const zPendingMessage: z.ZodType<PendingMessage> = z.object({
  commandId: z.string(),
  state: zOutboxState,
  subject: z.string(),
  body: z.string(),
  createdAt: z.string(),
  attachments: z.array(zAttachmentMeta),
});

const zThread: z.ZodType<MessageThread> = z.object({
  rootId: z.string(),
  cpr: z.string(),
  subject: z.string(),
  contextType: z.number(),
  lastActivityAt: z.string(),
  messages: z.array(zCitizenMessage),
  pending: z.array(zPendingMessage),
});

const zRecommendationFormIn = z
  .object({
    offerType: zCode.nullable(),
    proposedStart: zIsoDate.nullable().optional(),
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
const zRecommendationForm: z.ZodType<RecommendationForm> = zRecommendationFormIn;

const zMessageDraft: z.ZodType<MessageDraft> = z.object({
  id: z.string(),
  cpr: z.string(),
  contextType: z.number(),
  channel: z.number(),
  subject: z.string(),
  body: z.string(),
  allowReply: z.boolean(),
  replyTo: z.string().nullable(),
  to: zOrgRefNum.nullable(),
  recommendation: zRecommendationForm.nullable(),
  attachments: z.array(zAttachmentMeta),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const zAbsence: z.ZodType<Absence> = z.object({
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
  pendingCommandId: z.string().nullable().optional(),
});

export const zAbsenceInput = z
  .object({
    type: zCode,
    start: zIsoDate,
    end: zIsoDate.nullable(),
    comment: zText(1500).nullable(),
    notificationDate: zIsoDate,
    endReason: zCode.nullable(),
  })
  .strict();

const zActivity: z.ZodType<Activity> = z.object({
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

export const zActivityInput = z
  .object({
    name: zText(100).min(1),
    activationType: zCode,
    start: zIsoDate,
    end: zIsoDate.nullable(),
    hoursPerWeek: z.number().int().min(0).max(59),
  })
  .strict();

const zMeeting: z.ZodType<Meeting> = z.object({
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
});

const zJoblogEntry: z.ZodType<JoblogEntry> = z.object({
  id: z.string(),
  cpr: z.string(),
  submissionDate: z.string(),
  submissionDeadlineDate: z.string().nullable(),
  companyName: z.string(),
  jobTitle: z.string(),
  description: z.string().nullable(),
  createdAt: z.string().nullable(),
});

const zCompany: z.ZodType<Company> = z.object({
  cvr: z.string(),
  pNumber: z.string().nullable(),
  name: z.string(),
  accountActive: z.boolean(),
  lastLoginAt: z.string().nullable(),
});

const zAdvisoryKind = z.enum([
  'recommendation-received',
  'recommendation-answered',
  'offer-granted',
  'absence-by-other',
  'membership-changed',
  'message-received',
  'meeting-changed',
]);
const zAdvisoryStatus = z.enum(['open', 'in-progress', 'done']);

const zAdvisory: z.ZodType<Advisory> = z.object({
  id: z.string(),
  kind: zAdvisoryKind,
  cpr: z.string(),
  citizenName: z.string().nullable(),
  title: z.string(),
  createdAt: z.string(),
  dueDate: z.string().nullable(),
  status: zAdvisoryStatus,
  takenBy: z.string().nullable(),
  takenAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  sourceMessageIdentifier: z.string().nullable(),
  entityId: z.string().nullable(),
});

const zDfdgErrorInfo: z.ZodType<DfdgErrorInfo> = z.object({
  code: z.number().nullable(),
  text: z.string(),
  service: z.string(),
  operation: z.string(),
  transient: z.boolean(),
  httpStatus: z.number().nullable(),
  kind: z.literal('tls').optional(),
});

const zCommandKind = z.enum(['message.create', 'absence.create', 'absence.update', 'absence.delete', 'activity.create', 'recommendation.answer']);

const zOutboxItem: z.ZodType<OutboxItem> = z.object({
  id: z.string(),
  kind: zCommandKind,
  cpr: z.string(),
  citizenName: z.string().nullable(),
  summary: z.string(),
  state: zOutboxState,
  attempts: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  nextAttemptAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  receipt: z
    .object({ messageIdentifier: z.string().nullable(), entityId: z.string().nullable(), eventDate: z.string().nullable() })
    .nullable(),
  error: zDfdgErrorInfo.nullable(),
  advice: z.string().nullable(),
  editable: z.boolean(),
});

export const zConnectivityCause = z.enum(['unreachable', 'tls', 'other']);

export const zSyncStatus: z.ZodType<SyncStatus> = z.object({
  online: z.boolean(),
  cause: zConnectivityCause.nullable().optional(),
  draining: z.boolean(),
  pending: z.number(),
  failed: z.number(),
  rejected: z.number(),
  lastSyncedAt: z.string().nullable(),
  lastError: z.string().nullable(),
});

const zCodeListItem: z.ZodType<CodeListItem> = z
  .object({ id: z.number(), name: z.string(), description: z.string().optional(), validFrom: z.string(), validTo: z.string() })
  .catchall(z.unknown());

const zTemplate: z.ZodType<MessageTemplate> = z.object({
  id: z.string(),
  name: z.string(),
  contextType: z.number().nullable(),
  subject: z.string(),
  body: z.string(),
  builtIn: z.boolean(),
});

const zAuditEntry: z.ZodType<AuditEntry> = z.object({
  id: z.number(),
  at: z.string(),
  userIdentifier: z.string(),
  userName: z.string(),
  organisationType: z.number(),
  organisationCode: z.string(),
  cpr: z.string().nullable(),
  action: z.string(),
  source: z.enum(['cache', 'dfdg', 'command', 'local']),
  purpose: z.string(),
  outcome: z.enum(['ok', 'denied', 'error']),
});

// ---------------------------------------------------------------------------------------------
// Settings

/** The organisations the bundled DFDG sandbox has certificates for (docs/wire-contract.md §1). */
export const SANDBOX_ORGANISATION_IDS = ['akasse-067', 'akasse-084', 'jobcenter-10100', 'jobcenter-10101', 'jobcenter-75100'] as const;

/** How DFDG is reached: the operating system's proxy (PAC included), no proxy, or the proxy given in `url`. */
export const PROXY_MODES = ['system', 'none', 'manual'] as const;
const zProxySetting = z.object({ mode: z.enum(PROXY_MODES), url: z.string().nullable() });

export const zSettings = z.object({
  /** null: no DFDG configured, the bundled sandbox is used. */
  dfdgBaseUrl: z.string().nullable(),
  /** Per-service URL and namespace overrides (real DFDG addresses). */
  services: z.record(z.string(), z.object({ url: z.string(), namespace: z.string().optional() })),
  certificate: zCertificateInfo.nullable(),
  hasCa: z.boolean(),
  caseworkerName: z.string().nullable(),
  caseworkerEmail: z.string().nullable(),
  retentionDays: z.number().int(),
  staleAfterMinutes: z.number().int(),
  /**
   * How the secrets are protected: 'os' (keychain/DPAPI/keyring), 'basic_text' (warn), 'file' (a key
   * file only the user may read: browser mode, or no OS encryption; said in Indstillinger), 'test'.
   */
  secretStorage: z.enum(['os', 'basic_text', 'file', 'test']),
  /** Which organisation the bundled sandbox acts as (only used while no DFDG is configured). */
  sandboxOrganisation: z.enum(SANDBOX_ORGANISATION_IDS).optional(),
  /** The proxy to DFDG (`url` only with mode 'manual'); the bundled sandbox is always reached directly. */
  proxy: zProxySetting,
});
export type Settings = z.infer<typeof zSettings>;

// ---------------------------------------------------------------------------------------------
// The channels

const empty = z.object({}).strict();
const ok = z.object({}).strict();
const purpose = z.enum(['search', 'citizen-page', 'dialog', 'absence', 'plan', 'meetings', 'joblog', 'advisory', 'outbox', 'composer', 'audit']);

const zCitizenOverview = z.object({
  citizen: zCitizen,
  freshness: zFreshness,
  /** Findings of checkAccess for this organisation (empty = allowed). */
  access: z.array(zFinding),
  counts: z.object({ threads: z.number(), absences: z.number(), activities: z.number(), openAdvisories: z.number(), drafts: z.number() }),
});

/** A cached message that matched a message search (no body: the thread shows it when opened). */
const zMessageSearchHit = z.object({
  messageId: z.string(),
  cpr: z.string(),
  citizenName: z.string(),
  subject: z.string(),
  createdAt: z.string(),
});

/** Settings → "Lokale data": the retention purge (rules.md RETAIN_*) and the citizens it holds back. */
const zRetentionStatus = z.object({
  retentionDays: z.number(),
  /** When the purge last ran (at start and then daily), or null if it never has. */
  lastRunAt: z.string().nullable(),
  /** Citizens it removed that time. */
  lastPurged: z.number().nullable(),
  /** Citizens due for purging but kept because of a draft or an unsent command, with the reason. */
  held: z.array(
    z.object({
      cpr: z.string(),
      name: z.string().nullable(),
      reason: z.enum(['deceased', 'no-access', 'unused']),
      ruleId: z.string(),
      text: z.string(),
      drafts: z.array(z.object({ id: z.string(), subject: z.string(), updatedAt: z.string() })),
      unsentCommands: z.number(),
    }),
  ),
});

const zRecommendationStatus = z.object({
  messageId: z.string(),
  subject: z.string(),
  sentAt: z.string(),
  status: z.enum(['pending', 'answered', 'granted']),
  answeredAt: z.string().nullable(),
  activityId: z.string().nullable(),
});

const zDraftPatch = z
  .object({
    contextType: zCode,
    channel: zCode,
    subject: zText(250),
    body: zText(10_000),
    allowReply: z.boolean(),
    to: z.object({ organisationType: zCode, organisationCode: zOrgCode }).strict().nullable(),
    recommendation: zRecommendationFormIn.nullable(),
  })
  .partial()
  .strict();

export const channels = {
  // App and settings
  'app.info': {
    request: empty,
    response: z.object({
      version: z.string(),
      mode: z.enum(['sandbox', 'dfdg', 'unconfigured']),
      sandboxUrl: z.string().nullable(),
      identity: zIdentity.nullable(),
      today: zIsoDate,
      status: zSyncStatus,
    }),
  },
  'settings.get': { request: empty, response: zSettings },
  'settings.save': {
    request: z
      .object({
        dfdgBaseUrl: z.string().url().max(500).nullable(),
        services: z.record(z.string().max(64), z.object({ url: z.string().url().max(500), namespace: zText(300).optional() }).strict()),
        caseworkerName: zText(140).nullable(),
        caseworkerEmail: zText(254).nullable(),
        retentionDays: z.number().int().min(1).max(365),
        staleAfterMinutes: z.number().int().min(1).max(24 * 60),
        /** Switches the organisation the sandbox acts as (the app reconnects). */
        sandboxOrganisation: z.enum(SANDBOX_ORGANISATION_IDS),
        /** The proxy to DFDG; main checks a manual address (http(s)://host:port, no login). */
        proxy: z.object({ mode: z.enum(PROXY_MODES), url: zText(500).nullable() }).strict(),
      })
      .partial()
      .strict(),
    response: zSettings,
  },
  'settings.importCertificate': {
    request: z
      .object({ p12: zBytes(256 * 1024), passphrase: zText(256), ca: zBytes(256 * 1024).optional() })
      .strict(),
    response: z.object({ identity: zIdentity }),
  },

  // Citizens
  'citizens.search': {
    request: z.object({ query: zText(100).min(1) }).strict(),
    response: z.object({ results: z.array(zCitizenSummary), source: z.enum(['cache', 'dfdg']), online: z.boolean() }),
  },
  'citizens.open': { request: z.object({ cpr: zCpr, purpose }).strict(), response: zCitizenOverview },
  'citizens.refresh': { request: z.object({ cpr: zCpr }).strict(), response: zCitizenOverview },

  // Dialog
  'messages.threads': {
    request: z.object({ cpr: zCpr }).strict(),
    response: z.object({ threads: z.array(zThread), freshness: zFreshness }),
  },
  /** Full-text search over the cached messages (subjects and bodies) of citizens the organisation may see. */
  'messages.search': {
    request: z.object({ query: zText(100).min(2), limit: z.number().int().min(1).max(200).optional() }).strict(),
    response: z.object({ hits: z.array(zMessageSearchHit), source: z.literal('cache') }),
  },
  'messages.document': {
    request: z.object({ cpr: zCpr, documentId: zId }).strict(),
    response: z.object({ fileName: z.string(), mimeType: zMime, bytes: z.instanceof(Uint8Array) }),
  },

  // Drafts and attachments
  'drafts.list': { request: z.object({ cpr: zCpr.optional() }).strict(), response: z.object({ drafts: z.array(zMessageDraft) }) },
  'drafts.get': { request: z.object({ id: zId }).strict(), response: zMessageDraft },
  'drafts.create': {
    request: z.object({ cpr: zCpr, contextType: zCode.optional(), replyTo: zId.nullable().optional(), templateId: zId.optional() }).strict(),
    response: zMessageDraft,
  },
  'drafts.save': {
    request: z.object({ id: zId, patch: zDraftPatch }).strict(),
    response: z.object({ draft: zMessageDraft, findings: z.array(zFinding) }),
  },
  'drafts.delete': { request: z.object({ id: zId }).strict(), response: ok },
  'drafts.submit': {
    request: z.object({ id: zId }).strict(),
    response: z.object({ commandId: z.string(), findings: z.array(zFinding) }),
  },
  'attachments.add': {
    request: z.object({ draftId: zId, fileName: zText(255).min(1), bytes: zBytes(MAX_ATTACHMENT_BYTES + 1) }).strict(),
    response: z.object({ draft: zMessageDraft, attachment: zAttachmentMeta }),
  },
  'attachments.remove': { request: z.object({ draftId: zId, attachmentId: zId }).strict(), response: z.object({ draft: zMessageDraft }) },
  'attachments.get': {
    request: z.object({ draftId: zId, attachmentId: zId }).strict(),
    response: z.object({ fileName: z.string(), mimeType: zMime, bytes: z.instanceof(Uint8Array) }),
  },
  'templates.list': { request: empty, response: z.object({ templates: z.array(zTemplate) }) },
  'templates.save': {
    request: z.object({ id: zId.optional(), name: zText(100).min(1), contextType: zCode.nullable(), subject: zText(250), body: zText(10_000) }).strict(),
    response: zTemplate,
  },
  'templates.delete': { request: z.object({ id: zId }).strict(), response: ok },

  // Absence
  'absences.list': {
    request: z.object({ cpr: zCpr }).strict(),
    response: z.object({ absences: z.array(zAbsence), freshness: zFreshness }),
  },
  'absences.create': {
    request: z.object({ cpr: zCpr, input: zAbsenceInput }).strict(),
    response: z.object({ commandId: z.string(), absence: zAbsence, findings: z.array(zFinding) }),
  },
  'absences.update': {
    request: z.object({ cpr: zCpr, absenceId: zUuid, input: zAbsenceInput, rectificationComment: zText(1500).nullable() }).strict(),
    response: z.object({ commandId: z.string(), absence: zAbsence, findings: z.array(zFinding) }),
  },
  'absences.delete': {
    request: z.object({ cpr: zCpr, absenceId: zUuid, rectificationComment: zText(1500).min(1) }).strict(),
    response: z.object({ commandId: z.string(), findings: z.array(zFinding) }),
  },

  // Min plan, meetings, joblog, companies
  'plan.list': {
    request: z.object({ cpr: zCpr }).strict(),
    response: z.object({ activities: z.array(zActivity), recommendations: z.array(zRecommendationStatus), freshness: zFreshness }),
  },
  'meetings.list': { request: z.object({ cpr: zCpr }).strict(), response: z.object({ meetings: z.array(zMeeting), freshness: zFreshness }) },
  'joblog.list': { request: z.object({ cpr: zCpr }).strict(), response: z.object({ entries: z.array(zJoblogEntry), freshness: zFreshness }) },
  'companies.lookup': {
    request: z
      .object({ cvr: z.string().regex(/^\d{8}$/, 'CVR-nummeret skal være 8 cifre').optional(), pNumber: z.string().regex(/^\d{10}$/, 'P-nummeret skal være 10 cifre').optional() })
      .strict(),
    response: z.object({ companies: z.array(zCompany) }),
  },

  // Advisories (the inbox) and the jobcenter's answer to a recommendation
  'advisories.list': {
    request: z
      .object({
        status: z.array(zAdvisoryStatus).max(3).optional(),
        kind: z.array(zAdvisoryKind).max(7).optional(),
        sort: z.enum(['due', 'created', 'kind']).optional(),
        limit: z.number().int().min(1).max(20_000).optional(),
      })
      .strict(),
    response: z.object({ advisories: z.array(zAdvisory), total: z.number() }),
  },
  'advisories.take': { request: z.object({ id: zId }).strict(), response: zAdvisory },
  'advisories.done': { request: z.object({ id: zId }).strict(), response: zAdvisory },
  'advisories.reopen': { request: z.object({ id: zId }).strict(), response: zAdvisory },
  'recommendations.answer': {
    request: z
      .object({
        cpr: zCpr,
        messageId: zId,
        advisoryId: zId.optional(),
        decision: z.enum(['grant', 'reject']),
        /** The reply in the thread (to the a-kasse, copied to the citizen's Jobnet tray). */
        body: zText(10_000).min(1),
        /** Required when rejecting: the reasons given to the member and the a-kasse. */
        reasons: zText(5_000).optional(),
        /** Required when granting: the activity created in Min plan. */
        activity: zActivityInput.optional(),
      })
      .strict(),
    response: z.object({ commandIds: z.array(z.string()), findings: z.array(zFinding) }),
  },

  // Outbox and sync
  'outbox.list': { request: empty, response: z.object({ items: z.array(zOutboxItem), status: zSyncStatus }) },
  'outbox.retry': { request: z.object({ id: zId }).strict(), response: zOutboxItem },
  'outbox.cancel': { request: z.object({ id: zId }).strict(), response: zOutboxItem },
  /** The editable payload of a rejected command, for the edit form. */
  'outbox.get': {
    request: z.object({ id: zId }).strict(),
    response: z.object({
      item: zOutboxItem,
      message: z.object({ contextType: z.number(), channel: z.number(), subject: z.string(), body: z.string() }).nullable(),
      absence: z
        .object({
          absenceId: z.string().nullable(),
          input: zAbsenceInput.nullable(),
          rectificationComment: z.string().nullable(),
          /** update/delete: the absence as it was before (its type and start decide the rules); optional (additive). */
          previous: z.object({ type: zCode, start: zIsoDate, end: zIsoDate.nullable() }).nullable().optional(),
        })
        .nullable(),
    }),
  },
  /** Edit a rejected command and queue it again (rules re-checked). */
  'outbox.resubmit': {
    request: z
      .object({
        id: zId,
        message: z.object({ contextType: zCode, channel: zCode, subject: zText(250), body: zText(10_000) }).strict().optional(),
        absence: z.object({ input: zAbsenceInput.optional(), rectificationComment: zText(1500).nullable().optional() }).strict().optional(),
      })
      .strict(),
    response: z.object({ item: zOutboxItem, findings: z.array(zFinding) }),
  },
  'sync.now': { request: empty, response: zSyncStatus },

  // Local data: the retention purge
  'retention.status': { request: empty, response: zRetentionStatus },
  /** Runs the purge now (it also runs at start and daily) and answers the status after it. */
  'retention.purge': { request: empty, response: zRetentionStatus },

  // Reference data and audit
  'codelists.get': {
    request: empty,
    response: z.object({ lists: z.record(z.string(), z.array(zCodeListItem)), fetchedAt: z.record(z.string(), z.string().nullable()) }),
  },
  'audit.list': { request: z.object({ cpr: zCpr, limit: z.number().int().min(1).max(1000).optional() }).strict(), response: z.object({ entries: z.array(zAuditEntry) }) },
  'audit.export': { request: z.object({ cpr: zCpr }).strict(), response: z.object({ fileName: z.string(), csv: z.string() }) },
} as const;

// ---------------------------------------------------------------------------------------------
// Events main sends to the renderer

export const events = {
  'outbox.changed': z.object({ status: zSyncStatus }),
  'sync.progress': z.object({ done: z.number(), total: z.number() }),
  // cause: why it is offline ('tls': the secure connection was refused over a certificate); optional (additive).
  'connectivity.changed': z.object({ online: z.boolean(), reason: z.string().nullable(), cause: zConnectivityCause.nullable().optional() }),
  'inbox.changed': z.object({ open: z.number() }),
  'citizen.updated': z.object({ cpr: z.string() }),
} as const;

// ---------------------------------------------------------------------------------------------
// Types derived from the map

export type ChannelMap = typeof channels;
export type Channel = keyof ChannelMap;
export type ChannelRequest<C extends Channel> = z.input<ChannelMap[C]['request']>;
export type ChannelResponse<C extends Channel> = z.output<ChannelMap[C]['response']>;
export type EventMap = typeof events;
export type EventName = keyof EventMap;
export type EventPayload<E extends EventName> = z.output<EventMap[E]>;

export type IpcErrorKind =
  | 'invalid-request' // the payload failed the schema
  | 'forbidden-sender' // not the app's own main frame
  | 'unknown-channel'
  | 'rules' // the rules layer found errors (see findings)
  | 'access-denied' // the organisation may not see this citizen
  | 'not-found'
  | 'dfdg' // DFDG answered with an error (see code)
  | 'offline' // DFDG could not be reached and nothing is cached
  | 'attachment' // the file was refused (see message)
  | 'conflict' // e.g. a command no longer in a state that allows this
  | 'not-configured'
  | 'internal';

export const zIpcError = z.object({
  kind: z.enum([
    'invalid-request',
    'forbidden-sender',
    'unknown-channel',
    'rules',
    'access-denied',
    'not-found',
    'dfdg',
    'offline',
    'attachment',
    'conflict',
    'not-configured',
    'internal',
  ]),
  /** Plain Danish for the caseworker. */
  message: z.string(),
  /** DFDG's code where DFDG gave one. */
  code: z.number().nullable().optional(),
  findings: z.array(zFinding).optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type IpcError = z.infer<typeof zIpcError>;

export type IpcResult<T> = { ok: true; data: T } | { ok: false; error: IpcError };

/** What preload exposes as window.dfdg (and what the e2e test bridge implements). */
export interface DfdgBridge {
  invoke<C extends Channel>(channel: C, request: ChannelRequest<C>): Promise<IpcResult<ChannelResponse<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** The Electron IPC channel name for a contract channel (one prefix, checked by main). */
export const IPC_PREFIX = 'dfdg:';
export const ipcChannelName = (c: Channel) => `${IPC_PREFIX}${c}`;
export const ipcEventName = (e: EventName) => `${IPC_PREFIX}event:${e}`;

export const channelNames = Object.keys(channels) as Channel[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** The implementation main/core provides: one async function per channel, given a parsed request. */
export type IpcHandlers = {
  [C in Channel]: (request: z.output<ChannelMap[C]['request']>) => Promise<ChannelResponse<C>>;
};
