// The DFDG clients through an HTTP CONNECT proxy on loopback (a tiny proxy in test/core/dfdg/localServer.ts),
// with the sandbox behind it: every call goes through the proxy, mutual TLS is still checked end to end
// inside the tunnel, and a proxy that fails is named as the cause, never reported as "DFDG kan ikke nås".

import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createDfdgClients, type DfdgClients } from '../../main/core/dfdg';
import { failure } from '../core/dfdg/failures';
import { startConnectProxy } from '../core/dfdg/localServer';
import { TestCa } from '../core/dfdg/testCerts';
import { configFor, withSandbox } from './helpers';

const env = withSandbox();
const ORG = 'akasse-067';
/** "DFDG can't be reached" in the words the app uses when the network is down. */
const DFDG_UNREACHABLE = /DFDG kan ikke nås|DFDG kunne ikke nås/;

let proxy: Awaited<ReturnType<typeof startConnectProxy>> | null = null;
let clients: DfdgClients | null = null;
afterEach(async () => {
  clients?.close();
  clients = null;
  await proxy?.close();
  proxy = null;
});

const sandboxTarget = () => `127.0.0.1:${new URL(env.sb.url).port}`;
const requestsAt = async (op: string) => (await env.admin.stats()).operations[op]?.requests ?? 0;

describe('the DFDG clients through an HTTP CONNECT proxy', () => {
  it('sends SOAP and REST calls through the proxy, which sees only CONNECT to the sandbox, and the sandbox knows the organisation by its certificate', async () => {
    proxy = await startConnectProxy();
    clients = createDfdgClients({ ...configFor(env.sb, ORG), proxyUrl: proxy.url });
    const citizen = env.visible(ORG)[0]!;
    const before = await requestsAt('PersonStatusService.GetVariablePersonStatus');

    const status = await clients.personStatus.getVariablePersonStatus(env.ctxFor(ORG), citizen.cpr);
    expect(status.cpr).toBe(citizen.cpr);
    await expect(clients.fravaer.getAlleFravaer(env.ctxFor(ORG), citizen.cpr)).resolves.toBeInstanceOf(Array);

    expect(proxy.targets.length).toBeGreaterThan(0);
    expect(new Set(proxy.targets)).toEqual(new Set([sandboxTarget()]));
    expect(await requestsAt('PersonStatusService.GetVariablePersonStatus')).toBe(before + 1);
  });

  it('still verifies the sandbox’s certificate inside the tunnel: another CA than the configured one is refused as a certificate problem', async () => {
    proxy = await startConnectProxy();
    clients = createDfdgClients({ ...configFor(env.sb, ORG), tls: { ...configFor(env.sb, ORG).tls, ca: new TestCa('Ukendt CA').certPem }, proxyUrl: proxy.url });
    const e = await failure(clients.personStatus.getVariablePersonStatus(env.ctxFor(ORG), env.visible(ORG)[0]!.cpr));
    expect({ kind: e.kind, transient: e.transient }).toEqual({ kind: 'tls', transient: false });
    expect(e.text).toMatch(/Serverens certifikat er ikke udstedt af den certifikatmyndighed/);
    expect(proxy.targets).toEqual([sandboxTarget()]);
  });

  it('still presents the client certificate inside the tunnel: a certificate the sandbox does not trust is refused at the handshake, nothing is handled', async () => {
    proxy = await startConnectProxy();
    const stranger = new TestCa('Fremmed CA').client();
    clients = createDfdgClients({ baseUrl: env.sb.url, tls: { kind: 'pem', ca: env.sb.certs.caPem, cert: stranger.certPem, key: stranger.keyPem }, proxyUrl: proxy.url });
    const before = await requestsAt('PersonStatusService.GetVariablePersonStatus');
    const e = await failure(clients.personStatus.getVariablePersonStatus(env.ctxFor(ORG), env.visible(ORG)[0]!.cpr));
    expect(['tls', 'network']).toContain(e.kind);
    expect(e.ambiguous).toBe(false);
    expect(proxy.targets).toEqual([sandboxTarget()]);
    expect(await requestsAt('PersonStatusService.GetVariablePersonStatus')).toBe(before);
  });
});

describe('a proxy that fails is named as the cause', () => {
  const MESSAGE = {
    contextType: 1,
    channel: 4,
    subject: 'Gennem proxyen',
    body: 'Tekst',
    allowReply: true,
    responseToId: null,
    to: { organisationType: 8, organisationCode: '10100' },
    documents: [],
  };

  it.each([
    [403, /^Proxyen 127\.0\.0\.1:\d+ afviste forbindelsen til DFDG \(HTTP 403\)\. Kontrollér proxy-indstillingen under Indstillinger → Proxy til DFDG/],
    [407, /^Proxyen 127\.0\.0\.1:\d+ kræver login \(HTTP 407\), og DFDG Desk logger ikke ind på proxyer/],
    [502, /^Proxyen 127\.0\.0\.1:\d+ kunne ikke komme igennem til DFDG \(HTTP 502\)/],
  ])('CONNECT answered %i: a Danish error naming the proxy; the message never reached the sandbox, so it is no uncertain send', async (status, text) => {
    proxy = await startConnectProxy({ refuse: status });
    clients = createDfdgClients({ ...configFor(env.sb, ORG), proxyUrl: proxy.url });
    const before = await requestsAt('CitizenMessageService.CreateMessage');
    const e = await failure(clients.citizenMessage.createMessage(env.ctxFor(ORG), { cpr: env.visible(ORG)[0]!.cpr, ...MESSAGE }));
    expect({ kind: e.kind, transient: e.transient, ambiguous: e.ambiguous, code: e.code, httpStatus: e.httpStatus }).toEqual({ kind: 'proxy', transient: true, ambiguous: false, code: null, httpStatus: null });
    expect(e.text).toMatch(text);
    expect(e.text).not.toMatch(DFDG_UNREACHABLE);
    expect(proxy.targets).toEqual([sandboxTarget()]);
    expect(await requestsAt('CitizenMessageService.CreateMessage')).toBe(before);
  });

  it('a proxy nobody answers on: "Proxyen … kunne ikke nås", not that DFDG cannot be reached', async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    clients = createDfdgClients({ ...configFor(env.sb, ORG), proxyUrl: `http://127.0.0.1:${closed}` });
    const e = await failure(clients.personStatus.getVariablePersonStatus(env.ctxFor(ORG), env.visible(ORG)[0]!.cpr));
    expect({ kind: e.kind, transient: e.transient, ambiguous: e.ambiguous }).toEqual({ kind: 'proxy', transient: true, ambiguous: false });
    expect(e.text).toBe(`Proxyen 127.0.0.1:${closed} kunne ikke nås, så der er ingen forbindelse til DFDG. Kontrollér proxy-indstillingen under Indstillinger → Proxy til DFDG, eller kontakt jeres it-afdeling.`);
  });
});
