// Code lists for display and pickers: shared/codelists' bundled lists, overridden by the lists main
// fetched from DFDG's CodeListService (codelists.get, kept in the app store).
import { useMemo } from 'react';
import { findCode, getCodeList, validCodes } from '../../../shared/codelists';
import type { CodeListItemTypes, CodeListName, CodeListOverrides } from '../../../shared/codelists/types';
import { useApp } from '../stores/app';

export interface Codes {
  overrides: CodeListOverrides | undefined;
  items<N extends CodeListName>(name: N): readonly CodeListItemTypes[N][];
  item<N extends CodeListName>(name: N, id: number | null | undefined): CodeListItemTypes[N] | undefined;
  /** "Name" for a known id, else "<fallback> <id>" (never an empty cell). */
  label(name: CodeListName, id: number | null | undefined, fallback: string): string;
  /** "Kontaktgruppe 1 – Dagpengemodtager" (the number caseworkers know, and the name where known). */
  contactGroup(id: number | null | undefined): string;
  /** Items valid on `asOf` (start inclusive, end exclusive). */
  valid<N extends CodeListName>(name: N, asOf: string): CodeListItemTypes[N][];
}

export function makeCodes(overrides: CodeListOverrides | undefined): Codes {
  // The flags of the bundled items survive a refresh (mergeRefreshed), so the typed view holds.
  const item = <N extends CodeListName>(name: N, id: number | null | undefined) => findCode(name, id, overrides) as CodeListItemTypes[N] | undefined;
  return {
    overrides,
    items: <N extends CodeListName>(name: N) => getCodeList(name, overrides) as readonly CodeListItemTypes[N][],
    item,
    label: (name, id, fallback) => {
      if (id == null) return '';
      const it = item(name, id);
      return it && !(it as { nameUnknown?: boolean }).nameUnknown ? it.name : `${fallback} ${id}`;
    },
    contactGroup: (id) => {
      if (id == null) return 'Ingen kontaktgruppe';
      const it = item('ContactGroupTypeIdentifier', id);
      return it && !it.nameUnknown ? `Kontaktgruppe ${id} – ${it.name}` : `Kontaktgruppe ${id}`;
    },
    valid: <N extends CodeListName>(name: N, asOf: string) => validCodes(name, asOf, overrides) as CodeListItemTypes[N][],
  };
}

/** Code-list helpers bound to the lists main has cached (re-renders when they arrive). */
export function useCodes(): Codes {
  const lists = useApp((s) => s.codeLists);
  return useMemo(() => makeCodes(lists ?? undefined), [lists]);
}
