// The identity the app acts as, derived from the configured certificate; unusable certificates give
// a clear Danish reason.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { IdentityError, identityFromTls } from '../../../main/core/dfdg';
import { buildHttpsAgent } from '../../../main/core/dfdg/http';
import { TestCa, toP12, type Pair } from './testCerts';

let ca: TestCa;
let akasse: Pair & { rid: string | null };

beforeAll(() => {
  ca = new TestCa();
  akasse = ca.client({ cn: 'Mette Sørensen', o: 'A-kasse Nordlys, Østjylland', ou: 'akasse-067' });
});

function reason(f: () => unknown): { reason: string; message: string } {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(IdentityError);
    return { reason: (e as IdentityError).reason, message: (e as IdentityError).message };
  }
  throw new Error('expected an IdentityError');
}

describe('identityFromTls', () => {
  it('derives organisation, caseworker, RID and certificate facts from a PEM certificate', () => {
    const id = identityFromTls({ kind: 'pem', cert: akasse.certPem, key: akasse.keyPem });
    expect(id.organisation).toEqual({ type: 'akasse', code: '067', name: 'A-kasse Nordlys, Østjylland' });
    expect(id.caseworker).toEqual({ fullName: 'Mette Sørensen', userIdentifier: akasse.rid });
    expect(id.caseworker.userIdentifier).toMatch(/^CVR:\d{8}-UUID:[0-9a-f-]{36}$/);
    expect(id.certificate.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(Date.parse(id.certificate.validTo)).toBeGreaterThan(Date.now());
    expect(Date.parse(id.certificate.validFrom)).toBeLessThan(Date.now());
    expect(id.certificate.issuer).toContain('Test CA');
  });

  it('derives the same identity from the PKCS#12 bundle', () => {
    const pem = identityFromTls({ kind: 'pem', cert: akasse.certPem, key: akasse.keyPem });
    const p12 = identityFromTls({ kind: 'pkcs12', pfx: toP12(akasse, 'kode-æøå', ca.certPem), passphrase: 'kode-æøå' });
    expect(p12).toEqual(pem);
  });

  it('reads a PKCS#12 exported by OpenSSL with a Danish passphrase (MAC over BMPString, AES keys over UTF-8)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dfdg-p12-'));
    try {
      writeFileSync(join(dir, 'cert.pem'), akasse.certPem);
      writeFileSync(join(dir, 'key.pem'), akasse.keyPem);
      const pass = 'hemmelig æøå';
      // OpenSSL 3's defaults: PBES2/AES-256-CBC for key and certificates, SHA-256 MAC.
      execFileSync('openssl', ['pkcs12', '-export', '-in', 'cert.pem', '-inkey', 'key.pem', '-out', 'org.p12', '-passout', 'env:P12PASS'], {
        cwd: dir,
        env: { ...process.env, P12PASS: pass },
        stdio: 'ignore',
      });
      const pfx = readFileSync(join(dir, 'org.p12'));
      const pem = identityFromTls({ kind: 'pem', cert: akasse.certPem, key: akasse.keyPem });
      expect(identityFromTls({ kind: 'pkcs12', pfx, passphrase: pass })).toEqual(pem);
      // The TLS agent takes the same bundle and passphrase.
      expect(() => buildHttpsAgent({ kind: 'pkcs12', pfx, passphrase: pass }).destroy()).not.toThrow();
      // A wrong Danish passphrase is still called wrong, not unreadable.
      expect(reason(() => identityFromTls({ kind: 'pkcs12', pfx, passphrase: 'hemmelig æøa' })).reason).toBe('wrong-passphrase');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('knows a jobcenter by its five-digit code', () => {
    const jc = ca.client({ cn: 'Jonas Holm', o: 'Jobcenter København', ou: 'jobcenter-10100' });
    const id = identityFromTls({ kind: 'pem', cert: jc.certPem, key: jc.keyPem });
    expect(id.organisation).toEqual({ type: 'jobcenter', code: '10100', name: 'Jobcenter København' });
  });

  it('applies display-name overrides', () => {
    const id = identityFromTls({ kind: 'pem', cert: akasse.certPem, key: akasse.keyPem }, { organisation: 'Nordlys', email: 'm@nordlys.dk' });
    expect(id.organisation.name).toBe('Nordlys');
    expect(id.caseworker.email).toBe('m@nordlys.dk');
  });

  it('a wrong PKCS#12 passphrase gives a clear Danish error', () => {
    const r = reason(() => identityFromTls({ kind: 'pkcs12', pfx: toP12(akasse, 'rigtig'), passphrase: 'forkert' }));
    expect(r).toEqual({ reason: 'wrong-passphrase', message: 'Adgangskoden til certifikatfilen (PKCS#12) er forkert.' });
  });

  it('a wrong PKCS#12 passphrase is also refused when building the TLS agent', () => {
    const r = reason(() => buildHttpsAgent({ kind: 'pkcs12', pfx: toP12(akasse, 'rigtig'), passphrase: 'forkert' }));
    expect(r.reason).toBe('wrong-passphrase');
  });

  it('an expired certificate is refused with its end date as dd-mm-åååå', () => {
    const old = ca.client({ notBefore: new Date('2024-01-01T00:00:00Z'), notAfter: new Date('2025-03-14T12:00:00Z') });
    const r = reason(() => identityFromTls({ kind: 'pem', cert: old.certPem, key: old.keyPem }));
    expect(r.reason).toBe('expired');
    expect(r.message).toContain('14-03-2025');
  });

  it('a certificate whose subject names no organisation is refused', () => {
    const none = ca.client({ ou: null });
    expect(reason(() => identityFromTls({ kind: 'pem', cert: none.certPem, key: none.keyPem })).reason).toBe('no-organisation');
    const admin = ca.client({ ou: 'admin' });
    const r = reason(() => identityFromTls({ kind: 'pem', cert: admin.certPem, key: admin.keyPem }));
    expect(r.reason).toBe('no-organisation');
    expect(r.message).toMatch(/a-kasse eller et jobcenter/);
  });

  it('a certificate without a RID is refused', () => {
    const norid = ca.client({ rid: null });
    expect(reason(() => identityFromTls({ kind: 'pem', cert: norid.certPem, key: norid.keyPem })).reason).toBe('no-rid');
  });

  it('a key that belongs to another certificate is refused', () => {
    const other = ca.client();
    expect(reason(() => identityFromTls({ kind: 'pem', cert: akasse.certPem, key: other.keyPem })).reason).toBe('key-mismatch');
  });

  it('garbage is unreadable, not a crash', () => {
    expect(reason(() => identityFromTls({ kind: 'pem', cert: 'not a cert', key: akasse.keyPem })).reason).toBe('unreadable');
    expect(reason(() => identityFromTls({ kind: 'pkcs12', pfx: Buffer.from('nope'), passphrase: 'x' })).reason).toBe('unreadable');
  });
});
