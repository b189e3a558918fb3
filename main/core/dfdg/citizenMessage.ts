// CitizenMessageService (Version 2), SOAP: the Dialogmodul (docs/wire-contract.md §2.4).
//
// ASSUMED (wire-contract.md §2.4): the CreateMessage elements after FromUser/OrganisationTypeIdentifier
// (FromUser/OrganisationCode, ToOrganisation, channel, context type, Subject, Body, AllowReply,
// ResponseToMessageIdentifier, Documents/Document{FileName, MimeType, Content}), the
// GetCitizenMessages request and answer, FromUser/UserTypeIdentifier 2 = Sagsbehandler, and plain
// integers for code-list values in the body.

import { ORGANISATION_TYPE_ID, type CitizenMessage, type Cpr, type IsoDateTime, type MessageDocumentMeta } from '../../../shared/domain';
import { safeFileName } from '../../../shared/fileNames';
import { SIZE_LIMITS } from './http';
import type { Reader, SoapService, XNode, XmlObject } from './soap';
import type { CallContext, CitizenMessageClient, CreateMessageInput, ServiceReceipt } from './types';
import { WireError } from './values';

/** FromUser/UserTypeIdentifier for a caseworker (ASSUMED: 1 Borger, 2 Sagsbehandler). */
const USER_TYPE_CASEWORKER = 2;

/** An instant as UTC ISO text; a value Date cannot read is passed on for DFDG to judge (1014). */
function isoOrAsIs(s: string): string {
  const t = Date.parse(s);
  return Number.isNaN(t) ? s : new Date(t).toISOString();
}

export function readReceipt(r: Reader, n: XNode): ServiceReceipt {
  const receipt = r.one(n, 'ServiceReceipt');
  return { messageIdentifier: r.str(receipt, 'MessageIdentifier').toLowerCase(), eventDate: r.dateTime(receipt, 'EventDate') };
}

function mimeType(s: string): MessageDocumentMeta['mimeType'] {
  if (s === 'application/pdf' || s === 'application/xml') return s;
  throw new WireError(`ukendt MIME-type for et dokument`);
}

function readMessage(r: Reader, m: XNode): CitizenMessage {
  const from = r.one(m, 'FromUser');
  const to = r.opt(m, 'ToOrganisation');
  return {
    id: r.str(m, 'CitizenMessageIdentifier').toLowerCase(),
    cpr: r.str(m, 'PersonCivilRegistrationIdentifier'),
    from: {
      userType: r.int(from, 'UserTypeIdentifier'),
      userIdentifier: r.str(from, 'UserIdentifier'),
      fullName: r.str(from, 'FullName'),
      organisationType: r.optInt(from, 'OrganisationTypeIdentifier'),
      organisationCode: r.optStr(from, 'OrganisationCode'),
    },
    to: to ? { organisationType: r.int(to, 'OrganisationTypeIdentifier'), organisationCode: r.str(to, 'OrganisationCode') } : null,
    channel: r.int(m, 'CitizenMessageChannelTypeIdentifier'),
    contextType: r.int(m, 'CitizenMessageContextTypeIdentifier'),
    subject: r.str(m, 'Subject'),
    body: r.str(m, 'Body'),
    allowReply: r.bool(m, 'AllowReply'),
    responseToId: r.optStr(m, 'ResponseToMessageIdentifier')?.toLowerCase() ?? null,
    createdAt: r.dateTime(m, 'CreatedDateTime'),
    documents: r.list(m, 'Documents', 'Document').map((d) => {
      const type = mimeType(r.str(d, 'MimeType'));
      // Whoever sent it named it: kept and offered for saving only as a safe base name with the type's extension.
      return { id: r.str(d, 'CitizenMessageDocumentIdentifier').toLowerCase(), fileName: safeFileName(r.str(d, 'FileName'), type), mimeType: type, size: r.int(d, 'Size') };
    }),
  };
}

export function createMessageBody(ctx: CallContext, input: CreateMessageInput): XmlObject {
  const org = ctx.identity.organisation;
  return {
    FromUser: {
      UserTypeIdentifier: USER_TYPE_CASEWORKER,
      UserIdentifier: ctx.identity.caseworker.userIdentifier,
      FullName: ctx.identity.caseworker.fullName,
      OrganisationTypeIdentifier: ORGANISATION_TYPE_ID[org.type],
      OrganisationCode: org.code,
    },
    PersonCivilRegistrationIdentifier: input.cpr,
    ToOrganisation: input.to ? { OrganisationTypeIdentifier: input.to.organisationType, OrganisationCode: input.to.organisationCode } : null,
    CitizenMessageChannelTypeIdentifier: input.channel,
    CitizenMessageContextTypeIdentifier: input.contextType,
    Subject: input.subject,
    Body: input.body,
    AllowReply: input.allowReply,
    ResponseToMessageIdentifier: input.responseToId,
    Documents: input.documents.length
      ? { Document: input.documents.map((d) => ({ FileName: safeFileName(d.fileName, d.mimeType), MimeType: d.mimeType, Content: d.content.toString('base64') })) }
      : null,
  };
}

export function citizenMessageClient(soap: SoapService): CitizenMessageClient {
  return {
    createMessage(ctx, input) {
      return soap.request(ctx, 'CreateMessage', createMessageBody(ctx, input), { write: true, limits: SIZE_LIMITS.upload }, (res, r) => ({
        messageId: r.str(res, 'CitizenMessageIdentifier').toLowerCase(),
        receipt: readReceipt(r, res),
      }));
    },

    getCitizenMessages(ctx, cpr: Cpr, changedSince?: IsoDateTime) {
      const body: XmlObject = { PersonCivilRegistrationIdentifier: cpr, ChangedSince: changedSince ? isoOrAsIs(changedSince) : null };
      return soap.request(ctx, 'GetCitizenMessages', body, { write: false }, (res, r) => r.list(res, 'CitizenMessages', 'CitizenMessage').map((m) => readMessage(r, m)));
    },

    getCitizenMessageDocument(ctx, cpr, documentId) {
      const body: XmlObject = { PersonCivilRegistrationIdentifier: cpr, CitizenMessageDocumentIdentifier: documentId };
      return soap.request(ctx, 'GetCitizenMessageDocument', body, { write: false, limits: SIZE_LIMITS.download }, (res, r) => {
        const b64 = r.str(res, 'CitizenMessageDocument').replace(/\s+/g, '');
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) throw new WireError('dokumentet er ikke gyldig base64');
        return Buffer.from(b64, 'base64');
      });
    },
  };
}
