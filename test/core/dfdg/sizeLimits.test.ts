// Response and request size caps (issue 15 item 13) against a local HTTPS server (127.0.0.1, port 0):
// a huge answer and a gzip bomb are cut off at the call's cap and become a clear, permanent error
// (kind 'protocol', never transient, so nothing retries it as if DFDG were down); a document download
// has a larger cap than an ordinary call; a request over its cap is never sent.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDfdgClients, identityFromTls, type CallContext, type DfdgConfig } from '../../../main/core/dfdg';
import { createHttp } from '../../../main/core/dfdg/http';
import { RestService } from '../../../main/core/dfdg/rest';
import { failure } from './failures';
import { startHttpsServer, type LocalServer } from './localServer';
import { TestCa, type Pair } from './testCerts';
import { CPR, MESSAGE } from './messageInput';

const MIB = 1024 * 1024;
const NS = 'http://service.bm.dk/CitizenMessageService/2024/01/01/';

let ca: TestCa;
let serverPair: Pair;
let client: Pair;
let ctx: CallContext;
let srv: LocalServer;
let mode = '';
/** Whether the server's last answer was cut off by the client before it was all sent. */
let cutOff: boolean | null = null;
/** One gzip member that inflates to 16 MiB of zeros (about 16 KB); members may be concatenated. */
let bombMember: Buffer;

const envelope = (operation: string, inner: string) =>
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><${operation}Response xmlns="${NS}">${inner}</${operation}Response></s:Body></s:Envelope>`;

/** Writes `chunks` chunks from `make`, respecting back-pressure, and records whether the client hung up first. */
function stream(res: ServerResponse, chunks: number, make: (i: number) => Buffer | string, last = '') {
  cutOff = null;
  let i = 0;
  res.on('close', () => {
    cutOff = !res.writableFinished;
  });
  const pump = () => {
    while (i < chunks) {
      if (res.destroyed) return;
      const ok = res.write(make(i++));
      if (!ok) return void res.once('drain', pump);
    }
    res.end(last);
  };
  pump();
}

beforeAll(async () => {
  ca = new TestCa('DFDG test CA');
  serverPair = ca.server();
  client = ca.client();
  ctx = { identity: identityFromTls({ kind: 'pem', cert: client.certPem, key: client.keyPem }) };
  bombMember = gzipSync(Buffer.alloc(16 * MIB), { level: 9 });
  srv = await startHttpsServer({ caPem: ca.certPem, server: serverPair }, (req, res) => {
    const op = /#(\w+)"?$/.exec(String(req.headers.soapaction ?? ''))?.[1] ?? 'REST';
    switch (mode) {
      case 'huge': {
        // 9 MiB of whitespace inside an otherwise valid answer, sent in 64 KiB pieces.
        res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
        const pad = Buffer.alloc(64 * 1024, 0x20);
        return stream(res, 9 * 16, (i) => (i === 0 ? Buffer.concat([Buffer.from(envelope(op, '').slice(0, 60)), pad]) : pad));
      }
      case 'gzip-bomb':
        // 64 members of 16 MiB: 1 GiB of zeros once inflated, about 1 MB on the wire.
        res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-encoding': 'gzip' });
        return stream(res, 64, () => bombMember);
      case 'nine-mib':
        // 9 MiB that is not XML at all (so reading it is quick): over an ordinary call's cap, under a download's.
        res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
        return stream(res, 9 * 4, () => Buffer.alloc(256 * 1024, 0x41));
      default:
        res.writeHead(503, { 'content-type': 'text/plain' });
        res.end('Service Unavailable');
    }
  });
});
afterAll(() => srv.close());

function config(extra: Partial<DfdgConfig> = {}): DfdgConfig {
  return { baseUrl: srv.url, tls: { kind: 'pem', ca: ca.certPem, cert: client.certPem, key: client.keyPem }, timeoutMs: 20_000, ...extra };
}

describe('response size caps', () => {
  it('a huge answer is cut off at 8 MB: a permanent protocol error in plain Danish, not read to the end', async () => {
    mode = 'huge';
    const c = createDfdgClients(config());
    const e = await failure(c.citizenMessage.getCitizenMessages(ctx, CPR));
    expect({ kind: e.kind, code: e.code, transient: e.transient, ambiguous: e.ambiguous }).toEqual({ kind: 'protocol', code: null, transient: false, ambiguous: false });
    expect(e.text).toBe("DFDG's svar var større end 8 MB og blev ikke læst færdigt.");
    await until(() => cutOff !== null);
    expect(cutOff).toBe(true);
    c.close();
  });

  it('a gzip bomb (1 GiB of zeros in about 1 MB) is counted as it inflates and stopped at the cap', async () => {
    mode = 'gzip-bomb';
    const c = createDfdgClients(config());
    const before = process.memoryUsage().rss;
    const e = await failure(c.personStatus.getVariablePersonStatus(ctx, CPR));
    expect({ kind: e.kind, transient: e.transient }).toEqual({ kind: 'protocol', transient: false });
    expect(e.text).toMatch(/større end 8 MB/);
    // Nowhere near the 1 GiB it would have inflated to.
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * MIB);
    c.close();
  });

  it('on a write the cut-off answer may mean DFDG applied it: ambiguous, still not transient', async () => {
    mode = 'gzip-bomb';
    const c = createDfdgClients(config());
    const e = await failure(c.citizenMessage.createMessage(ctx, MESSAGE));
    expect({ kind: e.kind, transient: e.transient, ambiguous: e.ambiguous }).toEqual({ kind: 'protocol', transient: false, ambiguous: true });
    c.close();
  });

  it('a document download may be larger than an ordinary call (32 MB against 8 MB)', async () => {
    mode = 'nine-mib';
    const c = createDfdgClients(config());
    const list = await failure(c.citizenMessage.getCitizenMessages(ctx, CPR));
    expect(list.text).toMatch(/større end 8 MB/);
    // The same 9 MiB as a document is read to the end (and then found not to be a SOAP answer).
    const doc = await failure(c.citizenMessage.getCitizenMessageDocument(ctx, CPR, randomUUID()));
    expect(doc.text).toBe("DFDG's svar kunne ikke læses (ingen SOAP-konvolut).");
    await until(() => cutOff !== null);
    expect(cutOff).toBe(false);
    c.close();
  });
});

describe('request size caps', () => {
  it('a request over its cap is refused before anything is sent, permanently', async () => {
    mode = '';
    const rest = new RestService(createHttp(config()), 'FravaerService', srv.url, 5_000);
    const seen = srv.requests.length;
    const e = await failure(
      rest.call(ctx, { operation: 'CreateFravaerMedIdentifier', method: 'POST', path: '/v1/Fravaer/', cpr: CPR, body: { kommentar: 'x'.repeat(3 * MIB) }, schema: null, write: true }),
    );
    expect({ kind: e.kind, transient: e.transient, ambiguous: e.ambiguous }).toEqual({ kind: 'protocol', transient: false, ambiguous: false });
    expect(e.text).toBe('Forespørgslen er større end 2 MB og blev ikke sendt til DFDG.');
    expect(srv.requests.length).toBe(seen);
  });

  it('a message with attachments has room for them (the upload cap), and is sent', async () => {
    mode = '';
    const c = createDfdgClients(config());
    const seen = srv.requests.length;
    const content = Buffer.alloc(8 * MIB, 0x25);
    const e = await failure(c.citizenMessage.createMessage(ctx, { ...MESSAGE, documents: [{ fileName: 'a.pdf', mimeType: 'application/pdf', content }] }));
    // It reached the server (which answered 503), it was not refused for its size.
    expect(e.httpStatus).toBe(503);
    expect(srv.requests.length).toBe(seen + 1);
    c.close();
  });
});

async function until(cond: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
