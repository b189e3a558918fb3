// CitizenMessageService against a running sandbox, with hand-written SOAP: the type 11 thread
// a-kasse ⇄ jobcenter with the citizen in the middle, documents, visibility, and every error code.

import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePdf } from '../../sandbox/pdf';
import { kid, kids, org, soap, startTestSandbox, text, x, type TestSandbox } from './helpers';

let t: TestSandbox;
const S = 'CitizenMessageService';

beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(async () => {
  await t?.close();
});

interface Msg {
  cpr: string;
  channel?: number;
  context?: number;
  subject?: string;
  body?: string;
  allowReply?: boolean;
  to?: { type: number; code: string } | null;
  responseTo?: string;
  docs?: { name: string; mime: string; content: Buffer }[];
  fromOrg?: { type: number; code: string };
}

function createXml(orgId: string, m: Msg): string {
  const c = t.sb.certs.orgs[orgId];
  if (!c) throw new Error(orgId);
  const from = m.fromOrg ?? { type: c.type === 'akasse' ? 2 : 8, code: c.code };
  return [
    x('FromUser', [x('UserTypeIdentifier', 2), x('UserIdentifier', c.rid), x('FullName', c.caseworkerName), x('OrganisationTypeIdentifier', from.type), x('OrganisationCode', from.code)]),
    x('PersonCivilRegistrationIdentifier', m.cpr),
    m.to ? x('ToOrganisation', [x('OrganisationTypeIdentifier', m.to.type), x('OrganisationCode', m.to.code)]) : '',
    x('CitizenMessageChannelTypeIdentifier', m.channel ?? 4),
    x('CitizenMessageContextTypeIdentifier', m.context ?? 11),
    x('Subject', m.subject ?? 'A-kassens indstilling til jobcentret om tilbud'),
    x('Body', m.body ?? 'Vi indstiller Søren til virksomhedspraktik hos Bølge Byg ApS i 8 uger.'),
    x('AllowReply', m.allowReply ?? true),
    m.responseTo ? x('ResponseToMessageIdentifier', m.responseTo) : '',
    m.docs ? x('Documents', m.docs.map((d) => x('Document', [x('FileName', d.name), x('MimeType', d.mime), x('Content', d.content.toString('base64'))]))) : '',
  ].join('');
}

async function send(orgId: string, m: Msg) {
  const r = await soap(t.sb, orgId, S, 'CreateMessage', createXml(orgId, m));
  return { ...r, id: r.body ? text(r.body, 'CitizenMessageIdentifier') : null };
}

const pdf = makePdf('Indstilling', ['Tilbud: virksomhedspraktik']);

/** A citizen visible to akasse-067 whose jobcenter is 10100. */
function shared() {
  const c = org(t.sample, 'akasse-067').visible.find((v) => v.jobcenterCode === '10100' && v.contactGroup === 1);
  if (!c) throw new Error('no shared citizen');
  return c;
}

async function messagesFor(orgId: string, cpr: string) {
  const r = await soap(t.sb, orgId, S, 'GetCitizenMessages', x('PersonCivilRegistrationIdentifier', cpr));
  expect(r.fault).toBeNull();
  return kids(kid(r.body, 'CitizenMessages'), 'CitizenMessage');
}

describe('CitizenMessageService', () => {
  it('carries a type 11 recommendation to the jobcenter, its answer back, and both into the citizen\'s Jobnet tray', async () => {
    const c = shared();
    const rec = await send('akasse-067', { cpr: c.cpr, to: { type: 8, code: '10100' }, docs: [{ name: 'indstilling.pdf', mime: 'application/pdf', content: pdf }] });
    expect(rec.status).toBe(200);
    expect(rec.fault).toBeNull();
    expect(rec.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(text(rec.body, 'ServiceReceipt', 'MessageIdentifier')).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number.isNaN(Date.parse(text(rec.body, 'ServiceReceipt', 'EventDate')))).toBe(false);

    // The jobcenter sees it, with the document, and can read the document back byte for byte.
    const seen = (await messagesFor('jobcenter-10100', c.cpr)).find((m) => text(m, 'CitizenMessageIdentifier') === rec.id);
    if (!seen) throw new Error('the jobcenter does not see the recommendation');
    expect(text(seen, 'CitizenMessageContextTypeIdentifier')).toBe('11');
    expect(text(seen, 'Body')).toBe('Vi indstiller Søren til virksomhedspraktik hos Bølge Byg ApS i 8 uger.');
    expect(text(seen, 'FromUser', 'OrganisationCode')).toBe('067');
    const doc = kid(kid(seen, 'Documents'), 'Document');
    expect(Number(text(doc, 'Size'))).toBe(pdf.length);
    const got = await soap(t.sb, 'jobcenter-10100', S, 'GetCitizenMessageDocument', x('PersonCivilRegistrationIdentifier', c.cpr) + x('CitizenMessageDocumentIdentifier', text(doc, 'CitizenMessageDocumentIdentifier')));
    expect(Buffer.from(text(got.body, 'CitizenMessageDocument'), 'base64').equals(pdf)).toBe(true);

    // The jobcenter answers in the thread with context type 1.
    const answer = await send('jobcenter-10100', { cpr: c.cpr, context: 1, to: { type: 2, code: '067' }, responseTo: rec.id ?? '', subject: 'Svar på indstilling', body: 'Tilbuddet er bevilget.' });
    expect(answer.fault).toBeNull();
    const akView = await messagesFor('akasse-067', c.cpr);
    const newest = akView[0];
    expect(text(newest, 'CitizenMessageIdentifier')).toBe(answer.id);
    expect(text(newest, 'ResponseToMessageIdentifier')).toBe(rec.id);

    // Both are in the citizen's tray, newest first, with the document name.
    const tray = await t.admin.jobnetTray(c.cpr);
    expect(tray[0]?.beskedIdentifier).toBe(answer.id);
    expect(tray[1]?.beskedIdentifier).toBe(rec.id);
    expect(tray[1]?.afsender).toEqual({ navn: 'A-kasse Nordlys (sandbox)', organisationstype: 2, organisationskode: '067' });
    expect(tray[1]?.dokumenter).toEqual([{ navn: 'indstilling.pdf', mimeType: 'application/pdf' }]);

    // Another jobcenter does not see the citizen at all; ChangedSince filters older messages out.
    const since = await soap(t.sb, 'akasse-067', S, 'GetCitizenMessages', x('PersonCivilRegistrationIdentifier', c.cpr) + x('ChangedSince', '2999-01-01T00:00:00Z'));
    expect(kids(kid(since.body, 'CitizenMessages'), 'CitizenMessage')).toHaveLength(0);
  });

  it('shows channel-4 messages only to the two parties, one-way messages to every authority that may see the citizen', async () => {
    const c = shared();
    const between = await send('akasse-067', { cpr: c.cpr, to: { type: 8, code: '10100' }, context: 1, subject: 'Mellem os', body: 'Kun til jobcentret.' });
    const oneWay = await send('jobcenter-10100', { cpr: c.cpr, channel: 1, context: 1, to: null, allowReply: false, subject: 'Husk CV', body: 'Husk at opdatere dit CV.' });
    expect(between.fault).toBeNull();
    expect(oneWay.fault).toBeNull();
    const ids = async (orgId: string) => (await messagesFor(orgId, c.cpr)).map((m) => text(m, 'CitizenMessageIdentifier'));
    expect(await ids('akasse-067')).toEqual(expect.arrayContaining([between.id, oneWay.id]));
    // The citizen moves to Jobcenter København Nord: it may now see the citizen, and the one-way
    // message, but not the thread between the a-kasse and the old jobcenter.
    await t.admin.patchCitizen(c.cpr, { jobcenterCode: '10101' });
    try {
      const nord = await ids('jobcenter-10101');
      expect(nord).toContain(oneWay.id);
      expect(nord).not.toContain(between.id);
      expect((await soap(t.sb, 'jobcenter-10100', S, 'GetCitizenMessages', x('PersonCivilRegistrationIdentifier', c.cpr))).fault?.code).toBe(6005);
    } finally {
      await t.admin.patchCitizen(c.cpr, { jobcenterCode: '10100' });
    }
    // Only channel-4 messages go to the citizen's tray.
    const tray = await t.admin.jobnetTray(c.cpr);
    expect(tray.some((b) => b.beskedIdentifier === between.id)).toBe(true);
    expect(tray.some((b) => b.beskedIdentifier === oneWay.id)).toBe(false);
  });

  it('refuses CPR problems and access outside the organisation: 1001, 1010, 4575, 6005, 4405', async () => {
    const c = shared();
    const bad = await send('akasse-067', { cpr: '3002901234', to: { type: 8, code: '10100' } });
    expect(bad.fault?.code).toBe(1001);
    const unknown = await send('akasse-067', { cpr: '0000000000', to: { type: 8, code: '10100' } });
    expect(unknown.fault?.code).toBe(1010);
    const other = org(t.sample, 'akasse-067').notVisible.find((n) => n.reason === 'member of another a-kasse');
    const notMine = await send('akasse-067', { cpr: other?.cpr ?? '', to: { type: 8, code: '10100' } });
    expect(notMine.fault?.code).toBe(4575);
    const notInGroup = org(t.sample, 'akasse-067').notVisible.find((n) => n.reason === 'not in an allowed contact group');
    expect((await soap(t.sb, 'akasse-067', S, 'GetCitizenMessages', x('PersonCivilRegistrationIdentifier', notInGroup?.cpr ?? ''))).fault?.code).toBe(4575);
    const elsewhere = org(t.sample, 'jobcenter-10100').notVisible[0]?.cpr ?? '';
    expect((await soap(t.sb, 'jobcenter-10100', S, 'GetCitizenMessages', x('PersonCivilRegistrationIdentifier', elsewhere))).fault?.code).toBe(6005);
    const dead = org(t.sample, 'akasse-067').deceased[0]?.cpr ?? '';
    expect((await send('akasse-067', { cpr: dead, channel: 1, context: 1, to: null })).fault?.code).toBe(4405);
    // Reading a deceased citizen's messages still works.
    expect((await soap(t.sb, 'akasse-067', S, 'GetCitizenMessages', x('PersonCivilRegistrationIdentifier', dead))).fault).toBeNull();
    expect(c.cpr).toBeTruthy();
  });

  it('enforces the type 11 rules: 8110 from a jobcenter, 8111 off channel 4, 8112 before 01-07-2023', async () => {
    const c = shared();
    expect((await send('jobcenter-10100', { cpr: c.cpr, to: { type: 2, code: '067' } })).fault?.code).toBe(8110);
    expect((await send('akasse-067', { cpr: c.cpr, channel: 1, to: null })).fault?.code).toBe(8111);
    await t.admin.setToday('2023-06-30');
    try {
      expect((await send('akasse-067', { cpr: c.cpr, to: { type: 8, code: '10100' } })).fault?.code).toBe(8112);
    } finally {
      await t.admin.setToday('2026-05-04');
    }
    // Type 2 "Udkast til min plan" stays in the code list after 01-01-2024 (seed 000, AC 999.11.2):
    // the a-kasser's duty ended, DFDG refuses nothing; the client stops a-kasser itself.
    expect((await send('akasse-067', { cpr: c.cpr, context: 2, to: { type: 8, code: '10100' } })).fault).toBeNull();
    expect((await send('jobcenter-10100', { cpr: c.cpr, context: 2, to: { type: 2, code: '067' } })).fault).toBeNull();
  });

  it('refuses HTML in the body (4933) and checks documents: 8113 type/content, 8114 size, 1014 more than five', async () => {
    const c = shared();
    const to = { type: 8, code: '10100' };
    expect((await send('akasse-067', { cpr: c.cpr, to, body: 'Se <b>her</b>' })).fault?.code).toBe(4933);
    expect((await send('akasse-067', { cpr: c.cpr, to, body: 'Løn < 200 kr. og > 100 kr. er fint' })).fault).toBeNull();
    expect((await send('akasse-067', { cpr: c.cpr, to, docs: [{ name: 'a.png', mime: 'image/png', content: Buffer.from('x') }] })).fault?.code).toBe(8113);
    expect((await send('akasse-067', { cpr: c.cpr, to, docs: [{ name: 'a.pdf', mime: 'application/pdf', content: Buffer.from('MZ not a pdf') }] })).fault?.code).toBe(8113);
    expect((await send('akasse-067', { cpr: c.cpr, to, docs: [{ name: 'a.xml', mime: 'application/xml', content: Buffer.from('<a><b></a>') }] })).fault?.code).toBe(8113);
    const xmlOk = await send('akasse-067', { cpr: c.cpr, to, docs: [{ name: 'a.xml', mime: 'application/xml', content: Buffer.from('<?xml version="1.0"?><indstilling><tilbud>praktik</tilbud></indstilling>') }] });
    expect(xmlOk.fault).toBeNull();
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 - 8, 0x20)]);
    expect(big.length).toBe(10 * 1024 * 1024 + 1);
    expect((await send('akasse-067', { cpr: c.cpr, to, docs: [{ name: 'big.pdf', mime: 'application/pdf', content: big }] })).fault?.code).toBe(8114);
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `${i}.pdf`, mime: 'application/pdf', content: pdf }));
    expect((await send('akasse-067', { cpr: c.cpr, to, docs: six })).fault?.code).toBe(1014);
  });

  it('checks replies: 8115 unknown or another citizen\'s message, 8116 no replies allowed', async () => {
    const c = shared();
    const other = org(t.sample, 'akasse-067').visible.find((v) => v.jobcenterCode === '10100' && v.cpr !== c.cpr);
    const to = { type: 8, code: '10100' };
    expect((await send('akasse-067', { cpr: c.cpr, to, context: 1, responseTo: crypto.randomUUID() })).fault?.code).toBe(8115);
    const elsewhere = await send('akasse-067', { cpr: other?.cpr ?? '', to, context: 1, subject: 'Anden borger' });
    expect(elsewhere.fault).toBeNull();
    expect((await send('akasse-067', { cpr: c.cpr, to, context: 1, responseTo: elsewhere.id ?? '' })).fault?.code).toBe(8115);
    const closed = await send('akasse-067', { cpr: c.cpr, to, context: 1, allowReply: false, subject: 'Kan ikke besvares' });
    expect((await send('jobcenter-10100', { cpr: c.cpr, to: { type: 2, code: '067' }, context: 1, responseTo: closed.id ?? '' })).fault?.code).toBe(8116);
  });

  it('bounds what a request may make the parser do: nesting past its depth is a client fault (1014), markup over 2 MB is refused (413), documents still fit', async () => {
    const c = shared();
    const to = { type: 8, code: '10100' };
    // Before, the parser's own depth error surfaced as s:Server, which a client retries.
    const deep = await soap(t.sb, 'akasse-067', S, 'GetCitizenMessages', x('PersonCivilRegistrationIdentifier', c.cpr) + '<b>'.repeat(5000) + '</b>'.repeat(5000));
    expect(deep.fault).toMatchObject({ code: 1014, faultcode: 's:Client' });
    // 2.5 MB of markup: refused before it is parsed, on any operation, CreateMessage included.
    const flood = '<b/>'.repeat(640 * 1024);
    expect((await soap(t.sb, 'akasse-067', S, 'GetCitizenMessages', x('PersonCivilRegistrationIdentifier', c.cpr) + flood)).status).toBe(413);
    expect((await soap(t.sb, 'akasse-067', S, 'CreateMessage', createXml('akasse-067', { cpr: c.cpr, to }) + flood)).status).toBe(413);
    // Five documents of 2 MB each (a 13 MB request): the documents' allowance, on top of the 2 MB of markup.
    const two = Buffer.concat([pdf, Buffer.alloc(2 * 1024 * 1024 - pdf.length, 0x20)]);
    const five = Array.from({ length: 5 }, (_, i) => ({ name: `${i}.pdf`, mime: 'application/pdf', content: two }));
    const sent = await send('akasse-067', { cpr: c.cpr, to, docs: five });
    expect(sent.status).toBe(200);
    expect(sent.fault).toBeNull();
  });

  it('answers schema violations with 1014', async () => {
    const c = shared();
    const to = { type: 8, code: '10100' };
    expect((await send('akasse-067', { cpr: c.cpr, to, subject: 'x'.repeat(251) })).fault?.code).toBe(1014);
    expect((await send('akasse-067', { cpr: c.cpr, to, subject: '' })).fault?.code).toBe(1014);
    expect((await send('akasse-067', { cpr: c.cpr, to, body: 'y'.repeat(10_001) })).fault?.code).toBe(1014);
    expect((await send('akasse-067', { cpr: c.cpr, to, context: 99 })).fault?.code).toBe(1014);
    expect((await send('akasse-067', { cpr: c.cpr, to: null })).fault?.code).toBe(1014); // channel 4 without ToOrganisation
    expect((await send('akasse-067', { cpr: c.cpr, to: { type: 8, code: '75100' }, context: 1 })).fault?.code).toBe(1014); // not the citizen's jobcenter
    const extra = createXml('akasse-067', { cpr: c.cpr, to }) + x('Unexpected', 'x');
    expect((await soap(t.sb, 'akasse-067', S, 'CreateMessage', extra)).fault?.code).toBe(1014);
    const wrongAction = await soap(t.sb, 'akasse-067', S, 'CreateMessage', createXml('akasse-067', { cpr: c.cpr, to }), { action: 'http://service.bm.dk/pjaktass/1/CitizenMessageService#DeleteEverything' });
    expect(wrongAction.fault?.code).toBe(1014);
    const mismatch = await soap(t.sb, 'akasse-067', S, 'CreateMessage', createXml('akasse-067', { cpr: c.cpr, to }), { action: 'http://service.bm.dk/pjaktass/1/CitizenMessageService#GetCitizenMessages' });
    expect(mismatch.fault?.code).toBe(1014);
    const fromOther = await send('akasse-067', { cpr: c.cpr, to, fromOrg: { type: 2, code: '084' } });
    expect(fromOther.fault?.code).toBe(4575);
  });

  it('GetCitizenMessageDocument: 4589 for a malformed identifier, 8103 for an unknown one', async () => {
    const c = shared();
    const q = (id: string) => soap(t.sb, 'akasse-067', S, 'GetCitizenMessageDocument', x('PersonCivilRegistrationIdentifier', c.cpr) + x('CitizenMessageDocumentIdentifier', id));
    expect((await q('not-a-guid')).fault?.code).toBe(4589);
    expect((await q(crypto.randomUUID())).fault?.code).toBe(8103);
  });

  it('counts the logical command so a message applied twice shows as a duplicate', async () => {
    const c = shared();
    const before = await t.admin.stats();
    const m = { cpr: c.cpr, to: { type: 8, code: '10100' }, context: 1, subject: `Dublet ${crypto.randomUUID()}`, body: 'Samme tekst' };
    expect((await send('akasse-067', m)).fault).toBeNull();
    const once = await t.admin.stats();
    expect(once.logical.applied).toBe(before.logical.applied + 1);
    expect(once.logical.duplicates).toBe(before.logical.duplicates);
    expect((await send('akasse-067', m)).fault).toBeNull();
    const twice = await t.admin.stats();
    expect(twice.logical.duplicates).toBe(before.logical.duplicates + 1);
    expect(twice.operations['CitizenMessageService.CreateMessage']?.applied).toBe((before.operations['CitizenMessageService.CreateMessage']?.applied ?? 0) + 2);
  });
});
