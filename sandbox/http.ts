// Shared types for the request pipeline: who calls, what came in, what goes out, and the one
// rejection type (a DFDG error code with its text and the HTTP status REST uses for it).

import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from './dates';
import type { Notifier } from './notify';
import type { OrgDef } from './orgs';
import type { SandboxState } from './state';

export interface Caller {
  org: OrgDef;
  caseworkerName: string;
  rid: string;
}

export interface Req {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  caller: Caller;
}

export interface Res {
  status: number;
  contentType?: string;
  body?: string | Buffer;
  /** 'applied' = answered with success (for writes: the change is applied); 'rejected' = an error answer. */
  outcome: 'applied' | 'rejected';
}

export interface Env {
  state: SandboxState;
  clock: Clock;
  notifier: Notifier;
}

/** DFDG's texts, as published where known (interfaces.md §1.6, §9.5); ASSUMED codes carry our own. */
export const ERROR_TEXTS: Record<number, string> = {
  412: 'x-requestId er allerede modtaget',
  1001: 'Invalid cpr',
  1003: 'Duration is negative',
  1010: 'Unknown cpr',
  1014: 'Failed to validate message',
  4404: 'The person with specified cpr does not exist',
  4405: 'The person with specified cpr is dead',
  4575: 'You are not authorized',
  4589: 'Unknown identifier',
  4591: "Fraværstypen 'Uddannelse' er ikke tilladt for denne kombination af kontaktgruppe og personkategori",
  4592: "Fraværstypen 'Midlertidigt arbejde' under 15 dage er ikke tilladt for denne kombination af kontaktgruppe og personkategori",
  4593: 'Fraværstype 78 kan ikke oprettes fra release 2022-3 (19-09-2022)',
  4594: 'Historisk og aktuelt fravær af denne type kan ikke slettes',
  4595: 'Fraværstypen findes ikke eller er ikke gyldig på startdatoen',
  4933: 'The text cannot contain html tags',
  4977: 'Det angivne id findes allerede',
  6005: 'The person with specified cpr does not belong to the jobcenter specified in ActiveOrganisationHeader',
  8103: 'The Document does not exists.',
  8110: 'Message context type 11 may only be created by an unemployment fund',
  8111: 'Message context type 11 requires channel 4 (Myndighed til myndighed)',
  8112: 'The message context type is not valid on this date',
  8113: 'The document type is not allowed or the content does not match the MIME type',
  8114: 'The document is too large',
  8115: 'The message answered is unknown or belongs to another citizen',
  8116: 'The message answered does not allow replies',
  90000: 'Ugyldig afholdelsesform (InterviewContactTypeIdentifier)',
  90001: 'Ugyldig samtaletype (InterviewTypeIdentifier)',
  90002: 'MoedeStarttidspunkt kan ikke være tidligere end dags dato',
  90004: 'MoedeSluttidspunkt kan ikke være tidligere end MoedeStarttidspunkt',
  90006: 'Borgeren er ikke medlem af en a-kasse',
  90007: 'Borgeren er medlem af en anden a-kasse',
  90009: 'Ombookingsfrist må ikke angives, når ombooking ikke er mulig',
  90010: 'Ombookingsfrist skal angives, når ombooking er mulig',
  90014: 'Aflysningsfrist må ikke angives, når aflysning ikke er mulig',
  // ASSUMED (sandbox-contract.md "Meetings"): S51's 90036 "BookingId not known" also for an unknown invitation.
  90036: 'IndkaldelseId / BookingId kendes ikke',
  99000: 'STAR Foundation Failed to validate message',
};

const STATUS_OF: Record<number, number> = {
  412: 412,
  1010: 404,
  4404: 404,
  4589: 404,
  90036: 404,
  4575: 403,
  6005: 403,
};

/** A DFDG rejection. SOAP turns it into a fault, REST into `{ fejlkode, fejltekst }`. */
export class Reject extends Error {
  readonly code: number;
  readonly text: string;
  /** Extra detail for validation errors (element or field names only; never values). */
  readonly detail: string | null;
  readonly status: number;

  constructor(code: number, detail: string | null = null, text?: string) {
    const t = text ?? ERROR_TEXTS[code] ?? 'Error';
    super(`${code} ${t}`);
    this.code = code;
    this.text = t;
    this.detail = detail;
    this.status = STATUS_OF[code] ?? 400;
  }
}

export function json(status: number, data: unknown, outcome: Res['outcome'] = 'applied'): Res {
  return { status, contentType: 'application/json; charset=utf-8', body: data === undefined ? '' : JSON.stringify(data), outcome };
}

export function restError(e: Reject): Res {
  const fejltekst = e.detail ? `${e.text}: ${e.detail}` : e.text;
  return json(e.status, { fejlkode: e.code, fejltekst }, 'rejected');
}
