// Contract: CitizenMessageService (the Dialogmodul) against the running sandbox — the a-kasse's
// "Indstilling om tilbud" (type 11), the jobcenter's answer in the same thread, attachments, the
// citizen's Jobnet copy, the notification, and every refusal the method can give.
import { describe, expect, it } from 'vitest';
import type { CallContext, CreateMessageInput, DfdgClients } from '../../main/core/dfdg';
import { refusal } from '../core/dfdg/failures';
import { makePdf } from '../fixtures/pdf';
import { withSandbox, type SampleCitizen } from './helpers';

const env = withSandbox();

/** DFDG's code for a refusal, which comes as a SOAP fault. */
async function code(p: Promise<unknown>): Promise<number | null> {
  const e = await refusal(p);
  expect(e.kind).toBe('fault');
  return e.code;
}

const JOBCENTRES: Record<string, string> = { '10100': 'jobcenter-10100', '10101': 'jobcenter-10101', '75100': 'jobcenter-75100' };

/** A dagpenge recipient (KG1) of akasse-067 attached to one of the sandbox's jobcentres. */
function member(i = 0): { citizen: SampleCitizen; jobcenterId: string } {
  const list = env.visible('akasse-067', 1).filter((c) => JOBCENTRES[c.jobcenterCode]);
  const citizen = list[i % list.length];
  if (!citizen) throw new Error('no KG1 member of akasse-067 attached to a sandbox jobcenter');
  return { citizen, jobcenterId: JOBCENTRES[citizen.jobcenterCode]! };
}

function recommendation(c: SampleCitizen, extra: Partial<CreateMessageInput> = {}): CreateMessageInput {
  return {
    cpr: c.cpr,
    contextType: 11,
    channel: 4,
    subject: 'A-kassens indstilling til jobcentret om tilbud',
    body: 'Vi indstiller til virksomhedspraktik i 8 uger hos Bager Hansen ApS (CVR 12345678). Mentor & hjælpemidler: nej.',
    allowReply: true,
    responseToId: null,
    to: { organisationType: 8, organisationCode: c.jobcenterCode },
    documents: [],
    ...extra,
  };
}

describe('CreateMessage: the type 11 thread', () => {
  const pdf = Buffer.from(makePdf({ text: 'Indstilling om tilbud' }));

  it('an a-kasse sends type 11 on channel 4 with a PDF; both parties and the citizen see it; the jobcenter answers in the thread', async () => {
    const ak: DfdgClients = env.clientsFor('akasse-067');
    const akCtx: CallContext = env.ctxFor('akasse-067');
    const { citizen, jobcenterId } = member(0);
    const subject = 'Indstilling: Søren & Åse <tilbud> "8 uger"';
    const sent = await ak.citizenMessage.createMessage(
      akCtx,
      recommendation(citizen, { subject, documents: [{ fileName: 'indstilling-æøå.pdf', mimeType: 'application/pdf', content: pdf }] }),
    );
    expect(sent.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(sent.receipt.eventDate)).not.toBeNaN();

    // The a-kasse reads it back exactly, with the document's metadata, and can fetch the bytes.
    const mine = (await ak.citizenMessage.getCitizenMessages(akCtx, citizen.cpr)).find((m) => m.id === sent.messageId);
    expect(mine).toMatchObject({
      cpr: citizen.cpr,
      contextType: 11,
      channel: 4,
      subject,
      allowReply: true,
      responseToId: null,
      to: { organisationType: 8, organisationCode: citizen.jobcenterCode },
      from: { userType: 2, organisationType: 2, organisationCode: '067', userIdentifier: env.sb.certs.orgs['akasse-067']!.rid, fullName: env.sb.certs.orgs['akasse-067']!.caseworkerName },
    });
    expect(mine!.documents).toEqual([{ id: expect.stringMatching(/^[0-9a-f-]{36}$/), fileName: 'indstilling-æøå.pdf', mimeType: 'application/pdf', size: pdf.length }]);
    expect(await ak.citizenMessage.getCitizenMessageDocument(akCtx, citizen.cpr, mine!.documents[0]!.id)).toEqual(pdf);

    // The jobcenter sees it and is notified.
    const jc = env.clientsFor(jobcenterId);
    const jcCtx = env.ctxFor(jobcenterId);
    const theirs = (await jc.citizenMessage.getCitizenMessages(jcCtx, citizen.cpr)).find((m) => m.id === sent.messageId);
    expect(theirs?.subject).toBe(subject);
    const sys = env.ctxFor(jobcenterId, 3);
    const seq = await jc.wsrm.createSequence(sys);
    const items = await jc.wsrm.getItems(sys, seq.sequenceId, 'GetCitizenMessageVersion1');
    await jc.wsrm.closeSequence(sys, seq.sequenceId);
    expect(items.find((i) => i.entityId === sent.messageId)).toMatchObject({ cpr: citizen.cpr, details: { contextType: 11 }, registeringOrganisation: { organisationType: 2, organisationCode: '067' } });

    // The jobcenter answers (context 1 on channel 4, in the thread, to the a-kasse).
    const answer = await jc.citizenMessage.createMessage(jcCtx, {
      cpr: citizen.cpr,
      contextType: 1,
      channel: 4,
      subject: 'Svar på indstilling om tilbud',
      body: 'Jobcentret bevilger virksomhedspraktik fra 01-12.',
      allowReply: false,
      responseToId: sent.messageId,
      to: { organisationType: 2, organisationCode: '067' },
      documents: [],
    });
    const thread = await ak.citizenMessage.getCitizenMessages(akCtx, citizen.cpr);
    expect(thread.find((m) => m.id === answer.messageId)).toMatchObject({ responseToId: sent.messageId, contextType: 1, from: { organisationType: 8, organisationCode: citizen.jobcenterCode } });
    // Newest first.
    expect(thread.findIndex((m) => m.id === answer.messageId)).toBeLessThan(thread.findIndex((m) => m.id === sent.messageId));

    // The citizen's Jobnet tray holds both channel-4 messages.
    const tray = await env.admin.jobnetTray(citizen.cpr);
    const rec = tray.find((b) => b.beskedIdentifier === sent.messageId);
    expect(rec).toMatchObject({ emne: subject, kontekstType: 11, afsender: { organisationstype: 2, organisationskode: '067' }, dokumenter: [{ navn: 'indstilling-æøå.pdf', mimeType: 'application/pdf' }] });
    expect(tray.some((b) => b.beskedIdentifier === answer.messageId)).toBe(true);

    // A reply to a message that does not allow replies: 8116.
    expect(
      await code(
        ak.citizenMessage.createMessage(akCtx, recommendation(citizen, { contextType: 1, subject: 'Tak', responseToId: answer.messageId })),
      ),
    ).toBe(8116);
  });

  it('a one-way channel-1 message is not put in the Jobnet tray (only channel 4 is)', async () => {
    const { citizen } = member(1);
    const sent = await env.clientsFor('akasse-067').citizenMessage.createMessage(env.ctxFor('akasse-067'), recommendation(citizen, { contextType: 1, channel: 1, to: null, subject: 'Orientering' }));
    const tray = await env.admin.jobnetTray(citizen.cpr);
    expect(tray.some((b) => b.beskedIdentifier === sent.messageId)).toBe(false);
  });
});

describe('CreateMessage: refusals', () => {
  const ak = () => env.clientsFor('akasse-067');
  const akCtx = () => env.ctxFor('akasse-067');

  it('type 11 on channel 1 is refused with 8111', async () => {
    const { citizen } = member(2);
    expect(await code(ak().citizenMessage.createMessage(akCtx(), recommendation(citizen, { channel: 1, to: null })))).toBe(8111);
  });

  it('type 11 from a jobcenter is refused with 8110', async () => {
    const { citizen, jobcenterId } = member(2);
    const msg = recommendation(citizen, { to: { organisationType: 2, organisationCode: '067' } });
    expect(await code(env.clientsFor(jobcenterId).citizenMessage.createMessage(env.ctxFor(jobcenterId), msg))).toBe(8110);
  });

  it('HTML in the body is refused with 4933', async () => {
    const { citizen } = member(2);
    expect(await code(ak().citizenMessage.createMessage(akCtx(), recommendation(citizen, { body: 'Se <b>vedhæftede</b>' })))).toBe(4933);
  });

  it('a "PDF" that is not one is refused with 8113; an XML document must parse', async () => {
    const { citizen } = member(2);
    const fake = { fileName: 'x.pdf', mimeType: 'application/pdf' as const, content: Buffer.from('MZ\x90\x00 not a pdf') };
    expect(await code(ak().citizenMessage.createMessage(akCtx(), recommendation(citizen, { documents: [fake] })))).toBe(8113);
    const badXml = { fileName: 'x.xml', mimeType: 'application/xml' as const, content: Buffer.from('<a><b></a>') };
    expect(await code(ak().citizenMessage.createMessage(akCtx(), recommendation(citizen, { documents: [badXml] })))).toBe(8113);
    const goodXml = { fileName: 'indstilling.xml', mimeType: 'application/xml' as const, content: Buffer.from('<?xml version="1.0"?><indstilling tilbud="praktik">8 uger</indstilling>') };
    await expect(ak().citizenMessage.createMessage(akCtx(), recommendation(citizen, { documents: [goodXml] }))).resolves.toMatchObject({ messageId: expect.any(String) });
  });

  it('a document over 10 MB is refused with 8114', async () => {
    const { citizen } = member(2);
    const big = Buffer.concat([Buffer.from(makePdf()), Buffer.alloc(10 * 1024 * 1024 + 1, 0x20)]);
    expect(await code(ak().citizenMessage.createMessage(akCtx(), recommendation(citizen, { documents: [{ fileName: 'stor.pdf', mimeType: 'application/pdf', content: big }] })))).toBe(8114);
  });

  it('type 2 from an a-kasse after 01-01-2024 is not refused: seed 000 keeps id 2 in the code list (the client stops a-kasser, MSG2_RETIRED)', async () => {
    const { citizen } = member(2);
    const sent = await ak().citizenMessage.createMessage(akCtx(), recommendation(citizen, { contextType: 2, channel: 1, to: null }));
    expect(sent.messageId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a type 11 carries up to five documents, as any message; a sixth is refused (1014)', async () => {
    const { citizen } = member(3);
    const doc = (i: number) => ({ fileName: `bilag-${i}.pdf`, mimeType: 'application/pdf' as const, content: Buffer.from(makePdf({ text: `Bilag ${i}` })) });
    const five = [1, 2, 3, 4, 5].map(doc);
    const sent = await ak().citizenMessage.createMessage(akCtx(), recommendation(citizen, { documents: five }));
    const back = (await ak().citizenMessage.getCitizenMessages(akCtx(), citizen.cpr)).find((m) => m.id === sent.messageId);
    expect(back?.documents.map((d) => d.fileName)).toEqual(five.map((d) => d.fileName));
    expect(await code(ak().citizenMessage.createMessage(akCtx(), recommendation(citizen, { documents: [...five, doc(6)] })))).toBe(1014);
  });

  it('answering an unknown message is refused with 8115', async () => {
    const { citizen } = member(2);
    expect(await code(ak().citizenMessage.createMessage(akCtx(), recommendation(citizen, { contextType: 1, responseToId: crypto.randomUUID() })))).toBe(8115);
  });

  it('a receiver that is not the other party is refused with 1014; a subject over 250 characters too', async () => {
    const { citizen } = member(2);
    const other = citizen.jobcenterCode === '75100' ? '10100' : '75100';
    expect(await code(ak().citizenMessage.createMessage(akCtx(), recommendation(citizen, { to: { organisationType: 8, organisationCode: other } })))).toBe(1014);
    expect(await code(ak().citizenMessage.createMessage(akCtx(), recommendation(citizen, { subject: 'x'.repeat(251) })))).toBe(1014);
  });

  it("access: 4575 for an a-kasse's non-member, 6005 for another jobcenter's citizen, 1001 for a malformed CPR", async () => {
    const n = env.notVisible('akasse-067', /another a-kasse/)[0]!;
    const st = await env.admin.citizen(n.cpr);
    expect(await code(ak().citizenMessage.createMessage(akCtx(), recommendation({ ...member(0).citizen, cpr: n.cpr, jobcenterCode: st.jobcenterCode })))).toBe(4575);
    expect(await code(ak().citizenMessage.getCitizenMessages(akCtx(), n.cpr))).toBe(4575);
    const o = env.notVisible('jobcenter-10100', /another jobcenter/)[0]!;
    expect(await code(env.clientsFor('jobcenter-10100').citizenMessage.getCitizenMessages(env.ctxFor('jobcenter-10100'), o.cpr))).toBe(6005);
    expect(await code(ak().citizenMessage.getCitizenMessages(akCtx(), '01019012'))).toBe(1001);
  });
});

describe('GetCitizenMessageDocument: refusals', () => {
  it('an unknown document gets 8103, a malformed identifier 4589', async () => {
    const { citizen } = member(0);
    const c = env.clientsFor('akasse-067');
    expect(await code(c.citizenMessage.getCitizenMessageDocument(env.ctxFor('akasse-067'), citizen.cpr, crypto.randomUUID()))).toBe(8103);
    expect(await code(c.citizenMessage.getCitizenMessageDocument(env.ctxFor('akasse-067'), citizen.cpr, 'not-a-guid'))).toBe(4589);
  });
});

describe('GetCitizenMessages', () => {
  it('ChangedSince leaves out older messages', async () => {
    const { citizen } = member(3);
    const c = env.clientsFor('akasse-067');
    const ctx = env.ctxFor('akasse-067');
    const first = await c.citizenMessage.createMessage(ctx, recommendation(citizen, { contextType: 1, channel: 1, to: null, subject: 'Første' }));
    const list = await c.citizenMessage.getCitizenMessages(ctx, citizen.cpr);
    const created = list.find((m) => m.id === first.messageId)!.createdAt;
    const later = new Date(Date.parse(created) + 1000).toISOString();
    expect((await c.citizenMessage.getCitizenMessages(ctx, citizen.cpr, later)).some((m) => m.id === first.messageId)).toBe(false);
    expect((await c.citizenMessage.getCitizenMessages(ctx, citizen.cpr, new Date(Date.parse(created) - 60_000).toISOString())).some((m) => m.id === first.messageId)).toBe(true);
  });
});
