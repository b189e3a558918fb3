// Advisory derivation: which DFDG notification (WSRM item) needs a caseworker, and as what. One pure
// function used by the desktop's own poller (main/core/sync/poller.ts) and by the organisation hub's
// intake (hub/intake.ts), so the two can never derive different advisories from the same item.

import { ORGANISATION_TYPE_ID, type Advisory, type AdvisoryKind, type IsoDateTime, type NotificationItem, type OrganisationRef } from './domain';
import { addDays, formatDate, todayIso } from './dates';
import { codeName } from './codelists';
import { END_REASON_GRANT_NOT_APPROVED } from './recommendationOutcome';

/** The parts of a citizen's cached case data a notification can make stale. */
export type StalePart = 'status' | 'messages' | 'absences' | 'activities' | 'meetings';

export interface AdvisoryContext {
  org: OrganisationRef;
  now: Date;
  citizenName: string | null;
  /** Is this message id a type 11 recommendation our organisation sent? */
  isOwnRecommendation: (messageId: string) => boolean;
  /**
   * Days the jobcenter has to answer a recommendation. ASSUMED: the seeds set no deadline; the offer
   * must start within the first 3 months of unemployment, so 14 days is used as a working target
   * (configurable via createCore).
   */
  recommendationAnswerDays: number;
}

const PARTY: Record<number, string> = { 2: 'a-kassen', 7: 'kommunen', 8: 'jobcentret', 1: 'STAR' };
const CHANGE: Record<number, string> = { 1: 'registreret', 2: 'ændret', 3: 'slettet' };

function partyOf(item: NotificationItem, fallback: string): string {
  const t = item.registeringOrganisation?.organisationType;
  return (t !== undefined && PARTY[t]) || fallback;
}

function byUs(item: NotificationItem, org: OrganisationRef): boolean {
  const r = item.registeringOrganisation;
  return !!r && r.organisationType === ORGANISATION_TYPE_ID[org.type] && r.organisationCode === org.code;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/**
 * An offer (it has an offer type, as a type 11 recommends) ended with ophørsårsag 14 "Bevilling ikke
 * godkendt" (seed 001 §3.1: the company, the jobcenter or the citizen did not approve the grant, or
 * withdrew it): the advisory's title with the evidence the notification carries. The notification
 * cannot say which recommendation led to the offer; Min plan decides that from evidence
 * (shared/recommendationOutcome shows the recommendation as "Afslået"), so the advisory links there.
 * Null for anything else.
 */
export function grantNotApproved(item: NotificationItem): string | null {
  if (item.kind !== 'GetActivityGeneralEventVersion3' || num(item.details.endReason) !== END_REASON_GRANT_NOT_APPROVED) return null;
  const offerType = num(item.details.activationType);
  if (offerType === null) return null;
  const start = str(item.details.start);
  const end = str(item.details.end);
  const parts = [codeName('ActivationTypeIdentifier', offerType), start ? `start ${formatDate(start)}` : null, end ? `afsluttet ${formatDate(end)}` : 'afsluttet'];
  const reason = codeName('ActivityEndReasonTypeIdentifier', END_REASON_GRANT_NOT_APPROVED);
  return `Bevilling ikke godkendt: ${parts.filter(Boolean).join(', ')} med ophørsårsag ${END_REASON_GRANT_NOT_APPROVED} »${reason}« i Min plan`;
}

/**
 * Which WSRM items need a caseworker, and as what. Items our own organisation caused (our own
 * absence registration, our own activity) raise no advisory; they only refresh the cache.
 */
export function advisoryFor(item: NotificationItem, c: AdvisoryContext, id: string): Advisory | null {
  const other = c.org.type === 'akasse' ? 'jobcentret' : 'a-kassen';
  let kind: AdvisoryKind | null = null;
  let title = '';
  let dueDate: string | null = null;
  const createdAt: IsoDateTime = c.now.toISOString();
  switch (item.kind) {
    case 'GetCitizenMessageVersion1': {
      const contextType = num(item.details.contextType);
      const responseTo = str(item.details.responseToId);
      if (contextType === 11 && c.org.type === 'jobcenter') {
        kind = 'recommendation-received';
        title = 'Indstilling om tilbud modtaget fra a-kassen';
        dueDate = addDays(todayIso(c.now), c.recommendationAnswerDays);
      } else if (responseTo && c.org.type === 'akasse' && c.isOwnRecommendation(responseTo)) {
        kind = 'recommendation-answered';
        title = 'Jobcentret har svaret på jeres indstilling om tilbud';
      } else {
        kind = 'message-received';
        title = responseTo ? `Svar fra ${partyOf(item, other)} i Dialogmodulet` : `Ny besked fra ${partyOf(item, other)} i Dialogmodulet`;
      }
      break;
    }
    case 'GetAbsenceVersion1': {
      if (byUs(item, c.org)) return null;
      kind = 'absence-by-other';
      title = `Fravær ${CHANGE[item.changeType ?? 1] ?? 'ændret'} af ${partyOf(item, other)}`;
      break;
    }
    case 'GetActivityGeneralEventVersion3': {
      if (byUs(item, c.org) || c.org.type !== 'akasse') return null;
      const ended = grantNotApproved(item);
      if (ended) {
        kind = 'grant-not-approved';
        title = ended;
        break;
      }
      if (item.changeType !== 1 && item.changeType !== null) return null;
      kind = 'offer-granted';
      // An offer (tilbud) has an offer type; any other activity (a Mentorforløb) is not a grant. Whether
      // it answers a recommendation is decided in Min plan (shared/recommendationOutcome).
      title = num(item.details.activationType) !== null ? 'Tilbud oprettet i Min plan af jobcentret' : 'Aktivitet oprettet i Min plan af jobcentret';
      break;
    }
    case 'GetPersonUnemploymentFundSaveMembershipVersion5': {
      if (c.org.type !== 'akasse') return null;
      const now = str(item.details.akasseCode);
      const prev = str(item.details.previousAkasseCode);
      kind = 'membership-changed';
      if (now === c.org.code && prev && prev !== c.org.code) title = `Nyt medlem: overflyttet fra a-kasse ${prev}`;
      else if (prev === c.org.code && now !== c.org.code) title = 'Medlemmet er skiftet til en anden a-kasse';
      else title = 'Medlemskabet er ændret';
      break;
    }
    case 'GetIndkaldelseVersion1': {
      if (byUs(item, c.org)) return null;
      kind = 'meeting-changed';
      title = item.changeType === 3 ? `Indkaldelse aflyst af ${partyOf(item, other)}` : `Indkaldelse ${item.changeType === 2 ? 'ændret' : 'oprettet'} af ${partyOf(item, other)}`;
      break;
    }
  }
  if (!kind) return null;
  return {
    id,
    kind,
    cpr: item.cpr,
    citizenName: c.citizenName,
    title,
    createdAt,
    dueDate,
    status: 'open',
    takenBy: null,
    takenAt: null,
    doneAt: null,
    sourceMessageIdentifier: item.messageIdentifier,
    entityId: item.entityId,
  };
}

/** The cached parts a notification makes stale (the next read goes to DFDG). */
export function stalePartsFor(item: NotificationItem): StalePart[] {
  switch (item.kind) {
    case 'GetCitizenMessageVersion1':
      return ['messages'];
    case 'GetAbsenceVersion1':
      return ['absences', 'status'];
    case 'GetActivityGeneralEventVersion3':
      return ['activities'];
    case 'GetPersonUnemploymentFundSaveMembershipVersion5':
      return ['status'];
    case 'GetIndkaldelseVersion1':
      return ['meetings'];
  }
}
