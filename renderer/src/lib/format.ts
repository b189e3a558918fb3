// Small display helpers the shared/ helpers do not cover. Dates and CPR come from shared/dates and
// shared/cpr; these only format sizes, clock times and counts the Danish way.
import { formatDateTime } from '../../../shared/dates';
import { ORGANISATION_TYPE_ID, type OutboxState } from '../../../shared/domain';

/** 12,3 kB / 1,5 MB (decimal comma). Below 1 kB: "812 byte". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${kb.toFixed(1).replace('.', ',')} kB`;
  return `${(kb / 1024).toFixed(1).replace('.', ',')} MB`;
}

/** tt:mm in Danish time, for "Gemt 14:05" (the clock part of shared/dates' formatDateTime). */
export function formatClock(iso: string): string {
  const s = formatDateTime(iso);
  return s.length >= 16 ? s.slice(-5) : '';
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What each outbox state means, for the outbox and for pending messages in a thread. */
export const OUTBOX_STATE_TEXT: Record<OutboxState, string> = {
  queued: 'Venter på at blive sendt',
  sending: 'Sendes nu',
  sent: 'Sendt',
  failed: 'Ikke sendt endnu – prøves igen',
  rejected: 'Afvist af DFDG',
  cancelled: 'Annulleret',
};

/** "jobcenter 10100", "a-kasse 067", or "myndighed <code>" for other organisation types. */
export function authorityText(organisationType: number | null, code: string | null): string {
  const kind = organisationType === ORGANISATION_TYPE_ID.jobcenter ? 'jobcenter' : organisationType === ORGANISATION_TYPE_ID.akasse ? 'a-kasse' : 'myndighed';
  return code ? `${kind} ${code}` : kind;
}
