// ActivationTypeIdentifier: the offer types (tilbud) an a-kasse can recommend in a type 11
// "Indstilling om tilbud". Seed 000 names the kinds: company-directed offers (name the company) and
// guidance and upskilling (name the course provider); the a-kasse itself still grants 6 weeks of
// job-oriented training. interfaces.md §4 names løntilskud and virksomhedspraktik as values of
// GetActivationTypeIdentifierCodeList.
// ASSUMED: every id and the validity dates (the list is not published; marked `assumed: true`).
// A list refreshed from CodeListService replaces these items.

import type { ActivationTypeItem } from '../types';
import { OPEN_END, UNKNOWN_START } from './releases';

const offer = (id: number, name: string, kind: Pick<ActivationTypeItem, 'companyDirected' | 'courseDirected' | 'grantedByAkasse'>): ActivationTypeItem => ({
  id,
  name,
  validFrom: UNKNOWN_START,
  validTo: OPEN_END,
  assumed: true,
  ...kind,
});

export const activationTypes: readonly ActivationTypeItem[] = [
  offer(1, 'Vejledning og opkvalificering', { companyDirected: false, courseDirected: true }),
  offer(2, 'Virksomhedspraktik', { companyDirected: true, courseDirected: false }),
  offer(3, 'Ansættelse med løntilskud – privat arbejdsgiver', { companyDirected: true, courseDirected: false }),
  offer(4, 'Ansættelse med løntilskud – offentlig arbejdsgiver', { companyDirected: true, courseDirected: false }),
  offer(5, '6 ugers jobrettet uddannelse', { companyDirected: false, courseDirected: true, grantedByAkasse: true }),
];
