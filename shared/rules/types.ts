// Input and output shapes of the rules layer. Inputs are what the forms hold; every check reads them
// defensively (a hostile or buggy caller may pass anything) and never throws.

import type { CodeListOverrides } from '../codelists/types';
import type { Cpr, FindingSeverity, IsoDate, IsoDateTime, OrgType } from '../domain';

export interface RuleCitizen {
  cpr: Cpr;
  /** null: the citizen has no contact group; undefined: not known. */
  contactGroup?: number | null;
  /** Tilmeldekategori; 5 = dimittend. */
  registrationCategory?: number | null;
  /** Personkategori (with the contact group it decides which absence types DFDG accepts); null: none; undefined: not known. */
  personCategory?: number | null;
  akasseCode?: string | null;
  jobcenterCode?: string | null;
  deceased?: boolean;
  /** Enrolled as a jobseeker (tilmeldt). When absent, a registration category counts as enrolled (ASSUMED). */
  registered?: boolean;
}

export interface RuleContext {
  /** The date the command will be sent (or today), 'YYYY-MM-DD'. No rule reads the clock. */
  asOf: IsoDate;
  org: { type: OrgType; code: string };
  citizen?: RuleCitizen | null;
  /** Code lists refreshed from CodeListService; they win over the bundled ones. */
  codeLists?: CodeListOverrides;
}

export interface AttachmentInput {
  fileName: string;
  /** What the content is (checked by content, not by name). */
  detectedType: 'pdf' | 'xml' | 'other';
  /** Bytes. */
  size: number;
}

export interface RecommendationInput {
  /** ActivationTypeIdentifier of the proposed offer. */
  offerType: number | null;
  durationWeeks: number | null;
  company?: { name?: string | null; cvr?: string | null; pNumber?: string | null } | null;
  courseProvider?: string | null;
  supportingActivities?: string[];
}

export interface MessageDraftInput {
  contextType: number | null;
  channel: number | null;
  subject: string;
  body: string;
  replyTo?: string | null;
  /** The receiver; null: none chosen (refused on channel 4); undefined: not known (no check). */
  to?: { organisationType: number; organisationCode: string } | null;
  attachments?: AttachmentInput[];
  /** The structured form of a type 11 "Indstilling om tilbud". */
  recommendation?: RecommendationInput | null;
}

export interface AbsenceCommandInput {
  action: 'create' | 'update' | 'delete';
  type: number | null;
  start: IsoDate;
  end?: IsoDate | null;
  /** The day that decides "historic" for delete and "begun" for update (default: ctx.asOf). */
  today?: IsoDate;
  /** For update: the type the absence had, so changing it to a closed type counts as creating one. */
  previousType?: number | null;
  /** For update: the start the absence had; correcting one that had begun (before `today`) needs a rectification comment. */
  previousStart?: IsoDate | null;
  comment?: string | null;
  /** Berigtigelseskommentar (1..1500): required on delete and on an update of an absence that has begun. */
  rectificationComment?: string | null;
}

export interface MeetingCommandInput {
  /** InterviewContactTypeIdentifier (afholdelsesform). */
  form: number | null;
  link?: string | null;
  locationDetail?: string | null;
  interviewType?: number | null;
  start?: IsoDate | IsoDateTime | null;
  end?: IsoDate | IsoDateTime | null;
  rebookingPossible?: boolean | null;
  rebookingDeadline?: IsoDate | IsoDateTime | null;
  cancelPossible?: boolean | null;
  cancelDeadline?: IsoDate | IsoDateTime | null;
  /** The citizen's absences (for the self-booking exemption on the meeting day). */
  absences?: { type: number; start: IsoDate; end: IsoDate | null }[];
}

export interface PlanChangeInput {
  endReason?: number | null;
  start?: IsoDate | null;
  end?: IsoDate | null;
  /** Who registers it; end reasons 14 and 15 are for 'system' (VITAS) only. Default 'caseworker'. */
  registeredBy?: 'caseworker' | 'system';
}

export interface JoblogEntryInput {
  submissionDate: IsoDate;
  submissionDeadlineDate?: IsoDate | null;
}

export interface JobOrderMediationInput {
  /** JobOrderStatusTypeIdentifier. */
  status: number | null;
}

/** What registering an absence means for the citizen, for the form to show. */
export interface Consequence {
  id:
    | 'selfbooking-exempt'
    | 'no-selfbooking-deadline'
    | 'joblog-exempt'
    | 'no-dagpenge'
    | 'notifies-both'
    | 'activation-exempt'
    | 'contact-course-exempt'
    /** Registered through another DFDG service (sickness: IllnessCompositeService), not here. */
    | 'registered-elsewhere';
  text: string;
}

export type RuleKind = 'finding' | 'behaviour';

/**
 * What a rule rests on. 'seed': a seed states it (../shared/seeds, id and §); 'documented': another
 * source states it (interfaces.md with its [S] key, peers.md); 'local': DFDG Desk's own rule about its
 * own input, texts or limits (true of the app whatever DFDG does; never a claim about DFDG);
 * 'assumed': a guess about what DFDG does that no source states. An assumed rule is never an error,
 * and its message says it is assumed.
 */
export type RuleBasis = 'seed' | 'documented' | 'local' | 'assumed';

export interface RuleInfo {
  id: string;
  kind: RuleKind;
  /** The usual severity; null for behaviour. */
  severity: FindingSeverity | null;
  /** Every severity the rule can report (e.g. MSG2_RETIRED is silent before 2024-01-01, an error from then). */
  severities: FindingSeverity[];
  /** 'catalogue': ../shared/dfdg/rules.md; 'local': added by DFDG Desk (listed in shared/rules/README.md). */
  origin: 'catalogue' | 'local';
  /** What the rule rests on (its strongest severity); see RuleBasis. */
  basis: RuleBasis;
  /** The seed or document that states it. */
  source: string;
  /**
   * The part of a sourced rule that rests on an assumption (e.g. which absence types cannot be
   * deleted): that part is only ever a warning, and its message says it is assumed.
   */
  assumed?: string;
  /** One line in English for developers. */
  summary: string;
}
