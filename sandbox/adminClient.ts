// A small typed client for /_sandbox/* and the Jobnet tray, for tests of every part of the
// project: `const admin = sandboxAdmin(sb); await admin.setFaults({ rate503: 0.3 });`.
// Uses the admin certificate and plain node:https (no axios).

import https from 'node:https';
import type { FaultSettings } from './faults';
import type { OpCounts } from './stats';
import type { Sample } from './sample';
import type { SandboxCerts } from './certs';

export interface SandboxStats {
  operations: Record<string, OpCounts>;
  /** Applied writes by content (the logical command key, wire-contract §5). */
  logical: { applied: number; duplicates: number; duplicateKeys: string[] };
  /** Applied writes by the x-requestId they came with ('<org>:<id>'): one id applied twice is one command sent twice. */
  requestIds: { applied: number; duplicates: number; duplicateIds: string[] };
  /** Requests received and not answered yet (their client still connected), per '<Service>.<Operation>'. */
  inFlight: Record<string, number>;
  webhook: { delivered: number; failedAttempts: number; pending: number };
}

export interface CitizenState {
  cpr: string;
  name: string;
  contactGroup: number | null;
  registrationCategory: number | null;
  personCategory: number | null;
  akasseCode: string | null;
  membershipStart: string | null;
  membershipEnd: string | null;
  jobcenterCode: string;
  deceasedDate: string | null;
}

export interface CitizenPatchInput {
  contactGroup?: number | null;
  registrationCategory?: number | null;
  personCategory?: number | null;
  akasseCode?: string | null;
  jobcenterCode?: string;
  deceased?: boolean;
}

export interface JobnetMessage {
  beskedIdentifier: string;
  emne: string;
  tekst: string;
  kontekstType: number;
  afsender: { navn: string; organisationstype: number; organisationskode: string };
  modtager: { organisationstype: number; organisationskode: string } | null;
  oprettet: string;
  dokumenter: { navn: string; mimeType: string }[];
}

export class SandboxAdminError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`sandbox admin call failed with HTTP ${status}: ${body}`);
  }
}

export interface RaiseNotificationsInput {
  /** The receiving organisation id, e.g. 'jobcenter-10100'. */
  org: string;
  count: number;
  /** Default GetCitizenMessageVersion1; any Get<Event>Version<N> (also one no client knows). */
  method?: string;
  /** Reproduces seed 001's fault: Get<Event> of this kind fails (1014) while these are in the sequence. */
  invalid?: boolean;
  /** Replaces the kind's elements, e.g. [['CitizenMessageContextTypeIdentifier', 'elleve']]. */
  extras?: [string, string | number | null][];
}

export interface SandboxAdmin {
  stats(): Promise<SandboxStats>;
  /** How often a write was applied under this x-requestId, sent by this organisation ('akasse-067'). */
  appliedRequest(org: string, requestId: string): Promise<number>;
  /** Replaces the fault settings (unspecified fields: no fault). */
  setFaults(f: Partial<FaultSettings>): Promise<FaultSettings>;
  clearFaults(): Promise<FaultSettings>;
  /** Sets (YYYY-MM-DD) or clears (null) the sandbox's "today". */
  setToday(d: string | null): Promise<{ today: string; overridden: string | null }>;
  /** Drops every mutation, notification and counter: back to the generated population. */
  reset(): Promise<void>;
  patchCitizen(cpr: string, patch: CitizenPatchInput): Promise<CitizenState>;
  citizen(cpr: string): Promise<CitizenState>;
  jobnetTray(cpr: string): Promise<JobnetMessage[]>;
  sample(): Promise<Sample>;
  /** Queues synthetic WSRM notifications for an organisation; returns their MessageIdentifiers. */
  raiseNotifications(input: RaiseNotificationsInput): Promise<{ org: string; method: string; known: boolean; messageIdentifiers: string[] }>;
  /** VITAS ends an activity with ophørsårsag 14 or 15 (registered by STAR; the a-kasse is notified). */
  vitasEnd(input: { cpr: string; activityId: string; end: string; endReason: 14 | 15 }): Promise<{ ended: boolean }>;
}

export function sandboxAdmin(handle: { url: string; certs: SandboxCerts }): SandboxAdmin {
  const admin = handle.certs.orgs.admin;
  if (!admin) throw new Error('the sandbox handle has no admin certificate');
  const agent = new https.Agent({ ca: handle.certs.caPem, cert: admin.certPem, key: admin.keyPem, keepAlive: true, maxSockets: 4 });

  const call = <T>(method: string, path: string, body?: unknown): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = https.request(
        new URL(path, handle.url),
        {
          method,
          agent,
          headers: payload === undefined ? {} : { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if ((res.statusCode ?? 0) >= 300) return reject(new SandboxAdminError(res.statusCode ?? 0, text));
            try {
              resolve((text ? JSON.parse(text) : undefined) as T);
            } catch (e) {
              reject(e instanceof Error ? e : new Error(String(e)));
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });

  return {
    stats: () => call<SandboxStats>('GET', '/_sandbox/stats'),
    appliedRequest: async (org, requestId) =>
      (await call<{ applied: number }>('GET', `/_sandbox/requests/${encodeURIComponent(org)}/${encodeURIComponent(requestId)}`)).applied,
    setFaults: (f) => call<FaultSettings>('POST', '/_sandbox/faults', f),
    clearFaults: () => call<FaultSettings>('POST', '/_sandbox/faults', {}),
    setToday: (d) => call('POST', '/_sandbox/clock', { today: d }),
    reset: async () => {
      await call('POST', '/_sandbox/reset', {});
    },
    patchCitizen: (cpr, patch) => call<CitizenState>('POST', `/_sandbox/citizens/${encodeURIComponent(cpr)}`, patch),
    citizen: (cpr) => call<CitizenState>('GET', `/_sandbox/citizens/${encodeURIComponent(cpr)}`),
    jobnetTray: async (cpr) => (await call<{ beskeder: JobnetMessage[] }>('GET', `/jobnet/v1/beskedbakke/${encodeURIComponent(cpr)}`)).beskeder,
    sample: () => call<Sample>('GET', '/_sandbox/sample'),
    raiseNotifications: (input) => call('POST', '/_sandbox/notifications', input),
    vitasEnd: (input) => call('POST', '/_sandbox/vitas-end', input),
  };
}
