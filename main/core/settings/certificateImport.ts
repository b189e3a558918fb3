// The check of a PKCS#12 bundle (certificate.ts checkPkcs12) in a worker thread of its own
// (certificateWorker.ts), with a deadline: at import, and for the identity the app acts as at every
// start (identityOffThread, main/runtime.ts). node-forge reads the file there, and whatever the file
// asks of it (10 s and more for a file at the cap), the main process and every IPC call stay responsive. The iteration cap
// (dfdg/identity.ts PKCS12_MAX_ITERATIONS) refuses the known-expensive files before any key is
// derived; the deadline bounds what cannot be seen before decrypting (a key bag inside an encrypted
// part).

import type { Identity } from '../../../shared/domain';
import { zIdentity } from '../../../shared/schemas';
import { IdentityError, identityFromTls } from '../dfdg/identity';
import type { TlsConfig } from '../dfdg/types';
import { CoreError } from '../errors';
import { entryUrl, WorkerPool } from '../workers/pool';
import { checkPkcs12, type Pkcs12CheckInput, type Pkcs12CheckResult } from './certificate';

/** How long the check may take. At the cap, a bundle with a non-ASCII passphrase takes node-forge up to ~20 s here. */
export const CERTIFICATE_CHECK_TIMEOUT_MS = 60_000;
/** The worker's heap: node-forge on a bundle of a few kB needs a few MB. */
const CERTIFICATE_WORKER_HEAP_MB = 128;

const UNREADABLE = 'Certifikatfilen kunne ikke læses som en PKCS#12-fil (.p12/.pfx).';

const seconds = (ms: number) => {
  const s = Math.max(1, Math.round(ms / 1000));
  return s === 1 ? '1 sekund' : `${s} sekunder`;
};

export interface CertificateCheckOptions {
  /** The worker's entry; only tests set it (default: certificateWorker next to this module). */
  workerUrl?: URL;
  timeoutMs?: number;
  /** Also whether Node's TLS can load the bundle (default true, as at import). */
  tlsCheck?: boolean;
}

/**
 * Checks a PKCS#12 bundle for import in a worker thread and gives the identity it acts as, or throws
 * the Danish refusal (IdentityError or CoreError, as on the main thread). Should no worker start at
 * all, the check runs here: the iteration cap bounds its cost.
 */
export async function checkPkcs12OffThread(pfx: Uint8Array, passphrase: string, now: Date, opts: CertificateCheckOptions = {}): Promise<Identity> {
  const timeoutMs = opts.timeoutMs ?? CERTIFICATE_CHECK_TIMEOUT_MS;
  const tlsCheck = opts.tlsCheck !== false;
  const input: Pkcs12CheckInput = { pfx: new Uint8Array(pfx), passphrase, nowMs: now.getTime(), tlsCheck };
  const pool = new WorkerPool({
    url: opts.workerUrl ?? entryUrl('certificateWorker', import.meta.url),
    size: 1,
    resourceLimits: { maxOldGenerationSizeMb: CERTIFICATE_WORKER_HEAP_MB, maxYoungGenerationSizeMb: 16 },
  });
  let outcome: Awaited<ReturnType<WorkerPool['run']>>;
  try {
    outcome = await pool.run(input, { timeoutMs, transfer: [input.pfx.buffer as ArrayBuffer] });
  } finally {
    await pool.close();
  }
  switch (outcome.kind) {
    case 'result':
      return identityOf(outcome.value);
    case 'not-started':
      return identityOf(checkPkcs12({ pfx, passphrase, nowMs: now.getTime(), tlsCheck }));
    case 'timeout':
      throw new IdentityError(
        'too-slow',
        `Certifikatfilen kunne ikke åbnes inden for ${seconds(timeoutMs)}; den beder sandsynligvis om meget mange gentagelser af nøgleberegningen. ` +
          'Eksportér certifikatet igen med standardindstillingerne (fx 2.048 eller 10.000 gentagelser), og prøv igen.',
      );
    default:
      // The worker died on the file (its heap limit, say): the file is not one we can read.
      throw new IdentityError('unreadable', UNREADABLE);
  }
}

/**
 * The identity a TLS configuration acts as (identityFromTls), a PKCS#12 bundle read in the worker:
 * the runtime derives it at every start and change of settings (main/runtime.ts RuntimeDeps).
 */
export function identityOffThread(tls: TlsConfig, _names?: undefined, now: Date = new Date()): Identity | Promise<Identity> {
  if (tls.kind !== 'pkcs12') return identityFromTls(tls, undefined, now);
  return checkPkcs12OffThread(tls.pfx, tls.passphrase, now, { tlsCheck: false });
}

/** The worker's answer as the identity, or its refusal thrown as it was thrown there. */
function identityOf(value: unknown): Identity {
  const r = value as Pkcs12CheckResult | null;
  if (r?.ok === true) {
    const parsed = zIdentity.safeParse(r.identity);
    if (parsed.success) return parsed.data;
  } else if (r?.ok === false) {
    const f = r.refusal;
    if (f.kind === 'identity') throw new IdentityError(f.reason, f.message);
    if (f.kind === 'core') throw new CoreError(f.errorKind, f.message);
  }
  throw new IdentityError('unreadable', UNREADABLE);
}
