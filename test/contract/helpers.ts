// Contract-test helpers: start the sandbox in-process, and build DFDG clients and call contexts for
// one of its organisations. Reusable by any suite that needs real clients against a real sandbox:
//
//   const env = withSandbox();                       // beforeAll: start; afterAll: close + remove data dir
//   const c = env.clientsFor('akasse-067');          // DfdgClients with that organisation's certificate
//   await c.personStatus.getVariablePersonStatus(env.ctxFor('akasse-067'), env.visible('akasse-067')[0].cpr);
//
// or, with a handle of your own: clientsFor(sb, orgId), ctxFor(sb, orgId), configFor(sb, orgId).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createDfdgClients, identityFromTls, type CallContext, type DfdgClients, type DfdgConfig } from '../../main/core/dfdg';
import type { Identity } from '../../shared/domain';
import { sandboxAdmin } from '../../sandbox/adminClient';
import type * as SandboxSample from '../../sandbox/sample';
import { startSandbox } from '../../sandbox/server';

export type SandboxHandle = Awaited<ReturnType<typeof startSandbox>>;
export type SandboxAdmin = ReturnType<typeof sandboxAdmin>;

/** A citizen in `<dataDir>/population-sample.json` (sandbox-contract.md "The sample file"). */
export type SampleCitizen = SandboxSample.SampleVisible;
/** What the contract promises is required; the sandbox's extras (wire-contract §6) are optional here. */
type WithOptional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;
export type SampleOrganisation = WithOptional<SandboxSample.SampleOrganisation, 'deceased' | 'formerMembers'>;
export interface Sample {
  today?: string;
  organisations: SampleOrganisation[];
  companies?: WithOptional<SandboxSample.Sample['companies'], 'withoutActivity' | 'withoutAccount'>;
}

export interface ClientOptions {
  /** Use the organisation's PKCS#12 bundle instead of PEM (default false). */
  pkcs12?: boolean;
  timeoutMs?: number;
}

/** The DfdgConfig an organisation of the sandbox would use. */
export function configFor(sb: SandboxHandle, orgId: string, opts: ClientOptions = {}): DfdgConfig {
  const org = sb.certs.orgs[orgId];
  if (!org) throw new Error(`The sandbox has no organisation ${orgId}`);
  return {
    baseUrl: sb.url,
    tls: opts.pkcs12
      ? { kind: 'pkcs12', ca: sb.certs.caPem, pfx: org.p12, passphrase: sb.certs.passphrase }
      : { kind: 'pem', ca: sb.certs.caPem, cert: org.certPem, key: org.keyPem },
    timeoutMs: opts.timeoutMs ?? 10_000,
  };
}

/** Real DFDG clients acting as the organisation. Close them (`.close()`) when done. */
export function clientsFor(sb: SandboxHandle, orgId: string, opts: ClientOptions = {}): DfdgClients {
  return createDfdgClients(configFor(sb, orgId, opts));
}

const identities = new WeakMap<SandboxHandle, Map<string, Identity>>();

/** The identity derived from the organisation's certificate (cached per handle). */
export function identityFor(sb: SandboxHandle, orgId: string): Identity {
  let m = identities.get(sb);
  if (!m) identities.set(sb, (m = new Map()));
  let id = m.get(orgId);
  if (!id) {
    const org = sb.certs.orgs[orgId];
    if (!org) throw new Error(`The sandbox has no organisation ${orgId}`);
    id = identityFromTls({ kind: 'pem', cert: org.certPem, key: org.keyPem });
    m.set(orgId, id);
  }
  return id;
}

/** A call context for the organisation's caseworker (userType 2) or its system poller (3). */
export function ctxFor(sb: SandboxHandle, orgId: string, userType: 2 | 3 = 2): CallContext {
  return { identity: identityFor(sb, orgId), userType };
}

/** YYYY-MM-DD plus n days. */
export function addDays(d: string, n: number): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export function readSample(dataDir: string): Sample {
  return JSON.parse(fs.readFileSync(path.join(dataDir, 'population-sample.json'), 'utf8')) as Sample;
}

export interface SandboxEnv {
  readonly sb: SandboxHandle;
  readonly admin: SandboxAdmin;
  readonly sample: Sample;
  readonly dataDir: string;
  /** The sandbox's "today" (YYYY-MM-DD) as written in the sample. */
  readonly today: string;
  /** Clients for the organisation; closed automatically after the suite. */
  clientsFor(orgId: string, opts?: ClientOptions): DfdgClients;
  ctxFor(orgId: string, userType?: 2 | 3): CallContext;
  org(orgId: string): SampleOrganisation;
  /** Citizens the organisation may see (optionally filtered by contact group). */
  visible(orgId: string, contactGroup?: number): SampleCitizen[];
  /** Citizens the organisation may not see, with the reason. */
  notVisible(orgId: string, reason?: RegExp): { cpr: string; reason: string }[];
}

/**
 * Starts a sandbox in a fresh temporary data dir before the suite's tests and closes it (and removes
 * the dir) after them. Use inside a test file or describe block.
 */
export function withSandbox(opts: { citizens?: number; seed?: number; today?: string } = {}): SandboxEnv {
  let sb: SandboxHandle | undefined;
  let admin: SandboxAdmin | undefined;
  let sample: Sample | undefined;
  let dataDir = '';
  const opened: DfdgClients[] = [];
  const need = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('withSandbox(): the sandbox is not started (use it inside tests or hooks)');
    return v;
  };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfdg-contract-'));
    sb = await startSandbox({ dataDir, port: 0, ...opts });
    admin = sandboxAdmin(sb);
    sample = readSample(dataDir);
  });

  afterAll(async () => {
    for (const c of opened) c.close();
    await sb?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const env: SandboxEnv = {
    get sb() {
      return need(sb);
    },
    get admin() {
      return need(admin);
    },
    get sample() {
      return need(sample);
    },
    get dataDir() {
      return dataDir;
    },
    get today() {
      return need(sample).today ?? new Date().toISOString().slice(0, 10);
    },
    clientsFor(orgId, o) {
      const c = clientsFor(need(sb), orgId, o);
      opened.push(c);
      return c;
    },
    ctxFor(orgId, userType) {
      return ctxFor(need(sb), orgId, userType);
    },
    org(orgId) {
      const o = need(sample).organisations.find((x) => x.id === orgId);
      if (!o) throw new Error(`population-sample.json has no organisation ${orgId}`);
      return o;
    },
    visible(orgId, contactGroup) {
      const v = env.org(orgId).visible;
      return contactGroup === undefined ? v : v.filter((c) => c.contactGroup === contactGroup);
    },
    notVisible(orgId, reason) {
      const n = env.org(orgId).notVisible;
      return reason ? n.filter((c) => reason.test(c.reason)) : n;
    },
  };
  return env;
}
