// The DFDG sandbox: HTTPS with mutual TLS on 127.0.0.1, the SOAP and REST services of
// docs/wire-contract.md, the Jobnet tray, fault injection, stats and the admin endpoints.
// Tests start it in-process: `const sb = await startSandbox({ dataDir, port: 0 })`.

import crypto from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { ensureCerts, type SandboxCerts } from './certs';
import { Clock, isValidDate } from './dates';
import { Faults, NO_FAULTS, parseFaults, type FaultSettings } from './faults';
import { json, Reject, restError, type Caller, type Env, type Req, type Res } from './http';
import { Journal } from './journal';
import { Notifier } from './notify';
import { orgById } from './orgs';
import { generatePopulation } from './population';
import { buildSample, type Sample } from './sample';
import { handleAdmin } from './services/admin';
import { citizenMessageService, MAX_DOCUMENT_BYTES, MAX_DOCUMENTS } from './services/citizenMessage';
import { codeListService } from './services/codeList';
import { handleFravaer, routeFravaer } from './services/fravaer';
import { handleIndkaldelse, routeIndkaldelse } from './services/indkaldelse';
import { handleJobnet, handleJobnetMoeder, routeJobnet, routeJobnetMoeder } from './services/jobnet';
import { handleJoblog, routeJoblog } from './services/joblog';
import { personActivityStatusService } from './services/personActivityStatus';
import { personStatusService } from './services/personStatus';
import type { Route } from './services/rest';
import { handleVirksomhedskonto, routeVirksomhedskonto } from './services/virksomhedskonto';
import { wsrmMessageService, wsrmService } from './services/wsrm';
import { handleSoap, operationFromAction, type SoapService } from './soap';
import { SandboxState } from './state';
import { Stats } from './stats';

export type { FaultSettings } from './faults';
export type { SandboxCerts, SandboxOrgCert } from './certs';

export interface StartOptions {
  /** Default 8443; 0 = a free port. */
  port?: number;
  dataDir: string;
  /** Default 500. */
  citizens?: number;
  /** Default 1. */
  seed?: number;
  /** Fixes the sandbox's "today" (YYYY-MM-DD); default: the real date in Denmark. */
  today?: string;
  faults?: Partial<FaultSettings>;
  webhookUrl?: string;
  /** The unit of the webhook retry schedule (default 1000 ms = seconds, as documented); tests shorten it. */
  webhookRetryUnitMs?: number;
}

export interface SandboxHandle {
  url: string;
  port: number;
  dataDir: string;
  certs: SandboxCerts;
  close(): Promise<void>;
}

const SOAP_SERVICES: Record<string, SoapService> = Object.fromEntries(
  [citizenMessageService, personStatusService, personActivityStatusService, codeListService, wsrmService, wsrmMessageService].map((s) => [s.name, s]),
);

/**
 * What a request may carry. The markup of any request: 2 MB (an 8 MB body of `<b/>` took the parser
 * 4 s). A CreateMessage may add its documents on top: up to MAX_DOCUMENTS of MAX_DOCUMENT_BYTES,
 * base64 (docs/wire-contract.md: Documents 0..5, Content ≤ 10 MB decoded); only their base64 runs count
 * towards that allowance, the rest still has to fit in the 2 MB.
 */
export const MAX_MARKUP_BYTES = 2 * 1024 * 1024;
const MAX_DOCUMENTS_BYTES = MAX_DOCUMENTS * Math.ceil(MAX_DOCUMENT_BYTES / 3) * 4 + 64 * 1024;

function bodyLimit(target: Target): number {
  return target.kind === 'soap' && target.service.name === 'CitizenMessageService' && target.op === 'CreateMessage' ? MAX_MARKUP_BYTES + MAX_DOCUMENTS_BYTES : MAX_MARKUP_BYTES;
}

/** The body without its long base64 runs (the documents' content): what the XML parser has to work through. */
function markupBytes(body: Buffer): number {
  if (body.length <= MAX_MARKUP_BYTES) return body.length;
  // One pass (a regular expression over megabytes of base64 overflows V8's stack): the text runs
  // between '>' and '<' made only of base64 characters and at least 1 KB long are content.
  let content = 0;
  let run = -1; // length of the current text run while it is all base64, -1 outside or when not
  for (let i = 0; i < body.length; i++) {
    const b = body[i]!;
    if (b === 0x3e /* > */) run = 0;
    else if (b === 0x3c /* < */) {
      if (run >= 1024) content += run;
      run = -1;
    } else if (run >= 0) {
      const base64 = (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39) || b === 0x2b || b === 0x2f || b === 0x3d || b === 0x0d || b === 0x0a;
      run = base64 ? run + 1 : -1;
    }
  }
  return body.length - content;
}

type Target =
  | { kind: 'soap'; service: SoapService; op: string }
  | { kind: 'rest'; service: string; route: Route; handle: (env: Env, req: Req, route: Route) => Res }
  | { kind: 'admin'; seg: string[] }
  | { kind: 'none' };

function classify(method: string, pathname: string, soapAction: string | string[] | undefined): Target {
  const soap = /^\/pjaktass\/1\/([A-Za-z]+)\.svc$/.exec(pathname);
  if (soap) {
    const service = SOAP_SERVICES[soap[1] ?? ''];
    if (!service) return { kind: 'none' };
    return { kind: 'soap', service, op: operationFromAction(service.name, soapAction) ?? 'unknown' };
  }
  let seg: string[];
  try {
    seg = pathname.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
  } catch {
    return { kind: 'none' };
  }
  const [a, b, c] = seg.map((s) => s.toLowerCase());
  if (a === '_sandbox') return { kind: 'admin', seg: seg.slice(1) };
  const rest = (service: string, route: Route | null, handle: (env: Env, req: Req, route: Route) => Res): Target =>
    route ? { kind: 'rest', service, route, handle } : { kind: 'none' };
  if (a === 'v1' && b === 'fravaer') return rest('FravaerService', routeFravaer(method, seg.slice(2)), handleFravaer);
  if (a === 'v1' && b === 'indkaldelse') return rest('IndkaldelseService', routeIndkaldelse(method, seg.slice(2)), handleIndkaldelse);
  if (a === 'v1' && b === 'joblog') return rest('JoblogService', routeJoblog(method, seg.slice(2)), handleJoblog);
  if (a === 'v1' && b === 'virksomhedskonto') return rest('VirksomhedskontoService', routeVirksomhedskonto(method, seg.slice(2)), handleVirksomhedskonto);
  if (a === 'jobnet' && b === 'v1' && c === 'beskedbakke') return rest('JobnetService', routeJobnet(method, seg.slice(3)), handleJobnet);
  if (a === 'jobnet' && b === 'v1' && c === 'moeder') return rest('JobnetService', routeJobnetMoeder(method, seg.slice(3)), handleJobnetMoeder);
  return { kind: 'none' };
}

function readBody(req: IncomingMessage, limit = MAX_MARKUP_BYTES): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(null);
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


export async function startSandbox(opts: StartOptions): Promise<SandboxHandle> {
  const dataDir = opts.dataDir;
  const seed = opts.seed ?? 1;
  const citizens = opts.citizens ?? 500;
  if (!Number.isInteger(citizens) || citizens < 1 || citizens > 1_000_000) throw new Error('citizens must be an integer in 1..1000000');
  if (!Number.isInteger(seed)) throw new Error('seed must be an integer');
  if (opts.today !== undefined && !isValidDate(opts.today)) throw new Error('today must be YYYY-MM-DD');
  fs.mkdirSync(dataDir, { recursive: true });

  const { certs, server: serverTls } = ensureCerts(dataDir);
  const clock = new Clock(opts.today ?? null);
  const journal = new Journal(dataDir);
  const loaded = journal.load({ seed, citizens });
  const baseDate = loaded.meta?.baseDate ?? clock.today();
  const pop = generatePopulation({ seed, citizens, baseDate });
  const state = new SandboxState(pop, journal);
  state.replay(loaded.effects);
  const meta = { e: 'meta' as const, v: 1 as const, seed, citizens, baseDate };
  if (loaded.meta) journal.open();
  else journal.start(meta);

  const notifier = new Notifier(state, clock, { webhookUrl: opts.webhookUrl, retryUnitMs: opts.webhookRetryUnitMs });
  const env: Env = { state, clock, notifier };
  const faults = new Faults();
  faults.set(parseFaults({ ...NO_FAULTS, ...opts.faults }));
  const stats = new Stats();
  const rids = Object.fromEntries(Object.values(certs.orgs).map((o) => [o.id, o.rid]));
  const sample = (): Sample =>
    buildSample({ seed, count: citizens, today: clock.today(), citizenAt: (i) => state.citizenAt(i), companies: pop.companies, rids });
  fs.writeFileSync(path.join(dataDir, 'population-sample.json'), JSON.stringify(sample(), null, 2) + '\n');

  const reset = () => {
    state.clear();
    stats.clear();
    journal.start(meta);
  };

  // Who is on the other end of each connection (from the client certificate's OU).
  const sockets = new Map<TLSSocket, Caller | null>();
  const callerOf = (sock: TLSSocket): Caller | null => {
    const cached = sockets.get(sock);
    if (cached !== undefined) return cached;
    const cert = sock.getPeerCertificate();
    const ou = cert?.subject?.OU;
    const org = typeof ou === 'string' ? orgById(ou) : undefined;
    const own = org ? certs.orgs[org.id] : undefined;
    const caller = org && own ? { org, caseworkerName: own.caseworkerName, rid: own.rid } : null;
    sockets.set(sock, caller);
    return caller;
  };
  const dropNonAdmin = () => {
    for (const [sock, caller] of sockets) if (caller?.org.type !== 'admin') sock.destroy();
  };

  /** Set by close(): a request held by the 'late' fault is not applied any more. */
  let closing = false;
  const send = (res: ServerResponse, r: Res, correlationId: string) => {
    const headers: Record<string, string | number> = { 'x-correlation-id': correlationId };
    if (r.contentType) headers['content-type'] = r.contentType;
    const body = r.body ?? '';
    headers['content-length'] = Buffer.byteLength(body);
    res.writeHead(r.status, headers);
    res.end(r.status === 204 ? undefined : body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const sock = req.socket as TLSSocket;
    const cid = req.headers['x-correlation-id'];
    const correlationId = typeof cid === 'string' && cid.length > 0 && cid.length <= 200 ? cid : crypto.randomUUID();
    const caller = callerOf(sock);
    if (!caller) return send(res, json(403, { fejlkode: 4575, fejltekst: 'Unknown client certificate' }, 'rejected'), correlationId);
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const target = classify(method, url.pathname, req.headers.soapaction);

    if (target.kind === 'admin') {
      if (caller.org.type !== 'admin') {
        req.resume();
        return send(res, json(403, { fejlkode: 403, fejltekst: 'Kun sandboxens administratorcertifikat har adgang' }, 'rejected'), correlationId);
      }
      const body = await readBody(req);
      if (body === null) return send(res, json(413, { fejlkode: 413, fejltekst: 'For stor forespørgsel' }, 'rejected'), correlationId);
      const r = handleAdmin(
        { env, clock, faults, stats, reset, sample },
        { method, path: url.pathname, query: url.searchParams, headers: req.headers, body, caller },
        target.seg,
      );
      if (target.seg[0] === 'faults' && method === 'POST' && faults.settings.offline) setImmediate(dropNonAdmin);
      return send(res, r, correlationId);
    }
    if (target.kind === 'none') {
      req.resume();
      return send(res, json(404, { fejlkode: 404, fejltekst: 'Ukendt adresse' }, 'rejected'), correlationId);
    }
    if (caller.org.type !== 'admin' && faults.settings.offline) {
      sock.destroy();
      return;
    }

    const serviceName = target.kind === 'soap' ? target.service.name : target.service;
    const opName = `${serviceName}.${target.kind === 'soap' ? target.op : target.route.op}`;
    stats.inc(opName, 'requests');
    // A client that goes before its answer is written (a timeout, a killed process) has abandoned it;
    // the faults that close the connection themselves are not counted.
    let closedByFault = false;
    res.on('close', stats.opened(opName));
    res.on('close', () => {
      if (!res.writableFinished && !closedByFault) stats.inc(opName, 'abandoned');
    });
    const cutOff = () => {
      closedByFault = true;
      sock.destroy();
    };
    const decision = faults.decide(serviceName, opName);
    if (decision.delayMs > 0) await sleep(decision.delayMs);
    if (decision.action === '503') {
      stats.inc(opName, 'faulted');
      req.resume();
      return send(res, { status: 503, contentType: 'text/plain; charset=utf-8', body: 'Service Unavailable', outcome: 'rejected' }, correlationId);
    }
    if (decision.action === 'reset') {
      stats.inc(opName, 'faulted');
      cutOff();
      return;
    }
    const body = await readBody(req, bodyLimit(target));
    if (body === null || markupBytes(body) > MAX_MARKUP_BYTES) {
      send(res, json(413, { fejlkode: 413, fejltekst: 'For stor forespørgsel' }, 'rejected'), correlationId);
      cutOff();
      return;
    }
    if (decision.action === 'late') {
      // Held until the client has given up and gone, then applied all the same (no one to answer).
      stats.inc(opName, 'faulted');
      if (!sock.destroyed) await new Promise<void>((r) => sock.once('close', () => r()));
      await sleep(decision.lateMs);
      if (closing) return;
    }
    const r2: Req = { method, path: url.pathname, query: url.searchParams, headers: req.headers, body, caller };
    const logicalBefore = state.recordedLogical;
    let result: Res;
    if (target.kind === 'soap') result = handleSoap(env, r2, target.service);
    else {
      try {
        result = target.handle(env, r2, target.route);
      } catch (e) {
        if (e instanceof Reject) result = restError(e);
        else {
          console.error('sandbox: internal error in', `${opName}:`, e instanceof Error ? e.stack : String(e));
          result = json(500, { fejlkode: 500, fejltekst: 'Intern fejl i sandboxen' }, 'rejected');
        }
      }
    }
    stats.inc(opName, result.outcome === 'applied' ? 'applied' : 'rejected');
    // A write applied: counted by the x-requestId it came with, as well as by its content (state.logical).
    const requestId = req.headers['x-requestid'];
    if (state.recordedLogical > logicalBefore && typeof requestId === 'string' && requestId !== '') stats.appliedRequest(`${caller.org.id}:${requestId}`);
    if (decision.action === 'late') return;
    if (decision.action === 'drop') {
      stats.inc(opName, 'faulted');
      cutOff();
      return;
    }
    if (decision.action === 'garbage' && result.outcome === 'applied') {
      // Applied, and answered 200 with the first half of the answer: the client cannot read it.
      stats.inc(opName, 'faulted');
      const whole = Buffer.from(result.body ?? '');
      return send(res, { ...result, body: whole.subarray(0, Math.floor(whole.length / 2)) }, correlationId);
    }
    send(res, result, correlationId);
  };

  const server = https.createServer(
    {
      key: serverTls.keyPem,
      cert: serverTls.certPem,
      ca: serverTls.caPem,
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    },
    (req, res) => {
      handle(req, res).catch((e: unknown) => {
        console.error('sandbox: request failed:', e instanceof Error ? e.message : String(e));
        if (!res.headersSent) res.destroy();
      });
    },
  );
  // A client that trickles its request holds a socket, not the server: headers within 10 s, the whole
  // request (documents included, over loopback or a LAN) within 60 s (Node's defaults: 60 s and 300 s).
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  server.on('secureConnection', (sock: TLSSocket) => {
    const caller = callerOf(sock);
    sock.on('close', () => sockets.delete(sock));
    if (faults.settings.offline && caller?.org.type !== 'admin') sock.destroy();
  });
  server.on('tlsClientError', () => {
    // A client without a valid certificate: the handshake fails; nothing to do.
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8443, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? 8443);

  let closed: Promise<void> | null = null;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    dataDir,
    certs,
    close: () => {
      closing = true;
      closed ??= new Promise<void>((resolve) => {
        notifier.close();
        server.close(() => {
          journal.close();
          resolve();
        });
        for (const sock of sockets.keys()) sock.destroy();
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
