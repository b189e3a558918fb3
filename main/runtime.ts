// What the app runs against, decided at start and again on every settings change: a configured DFDG
// (address + certificate), or else the bundled sandbox as the organisation chosen in settings (default
// akasse-067). The one owner of reconfiguration: a change of who the app acts as builds a new core
// (createCore) on its own data directory; any other change is handed to the running core in place.
// Electron-free: every dependency is passed in, so it is tested with fakes.

import { join } from 'node:path';
import type { Identity } from '../shared/domain';
import type { IpcHandlers, Settings } from '../shared/ipc';
import type { DfdgConfig, TlsConfig } from './core/dfdg/types';
import { CoreError } from './core/errors';
import type { HubTarget } from './core/hub/target';
import type { CoreOn } from './core/ipc/dispatch';
import { errorName, type Logger } from './core/log';
import type { SettingsService } from './core/settings/settingsService';

export type RuntimeMode = 'sandbox' | 'dfdg' | 'unconfigured';

/** What a core talks to and acts as (createCore's CoreTarget). */
export interface CoreTarget {
  dfdg: DfdgConfig | null;
  identity: Identity | null;
  mode: RuntimeMode;
  /** The organisation hub: Indstillinger's, else the sandbox's own; null: none (the desktop pulls itself). */
  hub?: HubTarget | null;
}

export interface CoreLike {
  handlers: IpcHandlers;
  on: CoreOn;
  start(): void;
  stop(): Promise<void>;
  /** Applies a new target for the same organisation and mode in place. */
  reconfigure(target: CoreTarget): void;
}

export interface CoreOptions {
  dataDir: string;
  dbKey: Buffer;
  settings: SettingsService | null;
  dfdg: DfdgConfig | null;
  identity: Identity | null;
  mode: RuntimeMode;
  sandboxUrl?: string | null;
  clock?: () => Date;
  /** Where the core's log lines go (the shell's redacting logger, main/core/log.ts). */
  log?: Logger;
  hub?: HubTarget | null;
}

export interface SandboxLike {
  url: string;
  /** Where the sandbox keeps its data (its certificates in `certs/`). */
  dataDir?: string;
  certs: {
    caPem: string;
    orgs: Record<string, { certPem: string; keyPem: string }>;
    /** Personal caseworker certificates per organisation (for the organisation hub). */
    caseworkers?: { id: string; orgId: string; certPem: string; keyPem: string }[];
  };
  close(): Promise<void>;
}

/** An organisation hub the shell started for the sandbox (hub/, with an embedded PostgreSQL). */
export interface HubLike {
  url: string;
  close(): Promise<void>;
}

export interface RuntimeDeps {
  /** The app's data directory (Electron's userData). */
  dataDir: string;
  dbKey: Buffer;
  settings: SettingsService;
  createCore(opts: CoreOptions): Promise<CoreLike>;
  startSandbox(opts: { dataDir: string; port: number }): Promise<SandboxLike>;
  /**
   * Starts the organisation hub for a sandbox organisation (hub/ with its embedded PostgreSQL in
   * `dataDir`), so the sandbox shows the team inbox. Absent (a packaged app: the hub is not shipped)
   * or failing: the desktop pulls the sandbox's notifications itself, as without a hub.
   */
  startHub?(opts: { dataDir: string; sandbox: SandboxLike; orgId: string }): Promise<HubLike>;
  /** The identity a TLS configuration acts as; the shells read a PKCS#12 bundle in a worker (identityOffThread). */
  identityFromTls(tls: TlsConfig, names?: undefined, now?: Date): Identity | Promise<Identity>;
  /**
   * The proxy the operating system uses for a URL (its settings, PAC included) as `http(s)://host:port`,
   * or null for a direct connection (the shell asks Electron's session; main/proxy.ts).
   */
  resolveSystemProxy?(url: string): Promise<string | null>;
  clock?: () => Date;
  /** The structured, redacting logger: handed to every core, and used for the runtime's own lines. */
  logger?: Logger;
  /** A plain line sink for the runtime's own lines (tests); default: `logger`, else the console. */
  log?(line: string): void;
}

export interface Runtime {
  mode: RuntimeMode;
  identity: Identity | null;
  core: CoreLike;
  sandboxUrl: string | null;
  /** Why the app is unconfigured (Danish), when it is. */
  problem: string | null;
}

/**
 * Settings that decide which organisation the app acts as, and against what (DFDG or sandbox); a
 * change rebuilds the core on its own data directory. Everything else (addresses, services, the
 * proxy, the caseworker's name) the runtime hands to the running core (CoreLike.reconfigure).
 */
export function runtimeKey(s: Settings): string {
  const dfdg = Boolean(s.dfdgBaseUrl && s.certificate);
  return JSON.stringify(dfdg ? ['dfdg', s.certificate?.fingerprint256 ?? null] : ['sandbox', s.sandboxOrganisation ?? null]);
}

/**
 * The core's data directory: one per organisation and mode, so a switch (another sandbox
 * organisation, or from the sandbox to DFDG) never shows one organisation's cached citizens to another.
 */
export function coreDataDir(root: string, mode: RuntimeMode, identity: Identity | null): string {
  if (!identity) return join(root, 'core', mode);
  return join(root, 'core', `${mode}-${identity.organisation.type}-${identity.organisation.code}`);
}

/**
 * The shells' `startHub`: hub/ loaded with import() where it starts (as the sandbox is), so a start
 * against DFDG never parses it, and a packaged app (which does not carry the hub or PostgreSQL) fails
 * here and pulls the sandbox's notifications itself. The certificates come from the sandbox's certs/.
 */
export function sandboxHubStarter(log?: Logger): NonNullable<RuntimeDeps['startHub']> {
  return async ({ dataDir, sandbox, orgId }) => {
    if (!sandbox.dataDir) throw new Error('the sandbox does not say where its certificates are');
    const { startSandboxHub } = await import('../hub/sandboxHub');
    return startSandboxHub({ dataDir, dfdgUrl: sandbox.url, certsDir: join(sandbox.dataDir, 'certs'), orgId, ...(log ? { log: (line: string) => log('info', `hub: ${line}`) } : {}) });
  };
}

/** CoreError messages are Danish and meant for the caseworker; anything else gets the fallback. */
const messageOf = (err: unknown, fallback: string) => (err instanceof CoreError && err.message ? err.message : fallback);

export class RuntimeManager {
  private runtime: Runtime | null = null;
  private sandbox: SandboxLike | null = null;
  /** The sandbox organisation's hub: started in the background once, for one organisation at a time. */
  private sandboxHub: { orgId: string; handle: HubLike | null; problem: string | null; started: Promise<unknown> } | null = null;
  private key: string;
  private chain: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private readonly listeners = new Set<(r: Runtime) => void>();
  private readonly offSettings: () => void;

  constructor(private readonly deps: RuntimeDeps) {
    this.key = runtimeKey(deps.settings.get());
    this.offSettings = deps.settings.onChange((s) => this.settingsChanged(s));
  }

  /**
   * Every saved settings change comes here, and only here. Another organisation or mode: a new core,
   * built after the current IPC answer has gone out (the save runs inside the old core). Anything else:
   * the running core is reconfigured in place, and the save resolves once it is.
   */
  private settingsChanged(s: Settings): Promise<void> | void {
    const key = runtimeKey(s);
    if (key !== this.key) {
      this.key = key;
      setTimeout(() => void this.restart(), 0);
      return;
    }
    return this.serial(async () => {
      const rt = this.runtime;
      if (!rt || this.stopped) return;
      const target = await this.resolveTarget();
      if (target.mode !== rt.mode) {
        // The configuration can no longer be used as it was (e.g. the certificate cannot be unlocked): start over.
        await this.replace();
        return;
      }
      rt.core.reconfigure({ dfdg: target.dfdg, identity: target.identity, mode: target.mode, hub: target.hub });
      this.runtime = { ...rt, identity: target.identity };
    }).catch((err: unknown) => this.log(`applying the settings failed (${errorName(err)})`));
  }

  private log(line: string) {
    if (this.deps.log) this.deps.log(`[runtime] ${line}`);
    else if (this.deps.logger) this.deps.logger('info', `runtime: ${line}`);
    else console.log(`[runtime] ${line}`);
  }

  /** The running core, or null while it starts or restarts. */
  current(): Runtime | null {
    return this.runtime;
  }

  /** Called after every (re)start with the new runtime. */
  onChange(cb: (r: Runtime) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  start(): Promise<Runtime> {
    return this.serial(() => this.build());
  }

  restart(): Promise<Runtime | null> {
    return this.serial(() => this.replace());
  }

  /** Stops the running core and builds the next (inside `serial`). */
  private async replace(): Promise<Runtime | null> {
    if (this.stopped) return null;
    const old = this.runtime;
    this.runtime = null;
    if (old) await old.core.stop().catch((err: unknown) => this.log(`stopping the core failed (${errorName(err)})`));
    return this.build();
  }

  stop(): Promise<void> {
    return this.serial(async () => {
      this.stopped = true;
      this.offSettings();
      const old = this.runtime;
      this.runtime = null;
      if (old) await old.core.stop().catch((err: unknown) => this.log(`stopping the core failed (${errorName(err)})`));
      await this.stopSandboxHub();
      if (this.sandbox) await this.sandbox.close().catch((err: unknown) => this.log(`stopping the sandbox failed (${errorName(err)})`));
      this.sandbox = null;
    });
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async resolveTarget(): Promise<{ mode: RuntimeMode; dfdg: DfdgConfig | null; identity: Identity | null; sandboxUrl: string | null; problem: string | null; hub: HubTarget | null }> {
    const { settings } = this.deps;
    const now = (this.deps.clock ?? (() => new Date()))();
    let dfdg: DfdgConfig | null;
    try {
      dfdg = await settings.dfdgConfig();
    } catch (err) {
      this.log(`the DFDG configuration could not be read (${errorName(err)})`);
      return { mode: 'unconfigured', dfdg: null, identity: null, sandboxUrl: null, problem: messageOf(err, 'Certifikatet kunne ikke læses. Importér det igen under Indstillinger.'), hub: null };
    }
    if (dfdg) {
      try {
        const identity = settings.applyCaseworker(await this.deps.identityFromTls(dfdg.tls, undefined, now));
        const proxyUrl = await this.proxyFor(dfdg.baseUrl);
        return { mode: 'dfdg', dfdg: proxyUrl ? { ...dfdg, proxyUrl } : dfdg, identity, sandboxUrl: null, problem: null, hub: await this.settingsHub() };
      } catch (err) {
        this.log(`the configured certificate cannot be used (${errorName(err)})`);
        return { mode: 'unconfigured', dfdg: null, identity: null, sandboxUrl: null, problem: messageOf(err, 'Certifikatet kan ikke bruges. Importér et gyldigt certifikat under Indstillinger.'), hub: null };
      }
    }
    try {
      this.sandbox ??= await this.deps.startSandbox({ dataDir: join(this.deps.dataDir, 'sandbox'), port: 0 });
      const orgId = settings.sandboxOrganisation();
      const org = this.sandbox.certs.orgs[orgId];
      if (!org) throw new Error(`the sandbox has no certificate for ${orgId}`);
      const sandboxConfig: DfdgConfig = { baseUrl: this.sandbox.url, tls: { kind: 'pem', cert: org.certPem, key: org.keyPem, ca: this.sandbox.certs.caPem } };
      const identity = settings.applyCaseworker(await this.deps.identityFromTls(sandboxConfig.tls, undefined, now));
      const hub = (await this.settingsHub()) ?? this.sandboxHubTarget(orgId);
      return { mode: 'sandbox', dfdg: sandboxConfig, identity, sandboxUrl: this.sandbox.url, problem: null, hub };
    } catch (err) {
      this.log(`the bundled sandbox could not be started (${errorName(err)})`);
      return { mode: 'unconfigured', dfdg: null, identity: null, sandboxUrl: null, problem: 'Sandkassen kunne ikke startes. Genstart DFDG Desk, eller sæt DFDG op under Indstillinger.', hub: null };
    }
  }

  /** Indstillinger → Organisationens hub, when set. */
  private async settingsHub(): Promise<HubTarget | null> {
    try {
      const config = await this.deps.settings.hubConfig();
      return config ? { state: 'ready', source: 'settings', config } : null;
    } catch (err) {
      this.log(`the hub's certificate cannot be used (${errorName(err)})`);
      return { state: 'failed', source: 'settings', problem: messageOf(err, 'Dit personlige certifikat til hubben kan ikke bruges. Importér det igen under Indstillinger → Organisationens hub.') };
    }
  }

  /**
   * The sandbox organisation's own hub, connected with the organisation's first caseworker certificate
   * (`<org>-1`). Started in the background (the app shows at once; the Indbakke says the hub is
   * starting) and handed to the running core when it is up; one organisation at a time.
   */
  private sandboxHubTarget(orgId: string): HubTarget | null {
    const sandbox = this.sandbox;
    const cert = sandbox?.certs.caseworkers?.find((c) => c.id === `${orgId}-1`);
    if (!sandbox || !this.deps.startHub || !cert) return null;
    const current = this.sandboxHub;
    if (current?.orgId === orgId) {
      if (current.handle) return { state: 'ready', source: 'sandbox', config: { url: current.handle.url, tls: { kind: 'pem', cert: cert.certPem, key: cert.keyPem, ca: sandbox.certs.caPem } } };
      if (current.problem) return { state: 'failed', source: 'sandbox', problem: current.problem };
      return { state: 'starting', source: 'sandbox' };
    }
    const previous = current ? this.stopSandboxHub() : Promise.resolve();
    const entry: NonNullable<RuntimeManager['sandboxHub']> = { orgId, handle: null, problem: null, started: Promise.resolve() };
    this.sandboxHub = entry;
    const startHub = this.deps.startHub;
    entry.started = previous
      .then(() => startHub({ dataDir: join(this.deps.dataDir, 'hub', orgId), sandbox, orgId }))
      .then(
        (handle) => {
          if (this.sandboxHub !== entry || this.stopped) return handle.close();
          entry.handle = handle;
          this.log(`the sandbox's hub for ${orgId} runs at ${handle.url}`);
          // Not awaited: stop() waits for `started` inside the same serial chain.
          void this.applySandboxHub(entry);
          return undefined;
        },
        (err: unknown) => {
          if (this.sandboxHub !== entry) return;
          this.log(`the sandbox's hub could not be started; this desktop pulls the notifications itself (${errorName(err)})`);
          entry.problem = "Sandboxens hub kunne ikke startes, så Indbakken viser dette skrivebords egne advis'er (DFDG Desk henter selv sandboxens notifikationer).";
          void this.applySandboxHub(entry);
          return undefined;
        },
      );
    return { state: 'starting', source: 'sandbox' };
  }

  /** The running core gets the sandbox's hub (or learns it failed), if it still acts as that organisation. */
  private applySandboxHub(entry: NonNullable<RuntimeManager['sandboxHub']>): Promise<void> {
    return this.serial(async () => {
      const rt = this.runtime;
      if (!rt || this.stopped || this.sandboxHub !== entry || rt.mode !== 'sandbox') return;
      const target = await this.resolveTarget();
      if (target.mode !== rt.mode || `${target.identity?.organisation.type}-${target.identity?.organisation.code}` !== entry.orgId) return;
      rt.core.reconfigure({ dfdg: target.dfdg, identity: target.identity, mode: target.mode, hub: target.hub });
    }).catch((err: unknown) => this.log(`connecting the core to the sandbox's hub failed (${errorName(err)})`));
  }

  private async stopSandboxHub(): Promise<void> {
    const entry = this.sandboxHub;
    this.sandboxHub = null;
    if (!entry) return;
    await entry.started.catch(() => undefined);
    await entry.handle?.close().catch((err: unknown) => this.log(`stopping the sandbox's hub failed (${errorName(err)})`));
  }

  /**
   * The proxy to DFDG, as settings say: none, the one given, or the operating system's for DFDG's
   * address (PAC included). The bundled sandbox on 127.0.0.1 is always reached directly.
   */
  private async proxyFor(url: string): Promise<string | null> {
    const p = this.deps.settings.proxy();
    if (p.mode === 'none') return null;
    if (p.mode === 'manual') return p.url;
    if (!this.deps.resolveSystemProxy) return null;
    try {
      const proxy = await this.deps.resolveSystemProxy(url);
      if (proxy) this.log(`DFDG is reached through the system's proxy ${new URL(proxy).host}`);
      return proxy;
    } catch (err) {
      this.log(`the system's proxy could not be determined; connecting directly (${errorName(err)})`);
      return null;
    }
  }

  private async build(): Promise<Runtime> {
    const target = await this.resolveTarget();
    const core = await this.deps.createCore({
      dataDir: coreDataDir(this.deps.dataDir, target.mode, target.identity),
      dbKey: this.deps.dbKey,
      settings: this.deps.settings,
      dfdg: target.dfdg,
      identity: target.identity,
      mode: target.mode,
      sandboxUrl: target.sandboxUrl,
      hub: target.hub,
      ...(this.deps.clock ? { clock: this.deps.clock } : {}),
      ...(this.deps.logger ? { log: this.deps.logger } : {}),
    });
    core.start();
    const runtime: Runtime = { mode: target.mode, identity: target.identity, core, sandboxUrl: target.sandboxUrl, problem: target.problem };
    this.runtime = runtime;
    this.log(`running in ${target.mode} mode${target.identity ? ` as ${target.identity.organisation.type}-${target.identity.organisation.code}` : ''}`);
    for (const cb of [...this.listeners]) {
      try {
        cb(runtime);
      } catch (err) {
        this.log(`a runtime listener failed (${errorName(err)})`);
      }
    }
    return runtime;
  }
}
