// What both Indbakke views show of an advisory (this desktop's own, and the team queue of hub mode).
import type { Advisory, AdvisoryKind, TeamAction } from '../../../shared/domain';
import { formatCpr } from '../../../shared/cpr';
import type { CitizenTab } from '../stores/app';

export const KIND_TEXT: Record<AdvisoryKind, string> = {
  'recommendation-received': 'Indstilling om tilbud modtaget',
  'recommendation-answered': 'Svar på indstilling',
  'offer-granted': 'Ny aktivitet i Min plan',
  'absence-by-other': 'Fravær registreret af anden myndighed',
  'membership-changed': 'Medlemskab ændret',
  'message-received': 'Besked modtaget',
  'meeting-changed': 'Møde ændret',
  'grant-not-approved': 'Bevilling ikke godkendt',
};

export const TAB_FOR: Record<AdvisoryKind, CitizenTab> = {
  'recommendation-received': 'dialog',
  'recommendation-answered': 'dialog',
  'offer-granted': 'plan',
  'absence-by-other': 'fravaer',
  'membership-changed': 'dialog',
  'message-received': 'dialog',
  'meeting-changed': 'moeder',
  'grant-not-approved': 'plan',
};

export const ROW_HEIGHT = 56;

/** The citizen's name, or the CPR number while main has not looked the citizen up yet (a notification
 * about someone this caseworker never opened carries no name). */
export const citizenLabel = (a: Pick<Advisory, 'citizenName' | 'cpr'>) => a.citizenName ?? `CPR ${formatCpr(a.cpr)}`;

/** What a team action does, for "Venter på hubben: …" (Indbakke) and the Udbakke's team actions. */
export const TEAM_ACTION_TEXT: Record<TeamAction, string> = { take: 'tag opgaven', release: 'læg opgaven tilbage', complete: 'marker som udført', reopen: 'åbn igen' };
