// What a new message draft starts as: the one place main (drafts.create) and the renderer's stand-in
// for main in tests (test/renderer/fakeBridge.ts) take the defaults from.

import { ORGANISATION_TYPE_ID, type Citizen, type MessageDraft, type OrgType, type RecommendationForm } from './domain';

/** Channel 4 »Myndighed til myndighed«: between the a-kasse and the jobcenter. */
export const AUTHORITY_CHANNEL = 4;
/** Message type 11 »Indstilling om tilbud«. */
export const RECOMMENDATION_TYPE = 11;

/** The type 11 form before the caseworker fills it in. */
export const EMPTY_RECOMMENDATION: RecommendationForm = {
  offerType: null,
  proposedStart: null,
  durationWeeks: null,
  hoursPerWeek: null,
  company: null,
  courseProvider: null,
  supportingActivities: [],
};

/**
 * The one sentence about the decision that every answer to a type 11 carries: main appends it to the
 * text the a-kasse and the citizen read, and the answer form shows it (never a second, different
 * reminder). Seed 000 ("Forventet påvirkning"): the citizen gets a copy of the answer in the Jobnet
 * tray "samt modtage jobcenterets afgørelse i sin e-boks", after a grant as after a rejection
 * (Ankestyrelsen: a rejected offer is an afgørelse). So the answer in the thread is not the decision.
 */
export const DECISION_NOTE =
  'Denne besked er ikke selve afgørelsen. Jobcentret sender afgørelsen til borgeren i Digital Post (e-Boks), både ved bevilling og ved afslag.';

export type DraftDefaults = Pick<MessageDraft, 'contextType' | 'channel' | 'allowReply' | 'to' | 'recommendation'>;

/**
 * A new (not a reply) draft: an a-kasse writes a type 11 "Indstilling om tilbud" to the citizen's
 * jobcenter; a jobcenter writes type 1 to the citizen's a-kasse; both on channel 4. No receiver when
 * the citizen has none of the other kind (the rules then refuse to send: MSG_RECEIVER).
 */
export function newDraftDefaults(org: OrgType, citizen: Pick<Citizen, 'akasseCode' | 'jobcenterCode'> | null, contextType?: number): DraftDefaults {
  const isAkasse = org === 'akasse';
  const otherCode = isAkasse ? citizen?.jobcenterCode : citizen?.akasseCode;
  const type = contextType ?? (isAkasse ? RECOMMENDATION_TYPE : 1);
  return {
    contextType: type,
    channel: AUTHORITY_CHANNEL,
    allowReply: true,
    to: otherCode ? { organisationType: ORGANISATION_TYPE_ID[isAkasse ? 'jobcenter' : 'akasse'], organisationCode: otherCode } : null,
    recommendation: type === RECOMMENDATION_TYPE ? { ...EMPTY_RECOMMENDATION, supportingActivities: [] } : null,
  };
}
