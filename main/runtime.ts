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
import type { CoreOn } from './core/ipc/dispatch';
import { errorName, type Logger } from './core/log';
import type { SettingsService } from './core/settings/settingsService';

export type RuntimeMode = 'sandbox' | 'dfdg' | 'unconfigured';

/** What a core talks to and acts as (createCore's CoreTarget). */
export interface CoreTarget {
  dfdg: DfdgConfig | null;
  identity: Identity | null;
  mode: RuntimeMode;
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
}

export interface SandboxLike {
  url: string;
  certs: { caPem: string; orgs: Record<string, { certPem: string; keyPem: string }> };
  close(): Promise<void>;
}

export interface RuntimeDeps {
  /** The app's data directory (Electron's userData). */
  dataDir: string;
  dbKey: Buffer;
  settings: SettingsService;
  createCore(opts: CoreOptions): Promise<CoreLike>;
  startSandbox(opts: { dataDir: string; port: number }): Promise<SandboxLike>;
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

/** CoreError messages are Danish and meant for the caseworker; anything else gets the fallback. */
const messageOf = (err: unknown, fallback: string) => (err instanceof CoreError && err.message ? err.message : fallback);

export class RuntimeManager {
  private runtime: Runtime | null = null;
  private sandbox: SandboxLike | null = null;
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
      rt.core.reconfigure({ dfdg: target.dfdg, identity: target.identity, mode: target.mode });
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
      if (this.sandbox) await this.sandbox.close().catch((err: unknown) => this.log(`stopping the sandbox failed (${errorName(err)})`));
      this.sandbox = null;
    });
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async resolveTarget(): Promise<{ mode: RuntimeMode; dfdg: DfdgConfig | null; identity: Identity | null; sandboxUrl: string | null; problem: string | null }> {
    const { settings } = this.deps;
    const now = (this.deps.clock ?? (() => new Date()))();
    let dfdg: DfdgConfig | null;
    try {
      dfdg = await settings.dfdgConfig();
    } catch (err) {
      this.log(`the DFDG configuration could not be read (${errorName(err)})`);
      return { mode: 'unconfigured', dfdg: null, identity: null, sandboxUrl: null, problem: messageOf(err, 'Certifikatet kunne ikke læses. Importér det igen under Indstillinger.') };
    }
    if (dfdg) {
      try {
        const identity = settings.applyCaseworker(await this.deps.identityFromTls(dfdg.tls, undefined, now));
        const proxyUrl = await this.proxyFor(dfdg.baseUrl);
        return { mode: 'dfdg', dfdg: proxyUrl ? { ...dfdg, proxyUrl } : dfdg, identity, sandboxUrl: null, problem: null };
      } catch (err) {
        this.log(`the configured certificate cannot be used (${errorName(err)})`);
        return { mode: 'unconfigured', dfdg: null, identity: null, sandboxUrl: null, problem: messageOf(err, 'Certifikatet kan ikke bruges. Importér et gyldigt certifikat under Indstillinger.') };
      }
    }
    try {
      this.sandbox ??= await this.deps.startSandbox({ dataDir: join(this.deps.dataDir, 'sandbox'), port: 0 });
      const orgId = settings.sandboxOrganisation();
      const org = this.sandbox.certs.orgs[orgId];
      if (!org) throw new Error(`the sandbox has no certificate for ${orgId}`);
      const sandboxConfig: DfdgConfig = { baseUrl: this.sandbox.url, tls: { kind: 'pem', cert: org.certPem, key: org.keyPem, ca: this.sandbox.certs.caPem } };
      const identity = settings.applyCaseworker(await this.deps.identityFromTls(sandboxConfig.tls, undefined, now));
      return { mode: 'sandbox', dfdg: sandboxConfig, identity, sandboxUrl: this.sandbox.url, problem: null };
    } catch (err) {
      this.log(`the bundled sandbox could not be started (${errorName(err)})`);
      return { mode: 'unconfigured', dfdg: null, identity: null, sandboxUrl: null, problem: 'Sandkassen kunne ikke startes. Genstart DFDG Desk, eller sæt DFDG op under Indstillinger.' };
    }
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
