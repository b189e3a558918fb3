// The IPC contract's schemas: every channel the renderer can invoke and every event main sends, with
// zod schemas for request and response. main validates every request (and its sender frame) against
// it; the renderer's types come from it (through ./ipc, type-only); the e2e test bridge and the
// renderer tests' FakeBridge speak it too. The names alone live in ./ipc (zod-free, for preload); the
// `satisfies` below and test/shared/ipc.test.ts keep the two lists of names the same.
//
// Rules: requests are strict objects with bounded strings (a hostile renderer must not be able to
// crash or flood main); responses are validated in tests and in development. Add a channel here and
// its name in ./ipc; the IPC surface snapshot test (test/main/ipc-surface.test.ts) shows every widening.

import { z } from 'zod';
import {
  MAX_ABSENCE_COMMENT_CHARS,
  MAX_ATTACHMENT_BYTES,
  MAX_BODY_CHARS,
  MAX_FILE_NAME_CHARS,
  MAX_SUBJECT_CHARS,
  RETENTION_DAYS,
  PROXY_MODES,
  SANDBOX_ORGANISATION_IDS,
  SECRET_STORAGES,
  STALE_AFTER_MINUTES,
} from './constants';
import type { Channel, EventName } from './ipc';
import {
  zAbsence,
  zAbsenceInput,
  zActivity,
  zActivityInput,
  zAdvisory,
  zAdvisoryKind,
  zAdvisoryStatus,
  zAttachmentMeta,
  zAuditEntry,
  zBytes,
  zCertificateInfo,
  zCitizen,
  zCitizenSummary,
  zCode,
  zCodeListItem,
  zCompany,
  zConnectivityCause,
  zCpr,
  zFinding,
  zFreshness,
  zHubStatus,
  zId,
  zIdentity,
  zIsoDate,
  zJoblogEntry,
  zMeeting,
  zMeetingInput,
  zMessageDraft,
  zMessageTemplate,
  zMessageThread,
  zMime,
  zOrgCode,
  zOutboxItem,
  zRecommendationForm,
  zSyncStatus,
  zTeamAction,
  zTeamAdvisory,
  zTeamColleague,
  zTeamCommand,
  zTeamView,
  zText,
  zUuid,
} from './schemas';

type Spec = { request: z.ZodType; response: z.ZodType };

// ---------------------------------------------------------------------------------------------
// Settings

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
  /** How the secrets are protected (shared/constants SECRET_STORAGES). */
  secretStorage: z.enum(SECRET_STORAGES),
  /** Which organisation the bundled sandbox acts as (only used while no DFDG is configured). */
  sandboxOrganisation: z.enum(SANDBOX_ORGANISATION_IDS),
  /** The proxy to DFDG (`url` only with mode 'manual'); the bundled sandbox is always reached directly. */
  proxy: z.object({ mode: z.enum(PROXY_MODES), url: z.string().nullable() }),
  /** An administrator allowed obfuscated key storage ('basic_text') in settings.json; read-only here. */
  allowObfuscatedKeyStorage: z.boolean(),
  /**
   * Indstillinger → Organisationens hub: the hub's address and the caseworker's own certificate (kept
   * encrypted like the organisation's). Set: this desktop no longer pulls DFDG's notifications itself;
   * the Indbakke is the team queue. null: none configured (the sandbox then uses its own embedded hub).
   */
  hub: z
    .object({
      url: z.string(),
      certificate: zCertificateInfo,
      /** The caseworker and organisation the certificate names. */
      caseworker: z.string(),
      organisation: z.string(),
      hasCa: z.boolean(),
    })
    .nullable(),
});

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
  /** Citizens due for purging but kept because of open work (a draft, an unsent command, an open or taken advisory), with the reason. */
  held: z.array(
    z.object({
      cpr: z.string(),
      name: z.string().nullable(),
      reason: z.enum(['deceased', 'no-access', 'unused']),
      ruleId: z.string(),
      text: z.string(),
      drafts: z.array(z.object({ id: z.string(), subject: z.string(), updatedAt: z.string() })),
      unsentCommands: z.number(),
      /** Advisories about the citizen that are open or taken: the work is not done. */
      openAdvisories: z.number(),
    }),
  ),
  /**
   * The access log's hash chain, checked at start and before every export: 'checking' until the first
   * check has finished, 'broken' with the Danish reason when an entry was changed, removed or inserted
   * outside the app. The log is kept `retentionYears` years (ASSUMED).
   */
  auditLog: z.object({
    state: z.enum(['checking', 'intact', 'broken']),
    entries: z.number(),
    checkedAt: z.string().nullable(),
    problem: z.string().nullable(),
    retentionYears: z.number(),
  }),
});

/** A type 11's outcome, decided from evidence only (shared/recommendationOutcome). */
const zRecommendationStatus = z.object({
  messageId: z.string(),
  subject: z.string(),
  sentAt: z.string(),
  status: z.enum(['pending', 'answered', 'granted', 'rejected']),
  /** What the status rests on, in Danish ("Virksomhedspraktik, start 19-12-2026, i Min plan"); null while waiting. */
  evidence: z.string().nullable(),
  /** The first answer in the thread (the link to open it), if any. */
  answerMessageId: z.string().nullable(),
  answeredAt: z.string().nullable(),
  /** The activity in Min plan the status rests on, if any. */
  activityId: z.string().nullable(),
});

const zDraftPatch = z
  .object({
    contextType: zCode,
    channel: zCode,
    subject: zText(MAX_SUBJECT_CHARS),
    body: zText(MAX_BODY_CHARS),
    allowReply: z.boolean(),
    to: z.object({ organisationType: zCode, organisationCode: zOrgCode }).strict().nullable(),
    recommendation: zRecommendationForm.nullable(),
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
      /** The organisation hub this desktop works with (null: none; the Indbakke is this desktop's own). */
      hub: zHubStatus.nullable(),
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
        retentionDays: z.number().int().min(RETENTION_DAYS.min).max(RETENTION_DAYS.max),
        staleAfterMinutes: z.number().int().min(STALE_AFTER_MINUTES.min).max(STALE_AFTER_MINUTES.max),
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
  /**
   * Indstillinger → Organisationens hub: its address and the caseworker's own certificate (PKCS#12 +
   * passphrase, optionally the CA of the hub's server certificate). `url: null` removes the hub. A new
   * address may keep the certificate already imported.
   */
  'settings.setHub': {
    request: z
      .object({ url: z.string().url().max(500).nullable(), p12: zBytes(256 * 1024).optional(), passphrase: zText(256).optional(), ca: zBytes(256 * 1024).optional() })
      .strict(),
    response: zSettings,
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
    response: z.object({ threads: z.array(zMessageThread), freshness: zFreshness }),
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
  /** A new draft (contextType: its type) or a reply (replyTo: the thread decides the type, shared/drafts replyContextType). */
  'drafts.create': {
    request: z.object({ cpr: zCpr, contextType: zCode.optional(), replyTo: zId.nullable().optional(), templateId: zId.optional() }).strict(),
    response: zMessageDraft,
  },
  'drafts.save': {
    request: z.object({ id: zId, patch: zDraftPatch }).strict(),
    // No findings: the composer runs the same rules itself as the caseworker types (main runs them on submit).
    response: z.object({ draft: zMessageDraft }),
  },
  'drafts.delete': { request: z.object({ id: zId }).strict(), response: ok },
  /** Send: saves `patch` (what the composer has not saved yet) and queues the draft, in one call. */
  'drafts.submit': {
    request: z.object({ id: zId, patch: zDraftPatch.optional() }).strict(),
    response: z.object({ commandId: z.string(), findings: z.array(zFinding) }),
  },
  'attachments.add': {
    request: z.object({ draftId: zId, fileName: zText(MAX_FILE_NAME_CHARS).min(1), bytes: zBytes(MAX_ATTACHMENT_BYTES + 1) }).strict(),
    response: z.object({ draft: zMessageDraft, attachment: zAttachmentMeta }),
  },
  'attachments.remove': { request: z.object({ draftId: zId, attachmentId: zId }).strict(), response: z.object({ draft: zMessageDraft }) },
  'attachments.get': {
    request: z.object({ draftId: zId, attachmentId: zId }).strict(),
    response: z.object({ fileName: z.string(), mimeType: zMime, bytes: z.instanceof(Uint8Array) }),
  },
  'templates.list': { request: empty, response: z.object({ templates: z.array(zMessageTemplate) }) },
  'templates.save': {
    request: z.object({ id: zId.optional(), name: zText(100).min(1), contextType: zCode.nullable(), subject: zText(MAX_SUBJECT_CHARS), body: zText(MAX_BODY_CHARS) }).strict(),
    response: zMessageTemplate,
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
    request: z.object({ cpr: zCpr, absenceId: zUuid, input: zAbsenceInput, rectificationComment: zText(MAX_ABSENCE_COMMENT_CHARS).nullable() }).strict(),
    response: z.object({ commandId: z.string(), absence: zAbsence, findings: z.array(zFinding) }),
  },
  'absences.delete': {
    request: z.object({ cpr: zCpr, absenceId: zUuid, rectificationComment: zText(MAX_ABSENCE_COMMENT_CHARS).min(1) }).strict(),
    response: z.object({ commandId: z.string(), findings: z.array(zFinding) }),
  },

  // Min plan, meetings, joblog, companies
  'plan.list': {
    request: z.object({ cpr: zCpr }).strict(),
    response: z.object({ activities: z.array(zActivity), recommendations: z.array(zRecommendationStatus), freshness: zFreshness }),
  },
  /** End an activity with an ophørsårsag a caseworker may use on the end date (jobcenter; through the outbox). */
  'plan.endActivity': {
    request: z.object({ cpr: zCpr, activityId: zUuid, end: zIsoDate, endReason: zCode }).strict(),
    response: z.object({ commandId: z.string(), activity: zActivity, findings: z.array(zFinding) }),
  },
  /** New dates for a planned activity (jobcenter; through the outbox). */
  'plan.updateActivity': {
    request: z.object({ cpr: zCpr, activityId: zUuid, start: zIsoDate, end: zIsoDate.nullable() }).strict(),
    response: z.object({ commandId: z.string(), activity: zActivity, findings: z.array(zFinding) }),
  },
  'meetings.list': { request: z.object({ cpr: zCpr }).strict(), response: z.object({ meetings: z.array(zMeeting), freshness: zFreshness }) },
  'meetings.create': {
    request: z.object({ cpr: zCpr, input: zMeetingInput }).strict(),
    response: z.object({ commandId: z.string(), meeting: zMeeting, findings: z.array(zFinding) }),
  },
  'meetings.update': {
    request: z.object({ cpr: zCpr, meetingId: zUuid, input: zMeetingInput }).strict(),
    response: z.object({ commandId: z.string(), meeting: zMeeting, findings: z.array(zFinding) }),
  },
  'meetings.cancel': {
    request: z.object({ cpr: zCpr, meetingId: zUuid }).strict(),
    response: z.object({ commandId: z.string(), findings: z.array(zFinding) }),
  },
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
  // The team queue (hub mode): pages of a view from this desktop's copy of the hub's queue, never the
  // whole queue; an action goes straight to the hub, or through the outbox while it cannot be reached.
  'hub.page': {
    request: z
      .object({
        view: zTeamView,
        offset: z.number().int().min(0).max(1_000_000),
        limit: z.number().int().min(1).max(200),
        /** Only advisories of this kind ("efter type"); absent: every kind. */
        kind: zAdvisoryKind.optional(),
      })
      .strict(),
    response: z.object({ items: z.array(zTeamAdvisory), total: z.number(), status: zHubStatus }),
  },
  /** One advisory of the team queue as this desktop holds it (e.g. the one being answered, whatever view it is in now). */
  'hub.get': { request: z.object({ id: zId }).strict(), response: zTeamAdvisory },
  'hub.act': {
    request: z.object({ id: zId, action: zTeamAction }).strict(),
    /** queued: the hub could not be reached; the action waits in the outbox and is sent exactly once. */
    response: z.object({ advisory: zTeamAdvisory, queued: z.boolean() }),
  },
  /** "Tag næste": the hub gives this caseworker the open advisory due first (of `kind`, if given); null: none left. Needs the hub. */
  'hub.takeNext': { request: z.object({ kind: zAdvisoryKind.optional() }).strict(), response: z.object({ advisory: zTeamAdvisory.nullable() }) },
  /** "Giv til kollega": the advisory (open, or held by this caseworker) now held by the colleague `to` (a `hub.team` id). Needs the hub. */
  'hub.handover': { request: z.object({ id: zId, to: z.string().min(1).max(200) }).strict(), response: z.object({ advisory: zTeamAdvisory }) },
  /** The organisation's caseworkers as the hub knows them, with their work (Fordeling, and whom to hand to). Needs the hub. */
  'hub.team': { request: z.object({}).strict(), response: z.object({ caseworkers: z.array(zTeamColleague), me: z.string().nullable() }) },
  /** The outbox of team actions (queued, sent in the last 7 days, refused and not dismissed), newest first. */
  'hub.commands': { request: z.object({}).strict(), response: z.object({ items: z.array(zTeamCommand) }) },
  /** The caseworker has seen a refused team action: it leaves the Udbakke. */
  'hub.dismiss': { request: z.object({ id: zId }).strict(), response: z.object({ items: z.array(zTeamCommand) }) },
  'recommendations.answer': {
    request: z
      .object({
        cpr: zCpr,
        messageId: zId,
        advisoryId: zId.optional(),
        decision: z.enum(['grant', 'reject']),
        /** The reply in the thread (to the a-kasse, copied to the citizen's Jobnet tray). */
        body: zText(MAX_BODY_CHARS).min(1),
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
          /** update/delete: the absence as it was before (its type and start decide the rules); null on create. */
          previous: z.object({ type: zCode, start: zIsoDate, end: zIsoDate.nullable() }).nullable(),
        })
        .nullable(),
      /** An activity's end or date change: what it sets, and the activity as it was before. */
      activity: z
        .object({
          activityId: z.string(),
          start: z.string().nullable(),
          end: z.string().nullable(),
          endReason: z.number().nullable(),
          previous: z.object({ name: z.string(), start: z.string(), end: z.string().nullable(), endReason: z.number().nullable() }).nullable(),
        })
        .nullable()
        .optional(),
      /** A meeting command: what it sends (create/update) and the meeting as it was (update/cancel). */
      meeting: z.object({ meetingId: z.string(), input: zMeetingInput.nullable(), previous: zMeeting.nullable() }).nullable().optional(),
    }),
  },
  /** Edit a rejected command and queue it again (rules re-checked). */
  'outbox.resubmit': {
    request: z
      .object({
        id: zId,
        message: z.object({ contextType: zCode, channel: zCode, subject: zText(MAX_SUBJECT_CHARS), body: zText(MAX_BODY_CHARS) }).strict().optional(),
        absence: z.object({ input: zAbsenceInput.optional(), rectificationComment: zText(MAX_ABSENCE_COMMENT_CHARS).nullable().optional() }).strict().optional(),
        activity: z.object({ start: zIsoDate.optional(), end: zIsoDate.nullable().optional(), endReason: zCode.optional() }).strict().optional(),
        meeting: z.object({ input: zMeetingInput }).strict().optional(),
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
  /** chainIntact: whether the whole log's hash chain was intact when the CSV was made (the CSV says so too). */
  'audit.export': { request: z.object({ cpr: zCpr }).strict(), response: z.object({ fileName: z.string(), csv: z.string(), chainIntact: z.boolean() }) },
} as const satisfies Record<Channel, Spec>;

// ---------------------------------------------------------------------------------------------
// Events main sends to the renderer

export const events = {
  'outbox.changed': z.object({ status: zSyncStatus }),
  'sync.progress': z.object({ done: z.number(), total: z.number() }),
  // cause: why it is offline ('tls': the secure connection was refused over a certificate); null while online.
  'connectivity.changed': z.object({ online: z.boolean(), reason: z.string().nullable(), cause: zConnectivityCause.nullable() }),
  'inbox.changed': z.object({ open: z.number() }),
  'citizen.updated': z.object({ cpr: z.string() }),
  // The hub connection changed (online, offline, refused) or an outbox action was sent or refused.
  'hub.status': z.object({ status: zHubStatus }),
} as const satisfies Record<EventName, z.ZodType>;

// ---------------------------------------------------------------------------------------------
// Errors

export const zIpcError = z.object({
  /** The one list of error kinds (IpcErrorKind in ./ipc is derived from it). */
  kind: z.enum([
    'invalid-request', // the payload failed the schema
    'forbidden-sender', // not the app's own main frame
    'unknown-channel',
    'rules', // the rules layer found errors (see findings)
    'access-denied', // the organisation may not see this citizen
    'not-found',
    'dfdg', // DFDG answered with an error (see code)
    'offline', // DFDG could not be reached and nothing is cached
    'attachment', // the file was refused (see message)
    'conflict', // e.g. a command no longer in a state that allows this
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

export type ChannelMap = typeof channels;
export type EventMap = typeof events;
