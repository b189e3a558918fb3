// What a new message draft starts as: the one place main (drafts.create) and the renderer's stand-in
// for main in tests (test/renderer/fakeBridge.ts) take the defaults from.

import { MAX_SUBJECT_CHARS } from './constants';
import { ORGANISATION_TYPE_ID, type Citizen, type CitizenMessage, type MessageDraft, type OrgType, type RecommendationForm } from './domain';

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

/**
 * The message type of a reply. A reply to a type 11 "Indstilling om tilbud" is type 1 "Almen
 * orientering" in the same thread, from either side: the jobcenter's answer (type 11 may only be
 * created by an a-kasse, seed 000 CreateMessage rules) and the a-kasse's follow-up, which must not
 * raise a second recommendation with a new deadline at the jobcenter. A new recommendation is a new
 * draft of type 11 ("Ny indstilling"), never a reply. Other replies keep the message's type.
 */
export function replyContextType(replyTo: { contextType: number }): number {
  return replyTo.contextType === RECOMMENDATION_TYPE ? 1 : replyTo.contextType;
}

export type ReplyDefaults = Pick<MessageDraft, 'replyTo' | 'contextType' | 'channel' | 'to' | 'subject' | 'recommendation'>;

/**
 * A reply draft: in the thread (ResponseToMessageIdentifier = the message), on its channel, to the
 * other party (the sender, or the receiver when the message is our own), type by replyContextType,
 * subject "Sv: …". Main (drafts.create) and the renderer tests' FakeBridge both take it from here.
 */
export function replyDefaults(org: { type: OrgType; code: string }, m: Pick<CitizenMessage, 'id' | 'contextType' | 'channel' | 'subject' | 'from' | 'to'>): ReplyDefaults {
  const fromUs = m.from.organisationCode === org.code && m.from.organisationType === ORGANISATION_TYPE_ID[org.type];
  const sender = m.from.organisationType !== null && m.from.organisationCode ? { organisationType: m.from.organisationType, organisationCode: m.from.organisationCode } : null;
  return {
    replyTo: m.id,
    contextType: replyContextType(m),
    channel: m.channel,
    to: fromUs ? m.to : (sender ?? m.to),
    subject: (/^sv:/i.test(m.subject) ? m.subject : `Sv: ${m.subject}`).slice(0, MAX_SUBJECT_CHARS),
    recommendation: null,
  };
}
