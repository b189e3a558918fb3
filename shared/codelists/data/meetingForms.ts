// InterviewContactTypeIdentifier: the meeting form (afholdelsesform), ids 1-9, names and
// descriptions from seed 001 (releasenote DFDG 19-09-2022, §1.1): 4 and 5 retired in release 2022-3
// (replaced by 8 and 9), 6 and 7 retired in an earlier release, 8 and 9 new in 2022-3; a link is
// required for 8.
// ASSUMED: the start date of 1-7 (UNKNOWN_START) and the end date of 6 and 7, which seed 001 only
// calls "earlier": we use 2022-3 as the latest date they can have ended.

import type { MeetingFormItem } from '../types';
import { OPEN_END, RELEASE_2022_3, UNKNOWN_START } from './releases';

export const meetingForms: readonly MeetingFormItem[] = [
  { id: 1, name: 'Personlig kontakt', description: 'Personlig kontakt (med borgeren)', validFrom: UNKNOWN_START, validTo: OPEN_END },
  { id: 2, name: 'Telefon', description: 'Telefon (borgeren eller ansvarlig henvender sig telefonisk)', validFrom: UNKNOWN_START, validTo: OPEN_END },
  {
    id: 3,
    name: 'Brev',
    description: 'Borgeren modtager brev via almindelig post, e-mail, e-Boks, Digital Post, Borger.dk m.v. Envejskommunikation.',
    validFrom: UNKNOWN_START,
    validTo: OPEN_END,
  },
  {
    id: 4,
    name: 'Digitalt',
    description: 'Skriftlig digital kommunikation, fx e-mail eller sms, med mulighed for tovejskommunikation',
    validFrom: UNKNOWN_START,
    validTo: RELEASE_2022_3,
    replacedBy: 8,
  },
  { id: 5, name: 'Andet', description: 'Andet (informationer modtages fra 3. person)', validFrom: UNKNOWN_START, validTo: RELEASE_2022_3, replacedBy: 9 },
  { id: 6, name: 'Møde direkte på arbejde', description: 'Møde direkte på arbejde', validFrom: UNKNOWN_START, validTo: RELEASE_2022_3 },
  { id: 7, name: 'Teknisk registrering', description: 'Systemteknisk registrering af en samtale', validFrom: UNKNOWN_START, validTo: RELEASE_2022_3 },
  {
    id: 8,
    name: 'Digitalt møde',
    description: 'Kontakten foregår digitalt, fortrinsvis med lyd og billede. Direkte tovejskommunikation.',
    validFrom: RELEASE_2022_3,
    validTo: OPEN_END,
    requiresLink: true,
  },
  {
    id: 9,
    name: 'Ingen direkte borgerkontakt',
    description: 'Dialog gennem 3. person, fx ved sygdom hvor direkte borgerkontakt ikke er mulig',
    validFrom: RELEASE_2022_3,
    validTo: OPEN_END,
  },
];
