// Transport and error classification against tiny local servers (127.0.0.1, port 0): what the outbox
// sees when DFDG is down, slow, resets, answers 5xx/4xx, or is not who it claims to be.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'node:net';
import { createDfdgClients, identityFromTls, type CallContext, type DfdgConfig } from '../../../main/core/dfdg';
import { transportError } from '../../../main/core/dfdg/http';
import { failure } from './failures';
import { startConnectProxy, startHttpsServer, startTcpServer, type LocalServer } from './localServer';
import { TestCa, toP12, type Pair } from './testCerts';
import { CPR, MESSAGE } from './messageInput';

const ABSENCE = { type: 10, start: '2026-12-01', end: '2026-12-05', comment: null, notificationDate: '2026-11-22', endReason: null };

let ca: TestCa;
let serverPair: Pair;
let client: Pair;
let ctx: CallContext;

beforeAll(() => {
  ca = new TestCa('DFDG test CA');
  serverPair = ca.server();
  client = ca.client();
  ctx = { identity: identityFromTls({ kind: 'pem', cert: client.certPem, key: client.keyPem }) };
});

function config(url: string, extra: Partial<DfdgConfig> = {}): DfdgConfig {
  return { baseUrl: url, tls: { kind: 'pem', ca: ca.certPem, cert: client.certPem, key: client.keyPem }, timeoutMs: 2_000, ...extra };
}

describe('classification table', () => {
  let srv: LocalServer;
  let mode = '';
  beforeAll(async () => {
    srv = await startHttpsServer({ caPem: ca.certPem, server: serverPair }, (_req, res, raw) => {
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      switch (mode) {
        case 'reset-after-write':
          raw.socket.destroy();
          return;
        case 'hang':
          return; // never answers
        case '503':
          res.writeHead(503, { 'content-type': 'text/plain' });
          res.end('Service Unavailable');
          return;
        case '500-empty':
          res.writeHead(500);
          res.end();
          return;
        case '400-fejlkode':
          return json(400, { fejlkode: 4591, fejltekst: 'Uddannelse er ikke tilladt for denne kombination' });
        case '412':
          return json(412, { fejlkode: 412, fejltekst: 'x-requestId er allerede modtaget' });
        case '412-bare':
          res.writeHead(412);
          res.end();
          return;
        case '403-bare':
          res.writeHead(403);
          res.end();
          return;
        case 'bad-json':
          res.writeHead(201, { 'content-type': 'application/json' });
          res.end('{"fravaerIdentifier": ');
          return;
        case 'wrong-shape':
          return json(200, { fravaer: [{ fravaerIdentifier: 'x', fravaerType: 'ti' }] });
        case 'soap-fault':
          res.writeHead(500, { 'content-type': 'text/xml; charset=utf-8' });
          res.end(
            '<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>' +
              '<faultcode>s:Client</faultcode><faultstring xml:lang="en-US">You are not authorized</faultstring>' +
              '<detail><FaultDetails xmlns="http://service.bm.dk/xml/schemas/2011/01/12/"><ErrorCode>4575</ErrorCode>' +
              '<Message>You are not authorized</Message></FaultDetails></detail></s:Fault></s:Body></s:Envelope>',
          );
          return;
        case 'soap-server-fault':
          res.writeHead(500, { 'content-type': 'text/xml; charset=utf-8' });
          res.end(
            '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Server</faultcode>' +
              '<faultstring>Internal error</faultstring></s:Fault></s:Body></s:Envelope>',
          );
          return;
        default:
          json(200, { fravaer: [] });
      }
    });
  });
  afterAll(() => srv.close());

  const clients = () => createDfdgClients(config(srv.url, { timeoutMs: 400 }));

  it('ECONNREFUSED: transient, never ambiguous', async () => {
    const closed = await startTcpServer(() => undefined);
    const port = closed.port;
    await closed.close();
    const c = createDfdgClients(config(`https://127.0.0.1:${port}`));
    const e = await failure(c.fravaer.createFravaer(ctx, CPR, crypto.randomUUID(), ABSENCE, crypto.randomUUID()));
    expect({ kind: e.kind, transient: e.transient, ambiguous: e.ambiguous, code: e.code }).toEqual({ kind: 'network', transient: true, ambiguous: false, code: null });
    expect(e.text).toMatch(/kunne ikke nås/);
    c.close();
  });

  it('reset before the request was written (during the handshake): transient, not ambiguous', async () => {
    const tcp = await startTcpServer((s) => s.destroy());
    const c = createDfdgClients(config(`https://127.0.0.1:${tcp.port}`));
    const e = await failure(c.fravaer.createFravaer(ctx, CPR, crypto.randomUUID(), ABSENCE, crypto.randomUUID()));
    expect(e.kind).toBe('network');
    expect(e.transient).toBe(true);
    expect(e.ambiguous).toBe(false);
    c.close();
    await tcp.close();
  });

  it('reset after the request was written: ambiguous for a write, not for a read', async () => {
    mode = 'reset-after-write';
    const c = clients();
    const w = await failure(c.fravaer.createFravaer(ctx, CPR, crypto.randomUUID(), ABSENCE, crypto.randomUUID()));
    expect({ kind: w.kind, transient: w.transient, ambiguous: w.ambiguous }).toEqual({ kind: 'network', transient: true, ambiguous: true });
    const r = await failure(c.fravaer.getAlleFravaer(ctx, CPR));
    expect({ transient: r.transient, ambiguous: r.ambiguous }).toEqual({ transient: true, ambiguous: false });
    c.close();
  });

  it('timeout after the request was written: ambiguous write, with the time in the text', async () => {
    mode = 'hang';
    const c = clients();
    const e = await failure(c.citizenMessage.createMessage(ctx, MESSAGE));
    expect({ kind: e.kind, transient: e.transient, ambiguous: e.ambiguous }).toEqual({ kind: 'timeout', transient: true, ambiguous: true });
    expect(e.text).toMatch(/svarede ikke/);
    c.close();
  });

  it('timeout before the request was sent (TLS never completes): not ambiguous', async () => {
    const mute = await startTcpServer(() => undefined);
    const c = createDfdgClients(config(`https://127.0.0.1:${mute.port}`, { timeoutMs: 300 }));
    const e = await failure(c.fravaer.createFravaer(ctx, CPR, crypto.randomUUID(), ABSENCE, crypto.randomUUID()));
    expect({ kind: e.kind, transient: e.transient, ambiguous: e.ambiguous }).toEqual({ kind: 'timeout', transient: true, ambiguous: false });
    c.close();
    await mute.close();
  });

  it('503: transient, not ambiguous, no DFDG code', async () => {
    mode = '503';
    const c = clients();
    const e = await failure(c.fravaer.createFravaer(ctx, CPR, crypto.randomUUID(), ABSENCE, crypto.randomUUID()));
    expect({ kind: e.kind, code: e.code, httpStatus: e.httpStatus, transient: e.transient, ambiguous: e.ambiguous }).toEqual({
      kind: 'http',
      code: null,
      httpStatus: 503,
      transient: true,
      ambiguous: false,
    });
    c.close();
  });

  it('500 with no body on a write: transient and ambiguous', async () => {
    mode = '500-empty';
    const c = clients();
    const e = await failure(c.citizenMessage.createMessage(ctx, MESSAGE));
    expect({ code: e.code, transient: e.transient, ambiguous: e.ambiguous }).toEqual({ code: null, transient: true, ambiguous: true });
    c.close();
  });

  it('500 SOAP fault with FaultDetails/ErrorCode: DFDG code, permanent', async () => {
    mode = 'soap-fault';
    const c = clients();
    const e = await failure(c.citizenMessage.createMessage(ctx, MESSAGE));
    expect({ kind: e.kind, code: e.code, text: e.text, transient: e.transient, ambiguous: e.ambiguous, httpStatus: e.httpStatus }).toEqual({
      kind: 'fault',
      code: 4575,
      text: 'You are not authorized',
      transient: false,
      ambiguous: false,
      httpStatus: 500,
    });
    c.close();
  });

  it('500 SOAP server fault without a code: transient, ambiguous on a write', async () => {
    mode = 'soap-server-fault';
    const c = clients();
    const e = await failure(c.citizenMessage.createMessage(ctx, MESSAGE));
    expect({ code: e.code, transient: e.transient, ambiguous: e.ambiguous }).toEqual({ code: null, transient: true, ambiguous: true });
    c.close();
  });

  it('400 with fejlkode: DFDG code and text, permanent', async () => {
    mode = '400-fejlkode';
    const c = clients();
    const e = await failure(c.fravaer.createFravaer(ctx, CPR, crypto.randomUUID(), ABSENCE, crypto.randomUUID()));
    expect({ kind: e.kind, code: e.code, transient: e.transient, httpStatus: e.httpStatus }).toEqual({ kind: 'fault', code: 4591, transient: false, httpStatus: 400 });
    expect(e.text).toContain('Uddannelse');
    c.close();
  });

  it('412 (with or without body) is code 412, permanent and distinct', async () => {
    const c = clients();
    for (const m of ['412', '412-bare']) {
      mode = m;
      const e = await failure(c.fravaer.deleteFravaer(ctx, CPR, crypto.randomUUID(), 'Fejlregistrering', crypto.randomUUID()));
      expect({ code: e.code, transient: e.transient, ambiguous: e.ambiguous, httpStatus: e.httpStatus }).toEqual({ code: 412, transient: false, ambiguous: false, httpStatus: 412 });
    }
    c.close();
  });

  it('403 without a DFDG code: permanent, kind http', async () => {
    mode = '403-bare';
    const c = clients();
    const e = await failure(c.fravaer.getAlleFravaer(ctx, CPR));
    expect({ kind: e.kind, code: e.code, transient: e.transient, httpStatus: e.httpStatus }).toEqual({ kind: 'http', code: null, transient: false, httpStatus: 403 });
    c.close();
  });

  it('a malformed or wrongly shaped body is a protocol error; on a write it may have been applied', async () => {
    const c = clients();
    mode = 'bad-json';
    const w = await failure(c.fravaer.createFravaer(ctx, CPR, crypto.randomUUID(), ABSENCE, crypto.randomUUID()));
    expect({ kind: w.kind, transient: w.transient, ambiguous: w.ambiguous }).toEqual({ kind: 'protocol', transient: false, ambiguous: true });
    mode = 'wrong-shape';
    const r = await failure(c.fravaer.getAlleFravaer(ctx, CPR));
    expect({ kind: r.kind, ambiguous: r.ambiguous }).toEqual({ kind: 'protocol', ambiguous: false });
    c.close();
  });

  it('an aborted call is kind cancelled', async () => {
    mode = 'hang';
    const c = createDfdgClients(config(srv.url, { timeoutMs: 5_000 }));
    const ac = new AbortController();
    const p = c.fravaer.getAlleFravaer({ ...ctx, signal: ac.signal }, CPR);
    setTimeout(() => ac.abort(), 100);
    const e = await failure(p);
    expect(e.kind).toBe('cancelled');
    c.close();
  });

  it('DfdgError messages and causes carry no CPR and no message body', async () => {
    mode = 'reset-after-write';
    const c = clients();
    const e = await failure(c.citizenMessage.createMessage(ctx, { ...MESSAGE, body: 'Hemmelig tekst om borgeren' }));
    const dump = JSON.stringify({ m: e.message, t: e.text, c: String(e.cause), cc: JSON.stringify(e.cause), info: e.toInfo() });
    expect(dump).not.toContain(CPR);
    expect(dump).not.toContain('Hemmelig');
    c.close();
  });
});

describe('transport', () => {
  let srv: LocalServer;
  beforeAll(async () => {
    srv = await startHttpsServer({ caPem: ca.certPem, server: serverPair }, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ fravaer: [] }));
    });
  });
  afterAll(() => srv.close());

  it('sends a fresh uuid x-correlation-id per call, the CPR header and an x-requestId', async () => {
    const c = createDfdgClients(config(srv.url));
    srv.requests.length = 0;
    await c.fravaer.getAlleFravaer(ctx, CPR);
    await c.fravaer.getAlleFravaer(ctx, CPR);
    const [a, b] = srv.requests;
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    expect(a!.headers['x-correlation-id']).toMatch(uuid);
    expect(b!.headers['x-correlation-id']).toMatch(uuid);
    expect(a!.headers['x-correlation-id']).not.toBe(b!.headers['x-correlation-id']);
    expect(a!.headers['x-civilregistrationidentifier']).toBe(CPR);
    expect(a!.headers['x-requestid']).toMatch(uuid);
    expect(a!.headers['x-requestid']).not.toBe(b!.headers['x-requestid']);
    c.close();
  });

  it('reuses one connection across calls (keep-alive)', async () => {
    const c = createDfdgClients(config(srv.url));
    const before = srv.connections();
    for (let i = 0; i < 5; i++) await c.fravaer.getAlleFravaer(ctx, CPR);
    expect(srv.connections() - before).toBe(1);
    c.close();
  });

  it('works with a PKCS#12 client certificate', async () => {
    const p12 = toP12(client, 'p12-kode', ca.certPem);
    const c = createDfdgClients({ baseUrl: srv.url, tls: { kind: 'pkcs12', ca: ca.certPem, pfx: p12, passphrase: 'p12-kode' } });
    await expect(c.fravaer.getAlleFravaer(ctx, CPR)).resolves.toEqual([]);
    c.close();
  });

  it('tunnels through an HTTP CONNECT proxy when one is configured', async () => {
    const proxy = await startConnectProxy();
    const c = createDfdgClients(config(srv.url, { proxyUrl: proxy.url }));
    await expect(c.fravaer.getAlleFravaer(ctx, CPR)).resolves.toEqual([]);
    expect(proxy.targets).toEqual([`127.0.0.1:${srv.port}`]);
    c.close();
    await proxy.close();
  });

  it.each([
    ['hangs up before answering CONNECT', (s: Socket) => s.once('data', () => s.destroy())],
    ['answers something that is not HTTP', (s: Socket) => s.once('data', () => s.end('SSH-2.0-OpenSSH\r\n\r\n'))],
  ])('names the proxy when it %s (no hang, nothing reached DFDG)', async (_what, onSocket) => {
    const bad = await startTcpServer(onSocket);
    const before = srv.requests.length;
    const c = createDfdgClients(config(srv.url, { proxyUrl: `http://127.0.0.1:${bad.port}` }));
    const e = await failure(c.fravaer.getAlleFravaer(ctx, CPR));
    expect({ kind: e.kind, transient: e.transient, ambiguous: e.ambiguous }).toEqual({ kind: 'proxy', transient: true, ambiguous: false });
    expect(e.text).toMatch(new RegExp(`^Proxyen 127\\.0\\.0\\.1:${bad.port} svarede ikke som en proxy`));
    expect(srv.requests.length).toBe(before);
    c.close();
    await bad.close();
  });

  it('refuses a server whose certificate is signed by another CA, in plain words, permanently', async () => {
    const other = new TestCa('Imposter CA');
    const imposter = await startHttpsServer({ caPem: ca.certPem, server: other.server() }, (_req, res) => {
      res.end('{"fravaer":[]}');
    });
    const c = createDfdgClients(config(imposter.url));
    const e = await failure(c.fravaer.getAlleFravaer(ctx, CPR));
    expect({ kind: e.kind, transient: e.transient, ambiguous: e.ambiguous }).toEqual({ kind: 'tls', transient: false, ambiguous: false });
    expect(e.text).toMatch(/Serverens certifikat er ikke udstedt af den certifikatmyndighed \(CA\), der er sat op/);
    expect(imposter.requests).toHaveLength(0);
    c.close();
    await imposter.close();
  });

  it('is refused at the handshake without a client certificate the server trusts', async () => {
    const stranger = new TestCa('Stranger CA').client();
    const c = createDfdgClients({ baseUrl: srv.url, tls: { kind: 'pem', ca: ca.certPem, cert: stranger.certPem, key: stranger.keyPem } });
    const before = srv.requests.length;
    const e = await failure(c.fravaer.getAlleFravaer(ctx, CPR));
    expect(e.kind === 'tls' || e.kind === 'network').toBe(true);
    expect(e.ambiguous).toBe(false);
    expect(srv.requests.length).toBe(before);
    c.close();
  });
});

describe('transportError for failures the local servers cannot provoke', () => {
  const meta = { service: 'PersonStatusService', operation: 'GetVariablePersonStatus', correlationId: 'c', write: true, timeoutMs: 15_000 };
  it.each([
    ['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'tlsv13 alert certificate required', 'tls', false, /klientcertifikat/],
    ['EPROTO', 'write EPROTO ...:ssl/tls alert handshake failure:...', 'tls', false, /klientcertifikat/],
    ['ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', 'tlsv1 alert unknown ca', 'tls', false, /klientcertifikat/],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number', 'tls', true, /TLS/],
    ['CERT_HAS_EXPIRED', 'certificate has expired', 'tls', false, /udløbet/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames", 'tls', false, /adresse/],
    ['ENOTFOUND', 'getaddrinfo ENOTFOUND dfdg.example', 'network', true, /navn/],
  ] as const)('%s → kind %s, transient %s, never ambiguous', (code, message, kind, transient, text) => {
    const e = transportError(Object.assign(new Error(message), { code, request: { writableFinished: true } }), meta);
    expect({ kind: e.kind, transient: e.transient, ambiguous: e.ambiguous }).toEqual({ kind, transient, ambiguous: false });
    expect(e.text).toMatch(text);
  });
});
