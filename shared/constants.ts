// The facts every layer shares, in one place: the DFDG services the client talks to, the
// organisations the bundled sandbox acts as, and the limits on what a caseworker may send. Plain
// data (no zod), so preload and the renderer can import it without pulling in the contract's schemas.
// The sandbox keeps its own copies on purpose: it stands for DFDG, an independent system.

// ---------------------------------------------------------------------------------------------
// DFDG services (docs/wire-contract.md §2, §3; README "Pointing the app at a real DFDG")

/** The SOAP services, named as DFDG names them. */
export const DFDG_SOAP_SERVICES = [
  'CitizenMessageService',
  'PersonStatusService',
  'PersonActivityStatusService',
  'CodeListService',
  'WsrmService',
  'WsrmMessageService',
] as const;

/** The REST services. */
export const DFDG_REST_SERVICES = ['FravaerService', 'IndkaldelseService', 'JoblogService', 'VirksomhedskontoService'] as const;

/** Every service the client calls; each one's address (and SOAP namespace) can be set in Indstillinger. */
export const DFDG_SERVICES = [...DFDG_SOAP_SERVICES, ...DFDG_REST_SERVICES] as const;

export type DfdgServiceName = (typeof DFDG_SERVICES)[number];

// ---------------------------------------------------------------------------------------------
// The bundled sandbox's organisations (docs/wire-contract.md §1)

/** The organisations the bundled DFDG sandbox has certificates for. */
export const SANDBOX_ORGANISATION_IDS = ['akasse-067', 'akasse-084', 'jobcenter-10100', 'jobcenter-10101', 'jobcenter-75100'] as const;

export type SandboxOrganisation = (typeof SANDBOX_ORGANISATION_IDS)[number];

/** Who the sandbox acts as until the caseworker picks another. */
export const DEFAULT_SANDBOX_ORGANISATION: SandboxOrganisation = 'akasse-067';

/** 'akasse-067' → 'A-kasse 067', 'jobcenter-10100' → 'Jobcenter 10100'. */
export function sandboxOrganisationLabel(id: SandboxOrganisation): string {
  const [type, code] = id.split('-') as [string, string];
  return `${type === 'akasse' ? 'A-kasse' : 'Jobcenter'} ${code}`;
}

// ---------------------------------------------------------------------------------------------
// The way to DFDG

/** How DFDG is reached: the operating system's proxy (PAC included), no proxy, or the proxy given in `url`. */
export const PROXY_MODES = ['system', 'none', 'manual'] as const;

export type ProxyMode = (typeof PROXY_MODES)[number];

/** How the secrets are protected: 'os' (keychain/DPAPI/keyring), 'basic_text' (warn), 'file' (a key
 * file only the user may read: browser mode, or no OS encryption; said in Indstillinger), 'test'. */
export const SECRET_STORAGES = ['os', 'basic_text', 'file', 'test'] as const;

// ---------------------------------------------------------------------------------------------
// Limits (the contract bounds requests with them; the rules explain them in Danish)

/** The size DFDG accepts per document: not published; 10 MB until known (rules.md, docs/wire-contract.md §2.4). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/**
 * Documents per message, type 11 included: seed 000 lets a message carry documents ("vedhæfte
 * dokumenter") without a number; the sandbox contract takes 0..5 (sandbox-contract.md, docs/wire-contract.md
 * §2.4), so DFDG Desk sends at most 5.
 */
export const MAX_ATTACHMENTS = 5;
/** Subject 1..250 and body 1..10 000 characters (docs/wire-contract.md §2.4, ASSUMED). */
export const MAX_SUBJECT_CHARS = 250;
export const MAX_BODY_CHARS = 10_000;
/** Absence comment and rectification comment 0..1500 (interfaces.md §1.3, §3.2). */
export const MAX_ABSENCE_COMMENT_CHARS = 1500;
/** A file name as it travels with an attachment. */
export const MAX_FILE_NAME_CHARS = 255;
/**
 * A file name as it is kept and sent (shared/fileNames safeFileName), extension included: in characters
 * and in UTF-8 bytes (file systems count bytes: 255 on most).
 */
export const SAFE_FILE_NAME_CHARS = 120;
export const SAFE_FILE_NAME_BYTES = 240;
/** Settings → Lokale data: keep cached citizens 1..365 days (default 30, rules.md RETAIN_CACHE). */
export const RETENTION_DAYS = { min: 1, max: 365, default: 30 } as const;
/**
 * The outbox's read-back (main/core/sync/executors.ts) takes a message at DFDG for one of ours only if
 * DFDG created it at or after the command's first try less this allowance for the difference between
 * our clock and DFDG's (ASSUMED: 2 minutes).
 */
export const READ_BACK_CLOCK_SKEW_MS = 2 * 60_000;
/**
 * The receipts of sent commands (which DFDG message is whose, so a read-back never takes another
 * command's message for its own) are kept at least this long, whatever the retention setting: DFDG's
 * 7-day x-requestId window, longer than the outbox's 6-day time budget. The purge keeps them longer
 * while an unsent command was first tried after them (main/core/store/retention.ts).
 */
export const RECEIPTS_KEPT_DAYS = 7;
/** Settings: cached data counts as stale after 1..1440 minutes (default 15). */
export const STALE_AFTER_MINUTES = { min: 1, max: 24 * 60, default: 15 } as const;
