// Certificates: at first start in a data dir, a private CA, one client certificate per
// organisation (wire-contract §1: CN caseworker, O organisation, OU org id, serialNumber RID), and a
// server certificate for 127.0.0.1/localhost, all signed by the CA. Keys come from Node's crypto
// (fast); X.509 and PKCS#12 from node-forge. Written to <data-dir>/certs and reused later.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { ORGS, type OrgKind } from './orgs';

export interface SandboxOrgCert {
  id: string;
  type: OrgKind;
  code: string;
  name: string;
  certPem: string;
  keyPem: string;
  p12: Buffer;
  rid: string;
  caseworkerName: string;
}

export interface SandboxCerts {
  caPem: string;
  passphrase: string;
  orgs: Record<string, SandboxOrgCert>;
}

export interface ServerTls {
  caPem: string;
  certPem: string;
  keyPem: string;
}

const TEN_YEARS_MS = 10 * 365 * 86_400_000;

interface KeyPair {
  priv: forge.pki.rsa.PrivateKey;
  pub: forge.pki.rsa.PublicKey;
  pem: string;
}

function keyPair(): KeyPair {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  return { priv: forge.pki.privateKeyFromPem(privateKey), pub: forge.pki.publicKeyFromPem(publicKey), pem: privateKey };
}

function serial(): string {
  // Positive, 16 bytes.
  const b = crypto.randomBytes(16);
  b[0] = (b[0] ?? 0) & 0x7f;
  return b.toString('hex');
}

type Attr = { name?: string; shortName?: string; value: string; valueTagClass?: number };
const utf8 = (name: string, value: string): Attr => ({ name, value, valueTagClass: forge.asn1.Type.UTF8 as number });

function makeCert(opts: {
  subject: Attr[];
  issuer: Attr[];
  pub: forge.pki.rsa.PublicKey;
  signer: forge.pki.rsa.PrivateKey;
  extensions: object[];
}): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = opts.pub;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + TEN_YEARS_MS);
  cert.setSubject(opts.subject as forge.pki.CertificateField[]);
  cert.setIssuer(opts.issuer as forge.pki.CertificateField[]);
  cert.setExtensions(opts.extensions);
  cert.sign(opts.signer, forge.md.sha256.create());
  return cert;
}

function p12(key: forge.pki.rsa.PrivateKey, chain: forge.pki.Certificate[], passphrase: string, name: string): Buffer {
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, chain, passphrase, { algorithm: 'aes256', friendlyName: name });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

interface OrgMeta {
  id: string;
  rid: string;
}

/** Loads the certificates from <dataDir>/certs, creating them at first start. */
export function ensureCerts(dataDir: string): { certs: SandboxCerts; server: ServerTls; created: boolean } {
  const dir = path.join(dataDir, 'certs');
  const metaFile = path.join(dir, 'orgs.json');
  const created = !fs.existsSync(metaFile);
  if (created) createAll(dir);
  const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as OrgMeta[];
  const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
  const passphrase = read('passphrase.txt').trim();
  const orgs: Record<string, SandboxOrgCert> = {};
  for (const o of ORGS) {
    const m = meta.find((x) => x.id === o.id);
    if (!m) throw new Error(`certs/orgs.json lacks ${o.id}; delete ${dir} to recreate the certificates`);
    orgs[o.id] = {
      id: o.id,
      type: o.type,
      code: o.code,
      name: o.name,
      certPem: read(`${o.id}.crt.pem`),
      keyPem: read(`${o.id}.key.pem`),
      p12: fs.readFileSync(path.join(dir, `${o.id}.p12`)),
      rid: m.rid,
      caseworkerName: o.caseworkerName,
    };
  }
  return {
    certs: { caPem: read('ca.pem'), passphrase, orgs },
    server: { caPem: read('ca.pem'), certPem: read('server.crt.pem'), keyPem: read('server.key.pem') },
    created,
  };
}

function createAll(dir: string): void {
  // Build in a temporary directory and rename at the end, so a crash or a parallel start never
  // leaves half a set behind.
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const tmp = fs.mkdtempSync(`${dir}.tmp-`);
  const write = (f: string, data: string | Buffer, mode = 0o644) => fs.writeFileSync(path.join(tmp, f), data, { mode });

  const passphrase = crypto.randomBytes(12).toString('base64url');
  const ca = keyPair();
  const caSubject: Attr[] = [utf8('commonName', 'DFDG Desk sandbox CA'), utf8('organizationName', 'DFDG Desk sandbox')];
  const caCert = makeCert({
    subject: caSubject,
    issuer: caSubject,
    pub: ca.pub,
    signer: ca.priv,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ],
  });
  const caKeyId = caCert.generateSubjectKeyIdentifier().getBytes();
  write('ca.pem', forge.pki.certificateToPem(caCert));

  const server = keyPair();
  const serverCert = makeCert({
    subject: [utf8('commonName', '127.0.0.1'), utf8('organizationName', 'DFDG Desk sandbox')],
    issuer: caSubject,
    pub: server.pub,
    signer: ca.priv,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
      { name: 'authorityKeyIdentifier', keyIdentifier: caKeyId },
    ],
  });
  write('server.crt.pem', forge.pki.certificateToPem(serverCert));
  write('server.key.pem', server.pem, 0o600);

  const meta: OrgMeta[] = [];
  for (const o of ORGS) {
    const k = keyPair();
    const rid = `CVR:${o.cvr}-UUID:${crypto.randomUUID()}`;
    const cert = makeCert({
      subject: [
        utf8('commonName', o.caseworkerName),
        utf8('organizationName', o.name),
        utf8('organizationalUnitName', o.id),
        { name: 'serialNumber', value: rid },
        { shortName: 'C', value: 'DK' },
      ],
      issuer: caSubject,
      pub: k.pub,
      signer: ca.priv,
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', clientAuth: true },
        { name: 'authorityKeyIdentifier', keyIdentifier: caKeyId },
      ],
    });
    write(`${o.id}.crt.pem`, forge.pki.certificateToPem(cert));
    write(`${o.id}.key.pem`, k.pem, 0o600);
    write(`${o.id}.p12`, p12(k.priv, [cert, caCert], passphrase, o.id), 0o600);
    meta.push({ id: o.id, rid });
  }
  write('passphrase.txt', passphrase + '\n', 0o600);
  write('orgs.json', JSON.stringify(meta, null, 2) + '\n');
  try {
    fs.renameSync(tmp, dir);
  } catch (e) {
    // Another process won the race: use its set.
    fs.rmSync(tmp, { recursive: true, force: true });
    if (!fs.existsSync(path.join(dir, 'orgs.json'))) throw e;
  }
}
