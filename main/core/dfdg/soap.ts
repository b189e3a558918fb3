// SOAP 1.1 document/literal codec and call (docs/wire-contract.md §2).
//
// Envelopes are built from plain objects with fast-xml-parser's XMLBuilder (which escapes text and
// attributes; no CDATA), and parsed with its XMLParser into a namespace-resolved tree: elements are
// matched on namespace + local name, whatever prefixes the other side chose.

import { randomUUID } from 'node:crypto';
import type { AxiosInstance } from 'axios';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { ORGANISATION_TYPE_ID } from '../../../shared/domain';
import { DfdgError } from './errors';
import { protocolError, sizeOptions, SIZE_LIMITS, statusError, transportError, type CallMeta, type SizeLimits } from './http';
import type { CallContext, DfdgServiceName } from './types';
import { xmlText } from './text';
import { WireError, wireBool, wireDate, wireDateTime, wireInt } from './values';

export const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  xml: 'http://www.w3.org/XML/1998/namespace',
  activeOrganisation: 'http://rep.oio.dk/ams.dk/xml/schemas/2005/09/01/',
  requestUserMetadata: 'http://service.bm.dk/RequestUserMetadata/2015/01/21/',
  requestUserStructure: 'http://service.bm.dk/pjaktass/2015/01/21/RequestUserStructure/',
  requestUserTypeCodeList: 'http://service.bm.dk/pjaktass/2015/01/21/RequestUserTypeIdentifierCodeList/',
  requestOrganisationStructure: 'http://service.bm.dk/pjaktass/2015/01/21/RequestOrganisationStructure/',
  organisationTypeCodeList: 'http://service.bm.dk/pjaktass/2015/01/21/OrganisationTypeIdentifierCodeList/',
  codeListBase: 'http://service.bm.dk/pjaktass/2013/06/07/CodeListBase/',
  faultDetails: 'http://service.bm.dk/xml/schemas/2011/01/12/',
} as const;

// ---------------------------------------------------------------------------------------------
// Building

/** A body value: element local names → text, nested objects, or arrays (repeated elements). null/undefined are left out. */
export type XmlValue = string | number | boolean | null | undefined | XmlObject | XmlValue[];
export interface XmlObject {
  [localName: string]: XmlValue;
}

function leaf(v: string | number | boolean): string {
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new TypeError('A number sent to DFDG must be finite');
    return String(v);
  }
  return xmlText(v);
}

function convert(v: XmlValue): unknown {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) {
    const items = v.map(convert).filter((x) => x !== undefined);
    return items.length ? items : undefined;
  }
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      const c = convert(v[k]);
      if (c !== undefined) out[k] = c;
    }
    return out;
  }
  return leaf(v);
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  suppressEmptyNode: false,
  suppressBooleanAttributes: false,
  processEntities: true,
  format: false,
});

/** The two DFDG headers, filled from the caller's identity (wire-contract §2.1). */
function headers(ctx: CallContext, now: Date): Record<string, unknown> {
  const org = ctx.identity.organisation;
  const orgType = String(ORGANISATION_TYPE_ID[org.type]);
  const user = ctx.identity.caseworker;
  const userStructure: Record<string, unknown> = {
    '@_xmlns': NS.requestUserStructure,
    UserFullName: leaf(user.fullName),
    RequestUserTypeIdentifier: { '@_xmlns': NS.requestUserTypeCodeList, CodeListItemIdentifier: { '@_xmlns': NS.codeListBase, '#text': String(ctx.userType ?? 2) } },
    UserIdentifier: leaf(user.userIdentifier),
  };
  if (user.email) userStructure.UserEmail = leaf(user.email);
  return {
    ActiveOrganisationHeader: { '@_xmlns': NS.activeOrganisation, OrganisationTypeIdentifier: orgType, OrganisationCode: leaf(org.code) },
    RequestUserMetadataHeader: {
      '@_xmlns': NS.requestUserMetadata,
      RequestUserStructure: userStructure,
      RequestOrganisationStructure: {
        '@_xmlns': NS.requestOrganisationStructure,
        OrganisationTypeIdentifier: { '@_xmlns': NS.organisationTypeCodeList, CodeListItemIdentifier: { '@_xmlns': NS.codeListBase, '#text': orgType } },
        OrganisationCode: leaf(org.code),
      },
      RegistrationDateTime: now.toISOString(),
    },
  };
}

/** A complete request envelope: `<Operation>Request` in the service namespace, with the DFDG headers. */
export function buildEnvelope(p: { namespace: string; operation: string; body: XmlObject; ctx: CallContext; now?: Date }): string {
  const request = convert(p.body) as Record<string, unknown> | undefined;
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' },
    's:Envelope': {
      '@_xmlns:s': NS.soap,
      's:Header': headers(p.ctx, p.now ?? new Date()),
      's:Body': { [`${p.operation}Request`]: { '@_xmlns': p.namespace, ...(request ?? {}) } },
    },
  }) as string;
}

// ---------------------------------------------------------------------------------------------
// Parsing

/** An element with its namespace resolved. Attributes are keyed `local` (no namespace) or `{ns}local`. */
export interface XNode {
  ns: string;
  name: string;
  attrs: Record<string, string>;
  /** The element's own text (entities and CDATA resolved); '' for elements with only children. */
  text: string;
  children: XNode[];
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  // An (empty) object turns on numeric character references (&#229;) next to the five XML entities.
  htmlEntities: {} as unknown as boolean,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: false,
  commentPropName: false,
  maxNestedTags: 200,
});

type Scope = Record<string, string>;
type Ordered = Record<string, unknown>;

function resolve(qname: string, scope: Scope, isAttr: boolean): { ns: string; name: string } {
  const i = qname.indexOf(':');
  if (i < 0) return { ns: isAttr ? '' : (scope[''] ?? ''), name: qname };
  const prefix = qname.slice(0, i);
  const ns = prefix === 'xml' ? NS.xml : scope[prefix];
  if (ns === undefined) throw new WireError(`ukendt navnerumspræfiks "${prefix}"`);
  return { ns, name: qname.slice(i + 1) };
}

function toNode(tag: string, content: unknown[], rawAttrs: Record<string, string> | undefined, parent: Scope): XNode {
  let scope = parent;
  if (rawAttrs) {
    for (const k of Object.keys(rawAttrs)) {
      if (k === '@_xmlns') {
        if (scope === parent) scope = Object.create(parent) as Scope;
        scope[''] = rawAttrs[k]!;
      } else if (k.startsWith('@_xmlns:')) {
        if (scope === parent) scope = Object.create(parent) as Scope;
        scope[k.slice(8)] = rawAttrs[k]!;
      }
    }
  }
  const { ns, name } = resolve(tag, scope, false);
  const attrs: Record<string, string> = {};
  if (rawAttrs) {
    for (const k of Object.keys(rawAttrs)) {
      if (k === '@_xmlns' || k.startsWith('@_xmlns:')) continue;
      const a = resolve(k.slice(2), scope, true);
      attrs[a.ns ? `{${a.ns}}${a.name}` : a.name] = rawAttrs[k]!;
    }
  }
  const children: XNode[] = [];
  let text = '';
  for (const item of content as Ordered[]) {
    let childTag: string | undefined;
    for (const k of Object.keys(item)) {
      if (k === '#text') text += String(item[k]);
      else if (k !== ':@') childTag = k;
    }
    if (childTag !== undefined) children.push(toNode(childTag, item[childTag] as unknown[], item[':@'] as Record<string, string> | undefined, scope));
  }
  return { ns, name, attrs, text: children.length ? text.trim() : text, children };
}

/** Parses a whole XML document into its namespace-resolved root element. Throws WireError. */
export function parseXml(xml: string): XNode {
  const start = xml.search(/<[A-Za-z_]/);
  if (start < 0) throw new WireError('intet XML-element');
  if (xml.slice(0, start).includes('<!DOCTYPE')) throw new WireError('DOCTYPE er ikke tilladt i SOAP');
  let doc: Ordered[];
  try {
    doc = parser.parse(xml, true) as Ordered[];
  } catch (e) {
    throw new WireError(`ugyldig XML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  for (const item of doc) {
    const tag = Object.keys(item).find((k) => k !== ':@' && k !== '#text');
    if (tag) return toNode(tag, item[tag] as unknown[], item[':@'] as Record<string, string> | undefined, {});
  }
  throw new WireError('intet XML-element');
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An element back as XML text (namespaces declared where they change), e.g. to keep an item that could not be read. */
export function xmlOf(n: XNode, parentNs: string | null = null): string {
  let attrs = n.ns !== parentNs ? ` xmlns="${escapeXml(n.ns)}"` : '';
  let prefixes = 0;
  for (const [k, v] of Object.entries(n.attrs)) {
    const m = /^\{(.*)\}(.+)$/.exec(k);
    if (m) {
      const p = `a${prefixes++}`;
      attrs += ` xmlns:${p}="${escapeXml(m[1] ?? '')}" ${p}:${m[2]}="${escapeXml(v)}"`;
    } else attrs += ` ${k}="${escapeXml(v)}"`;
  }
  const inner = n.children.length ? n.children.map((c) => xmlOf(c, n.ns)).join('') : escapeXml(n.text);
  return `<${n.name}${attrs}>${inner}</${n.name}>`;
}

export function child(n: XNode, ns: string, name: string): XNode | undefined {
  return n.children.find((c) => c.name === name && c.ns === ns);
}

export function childrenOf(n: XNode, ns: string, name: string): XNode[] {
  return n.children.filter((c) => c.name === name && c.ns === ns);
}

function isNil(n: XNode): boolean {
  const v = n.attrs[`{${NS.xsi}}nil`];
  return v === 'true' || v === '1';
}

/** Reads a response in one namespace (elementFormDefault qualified). Missing mandatory elements throw WireError. */
export class Reader {
  constructor(readonly ns: string) {}

  one(n: XNode, name: string): XNode {
    const c = child(n, this.ns, name);
    if (!c) throw new WireError(`${name} mangler i ${n.name}`);
    return c;
  }
  opt(n: XNode, name: string): XNode | undefined {
    const c = child(n, this.ns, name);
    return c && !isNil(c) ? c : undefined;
  }
  all(n: XNode, name: string): XNode[] {
    return childrenOf(n, this.ns, name);
  }
  /** The items of a wrapper (`<Wrapper><Item/>…</Wrapper>`); an absent wrapper is an empty list. */
  list(n: XNode, wrapper: string, item: string): XNode[] {
    const w = this.opt(n, wrapper);
    return w ? this.all(w, item) : [];
  }
  str(n: XNode, name: string): string {
    const c = this.one(n, name);
    if (isNil(c)) throw new WireError(`${name} er tom i ${n.name}`);
    return c.text;
  }
  optStr(n: XNode, name: string): string | null {
    const c = this.opt(n, name);
    return c && c.text !== '' ? c.text : null;
  }
  int(n: XNode, name: string): number {
    return wireInt(this.str(n, name));
  }
  optInt(n: XNode, name: string): number | null {
    const s = this.optStr(n, name);
    return s === null ? null : wireInt(s);
  }
  bool(n: XNode, name: string): boolean {
    return wireBool(this.str(n, name));
  }
  date(n: XNode, name: string): string {
    return wireDate(this.str(n, name));
  }
  optDate(n: XNode, name: string): string | null {
    const s = this.optStr(n, name);
    return s === null ? null : wireDate(s);
  }
  dateTime(n: XNode, name: string): string {
    return wireDateTime(this.str(n, name));
  }
  optDateTime(n: XNode, name: string): string | null {
    const s = this.optStr(n, name);
    return s === null ? null : wireDateTime(s);
  }
}

export interface SoapFault {
  faultCode: string;
  faultString: string;
  /** FaultDetails/ErrorCode: DFDG's own code, or null when the fault carries none. */
  errorCode: number | null;
  /** FaultDetails/Message, or null. */
  message: string | null;
}

/** The fault in an envelope, or null when the body holds none. */
export function readFault(envelope: XNode): SoapFault | null {
  const body = child(envelope, NS.soap, 'Body');
  const fault = body && child(body, NS.soap, 'Fault');
  if (!fault) return null;
  // SOAP 1.1: faultcode, faultstring and detail are unqualified.
  const plain = (name: string) => fault.children.find((c) => c.name === name && (c.ns === '' || c.ns === NS.soap));
  const details = plain('detail') && child(plain('detail')!, NS.faultDetails, 'FaultDetails');
  const codeText = details ? child(details, NS.faultDetails, 'ErrorCode')?.text.trim() : undefined;
  const code = codeText && /^-?\d+$/.test(codeText) ? Number(codeText) : null;
  const message = details ? (child(details, NS.faultDetails, 'Message')?.text ?? null) : null;
  return { faultCode: plain('faultcode')?.text.trim() ?? '', faultString: plain('faultstring')?.text ?? '', errorCode: code, message };
}

// ---------------------------------------------------------------------------------------------
// Calling

export interface SoapEndpoint {
  url: string;
  namespace: string;
  /** SOAPAction without `#<Operation>`, e.g. `http://service.bm.dk/pjaktass/1/CitizenMessageService`. */
  soapActionBase: string;
}

export interface SoapCallOptions {
  /** The call changes state at DFDG (decides `ambiguous`). */
  write: boolean;
  /** Request and response size caps (default SIZE_LIMITS.call). */
  limits?: SizeLimits;
}

/** One SOAP service: builds, posts, classifies. Returns the `<Operation>Response` element. */
export class SoapService {
  readonly read: Reader;

  constructor(
    private readonly http: AxiosInstance,
    readonly service: DfdgServiceName,
    readonly endpoint: SoapEndpoint,
    private readonly timeoutMs: number,
  ) {
    this.read = new Reader(endpoint.namespace);
  }

  async call(ctx: CallContext, operation: string, body: XmlObject, opts: SoapCallOptions, correlationId = ctx.correlationId ?? randomUUID()): Promise<XNode> {
    const limits = opts.limits ?? SIZE_LIMITS.call;
    const meta: CallMeta = { service: this.service, operation, correlationId, write: opts.write, timeoutMs: this.timeoutMs, limits };
    const xml = buildEnvelope({ namespace: this.endpoint.namespace, operation, body, ctx });
    let status: number;
    let text: string;
    try {
      const res = await this.http.post<string>(this.endpoint.url, xml, {
        headers: {
          'Content-Type': 'text/xml; charset=utf-8',
          SOAPAction: `"${this.endpoint.soapActionBase}#${operation}"`,
          Accept: 'text/xml',
          'x-correlation-id': correlationId,
          ...(opts.write && ctx.requestId ? { 'x-requestId': ctx.requestId } : {}),
        },
        ...sizeOptions(limits),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      status = res.status;
      text = typeof res.data === 'string' ? res.data : String(res.data ?? '');
    } catch (e) {
      throw transportError(e, meta);
    }
    return this.interpret(operation, status, text, meta);
  }

  /** Status + body → the response element, or the DfdgError it stands for. */
  interpret(operation: string, status: number, text: string, meta: CallMeta): XNode {
    const ok = status >= 200 && status < 300;
    let envelope: XNode | null = null;
    if (text.trimStart().startsWith('<')) {
      try {
        envelope = parseXml(text);
      } catch (e) {
        if (!ok) throw statusError(status, meta);
        throw protocolError(e instanceof Error ? e.message : 'ugyldig XML', meta, status, true);
      }
    }
    if (!envelope || envelope.ns !== NS.soap || envelope.name !== 'Envelope') {
      if (!ok) throw statusError(status, meta);
      throw protocolError('ingen SOAP-konvolut', meta, status, true);
    }
    const fault = readFault(envelope);
    if (fault) {
      if (fault.errorCode !== null) {
        throw new DfdgError({
          code: fault.errorCode,
          text: fault.message ?? fault.faultString,
          service: meta.service,
          operation,
          transient: false,
          kind: 'fault',
          httpStatus: status,
          correlationId: meta.correlationId,
        });
      }
      // A fault without a DFDG code: the caller's fault is permanent, the server's may pass.
      const client = /(^|:)Client/.test(fault.faultCode);
      throw new DfdgError({
        code: null,
        text: fault.faultString || 'DFDG svarede med en fejl uden fejlkode.',
        service: meta.service,
        operation,
        transient: !client,
        ambiguous: !client && meta.write,
        kind: 'fault',
        httpStatus: status,
        correlationId: meta.correlationId,
      });
    }
    if (!ok) throw statusError(status, meta);
    const body = child(envelope, NS.soap, 'Body');
    const response = body && child(body, this.endpoint.namespace, `${operation}Response`);
    if (!response) throw protocolError(`${operation}Response mangler`, meta, status, true);
    return response;
  }

  /** Runs a mapping over the response; a WireError becomes DfdgError kind 'protocol'. */
  async request<T>(ctx: CallContext, operation: string, body: XmlObject, opts: SoapCallOptions, map: (r: XNode, read: Reader) => T): Promise<T> {
    const correlationId = ctx.correlationId ?? randomUUID();
    const response = await this.call(ctx, operation, body, opts, correlationId);
    try {
      return map(response, this.read);
    } catch (e) {
      if (e instanceof WireError) {
        throw protocolError(e.message, { service: this.service, operation, correlationId, write: opts.write, timeoutMs: this.timeoutMs }, 200, true);
      }
      throw e;
    }
  }
}
