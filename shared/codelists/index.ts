// The bundled DFDG code lists and the helpers to read them. The bundled lists are the fallback; main
// refreshes lists from CodeListService when online and passes them in as `overrides` (a record by
// DFDG list name), and the refreshed list wins (mergeRefreshed). Pure data and pure functions.

import type { CodeListItem, IsoDate } from '../domain';
import { isValidIsoDate, isWithin } from '../dates';
import { absenceTypes } from './data/absenceTypes';
import { activationTypes } from './data/activationTypes';
import { activityEndReasons } from './data/activityEndReasons';
import { channels } from './data/channels';
import { contactGroups } from './data/contactGroups';
import { interviewTypes } from './data/interviewTypes';
import { jobOrderStatuses } from './data/jobOrderStatuses';
import { meetingForms } from './data/meetingForms';
import { messageContextTypes } from './data/messageContextTypes';
import { OPEN_END } from './data/releases';
import { organisationTypes } from './data/organisationTypes';
import { registrationCategories } from './data/registrationCategories';
import type { BundledCodeLists, CodeListName, CodeListOverrides } from './types';

export type * from './types';

/** Every list DFDG Desk uses, by DFDG's list name. */
export const codeLists: BundledCodeLists = {
  CitizenMessageContextTypeIdentifier: messageContextTypes,
  CitizenMessageChannelTypeIdentifier: channels,
  AbsenceTypeIdentifier: absenceTypes,
  InterviewContactTypeIdentifier: meetingForms,
  InterviewTypeIdentifier: interviewTypes,
  ActivityEndReasonTypeIdentifier: activityEndReasons,
  ActivationTypeIdentifier: activationTypes,
  ContactGroupTypeIdentifier: contactGroups,
  RegistrationCategoryTypeIdentifier: registrationCategories,
  OrganisationTypeIdentifier: organisationTypes,
  JobOrderStatusTypeIdentifier: jobOrderStatuses,
};

export const codeListNames: readonly CodeListName[] = Object.keys(codeLists) as CodeListName[];

const hasOwn = (o: object, k: PropertyKey) => Object.prototype.hasOwnProperty.call(o, k);

export function isCodeListName(name: unknown): name is CodeListName {
  return typeof name === 'string' && hasOwn(codeLists, name);
}

// Keys never copied from a refreshed item (prototype pollution and our own bookkeeping).
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A refreshed item as we accept it: integer id, non-empty name, valid validFrom; validTo defaults to open. */
function sanitize(raw: unknown): CodeListItem | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  const id = hasOwn(r, 'id') ? r.id : undefined;
  const name = hasOwn(r, 'name') ? r.name : undefined;
  const validFrom = hasOwn(r, 'validFrom') ? r.validFrom : undefined;
  const validTo = hasOwn(r, 'validTo') ? r.validTo : undefined;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || typeof name !== 'string' || name.trim() === '') return null;
  if (!isValidIsoDate(validFrom)) return null;
  const item: CodeListItem = Object.create(null) as CodeListItem;
  for (const key of Object.keys(r)) {
    if (!UNSAFE_KEYS.has(key)) (item as Record<string, unknown>)[key] = r[key];
  }
  item.id = id;
  item.name = name;
  item.validFrom = validFrom;
  item.validTo = isValidIsoDate(validTo) ? validTo : OPEN_END;
  if (typeof item.description !== 'string') delete item.description;
  return { ...item };
}

/**
 * Merge a list refreshed from CodeListService over the bundled one. The refreshed list wins: its items
 * (and only its items) are the result, each keeping the bundled flags of the same id where the
 * refreshed item does not set them. Bundled items stay (as the fallback) only when the refreshed list
 * is missing, empty or holds no readable item. Sorted by id.
 */
export function mergeRefreshed(bundled: readonly CodeListItem[], refreshed: readonly unknown[] | null | undefined): CodeListItem[] {
  let base: CodeListItem[];
  try {
    base = Array.isArray(bundled) ? (bundled as readonly unknown[]).filter((b): b is CodeListItem => typeof b === 'object' && b !== null) : [];
  } catch {
    base = []; // an unreadable bundled list (never ours) counts as empty
  }
  let fresh: CodeListItem[] = [];
  const seen = new Set<number>();
  try {
    if (Array.isArray(refreshed)) {
      for (const raw of refreshed as readonly unknown[]) {
        let item: CodeListItem | null = null;
        try {
          item = sanitize(raw);
        } catch {
          item = null; // a hostile item (throwing getter, proxy) is dropped like any unreadable one
        }
        if (item && !seen.has(item.id)) {
          seen.add(item.id);
          fresh.push(item);
        }
      }
    }
  } catch {
    fresh = []; // the refreshed list itself is unreadable: fall back to the bundled one
  }
  if (fresh.length === 0) return base;
  const byId = new Map(base.map((b) => [b.id, b]));
  return fresh.map((f) => ({ ...byId.get(f.id), ...f })).sort((a, b) => a.id - b.id);
}

// Merged lists are cached per refreshed array, so rules evaluated on every keystroke stay cheap.
const mergedCache = new WeakMap<object, CodeListItem[]>();

/** The list by DFDG name: the refreshed one from `overrides` where given, else the bundled one. Unknown name → []. */
export function getCodeList(name: CodeListName | string, overrides?: CodeListOverrides | null): readonly CodeListItem[] {
  if (!isCodeListName(name)) return [];
  const bundled: readonly CodeListItem[] = codeLists[name];
  let refreshed: unknown;
  try {
    if (typeof overrides !== 'object' || overrides === null || !hasOwn(overrides, name)) return bundled;
    refreshed = overrides[name];
    if (!Array.isArray(refreshed)) return bundled;
  } catch {
    return bundled; // unreadable overrides: the bundled list is the fallback
  }
  let merged = mergedCache.get(refreshed);
  if (!merged) {
    merged = mergeRefreshed(bundled, refreshed);
    mergedCache.set(refreshed, merged);
  }
  return merged;
}

/** The item with this id, or undefined. */
export function findCode(name: CodeListName | string, id: unknown, overrides?: CodeListOverrides | null): CodeListItem | undefined {
  if (typeof id !== 'number') return undefined;
  return getCodeList(name, overrides).find((item) => item.id === id);
}

/** The items valid on `asOf` (validFrom inclusive, validTo exclusive). */
export function validCodes(name: CodeListName | string, asOf: IsoDate, overrides?: CodeListOverrides | null): CodeListItem[] {
  return getCodeList(name, overrides).filter((item) => isWithin(item, asOf));
}

/** The Danish name to show for an id; an unknown id shows as "Ukendt kode N". */
export function codeName(name: CodeListName | string, id: unknown, overrides?: CodeListOverrides | null): string {
  const item = findCode(name, id, overrides);
  if (item) return item.name;
  return typeof id === 'number' && Number.isFinite(id) ? `Ukendt kode ${id}` : 'Ukendt kode';
}
