// Certificates: at first start in a data dir, a private CA, one client certificate per
// organisation (wire-contract §1: CN caseworker, O organisation, OU org id, serialNumber RID), a few
// personal caseworker certificates per organisation (same subject layout, for the organisation hub),
// and a server certificate for 127.0.0.1/localhost, all signed by the CA. Keys come from Node's
// crypto (fast); X.509 and PKCS#12 from node-forge. Written to <data-dir>/certs and reused later.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { CASEWORKERS, ORGS, orgById, type OrgDef, type OrgKind } from './orgs';

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

/** A caseworker's personal certificate (certs/caseworkers/<id>.*): CN name, O/OU the organisation. */
export interface SandboxCaseworkerCert {
  /** '<orgId>-<n>', e.g. 'jobcenter-10100-1'. */
  id: string;
  orgId: string;
  name: string;
  rid: string;
  certPem: string;
  keyPem: string;
  p12: Buffer;
}

export interface SandboxCerts {
  caPem: string;
  passphrase: string;
  orgs: Record<string, SandboxOrgCert>;
  /** Empty for a data dir made before caseworker certificates existed (delete certs/ to get them). */
  caseworkers: SandboxCaseworkerCert[];
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

interface CaseworkerMeta {
  id: string;
  orgId: string;
  name: string;
  rid: string;
}

const CA_SUBJECT: Attr[] = [utf8('commonName', 'DFDG Desk sandbox CA'), utf8('organizationName', 'DFDG Desk sandbox')];

interface Ca {
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
  keyId: string;
}

/** A client certificate in the wire-contract §1 layout, written as <stem>.crt.pem, .key.pem, .p12. */
function writeClientCert(ca: Ca, o: OrgDef, name: string, rid: string, passphrase: string, write: (f: string, data: string | Buffer, mode?: number) => void, stem: string): void {
  const k = keyPair();
  const cert = makeCert({
    subject: [
      utf8('commonName', name),
      utf8('organizationName', o.name),
      utf8('organizationalUnitName', o.id),
      { name: 'serialNumber', value: rid },
      { shortName: 'C', value: 'DK' },
    ],
    issuer: CA_SUBJECT,
    pub: k.pub,
    signer: ca.key,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', clientAuth: true },
      { name: 'authorityKeyIdentifier', keyIdentifier: ca.keyId },
    ],
  });
  write(`${stem}.crt.pem`, forge.pki.certificateToPem(cert));
  write(`${stem}.key.pem`, k.pem, 0o600);
  write(`${stem}.p12`, p12(k.priv, [cert, ca.cert], passphrase, stem), 0o600);
}

/** Builds a directory in a temporary sibling and renames it into place (a crash or a parallel start never leaves half a set). */
function buildDir(dir: string, fill: (write: (f: string, data: string | Buffer, mode?: number) => void) => void): void {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const tmp = fs.mkdtempSync(`${dir}.tmp-`);
  try {
    fill((f, data, mode = 0o644) => fs.writeFileSync(path.join(tmp, f), data, { mode }));
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  try {
    fs.renameSync(tmp, dir);
  } catch (e) {
    // Another process won the race: use its set.
    fs.rmSync(tmp, { recursive: true, force: true });
    if (!fs.existsSync(dir)) throw e;
  }
}

function loadCa(dir: string): Ca | null {
  const keyFile = path.join(dir, 'ca.key.pem');
  if (!fs.existsSync(keyFile)) return null;
  const cert = forge.pki.certificateFromPem(fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8'));
  return { cert, key: forge.pki.privateKeyFromPem(fs.readFileSync(keyFile, 'utf8')), keyId: cert.generateSubjectKeyIdentifier().getBytes() };
}

/** certs/caseworkers/: CASEWORKERS' certificates, made once (needs the CA key, kept since caseworker certificates exist). */
function ensureCaseworkers(dir: string, passphrase: string): SandboxCaseworkerCert[] {
  const cwDir = path.join(dir, 'caseworkers');
  if (!fs.existsSync(path.join(cwDir, 'caseworkers.json'))) {
    const ca = loadCa(dir);
    if (!ca) return [];
    buildDir(cwDir, (write) => {
      const meta: CaseworkerMeta[] = [];
      for (const [orgId, names] of Object.entries(CASEWORKERS)) {
        const o = orgById(orgId);
        if (!o) continue;
        names.forEach((name, i) => {
          const id = `${orgId}-${i + 1}`;
          const rid = `CVR:${o.cvr}-UUID:${crypto.randomUUID()}`;
          writeClientCert(ca, o, name, rid, passphrase, write, id);
          meta.push({ id, orgId, name, rid });
        });
      }
      write('caseworkers.json', JSON.stringify(meta, null, 2) + '\n');
    });
  }
  const meta = JSON.parse(fs.readFileSync(path.join(cwDir, 'caseworkers.json'), 'utf8')) as CaseworkerMeta[];
  return meta.map((m) => ({
    ...m,
    certPem: fs.readFileSync(path.join(cwDir, `${m.id}.crt.pem`), 'utf8'),
    keyPem: fs.readFileSync(path.join(cwDir, `${m.id}.key.pem`), 'utf8'),
    p12: fs.readFileSync(path.join(cwDir, `${m.id}.p12`)),
  }));
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
    certs: { caPem: read('ca.pem'), passphrase, orgs, caseworkers: ensureCaseworkers(dir, passphrase) },
    server: { caPem: read('ca.pem'), certPem: read('server.crt.pem'), keyPem: read('server.key.pem') },
    created,
  };
}

function createAll(dir: string): void {
  buildDir(dir, (write) => {
    const passphrase = crypto.randomBytes(12).toString('base64url');
    const caKeys = keyPair();
    const caCert = makeCert({
      subject: CA_SUBJECT,
      issuer: CA_SUBJECT,
      pub: caKeys.pub,
      signer: caKeys.priv,
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
        { name: 'subjectKeyIdentifier' },
      ],
    });
    const ca: Ca = { cert: caCert, key: caKeys.priv, keyId: caCert.generateSubjectKeyIdentifier().getBytes() };
    write('ca.pem', forge.pki.certificateToPem(caCert));
    // Kept (a test CA only) so later sets, such as the caseworker certificates, can be issued.
    write('ca.key.pem', caKeys.pem, 0o600);

    const server = keyPair();
    const serverCert = makeCert({
      subject: [utf8('commonName', '127.0.0.1'), utf8('organizationName', 'DFDG Desk sandbox')],
      issuer: CA_SUBJECT,
      pub: server.pub,
      signer: ca.key,
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
        { name: 'authorityKeyIdentifier', keyIdentifier: ca.keyId },
      ],
    });
    write('server.crt.pem', forge.pki.certificateToPem(serverCert));
    write('server.key.pem', server.pem, 0o600);

    const meta: OrgMeta[] = [];
    for (const o of ORGS) {
      const rid = `CVR:${o.cvr}-UUID:${crypto.randomUUID()}`;
      writeClientCert(ca, o, o.caseworkerName, rid, passphrase, write, o.id);
      meta.push({ id: o.id, rid });
    }
    write('passphrase.txt', passphrase + '\n', 0o600);
    write('orgs.json', JSON.stringify(meta, null, 2) + '\n');
  });
}
