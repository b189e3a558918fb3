// Checks on certificate files that go beyond deriving the identity (main/core/dfdg/identity.ts):
// can Node's TLS (which the DFDG clients use) load the bundle, and is the CA file readable; and the
// whole check of a PKCS#12 bundle at import (checkPkcs12), which certificateWorker.ts runs off the
// main thread. Every refusal is a CoreError with a plain Danish message that says what to do.
//
// Loaded by Node itself inside the certificate worker when the app runs from the TypeScript sources:
// erasable TypeScript only, relative runtime imports with their .ts extension.

import { X509Certificate } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import type { Identity } from '../../../shared/domain';
import type { IpcErrorKind } from '../../../shared/ipc';
import { assertPkcs12Iterations, identityFromTls, IdentityError, type IdentityErrorReason } from '../dfdg/identity.ts';
import { CoreError } from '../errors.ts';

const refuse = (message: string, cause: unknown) => new CoreError('invalid-request', message, { cause });

/**
 * OpenSSL 3 refuses PKCS#12 files protected with legacy algorithms (RC2-40, often from old exports)
 * that node-forge reads happily; such a bundle would pass import and fail at the first DFDG call.
 */
export function assertTlsCanLoad(pfx: Buffer, passphrase: string): void {
  // OpenSSL derives keys too: never for a file that asks for more rounds than the cap.
  assertPkcs12Iterations(pfx);
  try {
    createSecureContext({ pfx, passphrase });
  } catch (err) {
    throw refuse(
      'Certifikatfilen bruger en forældet kryptering, som forbindelsen til DFDG ikke kan bruge. Eksportér certifikatet igen med AES-kryptering (fx "AES256-SHA256"), og prøv igen.',
      err,
    );
  }
}

/** Reads one or more CA certificates (a PEM bundle or one DER file) and returns them as PEM. */
export function readCaCertificates(ca: Uint8Array): string {
  const text = Buffer.from(ca).toString('latin1');
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  try {
    if (blocks && blocks.length > 0) {
      for (const b of blocks) new X509Certificate(b);
      return `${blocks.join('\n')}\n`;
    }
    return new X509Certificate(Buffer.from(ca)).toString();
  } catch (err) {
    throw refuse('CA-certifikatet kunne ikke læses. Brug DFDG-serverens CA-certifikat som PEM- eller DER-fil.', err);
  }
}

/** One PKCS#12 bundle to check: the file, its passphrase, the time to check validity at. */
export interface Pkcs12CheckInput {
  pfx: Uint8Array;
  passphrase: string;
  nowMs: number;
  /** Also whether Node's TLS can load it (at import; default true). */
  tlsCheck?: boolean;
}

/** The outcome as plain data (it crosses from the worker): the identity, or the refusal to rebuild. */
export type Pkcs12CheckResult =
  | { ok: true; identity: Identity }
  | { ok: false; refusal: { kind: 'identity'; reason: IdentityErrorReason; message: string } | { kind: 'core'; errorKind: IpcErrorKind; message: string } | { kind: 'other' } };

/**
 * The check of a PKCS#12 bundle: the iteration cap, passphrase, key and certificate, validity,
 * organisation (identityFromTls), then (at import) whether Node's TLS can load it (assertTlsCanLoad).
 */
export function checkPkcs12(input: Pkcs12CheckInput): Pkcs12CheckResult {
  const pfx = Buffer.from(input.pfx.buffer, input.pfx.byteOffset, input.pfx.byteLength);
  try {
    const identity = identityFromTls({ kind: 'pkcs12', pfx, passphrase: input.passphrase }, undefined, new Date(input.nowMs));
    if (input.tlsCheck !== false) assertTlsCanLoad(pfx, input.passphrase);
    return { ok: true, identity };
  } catch (err) {
    // Only what the caseworker is told crosses over: no stack, no cause (they could hold key material).
    if (err instanceof IdentityError) return { ok: false, refusal: { kind: 'identity', reason: err.reason, message: err.message } };
    if (err instanceof CoreError) return { ok: false, refusal: { kind: 'core', errorKind: err.kind, message: err.message } };
    return { ok: false, refusal: { kind: 'other' } };
  }
}
