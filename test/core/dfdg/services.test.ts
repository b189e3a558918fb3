// Each service's codec: what goes on the wire (element names, order, headers, paths) and how DFDG's
// answer becomes the readable domain types. A fake axios adapter stands in for the network.
import axios, { type AxiosInstance } from 'axios';
import { describe, expect, it } from 'vitest';
import { citizenMessageClient } from '../../../main/core/dfdg/citizenMessage';
import { codeListClient } from '../../../main/core/dfdg/codeList';
import { fravaerClient } from '../../../main/core/dfdg/fravaer';
import { endpointFor } from '../../../main/core/dfdg/index';
import { indkaldelseClient } from '../../../main/core/dfdg/indkaldelse';
import { joblogClient } from '../../../main/core/dfdg/joblog';
import { personActivityStatusClient } from '../../../main/core/dfdg/personActivityStatus';
import { personStatusClient } from '../../../main/core/dfdg/personStatus';
import { RestService } from '../../../main/core/dfdg/rest';
import { NS, SoapService, child, childrenOf, parseXml, type SoapEndpoint, type XNode } from '../../../main/core/dfdg/soap';
import { virksomhedskontoClient } from '../../../main/core/dfdg/virksomhedskonto';
import { wsrmClient } from '../../../main/core/dfdg/wsrm';
import { DfdgError, type CallContext, type DfdgServiceName } from '../../../main/core/dfdg';
import type { Identity } from '../../../shared/domain';

const BASE = 'https://dfdg.test:8443';
const CPR = '0101901234';
const RID = 'CVR:12345678-UUID:0b9a7c2e-2f3c-4c55-8d7e-1234567890ab';
const identity: Identity = {
  organisation: { type: 'akasse', code: '067', name: 'A-kasse Nordlys' },
  caseworker: { fullName: 'Anne Marie Sørensen', userIdentifier: RID },
  certificate: { subject: '', issuer: '', validFrom: '', validTo: '', fingerprint256: '' },
};
const ctx: CallContext = { identity };

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  data: string | undefined;
}

function fake(answer: (s: Sent) => { status: number; body: string }): { http: AxiosInstance; sent: Sent[] } {
  const sent: Sent[] = [];
  const http = axios.create({
    adapter: async (config) => {
      const s: Sent = {
        method: (config.method ?? 'get').toUpperCase(),
        url: config.url ?? '',
        headers: Object.fromEntries(Object.entries(config.headers.toJSON()).map(([k, v]) => [k.toLowerCase(), String(v)])),
        data: typeof config.data === 'string' ? config.data : undefined,
      };
      sent.push(s);
      const a = answer(s);
      return { data: a.body, status: a.status, statusText: '', headers: {}, config, request: {} };
    },
    responseType: 'text',
    transformResponse: [(d: unknown) => d],
    validateStatus: () => true,
  });
  return { http, sent };
}

function soapFor(service: DfdgServiceName, http: AxiosInstance): SoapService {
  return new SoapService(http, service, endpointFor({ baseUrl: BASE, tls: { kind: 'pem', cert: '', key: '' } }, service) as SoapEndpoint, 15_000);
}
const restFor = (service: DfdgServiceName, http: AxiosInstance) => new RestService(http, service, BASE, 15_000);
const ns = (service: string) => `http://service.bm.dk/${service}/2024/01/01/`;

/** A SOAP answer: `inner` is the content of <Operation>Response, written with a prefix to prove prefix independence. */
function soapAnswer(service: string, operation: string, inner: string): { status: number; body: string } {
  return {
    status: 200,
    body: `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="${NS.soap}"><s:Body><r:${operation}Response xmlns:r="${ns(service)}">${inner}</r:${operation}Response></s:Body></s:Envelope>`,
  };
}

/** The request element of a sent envelope. */
function requestOf(s: Sent, service: string, operation: string): XNode {
  const env = parseXml(s.data ?? '');
  const body = child(env, NS.soap, 'Body')!;
  const req = child(body, ns(service), `${operation}Request`);
  if (!req) throw new Error(`no ${operation}Request in ${service} namespace`);
  return req;
}

/** A compact view of an element tree: leaf → text, else { name: view | view[] }. Asserts every element is in `namespace`. */
function view(n: XNode, namespace: string): unknown {
  expect(n.ns).toBe(namespace);
  if (n.children.length === 0) return n.text;
  const out: Record<string, unknown> = {};
  for (const c of n.children) {
    const v = view(c, namespace);
    if (c.name in out) out[c.name] = ([] as unknown[]).concat(out[c.name], v);
    else out[c.name] = v;
  }
  return out;
}

const receipt = '<r:ServiceReceipt><r:MessageIdentifier>6F1C2D3E-0000-4000-8000-000000000001</r:MessageIdentifier><r:EventDate>2026-11-22T10:15:00Z</r:EventDate></r:ServiceReceipt>';

describe('CitizenMessageService', () => {
  it('CreateMessage sends FromUser from the identity, the receiver, channel, context, text and base64 documents', async () => {
    const { http, sent } = fake(() =>
      soapAnswer('CitizenMessageService', 'CreateMessage', `${receipt}<r:CitizenMessageIdentifier>AB2C0000-1111-4222-8333-444455556666</r:CitizenMessageIdentifier>`),
    );
    const c = citizenMessageClient(soapFor('CitizenMessageService', http));
    const pdf = Buffer.from('%PDF-1.7 æøå');
    const out = await c.createMessage(ctx, {
      cpr: CPR,
      contextType: 11,
      channel: 4,
      subject: 'A-kassens indstilling til jobcentret om tilbud',
      body: 'Virksomhedspraktik & løntilskud <8 uger>',
      allowReply: true,
      responseToId: null,
      to: { organisationType: 8, organisationCode: '10100' },
      documents: [{ fileName: 'indstilling.pdf', mimeType: 'application/pdf', content: pdf }],
    });
    expect(out).toEqual({
      messageId: 'ab2c0000-1111-4222-8333-444455556666',
      receipt: { messageIdentifier: '6f1c2d3e-0000-4000-8000-000000000001', eventDate: '2026-11-22T10:15:00.000Z' },
    });
    const s = sent[0]!;
    expect(s.url).toBe(`${BASE}/pjaktass/1/CitizenMessageService.svc`);
    expect(s.headers['soapaction']).toBe('"http://service.bm.dk/pjaktass/1/CitizenMessageService#CreateMessage"');
    expect(s.headers['content-type']).toBe('text/xml; charset=utf-8');
    const req = requestOf(s, 'CitizenMessageService', 'CreateMessage');
    expect(req.children.map((x) => x.name)).toEqual([
      'FromUser',
      'PersonCivilRegistrationIdentifier',
      'ToOrganisation',
      'CitizenMessageChannelTypeIdentifier',
      'CitizenMessageContextTypeIdentifier',
      'Subject',
      'Body',
      'AllowReply',
      'Documents',
    ]);
    expect(view(req, ns('CitizenMessageService'))).toEqual({
      FromUser: { UserTypeIdentifier: '2', UserIdentifier: RID, FullName: 'Anne Marie Sørensen', OrganisationTypeIdentifier: '2', OrganisationCode: '067' },
      PersonCivilRegistrationIdentifier: CPR,
      ToOrganisation: { OrganisationTypeIdentifier: '8', OrganisationCode: '10100' },
      CitizenMessageChannelTypeIdentifier: '4',
      CitizenMessageContextTypeIdentifier: '11',
      Subject: 'A-kassens indstilling til jobcentret om tilbud',
      Body: 'Virksomhedspraktik & løntilskud <8 uger>',
      AllowReply: 'true',
      Documents: { Document: { FileName: 'indstilling.pdf', MimeType: 'application/pdf', Content: pdf.toString('base64') } },
    });
  });

  it('CreateMessage sends only a safe base name for each document, with the extension of its type', async () => {
    const { http, sent } = fake(() => soapAnswer('CitizenMessageService', 'CreateMessage', `${receipt}<r:CitizenMessageIdentifier>x</r:CitizenMessageIdentifier>`));
    const c = citizenMessageClient(soapFor('CitizenMessageService', http));
    const content = Buffer.from('%PDF-1.7');
    await c.createMessage(ctx, {
      cpr: CPR, contextType: 1, channel: 1, subject: 'S', body: 'B', allowReply: false, responseToId: null, to: null,
      documents: [
        { fileName: '../../etc/passwd.pdf', mimeType: 'application/pdf', content },
        { fileName: 'evil\u202Efdp.exe', mimeType: 'application/pdf', content },
        { fileName: 'CON', mimeType: 'application/xml', content },
        { fileName: 'a\u0000b\r\nc.pdf', mimeType: 'application/pdf', content },
      ],
    });
    const docs = child(requestOf(sent[0]!, 'CitizenMessageService', 'CreateMessage'), ns('CitizenMessageService'), 'Documents')!;
    expect(docs.children.map((d) => child(d, ns('CitizenMessageService'), 'FileName')?.text)).toEqual(['passwd.pdf', 'evilfdp.pdf', '_CON.xml', 'abc.pdf']);
  });

  it('GetCitizenMessages keeps a document name only as a safe base name with its type’s extension', async () => {
    const { http } = fake(() =>
      soapAnswer(
        'CitizenMessageService',
        'GetCitizenMessages',
        `<r:CitizenMessages><r:CitizenMessage><r:CitizenMessageIdentifier>M1</r:CitizenMessageIdentifier><r:PersonCivilRegistrationIdentifier>${CPR}</r:PersonCivilRegistrationIdentifier>` +
          `<r:FromUser><r:UserTypeIdentifier>2</r:UserTypeIdentifier><r:UserIdentifier>${RID}</r:UserIdentifier><r:FullName>Jonas Holm</r:FullName></r:FromUser>` +
          `<r:CitizenMessageChannelTypeIdentifier>4</r:CitizenMessageChannelTypeIdentifier><r:CitizenMessageContextTypeIdentifier>1</r:CitizenMessageContextTypeIdentifier>` +
          `<r:Subject>S</r:Subject><r:Body>B</r:Body><r:AllowReply>false</r:AllowReply><r:CreatedDateTime>2026-11-20T08:00:00Z</r:CreatedDateTime>` +
          `<r:Documents><r:Document><r:CitizenMessageDocumentIdentifier>D1</r:CitizenMessageDocumentIdentifier><r:FileName>..\\..\\evil\u202Efdp.exe</r:FileName>` +
          `<r:MimeType>application/pdf</r:MimeType><r:Size>2048</r:Size></r:Document></r:Documents></r:CitizenMessage></r:CitizenMessages>`,
      ),
    );
    const c = citizenMessageClient(soapFor('CitizenMessageService', http));
    const [m] = await c.getCitizenMessages(ctx, CPR);
    expect(m!.documents).toEqual([{ id: 'd1', fileName: 'evilfdp.pdf', mimeType: 'application/pdf', size: 2048 }]);
  });

  it('a reply carries ResponseToMessageIdentifier; no receiver and no documents leave those elements out', async () => {
    const { http, sent } = fake(() => soapAnswer('CitizenMessageService', 'CreateMessage', `${receipt}<r:CitizenMessageIdentifier>x</r:CitizenMessageIdentifier>`));
    const c = citizenMessageClient(soapFor('CitizenMessageService', http));
    await c.createMessage(ctx, { cpr: CPR, contextType: 1, channel: 1, subject: 'S', body: 'B', allowReply: false, responseToId: 'aaaa', to: null, documents: [] });
    const req = requestOf(sent[0]!, 'CitizenMessageService', 'CreateMessage');
    expect(req.children.map((x) => x.name)).not.toContain('ToOrganisation');
    expect(req.children.map((x) => x.name)).not.toContain('Documents');
    expect(child(req, ns('CitizenMessageService'), 'ResponseToMessageIdentifier')?.text).toBe('aaaa');
  });

  it('GetCitizenMessages maps messages, parties, thread links and document metadata', async () => {
    const m = (id: string, extra: string) =>
      `<r:CitizenMessage><r:CitizenMessageIdentifier>${id}</r:CitizenMessageIdentifier><r:PersonCivilRegistrationIdentifier>${CPR}</r:PersonCivilRegistrationIdentifier>` +
      `<r:FromUser><r:UserTypeIdentifier>2</r:UserTypeIdentifier><r:UserIdentifier>${RID}</r:UserIdentifier><r:FullName>Jonas Holm</r:FullName>` +
      `<r:OrganisationTypeIdentifier>8</r:OrganisationTypeIdentifier><r:OrganisationCode>10100</r:OrganisationCode></r:FromUser>${extra}` +
      `<r:CitizenMessageChannelTypeIdentifier>4</r:CitizenMessageChannelTypeIdentifier><r:CitizenMessageContextTypeIdentifier>1</r:CitizenMessageContextTypeIdentifier>` +
      `<r:Subject>Svar på indstilling</r:Subject><r:Body>Vi bevilger &amp; godkender</r:Body><r:AllowReply>false</r:AllowReply>`;
    const { http, sent } = fake(() =>
      soapAnswer(
        'CitizenMessageService',
        'GetCitizenMessages',
        `<r:CitizenMessages>${m('M2', '<r:ToOrganisation><r:OrganisationTypeIdentifier>2</r:OrganisationTypeIdentifier><r:OrganisationCode>067</r:OrganisationCode></r:ToOrganisation>')}` +
          `<r:ResponseToMessageIdentifier>M1</r:ResponseToMessageIdentifier><r:CreatedDateTime>2026-11-22T09:00:00+01:00</r:CreatedDateTime>` +
          `<r:Documents><r:Document><r:CitizenMessageDocumentIdentifier>D1</r:CitizenMessageDocumentIdentifier><r:FileName>afgørelse.pdf</r:FileName>` +
          `<r:MimeType>application/pdf</r:MimeType><r:Size>2048</r:Size></r:Document></r:Documents></r:CitizenMessage>` +
          `${m('M1', '')}<r:CreatedDateTime>2026-11-20T08:00:00Z</r:CreatedDateTime></r:CitizenMessage></r:CitizenMessages>`,
      ),
    );
    const c = citizenMessageClient(soapFor('CitizenMessageService', http));
    const list = await c.getCitizenMessages(ctx, CPR, '2026-11-01T00:00:00.000Z');
    expect(list).toHaveLength(2);
    expect(list[0]).toEqual({
      id: 'm2',
      cpr: CPR,
      from: { userType: 2, userIdentifier: RID, fullName: 'Jonas Holm', organisationType: 8, organisationCode: '10100' },
      to: { organisationType: 2, organisationCode: '067' },
      channel: 4,
      contextType: 1,
      subject: 'Svar på indstilling',
      body: 'Vi bevilger & godkender',
      allowReply: false,
      responseToId: 'm1',
      createdAt: '2026-11-22T08:00:00.000Z',
      documents: [{ id: 'd1', fileName: 'afgørelse.pdf', mimeType: 'application/pdf', size: 2048 }],
    });
    expect(list[1]).toMatchObject({ id: 'm1', to: null, responseToId: null, documents: [] });
    expect(view(requestOf(sent[0]!, 'CitizenMessageService', 'GetCitizenMessages'), ns('CitizenMessageService'))).toEqual({
      PersonCivilRegistrationIdentifier: CPR,
      ChangedSince: '2026-11-01T00:00:00.000Z',
    });
  });

  it('GetCitizenMessageDocument returns the decoded bytes', async () => {
    const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0x10]);
    const b64 = bytes.toString('base64');
    const { http, sent } = fake(() =>
      soapAnswer('CitizenMessageService', 'GetCitizenMessageDocument', `<r:CitizenMessageDocument>${b64.slice(0, 4)}\n${b64.slice(4)}</r:CitizenMessageDocument>`),
    );
    const c = citizenMessageClient(soapFor('CitizenMessageService', http));
    expect(await c.getCitizenMessageDocument(ctx, CPR, 'd1')).toEqual(bytes);
    expect(view(requestOf(sent[0]!, 'CitizenMessageService', 'GetCitizenMessageDocument'), ns('CitizenMessageService'))).toEqual({
      PersonCivilRegistrationIdentifier: CPR,
      CitizenMessageDocumentIdentifier: 'd1',
    });
  });

  it('an answer without <Operation>Response in the service namespace is a protocol error', async () => {
    const { http } = fake(() => ({
      status: 200,
      body: `<s:Envelope xmlns:s="${NS.soap}"><s:Body><CreateMessageResponse xmlns="urn:somewhere-else"/></s:Body></s:Envelope>`,
    }));
    const c = citizenMessageClient(soapFor('CitizenMessageService', http));
    const e = await c.getCitizenMessages(ctx, CPR).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DfdgError);
    expect((e as DfdgError).kind).toBe('protocol');
  });
});

describe('PersonStatusService', () => {
  const full =
    `<r:PersonStatus><r:Core><r:PersonCivilRegistrationIdentifier>${CPR}</r:PersonCivilRegistrationIdentifier><r:PersonGivenName>Ida Marie</r:PersonGivenName>` +
    `<r:PersonSurnameName>Østergaard</r:PersonSurnameName><r:PersonGenderCode>K</r:PersonGenderCode></r:Core>` +
    `<r:Authority><r:MunicipalityCode>101</r:MunicipalityCode><r:JobcenterCode>10100</r:JobcenterCode><r:JobcenterName>Jobcenter København</r:JobcenterName></r:Authority>` +
    `<r:ContactGroup><r:ContactGroupTypeIdentifier>8</r:ContactGroupTypeIdentifier><r:EnrollmentCategoryTypeIdentifier>5</r:EnrollmentCategoryTypeIdentifier><r:StartDate>2026-01-01</r:StartDate></r:ContactGroup>` +
    `<r:UnemploymentFund><r:UnemploymentFundCode>067</r:UnemploymentFundCode><r:UnemploymentFundName>A-kasse Nordlys</r:UnemploymentFundName>` +
    `<r:MembershipStartDate>2020-02-01</r:MembershipStartDate><r:MembershipEndDate>2026-10-01</r:MembershipEndDate></r:UnemploymentFund></r:PersonStatus>`;

  it('maps every part to the readable Citizen', async () => {
    const { http, sent } = fake(() => soapAnswer('PersonStatusService', 'GetVariablePersonStatus', full));
    const c = personStatusClient(soapFor('PersonStatusService', http));
    expect(await c.getVariablePersonStatus(ctx, CPR)).toEqual({
      cpr: CPR,
      name: 'Ida Marie Østergaard',
      gender: 'K',
      deceased: false,
      municipalityCode: '101',
      jobcenterCode: '10100',
      jobcenterName: 'Jobcenter København',
      contactGroup: 8,
      personCategory: null,
      registrationCategory: 5,
      akasseCode: '067',
      akasseName: 'A-kasse Nordlys',
      membershipStart: '2020-02-01',
      membershipEnd: '2026-10-01',
    });
    expect(view(requestOf(sent[0]!, 'PersonStatusService', 'GetVariablePersonStatus'), ns('PersonStatusService'))).toEqual({
      PersonCivilRegistrationIdentifier: CPR,
      RequestVariableType: { Core: 'true', AddressContact: 'false', Authority: 'true', CV: 'false', UnemploymentFund: 'true', ContactGroup: 'true' },
    });
  });

  it('asks only for the parts requested; missing parts come back null; a DeceasedDate marks the citizen deceased', async () => {
    const { http, sent } = fake(() =>
      soapAnswer(
        'PersonStatusService',
        'GetVariablePersonStatus',
        `<r:PersonStatus><r:Core><r:PersonCivilRegistrationIdentifier>${CPR}</r:PersonCivilRegistrationIdentifier><r:PersonGivenName>Ib</r:PersonGivenName>` +
          `<r:PersonSurnameName>Ek</r:PersonSurnameName><r:PersonGenderCode>M</r:PersonGenderCode><r:DeceasedDate>2026-05-05</r:DeceasedDate></r:Core></r:PersonStatus>`,
      ),
    );
    const c = personStatusClient(soapFor('PersonStatusService', http));
    const cit = await c.getVariablePersonStatus(ctx, CPR, { core: true });
    expect(cit).toMatchObject({ name: 'Ib Ek', deceased: true, gender: 'M', contactGroup: null, akasseCode: null, jobcenterCode: null });
    expect(view(requestOf(sent[0]!, 'PersonStatusService', 'GetVariablePersonStatus'), ns('PersonStatusService'))).toMatchObject({
      RequestVariableType: { Core: 'true', Authority: 'false', UnemploymentFund: 'false', ContactGroup: 'false' },
    });
  });
});

describe('PersonActivityStatusService', () => {
  it('GetPersonActivityStatus maps running and ended activities', async () => {
    const { http } = fake(() =>
      soapAnswer(
        'PersonActivityStatusService',
        'GetPersonActivityStatus',
        `<r:ActivityInfo><r:Activities><r:ActivityType><r:ActivityIdentifier>A1</r:ActivityIdentifier><r:ActivityStartDate>2026-11-02T00:00:00</r:ActivityStartDate>` +
          `<r:ActivationTypeIdentifier>3</r:ActivationTypeIdentifier><r:ActivityName>Virksomhedspraktik</r:ActivityName><r:HoursPerWeek>30</r:HoursPerWeek>` +
          `<r:ResponsibleAuthority><r:AuthorityCode>10100</r:AuthorityCode><r:AuthorityName>Jobcenter København</r:AuthorityName></r:ResponsibleAuthority>` +
          `<r:CreatedDateTime>2026-10-30T12:00:00Z</r:CreatedDateTime></r:ActivityType>` +
          `<r:ActivityType><r:ActivityIdentifier>A0</r:ActivityIdentifier><r:ActivityStartDate>2025-01-06</r:ActivityStartDate><r:ActivityEndDate>2025-03-01</r:ActivityEndDate>` +
          `<r:ActivityEndReasonTypeIdentifier>15</r:ActivityEndReasonTypeIdentifier></r:ActivityType></r:Activities></r:ActivityInfo>`,
      ),
    );
    const c = personActivityStatusClient(soapFor('PersonActivityStatusService', http));
    expect(await c.getPersonActivityStatus(ctx, CPR)).toEqual([
      {
        id: 'a1',
        cpr: CPR,
        name: 'Virksomhedspraktik',
        activationType: 3,
        start: '2026-11-02',
        end: null,
        endReason: null,
        hoursPerWeek: 30,
        responsibleAuthority: { code: '10100', name: 'Jobcenter København' },
        createdAt: '2026-10-30T12:00:00.000Z',
      },
      { id: 'a0', cpr: CPR, name: '', activationType: null, start: '2025-01-06', end: '2025-03-01', endReason: 15, hoursPerWeek: null, responsibleAuthority: null, createdAt: null },
    ]);
  });

  it('no ActivityInfo means no activities', async () => {
    const { http } = fake(() => soapAnswer('PersonActivityStatusService', 'GetPersonActivityStatus', ''));
    expect(await personActivityStatusClient(soapFor('PersonActivityStatusService', http)).getPersonActivityStatus(ctx, CPR)).toEqual([]);
  });

  it('CreateActivity sends the client id, hours split into hours and minutes, and the caseworker as given name + surname', async () => {
    const { http, sent } = fake(() =>
      soapAnswer('PersonActivityStatusService', 'CreateActivity', `${receipt}<r:ActivityIdentifier>11111111-2222-4333-8444-555555555555</r:ActivityIdentifier>`),
    );
    const jc: CallContext = { identity: { ...identity, organisation: { type: 'jobcenter', code: '10100', name: 'Jobcenter København' } } };
    const out = await personActivityStatusClient(soapFor('PersonActivityStatusService', http)).createActivity(jc, CPR, '11111111-2222-4333-8444-555555555555', {
      name: 'Løntilskud hos Bager Hansen',
      activationType: 4,
      start: '2026-12-01',
      end: '2027-03-01',
      hoursPerWeek: 37.5,
    });
    expect(out.activityId).toBe('11111111-2222-4333-8444-555555555555');
    expect(view(requestOf(sent[0]!, 'PersonActivityStatusService', 'CreateActivity'), ns('PersonActivityStatusService'))).toEqual({
      ActivityItem: {
        PersonCivilRegistrationIdentifier: CPR,
        ActivityCoreItem: {
          ActivityIdentifier: '11111111-2222-4333-8444-555555555555',
          StartDate: '2026-12-01',
          EndDate: '2027-03-01',
          ActivationTypeIdentifier: '4',
          HoursPerWeek: '37',
          MinutesPerWeek: '30',
          ActivityName: 'Løntilskud hos Bager Hansen',
          ResponsibleAuthority: {
            AuthorityStructure: { AuthorityCode: '10100', AuthorityName: 'Jobcenter København', OrganisationTypeIdentifier: '8' },
            CaseWorker: { CaseWorkerGivenName: 'Anne Marie', CaseWorkerSurname: 'Sørensen' },
          },
        },
      },
    });
  });
});

describe('CodeListService', () => {
  it('GetCodeList maps Kode/Navn/Beskrivelse/Startdato/Slutdato', async () => {
    const { http, sent } = fake(() =>
      soapAnswer(
        'CodeListService',
        'GetCodeList',
        `<r:CodeList><r:CodeListName>CitizenMessageContextTypeIdentifier</r:CodeListName><r:CodeListItems>` +
          `<r:CodeListItem><r:Kode>11</r:Kode><r:Navn>Indstilling om tilbud</r:Navn><r:Beskrivelse>A-kassens indstilling</r:Beskrivelse><r:Startdato>2023-07-01</r:Startdato><r:Slutdato>2100-07-01</r:Slutdato></r:CodeListItem>` +
          `<r:CodeListItem><r:Kode>1</r:Kode><r:Navn>Almen orientering</r:Navn><r:Startdato>2014-11-01</r:Startdato><r:Slutdato>2100-07-01</r:Slutdato></r:CodeListItem>` +
          `</r:CodeListItems></r:CodeList>`,
      ),
    );
    const items = await codeListClient(soapFor('CodeListService', http)).getCodeList(ctx, 'CitizenMessageContextTypeIdentifier');
    expect(items).toEqual([
      { id: 11, name: 'Indstilling om tilbud', description: 'A-kassens indstilling', validFrom: '2023-07-01', validTo: '2100-07-01' },
      { id: 1, name: 'Almen orientering', validFrom: '2014-11-01', validTo: '2100-07-01' },
    ]);
    expect(view(requestOf(sent[0]!, 'CodeListService', 'GetCodeList'), ns('CodeListService'))).toEqual({ CodeListName: 'CitizenMessageContextTypeIdentifier' });
  });
});

describe('WsrmService / WsrmMessageService', () => {
  const meta =
    `<r:WSRMMetadata><r:ClientSystemTypeIdentifier>30</r:ClientSystemTypeIdentifier><r:RegisteringAuthority><r:OrganisationTypeIdentifier>8</r:OrganisationTypeIdentifier>` +
    `<r:OrganisationCode>10100</r:OrganisationCode></r:RegisteringAuthority><r:RegisteringUser><r:UserFullName>Jonas Holm</r:UserFullName><r:UserIdentifier>${RID}</r:UserIdentifier></r:RegisteringUser>` +
    `<r:EventDateTime>2026-11-22T10:00:00Z</r:EventDateTime></r:WSRMMetadata>`;
  const item = (extra: string) =>
    `<r:Item><r:MessageIdentifier>W1</r:MessageIdentifier><r:PersonCivilRegistrationIdentifier>${CPR}</r:PersonCivilRegistrationIdentifier>${meta}<r:ChangeType>1</r:ChangeType>${extra}</r:Item>`;

  it('CreateSequence lists the waiting messages; Terminate and Close name the sequence', async () => {
    const { http, sent } = fake((s) =>
      s.headers['soapaction']!.endsWith('#CreateSequence"')
        ? soapAnswer(
            'WsrmService',
            'CreateSequence',
            `<r:SequenceIdentifier>S1</r:SequenceIdentifier><r:Messages><r:Message><r:MessageIdentifier>W1</r:MessageIdentifier><r:MethodName>GetAbsenceVersion1</r:MethodName></r:Message></r:Messages>`,
          )
        : soapAnswer('WsrmService', s.headers['soapaction']!.split('#')[1]!.replace('"', ''), ''),
    );
    const w = wsrmClient(soapFor('WsrmService', http), soapFor('WsrmMessageService', http));
    expect(await w.createSequence(ctx)).toEqual({ sequenceId: 's1', messages: [{ messageIdentifier: 'w1', methodName: 'GetAbsenceVersion1' }] });
    await w.terminateSequence(ctx, 's1');
    await w.closeSequence(ctx, 's1');
    expect(sent.map((s) => s.headers['soapaction'])).toEqual([
      '"http://service.bm.dk/pjaktass/1/WsrmService#CreateSequence"',
      '"http://service.bm.dk/pjaktass/1/WsrmService#TerminateSequence"',
      '"http://service.bm.dk/pjaktass/1/WsrmService#CloseSequence"',
    ]);
    expect(view(requestOf(sent[1]!, 'WsrmService', 'TerminateSequence'), ns('WsrmService'))).toEqual({ SequenceIdentifier: 's1' });
  });

  it.each([
    ['GetCitizenMessageVersion1', '<r:CitizenMessageIdentifier>M9</r:CitizenMessageIdentifier><r:CitizenMessageContextTypeIdentifier>11</r:CitizenMessageContextTypeIdentifier>', 'm9', { contextType: 11, responseToId: null }],
    ['GetAbsenceVersion1', '<r:AbsenceIdentifier>F1</r:AbsenceIdentifier><r:AbsenceTypeIdentifier>10</r:AbsenceTypeIdentifier>', 'f1', { absenceType: 10 }],
    [
      'GetActivityGeneralEventVersion3',
      '<r:ActivityIdentifier>A1</r:ActivityIdentifier><r:ActivationTypeIdentifier>4</r:ActivationTypeIdentifier><r:ActivityStartDate>2026-12-01</r:ActivityStartDate>',
      'a1',
      { activationType: 4, start: '2026-12-01', end: null, endReason: null },
    ],
    [
      'GetPersonUnemploymentFundSaveMembershipVersion5',
      '<r:UnemploymentFundCode>084</r:UnemploymentFundCode><r:PreviousUnemploymentFundCode>067</r:PreviousUnemploymentFundCode><r:MembershipStartDate>2026-11-01</r:MembershipStartDate>',
      null,
      { akasseCode: '084', previousAkasseCode: '067', membershipStart: '2026-11-01' },
    ],
    ['GetIndkaldelseVersion1', '<r:IndkaldelseIdentifier>I1</r:IndkaldelseIdentifier>', 'i1', {}],
  ] as const)('%s items map to NotificationItem with entity and details', async (kind, extra, entityId, details) => {
    const { http, sent } = fake(() => soapAnswer('WsrmMessageService', kind, `<r:Items>${item(extra)}</r:Items>`));
    const w = wsrmClient(soapFor('WsrmService', http), soapFor('WsrmMessageService', http));
    const items = await w.getItems({ ...ctx, userType: 3 }, 's1', kind);
    expect(items).toEqual([
      {
        messageIdentifier: 'w1',
        kind,
        cpr: CPR,
        changeType: 1,
        eventAt: '2026-11-22T10:00:00.000Z',
        registeringOrganisation: { organisationType: 8, organisationCode: '10100' },
        registeringUser: { fullName: 'Jonas Holm', userIdentifier: RID },
        entityId,
        details,
      },
    ]);
    expect(sent[0]!.url).toBe(`${BASE}/pjaktass/1/WsrmMessageService.svc`);
    expect(sent[0]!.headers['soapaction']).toBe(`"http://service.bm.dk/pjaktass/1/WsrmMessageService#${kind}"`);
  });

  it('getItemResults reads item by item: a malformed item is kept as its XML with the reason, its siblings are read, and a kind this client cannot read comes back as XML', async () => {
    const good = item('<r:CitizenMessageIdentifier>M9</r:CitizenMessageIdentifier><r:CitizenMessageContextTypeIdentifier>11</r:CitizenMessageContextTypeIdentifier>');
    const bad = good.replace('<r:MessageIdentifier>W1</r:MessageIdentifier>', '<r:MessageIdentifier>W2</r:MessageIdentifier>').replace('>11<', '>elleve<');
    const { http } = fake((s) => {
      const op = s.headers['soapaction']!.split('#')[1]!.replace('"', '');
      return soapAnswer('WsrmMessageService', op, op === 'GetLokationVersion1' ? `<r:Items>${item('<r:Lokation a="1 &amp; 2">Vej &lt;3&gt;</r:Lokation>')}</r:Items>` : `<r:Items>${good}${bad}</r:Items>`);
    });
    const w = wsrmClient(soapFor('WsrmService', http), soapFor('WsrmMessageService', http));
    const results = await w.getItemResults!({ ...ctx, userType: 3 }, 's1', 'GetCitizenMessageVersion1');
    expect(results[0]).toMatchObject({ ok: true, item: { messageIdentifier: 'w1', details: { contextType: 11 } } });
    expect(results[1]).toMatchObject({ ok: false, messageIdentifier: 'w2' });
    const failed = results[1] as { error: string; xml: string };
    expect(failed.error).toBe('ugyldigt tal');
    // The kept XML reads back as the same item.
    const back = parseXml(failed.xml);
    expect(back.name).toBe('Item');
    expect(child(back, ns('WsrmMessageService'), 'CitizenMessageContextTypeIdentifier')?.text).toBe('elleve');
    const unknown = await w.getItemResults!({ ...ctx, userType: 3 }, 's1', 'GetLokationVersion1');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatchObject({ ok: false, messageIdentifier: 'w1', error: 'Ukendt WSRM-metode: GetLokationVersion1' });
    const lok = child(parseXml((unknown[0] as { xml: string }).xml), ns('WsrmMessageService'), 'Lokation')!;
    expect([lok.text, lok.attrs.a]).toEqual(['Vej <3>', '1 & 2']);
  });

  it('an unknown kind is refused before anything is sent', async () => {
    const { http, sent } = fake(() => soapAnswer('WsrmMessageService', 'X', ''));
    const w = wsrmClient(soapFor('WsrmService', http), soapFor('WsrmMessageService', http));
    await expect(w.getItems(ctx, 's1', 'GetNothingVersion9' as never)).rejects.toBeInstanceOf(DfdgError);
    expect(sent).toHaveLength(0);
  });
});

describe('FravaerService (REST)', () => {
  const dto = {
    fravaerIdentifier: 'F1',
    fravaerType: 10,
    startDato: '2026-12-01T00:00:00',
    slutDato: '2026-12-05T00:00:00',
    fravaersKommentar: 'Ferie',
    anmeldelsesDato: '2026-11-22T00:00:00',
    registreretAf: { organisationstype: 2, organisationskode: '067' },
    oprettelsestidspunkt: '2026-11-22T10:00:00',
    aendringstidspunkt: '2026-11-22T10:00:00Z',
  };
  const absence = {
    id: 'f1',
    cpr: CPR,
    type: 10,
    start: '2026-12-01',
    end: '2026-12-05',
    comment: 'Ferie',
    notificationDate: '2026-11-22',
    endReason: null,
    registeredBy: { organisationType: 2, organisationCode: '067' },
    createdAt: '2026-11-22T09:00:00.000Z', // Danish local 10:00 in winter = 09:00Z
    updatedAt: '2026-11-22T10:00:00.000Z',
  };

  it('create: the client id in the path, the stable x-requestId, the CPR header, dates as YYYY-MM-DDT00:00:00, nulls left out', async () => {
    const { http, sent } = fake(() => ({ status: 201, body: '{"fravaerIdentifier":"F1"}' }));
    const f = fravaerClient(restFor('FravaerService', http));
    const out = await f.createFravaer(ctx, CPR, 'F1', { type: 10, start: '2026-12-01', end: null, comment: null, notificationDate: '2026-11-22', endReason: null }, 'req-1');
    expect(out).toEqual({ absenceId: 'f1' });
    const s = sent[0]!;
    expect([s.method, s.url]).toEqual(['POST', `${BASE}/v1/Fravaer/F1`]);
    expect(s.headers['x-requestid']).toBe('req-1');
    expect(s.headers['x-civilregistrationidentifier']).toBe(CPR);
    expect(s.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(s.data!)).toEqual({ fravaerType: 10, startDato: '2026-12-01T00:00:00', anmeldelsesDato: '2026-11-22T00:00:00' });
  });

  it('update sends berigtigelseskommentar with PUT', async () => {
    const { http, sent } = fake(() => ({ status: 200, body: '{"fravaerIdentifier":"F1"}' }));
    await fravaerClient(restFor('FravaerService', http)).updateFravaer(
      ctx,
      CPR,
      'F1',
      { type: 10, start: '2026-12-01', end: '2026-12-03', comment: 'Kortere', notificationDate: '2026-11-22', endReason: 2, rectificationComment: 'Rettet slutdato' },
      'req-2',
    );
    expect([sent[0]!.method, sent[0]!.url]).toEqual(['PUT', `${BASE}/v1/Fravaer/F1`]);
    expect(JSON.parse(sent[0]!.data!)).toEqual({
      fravaerType: 10,
      startDato: '2026-12-01T00:00:00',
      slutDato: '2026-12-03T00:00:00',
      fravaersKommentar: 'Kortere',
      anmeldelsesDato: '2026-11-22T00:00:00',
      fravaersAfslutningsAarsag: 2,
      berigtigelseskommentar: 'Rettet slutdato',
    });
  });

  it('delete URL-encodes the rectification comment into the path and expects 204', async () => {
    const { http, sent } = fake(() => ({ status: 204, body: '' }));
    await fravaerClient(restFor('FravaerService', http)).deleteFravaer(ctx, CPR, 'F1', 'Fejl / dobbelt – æøå?', 'req-3');
    expect([sent[0]!.method, sent[0]!.url]).toEqual(['DELETE', `${BASE}/v1/Fravaer/F1/${encodeURIComponent('Fejl / dobbelt – æøå?')}`]);
    expect(sent[0]!.url).not.toContain(' ');
    expect(sent[0]!.data).toBeUndefined();
  });

  it('GetAlleFravaer, GetFravaer and GetFravaerHistorik map to Absence', async () => {
    const { http, sent } = fake((s) => {
      if (s.url.endsWith('/historik'))
        return { status: 200, body: JSON.stringify({ historik: [{ fravaerIdentifier: 'F1', aendringstype: 3, tidspunkt: '2026-11-23T08:00:00Z', berigtigelseskommentar: 'Fejl', fravaer: dto }] }) };
      if (s.url.endsWith('/v1/Fravaer/')) return { status: 200, body: JSON.stringify({ fravaer: [dto] }) };
      return { status: 200, body: JSON.stringify(dto) };
    });
    const f = fravaerClient(restFor('FravaerService', http));
    expect(await f.getAlleFravaer(ctx, CPR)).toEqual([absence]);
    expect(await f.getFravaer(ctx, CPR, 'F1')).toEqual(absence);
    expect(sent[1]!.url).toBe(`${BASE}/v1/Fravaer/${CPR}/F1`);
    expect(await f.getFravaerHistorik(ctx, CPR)).toEqual([{ absenceId: 'f1', changeType: 3, at: '2026-11-23T08:00:00.000Z', rectificationComment: 'Fejl', absence }]);
  });
});

describe('IndkaldelseService, Joblog, Virksomhedskonto (REST)', () => {
  it('meetings: local Danish times become instants (summer and winter)', async () => {
    const { http, sent } = fake(() => ({
      status: 200,
      body: JSON.stringify({
        indkaldelser: [
          {
            indkaldelseIdentifier: 'I1',
            moedeStarttidspunkt: '2026-07-01T10:00:00',
            moedeSluttidspunkt: '2026-07-01T10:30:00',
            samtaleType: 10,
            afholdelsesform: 8,
            digitaltMoedelink: 'https://møde.example/abc',
            selvbooket: false,
            ombookingMulig: true,
            aflysningMulig: false,
            myndighed: { organisationstype: 8, organisationskode: '10100', navn: 'Jobcenter København' },
          },
          { indkaldelseIdentifier: 'I2', moedeStarttidspunkt: '2026-12-01T09:00:00', samtaleType: 15, afholdelsesform: 1, lokation: 'Kalvebod Brygge', selvbooket: true, ombookingMulig: false, aflysningMulig: false, myndighed: null },
        ],
      }),
    }));
    const meetings = await indkaldelseClient(restFor('IndkaldelseService', http)).getIndkaldelser(ctx, CPR);
    expect(sent[0]!.url).toBe(`${BASE}/v1/Indkaldelse/`);
    expect(meetings).toEqual([
      {
        id: 'i1',
        cpr: CPR,
        start: '2026-07-01T08:00:00.000Z',
        end: '2026-07-01T08:30:00.000Z',
        interviewType: 10,
        form: 8,
        location: null,
        locationDetail: null,
        digitalLink: 'https://møde.example/abc',
        selfBooked: false,
        organisation: { organisationType: 8, organisationCode: '10100', name: 'Jobcenter København' },
        rebookingPossible: true,
        rebookingDeadline: null,
        cancelPossible: false,
        cancelDeadline: null,
        participants: [],
      },
      {
        id: 'i2',
        cpr: CPR,
        start: '2026-12-01T08:00:00.000Z',
        end: null,
        interviewType: 15,
        form: 1,
        location: 'Kalvebod Brygge',
        locationDetail: null,
        digitalLink: null,
        selfBooked: true,
        organisation: null,
        rebookingPossible: false,
        rebookingDeadline: null,
        cancelPossible: false,
        cancelDeadline: null,
        participants: [],
      },
    ]);
  });

  it('meetings: create, rebook and cancel by the client id; a blank Lokationsuddybning and absent values are left out of the body', async () => {
    const { http, sent } = fake((s) => (s.method === 'DELETE' ? { status: 204, body: '' } : { status: s.method === 'POST' ? 201 : 200, body: JSON.stringify({ indkaldelseIdentifier: 'M1' }) }));
    const c = indkaldelseClient(restFor('IndkaldelseService', http));
    const input = {
      interviewType: 7,
      start: '2026-12-01T10:00',
      end: null,
      form: 8,
      location: ' ',
      locationDetail: '',
      digitalLink: 'https://møde.example/abc',
      rebookingPossible: true,
      rebookingDeadline: '2026-11-29T12:00',
      cancelPossible: false,
      cancelDeadline: null,
      participants: [{ name: 'Ane', contactDetails: null }],
    };
    expect(await c.createIndkaldelse(ctx, CPR, 'M1', input, 'rid-1')).toEqual({ meetingId: 'm1' });
    expect([sent[0]!.method, sent[0]!.url, sent[0]!.headers['x-requestid']]).toEqual(['POST', `${BASE}/v1/Indkaldelse/M1`, 'rid-1']);
    expect(JSON.parse(sent[0]!.data!)).toEqual({
      moedeStarttidspunkt: '2026-12-01T10:00:00',
      samtaleType: 7,
      afholdelsesform: 8,
      digitaltMoedelink: 'https://møde.example/abc',
      ombookingMulig: true,
      ombookingsfrist: '2026-11-29T12:00:00',
      aflysningMulig: false,
      myndighedsdeltagere: [{ navn: 'Ane' }],
    });
    await c.updateIndkaldelse(ctx, CPR, 'M1', { ...input, locationDetail: 'Indgang B' }, 'rid-2');
    expect([sent[1]!.method, sent[1]!.url, JSON.parse(sent[1]!.data!).lokationsuddybning]).toEqual(['PUT', `${BASE}/v1/Indkaldelse/M1`, 'Indgang B']);
    await c.deleteIndkaldelse(ctx, CPR, 'M1', 'rid-3');
    expect([sent[2]!.method, sent[2]!.url, sent[2]!.data]).toEqual(['DELETE', `${BASE}/v1/Indkaldelse/M1`, undefined]);
  });

  it('joblog entries map to JoblogEntry', async () => {
    const { http } = fake(() => ({
      status: 200,
      body: JSON.stringify({
        jobsoegninger: [
          { jobsoegningIdentifier: 'J1', ansoegningsdato: '2026-11-10T00:00:00', ansoegningsfrist: '2026-11-30T00:00:00', virksomhedsnavn: 'Bager Hansen', stillingsbetegnelse: 'Bager', oprettelsestidspunkt: '2026-11-10T12:00:00Z' },
        ],
      }),
    }));
    expect(await joblogClient(restFor('JoblogService', http)).getJoblog(ctx, CPR)).toEqual([
      { id: 'j1', cpr: CPR, submissionDate: '2026-11-10', submissionDeadlineDate: '2026-11-30', companyName: 'Bager Hansen', jobTitle: 'Bager', description: null, createdAt: '2026-11-10T12:00:00.000Z' },
    ]);
  });

  it('company accounts: only the given query parameters are sent, no CPR header', async () => {
    const { http, sent } = fake(() => ({ status: 200, body: JSON.stringify([{ cvrNummer: '12345678', pNummer: '1000000001', navn: 'Bager Hansen ApS', kontoStatusAktiv: true }]) }));
    const v = virksomhedskontoClient(restFor('VirksomhedskontoService', http));
    expect(await v.getVirksomhedskonto(ctx, { cvr: '12345678', pNumber: '1000000001' })).toEqual([
      { cvr: '12345678', pNumber: '1000000001', name: 'Bager Hansen ApS', accountActive: true, lastLoginAt: null },
    ]);
    await v.getVirksomhedskonto(ctx, { pNumber: '1000000001' });
    await v.getVirksomhedskonto(ctx, {});
    expect(sent.map((s) => s.url)).toEqual([
      `${BASE}/v1/virksomhedskonto?cvrNummer=12345678&pNummer=1000000001`,
      `${BASE}/v1/virksomhedskonto?pNummer=1000000001`,
      `${BASE}/v1/virksomhedskonto`,
    ]);
    expect(sent[0]!.headers['x-civilregistrationidentifier']).toBeUndefined();
  });
});

describe('childrenOf', () => {
  it('is namespace-strict', () => {
    const env = parseXml(`<a xmlns="urn:x" xmlns:o="urn:o"><b/><o:b/><b/></a>`);
    expect(childrenOf(env, 'urn:x', 'b')).toHaveLength(2);
  });
});
