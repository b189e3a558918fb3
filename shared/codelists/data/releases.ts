// Dates the code lists and the rules share. Each is stated in a seed (../../../../shared/seeds/).

import type { IsoDate } from '../../domain';

/** The end date DFDG gives every current code-list value (seed 000, table under AC 999.11.1). */
export const OPEN_END: IsoDate = '2100-07-01';
/**
 * ASSUMED: the start date of values whose start no source gives. We use the earliest start in the
 * seed 000 table (message context types 1-4), i.e. "valid for as long as DFDG Desk can care".
 */
export const UNKNOWN_START: IsoDate = '2014-11-01';
/** Patch of 26-01-2021 that added the "erhvervsuddannelse inden for 6 uger" absence type (seed 004). */
export const PATCH_2021_01_26: IsoDate = '2021-01-26';
/** Release 2021-1, in production 15-03-2021 (seed 004): historic absence may be deleted. */
export const RELEASE_2021_1: IsoDate = '2021-03-15';
/** The COVID-19 arbejdsfordeling scheme (absence 78) ended 31-03-2022 (seed 001 §2.2). */
export const COVID_SCHEME_LAST_DAY: IsoDate = '2022-03-31';
/** Release 2022-3, in production 19-09-2022 (seed 001). */
export const RELEASE_2022_3: IsoDate = '2022-09-19';
/** Message type 11 "Indstilling om tilbud" starts (seed 000). */
export const TYPE_11_START: IsoDate = '2023-07-01';
/** A-kasser stop drafting Min plan (message type 2) (seed 000, AC 999.11.2). */
export const AKASSE_PLAN_DRAFT_END: IsoDate = '2024-01-01';
/** Joblog dates cannot be before this (seed 001 §4.1). */
export const JOBLOG_MIN_DATE: IsoDate = '2015-01-01';
