// The e2e harness: one DFDG sandbox (fresh temp data dir, port 0), and per caseworker a real core
// built the way the shell builds it (its own data dir, db key wrapped by a test SecretStore, settings,
// identity from its sandbox certificate, mode 'sandbox'), behind the same dispatcher and event
// forwarding the shell uses, served to Chromium by browser mode's own server (main/web/server.ts: its
// key, Host/Origin checks and one session at a time). Polls every ~0.75 s, so notifications arrive in
// a second or two. Everything is torn down by close().
//
//   const env = await startE2e();
//   const akasse = await env.caseworker('akasse-067');        // core + browser-mode server + a page in Chromium
//   await akasse.page.getByLabel('CPR-nummer eller navn').fill(...);
//   await env.close();
//
// Plain module (no vitest import), so test/bench/renderer.ts uses it too.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createCore, type Core, type CoreOptions } from '../../main/core/app';
import { identityFromTls } from '../../main/core/dfdg/identity';
import { createDispatcher, describeErrorSafely, registerEventForwarding, type Dispatch } from '../../main/core/ipc/dispatch';
import { createTestSecretStore, loadOrCreateDbKey, SettingsService } from '../../main/core/settings';
import type { SandboxOrganisation } from '../../shared/constants';
import { sandboxAdmin, type SandboxAdmin } from '../../sandbox/adminClient';
import { startSandbox } from '../../sandbox/server';
import type { Channel, ChannelRequest, ChannelResponse, IpcResult } from '../../shared/ipc';
import { readSample, type Sample, type SampleCitizen, type SandboxHandle } from '../contract/helpers';
import { startWebServer, type WebServer } from '../../main/web/server';
import { launchChromium, openApp } from './browser';

export const RENDERER_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../out/renderer');

export type OrgId = SandboxOrganisation;

export interface E2eOptions {
  /** Citizens in the sandbox population (default 300: enough for every fixed access case). */
  citizens?: number;
  seed?: number;
  /** Between notification polls (default 750 ms). */
  pollIntervalMs?: number;
  /** Launch Chromium (default true). */
  browser?: boolean;
}

export interface CaseworkerOptions {
  /** Open a page at once (default true). */
  page?: boolean;
  /** Viewport of that page. */
  width?: number;
  height?: number;
  /** Extra createCore options (tests and the bench). */
  core?: Partial<CoreOptions>;
  /** Count the bytes of every file the server serves, by path (bench). */
  served?: Map<string, number>;
  /** The caseworker's own data directory name (default the organisation's id; two caseworkers of one organisation need two). */
  dir?: string;
}

export interface Caseworker {
  orgId: OrgId;
  core: Core;
  settings: SettingsService;
  /** Browser mode's server for this caseworker (server.url carries the key). */
  server: WebServer;
  dataDir: string;
  /** The caseworker's page: the one opened at start, or the latest newPage() (throws when there is none). */
  readonly page: Page;
  /**
   * A new page (own browser context) on the same core. Browser mode serves one session at a time,
   * so the caseworker's current page is closed first (as a caseworker closes one window to open another).
   */
  newPage(opts?: { width?: number; height?: number }): Promise<Page>;
  /** Closes the caseworker's page (its browser context) and waits until the server has no session. */
  closePage(): Promise<void>;
  /** A call through the same dispatcher the page uses (setup and checks the user cannot see). */
  call<C extends Channel>(channel: C, request: ChannelRequest<C>): Promise<ChannelResponse<C>>;
  /** Unexpected failures the dispatcher reported (handler threw something untyped, response off-schema). */
  internalErrors: string[];
}

export interface E2eEnv {
  sb: SandboxHandle;
  admin: SandboxAdmin;
  sample: Sample;
  /** The sandbox's today (YYYY-MM-DD). */
  today: string;
  browser: Browser;
  caseworker(orgId: OrgId, opts?: CaseworkerOptions): Promise<Caseworker>;
  /** The first citizen the organisation may see that matches (throws when none does). */
  citizen(orgId: OrgId, match: (c: SampleCitizen) => boolean, what?: string): SampleCitizen;
  close(): Promise<void>;
}

const ENGINE: CoreOptions['engine'] = {
  // Short backoff and probes: a failed send is visible for a moment, then retried within a second
  // or so after the sandbox is back. The app's own attempt cap: a probe that cannot reach DFDG costs
  // no attempt, so the faster probes here do not give anything up sooner than in the app.
  baseDelayMs: 150,
  maxDelayMs: 600,
  settleMs: 50,
  probeMs: 150,
  probeMaxMs: 1_000,
  stopTimeoutMs: 2_000,
};

export async function startE2e(opts: E2eOptions = {}): Promise<E2eEnv> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dfdg-e2e-'));
  const cleanups: (() => Promise<void>)[] = [];
  let browser: Browser | null = null;
  try {
    const sb = await startSandbox({ dataDir: path.join(root, 'sandbox'), port: 0, citizens: opts.citizens ?? 300, seed: opts.seed ?? 7 });
    cleanups.push(() => sb.close());
    const admin = sandboxAdmin(sb);
    const sample = readSample(sb.dataDir);
    if (opts.browser !== false) browser = await launchChromium();

    const env: E2eEnv = {
      sb,
      admin,
      sample,
      today: sample.today ?? new Date().toISOString().slice(0, 10),
      get browser(): Browser {
        if (!browser) throw new Error('startE2e({ browser: false }): no browser');
        return browser;
      },
      caseworker: async (orgId, o = {}) => {
        const cw = await startCaseworker(sb, orgId, path.join(root, o.dir ?? orgId), opts.pollIntervalMs ?? 750, browser, o);
        cleanups.push(cw.close);
        return cw.handle;
      },
      citizen: (orgId, match, what = 'matching') => {
        const org = sample.organisations.find((x) => x.id === orgId);
        const c = org?.visible.find(match);
        if (!c) throw new Error(`population-sample.json: no ${what} citizen visible to ${orgId}`);
        return c;
      },
      close: async () => {
        // The browser first: pages must not see their server vanish (reconnect noise).
        await browser?.close().catch(() => undefined);
        browser = null;
        for (const c of cleanups.reverse()) await c().catch((e: unknown) => console.error('e2e teardown:', e instanceof Error ? e.message : e));
        fs.rmSync(root, { recursive: true, force: true });
      },
    };
    return env;
  } catch (err) {
    await browser?.close().catch(() => undefined);
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    fs.rmSync(root, { recursive: true, force: true });
    throw err;
  }
}

async function startCaseworker(
  sb: SandboxHandle,
  orgId: OrgId,
  dataDir: string,
  pollIntervalMs: number,
  browser: Browser | null,
  o: CaseworkerOptions,
): Promise<{ handle: Caseworker; close: () => Promise<void> }> {
  fs.mkdirSync(dataDir, { recursive: true });
  const org = sb.certs.orgs[orgId];
  if (!org) throw new Error(`The sandbox has no certificate for ${orgId}`);
  // As main/index.ts + main/runtime.ts do it, with a test SecretStore in place of safeStorage.
  const secrets = createTestSecretStore();
  const dbKey = await loadOrCreateDbKey(dataDir, secrets);
  const settings = await SettingsService.open(dataDir, secrets);
  await settings.save({ sandboxOrganisation: orgId });
  const tls = { kind: 'pem' as const, cert: org.certPem, key: org.keyPem, ca: sb.certs.caPem };
  const identity = settings.applyCaseworker(identityFromTls(tls));
  const core = await createCore({
    dataDir: path.join(dataDir, 'core'),
    dbKey,
    settings,
    dfdg: { baseUrl: sb.url, tls, timeoutMs: 5_000 },
    identity,
    mode: 'sandbox',
    sandboxUrl: sb.url,
    pollIntervalMs,
    retention: false,
    engine: ENGINE,
    ...o.core,
  });
  core.start();

  const internalErrors: string[] = [];
  const onError = (channel: string, err: unknown) => internalErrors.push(`${channel}: ${describeErrorSafely(err)}`);
  // As main/index.ts attach() does (unpackaged): responses and events checked against the contract.
  const dispatch: Dispatch = createDispatcher(core.handlers, { validateResponses: true, onError });
  const server = await startWebServer({ rendererDir: RENDERER_DIR, dispatch: () => dispatch, ...(o.served ? { served: o.served } : {}) });
  const stopEvents = registerEventForwarding(core.on, (event, payload) => server.send(event, payload), { validate: true, onError });

  let page: Page | null = null;
  const closePage = async () => {
    const open = page;
    page = null;
    if (open) await open.context().close();
    await server.idle();
  };
  const newPage = async (p: { width?: number; height?: number } = {}) => {
    if (!browser) throw new Error('no browser in this e2e environment');
    await closePage();
    page = await openApp(browser, server, { ...(p.width ? { width: p.width } : {}), ...(p.height ? { height: p.height } : {}) });
    return page;
  };
  if (o.page !== false && browser) await newPage({ ...(o.width ? { width: o.width } : {}), ...(o.height ? { height: o.height } : {}) });

  const handle: Caseworker = {
    orgId,
    core,
    settings,
    server,
    dataDir,
    get page(): Page {
      if (!page) throw new Error(`${orgId} has no page open`);
      return page;
    },
    newPage,
    closePage,
    internalErrors,
    async call(channel, request) {
      const r = (await dispatch(channel, request)) as IpcResult<ChannelResponse<typeof channel>>;
      if (!r.ok) throw new Error(`${channel} failed: ${r.error.kind} ${r.error.code ?? ''} ${r.error.message}`);
      return r.data;
    },
  };
  return {
    handle,
    close: async () => {
      stopEvents();
      await server.close();
      await core.stop();
    },
  };
}

/** DDMMÅÅ-XXXX, the way a caseworker types a CPR number. */
export function dashed(cpr: string): string {
  return `${cpr.slice(0, 6)}-${cpr.slice(6)}`;
}

/** YYYY-MM-DD plus n days. */
export function addDays(iso: string, n: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** dd-mm-åååå for typing into a DateField. */
export function danish(iso: string): string {
  return `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
}
