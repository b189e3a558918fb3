// CitizenMessageContextTypeIdentifier: ids, names, descriptions and validity from seed 000 (STAR epic
// 999.11, release 2023-4, table under AC 999.11.1).
// ASSUMED: `sentBy` (which caseworker organisations send each type) is our reading of the names;
// only type 11 (a-kasse only) and type 2 (the a-kasse's draft, ends 01-01-2024) are stated in seed 000.

import type { MessageContextTypeItem } from '../types';
import { AKASSE_PLAN_DRAFT_END, OPEN_END, TYPE_11_START } from './releases';

export const messageContextTypes: readonly MessageContextTypeItem[] = [
  { id: 1, name: 'Almen orientering', description: 'Almen orientering', validFrom: '2014-11-01', validTo: OPEN_END, sentBy: ['akasse', 'jobcenter'] },
  {
    id: 2,
    name: 'Udkast til min plan',
    description: 'Udkast til borgerens min plan fra a-kasse',
    validFrom: '2014-11-01',
    validTo: OPEN_END,
    sentBy: ['akasse'],
    akasseUntil: AKASSE_PLAN_DRAFT_END,
  },
  { id: 3, name: 'Jobformidling', description: 'Jobformidling', validFrom: '2014-11-01', validTo: OPEN_END, sentBy: ['akasse', 'jobcenter'] },
  { id: 4, name: 'Invitation til arrangement', description: 'Invitation til arrangement', validFrom: '2014-11-01', validTo: OPEN_END, sentBy: ['akasse', 'jobcenter'] },
  { id: 5, name: 'Arbejdsgiver', description: 'Henvendelse fra arbejdsgiver til borger', validFrom: '2015-06-01', validTo: OPEN_END, sentBy: [] },
  { id: 6, name: 'Kampagne', description: 'Kampagne borger deltager i', validFrom: '2015-06-01', validTo: OPEN_END, sentBy: [] },
  { id: 7, name: 'Supportbesked', description: 'Supportbesked eller anden besked fra STAR', validFrom: '2015-06-01', validTo: OPEN_END, sentBy: [] },
  { id: 8, name: 'Tilmelding kvittering', description: 'Kvittering sendt til borger ved tilmelding', validFrom: '2015-06-01', validTo: OPEN_END, sentBy: [] },
  {
    id: 9,
    name: 'Uddannelsesplan trin 4',
    description: 'PDF sendt til uddannelsesinstitution ved publicering af uddannelsesplan',
    validFrom: '2015-06-01',
    validTo: OPEN_END,
    sentBy: [],
  },
  {
    id: 10,
    name: 'Afgørelse og vejledningsinformation',
    description: 'Afgørelse og vejledning omkring ret og pligt i forbindelse med Min plan',
    validFrom: '2019-03-01',
    validTo: OPEN_END,
    sentBy: ['jobcenter'],
  },
  {
    id: 11,
    name: 'Indstilling om tilbud',
    description: 'A-kassens indstilling om tilbud til dagpengemodtagere',
    validFrom: TYPE_11_START,
    validTo: OPEN_END,
    sentBy: ['akasse'],
  },
];
