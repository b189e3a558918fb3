// ActivityEndReasonTypeIdentifier (ophørsårsag for indsatser/aktiviteter). Ids 14 and 15 with names
// and descriptions are from seed 001 (releasenote DFDG 19-09-2022, §3.1): they come from VITAS via
// notifications and are not for caseworker registration.
// ASSUMED: every other item. The rest of the list is not published (interfaces.md §13 item 8), so
// ids 1-6 are invented placeholders for the common caseworker reasons (marked `assumed: true`); a
// list refreshed from CodeListService replaces them (mergeRefreshed).

import type { ActivityEndReasonItem } from '../types';
import { OPEN_END, RELEASE_2022_3, UNKNOWN_START } from './releases';

const assumed = (id: number, name: string): ActivityEndReasonItem => ({
  id,
  name,
  validFrom: UNKNOWN_START,
  validTo: OPEN_END,
  systemOnly: false,
  assumed: true,
});

export const activityEndReasons: readonly ActivityEndReasonItem[] = [
  assumed(1, 'Gennemført som planlagt'),
  assumed(2, 'Ophørt – ordinær beskæftigelse'),
  assumed(3, 'Ophørt – påbegyndt uddannelse'),
  assumed(4, 'Ophørt – sygdom'),
  assumed(5, 'Ophørt – borgeren er udeblevet'),
  assumed(6, 'Ophørt – anden årsag'),
  {
    id: 14,
    name: 'Bevilling ikke godkendt',
    description: 'Virksomhed, jobcenter eller borger har ikke godkendt bevillingen eller har trukket bevillingen tilbage',
    validFrom: RELEASE_2022_3,
    validTo: OPEN_END,
    systemOnly: true,
  },
  {
    id: 15,
    name: 'Aktivitetsperioden afsluttet ordinært',
    description: 'Bevillingen er lukket efter ordinært udløb',
    validFrom: RELEASE_2022_3,
    validTo: OPEN_END,
    systemOnly: true,
  },
];
