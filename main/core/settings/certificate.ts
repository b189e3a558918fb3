// Checks on certificate files that go beyond deriving the identity (main/core/dfdg/identity.ts):
// can Node's TLS (which the DFDG clients use) load the bundle, and is the CA file readable.
// Every refusal is a CoreError with a plain Danish message that says what to do.

import { X509Certificate } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import { CoreError } from '../errors';

const refuse = (message: string, cause: unknown) => new CoreError('invalid-request', message, { cause });

/**
 * OpenSSL 3 refuses PKCS#12 files protected with legacy algorithms (RC2-40, often from old exports)
 * that node-forge reads happily; such a bundle would pass import and fail at the first DFDG call.
 */
export function assertTlsCanLoad(pfx: Buffer, passphrase: string): void {
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
