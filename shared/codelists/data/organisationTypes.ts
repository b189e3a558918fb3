// OrganisationTypeIdentifier. 4 AndenAktoer, 7 Kommune, 8 Jobcenter and 24 Virksomhed are documented
// (interfaces.md §1.1, [S2][S3]).
// ASSUMED: 2 A-kasse (the id is not published; shared/domain.ts and docs/wire-contract.md §1 use 2),
// and all validity dates.

import type { OrganisationTypeItem } from '../types';
import { OPEN_END, UNKNOWN_START } from './releases';

export const organisationTypes: readonly OrganisationTypeItem[] = [
  { id: 2, name: 'A-kasse', validFrom: UNKNOWN_START, validTo: OPEN_END, orgType: 'akasse', assumed: true },
  { id: 4, name: 'Anden aktør', validFrom: UNKNOWN_START, validTo: OPEN_END },
  { id: 7, name: 'Kommune', validFrom: UNKNOWN_START, validTo: OPEN_END },
  { id: 8, name: 'Jobcenter', validFrom: UNKNOWN_START, validTo: OPEN_END, orgType: 'jobcenter' },
  { id: 24, name: 'Virksomhed', validFrom: UNKNOWN_START, validTo: OPEN_END },
];
