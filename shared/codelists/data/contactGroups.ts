// ContactGroupTypeIdentifier (kontaktgruppe / målgruppe). The matrix in [S19] covers 1-29 without 9
// (interfaces.md §5). Named in the seeds: 1 Dagpengemodtager (seed 000, seed 001 §2.1) and
// 7 Fleksjobvisiteret (ledig) (seed 001 §2.5); 8 matters for a-kasse access with registration
// category 5 (seed 000).
// ASSUMED: validity dates. The other names are not published, so those items are called
// "Kontaktgruppe N" and flagged `nameUnknown`; a list refreshed from CodeListService gives the names.

import type { ContactGroupItem } from '../types';
import { OPEN_END, UNKNOWN_START } from './releases';

const KNOWN: Record<number, string> = { 1: 'Dagpengemodtager', 7: 'Fleksjobvisiteret (ledig)' };

export const contactGroups: readonly ContactGroupItem[] = Array.from({ length: 29 }, (_, i) => i + 1)
  .filter((id) => id !== 9)
  .map((id): ContactGroupItem => {
    const name = KNOWN[id];
    return name !== undefined
      ? { id, name, validFrom: UNKNOWN_START, validTo: OPEN_END }
      : { id, name: `Kontaktgruppe ${id}`, validFrom: UNKNOWN_START, validTo: OPEN_END, nameUnknown: true };
  });
