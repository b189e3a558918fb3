// Who the app acts as, derived from the configured client certificate (docs/wire-contract.md §1).
//
// ASSUMED (wire-contract.md §1): the subject is OCES-like: CN = caseworker's full name, O = organisation
// name, OU = `akasse-<code>` | `jobcenter-<code>`, serialNumber = the RID `CVR:<8 digits>-UUID:<uuid>`.

import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import forge from 'node-forge';
// With their extensions: this module runs inside the certificate worker too, loaded by Node itself
// from the sources (main/core/settings/certificateWorker.ts); erasable TypeScript only.
import { CoreError } from '../errors.ts';
import type { Identity, OrgType } from '../../../shared/domain';
import { highestPkcs12Iterations } from './pkcs12Limits.ts';
import type { TlsConfig } from './types';

export type IdentityErrorReason =
  | 'unreadable' // not a certificate / not a PKCS#12 bundle
  | 'wrong-passphrase'
  | 'key-mismatch'
  | 'expired'
  | 'not-yet-valid'
  | 'no-organisation'
  | 'no-rid'
  | 'no-name'
  | 'too-many-iterations' // the file asks for more key-derivation rounds than PKCS12_MAX_ITERATIONS
  | 'too-slow'; // reading the file did not finish within the import's deadline (settings/certificateImport.ts)

/** A certificate that cannot be used; the message is plain Danish for the caseworker. */
export class IdentityError extends CoreError {
  readonly reason: IdentityErrorReason;
  constructor(reason: IdentityErrorReason, message: string, cause?: unknown) {
    super('not-configured', message, cause !== undefined ? { cause } : {});
    this.reason = reason;
  }
}

/** Optional display overrides (e.g. a nicer organisation name from configuration). */
export interface IdentityNames {
  organisation?: string;
  caseworker?: string;
  email?: string;
}

const ORG_UNIT = /^(akasse|jobcenter)-([0-9]{3}|[0-9]{5})$/;

/** dd-mm-åååå, in Danish time. */
function danishDate(d: Date): string {
  const p = new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(d);
  const get = (t: string) => p.find((x) => x.type === t)?.value ?? '';
  return `${get('day')}-${get('month')}-${get('year')}`;
}

function isWrongPassphrase(e: unknown): boolean {
  const m = e instanceof Error ? e.message.toLowerCase() : '';
  return m.includes('mac could not be verified') || m.includes('invalid password') || m.includes('bad decrypt') || m.includes('mac verify');
}

/**
 * The most key-derivation rounds (PBKDF2 / PKCS#12 KDF iterations) a PKCS#12 file may ask for, per
 * derivation. Exporters' defaults stay far below: OpenSSL 2,048 (MAC and keys), Java 10,000 since JDK 12
 * (before that 50,000 for the keys and 100,000 for the MAC). 600,000 is OWASP's figure for
 * PBKDF2-HMAC-SHA256, the most a careful administrator would choose on purpose with `-iter`, and six
 * times Java's old MAC count. Above it the file is refused before any derivation: 2,000,000 held
 * node-forge about 2 s per derivation, 2^31 would hold it half an hour. At the cap one derivation
 * takes node-forge 0.6 s (PKCS#12 KDF, SHA-1) to 3.1 s (PBKDF2-HMAC-SHA256, in JavaScript) on the
 * 2-core machine that measured it, which is why the import runs in a worker thread with a deadline.
 */
export const PKCS12_MAX_ITERATIONS = 600_000;

const danishCount = (n: number) => n.toLocaleString('da-DK');

/**
 * Refuses a PKCS#12 file that asks for more than PKCS12_MAX_ITERATIONS rounds of key derivation, read
 * from its ASN.1 (./pkcs12Limits.ts) before anything derives a key: node-forge and OpenSSL alike.
 */
export function assertPkcs12Iterations(pfx: Uint8Array): void {
  const highest = highestPkcs12Iterations(pfx);
  if (highest <= PKCS12_MAX_ITERATIONS) return;
  throw new IdentityError(
    'too-many-iterations',
    `Certifikatfilen (PKCS#12) beder om ${Number.isFinite(highest) ? danishCount(highest) : 'et ekstremt stort antal'} gentagelser af nøgleberegningen, ` +
      `og DFDG Desk åbner højst filer med ${danishCount(PKCS12_MAX_ITERATIONS)}, så en fil ikke kan få programmet til at gå i stå. ` +
      'Eksportér certifikatet igen med standardindstillingerne (fx 2.048 eller 10.000 gentagelser), og prøv igen.',
  );
}

function parsePfx(pfx: Buffer, password: string, opts: { macCheckedByOpenSsl?: boolean } = {}): forge.pkcs12.Pkcs12Pfx {
  const asn1 = forge.asn1.fromDer(forge.util.createBuffer(pfx.toString('binary')));
  // PFX ::= SEQUENCE { version, authSafe, macData OPTIONAL }. Without macData node-forge skips the MAC.
  if (opts.macCheckedByOpenSsl && Array.isArray(asn1.value) && asn1.value.length > 2) asn1.value = asn1.value.slice(0, 2);
  return forge.pkcs12.pkcs12FromAsn1(asn1, password);
}

/** OpenSSL (through Node's TLS) opens the bundle with this passphrase: MAC verified, keys decrypted. */
function openSslAccepts(pfx: Buffer, passphrase: string): boolean {
  try {
    createSecureContext({ pfx, passphrase });
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens a PKCS#12 bundle with node-forge. A passphrase outside ASCII needs care, because exporters do
 * not agree on its bytes: OpenSSL 1.1+/3 takes it as a BMPString of its characters for the MAC and for
 * PKCS#12-PBE keys, but as its UTF-8 bytes for PBES2 (AES) keys (the default since OpenSSL 3), while
 * node-forge uses one string for both and sends only the low byte of each character to PBKDF2; old
 * OpenSSL 1.0 used the UTF-8 bytes as if they were characters throughout. So: the passphrase as given;
 * then its UTF-8 bytes throughout; then, once OpenSSL itself (Node's TLS) has verified the MAC and
 * decrypted the bundle with the passphrase, node-forge unpacks it with the UTF-8 bytes.
 */
function openPkcs12(pfx: Buffer, passphrase: string): forge.pkcs12.Pkcs12Pfx {
  const attempts: (() => forge.pkcs12.Pkcs12Pfx)[] = [() => parsePfx(pfx, passphrase)];
  // eslint-disable-next-line no-control-regex -- "outside ASCII" is exactly what is tested
  if (/[^\x00-\x7f]/.test(passphrase)) {
    const utf8 = forge.util.encodeUtf8(passphrase);
    attempts.push(() => parsePfx(pfx, utf8));
    attempts.push(() => {
      if (!openSslAccepts(pfx, passphrase)) throw new Error('PKCS#12 MAC could not be verified. Invalid password?');
      return parsePfx(pfx, utf8, { macCheckedByOpenSsl: true });
    });
  }
  let first: unknown = null;
  for (const attempt of attempts) {
    try {
      return attempt();
    } catch (e) {
      first ??= e;
    }
  }
  throw first;
}

/** Unpacks a PKCS#12 bundle into PEM (leaf certificate, private key, any CA certificates in it). */
export function readPkcs12(pfx: Buffer, passphrase: string): { certPem: string; keyPem: string; chainPem: string[] } {
  assertPkcs12Iterations(pfx);
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = openPkcs12(pfx, passphrase);
  } catch (e) {
    if (isWrongPassphrase(e)) {
      throw new IdentityError('wrong-passphrase', 'Adgangskoden til certifikatfilen (PKCS#12) er forkert.', e);
    }
    throw new IdentityError('unreadable', 'Certifikatfilen kunne ikke læses som en PKCS#12-fil (.p12/.pfx).', e);
  }
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ];
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [];
  const key = keyBags.find((b) => b.key)?.key;
  const certs = certBags.flatMap((b) => (b.cert ? [b.cert] : []));
  if (!key || certs.length === 0) {
    throw new IdentityError('unreadable', 'Certifikatfilen indeholder ikke både et certifikat og en privat nøgle.');
  }
  const keyPem = forge.pki.privateKeyToPem(key);
  // The leaf is the certificate whose public key matches the private key; the rest is the chain.
  const pub = forge.pki.setRsaPublicKey((key as forge.pki.rsa.PrivateKey).n, (key as forge.pki.rsa.PrivateKey).e);
  const leafIdx = Math.max(
    0,
    certs.findIndex((c) => forge.pki.publicKeyToPem(c.publicKey) === forge.pki.publicKeyToPem(pub)),
  );
  const certPem = forge.pki.certificateToPem(certs[leafIdx]!);
  const chainPem = certs.filter((_, i) => i !== leafIdx).map((c) => forge.pki.certificateToPem(c));
  return { certPem, keyPem, chainPem };
}

/** The subject as key → values, RFC 2253 escapes undone (Node prints one attribute per line). */
function subjectFields(x509: X509Certificate): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of x509.subject.split('\n')) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const k = line.slice(0, eq);
    const v = line.slice(eq + 1).replace(/\\(.)/g, '$1');
    out.set(k, [...(out.get(k) ?? []), v]);
  }
  return out;
}

function loadPem(tls: Extract<TlsConfig, { kind: 'pem' }>): { x509: X509Certificate; key: KeyObject } {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(tls.cert);
  } catch (e) {
    throw new IdentityError('unreadable', 'Certifikatet kunne ikke læses (forventet PEM-format).', e);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(tls.passphrase !== undefined ? { key: tls.key, passphrase: tls.passphrase } : { key: tls.key });
  } catch (e) {
    const m = e instanceof Error ? e.message.toLowerCase() : '';
    if (m.includes('passphrase') || isWrongPassphrase(e)) {
      throw new IdentityError('wrong-passphrase', 'Adgangskoden til den private nøgle er forkert.', e);
    }
    throw new IdentityError('unreadable', 'Den private nøgle kunne ikke læses (forventet PEM-format).', e);
  }
  return { x509, key };
}

/**
 * Derives the Identity from the TLS configuration. Throws IdentityError (Danish message) for a wrong
 * passphrase, a key that does not belong to the certificate, an expired or not yet valid certificate,
 * or a subject that names no organisation.
 */
export function identityFromTls(tls: TlsConfig, names?: IdentityNames, now: Date = new Date()): Identity {
  let x509: X509Certificate;
  let key: KeyObject;
  if (tls.kind === 'pkcs12') {
    const p = readPkcs12(tls.pfx, tls.passphrase);
    x509 = new X509Certificate(p.certPem);
    key = createPrivateKey(p.keyPem);
  } else {
    ({ x509, key } = loadPem(tls));
  }
  if (!x509.checkPrivateKey(key)) {
    throw new IdentityError('key-mismatch', 'Den private nøgle hører ikke til certifikatet.');
  }

  const validFrom = new Date(x509.validFrom);
  const validTo = new Date(x509.validTo);
  if (now.getTime() > validTo.getTime()) {
    throw new IdentityError('expired', `Certifikatet udløb den ${danishDate(validTo)}. Bestil et nyt certifikat.`);
  }
  if (now.getTime() < validFrom.getTime()) {
    throw new IdentityError('not-yet-valid', `Certifikatet gælder først fra den ${danishDate(validFrom)}.`);
  }

  const f = subjectFields(x509);
  const unit = (f.get('OU') ?? []).map((v) => ORG_UNIT.exec(v)).find((m) => m !== null);
  if (!unit) {
    throw new IdentityError(
      'no-organisation',
      'Certifikatet angiver ikke en a-kasse eller et jobcenter (feltet OU skal være fx "akasse-067" eller "jobcenter-10100").',
    );
  }
  const type = unit[1] as OrgType;
  if ((type === 'akasse' && unit[2]!.length !== 3) || (type === 'jobcenter' && unit[2]!.length !== 5)) {
    throw new IdentityError('no-organisation', 'Certifikatets organisationskode har ikke det rigtige antal cifre.');
  }
  const rid = f.get('serialNumber')?.[0]?.trim();
  if (!rid) {
    throw new IdentityError('no-rid', 'Certifikatet indeholder ikke et RID (feltet serialNumber).');
  }
  const fullName = names?.caseworker ?? f.get('CN')?.[0]?.trim();
  if (!fullName) {
    throw new IdentityError('no-name', 'Certifikatet angiver ikke sagsbehandlerens navn (feltet CN).');
  }
  return {
    organisation: {
      type,
      code: unit[2]!,
      name: names?.organisation ?? f.get('O')?.[0] ?? `${type === 'akasse' ? 'A-kasse' : 'Jobcenter'} ${unit[2]}`,
    },
    caseworker: { fullName, userIdentifier: rid, ...(names?.email ? { email: names.email } : {}) },
    certificate: {
      subject: x509.subject,
      issuer: x509.issuer,
      validFrom: validFrom.toISOString(),
      validTo: validTo.toISOString(),
      fingerprint256: x509.fingerprint256,
    },
  };
}
