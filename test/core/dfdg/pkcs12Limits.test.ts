// The iteration counts of a PKCS#12 file, read from its ASN.1 before any key is derived
// (main/core/dfdg/pkcs12Limits.ts), and the cap every reader of a PKCS#12 file applies first
// (identity.ts assertPkcs12Iterations: node-forge, and OpenSSL through the TLS agent): a file asking
// for 2,000,000 rounds (or 2^31) is refused with a Danish message, one at the cap is not.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { IdentityError, identityFromTls } from '../../../main/core/dfdg';
import { buildHttpsAgent } from '../../../main/core/dfdg/http';
import { assertPkcs12Iterations, PKCS12_MAX_ITERATIONS } from '../../../main/core/dfdg/identity';
import { highestPkcs12Iterations, pkcs12Iterations } from '../../../main/core/dfdg/pkcs12Limits';
import { withIterations } from '../../fixtures/pkcs12';
import { TestCa, toP12, type Pair } from './testCerts';

const PASS = 'Hemmelig-42';
let pair: Pair;
let p12: Buffer;
beforeAll(() => {
  const ca = new TestCa();
  pair = ca.client({ cn: 'Mette Sørensen', o: 'A-kasse Nordlys', ou: 'akasse-067' });
  p12 = toP12(pair, PASS);
});

/** Exports `pair` with the openssl command and `args`; gives the file and OpenSSL's own reading of its iteration counts. */
function opensslExport(args: string[]): { pfx: Buffer; counts: number[] } {
  const dir = mkdtempSync(join(tmpdir(), 'dfdg-p12-iter-'));
  try {
    writeFileSync(join(dir, 'cert.pem'), pair.certPem);
    writeFileSync(join(dir, 'key.pem'), pair.keyPem);
    const run = (a: string[]) => execFileSync('openssl', a, { cwd: dir, env: { ...process.env, P12PASS: PASS }, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8');
    run(['pkcs12', '-export', '-in', 'cert.pem', '-inkey', 'key.pem', '-out', 'org.p12', '-passout', 'env:P12PASS', ...args]);
    const legacy = args.includes('-legacy') ? ['-legacy'] : [];
    // -info writes what it reads to stderr.
    const info = spawnSync('openssl', ['pkcs12', '-in', 'org.p12', '-info', '-noout', '-passin', 'env:P12PASS', ...legacy], { cwd: dir, env: { ...process.env, P12PASS: PASS }, encoding: 'utf8' });
    const counts = [...`${info.stdout}${info.stderr}`.matchAll(/Iteration (\d+)/g)].map((m) => Number(m[1]));
    return { pfx: readFileSync(join(dir, 'org.p12')), counts };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same ASN.1 re-encoded as BER: every constructed element with an indefinite length, every OCTET STRING in two chunks. */
function toBer(der: Uint8Array): Buffer {
  // BIT STRINGs left whole (node-forge's types lack the options argument).
  const fromDer = forge.asn1.fromDer as unknown as (bytes: forge.util.ByteBuffer, options: { decodeBitStrings: boolean }) => forge.asn1.Asn1;
  const node = fromDer(forge.util.createBuffer(Buffer.from(der).toString('binary')), { decodeBitStrings: false });
  const enc = (n: forge.asn1.Asn1): Buffer => {
    const id = (n.tagClass as number) | (n.type as number);
    if (n.constructed) return Buffer.concat([Buffer.from([id | 0x20, 0x80]), ...(n.value as forge.asn1.Asn1[]).map(enc), Buffer.from([0, 0])]);
    const bytes = Buffer.from(n.value as string, 'binary');
    const prim = (i: number, b: Buffer) => Buffer.from(forge.asn1.toDer(forge.asn1.create(n.tagClass, i, false, b.toString('binary'))).getBytes(), 'binary');
    if (n.tagClass === forge.asn1.Class.UNIVERSAL && n.type === forge.asn1.Type.OCTETSTRING && bytes.length > 1) {
      const half = bytes.length >> 1;
      return Buffer.concat([Buffer.from([0x24, 0x80]), prim(4, bytes.subarray(0, half)), prim(4, bytes.subarray(half)), Buffer.from([0, 0])]);
    }
    return prim(n.type as number, bytes);
  };
  return enc(node);
}

function refusal(f: () => unknown): IdentityError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(IdentityError);
    return e as IdentityError;
  }
  throw new Error('expected an IdentityError');
}

describe('pkcs12Iterations reads what the file asks for, as OpenSSL reads it', () => {
  it.each([
    ['OpenSSL 3 defaults (PBES2/AES-256, SHA-256 MAC)', []],
    ['-iter 4096', ['-iter', '4096']],
    ['a SHA-1 MAC over 3,000 rounds', ['-macalg', 'sha1', '-iter', '3000']],
    ['-legacy (RC2-40 certificates, 3DES key, PKCS#12 PBE)', ['-legacy']],
    ['-nomaciter (a MAC over 1 round)', ['-nomaciter']],
  ])('%s', (_name, args) => {
    const { pfx, counts } = opensslExport(args);
    const found = pkcs12Iterations(pfx)!;
    // OpenSSL lists the MAC, the encrypted certificates, then the key bag: the same counts, in order.
    expect(counts).toHaveLength(3);
    expect([found.mac, ...found.kdf]).toEqual(counts);
  });

  it('reads node-forge exports, and the same file written as BER (indefinite lengths, OCTET STRINGs in chunks)', () => {
    expect(pkcs12Iterations(p12)).toEqual({ mac: 2048, kdf: [2048] });
    const big = withIterations(p12, PASS, { mac: 2_000_000, keyBag: 1_500_000 });
    expect(pkcs12Iterations(big)).toEqual({ mac: 2_000_000, kdf: [1_500_000] });
    expect(pkcs12Iterations(toBer(big))).toEqual({ mac: 2_000_000, kdf: [1_500_000] });
  });

  it('takes counts as readers do (unsigned), up to 2^31 and beyond', () => {
    expect(highestPkcs12Iterations(withIterations(p12, PASS, { mac: 2 ** 31 - 1 }))).toBe(2 ** 31 - 1);
    expect(highestPkcs12Iterations(withIterations(p12, PASS, { keyBag: 2 ** 31 - 1 }))).toBe(2 ** 31 - 1);
  });

  it('says nothing about what is not ASN.1, and stops on absurd nesting without throwing', () => {
    expect(pkcs12Iterations(new TextEncoder().encode('ikke et certifikat'))).toBeNull();
    expect(pkcs12Iterations(new Uint8Array(0))).toBeNull();
    expect(pkcs12Iterations(p12.subarray(0, p12.length - 10))).toBeNull();
    const deep = Buffer.concat([...Array.from({ length: 100_000 }, () => Buffer.from([0x30, 0x80])), Buffer.alloc(200_000)]);
    expect(pkcs12Iterations(deep)).toBeNull();
    expect(highestPkcs12Iterations(deep)).toBe(0);
  });
});

describe('the cap (PKCS12_MAX_ITERATIONS), before any key is derived', () => {
  it('is 600,000 and lets a file at the cap through', () => {
    expect(PKCS12_MAX_ITERATIONS).toBe(600_000);
    expect(() => assertPkcs12Iterations(withIterations(p12, PASS, { mac: 600_000, keyBag: 600_000 }))).not.toThrow();
  });

  it('refuses a MAC of 2,000,000 rounds with a Danish message naming both numbers, in node-forge and in the TLS agent', () => {
    const pfx = Buffer.from(withIterations(p12, PASS, { mac: 2_000_000 }));
    const e = refusal(() => identityFromTls({ kind: 'pkcs12', pfx, passphrase: PASS }));
    expect(e.reason).toBe('too-many-iterations');
    expect(e.message).toBe(
      'Certifikatfilen (PKCS#12) beder om 2.000.000 gentagelser af nøgleberegningen, og DFDG Desk åbner højst filer med 600.000, så en fil ikke kan få programmet til at gå i stå. ' +
        'Eksportér certifikatet igen med standardindstillingerne (fx 2.048 eller 10.000 gentagelser), og prøv igen.',
    );
    expect(refusal(() => buildHttpsAgent({ kind: 'pkcs12', pfx, passphrase: PASS })).reason).toBe('too-many-iterations');
  });

  it('refuses a key bag of 2^31 rounds (half an hour of node-forge) at once, the MAC being valid', () => {
    const pfx = Buffer.from(withIterations(p12, PASS, { keyBag: 2 ** 31 - 1 }));
    const e = refusal(() => identityFromTls({ kind: 'pkcs12', pfx, passphrase: PASS }));
    expect(e.reason).toBe('too-many-iterations');
    expect(e.message).toContain('2.147.483.647 gentagelser');
  });
});
