// InterviewTypeIdentifier (samtaletype). Ids and names from interfaces.md §6 and §9.3 ([S39][S35]):
// the types an a-kasse may see (7-13, 15, 17) and 4 Opfølgningssamtale; self-booking deadlines
// apply to 4 and 7.
// ASSUMED: validity dates (UNKNOWN_START), and the name of 17, whose page versions differ
// ("Jobsamtale med a-kasse" / "Fælles jobsamtale med dagpengemodtager"); we show the first.

import type { InterviewTypeItem } from '../types';
import { OPEN_END, UNKNOWN_START } from './releases';

const t = (id: number, name: string, visibleToAkasse: boolean, extra: Partial<InterviewTypeItem> = {}): InterviewTypeItem => ({
  id,
  name,
  validFrom: UNKNOWN_START,
  validTo: OPEN_END,
  visibleToAkasse,
  ...extra,
});

export const interviewTypes: readonly InterviewTypeItem[] = [
  t(4, 'Opfølgningssamtale', false, { selfBookingDeadline: true }),
  t(7, 'Jobsamtale', true, { selfBookingDeadline: true }),
  t(8, 'Henvisning', true),
  t(9, 'Informationsmøde', true),
  t(10, 'CV samtale', true),
  t(11, 'Formidlingssamtale', true),
  t(12, 'Anden samtale', true),
  t(13, 'Informationsmøde uden mødepligt', true),
  t(15, 'Rådighedssamtale', true),
  t(17, 'Jobsamtale med a-kasse', true, { description: 'Også kaldt fælles jobsamtale med dagpengemodtager' }),
];
