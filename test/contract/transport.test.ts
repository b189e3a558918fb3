// Contract: transport, identity and failure classification against the running sandbox.
import https from 'node:https';
import { describe, expect, it } from 'vitest';
import { createDfdgClients, identityFromTls, type DfdgError } from '../../main/core/dfdg';
import type { FaultSettings } from '../../sandbox/faults';
import { failure } from '../core/dfdg/failures';
import { TestCa } from '../core/dfdg/testCerts';
import { addDays, configFor, withSandbox } from './helpers';

const env = withSandbox();

/** The DfdgError the call fails with while the sandbox injects the faults (cleared again whatever happens). */
async function failureUnder(faults: Partial<FaultSettings>, call: () => Promise<unknown>): Promise<DfdgError> {
  await env.admin.setFaults(faults);
  try {
    return await failure(call());
  } finally {
    await env.admin.clearFaults();
  }
}

describe('mutual TLS', () => {
  it('refuses a call without a client certificate at the handshake (no HTTP answer)', async () => {
    const outcome = await new Promise<string>((resolve) => {
      const req = https.request(
        `${env.sb.url}/v1/virksomhedskonto`,
        { ca: env.sb.certs.caPem, agent: false, headers: { 'x-requestId': crypto.randomUUID() } },
        (res) => resolve(`answered ${res.statusCode}`),
      );
      req.on('error', (e: NodeJS.ErrnoException) => resolve(`refused ${e.code}`));
      req.end();
    });
    // TLS 1.3: the certificate_required alert; TLS 1.2: a handshake_failure alert (EPROTO).
    expect(outcome).toMatch(/^refused (ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED|EPROTO)$/);
  });

  it('refuses a client certificate from another CA; the request never reaches a service', async () => {
    const stranger = new TestCa('Stranger CA').client({ ou: 'akasse-067' });
    const c = createDfdgClients({ baseUrl: env.sb.url, tls: { kind: 'pem', ca: env.sb.certs.caPem, cert: stranger.certPem, key: stranger.keyPem } });
    const before = await env.admin.stats();
    const e = await failure(c.virksomhedskonto.getVirksomhedskonto(env.ctxFor('akasse-067'), {}));
    expect(e.kind === 'tls' || e.kind === 'network').toBe(true);
    expect(e.httpStatus).toBeNull();
    const after = await env.admin.stats();
    expect(after.operations['VirksomhedskontoService.GetVirksomhedskonto']?.requests ?? 0).toBe(before.operations['VirksomhedskontoService.GetVirksomhedskonto']?.requests ?? 0);
    c.close();
  });

  it('refuses a server whose certificate is not signed by the configured CA, with the clear TLS error', async () => {
    const cfg = configFor(env.sb, 'akasse-067');
    const c = createDfdgClients({ ...cfg, tls: { ...cfg.tls, ca: new TestCa('Some other CA').certPem } as typeof cfg.tls });
    const e = await failure(c.virksomhedskonto.getVirksomhedskonto(env.ctxFor('akasse-067'), {}));
    expect({ kind: e.kind, transient: e.transient, ambiguous: e.ambiguous }).toEqual({ kind: 'tls', transient: false, ambiguous: false });
    expect(e.text).toContain('Serverens certifikat er ikke udstedt af den certifikatmyndighed (CA), der er sat op');
    c.close();
  });

  it('works with the PKCS#12 bundle and its passphrase', async () => {
    const c = env.clientsFor('jobcenter-10100', { pkcs12: true });
    const list = await c.virksomhedskonto.getVirksomhedskonto(env.ctxFor('jobcenter-10100'), {});
    expect(list.length).toBeGreaterThan(0);
  });
});

describe('identity from the sandbox certificates', () => {
  it.each(['akasse-067', 'akasse-084', 'jobcenter-10100', 'jobcenter-10101', 'jobcenter-75100'])('%s: organisation, caseworker and RID', (orgId) => {
    const org = env.sb.certs.orgs[orgId]!;
    const pem = identityFromTls({ kind: 'pem', cert: org.certPem, key: org.keyPem });
    const p12 = identityFromTls({ kind: 'pkcs12', pfx: org.p12, passphrase: env.sb.certs.passphrase });
    expect(p12).toEqual(pem);
    expect(pem.organisation).toEqual({ type: org.type, code: org.code, name: org.name });
    expect(pem.caseworker.fullName).toBe(org.caseworkerName);
    expect(pem.caseworker.userIdentifier).toBe(org.rid);
    expect(org.rid).toMatch(/^CVR:\d{8}-UUID:[0-9a-f-]{36}$/);
    const sampleOrg = env.org(orgId);
    expect([sampleOrg.type, sampleOrg.code, sampleOrg.rid]).toEqual([pem.organisation.type, pem.organisation.code, pem.caseworker.userIdentifier]);
  });
});

describe('x-correlation-id', () => {
  it("the caller's correlation id is sent and kept on the error", async () => {
    const cfg = configFor(env.sb, 'akasse-067');
    const c = createDfdgClients(cfg);
    const cid = crypto.randomUUID();
    const e = await failure(c.personStatus.getVariablePersonStatus({ ...env.ctxFor('akasse-067'), correlationId: cid }, '3213000000'));
    expect(e.correlationId).toBe(cid);
    expect(e.code).toBe(1001);
    c.close();
  });
});

describe('fault injection as the outbox sees it', () => {
  it('503: transient, not ambiguous', async () => {
    const c = env.clientsFor('akasse-067');
    const citizen = env.visible('akasse-067', 1)[0]!;
    const e = await failureUnder({ rate503: 1, services: ['PersonStatusService'] }, () => c.personStatus.getVariablePersonStatus(env.ctxFor('akasse-067'), citizen.cpr));
    expect({ kind: e.kind, httpStatus: e.httpStatus, code: e.code, transient: e.transient, ambiguous: e.ambiguous }).toEqual({
      kind: 'http',
      httpStatus: 503,
      code: null,
      transient: true,
      ambiguous: false,
    });
  });

  it('a dropped answer on a write is ambiguous; the retry with the same x-requestId gets 412 (= already applied)', async () => {
    const c = env.clientsFor('akasse-067');
    const ctx = env.ctxFor('akasse-067');
    const citizen = env.visible('akasse-067', 1)[0]!;
    const id = crypto.randomUUID();
    const requestId = crypto.randomUUID();
    const today = env.today;
    const start = addDays(today, 30);
    const input = { type: 10, start, end: addDays(start, 4), comment: null, notificationDate: today, endReason: null };
    const e = await failureUnder({ rateDrop: 1, services: ['FravaerService'] }, () => c.fravaer.createFravaer(ctx, citizen.cpr, id, input, requestId));
    expect({ transient: e.transient, ambiguous: e.ambiguous, kind: e.kind }).toEqual({ transient: true, ambiguous: true, kind: 'network' });
    // It was applied:
    expect((await c.fravaer.getFravaer(ctx, citizen.cpr, id)).type).toBe(10);
    const again = await failure(c.fravaer.createFravaer(ctx, citizen.cpr, id, input, requestId));
    expect({ code: again.code, httpStatus: again.httpStatus, transient: again.transient }).toEqual({ code: 412, httpStatus: 412, transient: false });
    const stats = await env.admin.stats();
    expect(stats.logical.duplicateKeys).not.toContain(id);
  });

  it('a reset before processing is transient; nothing is applied', async () => {
    const c = env.clientsFor('akasse-067');
    const ctx = env.ctxFor('akasse-067');
    const citizen = env.visible('akasse-067', 1)[1]!;
    const id = crypto.randomUUID();
    const today = env.today;
    const e = await failureUnder({ rateReset: 1, services: ['FravaerService'] }, () =>
      c.fravaer.createFravaer(ctx, citizen.cpr, id, { type: 10, start: addDays(today, 40), end: null, comment: null, notificationDate: today, endReason: null }, crypto.randomUUID()),
    );
    expect({ transient: e.transient, kind: e.kind, code: e.code }).toEqual({ transient: true, kind: 'network', code: null });
    expect((await c.fravaer.getAlleFravaer(ctx, citizen.cpr)).map((a) => a.id)).not.toContain(id);
  });

  it('offline: transient network failure, and calls work again when it is back', async () => {
    const c = env.clientsFor('jobcenter-10100');
    const ctx = env.ctxFor('jobcenter-10100');
    await c.virksomhedskonto.getVirksomhedskonto(ctx, {}); // a pooled keep-alive socket exists
    const e = await failureUnder({ offline: true }, () => c.virksomhedskonto.getVirksomhedskonto(ctx, {}));
    expect({ kind: e.kind, transient: e.transient, ambiguous: e.ambiguous }).toEqual({ kind: 'network', transient: true, ambiguous: false });
    expect((await c.virksomhedskonto.getVirksomhedskonto(ctx, {})).length).toBeGreaterThan(0);
  });

  it('latency beyond the timeout: kind timeout, ambiguous on a write', async () => {
    const c = env.clientsFor('akasse-067', { timeoutMs: 300 });
    const ctx = env.ctxFor('akasse-067');
    const citizen = env.visible('akasse-067', 1)[2]!;
    const today = env.today;
    const e = await failureUnder({ latencyMs: 1_000, services: ['FravaerService'] }, () =>
      c.fravaer.createFravaer(ctx, citizen.cpr, crypto.randomUUID(), { type: 10, start: addDays(today, 50), end: null, comment: null, notificationDate: today, endReason: null }, crypto.randomUUID()),
    );
    expect({ kind: e.kind, transient: e.transient, ambiguous: e.ambiguous }).toEqual({ kind: 'timeout', transient: true, ambiguous: true });
  });
});
