// Helpers for the sandbox's own tests: start a sandbox in a temporary data dir (certificates are
// generated once per machine and copied, to keep the suite fast), and speak to it with raw
// node:https, hand-written SOAP envelopes and JSON. Nothing here imports the client code in main/.

import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { sandboxAdmin, type SandboxAdmin } from '../../sandbox/adminClient';
import { ensureCerts } from '../../sandbox/certs';
import type { Sample } from '../../sandbox/sample';
import { startSandbox, type SandboxHandle, type StartOptions } from '../../sandbox/server';
import { parseXml, type XEl } from '../../sandbox/xml';

/** Every sandbox test runs on this fixed day. */
export const TODAY = '2026-05-04';

const CERT_CACHE = path.join(os.tmpdir(), 'dfdg-sandbox-test-certs-v2');

function cachedCerts(): string {
  if (!fs.existsSync(path.join(CERT_CACHE, 'certs', 'orgs.json'))) ensureCerts(CERT_CACHE);
  return path.join(CERT_CACHE, 'certs');
}

export function tempDir(label = 'sb'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `dfdg-sandbox-${label}-`));
}

export interface TestSandbox {
  sb: SandboxHandle;
  admin: SandboxAdmin;
  sample: Sample;
  dir: string;
  close(): Promise<void>;
}

export async function startTestSandbox(opts: Partial<StartOptions> & { freshCerts?: boolean } = {}): Promise<TestSandbox> {
  const dir = opts.dataDir ?? tempDir();
  if (!opts.freshCerts && !fs.existsSync(path.join(dir, 'certs'))) fs.cpSync(cachedCerts(), path.join(dir, 'certs'), { recursive: true });
  const sb = await startSandbox({ port: 0, today: TODAY, ...opts, dataDir: dir });
  const sample = JSON.parse(fs.readFileSync(path.join(dir, 'population-sample.json'), 'utf8')) as Sample;
  return {
    sb,
    admin: sandboxAdmin(sb),
    sample,
    dir,
    close: async () => {
      await sb.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function org(sample: Sample, id: string) {
  const o = sample.organisations.find((x) => x.id === id);
  if (!o) throw new Error(`no ${id} in the sample`);
  return o;
}

// ---------------------------------------------------------------------------------------------
// Raw HTTPS

export interface TlsIdentity {
  cert?: string;
  key?: string;
  pfx?: Buffer;
  passphrase?: string;
  ca?: string;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = unknown>(): T;
}

export function tlsFor(sb: SandboxHandle, orgId: string | null): TlsIdentity {
  if (orgId === null) return { ca: sb.certs.caPem };
  const o = sb.certs.orgs[orgId];
  if (!o) throw new Error(`no certificate for ${orgId}`);
  return { cert: o.certPem, key: o.keyPem, ca: sb.certs.caPem };
}

export function request(
  sb: SandboxHandle,
  who: string | TlsIdentity | null,
  method: string,
  urlPath: string,
  opts: { headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number } = {},
): Promise<RawResponse> {
  const tls = typeof who === 'string' || who === null ? tlsFor(sb, who) : who;
  return new Promise((resolve, reject) => {
    const body = opts.body;
    const req = https.request(
      new URL(urlPath, sb.url),
      {
        method,
        agent: false,
        ...tls,
        headers: { ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}), ...opts.headers },
        timeout: opts.timeoutMs ?? 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

// ---------------------------------------------------------------------------------------------
// JSON (REST)

let ridCounter = 0;
export function newRequestId(): string {
  ridCounter++;
  return `test-${process.pid}-${Date.now()}-${ridCounter}`;
}

export function rest(
  sb: SandboxHandle,
  orgId: string,
  method: string,
  urlPath: string,
  opts: { cpr?: string; requestId?: string | null; body?: unknown } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = {};
  if (opts.cpr !== undefined) headers['x-civilRegistrationIdentifier'] = opts.cpr;
  if (opts.requestId !== null) headers['x-requestId'] = opts.requestId ?? newRequestId();
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json; charset=utf-8';
  }
  return request(sb, orgId, method, urlPath, { headers, body });
}

// ---------------------------------------------------------------------------------------------
// SOAP: envelopes written by hand (with their own prefixes) so the tests check the wire format.

export function esc(s: string | number | boolean): string {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** <p:name>…</p:name> with the body namespace prefix `m`. */
export function x(name: string, content: string | number | boolean | (string | null | undefined)[] = ''): string {
  const inner = Array.isArray(content) ? content.filter((c) => c).join('') : esc(content);
  return `<m:${name}>${inner}</m:${name}>`;
}

export function ns(service: string): string {
  return `http://service.bm.dk/${service}/2024/01/01/`;
}

export interface HeaderOverrides {
  orgTypeId?: number;
  orgCode?: string;
  userType?: number;
  omitActive?: boolean;
  omitUserMeta?: boolean;
  fullName?: string;
}

export function soapHeader(sb: SandboxHandle, orgId: string, o: HeaderOverrides = {}): string {
  const c = sb.certs.orgs[orgId];
  if (!c) throw new Error(orgId);
  const typeId = o.orgTypeId ?? (c.type === 'akasse' ? 2 : 8);
  const code = o.orgCode ?? c.code;
  const active = o.omitActive
    ? ''
    : `<ao:ActiveOrganisationHeader xmlns:ao="http://rep.oio.dk/ams.dk/xml/schemas/2005/09/01/"><ao:OrganisationTypeIdentifier>${typeId}</ao:OrganisationTypeIdentifier><ao:OrganisationCode>${esc(code)}</ao:OrganisationCode></ao:ActiveOrganisationHeader>`;
  const meta = o.omitUserMeta
    ? ''
    : `<RequestUserMetadataHeader xmlns="http://service.bm.dk/RequestUserMetadata/2015/01/21/">` +
      `<RequestUserStructure xmlns="http://service.bm.dk/pjaktass/2015/01/21/RequestUserStructure/">` +
      `<UserFullName>${esc(o.fullName ?? c.caseworkerName)}</UserFullName>` +
      `<RequestUserTypeIdentifier xmlns="http://service.bm.dk/pjaktass/2015/01/21/RequestUserTypeIdentifierCodeList/"><cl:CodeListItemIdentifier xmlns:cl="http://service.bm.dk/pjaktass/2013/06/07/CodeListBase/">${o.userType ?? 2}</cl:CodeListItemIdentifier></RequestUserTypeIdentifier>` +
      `<UserIdentifier>${esc(c.rid)}</UserIdentifier></RequestUserStructure>` +
      `<RequestOrganisationStructure xmlns="http://service.bm.dk/pjaktass/2015/01/21/RequestOrganisationStructure/">` +
      `<OrganisationTypeIdentifier xmlns="http://service.bm.dk/pjaktass/2015/01/21/OrganisationTypeIdentifierCodeList/"><CodeListItemIdentifier xmlns="http://service.bm.dk/pjaktass/2013/06/07/CodeListBase/">${typeId}</CodeListItemIdentifier></OrganisationTypeIdentifier>` +
      `<OrganisationCode>${esc(code)}</OrganisationCode></RequestOrganisationStructure>` +
      `<RegistrationDateTime>2026-05-04T10:15:00Z</RegistrationDateTime></RequestUserMetadataHeader>`;
  return `<soapenv:Header>${active}${meta}</soapenv:Header>`;
}

export interface SoapResult {
  status: number;
  root: XEl;
  /** The <OpResponse> element, when not a fault. */
  body: XEl | null;
  fault: { code: number | null; message: string; faultcode: string } | null;
  raw: RawResponse;
}

export function soapEnvelope(sb: SandboxHandle, orgId: string, service: string, op: string, inner: string, headers: HeaderOverrides = {}): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">` +
    `${soapHeader(sb, orgId, headers)}<soapenv:Body><m:${op}Request xmlns:m="${ns(service)}">${inner}</m:${op}Request></soapenv:Body></soapenv:Envelope>`
  );
}

export async function soap(
  sb: SandboxHandle,
  orgId: string,
  service: string,
  op: string,
  inner: string,
  opts: { headers?: HeaderOverrides; envelope?: string; action?: string; who?: TlsIdentity } = {},
): Promise<SoapResult> {
  const envelope = opts.envelope ?? soapEnvelope(sb, orgId, service, op, inner, opts.headers);
  const raw = await request(sb, opts.who ?? orgId, 'POST', `/pjaktass/1/${service}.svc`, {
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${opts.action ?? `http://service.bm.dk/pjaktass/1/${service}#${op}`}"` },
    body: envelope,
  });
  if (!String(raw.headers['content-type'] ?? '').includes('xml')) {
    return { status: raw.status, root: { ns: '', name: '', attrs: {}, children: [], text: raw.text }, body: null, fault: null, raw };
  }
  const root = parseXml(raw.text);
  const soapBody = root.children.find((c) => c.name === 'Body');
  const first = soapBody?.children[0];
  if (first?.name === 'Fault') {
    const details = first.children.find((c) => c.name === 'detail')?.children[0];
    const code = details?.children.find((c) => c.name === 'ErrorCode')?.text;
    return {
      status: raw.status,
      root,
      body: null,
      fault: {
        code: code ? Number(code) : null,
        message: details?.children.find((c) => c.name === 'Message')?.text ?? '',
        faultcode: first.children.find((c) => c.name === 'faultcode')?.text ?? '',
      },
      raw,
    };
  }
  return { status: raw.status, root, body: first ?? null, fault: null, raw };
}

/** Child by local name (asserting it exists). */
export function kid(e: XEl | null | undefined, name: string): XEl {
  const k = e?.children.find((c) => c.name === name);
  if (!k) throw new Error(`no <${name}> in <${e?.name}>`);
  return k;
}

export function kids(e: XEl | null | undefined, name: string): XEl[] {
  return e?.children.filter((c) => c.name === name) ?? [];
}

export function text(e: XEl | null | undefined, ...pathNames: string[]): string {
  let cur = e;
  for (const n of pathNames) cur = kid(cur, n);
  return cur?.text ?? '';
}
