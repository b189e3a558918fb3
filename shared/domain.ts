// Domain types shared by main/core, the IPC contract and the renderer.
// Readable names here; DFDG's element names live only in the wire codecs (main/core/dfdg/).
//
// The shapes the IPC contract carries are declared once, as zod schemas in ./schemas, and their types
// are re-exported from there type-only (so importing this module never bundles zod). Only what no
// schema describes is written here.

export type {
  Absence,
  AbsenceInput,
  Activity,
  ActivityInput,
  Advisory,
  AdvisoryKind,
  AdvisoryStatus,
  AttachmentMeta,
  AuditEntry,
  Caseworker,
  CertificateInfo,
  Citizen,
  CitizenMessage,
  CitizenSummary,
  CodeListItem,
  CommandKind,
  Company,
  ConnectivityCause,
  DfdgErrorInfo,
  Finding,
  FindingSeverity,
  Freshness,
  HubState,
  HubStatus,
  Identity,
  JoblogEntry,
  Meeting,
  MeetingInput,
  MessageDocumentMeta,
  MessageDraft,
  MessageParty,
  MessageTemplate,
  MessageThread,
  Organisation,
  OrganisationRef,
  OrgType,
  OutboxItem,
  OutboxState,
  PendingMessage,
  RecommendationForm,
  SyncStatus,
  TeamAction,
  TeamAdvisory,
  TeamView,
} from './schemas';

import type { OrgType } from './schemas';

/** A calendar date, 'YYYY-MM-DD'. */
export type IsoDate = string;
/** An ISO 8601 date-time with offset, e.g. '2026-11-22T10:15:00.000Z'. */
export type IsoDateTime = string;
/** A CPR number as DFDG carries it: ten digits, no dash. */
export type Cpr = string;

/** DFDG OrganisationTypeIdentifier: 8 Jobcenter (documented), 2 A-kasse (ASSUMED, see docs/wire-contract.md §1). */
export const ORGANISATION_TYPE_ID: Record<OrgType, number> = { akasse: 2, jobcenter: 8 };

// ---------------------------------------------------------------------------------------------
// Notifications (WSRM): main reads them from DFDG and keeps them; they never cross IPC

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
