// CitizenMessageService (Version 2): CreateMessage, GetCitizenMessages, GetCitizenMessageDocument
// (wire-contract §2.4).
//
// ASSUMED (wire-contract §2.4): every element after FromUser; channel ids 1-3; FromUser type ids;
// codes 8110-8116; 10 MB / 5 documents; ToOrganisation on channel 4 must be the citizen's other party
// (else 1014). Type 2 from an a-kasse is accepted after 01-01-2024: seed 000 (AC 999.11.2) ends the
// a-kasser's duty to draft Min plan but keeps id 2 in the code list until a later release, so DFDG
// has no refusal to give (the client stops a-kasser itself, MSG2_RETIRED).

import crypto from 'node:crypto';
import { XMLValidator } from 'fast-xml-parser';
import { codeItem, validOn } from '../codelists';
import { parseDateTime } from '../dates';
import { Reject } from '../http';
import type { StoredMessage } from '../model';
import { akasse, jobcenter, orgByTypeAndCode } from '../orgs';
import { GUID_RE, bool, buf, int, obj, objs, optObj, optStr, str, type Spec } from '../schema';
import type { SoapCtx, SoapService } from '../soap';
import { el, opt, type WEl } from '../xml';
import { isCurrentMember } from '../access';
import { person } from './common';

/** A document's content, decoded (docs/wire-contract.md: ≤ 10 MB), and how many a message may carry (0..5). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const MAX_DOCUMENTS = 5;
const HTML_TAG = /<\s*\/?\s*[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?\/?\s*>/;

const ORG_SPEC: Spec = {
  OrganisationTypeIdentifier: { t: 'int', range: [1, 100] },
  OrganisationCode: { t: 'str', len: [1, 20] },
};

const CREATE_SPEC: Spec = {
  FromUser: {
    t: 'obj',
    fields: {
      UserTypeIdentifier: { t: 'int', range: [1, 4] },
      UserIdentifier: { t: 'str', len: [1, 255] },
      FullName: { t: 'str', len: [1, 140] },
      Company: {
        t: 'obj',
        min: 0,
        fields: {
          CompanyIdentifier: {
            t: 'obj',
            fields: {
              ProductionUnitIdentifier: { t: 'str', min: 0, len: [10, 10] },
              CVRnumberIdentifier: { t: 'str', len: [8, 8] },
            },
          },
          CompanyContactIdentifier: { t: 'guid' },
        },
      },
      OrganisationTypeIdentifier: { t: 'int', range: [1, 100] },
      OrganisationCode: { t: 'str', len: [1, 20] },
    },
  },
  PersonCivilRegistrationIdentifier: { t: 'str', len: [0, 64] },
  ToOrganisation: { t: 'obj', min: 0, fields: ORG_SPEC },
  CitizenMessageChannelTypeIdentifier: { t: 'int', range: [1, 4] },
  CitizenMessageContextTypeIdentifier: { t: 'int', range: [0, 100_000_000] },
  Subject: { t: 'str', len: [1, 250] },
  Body: { t: 'str', len: [1, 10_000] },
  AllowReply: { t: 'bool' },
  ResponseToMessageIdentifier: { t: 'guid', min: 0 },
  Documents: {
    t: 'obj',
    min: 0,
    fields: {
      Document: {
        t: 'obj',
        min: 0,
        max: MAX_DOCUMENTS,
        fields: {
          FileName: { t: 'str', len: [1, 255] },
          MimeType: { t: 'str', len: [1, 255] },
          Content: { t: 'b64' },
        },
      },
    },
  },
};

/** Messages an organisation may see (wire-contract §2.4): sent by it, addressed to it, or one-way to the citizen. */
export function visibleTo(m: StoredMessage, orgTypeId: number, code: string): boolean {
  if (m.from.orgTypeId === orgTypeId && m.from.orgCode === code) return true;
  if (m.to && m.to.orgTypeId === orgTypeId && m.to.code === code) return true;
  return m.channel !== 4;
}

export function logicalMessageKey(cpr: string, senderOrg: string, subject: string, body: string, responseTo: string | null): string {
  return 'CreateMessage:' + crypto.createHash('sha256').update([cpr, senderOrg, subject, body, responseTo ?? ''].join('\u0000')).digest('hex');
}

function documentOk(mime: string, content: Buffer): boolean {
  if (mime === 'application/pdf') return content.subarray(0, 5).toString('latin1') === '%PDF-';
  if (mime === 'application/xml') {
    const text = content.toString('utf8');
    return text.trim().startsWith('<') && XMLValidator.validate(text) === true;
  }
  return false;
}

function createMessage(ctx: SoapCtx): WEl[] {
  const { env, caller, body, header } = ctx;
  const org = caller.org;
  const today = env.clock.today();
  const cpr = str(body, 'PersonCivilRegistrationIdentifier');
  const from = obj(body, 'FromUser');
  const channel = int(body, 'CitizenMessageChannelTypeIdentifier');
  const contextType = int(body, 'CitizenMessageContextTypeIdentifier');
  const toEl = optObj(body, 'ToOrganisation');
  const subject = str(body, 'Subject');
  const text = str(body, 'Body');
  const responseTo = optStr(body, 'ResponseToMessageIdentifier');
  const docs = objs(optObj(body, 'Documents') ?? {}, 'Document');

  // Schema-level facts first (1014): the sender and the receiver.
  if (int(from, 'OrganisationTypeIdentifier') !== org.orgTypeId || str(from, 'OrganisationCode') !== org.code)
    throw new Reject(4575, 'FromUser names another organisation than the certificate');
  if (!codeItem('CitizenMessageContextTypeIdentifier', contextType)) throw new Reject(1014, 'Unknown CitizenMessageContextTypeIdentifier');
  const to = toEl ? { orgTypeId: int(toEl, 'OrganisationTypeIdentifier'), code: str(toEl, 'OrganisationCode') } : null;
  if (to && !orgByTypeAndCode(to.orgTypeId, to.code)) throw new Reject(1014, 'ToOrganisation is not a known organisation');
  if (channel === 4 && !to) throw new Reject(1014, 'ToOrganisation is required on channel 4');
  if (int(from, 'UserTypeIdentifier') !== 2) throw new Reject(4575, 'Only caseworkers (UserTypeIdentifier 2) may create messages');

  const c = person(env, caller, cpr, { write: true, style: 'soap' });

  if (channel === 4 && to) {
    const otherParty =
      org.type === 'akasse'
        ? jobcenter(c.jobcenterCode)
        : isCurrentMember(c, today)
          ? akasse(c.akasseCode)
          : undefined;
    if (!otherParty || otherParty.orgTypeId !== to.orgTypeId || otherParty.code !== to.code)
      throw new Reject(1014, "ToOrganisation is not the citizen's other party");
  }
  if (contextType === 11) {
    if (org.type !== 'akasse') throw new Reject(8110);
    if (channel !== 4) throw new Reject(8111);
  }
  const item = codeItem('CitizenMessageContextTypeIdentifier', contextType);
  if (!item || !validOn(item, today)) throw new Reject(8112);
  if (HTML_TAG.test(text)) throw new Reject(4933);

  const documents = docs.map((d) => {
    const mime = str(d, 'MimeType');
    const content = buf(d, 'Content');
    if (content.length > MAX_DOCUMENT_BYTES) throw new Reject(8114);
    if (!documentOk(mime, content)) throw new Reject(8113);
    return { id: crypto.randomUUID(), fileName: str(d, 'FileName'), mimeType: mime, content };
  });

  const detail = env.state.detail(cpr);
  if (responseTo !== null) {
    const parent = detail.messages.find((m) => m.id === responseTo);
    if (!parent || !visibleTo(parent, org.orgTypeId, org.code)) throw new Reject(8115);
    if (!parent.allowReply) throw new Reject(8116);
  }

  const message: StoredMessage = {
    id: crypto.randomUUID(),
    cpr,
    from: { userType: 2, userIdentifier: str(from, 'UserIdentifier'), fullName: str(from, 'FullName'), orgTypeId: org.orgTypeId, orgCode: org.code },
    to,
    channel,
    contextType,
    subject,
    body: text,
    allowReply: bool(body, 'AllowReply'),
    responseTo,
    created: env.clock.nowIso(),
    documents,
  };
  env.state.addMessage(message);
  env.state.recordLogical(logicalMessageKey(cpr, org.id, subject, text, responseTo));
  if (channel === 4 && to) {
    env.notifier.raise([orgByTypeAndCode(to.orgTypeId, to.code)], {
      method: 'GetCitizenMessageVersion1',
      cpr,
      changeType: 1,
      registeringAuthority: { orgTypeId: org.orgTypeId, code: org.code },
      registeringUser: { fullName: header.userFullName, userIdentifier: header.userIdentifier },
      entityId: message.id,
      extras: [
        ['CitizenMessageIdentifier', message.id],
        ['CitizenMessageContextTypeIdentifier', contextType],
        ['ResponseToMessageIdentifier', responseTo],
      ],
    });
  }
  return [
    el('ServiceReceipt', [el('MessageIdentifier', crypto.randomUUID()), el('EventDate', message.created)]),
    el('CitizenMessageIdentifier', message.id),
  ];
}

function messageXml(m: StoredMessage): WEl {
  return el('CitizenMessage', [
    el('CitizenMessageIdentifier', m.id),
    el('PersonCivilRegistrationIdentifier', m.cpr),
    el('FromUser', [
      el('UserTypeIdentifier', m.from.userType),
      el('UserIdentifier', m.from.userIdentifier),
      el('FullName', m.from.fullName),
      el('OrganisationTypeIdentifier', m.from.orgTypeId),
      el('OrganisationCode', m.from.orgCode),
    ]),
    m.to ? el('ToOrganisation', [el('OrganisationTypeIdentifier', m.to.orgTypeId), el('OrganisationCode', m.to.code)]) : null,
    el('CitizenMessageChannelTypeIdentifier', m.channel),
    el('CitizenMessageContextTypeIdentifier', m.contextType),
    el('Subject', m.subject),
    el('Body', m.body),
    el('AllowReply', m.allowReply),
    opt('ResponseToMessageIdentifier', m.responseTo),
    el('CreatedDateTime', m.created),
    el(
      'Documents',
      m.documents.map((d) =>
        el('Document', [el('CitizenMessageDocumentIdentifier', d.id), el('FileName', d.fileName), el('MimeType', d.mimeType), el('Size', d.content.length)]),
      ),
    ),
  ]);
}

function getCitizenMessages(ctx: SoapCtx): WEl[] {
  const { env, caller, body } = ctx;
  const cpr = str(body, 'PersonCivilRegistrationIdentifier');
  person(env, caller, cpr, { write: false, style: 'soap' });
  const since = optStr(body, 'ChangedSince');
  const sinceMs = since ? parseDateTime(since) : null;
  const list = env.state
    .detail(cpr)
    .messages.filter((m) => visibleTo(m, caller.org.orgTypeId, caller.org.code))
    .filter((m) => sinceMs === null || Date.parse(m.created) > sinceMs)
    .sort((a, b) => (a.created < b.created ? 1 : a.created > b.created ? -1 : 0));
  return [el('CitizenMessages', list.map(messageXml))];
}

function getCitizenMessageDocument(ctx: SoapCtx): WEl[] {
  const { env, caller, body } = ctx;
  const cpr = str(body, 'PersonCivilRegistrationIdentifier');
  const docId = str(body, 'CitizenMessageDocumentIdentifier').trim();
  person(env, caller, cpr, { write: false, style: 'soap' });
  if (!GUID_RE.test(docId)) throw new Reject(4589);
  const id = docId.toLowerCase();
  for (const m of env.state.detail(cpr).messages) {
    if (!visibleTo(m, caller.org.orgTypeId, caller.org.code)) continue;
    const d = m.documents.find((x) => x.id === id);
    if (d) return [el('CitizenMessageDocument', d.content.toString('base64'))];
  }
  throw new Reject(8103);
}

export const citizenMessageService: SoapService = {
  name: 'CitizenMessageService',
  ops: {
    CreateMessage: { spec: CREATE_SPEC, handle: createMessage },
    GetCitizenMessages: {
      spec: { PersonCivilRegistrationIdentifier: { t: 'str', len: [0, 64] }, ChangedSince: { t: 'dateTime', min: 0 } },
      handle: getCitizenMessages,
    },
    GetCitizenMessageDocument: {
      spec: { PersonCivilRegistrationIdentifier: { t: 'str', len: [0, 64] }, CitizenMessageDocumentIdentifier: { t: 'str', len: [0, 100] } },
      handle: getCitizenMessageDocument,
    },
  },
};

