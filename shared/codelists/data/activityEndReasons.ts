// ActivityEndReasonTypeIdentifier (ophørsårsag for indsatser/aktiviteter). Ids 14 and 15 with names
// and descriptions are from seed 001 (releasenote DFDG 19-09-2022, §3.1): they come from VITAS via
// notifications and are not for caseworker registration.
//
// NOT BUNDLED: the ophørsårsager a caseworker uses. Their ids, names and validity are not published
// (interfaces.md §4 and §13 item 8), so none are invented here. They come only from DFDG's
// CodeListService (main refreshes the lists, mergeRefreshed); until a refreshed list has them, the Min
// plan form says it cannot offer an ophørsårsag and no activity can be ended from this client.

import type { ActivityEndReasonItem } from '../types';
import { OPEN_END, RELEASE_2022_3 } from './releases';

export const activityEndReasons: readonly ActivityEndReasonItem[] = [
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
