// Item shapes of the bundled code lists. Every item is a CodeListItem ("den gode kodeliste": integer
// id, Danish name and description as DFDG gives them, validFrom inclusive, validTo exclusive) plus the
// flags DFDG Desk needs. Flags are ours: a list refreshed from CodeListService carries none, so
// mergeRefreshed copies them over by id, and the rules read them defensively.

import type { CodeListItem, IsoDate, OrgType } from '../domain';

export type CodeListOverrides = Partial<Record<string, CodeListItem[]>>;

/** Set on items whose id or name we had to invent because no public source gives it. */
export interface MaybeAssumed {
  assumed?: true;
}

export interface MessageContextTypeItem extends CodeListItem, MaybeAssumed {
  /** Which caseworker organisations send this type; [] for types only STAR, employers or systems send. */
  sentBy: OrgType[];
  /** A-kasser stop sending it on this date (type 2, seed 000). */
  akasseUntil?: IsoDate;
}

export interface ChannelItem extends CodeListItem, MaybeAssumed {
  /** Mail, SMS and Jobnet notifications are one-way; channel 4 is a thread between authorities. */
  allowsReply: boolean;
  authorityToAuthority: boolean;
}

/**
 * What a restriction in a code list rests on, as the rules' basis: 'seed' or 'documented' ones refuse
 * (an error, and the picker leaves the type out); 'assumed' ones only warn, and say they are assumed.
 */
export interface RestrictionSource {
  basis: 'seed' | 'documented' | 'assumed';
  /** The seed (id and §) or document, in words a developer can look up. */
  source: string;
  /** DFDG's documented refusal code, where one is known. */
  code?: number;
  /** A Danish sentence for the caseworker to read after the refusal (e.g. how the other party sees it). */
  note?: string;
}

/**
 * DFDG refuses the absence type on these contact groups, under the conditions given (all must hold).
 * `rule` names the rule id that reports it (default ABS_TYPE_ALLOWED).
 */
export interface ContactGroupRule extends RestrictionSource {
  refusedOn: number[];
  /** Only when the citizen has no person category (Uddannelse, 4591). */
  withoutPersonCategory?: true;
  /** Only for a period of fewer days than this; an open end counts as long enough (Midlertidigt arbejde, 4592). */
  minDays?: number;
  /** Only when this organisation type registers it. */
  org?: OrgType;
  /** Only when registered before this date (Sorgorlov on contact group 1 by a jobcenter before release 2022-3). */
  before?: IsoDate;
  rule?: 'ABS_TYPE_ALLOWED' | 'ABS79_GROUP' | 'ABS2_MIN_DAYS';
}

export interface AbsenceTypeItem extends CodeListItem {
  /** The citizen has no duty to self-book meetings while the absence runs (seed 001 §2.4). */
  exemptsSelfBooking: boolean;
  /** The self-booking exemption applies from this date (23, 65, 70 and 79 joined the list in 2022-3). */
  exemptsSelfBookingFrom?: IsoDate;
  /** 'activation-only' (11: only matters in activation), 'no-deadline' (56, 57, 75). */
  selfBookingNote?: 'activation-only' | 'no-deadline';
  /** Contact groups the absence exempts from joblog registration (11 → [7], seed 001 §2.5). */
  exemptsJoblogForContactGroups: number[];
  exemptsJoblogFrom?: IsoDate;
  /** A caseworker may create it on [creatableFrom, creatableTo). */
  creatableFrom: IsoDate;
  creatableTo: IsoDate;
  /** False for the types DFDG does not let you delete once started (seed 004 does not name them: ASSUMED). */
  deletableWhenHistoric: boolean;
  /** The organisation types that register it. */
  registrableBy: OrgType[];
  /** What `registrableBy` rests on, when it restricts (absent: ASSUMED). */
  registrableBySource?: RestrictionSource;
  /** Where DFDG refuses the type for a contact group (with its conditions), each with its source. */
  contactGroupRules?: ContactGroupRule[];
  /** No a-dagpenge in the period (79). */
  noBenefit?: boolean;
  /** Exempt from activation (23, 24) and from the contact course (24), seed 001 §2.3. */
  exemptsActivation?: boolean;
  exemptsContactCourse?: boolean;
  /** Sickness (11) is registered through IllnessCompositeService, not FravaerService (interfaces.md §3.2). */
  registeredVia?: 'FravaerService' | 'IllnessCompositeService';
}

export interface MeetingFormItem extends CodeListItem {
  /** Form 8 "Digitalt møde": a link is required and shown to the citizen. */
  requiresLink?: boolean;
  /** The form that replaces a retired one (4 → 8, 5 → 9). */
  replacedBy?: number;
}

export interface InterviewTypeItem extends CodeListItem, MaybeAssumed {
  /** A-kasse filtering lets an a-kasse see this interview type (interfaces.md §6). */
  visibleToAkasse: boolean;
  /** Self-booking deadlines apply to this type (4, 7). */
  selfBookingDeadline?: boolean;
}

export interface ActivityEndReasonItem extends CodeListItem, MaybeAssumed {
  /** Comes from VITAS via notifications; a caseworker never picks it (14, 15). */
  systemOnly: boolean;
}

export interface ActivationTypeItem extends CodeListItem, MaybeAssumed {
  /** Virksomhedspraktik and løntilskud: the recommendation names the company. */
  companyDirected: boolean;
  /** Vejledning og opkvalificering: the recommendation names the course provider. */
  courseDirected: boolean;
  /** Granted by the a-kasse itself (6 ugers jobrettet uddannelse); no recommendation needed. */
  grantedByAkasse?: boolean;
}

export interface ContactGroupItem extends CodeListItem {
  /** The name is not published; the item is shown as "Kontaktgruppe N". */
  nameUnknown?: true;
}

export type RegistrationCategoryItem = CodeListItem;

export interface OrganisationTypeItem extends CodeListItem, MaybeAssumed {
  orgType?: OrgType;
}

export interface JobOrderStatusItem extends CodeListItem {
  /** Mediation (formidling) is allowed only on this status since 2022-3. */
  allowsMediation: boolean;
}

export interface CodeListItemTypes {
  CitizenMessageContextTypeIdentifier: MessageContextTypeItem;
  CitizenMessageChannelTypeIdentifier: ChannelItem;
  AbsenceTypeIdentifier: AbsenceTypeItem;
  InterviewContactTypeIdentifier: MeetingFormItem;
  InterviewTypeIdentifier: InterviewTypeItem;
  ActivityEndReasonTypeIdentifier: ActivityEndReasonItem;
  ActivationTypeIdentifier: ActivationTypeItem;
  ContactGroupTypeIdentifier: ContactGroupItem;
  RegistrationCategoryTypeIdentifier: RegistrationCategoryItem;
  OrganisationTypeIdentifier: OrganisationTypeItem;
  JobOrderStatusTypeIdentifier: JobOrderStatusItem;
}

export type CodeListName = keyof CodeListItemTypes;

export type BundledCodeLists = { readonly [K in CodeListName]: readonly CodeListItemTypes[K][] };
