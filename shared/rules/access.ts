// Who may see which citizen (seed 000, "Sagsbehandlerlogin på Jobnet"): an a-kasse its own members in
// contact group 1 (enrolled or not) or contact group 8 with registration category 5 (dimittend); a
// jobcenter the citizens attached to it. The 120-day window for former members applies to
// PersonStatusService only (interfaces.md §1.4) and is DFDG's to enforce, not ours.

import type { Finding } from '../domain';
import type { RuleContext } from './types';
import { finding, guard, readContext } from './internal';

function checkAccessImpl(rawCtx: unknown): Finding[] {
  const read = readContext(rawCtx);
  if (!read.ok) return read.findings;
  const { org, citizen } = read.ctx;
  if (org.type === 'akasse') {
    if (!citizen) return [finding('ACCESS_AKASSE', 'error', 'Borgerens oplysninger mangler, så adgangen kan ikke afgøres. Hent borgeren igen.')];
    if (org.code === '' || citizen.akasseCode !== org.code) {
      return [finding('ACCESS_AKASSE', 'error', 'Borgeren er ikke medlem af jeres a-kasse. En a-kasse har kun adgang til egne medlemmer.')];
    }
    const group = citizen.contactGroup;
    if (group === 1 || (group === 8 && citizen.registrationCategory === 5)) return [];
    const now =
      group === undefined ? 'Borgerens kontaktgruppe er ukendt.' : group === null ? 'Borgeren er ikke i en kontaktgruppe.' : `Borgeren er i kontaktgruppe ${group}.`;
    return [
      finding(
        'ACCESS_AKASSE',
        'error',
        `En a-kasse har kun adgang til medlemmer i kontaktgruppe 1 »Dagpengemodtager« og dimittender (kontaktgruppe 8 med tilmeldekategori 5). ${now}`,
      ),
    ];
  }
  if (!citizen) return [finding('ACCESS_JOBCENTER', 'error', 'Borgerens oplysninger mangler, så adgangen kan ikke afgøres. Hent borgeren igen.')];
  if (org.code === '' || citizen.jobcenterCode !== org.code) {
    return [finding('ACCESS_JOBCENTER', 'error', 'Borgeren er ikke tilknyttet jeres jobcenter. Et jobcenter har kun adgang til egne borgere.')];
  }
  return [];
}

/** Findings when the organisation in ctx may not see ctx.citizen; [] when it may. */
export const checkAccess: (ctx: RuleContext) => Finding[] = guard(checkAccessImpl);
