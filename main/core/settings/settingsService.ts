// The app's settings: the DFDG address and per-service overrides, the organisation's certificate
// (stored encrypted with the SecretStore, never in plain text), cache retention, and the
// sandbox organisation. One JSON file in the data directory, replaced atomically on every change.

import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_SANDBOX_ORGANISATION, DFDG_SERVICES, PROXY_MODES, RETENTION_DAYS, SANDBOX_ORGANISATION_IDS, STALE_AFTER_MINUTES, type SandboxOrganisation } from '../../../shared/constants';
import type { Identity } from '../../../shared/domain';
import { channels } from '../../../shared/contract';
import type { Settings } from '../../../shared/ipc';
import { zIdentity } from '../../../shared/schemas';
import type { DfdgConfig, DfdgServiceName, ServiceEndpoint, TlsConfig } from '../dfdg/types';
import { CoreError } from '../errors';
import { writeFileAtomic } from './atomicWrite';
import { assertTlsCanLoad, readCaCertificates } from './certificate';
import { checkPkcs12OffThread } from './certificateImport';
import type { SecretStore } from './secretStore';

export const SETTINGS_FILE = 'settings.json';

export type ProxySetting = Settings['proxy'];
/** By default DFDG is reached the way the operating system says (its proxy settings, PAC included). */
export const DEFAULT_PROXY: ProxySetting = { mode: 'system', url: null };

export const DEFAULTS = {
  retentionDays: RETENTION_DAYS.default, // rules.md RETAIN_CACHE: default 30 days since last use
  staleAfterMinutes: STALE_AFTER_MINUTES.default,
};

export type SettingsPatch = z.input<(typeof channels)['settings.save']['request']>;
/** Told of every saved change; a returned promise is awaited before the save resolves. */
export type SettingsListener = (settings: Settings) => void | Promise<void>;
/** Derives the identity from a TLS configuration (main/core/dfdg/identity.ts's identityFromTls fits). */
export type IdentityDeriver = (tls: TlsConfig) => Identity | Promise<Identity>;

export interface SettingsServiceOptions {
  clock?: () => Date;
  /** Overrides how the identity is derived at import, on this thread (default: certificateImport.ts checkPkcs12OffThread, in a worker, at the clock's time). */
  identityFromTls?: IdentityDeriver;
  /** Request timeout put into the DFDG config (ms). */
  timeoutMs?: number;
}

const zStoredCertificate = z.object({
  info: z.object({ subject: z.string(), issuer: z.string(), validFrom: z.string(), validTo: z.string(), fingerprint256: z.string() }),
  identity: zIdentity,
  p12: z.string(),
  passphrase: z.string(),
  ca: z.string().nullable(),
  importedAt: z.string(),
});
type StoredCertificate = z.infer<typeof zStoredCertificate>;

/** Indstillinger → Organisationens hub: its address and the caseworker's own certificate (`ca`: the hub's server CA). */
const zStoredHub = z.object({ url: z.string(), certificate: zStoredCertificate });
type StoredHub = z.infer<typeof zStoredHub>;

const zStored = z.object({
  version: z.literal(1),
  dfdgBaseUrl: z.string().nullable().catch(null),
  services: z.record(z.string(), z.object({ url: z.string(), namespace: z.string().optional() })).catch({}),
  caseworkerName: z.string().nullable().catch(null),
  caseworkerEmail: z.string().nullable().catch(null),
  retentionDays: z.number().int().min(RETENTION_DAYS.min).max(RETENTION_DAYS.max).catch(DEFAULTS.retentionDays),
  staleAfterMinutes: z.number().int().min(STALE_AFTER_MINUTES.min).max(STALE_AFTER_MINUTES.max).catch(DEFAULTS.staleAfterMinutes),
  sandboxOrganisation: z.enum(SANDBOX_ORGANISATION_IDS).catch(DEFAULT_SANDBOX_ORGANISATION),
  certificate: zStoredCertificate.nullable().catch(null),
  proxy: z.object({ mode: z.enum(PROXY_MODES), url: z.string().nullable() }).catch(DEFAULT_PROXY),
  /** An administrator's opt-in to obfuscated key storage (Linux without a keyring); never set from the app. */
  allowObfuscatedKeyStorage: z.boolean().catch(false),
  hub: zStoredHub.nullable().catch(null).default(null),
});
type Stored = z.infer<typeof zStored>;

const emptyStored = (): Stored => ({
  version: 1,
  dfdgBaseUrl: null,
  services: {},
  caseworkerName: null,
  caseworkerEmail: null,
  retentionDays: DEFAULTS.retentionDays,
  staleAfterMinutes: DEFAULTS.staleAfterMinutes,
  sandboxOrganisation: DEFAULT_SANDBOX_ORGANISATION,
  certificate: null,
  proxy: DEFAULT_PROXY,
  allowObfuscatedKeyStorage: false,
  hub: null,
});

const zSavePatch = channels['settings.save'].request;

export class SettingsService {
  private stored: Stored;
  private readonly listeners = new Set<SettingsListener>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private readonly secrets: SecretStore,
    private readonly opts: SettingsServiceOptions,
    stored: Stored,
  ) {
    this.stored = stored;
  }

  /** Opens (or starts) the settings in `dataDir`. A damaged file is set aside and defaults are used. */
  static async open(dataDir: string, secrets: SecretStore, opts: SettingsServiceOptions = {}): Promise<SettingsService> {
    const file = join(dataDir, SETTINGS_FILE);
    let stored = emptyStored();
    if (existsSync(file)) {
      try {
        stored = zStored.parse(JSON.parse(readFileSync(file, 'utf8')));
      } catch {
        const aside = `${file}.damaged-${Date.now()}`;
        renameSync(file, aside);
        console.warn(`[settings] the settings file could not be read; it was moved aside and defaults are used`);
      }
    }
    return new SettingsService(file, secrets, opts, stored);
  }

  private now() {
    return (this.opts.clock ?? (() => new Date()))();
  }

  get(): Settings {
    const s = this.stored;
    return {
      dfdgBaseUrl: s.dfdgBaseUrl,
      services: structuredClone(s.services),
      certificate: s.certificate ? { ...s.certificate.info } : null,
      hasCa: Boolean(s.certificate?.ca),
      caseworkerName: s.caseworkerName,
      caseworkerEmail: s.caseworkerEmail,
      retentionDays: s.retentionDays,
      staleAfterMinutes: s.staleAfterMinutes,
      secretStorage: this.secrets.kind,
      sandboxOrganisation: s.sandboxOrganisation,
      proxy: { ...s.proxy },
      allowObfuscatedKeyStorage: s.allowObfuscatedKeyStorage,
      hub: s.hub
        ? {
            url: s.hub.url,
            certificate: { ...s.hub.certificate.info },
            caseworker: s.hub.certificate.identity.caseworker.fullName,
            organisation: s.hub.certificate.identity.organisation.name,
            hasCa: Boolean(s.hub.certificate.ca),
          }
        : null,
    };
  }

  /** How DFDG is reached: the system's proxy, none, or the proxy given in settings. */
  proxy(): ProxySetting {
    return { ...this.stored.proxy };
  }

  /** The organisation the bundled sandbox acts as (default akasse-067). */
  sandboxOrganisation(): SandboxOrganisation {
    return this.stored.sandboxOrganisation;
  }

  /** Who the app acts as against the configured DFDG (null without a certificate), with the caseworker's own name and e-mail applied. */
  identity(): Identity | null {
    const c = this.stored.certificate;
    return c ? this.applyCaseworker(structuredClone(c.identity)) : null;
  }

  /** Applies the caseworker name and e-mail from settings to an identity (also used for the sandbox's). */
  applyCaseworker(identity: Identity): Identity {
    if (this.stored.caseworkerName) identity.caseworker.fullName = this.stored.caseworkerName;
    if (this.stored.caseworkerEmail) identity.caseworker.email = this.stored.caseworkerEmail;
    return identity;
  }

  async save(patch: unknown): Promise<Settings> {
    const parsed = zSavePatch.safeParse(patch);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new CoreError('invalid-request', `Indstillingerne blev ikke gemt: ${first?.path.join('.') || 'forespørgslen'} er ugyldig.`);
    }
    const p = parsed.data;
    if (p.services) {
      const unknown = Object.keys(p.services).filter((k) => !(DFDG_SERVICES as readonly string[]).includes(k));
      if (unknown.length > 0) throw new CoreError('invalid-request', `Indstillingerne blev ikke gemt: ukendt DFDG-tjeneste (${unknown.length === 1 ? 'én' : unknown.length}).`);
      for (const endpoint of Object.values(p.services)) assertHttps(endpoint.url);
    }
    if (p.dfdgBaseUrl) assertHttps(p.dfdgBaseUrl);
    const proxy = p.proxy ? { mode: p.proxy.mode, url: p.proxy.mode === 'manual' ? proxyAddress(p.proxy.url) : null } : undefined;
    return this.exclusive(async () => {
      const next: Stored = { ...this.stored };
      for (const key of ['dfdgBaseUrl', 'caseworkerName', 'caseworkerEmail', 'retentionDays', 'staleAfterMinutes', 'sandboxOrganisation'] as const) {
        if (p[key] !== undefined) (next as Record<string, unknown>)[key] = p[key];
      }
      if (proxy) next.proxy = proxy;
      if (p.services) next.services = Object.fromEntries(Object.entries(p.services).map(([k, v]) => [k, { url: v.url, ...(v.namespace ? { namespace: v.namespace } : {}) }]));
      if (next.caseworkerName !== null && next.caseworkerName.trim() === '') next.caseworkerName = null;
      if (next.caseworkerEmail !== null && next.caseworkerEmail.trim() === '') next.caseworkerEmail = null;
      await this.commit(next);
      return this.get();
    });
  }

  /**
   * Imports the organisation's client certificate (PKCS#12 + passphrase, optional CA for DFDG's
   * server). Validates it, derives the identity, refuses expired certificates and certificates that
   * name no organisation, and stores bundle and passphrase encrypted with the SecretStore.
   */
  async importCertificate(p12: Uint8Array, passphrase: string, ca?: Uint8Array): Promise<Identity> {
    const pfx = Buffer.from(p12);
    const caPem = ca && ca.byteLength > 0 ? readCaCertificates(ca) : null;
    const tls: TlsConfig = { kind: 'pkcs12', pfx, passphrase, ...(caPem ? { ca: caPem } : {}) };
    const identity = await this.identityOfBundle(tls);

    const sealedP12 = await this.secrets.encrypt(pfx);
    const sealedPass = await this.secrets.encrypt(Buffer.from(passphrase, 'utf8'));
    const certificate: StoredCertificate = {
      info: identity.certificate,
      identity,
      p12: sealedP12.toString('base64'),
      passphrase: sealedPass.toString('base64'),
      ca: caPem,
      importedAt: this.now().toISOString(),
    };
    return this.exclusive(async () => {
      await this.commit({ ...this.stored, certificate });
      return this.identity()!;
    });
  }

  /**
   * Indstillinger → Organisationens hub: the hub's address and the caseworker's own certificate
   * (PKCS#12 + passphrase), optionally the CA of the hub's server certificate. `url` null removes the
   * hub. Without a new certificate the one imported before is kept (a new address, a new CA). The
   * certificate must name the organisation DFDG Desk works as; it is stored encrypted like the
   * organisation's.
   */
  async setHub(url: string | null, given: { p12?: Uint8Array; passphrase?: string; ca?: Uint8Array }): Promise<Settings> {
    if (url === null) {
      return this.exclusive(async () => {
        await this.commit({ ...this.stored, hub: null });
        return this.get();
      });
    }
    assertHttps(url, 'Hubbens adresse');
    const caPem = given.ca && given.ca.byteLength > 0 ? readCaCertificates(given.ca) : null;
    let certificate: StoredCertificate | null = this.stored.hub?.certificate ?? null;
    if (given.p12 && given.p12.byteLength > 0) {
      const passphrase = given.passphrase ?? '';
      if (!passphrase) throw new CoreError('invalid-request', 'Skriv adgangskoden til dit personlige certifikat.');
      const pfx = Buffer.from(given.p12);
      const tls: TlsConfig = { kind: 'pkcs12', pfx, passphrase };
      const identity = await this.identityOfBundle(tls);
      this.assertSameOrganisation(identity);
      certificate = {
        info: identity.certificate,
        identity,
        p12: (await this.secrets.encrypt(pfx)).toString('base64'),
        passphrase: (await this.secrets.encrypt(Buffer.from(passphrase, 'utf8'))).toString('base64'),
        ca: caPem ?? certificate?.ca ?? null,
        importedAt: this.now().toISOString(),
      };
    } else if (!certificate) {
      throw new CoreError('invalid-request', 'Vælg dit personlige certifikat til hubben (PKCS#12, .p12 eller .pfx), som organisationen har udstedt til dig.');
    } else if (caPem) {
      certificate = { ...certificate, ca: caPem };
    }
    const hub: StoredHub = { url: url.replace(/\/+$/, ''), certificate };
    return this.exclusive(async () => {
      await this.commit({ ...this.stored, hub });
      return this.get();
    });
  }

  /**
   * The identity a PKCS#12 bundle acts as, checked: the iteration cap, passphrase, key/certificate
   * match, validity period, organisation and whether Node's TLS can load it (Danish refusals).
   * node-forge and OpenSSL on an untrusted file, so in a worker thread with a deadline
   * (certificateImport.ts), never on this one. Used for the organisation's and the hub's certificate.
   */
  private async identityOfBundle(tls: Extract<TlsConfig, { kind: 'pkcs12' }>): Promise<Identity> {
    if (!this.opts.identityFromTls) return checkPkcs12OffThread(tls.pfx, tls.passphrase, this.now());
    const identity = await this.opts.identityFromTls(tls);
    assertTlsCanLoad(tls.pfx, tls.passphrase);
    return identity;
  }

  /** The caseworker's hub certificate must be of the organisation DFDG Desk works as (DFDG's certificate, else the sandbox's). */
  private assertSameOrganisation(identity: Identity): void {
    const own = this.stored.certificate?.identity.organisation ?? null;
    const ownId = own ? `${own.type}-${own.code}` : this.stored.dfdgBaseUrl ? null : this.stored.sandboxOrganisation;
    const theirs = `${identity.organisation.type}-${identity.organisation.code}`;
    if (ownId && ownId !== theirs) {
      throw new CoreError(
        'invalid-request',
        `Certifikatet hører til ${identity.organisation.name} (${theirs}), men DFDG Desk arbejder som ${own?.name ?? ownId}. Brug det personlige certifikat, din egen organisation har udstedt til dig.`,
      );
    }
  }

  /** The hub's address and the caseworker's certificate, or null when no hub is configured. */
  async hubConfig(): Promise<{ url: string; tls: TlsConfig } | null> {
    const h = this.stored.hub;
    if (!h) return null;
    try {
      const pfx = await this.secrets.decrypt(Buffer.from(h.certificate.p12, 'base64'));
      const passphrase = (await this.secrets.decrypt(Buffer.from(h.certificate.passphrase, 'base64'))).toString('utf8');
      return { url: h.url, tls: { kind: 'pkcs12', pfx, passphrase, ...(h.certificate.ca ? { ca: h.certificate.ca } : {}) } };
    } catch (err) {
      throw new CoreError('not-configured', 'Dit personlige certifikat til hubben kunne ikke låses op (nøglen kan være skiftet). Importér det igen under Indstillinger → Organisationens hub.', { cause: err });
    }
  }

  /** The DFDG configuration, or null when no DFDG address and certificate are configured (the sandbox is used). */
  async dfdgConfig(): Promise<DfdgConfig | null> {
    const s = this.stored;
    if (!s.dfdgBaseUrl || !s.certificate) return null;
    let pfx: Buffer;
    let passphrase: string;
    try {
      pfx = await this.secrets.decrypt(Buffer.from(s.certificate.p12, 'base64'));
      passphrase = (await this.secrets.decrypt(Buffer.from(s.certificate.passphrase, 'base64'))).toString('utf8');
    } catch (err) {
      throw new CoreError(
        'not-configured',
        'Certifikatet kunne ikke låses op med styresystemets nøglering (den kan være skiftet). Importér certifikatet igen under Indstillinger.',
        { cause: err },
      );
    }
    const services: Partial<Record<DfdgServiceName, ServiceEndpoint>> = {};
    for (const name of DFDG_SERVICES) {
      const o = s.services[name];
      if (o) services[name] = { url: o.url, ...(o.namespace ? { namespace: o.namespace } : {}) };
    }
    return {
      baseUrl: s.dfdgBaseUrl,
      services,
      tls: { kind: 'pkcs12', pfx, passphrase, ...(s.certificate.ca ? { ca: s.certificate.ca } : {}) },
      ...(this.opts.timeoutMs ? { timeoutMs: this.opts.timeoutMs } : {}),
    };
  }

  /**
   * Calls `cb` after every saved change; returns an unsubscribe. A save resolves once every listener
   * (and the promise it returned) is done, so the caller of a save sees the change applied.
   */
  onChange(cb: SettingsListener): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** Runs read-modify-write operations one at a time, so no change is lost to a concurrent one. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async commit(next: Stored): Promise<void> {
    await writeFileAtomic(this.file, `${JSON.stringify(next, null, 2)}\n`);
    this.stored = next;
    const settings = this.get();
    const failed = (err: unknown) => console.error(`[settings] change listener failed: ${(err as Error)?.name ?? 'error'}`);
    const pending: Promise<void>[] = [];
    for (const cb of [...this.listeners]) {
      try {
        const r = cb(settings);
        if (r) pending.push(r.catch(failed));
      } catch (err) {
        failed(err);
      }
    }
    await Promise.all(pending);
  }
}

const PROXY_EXAMPLE = 'Skriv fx http://proxy.kommune.dk:8080.';

/** A manual proxy address as the agent uses it (`http(s)://host:port`), or a Danish refusal. */
function proxyAddress(input: string | null): string {
  const text = input?.trim() ?? '';
  if (!text) throw new CoreError('invalid-request', `Skriv proxyens adresse, eller vælg en anden proxy-indstilling. ${PROXY_EXAMPLE}`);
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new CoreError('invalid-request', `Proxy-adressen er ikke en gyldig adresse. ${PROXY_EXAMPLE}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new CoreError('invalid-request', `Proxy-adressen skal begynde med http:// eller https://. ${PROXY_EXAMPLE}`);
  if (u.username || u.password) {
    throw new CoreError('invalid-request', 'Proxy-adressen må ikke indeholde brugernavn eller adgangskode: de ville stå ukrypteret i indstillingerne, og DFDG Desk logger ikke ind på proxyer.');
  }
  if ((u.pathname !== '/' && u.pathname !== '') || u.search || u.hash) throw new CoreError('invalid-request', `Proxy-adressen er kun navn og port, uden sti. ${PROXY_EXAMPLE}`);
  return `${u.protocol}//${u.host}`;
}

function assertHttps(url: string, what = 'DFDG-adressen') {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new CoreError('invalid-request', 'Adressen er ikke en gyldig URL.');
  }
  if (u.protocol !== 'https:') throw new CoreError('invalid-request', `${what} skal begynde med https:// (forbindelsen er altid krypteret).`);
  if (u.username || u.password) throw new CoreError('invalid-request', `${what} må ikke indeholde brugernavn eller adgangskode.`);
}
