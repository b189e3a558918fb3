// What the hub and the desktop both say about who holds a team advisory: the hub in its 409 answer,
// the desktop in the Indbakke. Zod-free (shared/hubApi.ts re-exports it with the API's schemas).

import { formatDateTime, todayIso, toCopenhagenDate } from './dates';
import type { IsoDateTime } from './domain';

/** "kl. 10:42" today, else "den 04-12-2026 kl. 10:42" (Danish time). */
export function atDanishTime(at: IsoDateTime, now: Date): string {
  const shown = formatDateTime(at);
  const [date, time] = shown.split(' ');
  if (!time) return shown;
  return toCopenhagenDate(at) === todayIso(now) ? `kl. ${time}` : `den ${date} kl. ${time}`;
}

/** "Taget af Søren Østergaard kl. 10:42": who holds an advisory, as the lost race is shown. */
export function takenByText(holder: { name: string }, since: IsoDateTime, now: Date): string {
  return `Taget af ${holder.name} ${atDanishTime(since, now)}`;
}
