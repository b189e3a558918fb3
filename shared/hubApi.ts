// The organisation hub's HTTP API (hub/README.md): the JSON a desktop sends and gets back, with the
// request schemas the hub validates with. Shared so the hub and the desktop's hub client (Part B of
// issue 11) agree by construction. Pure: zod and shared/ only.

import { z } from 'zod';
import type { AdvisoryKind, AdvisoryStatus, Cpr, IsoDate, IsoDateTime } from './domain';

/** Every mutating call names the desktop it comes from (audited at the hub). */
export const DESKTOP_ID_HEADER = 'x-dfdg-desktop-id';
/** A desktop id: 1..100 characters of [A-Za-z0-9._:-] (a uuid fits). */
export const DESKTOP_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export const ADVISORY_KINDS = [
  'recommendation-received',
  'recommendation-answered',
  'offer-granted',
  'absence-by-other',
  'membership-changed',
  'message-received',
  'meeting-changed',
  'grant-not-approved',
] as const satisfies readonly AdvisoryKind[];

/**
 * The team queue's views. mine: taken by the caller; unassigned: open; overdue: not done and past
 * its due date; all: everything not done; done: completed, most recent first.
 */
export const HUB_VIEWS = ['mine', 'unassigned', 'overdue', 'all', 'done'] as const;
export type HubView = (typeof HUB_VIEWS)[number];

export interface HubCaseworker {
  /** The caseworker's RID from the certificate (serialNumber), stable across certificate renewals. */
  id: string;
  name: string;
}

/** An advisory in the team queue. `status` uses the desktop's names: 'in-progress' is "taken". */
export interface HubAdvisory {
  id: string;
  kind: AdvisoryKind;
  cpr: Cpr;
  citizenName: string | null;
  title: string;
  createdAt: IsoDateTime;
  dueDate: IsoDate | null;
  status: AdvisoryStatus;
  takenBy: HubCaseworker | null;
  takenAt: IsoDateTime | null;
  doneBy: HubCaseworker | null;
  doneAt: IsoDateTime | null;
  /** Raised by one on every change; send it back to make a change conditional on what you saw. */
  version: number;
  sourceMessageIdentifier: string;
  entityId: string | null;
}

export interface HubPage {
  items: HubAdvisory[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** The change feed's position when the page was read: subscribe from here (Last-Event-ID). */
  feedCursor: string;
}

export interface HubMe {
  caseworker: HubCaseworker;
  organisation: { id: string; type: 'akasse' | 'jobcenter'; code: string; name: string };
}

export interface HubTeam {
  /**
   * Per colleague holding advisories (and every colleague seen), for the team lead: open taken, of
   * those overdue, and finished today (since midnight, Copenhagen time).
   */
  caseworkers: (HubCaseworker & { taken: number; overdue: number; doneToday: number })[];
  counts: { mine: number; unassigned: number; overdue: number; all: number };
}

export type HubChangeOp = 'created' | 'taken' | 'released' | 'handed-over' | 'completed' | 'reopened';

/** The data of an SSE `advisory` event (its SSE id is the change id, the resume cursor). */
export interface HubChangeEvent {
  op: HubChangeOp;
  advisory: HubAdvisory;
  by: HubCaseworker | null;
  at: IsoDateTime;
}

export type HubErrorCode =
  | 'bad-request'
  | 'too-large'
  | 'no-certificate'
  | 'wrong-organisation'
  | 'not-found'
  | 'unknown-caseworker'
  | 'queue-empty'
  | 'taken'
  | 'not-taken'
  | 'done'
  | 'not-done'
  | 'stale'
  | 'database-unavailable'
  | 'internal';

/** Every error body: a stable code and a Danish message meant for the caseworker. */
export interface HubError {
  code: HubErrorCode;
  message: string;
}

/** 409: the change lost against the advisory's current state (who holds it, since when, and all of it). */
export interface HubConflict extends HubError {
  code: 'taken' | 'not-taken' | 'done' | 'not-done' | 'stale';
  holder: HubCaseworker | null;
  since: IsoDateTime | null;
  advisory: HubAdvisory;
}

// ---------------------------------------------------------------------------------------------
// Requests (the hub validates every body and query with these)

const version = z.number().int().min(1).max(2_147_483_647);

export const actionBody = z.strictObject({ version: version.optional() });
export const handoverBody = z.strictObject({ to: z.string().min(1).max(200), version: version.optional() });
export const takeNextBody = z.strictObject({ kind: z.enum(ADVISORY_KINDS).optional() });
export const pageQuery = z.strictObject({
  view: z.enum(HUB_VIEWS).default('all'),
  kind: z.enum(ADVISORY_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(400).optional(),
});
export const feedQuery = z.strictObject({ since: z.string().regex(/^\d{1,19}$/).optional() });

export type ActionBody = z.infer<typeof actionBody>;
export type HandoverBody = z.infer<typeof handoverBody>;
export type TakeNextBody = z.infer<typeof takeNextBody>;
export type PageQuery = z.infer<typeof pageQuery>;

// ---------------------------------------------------------------------------------------------
// Texts both sides show (zod-free, so the renderer takes them from ./hubText without the schemas)

export { atDanishTime, takenByText } from './hubText';
