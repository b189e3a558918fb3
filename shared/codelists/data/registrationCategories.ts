// RegistrationCategoryTypeIdentifier (tilmeldekategori). Only 5 "dimittend" is stated (seed 000,
// access rule for a-kasser); the rest of the list is not published.
// ASSUMED: validity dates.

import type { RegistrationCategoryItem } from '../types';
import { OPEN_END, UNKNOWN_START } from './releases';

export const registrationCategories: readonly RegistrationCategoryItem[] = [
  { id: 5, name: 'Dimittend', validFrom: UNKNOWN_START, validTo: OPEN_END },
];
