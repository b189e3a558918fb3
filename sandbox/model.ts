// The sandbox's in-memory records (its "database"). Field names are the sandbox's own; the
// services map them to DFDG's element names on the wire.

export interface OrgRef {
  orgTypeId: number;
  code: string;
}

export interface StoredDocument {
  id: string;
  fileName: string;
  mimeType: string;
  content: Buffer;
}

export interface StoredMessage {
  id: string;
  cpr: string;
  from: { userType: number; userIdentifier: string; fullName: string; orgTypeId: number; orgCode: string };
  to: OrgRef | null;
  channel: number;
  contextType: number;
  subject: string;
  body: string;
  allowReply: boolean;
  responseTo: string | null;
  created: string;
  documents: StoredDocument[];
}

export interface StoredAbsence {
  id: string;
  type: number;
  start: string;
  end: string | null;
  comment: string | null;
  notificationDate: string;
  endReason: number | null;
  registeredBy: OrgRef;
  created: string;
  updated: string;
}

export interface AbsenceHistoryEntry {
  id: string;
  changeType: 1 | 2 | 3;
  at: string;
  comment: string | null;
  snapshot: StoredAbsence;
}

export interface StoredActivity {
  id: string;
  name: string;
  activationType: number | null;
  start: string;
  end: string | null;
  endReason: number | null;
  hoursPerWeek: number | null;
  minutesPerWeek: number | null;
  authority: { code: string; name: string };
  created: string;
}

export interface StoredMeeting {
  id: string;
  /** Local date-time 'YYYY-MM-DDTHH:MM:SS'. */
  start: string;
  end: string | null;
  interviewType: number;
  form: number;
  location: string | null;
  locationDetail: string | null;
  digitalLink: string | null;
  selfBooked: boolean;
  rebookingPossible: boolean;
  rebookingDeadline: string | null;
  cancelPossible: boolean;
  cancelDeadline: string | null;
  /** Participating authorities (myndighedsdeltagere); absent in journals written before they were kept. */
  participants?: { name: string; contact: string | null }[];
  organisation: OrgRef & { name: string };
  created: string;
}

export interface StoredJoblog {
  id: string;
  applicationDate: string;
  deadline: string | null;
  companyName: string;
  jobTitle: string;
  description: string | null;
  created: string;
}

export interface CitizenDetail {
  messages: StoredMessage[];
  absences: Map<string, StoredAbsence>;
  absenceHistory: AbsenceHistoryEntry[];
  activities: StoredActivity[];
  meetings: StoredMeeting[];
  joblog: StoredJoblog[];
}

export type NotificationMethod =
  | 'GetCitizenMessageVersion1'
  | 'GetAbsenceVersion1'
  | 'GetActivityGeneralEventVersion3'
  | 'GetPersonUnemploymentFundSaveMembershipVersion5'
  | 'GetIndkaldelseVersion1';

export const NOTIFICATION_METHODS: readonly NotificationMethod[] = [
  'GetCitizenMessageVersion1',
  'GetAbsenceVersion1',
  'GetActivityGeneralEventVersion3',
  'GetPersonUnemploymentFundSaveMembershipVersion5',
  'GetIndkaldelseVersion1',
];

export interface StoredNotification {
  messageIdentifier: string;
  /** A NotificationMethod; any other name only when raised through the admin endpoint (a kind no client knows). */
  method: NotificationMethod | (string & {});
  cpr: string;
  changeType: 1 | 2 | 3;
  eventDateTime: string;
  registeringAuthority: OrgRef;
  registeringUser: { fullName: string; userIdentifier: string };
  /** The entity the receiver fetches (message, absence, activity, invitation id) or null. */
  entityId: string | null;
  /** Kind-specific elements in wire order: [ElementName, value or null]. */
  extras: [string, string | number | null][];
  /**
   * Set (admin endpoint only) to reproduce the known DFDG fault of seed 001: a message DFDG cannot
   * validate (an empty 'Lokationsuddybning') makes Get<Event> fail for the whole kind in its sequence.
   */
  invalid?: string;
}

/** What the admin endpoint may change on a citizen. */
export interface CitizenPatch {
  contactGroup?: number | null;
  registrationCategory?: number | null;
  personCategory?: number | null;
  akasseCode?: string | null;
  membershipStart?: string | null;
  membershipEnd?: string | null;
  jobcenterCode?: string;
  municipalityCode?: string;
  deceasedDate?: string | null;
}
