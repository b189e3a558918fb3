// JobOrderStatusTypeIdentifier: 1 Åben, 2 Midlertidig inaktiv, 3 Lukket (seed 001 §6.1, releasenote
// DFDG 19-09-2022); mediation only on 1 since that release.
// ASSUMED: validity dates.

import type { JobOrderStatusItem } from '../types';
import { OPEN_END, UNKNOWN_START } from './releases';

export const jobOrderStatuses: readonly JobOrderStatusItem[] = [
  { id: 1, name: 'Åben', validFrom: UNKNOWN_START, validTo: OPEN_END, allowsMediation: true },
  { id: 2, name: 'Midlertidig inaktiv', validFrom: UNKNOWN_START, validTo: OPEN_END, allowsMediation: false },
  { id: 3, name: 'Lukket', validFrom: UNKNOWN_START, validTo: OPEN_END, allowsMediation: false },
];
