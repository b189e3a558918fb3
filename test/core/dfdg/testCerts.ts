// Certificates made in the test itself: a private CA, a server certificate for 127.0.0.1 and client
// certificates with the OCES-like subject of docs/wire-contract.md §1. Keys come from Node's native
// generator (fast); node-forge signs and packs PKCS#12.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import forge from 'node-forge';

export interface Pair {
  certPem: string;
  keyPem: string;
}

export interface ClientCertOptions {
  cn?: string;
  o?: string;
  /** `akasse-067`, `jobcenter-10100`; null leaves OU out. */
  ou?: string | null;
  /** The RID; null leaves serialNumber out. */
  rid?: string | null;
  notBefore?: Date;
  notAfter?: Date;
}

function keyPair(): { pub: forge.pki.PublicKey; priv: forge.pki.PrivateKey; keyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { pub: forge.pki.publicKeyFromPem(publicKey), priv: forge.pki.privateKeyFromPem(privateKey), keyPem: privateKey };
}

let serial = 1;
function baseCert(pub: forge.pki.PublicKey, notBefore: Date, notAfter: Date): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = pub;
  cert.serialNumber = (0x1000 + serial++).toString(16).padStart(6, '0');
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  return cert;
}

const day = 86_400_000;

export class TestCa {
  readonly certPem: string;
  private readonly cert: forge.pki.Certificate;
  private readonly priv: forge.pki.PrivateKey;

  constructor(name = 'Test CA') {
    const k = keyPair();
    const cert = baseCert(k.pub, new Date(Date.now() - day), new Date(Date.now() + 365 * day));
    const attrs = [{ name: 'commonName', value: name }];
    cert.setSubject(attrs);
    cert.setIssuer(attrs);
    cert.setExtensions([
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ]);
    cert.sign(k.priv as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
    this.cert = cert;
    this.priv = k.priv;
    this.certPem = forge.pki.certificateToPem(cert);
  }

  /** A server certificate for 127.0.0.1 / localhost. */
  server(): Pair {
    const k = keyPair();
    const cert = baseCert(k.pub, new Date(Date.now() - day), new Date(Date.now() + 30 * day));
    cert.setSubject([{ name: 'commonName', value: '127.0.0.1' }]);
    cert.setIssuer(this.cert.subject.attributes);
    cert.setExtensions([
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ]);
    cert.sign(this.priv as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
    return { certPem: forge.pki.certificateToPem(cert), keyPem: k.keyPem };
  }

  /** A client certificate with the sandbox's subject layout. */
  client(o: ClientCertOptions = {}): Pair & { rid: string | null } {
    const k = keyPair();
    const cert = baseCert(k.pub, o.notBefore ?? new Date(Date.now() - day), o.notAfter ?? new Date(Date.now() + 30 * day));
    const rid = o.rid === undefined ? `CVR:12345678-UUID:${randomUUID()}` : o.rid;
    const subject: forge.pki.CertificateField[] = [
      { name: 'commonName', value: o.cn ?? 'Mette Sørensen', valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class },
      { name: 'organizationName', value: o.o ?? 'A-kasse Nordlys (test)', valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class },
    ];
    const ou = o.ou === undefined ? 'akasse-067' : o.ou;
    if (ou !== null) subject.push({ name: 'organizationalUnitName', value: ou });
    if (rid !== null) subject.push({ type: '2.5.4.5', value: rid });
    cert.setSubject(subject);
    cert.setIssuer(this.cert.subject.attributes);
    cert.setExtensions([
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', clientAuth: true },
    ]);
    cert.sign(this.priv as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
    return { certPem: forge.pki.certificateToPem(cert), keyPem: k.keyPem, rid };
  }
}

/** Packs a PEM pair into a PKCS#12 bundle (AES-256 key bag, SHA-256 MAC as modern tools do). */
export function toP12(pair: Pair, passphrase: string, caPem?: string): Buffer {
  const chain = [forge.pki.certificateFromPem(pair.certPem)];
  if (caPem) chain.push(forge.pki.certificateFromPem(caPem));
  const asn1 = forge.pkcs12.toPkcs12Asn1(forge.pki.privateKeyFromPem(pair.keyPem), chain, passphrase, {
    algorithm: 'aes256',
    generateLocalKeyId: true,
  });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
