// SOAP 1.1 document/literal as wire-contract §2 fixes it: envelope, the two DFDG headers, the
// dated service namespace, SOAPAction, faults with FaultDetails. Matching is by namespace + local
// name only; prefixes are free.

import { Reject, type Caller, type Env, type Req, type Res } from './http';
import { int, obj, SchemaError, str, validate, type Obj, type Spec } from './schema';
import { child, el, parseXml, serialize, XmlError, type WEl } from './xml';

export const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  activeOrg: 'http://rep.oio.dk/ams.dk/xml/schemas/2005/09/01/',
  userMeta: 'http://service.bm.dk/RequestUserMetadata/2015/01/21/',
  userStructure: 'http://service.bm.dk/pjaktass/2015/01/21/RequestUserStructure/',
  userType: 'http://service.bm.dk/pjaktass/2015/01/21/RequestUserTypeIdentifierCodeList/',
  orgStructure: 'http://service.bm.dk/pjaktass/2015/01/21/RequestOrganisationStructure/',
  orgType: 'http://service.bm.dk/pjaktass/2015/01/21/OrganisationTypeIdentifierCodeList/',
  codeListBase: 'http://service.bm.dk/pjaktass/2013/06/07/CodeListBase/',
  fault: 'http://service.bm.dk/xml/schemas/2011/01/12/',
} as const;

/** ASSUMED (wire-contract §2): the sandbox's dated namespace for every service. */
export function serviceNamespace(service: string): string {
  return `http://service.bm.dk/${service}/2024/01/01/`;
}

export function soapAction(service: string, op: string): string {
  return `http://service.bm.dk/pjaktass/1/${service}#${op}`;
}

export interface SoapHeader {
  activeOrgTypeId: number;
  activeOrgCode: string;
  userFullName: string;
  userType: number;
  userIdentifier: string;
  requestOrgTypeId: number;
  requestOrgCode: string;
  registrationDateTime: string;
}

export interface SoapCtx {
  env: Env;
  caller: Caller;
  header: SoapHeader;
  body: Obj;
  service: string;
  op: string;
}

export interface SoapOperation {
  spec: Spec;
  handle: (ctx: SoapCtx) => WEl[];
}

export interface SoapService {
  name: string;
  ops: Record<string, SoapOperation>;
}

const codeListItem = (): Spec => ({ CodeListItemIdentifier: { t: 'int', ns: NS.codeListBase, range: [0, 100_000_000] } });

const ACTIVE_ORG_SPEC: Spec = {
  OrganisationTypeIdentifier: { t: 'int', range: [1, 100] },
  OrganisationCode: { t: 'str', len: [1, 20] },
};

const USER_META_SPEC: Spec = {
  RequestUserStructure: {
    t: 'obj',
    ns: NS.userStructure,
    fields: {
      UserFullName: { t: 'str', len: [1, 140] },
      RequestUserTypeIdentifier: { t: 'obj', ns: NS.userType, fields: codeListItem() },
      UserIdentifier: { t: 'str', len: [1, 255] },
      UserEmail: { t: 'str', min: 0, len: [0, 256] },
    },
  },
  RequestOrganisationStructure: {
    t: 'obj',
    ns: NS.orgStructure,
    fields: {
      OrganisationTypeIdentifier: { t: 'obj', ns: NS.orgType, fields: codeListItem() },
      OrganisationCode: { t: 'str', pattern: /^(-1|[0-9]{1,8})$/ },
    },
  },
  RegistrationDateTime: { t: 'dateTime' },
};

/** The operation named by the SOAPAction header, or null when it has the wrong form. */
export function operationFromAction(service: string, header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  const v = header.trim().replace(/^"(.*)"$/, '$1');
  const prefix = `http://service.bm.dk/pjaktass/1/${service}#`;
  if (!v.startsWith(prefix)) return null;
  const op = v.slice(prefix.length);
  return /^[A-Za-z][A-Za-z0-9]*$/.test(op) ? op : null;
}

function parseHeader(envelope: ReturnType<typeof parseXml>): SoapHeader {
  const header = child(envelope, NS.soap, 'Header');
  if (!header) throw new SchemaError('Missing soap Header');
  const ao = child(header, NS.activeOrg, 'ActiveOrganisationHeader');
  const um = child(header, NS.userMeta, 'RequestUserMetadataHeader');
  if (!ao) throw new SchemaError('Missing ActiveOrganisationHeader');
  if (!um) throw new SchemaError('Missing RequestUserMetadataHeader');
  const a = validate(ao, ACTIVE_ORG_SPEC, NS.activeOrg);
  const u = validate(um, USER_META_SPEC, NS.userMeta);
  const us = obj(u, 'RequestUserStructure');
  const os = obj(u, 'RequestOrganisationStructure');
  return {
    activeOrgTypeId: int(a, 'OrganisationTypeIdentifier'),
    activeOrgCode: str(a, 'OrganisationCode'),
    userFullName: str(us, 'UserFullName'),
    userType: int(obj(us, 'RequestUserTypeIdentifier'), 'CodeListItemIdentifier'),
    userIdentifier: str(us, 'UserIdentifier'),
    requestOrgTypeId: int(obj(os, 'OrganisationTypeIdentifier'), 'CodeListItemIdentifier'),
    requestOrgCode: str(os, 'OrganisationCode'),
    registrationDateTime: str(u, 'RegistrationDateTime'),
  };
}

const XML_DECL = '<?xml version="1.0" encoding="utf-8"?>';

export function soapResponse(service: string, op: string, content: WEl[]): Res {
  const envelope = el('s:Envelope', [el('s:Body', [el(`${op}Response`, content, { xmlns: serviceNamespace(service) })])], { 'xmlns:s': NS.soap });
  return { status: 200, contentType: 'text/xml; charset=utf-8', body: XML_DECL + serialize(envelope), outcome: 'applied' };
}

export function soapFault(code: number | null, message: string, detail: string | null = null, faultcode = 's:Client'): Res {
  const details = el(
    'FaultDetails',
    [code !== null ? el('ErrorCode', code) : null, el('Message', message), detail ? el('InnerException', detail) : null],
    { xmlns: NS.fault },
  );
  const fault = el('s:Fault', [el('faultcode', faultcode), el('faultstring', message, { 'xml:lang': 'en-US' }), el('detail', [details])]);
  const envelope = el('s:Envelope', [el('s:Body', [fault])], { 'xmlns:s': NS.soap });
  return { status: 500, contentType: 'text/xml; charset=utf-8', body: XML_DECL + serialize(envelope), outcome: 'rejected' };
}

function rejectFault(e: Reject): Res {
  return soapFault(e.code, e.text, e.detail);
}

/** The whole SOAP pipeline for one request to `service`. */
export function handleSoap(env: Env, req: Req, service: SoapService): Res {
  try {
    if (req.method !== 'POST') return { status: 405, contentType: 'text/plain; charset=utf-8', body: 'Method Not Allowed', outcome: 'rejected' };
    const ct = String(req.headers['content-type'] ?? '').toLowerCase();
    if (!ct.startsWith('text/xml')) throw new Reject(1014, 'Content-Type must be text/xml');
    const opName = operationFromAction(service.name, req.headers.soapaction);
    const op = opName ? service.ops[opName] : undefined;
    if (!opName || !op) throw new Reject(1014, 'Unknown SOAPAction');
    let envelope;
    try {
      envelope = parseXml(req.body.toString('utf8'));
    } catch (e) {
      if (e instanceof XmlError) throw new Reject(1014, 'The message is not well-formed XML');
      throw e;
    }
    if (envelope.ns !== NS.soap || envelope.name !== 'Envelope') throw new Reject(1014, 'Not a SOAP 1.1 envelope');
    let header: SoapHeader;
    let body: Obj;
    try {
      header = parseHeader(envelope);
      const soapBody = child(envelope, NS.soap, 'Body');
      const ns = serviceNamespace(service.name);
      const payload = soapBody?.children ?? [];
      const first = payload[0];
      if (payload.length !== 1 || !first) throw new SchemaError('The Body must hold exactly one element');
      if (first.ns !== ns || first.name !== `${opName}Request`) throw new SchemaError(`Expected {${ns}}${opName}Request`);
      body = validate(first, op.spec, ns);
    } catch (e) {
      if (e instanceof SchemaError) throw new Reject(1014, e.message);
      throw e;
    }
    const org = req.caller.org;
    if (org.type === 'admin' || header.activeOrgTypeId !== org.orgTypeId || header.activeOrgCode !== org.code) throw new Reject(4575);
    return soapResponse(service.name, opName, op.handle({ env, caller: req.caller, header, body, service: service.name, op: opName }));
  } catch (e) {
    if (e instanceof Reject) return rejectFault(e);
    if (e instanceof SchemaError) return rejectFault(new Reject(1014, e.message));
    console.error('sandbox: internal error in', `${service.name}:`, e instanceof Error ? e.stack : String(e));
    return soapFault(null, 'Internal error', null, 's:Server');
  }
}

