import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import forge from 'node-forge';
import { SettingsService, createTestSecretStore, identityOffThread, type SecretStore } from '../../main/core/settings';
import { RuntimeManager, runtimeKey, type CoreLike, type CoreOptions, type CoreTarget, type HubLike, type RuntimeDeps, type SandboxLike } from '../../main/runtime';
import { makeClientCert } from '../core/settings/certs';

const NOW = new Date('2027-06-01T10:00:00Z');

function fakeSandbox(): SandboxLike & { closed: number } {
  const org = (ou: string, o: string) => {
    const c = makeClientCert({ ou, o, cn: `Sagsbehandler ${ou}` });
    return { certPem: c.certPem, keyPem: c.keyPem };
  };
  const caseworker = (orgId: string, cn: string) => {
    const c = makeClientCert({ ou: orgId, cn });
    return { id: `${orgId}-1`, orgId, certPem: c.certPem, keyPem: c.keyPem };
  };
  const sb = {
    url: 'https://127.0.0.1:40443',
    dataDir: '/sandbox-data',
    closed: 0,
    certs: {
      caPem: 'ca',
      orgs: { 'akasse-067': org('akasse-067', 'A-kasse Nordlys (sandbox)'), 'jobcenter-10100': org('jobcenter-10100', 'Jobcenter København (sandbox)') } as Record<string, { certPem: string; keyPem: string }>,
      caseworkers: [caseworker('akasse-067', 'Karen Frølich'), caseworker('jobcenter-10100', 'Søren Østergaard')],
    },
    close: async () => {
      sb.closed++;
    },
  };
  return sb;
}

let dir: string;
let secrets: SecretStore;
let settings: SettingsService;
let cores: (CoreOptions & { started: number; stopped: number; reconfigured: CoreTarget[] })[];
let sandbox: ReturnType<typeof fakeSandbox>;
let sandboxStarts: { dataDir: string; port: number }[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dfdg-runtime-'));
  secrets = createTestSecretStore();
  settings = await SettingsService.open(dir, secrets, { clock: () => NOW });
  cores = [];
  sandbox = fakeSandbox();
  sandboxStarts = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function deps(over: Partial<RuntimeDeps> = {}): RuntimeDeps {
  return {
    dataDir: dir,
    dbKey: Buffer.alloc(32, 7),
    settings,
    clock: () => NOW,
    log: () => undefined,
    // As the shells wire it (main/index.ts, main/web/app.ts): a PKCS#12 bundle is read in a worker.
    identityFromTls: identityOffThread,
    startSandbox: async (o) => {
      sandboxStarts.push(o);
      return sandbox;
    },
    createCore: async (opts) => {
      const record = { ...opts, started: 0, stopped: 0, reconfigured: [] as CoreTarget[] };
      cores.push(record);
      const core: CoreLike = {
        handlers: {} as CoreLike['handlers'],
        on: () => () => undefined,
        start: () => void record.started++,
        stop: async () => void record.stopped++,
        reconfigure: (t) => void record.reconfigured.push(t),
      };
      return core;
    },
    ...over,
  };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('RuntimeManager', () => {
  it('without a DFDG, starts the bundled sandbox (port 0, under userData) and acts as akasse-067', async () => {
    const m = new RuntimeManager(deps());
    const rt = await m.start();
    expect(sandboxStarts).toEqual([{ dataDir: join(dir, 'sandbox'), port: 0 }]);
    expect(rt.mode).toBe('sandbox');
    expect(rt.identity!.organisation).toMatchObject({ type: 'akasse', code: '067' });
    expect(rt.sandboxUrl).toBe(sandbox.url);
    expect(cores).toHaveLength(1);
    expect(cores[0]).toMatchObject({ mode: 'sandbox', sandboxUrl: sandbox.url, settings, started: 1 });
    expect(cores[0]!.dfdg).toMatchObject({ baseUrl: sandbox.url, tls: { kind: 'pem', ca: 'ca' } });
    expect(cores[0]!.dataDir).toBe(join(dir, 'core', 'sandbox-akasse-067'));
    expect(m.current()).toBe(rt);
  });

  it('switching the sandbox organisation in settings rebuilds the core as that organisation, with its own data', async () => {
    const m = new RuntimeManager(deps());
    await m.start();
    const seen: string[] = [];
    m.onChange((rt) => seen.push(`${rt.identity!.organisation.type}-${rt.identity!.organisation.code}`));
    await settings.save({ sandboxOrganisation: 'jobcenter-10100' });
    await settle();
    expect(cores).toHaveLength(2);
    expect(cores[0]!.stopped).toBe(1);
    // Not also reconfigured in place: one path per change.
    expect(cores[0]!.reconfigured).toEqual([]);
    expect(cores.at(-1)).toMatchObject({ mode: 'sandbox', dataDir: join(dir, 'core', 'sandbox-jobcenter-10100') });
    expect(cores.at(-1)!.identity!.organisation.code).toBe('10100');
    expect(seen[0]).toBe('jobcenter-10100');
    expect(sandboxStarts).toHaveLength(1);
  });

  it('does not rebuild the core for settings that do not change who it acts as: it hands them to the running core before the save resolves', async () => {
    const m = new RuntimeManager(deps());
    await m.start();
    await settings.save({ retentionDays: 90, staleAfterMinutes: 5, caseworkerName: 'Ny Navnesen' });
    // No settle: the save itself waited for the core to have the change.
    expect(cores[0]!.reconfigured).toHaveLength(1);
    expect(cores[0]!.reconfigured[0]).toMatchObject({ mode: 'sandbox', dfdg: { baseUrl: sandbox.url }, identity: { caseworker: { fullName: 'Ny Navnesen' } } });
    expect(m.current()!.identity!.caseworker.fullName).toBe('Ny Navnesen');
    await settle();
    expect(cores).toHaveLength(1);
    expect(cores[0]!.stopped).toBe(0);
  });

  it('against DFDG, a new address or service reaches the running core in place, through the one path', async () => {
    const cert = makeClientCert({ ou: 'jobcenter-75100', o: 'Jobcenter Aarhus' });
    await settings.importCertificate(cert.p12, cert.passphrase);
    await settings.save({ dfdgBaseUrl: 'https://dfdg.example' });
    const m = new RuntimeManager(deps());
    await m.start();
    await settings.save({ dfdgBaseUrl: 'https://dfdg-test.example', services: { FravaerService: { url: 'https://fravaer.example/api' } } });
    expect(cores).toHaveLength(1);
    expect(cores[0]!.reconfigured).toHaveLength(1);
    expect(cores[0]!.reconfigured[0]).toMatchObject({ mode: 'dfdg', dfdg: { baseUrl: 'https://dfdg-test.example', services: { FravaerService: { url: 'https://fravaer.example/api' } } } });
    await settle();
    expect(cores[0]!.stopped).toBe(0);
  });


  it('with a DFDG address and certificate, does not start the sandbox and acts as the certificate says', async () => {
    const cert = makeClientCert({ ou: 'jobcenter-75100', o: 'Jobcenter Aarhus' });
    await settings.importCertificate(cert.p12, cert.passphrase);
    await settings.save({ dfdgBaseUrl: 'https://dfdg.example', caseworkerName: 'Mette Ærø' });
    const rt = await new RuntimeManager(deps()).start();
    expect(sandboxStarts).toHaveLength(0);
    expect(rt.mode).toBe('dfdg');
    expect(rt.identity!.organisation).toMatchObject({ type: 'jobcenter', code: '75100', name: 'Jobcenter Aarhus' });
    expect(rt.identity!.caseworker.fullName).toBe('Mette Ærø');
    expect(cores[0]).toMatchObject({ mode: 'dfdg', sandboxUrl: null, dataDir: join(dir, 'core', 'dfdg-jobcenter-75100') });
    expect(cores[0]!.dfdg!.baseUrl).toBe('https://dfdg.example');
  });

  it('reads the stored PKCS#12 bundle in a worker thread at start: node-forge never parses it on the main thread', async () => {
    const cert = makeClientCert({ ou: 'jobcenter-75100', o: 'Jobcenter Aarhus' });
    await settings.importCertificate(cert.p12, cert.passphrase);
    await settings.save({ dfdgBaseUrl: 'https://dfdg.example' });
    const parseHere = vi.spyOn(forge.pkcs12, 'pkcs12FromAsn1');
    try {
      const rt = await new RuntimeManager(deps()).start();
      expect(rt.identity!.organisation.code).toBe('75100');
      expect(parseHere).not.toHaveBeenCalled();
    } finally {
      parseHere.mockRestore();
    }
  });

  describe('the organisation hub', () => {
    /** A startHub whose hubs start when the test says. */
    function hubs() {
      const started: { dataDir: string; orgId: string; resolve: (h: HubLike) => void; reject: (e: Error) => void; closed: number }[] = [];
      const startHub: NonNullable<RuntimeDeps['startHub']> = (o) =>
        new Promise<HubLike>((resolve, reject) => {
          const entry = { dataDir: o.dataDir, orgId: o.orgId, resolve, reject, closed: 0 };
          started.push(entry);
        });
      const up = (i: number, url: string) => started[i]!.resolve({ url, close: async () => void started[i]!.closed++ });
      return { started, startHub, up };
    }
    const reconfiguredHub = (i = 0) => cores[i]!.reconfigured.at(-1)?.hub;

    it('in the sandbox, starts the organisation’s hub in the background: the core leaves the notifications to it at once and connects when it is up', async () => {
      const h = hubs();
      const m = new RuntimeManager(deps({ startHub: h.startHub }));
      await m.start();
      // The app is up before the hub: the core knows a hub is coming (and so pulls nothing itself).
      expect(cores[0]!.hub).toEqual({ state: 'starting', source: 'sandbox' });
      expect(h.started).toEqual([expect.objectContaining({ dataDir: join(dir, 'hub', 'akasse-067'), orgId: 'akasse-067' })]);
      h.up(0, 'https://127.0.0.1:40444');
      await settle();
      // Connected with the organisation's first caseworker certificate and the sandbox's CA.
      expect(reconfiguredHub()).toMatchObject({ state: 'ready', source: 'sandbox', config: { url: 'https://127.0.0.1:40444', tls: { kind: 'pem', ca: 'ca', cert: sandbox.certs.caseworkers![0]!.certPem } } });
      await m.stop();
      expect(h.started[0]!.closed).toBe(1);
    });

    it('when the sandbox’s hub cannot start, the core is told why and pulls the notifications itself', async () => {
      const h = hubs();
      const lines: string[] = [];
      await new RuntimeManager(deps({ startHub: h.startHub, log: (l) => lines.push(l) })).start();
      h.started[0]!.reject(new Error('no PostgreSQL for this platform'));
      await settle();
      expect(reconfiguredHub()).toMatchObject({ state: 'failed', source: 'sandbox', problem: expect.stringMatching(/^Sandboxens hub kunne ikke startes/) });
      expect(lines).toContain("[runtime] the sandbox's hub could not be started; this desktop pulls the notifications itself (Error)");
    });

    it('another sandbox organisation gets its own hub; the first is closed', async () => {
      const h = hubs();
      const m = new RuntimeManager(deps({ startHub: h.startHub }));
      await m.start();
      h.up(0, 'https://127.0.0.1:40444');
      await settle();
      await settings.save({ sandboxOrganisation: 'jobcenter-10100' });
      await settle();
      expect(h.started.map((x) => x.orgId)).toEqual(['akasse-067', 'jobcenter-10100']);
      expect(h.started[0]!.closed).toBe(1);
      expect(cores.at(-1)!.hub).toEqual({ state: 'starting', source: 'sandbox' });
      h.up(1, 'https://127.0.0.1:40445');
      await settle();
      expect(cores.at(-1)!.reconfigured.at(-1)!.hub).toMatchObject({ state: 'ready', config: { url: 'https://127.0.0.1:40445', tls: { cert: sandbox.certs.caseworkers![1]!.certPem } } });
      await m.stop();
      expect(h.started[1]!.closed).toBe(1);
    });

    it('a hub set in Indstillinger is used instead of the sandbox’s, and reaches the running core in place', async () => {
      const h = hubs();
      await new RuntimeManager(deps({ startHub: h.startHub })).start();
      const cert = makeClientCert({ ou: 'akasse-067', cn: 'Bjørn Aagaard' });
      await settings.setHub('https://hub.nordlys.example', { p12: cert.p12, passphrase: cert.passphrase });
      expect(cores).toHaveLength(1);
      expect(reconfiguredHub()).toMatchObject({ state: 'ready', source: 'settings', config: { url: 'https://hub.nordlys.example', tls: { kind: 'pkcs12', passphrase: cert.passphrase } } });
      await settings.setHub(null, {});
      // Without it, the sandbox's own hub again (still starting here).
      expect(reconfiguredHub()).toEqual({ state: 'starting', source: 'sandbox' });
    });

    it('without startHub (a packaged app: the hub is not shipped) there is no hub and the desktop pulls itself', async () => {
      await new RuntimeManager(deps()).start();
      expect(cores[0]!.hub).toBeNull();
    });
  });

  describe('the proxy to DFDG', () => {
    const dfdgSettings = async () => {
      const cert = makeClientCert({ ou: 'jobcenter-75100', o: 'Jobcenter Aarhus' });
      await settings.importCertificate(cert.p12, cert.passphrase);
      await settings.save({ dfdgBaseUrl: 'https://dfdg.example/' });
    };

    it('by default uses the system’s proxy for DFDG’s address (the shell resolves it, PAC included) and hands it to the core', async () => {
      await dfdgSettings();
      const asked: string[] = [];
      await new RuntimeManager(deps({ resolveSystemProxy: async (url) => (asked.push(url), 'http://proxy.kommune.dk:8080') })).start();
      expect(asked).toEqual(['https://dfdg.example/']);
      expect(cores[0]!.dfdg).toMatchObject({ baseUrl: 'https://dfdg.example/', proxyUrl: 'http://proxy.kommune.dk:8080' });
    });

    it('a proxy chosen in Indstillinger overrides the system’s, and "Ingen proxy" connects directly; neither asks the system', async () => {
      await dfdgSettings();
      const resolveSystemProxy = vi.fn(async () => 'http://system-proxy:3128');
      await settings.save({ proxy: { mode: 'manual', url: 'http://proxy.region.dk:8080' } });
      await new RuntimeManager(deps({ resolveSystemProxy })).start();
      expect(cores[0]!.dfdg!.proxyUrl).toBe('http://proxy.region.dk:8080');
      await settings.save({ proxy: { mode: 'none', url: null } });
      expect(cores[0]!.reconfigured.at(-1)!.dfdg).not.toHaveProperty('proxyUrl');
      expect(resolveSystemProxy).not.toHaveBeenCalled();
    });

    it('a change of proxy reaches the running core in place, before the save resolves', async () => {
      await dfdgSettings();
      await new RuntimeManager(deps({ resolveSystemProxy: async () => null })).start();
      expect(cores[0]!.dfdg).not.toHaveProperty('proxyUrl');
      await settings.save({ proxy: { mode: 'manual', url: 'https://proxy.region.dk:8443' } });
      expect(cores).toHaveLength(1);
      expect(cores[0]!.reconfigured.at(-1)!.dfdg!.proxyUrl).toBe('https://proxy.region.dk:8443');
    });

    it('connects directly, and says so in the log, when the system’s proxy cannot be determined', async () => {
      await dfdgSettings();
      const lines: string[] = [];
      await new RuntimeManager(deps({ log: (l) => lines.push(l), resolveSystemProxy: async () => Promise.reject(new TypeError('no session')) })).start();
      expect(cores[0]!.mode).toBe('dfdg');
      expect(cores[0]!.dfdg).not.toHaveProperty('proxyUrl');
      expect(lines).toContain("[runtime] the system's proxy could not be determined; connecting directly (TypeError)");
    });

    it('never puts the bundled sandbox behind a proxy', async () => {
      await settings.save({ proxy: { mode: 'manual', url: 'http://proxy.region.dk:8080' } });
      const resolveSystemProxy = vi.fn(async () => 'http://system-proxy:3128');
      await new RuntimeManager(deps({ resolveSystemProxy })).start();
      expect(cores[0]!.mode).toBe('sandbox');
      expect(cores[0]!.dfdg).not.toHaveProperty('proxyUrl');
      expect(resolveSystemProxy).not.toHaveBeenCalled();
    });
  });

  it('when the stored certificate cannot be unlocked, runs unconfigured with a Danish explanation (never silently the sandbox)', async () => {
    const cert = makeClientCert();
    await settings.importCertificate(cert.p12, cert.passphrase);
    await settings.save({ dfdgBaseUrl: 'https://dfdg.example' });
    const other = await SettingsService.open(dir, createTestSecretStore(), { clock: () => NOW });
    const rt = await new RuntimeManager(deps({ settings: other })).start();
    expect(rt.mode).toBe('unconfigured');
    expect(rt.identity).toBeNull();
    expect(rt.problem).toMatch(/Importér certifikatet igen/);
    expect(sandboxStarts).toHaveLength(0);
    expect(cores[0]).toMatchObject({ mode: 'unconfigured', dfdg: null, identity: null });
  });

  it('when the certificate has expired since it was imported, runs unconfigured and says so', async () => {
    const cert = makeClientCert({ notAfter: new Date('2027-07-01T00:00:00Z') });
    await settings.importCertificate(cert.p12, cert.passphrase);
    await settings.save({ dfdgBaseUrl: 'https://dfdg.example' });
    const rt = await new RuntimeManager(deps({ clock: () => new Date('2027-08-01T00:00:00Z') })).start();
    expect(rt.mode).toBe('unconfigured');
    expect(rt.problem).toContain('udløb den 01-07-2027');
  });

  it('when the sandbox cannot start, runs unconfigured with an explanation', async () => {
    const rt = await new RuntimeManager(
      deps({
        startSandbox: async () => {
          throw new Error('EADDRINUSE');
        },
      }),
    ).start();
    expect(rt.mode).toBe('unconfigured');
    expect(rt.problem).toMatch(/Sandkassen kunne ikke startes/);
  });

  it('stop() stops the core and the sandbox, and later settings changes do nothing', async () => {
    const m = new RuntimeManager(deps());
    await m.start();
    await m.stop();
    expect(cores[0]!.stopped).toBe(1);
    expect(sandbox.closed).toBe(1);
    expect(m.current()).toBeNull();
    await settings.save({ sandboxOrganisation: 'jobcenter-10100' });
    await settle();
    expect(cores).toHaveLength(1);
  });

  it('runtimeKey changes with mode, sandbox organisation and certificate; not with what the core applies in place', () => {
    const base = settings.get();
    expect(runtimeKey({ ...base, retentionDays: 99, caseworkerName: 'X', services: { FravaerService: { url: 'https://f' } } })).toBe(runtimeKey(base));
    expect(runtimeKey({ ...base, sandboxOrganisation: 'akasse-084' })).not.toBe(runtimeKey(base));
    const withDfdg = { ...base, dfdgBaseUrl: 'https://d', certificate: { subject: '', issuer: '', validFrom: '', validTo: '', fingerprint256: 'AA' } };
    expect(runtimeKey(withDfdg)).not.toBe(runtimeKey(base));
    expect(runtimeKey({ ...withDfdg, certificate: { ...withDfdg.certificate, fingerprint256: 'BB' } })).not.toBe(runtimeKey(withDfdg));
    expect(runtimeKey({ ...withDfdg, dfdgBaseUrl: 'https://other' })).toBe(runtimeKey(withDfdg));
  });

  it('hands the shell’s logger to every core it builds, and logs its own lines there when no line sink is given', async () => {
    const calls: [string, string, Record<string, unknown> | undefined][] = [];
    const logger = (level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void calls.push([level, message, fields]);
    const m = new RuntimeManager(deps({ log: undefined, logger }));
    await m.start();
    expect(cores[0]!.log).toBe(logger);
    expect(calls).toContainEqual(['info', 'runtime: running in sandbox mode as akasse-067', undefined]);
    await settings.save({ sandboxOrganisation: 'jobcenter-10100' });
    await settle();
    expect(cores).toHaveLength(2);
    expect(cores[1]!.log).toBe(logger);
    await m.stop();
  });

  it('logs without personal data', async () => {
    const lines: string[] = [];
    const m = new RuntimeManager(deps({ log: (l) => lines.push(l) }));
    await m.start();
    expect(lines.join('\n')).toMatch(/sandbox mode as akasse-067/);
    expect(lines.join('\n')).not.toMatch(/Sagsbehandler|CVR:/);
    vi.restoreAllMocks();
  });
});
