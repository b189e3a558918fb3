import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreError } from '../../../main/core/errors';
import { SettingsService, createTestSecretStore, type SecretStore } from '../../../main/core/settings';
import { zSettings } from '../../../shared/contract';
import type { Settings } from '../../../shared/ipc';
import { TEST_RID, makeCaPem, makeClientCert } from './certs';
import { LEGACY_P12_BASE64, LEGACY_P12_PASSPHRASE } from './legacyP12';
import { thrownBy } from '../support/thrown';

const NOW = new Date('2027-06-01T10:00:00Z');
const clock = () => NOW;

let dir: string;
let secrets: SecretStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dfdg-settings-'));
  secrets = createTestSecretStore();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = (s: SecretStore = secrets) => SettingsService.open(dir, s, { clock });
const fileText = () => readFileSync(join(dir, 'settings.json'), 'utf8');

const refusal = (p: Promise<unknown>): Promise<CoreError> => thrownBy(p, CoreError, 'expected a refusal');

describe('SettingsService: plain settings', () => {
  it('starts with defaults, nothing configured, and says how secrets are protected', async () => {
    const s = await open();
    const got = s.get();
    expect(zSettings.parse(got)).toEqual(got);
    expect(got).toMatchObject({
      dfdgBaseUrl: null,
      certificate: null,
      hasCa: false,
      retentionDays: 30,
      secretStorage: 'test',
      sandboxOrganisation: 'akasse-067',
      proxy: { mode: 'system', url: null },
    });
    expect(await s.dfdgConfig()).toBeNull();
  });

  it('saves a patch, tells listeners, and survives a restart', async () => {
    const s = await open();
    const seen: Settings[] = [];
    s.onChange((x) => void seen.push(x));
    const saved = await s.save({
      dfdgBaseUrl: 'https://dfdg.test.example/',
      services: { FravaerService: { url: 'https://fravaer.example/api' }, CitizenMessageService: { url: 'https://cm.example/x.svc', namespace: 'http://service.bm.dk/x/2024/' } },
      retentionDays: 60,
      caseworkerName: 'Karen Østergaard',
      sandboxOrganisation: 'jobcenter-10100',
    });
    expect(saved).toMatchObject({ dfdgBaseUrl: 'https://dfdg.test.example/', retentionDays: 60, caseworkerName: 'Karen Østergaard', sandboxOrganisation: 'jobcenter-10100' });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.retentionDays).toBe(60);

    const again = await open();
    expect(again.get()).toEqual(saved);
    expect(again.sandboxOrganisation()).toBe('jobcenter-10100');
  });

  it('refuses invalid settings with a Danish message and keeps the old ones', async () => {
    const s = await open();
    await s.save({ retentionDays: 40 });
    for (const bad of [
      { dfdgBaseUrl: 'http://dfdg.example/' },
      { dfdgBaseUrl: 'https://user:pw@dfdg.example/' },
      { services: { UkendtService: { url: 'https://x.example/' } } },
      { retentionDays: 0 },
      { language: 'sv' },
      { sandboxOrganisation: 'akasse-999' },
      { somethingElse: true },
    ]) {
      const err = await refusal(s.save(bad));
      expect(err.kind).toBe('invalid-request');
      expect(err.message).toMatch(/(ikke|skal|ugyldig)/i);
    }
    expect((await open()).get().retentionDays).toBe(40);
  });

  it('applies concurrent saves one after the other, losing none', async () => {
    const s = await open();
    await Promise.all([s.save({ retentionDays: 10 }), s.save({ staleAfterMinutes: 5 }), s.save({ caseworkerEmail: 'a@b.dk' })]);
    expect((await open()).get()).toMatchObject({ retentionDays: 10, staleAfterMinutes: 5, caseworkerEmail: 'a@b.dk' });
  });

  it('writes atomically: no temporary files left, readable by the owner only', async () => {
    const s = await open();
    await s.save({ retentionDays: 12 });
    await s.save({ retentionDays: 13 });
    expect(readdirSync(dir)).toEqual(['settings.json']);
    if (process.platform !== 'win32') expect(statSync(join(dir, 'settings.json')).mode & 0o077).toBe(0);
  });

  it('reads a settings file written by an earlier version (a language field the app no longer has) without losing the rest', async () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ version: 1, retentionDays: 45, staleAfterMinutes: 20, language: 'en', caseworkerName: 'Søren Ågård' }));
    const s = await open();
    expect(s.get()).toMatchObject({ retentionDays: 45, staleAfterMinutes: 20, caseworkerName: 'Søren Ågård' });
    expect(s.get()).not.toHaveProperty('language');
    // No proxy field yet: the system's proxy, as before the setting existed.
    expect(s.proxy()).toEqual({ mode: 'system', url: null });
    expect(readdirSync(dir).some((f) => f.includes('damaged'))).toBe(false);
  });

  it('keeps a proxy chosen by hand as http(s)://host:port, and "system" or "none" without an address', async () => {
    const s = await open();
    expect((await s.save({ proxy: { mode: 'manual', url: '  http://Proxy.Kommune.dk:8080/  ' } })).proxy).toEqual({ mode: 'manual', url: 'http://proxy.kommune.dk:8080' });
    expect((await open()).proxy()).toEqual({ mode: 'manual', url: 'http://proxy.kommune.dk:8080' });
    expect((await s.save({ proxy: { mode: 'manual', url: 'https://[fd00::8]:8443' } })).proxy.url).toBe('https://[fd00::8]:8443');
    expect((await s.save({ proxy: { mode: 'none', url: 'http://glemt.example:1' } })).proxy).toEqual({ mode: 'none', url: null });
    expect((await s.save({ proxy: { mode: 'system', url: null } })).proxy).toEqual({ mode: 'system', url: null });
  });

  it.each([
    [null, /Skriv proxyens adresse/],
    ['proxy.kommune.dk:8080', /skal begynde med http:\/\/ eller https:\/\//],
    ['socks5://proxy.kommune.dk:1080', /skal begynde med http:\/\/ eller https:\/\//],
    ['http://bruger:kode@proxy.kommune.dk:8080', /må ikke indeholde brugernavn eller adgangskode/],
    ['http://proxy.kommune.dk:8080/pac.js', /kun navn og port/],
    ['http://', /ikke en gyldig adresse/],
  ])('refuses the manual proxy %s in Danish and keeps the old setting', async (url, message) => {
    const s = await open();
    await s.save({ proxy: { mode: 'manual', url: 'http://proxy.kommune.dk:8080' } });
    const err = await refusal(s.save({ proxy: { mode: 'manual', url } }));
    expect(err.kind).toBe('invalid-request');
    expect(err.message).toMatch(message);
    expect((await open()).proxy()).toEqual({ mode: 'manual', url: 'http://proxy.kommune.dk:8080' });
  });

  it('sets a damaged settings file aside and starts with defaults', async () => {
    writeFileSync(join(dir, 'settings.json'), '{"version":1, "retentionDays": 4');
    const s = await open();
    expect(s.get().retentionDays).toBe(30);
    expect(readdirSync(dir).some((f) => f.startsWith('settings.json.damaged-'))).toBe(true);
  });
});

describe('SettingsService: the organisation certificate', () => {
  it('imports a PKCS#12 bundle, derives who the app acts as, and stores bundle and passphrase only encrypted', async () => {
    const s = await open();
    const cert = makeClientCert({ passphrase: 'Kodeord-1!' });
    const caPem = makeCaPem();
    const identity = await s.importCertificate(cert.p12, cert.passphrase, new TextEncoder().encode(caPem));
    expect(identity.organisation).toMatchObject({ type: 'akasse', code: '067', name: 'A-kasse Nordlys (test)' });
    expect(identity.caseworker).toMatchObject({ fullName: 'Søren Ågård', userIdentifier: TEST_RID });
    expect(s.get()).toMatchObject({ hasCa: true, certificate: { fingerprint256: identity.certificate.fingerprint256 } });

    const text = fileText();
    expect(text).not.toContain(cert.passphrase);
    expect(text).not.toContain(Buffer.from(cert.p12).toString('base64').slice(0, 64));
    expect(text).not.toContain(Buffer.from(cert.passphrase).toString('base64'));
  });

  it('gives the DFDG configuration only when both address and certificate are there', async () => {
    const s = await open();
    const cert = makeClientCert();
    await s.importCertificate(cert.p12, cert.passphrase);
    expect(await s.dfdgConfig()).toBeNull();
    await s.save({ dfdgBaseUrl: 'https://dfdg.example', services: { FravaerService: { url: 'https://fravaer.example/v1' } } });
    const config = await (await open()).dfdgConfig();
    expect(config).not.toBeNull();
    expect(config!.baseUrl).toBe('https://dfdg.example');
    expect(config!.services).toEqual({ FravaerService: { url: 'https://fravaer.example/v1' } });
    expect(config!.tls.kind).toBe('pkcs12');
    if (config!.tls.kind !== 'pkcs12') return;
    expect(Buffer.from(config!.tls.pfx).equals(Buffer.from(cert.p12))).toBe(true);
    expect(config!.tls.passphrase).toBe(cert.passphrase);
  });

  it('applies the caseworker name and e-mail from settings to the identity', async () => {
    const s = await open();
    const cert = makeClientCert();
    await s.importCertificate(cert.p12, cert.passphrase);
    await s.save({ caseworkerName: 'Bo Hansen', caseworkerEmail: 'bo@akasse.dk' });
    expect(s.identity()!.caseworker).toMatchObject({ fullName: 'Bo Hansen', email: 'bo@akasse.dk', userIdentifier: TEST_RID });
  });

  it('refuses a wrong passphrase, saying so', async () => {
    const cert = makeClientCert({ passphrase: 'rigtig' });
    const err = await refusal((await open()).importCertificate(cert.p12, 'forkert'));
    expect(err.message).toMatch(/Adgangskoden/);
  });

  it('refuses an expired certificate and names the date as dd-mm-åååå', async () => {
    const cert = makeClientCert({ notBefore: new Date('2024-01-01T00:00:00Z'), notAfter: new Date('2027-03-31T12:00:00Z') });
    const err = await refusal((await open()).importCertificate(cert.p12, cert.passphrase));
    expect(err.message).toContain('udløb den 31-03-2027');
  });

  it('refuses a certificate that is not valid yet', async () => {
    const cert = makeClientCert({ notBefore: new Date('2028-01-01T00:00:00Z') });
    const err = await refusal((await open()).importCertificate(cert.p12, cert.passphrase));
    expect(err.message).toContain('01-01-2028');
  });

  it('refuses a certificate that names no organisation', async () => {
    const cert = makeClientCert({ ou: null });
    const err = await refusal((await open()).importCertificate(cert.p12, cert.passphrase));
    expect(err.message).toMatch(/a-kasse eller et jobcenter/);
    const other = makeClientCert({ ou: 'IT-afdelingen' });
    expect((await refusal((await open()).importCertificate(other.p12, other.passphrase))).message).toMatch(/a-kasse eller et jobcenter/);
  });

  it('refuses a file that is not PKCS#12, and a CA file that is not a certificate', async () => {
    const s = await open();
    expect((await refusal(s.importCertificate(new TextEncoder().encode('ikke et certifikat'), 'x'))).message).toMatch(/PKCS#12/);
    const cert = makeClientCert();
    expect((await refusal(s.importCertificate(cert.p12, cert.passphrase, new TextEncoder().encode('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')))).message).toMatch(/CA-certifikatet/);
    expect(s.get().certificate).toBeNull();
  });

  it('refuses a legacy (RC2) export that node-forge reads but Node TLS cannot use, and says how to re-export', async () => {
    const err = await refusal((await open()).importCertificate(new Uint8Array(Buffer.from(LEGACY_P12_BASE64, 'base64')), LEGACY_P12_PASSPHRASE));
    expect(err.message).toMatch(/forældet kryptering/);
    expect(err.message).toMatch(/AES/);
  });

  it('keeps a refused import from replacing a working certificate', async () => {
    const s = await open();
    const good = makeClientCert();
    const id = await s.importCertificate(good.p12, good.passphrase);
    await refusal(s.importCertificate(good.p12, 'forkert'));
    expect(s.get().certificate!.fingerprint256).toBe(id.certificate.fingerprint256);
  });

  it('says the certificate must be imported again when the key store changed (another secret store cannot unlock it)', async () => {
    const s = await open();
    const cert = makeClientCert();
    await s.importCertificate(cert.p12, cert.passphrase);
    await s.save({ dfdgBaseUrl: 'https://dfdg.example' });
    const reopened = await open(createTestSecretStore());
    expect(reopened.get().certificate).not.toBeNull();
    const err = await refusal(reopened.dfdgConfig());
    expect(err.kind).toBe('not-configured');
    expect(err.message).toMatch(/Importér certifikatet igen/);
  });
});

describe('SettingsService: Indstillinger → Organisationens hub', () => {
  const caseworkerCert = (ou = 'akasse-067') => makeClientCert({ cn: 'Karen Frølich', o: 'A-kasse Nordlys (sandbox)', ou, serialNumber: 'CVR:19670067-UUID:0f0e0d0c-0b0a-4908-8706-050403020100' });

  it('keeps the address and the caseworker’s own certificate, encrypted, and gives them back as the hub configuration', async () => {
    const s = await open();
    const cert = caseworkerCert();
    const caPem = makeCaPem();
    const saved = await s.setHub('https://hub.nordlys.example:8444/', { p12: cert.p12, passphrase: cert.passphrase, ca: new TextEncoder().encode(caPem) });
    expect(zSettings.parse(saved)).toEqual(saved);
    expect(saved.hub).toMatchObject({ url: 'https://hub.nordlys.example:8444', caseworker: 'Karen Frølich', organisation: 'A-kasse Nordlys (sandbox)', hasCa: true });
    // Neither the bundle nor the passphrase is in the file in clear.
    expect(fileText()).not.toContain(cert.passphrase);
    expect(fileText()).not.toContain(Buffer.from(cert.p12).toString('base64'));
    const config = await (await open()).hubConfig();
    expect(config).toMatchObject({ url: 'https://hub.nordlys.example:8444', tls: { kind: 'pkcs12', passphrase: cert.passphrase } });
    expect(Buffer.compare((config!.tls as { pfx: Buffer }).pfx, Buffer.from(cert.p12))).toBe(0);
    expect(String(config!.tls.ca)).toContain('BEGIN CERTIFICATE');

    // A new address keeps the certificate; null removes the hub.
    expect((await s.setHub('https://hub2.nordlys.example', {})).hub).toMatchObject({ url: 'https://hub2.nordlys.example', caseworker: 'Karen Frølich' });
    expect((await s.setHub(null, {})).hub).toBeNull();
    expect(await s.hubConfig()).toBeNull();
  });

  it('refuses, in Danish, a plain http address, a missing certificate or passphrase, and a certificate of another organisation', async () => {
    const s = await open();
    const cert = caseworkerCert();
    expect((await refusal(s.setHub('http://hub.example', { p12: cert.p12, passphrase: cert.passphrase }))).message).toBe('Hubbens adresse skal begynde med https:// (forbindelsen er altid krypteret).');
    expect((await refusal(s.setHub('https://hub.example', {}))).message).toMatch(/^Vælg dit personlige certifikat til hubben/);
    expect((await refusal(s.setHub('https://hub.example', { p12: cert.p12 }))).message).toBe('Skriv adgangskoden til dit personlige certifikat.');
    expect((await refusal(s.setHub('https://hub.example', { p12: cert.p12, passphrase: 'forkert' }))).kind).toBe('not-configured');
    // The sandbox works as akasse-067 here: a jobcenter's caseworker certificate does not belong to it.
    const other = caseworkerCert('jobcenter-10100');
    expect((await refusal(s.setHub('https://hub.example', { p12: other.p12, passphrase: other.passphrase }))).message).toMatch(/^Certifikatet hører til .* \(jobcenter-10100\), men DFDG Desk arbejder som akasse-067\./);
    expect(s.get().hub).toBeNull();
  });
});
