// Client certificates for settings tests: a key from Node's crypto (fast), an X.509 certificate and
// a PKCS#12 bundle from node-forge, with the subject layout of docs/wire-contract.md §1.

import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

export interface TestCertOptions {
  cn?: string;
  o?: string;
  /** Organisation unit, e.g. 'akasse-067'; null leaves it out. */
  ou?: string | null;
  serialNumber?: string | null;
  notBefore?: Date;
  notAfter?: Date;
  passphrase?: string;
}

export interface TestCert {
  p12: Uint8Array;
  certPem: string;
  keyPem: string;
  passphrase: string;
}

let cachedKey: { privateKey: string; publicKey: string } | null = null;
const keyPair = () =>
  (cachedKey ??= generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  }));

export const TEST_RID = 'CVR:12345678-UUID:7d0c1f7e-3a4b-4c5d-8e9f-0a1b2c3d4e5f';

export function makeClientCert(opts: TestCertOptions = {}): TestCert {
  const { privateKey, publicKey } = keyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  cert.serialNumber = '01' + Math.floor(Math.random() * 1e12).toString(16);
  cert.validity.notBefore = opts.notBefore ?? new Date('2026-01-01T00:00:00Z');
  cert.validity.notAfter = opts.notAfter ?? new Date('2030-01-01T00:00:00Z');
  const attrs: forge.pki.CertificateField[] = [
    { name: 'commonName', value: opts.cn ?? 'Søren Ågård' },
    { name: 'organizationName', value: opts.o ?? 'A-kasse Nordlys (test)' },
  ];
  if (opts.ou !== null) attrs.push({ shortName: 'OU', value: opts.ou ?? 'akasse-067' });
  if (opts.serialNumber !== null) attrs.push({ name: 'serialNumber', value: opts.serialNumber ?? TEST_RID });
  for (const a of attrs) if (typeof a.value === 'string') a.valueTagClass = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;
  cert.setSubject(attrs);
  cert.setIssuer([{ name: 'commonName', value: 'DFDG Desk test CA' }]);
  const key = forge.pki.privateKeyFromPem(privateKey);
  cert.sign(key, forge.md.sha256.create());
  // ASCII: node-forge and OpenSSL derive PBES2 keys differently from non-ASCII passphrases.
  const passphrase = opts.passphrase ?? 'Hemmelig-Kode-42';
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert], passphrase, { algorithm: 'aes256' });
  const der = forge.asn1.toDer(asn1).getBytes();
  return { p12: new Uint8Array(Buffer.from(der, 'binary')), certPem: forge.pki.certificateToPem(cert), keyPem: privateKey, passphrase };
}

/** A self-signed CA certificate in PEM (for the optional CA of DFDG's server). */
export function makeCaPem(): string {
  const { privateKey, publicKey } = keyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  cert.serialNumber = '0a';
  cert.validity.notBefore = new Date('2026-01-01T00:00:00Z');
  cert.validity.notAfter = new Date('2036-01-01T00:00:00Z');
  cert.setSubject([{ name: 'commonName', value: 'DFDG test server CA' }]);
  cert.setIssuer([{ name: 'commonName', value: 'DFDG test server CA' }]);
  cert.setExtensions([{ name: 'basicConstraints', cA: true }]);
  cert.sign(forge.pki.privateKeyFromPem(privateKey), forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}
