// The SOAP codec: headers in DFDG's namespaces, escaping, namespace-aware parsing, faults.
import { describe, expect, it } from 'vitest';
import { NS, Reader, buildEnvelope, child, childrenOf, parseXml, readFault, type XNode } from '../../../main/core/dfdg/soap';
import { WireError } from '../../../main/core/dfdg/values';
import type { CallContext } from '../../../main/core/dfdg';
import type { Identity } from '../../../shared/domain';

const SVC = 'http://service.bm.dk/CitizenMessageService/2024/01/01/';

function identity(type: 'akasse' | 'jobcenter', code: string): Identity {
  return {
    organisation: { type, code, name: 'Org' },
    caseworker: { fullName: 'Mette Sørensen', userIdentifier: 'CVR:12345678-UUID:0b9a7c2e-2f3c-4c55-8d7e-1234567890ab' },
    certificate: { subject: '', issuer: '', validFrom: '', validTo: '', fingerprint256: '' },
  };
}

function path(n: XNode, ...steps: [string, string][]): XNode {
  let cur = n;
  for (const [ns, name] of steps) {
    const c = child(cur, ns, name);
    if (!c) throw new Error(`missing {${ns}}${name} under ${cur.name}`);
    cur = c;
  }
  return cur;
}

describe('buildEnvelope', () => {
  const now = new Date('2026-11-22T10:15:00Z');

  it('fills ActiveOrganisationHeader and RequestUserMetadataHeader in their documented namespaces', () => {
    const ctx: CallContext = { identity: identity('akasse', '067') };
    const env = parseXml(buildEnvelope({ namespace: SVC, operation: 'GetCitizenMessages', body: { PersonCivilRegistrationIdentifier: '0101901234' }, ctx, now }));
    expect([env.ns, env.name]).toEqual([NS.soap, 'Envelope']);
    const header = path(env, [NS.soap, 'Header']);

    const active = path(header, [NS.activeOrganisation, 'ActiveOrganisationHeader']);
    expect(path(active, [NS.activeOrganisation, 'OrganisationTypeIdentifier']).text).toBe('2');
    expect(path(active, [NS.activeOrganisation, 'OrganisationCode']).text).toBe('067');

    const meta = path(header, [NS.requestUserMetadata, 'RequestUserMetadataHeader']);
    // As in wire-contract §2.1: each structure element declares (and sits in) its own namespace.
    const user = path(meta, [NS.requestUserStructure, 'RequestUserStructure']);
    expect(user.children.map((c) => [c.ns, c.name])).toEqual([
      [NS.requestUserStructure, 'UserFullName'],
      [NS.requestUserTypeCodeList, 'RequestUserTypeIdentifier'],
      [NS.requestUserStructure, 'UserIdentifier'],
    ]);
    expect(path(user, [NS.requestUserStructure, 'UserFullName']).text).toBe('Mette Sørensen');
    expect(path(user, [NS.requestUserTypeCodeList, 'RequestUserTypeIdentifier'], [NS.codeListBase, 'CodeListItemIdentifier']).text).toBe('2');
    expect(path(user, [NS.requestUserStructure, 'UserIdentifier']).text).toBe('CVR:12345678-UUID:0b9a7c2e-2f3c-4c55-8d7e-1234567890ab');

    const org = path(meta, [NS.requestOrganisationStructure, 'RequestOrganisationStructure']);
    expect(org.ns).toBe(NS.requestOrganisationStructure);
    expect(path(org, [NS.organisationTypeCodeList, 'OrganisationTypeIdentifier'], [NS.codeListBase, 'CodeListItemIdentifier']).text).toBe('2');
    expect(path(org, [NS.requestOrganisationStructure, 'OrganisationCode']).text).toBe('067');
    expect(path(meta, [NS.requestUserMetadata, 'RegistrationDateTime']).text).toBe('2026-11-22T10:15:00.000Z');
    // Order: user structure, organisation structure, then the time.
    expect(meta.children.map((c) => c.name)).toEqual(['RequestUserStructure', 'RequestOrganisationStructure', 'RegistrationDateTime']);
  });

  it('uses 8 for a jobcenter and RequestUserTypeIdentifier 3 for the system poller', () => {
    const ctx: CallContext = { identity: identity('jobcenter', '10100'), userType: 3 };
    const env = parseXml(buildEnvelope({ namespace: SVC, operation: 'X', body: {}, ctx, now }));
    const header = path(env, [NS.soap, 'Header']);
    expect(path(header, [NS.activeOrganisation, 'ActiveOrganisationHeader'], [NS.activeOrganisation, 'OrganisationTypeIdentifier']).text).toBe('8');
    const meta = path(header, [NS.requestUserMetadata, 'RequestUserMetadataHeader']);
    expect(
      path(meta, [NS.requestUserStructure, 'RequestUserStructure'], [NS.requestUserTypeCodeList, 'RequestUserTypeIdentifier'], [NS.codeListBase, 'CodeListItemIdentifier']).text,
    ).toBe('3');
  });

  it('puts <Operation>Request and all its descendants in the service namespace, in order, leaving out nulls', () => {
    const ctx: CallContext = { identity: identity('akasse', '067') };
    const env = parseXml(
      buildEnvelope({
        namespace: SVC,
        operation: 'CreateMessage',
        body: { A: '1', Skip: null, B: { C: true, D: [1, 2, 3] }, E: undefined, F: false },
        ctx,
        now,
      }),
    );
    const req = path(env, [NS.soap, 'Body'], [SVC, 'CreateMessageRequest']);
    expect(req.children.map((c) => c.name)).toEqual(['A', 'B', 'F']);
    const b = path(req, [SVC, 'B']);
    expect(childrenOf(b, SVC, 'D').map((d) => d.text)).toEqual(['1', '2', '3']);
    expect(path(b, [SVC, 'C']).text).toBe('true');
    expect(path(req, [SVC, 'F']).text).toBe('false');
  });

  it('escapes æøå, &, < and quotes without CDATA and round-trips them exactly', () => {
    const tricky = 'Kære Søren & Åse: <b>fed</b> "citat" \'x\' ]]> a<b && c>d\nlinje 2';
    const ctx: CallContext = { identity: { ...identity('akasse', '067'), caseworker: { fullName: 'Ægir Ø & <Co>', userIdentifier: 'CVR:1-UUID:2' } } };
    const xml = buildEnvelope({ namespace: SVC, operation: 'CreateMessage', body: { Subject: tricky }, ctx, now });
    expect(xml).not.toContain('CDATA');
    expect(xml).toContain('&amp;');
    expect(xml).toContain('&lt;b&gt;');
    expect(xml).not.toContain('<b>');
    expect(xml).toContain('Kære Søren'); // UTF-8, not character references
    const env = parseXml(xml);
    expect(path(env, [NS.soap, 'Body'], [SVC, 'CreateMessageRequest'], [SVC, 'Subject']).text).toBe(tricky);
    const user = path(env, [NS.soap, 'Header'], [NS.requestUserMetadata, 'RequestUserMetadataHeader'], [NS.requestUserStructure, 'RequestUserStructure']);
    expect(path(user, [NS.requestUserStructure, 'UserFullName']).text).toBe('Ægir Ø & <Co>');
  });

  it('drops characters XML 1.0 cannot carry instead of producing a broken envelope', () => {
    const ctx: CallContext = { identity: identity('akasse', '067') };
    const xml = buildEnvelope({ namespace: SVC, operation: 'CreateMessage', body: { Body: 'a\u0000b\u0007c\u001Fd\uD800e😀' }, ctx, now });
    const env = parseXml(xml);
    expect(path(env, [NS.soap, 'Body'], [SVC, 'CreateMessageRequest'], [SVC, 'Body']).text).toBe('abcde😀');
  });
});

describe('parseXml', () => {
  it('matches on namespace and local name whatever the prefixes', () => {
    const xml =
      '<?xml version="1.0" encoding="utf-8"?>' +
      `<env:Envelope xmlns:env="${NS.soap}"><env:Body>` +
      `<q:GetCodeListResponse xmlns:q="${SVC}"><q:CodeList><CodeListName xmlns="${SVC}">X</CodeListName></q:CodeList></q:GetCodeListResponse>` +
      '</env:Body></env:Envelope>';
    const env = parseXml(xml);
    const list = path(env, [NS.soap, 'Body'], [SVC, 'GetCodeListResponse'], [SVC, 'CodeList']);
    expect(new Reader(SVC).str(list, 'CodeListName')).toBe('X');
  });

  it('does not match an element of the right name in another namespace', () => {
    const env = parseXml(`<s:Envelope xmlns:s="${NS.soap}"><s:Body><R xmlns="urn:other"><Name>x</Name></R></s:Body></s:Envelope>`);
    const body = path(env, [NS.soap, 'Body']);
    expect(child(body, SVC, 'R')).toBeUndefined();
    expect(() => new Reader(SVC).str(body.children[0]!, 'Name')).toThrow(WireError);
  });

  it('decodes numeric character references and CDATA', () => {
    const env = parseXml(`<a xmlns="${SVC}"><t>S&#248;ren &#xE6;&amp;<![CDATA[<x>]]></t></a>`);
    expect(new Reader(SVC).str(env, 't')).toBe('Søren æ&<x>');
  });

  it('keeps leading zeros and surrounding whitespace of leaf text', () => {
    const env = parseXml(`<a xmlns="${SVC}"><code>067</code><body>  to linjer\n </body></a>`);
    const r = new Reader(SVC);
    expect(r.str(env, 'code')).toBe('067');
    expect(r.str(env, 'body')).toBe('  to linjer\n ');
  });

  it('treats xsi:nil as absent', () => {
    const env = parseXml(`<a xmlns="${SVC}" xmlns:i="${NS.xsi}"><End i:nil="true"/></a>`);
    expect(new Reader(SVC).optDate(env, 'End')).toBeNull();
  });

  it('refuses DOCTYPE (entity expansion), malformed XML and unbound prefixes', () => {
    expect(() => parseXml('<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>')).toThrow(WireError);
    expect(() => parseXml('<a><b></a>')).toThrow(WireError);
    expect(() => parseXml('<p:a>x</p:a>')).toThrow(/præfiks/);
    expect(() => parseXml('no xml')).toThrow(WireError);
  });
});

describe('readFault', () => {
  it('reads FaultDetails/ErrorCode and Message', () => {
    const env = parseXml(
      `<s:Envelope xmlns:s="${NS.soap}"><s:Body><s:Fault><faultcode>s:Client</faultcode>` +
        `<faultstring xml:lang="en-US">Failed to validate message</faultstring><detail>` +
        `<f:FaultDetails xmlns:f="${NS.faultDetails}"><f:ErrorCode>1014</f:ErrorCode><f:Message>Failed to validate message</f:Message>` +
        `<f:StackTrace>at X</f:StackTrace></f:FaultDetails></detail></s:Fault></s:Body></s:Envelope>`,
    );
    expect(readFault(env)).toEqual({ faultCode: 's:Client', faultString: 'Failed to validate message', errorCode: 1014, message: 'Failed to validate message' });
  });

  it('gives a null code for a fault without FaultDetails, and null for no fault', () => {
    const env = parseXml(`<s:Envelope xmlns:s="${NS.soap}"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>Boom</faultstring></s:Fault></s:Body></s:Envelope>`);
    expect(readFault(env)).toEqual({ faultCode: 's:Server', faultString: 'Boom', errorCode: null, message: null });
    expect(readFault(parseXml(`<s:Envelope xmlns:s="${NS.soap}"><s:Body/></s:Envelope>`))).toBeNull();
  });

  it('ignores an ErrorCode outside the FaultDetails namespace', () => {
    const env = parseXml(
      `<s:Envelope xmlns:s="${NS.soap}"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>x</faultstring>` +
        `<detail><FaultDetails xmlns="urn:wrong"><ErrorCode>4575</ErrorCode></FaultDetails></detail></s:Fault></s:Body></s:Envelope>`,
    );
    expect(readFault(env)?.errorCode).toBeNull();
  });
});
