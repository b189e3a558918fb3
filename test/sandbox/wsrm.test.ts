// Notifications: WSRM pull (offered again until TerminateSequence; CloseSequence keeps them), the
// events each change raises, persistence across a restart, and the WSB-style webhook with its
// retry schedule.

import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Clock } from '../../sandbox/dates';
import { Journal } from '../../sandbox/journal';
import { Notifier, retryDelaySeconds } from '../../sandbox/notify';
import { orgById } from '../../sandbox/orgs';
import { generatePopulation } from '../../sandbox/population';
import { wsrmMessageService, wsrmService } from '../../sandbox/services/wsrm';
import type { SoapCtx } from '../../sandbox/soap';
import { SandboxState } from '../../sandbox/state';
import { kid, kids, org, rest, soap, startTestSandbox, tempDir, text, x, type TestSandbox } from './helpers';

let t: TestSandbox;

beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(async () => {
  await t?.close();
});

async function createSequence(orgId: string, sb = t.sb) {
  const r = await soap(sb, orgId, 'WsrmService', 'CreateSequence', '', { headers: { userType: 3 } });
  expect(r.fault).toBeNull();
  return {
    id: text(r.body, 'SequenceIdentifier'),
    messages: kids(kid(r.body, 'Messages'), 'Message').map((m) => ({ id: text(m, 'MessageIdentifier'), method: text(m, 'MethodName') })),
  };
}

const seqOp = (orgId: string, service: string, op: string, id: string, sb = t.sb) => soap(sb, orgId, service, op, x('SequenceIdentifier', id), { headers: { userType: 3 } });

async function drain(orgId: string) {
  const s = await createSequence(orgId);
  await seqOp(orgId, 'WsrmService', 'TerminateSequence', s.id);
}

/** A KG1, registered citizen of akasse-067 attached to jobcenter-10100 (absence notifies both). */
function kg1() {
  const c = org(t.sample, 'akasse-067').visible.find((v) => v.contactGroup === 1 && v.registrationCategory !== null && v.jobcenterCode === '10100');
  if (!c) throw new Error('no citizen');
  return c;
}

function absence(cpr: string, orgId = 'jobcenter-10100') {
  return rest(t.sb, orgId, 'POST', `/v1/Fravaer/${crypto.randomUUID()}`, {
    cpr,
    body: { fravaerType: 10, startDato: '2026-07-01T00:00:00', slutDato: '2026-07-14T00:00:00', anmeldelsesDato: '2026-05-04T00:00:00' },
  });
}

describe('WSRM pull', () => {
  it('offers a message again until TerminateSequence; CloseSequence keeps it', async () => {
    await drain('akasse-067');
    const c = kg1();
    const created = await absence(c.cpr);
    expect(created.status).toBe(201);
    const absenceId = created.json<{ fravaerIdentifier: string }>().fravaerIdentifier;

    const s1 = await createSequence('akasse-067');
    expect(s1.messages.map((m) => m.method)).toEqual(['GetAbsenceVersion1']);
    const items = await seqOp('akasse-067', 'WsrmMessageService', 'GetAbsenceVersion1', s1.id);
    const item = kid(kid(items.body, 'Items'), 'Item');
    expect(text(item, 'MessageIdentifier')).toBe(s1.messages[0]?.id);
    expect(text(item, 'PersonCivilRegistrationIdentifier')).toBe(c.cpr);
    expect(text(item, 'AbsenceIdentifier')).toBe(absenceId);
    expect(text(item, 'AbsenceTypeIdentifier')).toBe('10');
    expect(text(item, 'ChangeType')).toBe('1');
    expect(text(item, 'WSRMMetadata', 'ClientSystemTypeIdentifier')).toBe('30');
    expect(text(item, 'WSRMMetadata', 'RegisteringAuthority', 'OrganisationCode')).toBe('10100');
    expect(text(item, 'WSRMMetadata', 'RegisteringUser', 'UserFullName')).toBe('Søren Østergaard');
    // Items of another kind in the same sequence: none.
    const none = await seqOp('akasse-067', 'WsrmMessageService', 'GetCitizenMessageVersion1', s1.id);
    expect(kids(kid(none.body, 'Items'), 'Item')).toHaveLength(0);

    // Not terminated: offered again.
    const s2 = await createSequence('akasse-067');
    expect(s2.messages.map((m) => m.id)).toEqual(s1.messages.map((m) => m.id));
    // Closed: still offered again.
    expect((await seqOp('akasse-067', 'WsrmService', 'CloseSequence', s2.id)).fault).toBeNull();
    expect((await seqOp('akasse-067', 'WsrmService', 'CloseSequence', s2.id)).fault?.code).toBe(1014);
    const s3 = await createSequence('akasse-067');
    expect(s3.messages.map((m) => m.id)).toEqual(s1.messages.map((m) => m.id));
    // Terminated: gone; the sequence is unknown afterwards.
    expect((await seqOp('akasse-067', 'WsrmService', 'TerminateSequence', s3.id)).fault).toBeNull();
    expect((await createSequence('akasse-067')).messages).toHaveLength(0);
    expect((await seqOp('akasse-067', 'WsrmMessageService', 'GetAbsenceVersion1', s3.id)).fault?.code).toBe(1014);
    // The jobcenter got its own copy, still waiting.
    const jc = await createSequence('jobcenter-10100');
    expect(jc.messages.some((m) => m.method === 'GetAbsenceVersion1')).toBe(true);
  });

  it('keeps sequences to their organisation and answers unknown ones with 1014', async () => {
    const s = await createSequence('akasse-067');
    expect((await seqOp('akasse-084', 'WsrmMessageService', 'GetAbsenceVersion1', s.id)).fault?.code).toBe(1014);
    expect((await seqOp('akasse-084', 'WsrmService', 'TerminateSequence', s.id)).fault?.code).toBe(1014);
    expect((await seqOp('akasse-067', 'WsrmService', 'TerminateSequence', crypto.randomUUID())).fault?.code).toBe(1014);
    expect((await seqOp('akasse-067', 'WsrmMessageService', 'GetNothingVersion9', s.id)).fault?.code).toBe(1014);
  });

  it('raises the documented events: channel-4 message to the receiver, absence to both parties (KG1 registered only), membership change to old and new a-kasse', async () => {
    await drain('akasse-067');
    await drain('akasse-084');
    await drain('jobcenter-10100');
    const c = kg1();
    // Not registered: no absence notification.
    const unregistered = org(t.sample, 'akasse-067').visible.find((v) => v.contactGroup === 1 && v.registrationCategory === null && v.jobcenterCode === '10100');
    expect((await absence(unregistered?.cpr ?? '')).status).toBe(201);
    expect((await createSequence('akasse-067')).messages).toHaveLength(0);

    // A channel-4 message goes to its ToOrganisation only.
    const cert = t.sb.certs.orgs['akasse-067'];
    const sent = await soap(
      t.sb,
      'akasse-067',
      'CitizenMessageService',
      'CreateMessage',
      [
        x('FromUser', [x('UserTypeIdentifier', 2), x('UserIdentifier', cert?.rid ?? ''), x('FullName', cert?.caseworkerName ?? ''), x('OrganisationTypeIdentifier', 2), x('OrganisationCode', '067')]),
        x('PersonCivilRegistrationIdentifier', c.cpr),
        x('ToOrganisation', [x('OrganisationTypeIdentifier', 8), x('OrganisationCode', '10100')]),
        x('CitizenMessageChannelTypeIdentifier', 4),
        x('CitizenMessageContextTypeIdentifier', 11),
        x('Subject', 'A-kassens indstilling til jobcentret om tilbud'),
        x('Body', 'Praktik i 6 uger.'),
        x('AllowReply', true),
      ].join(''),
    );
    const messageId = text(sent.body, 'CitizenMessageIdentifier');
    expect((await createSequence('akasse-067')).messages).toHaveLength(0);
    const jcSeq = await createSequence('jobcenter-10100');
    expect(jcSeq.messages.map((m) => m.method)).toEqual(['GetCitizenMessageVersion1']);
    const msgItem = kid(kid((await seqOp('jobcenter-10100', 'WsrmMessageService', 'GetCitizenMessageVersion1', jcSeq.id)).body, 'Items'), 'Item');
    expect(text(msgItem, 'CitizenMessageIdentifier')).toBe(messageId);
    expect(text(msgItem, 'CitizenMessageContextTypeIdentifier')).toBe('11');
    expect(kids(msgItem, 'ResponseToMessageIdentifier')).toHaveLength(0);
    expect(text(msgItem, 'WSRMMetadata', 'RegisteringUser', 'UserFullName')).toBe('Mette Sørensen');
    await seqOp('jobcenter-10100', 'WsrmService', 'TerminateSequence', jcSeq.id);

    await t.admin.patchCitizen(c.cpr, { akasseCode: '084' });
    const old = await createSequence('akasse-067');
    const neu = await createSequence('akasse-084');
    expect(old.messages.map((m) => m.method)).toEqual(['GetPersonUnemploymentFundSaveMembershipVersion5']);
    expect(neu.messages.map((m) => m.method)).toEqual(['GetPersonUnemploymentFundSaveMembershipVersion5']);
    const item = kid(kid((await seqOp('akasse-084', 'WsrmMessageService', 'GetPersonUnemploymentFundSaveMembershipVersion5', neu.id)).body, 'Items'), 'Item');
    expect(text(item, 'UnemploymentFundCode')).toBe('084');
    expect(text(item, 'PreviousUnemploymentFundCode')).toBe('067');
    expect(text(item, 'MembershipStartDate')).toBe('2026-05-04');
    await t.admin.patchCitizen(c.cpr, { akasseCode: '067' });
  });

  it('raises synthetic notifications on the admin endpoint: a kind no client knows, and seed 001\'s unvalidatable message failing only its own kind', async () => {
    await drain('jobcenter-10101');
    const recs = await t.admin.raiseNotifications({ org: 'jobcenter-10101', count: 3 });
    expect(recs.messageIdentifiers).toHaveLength(3);
    const unknown = await t.admin.raiseNotifications({ org: 'jobcenter-10101', count: 1, method: 'GetLokationVersion1' });
    expect(unknown.known).toBe(false);
    await t.admin.raiseNotifications({ org: 'jobcenter-10101', count: 1, method: 'GetIndkaldelseVersion1', invalid: true });
    const s = await createSequence('jobcenter-10101');
    expect(s.messages.map((m) => m.method)).toEqual(['GetCitizenMessageVersion1', 'GetCitizenMessageVersion1', 'GetCitizenMessageVersion1', 'GetLokationVersion1', 'GetIndkaldelseVersion1']);
    const items = kids(kid((await seqOp('jobcenter-10101', 'WsrmMessageService', 'GetCitizenMessageVersion1', s.id)).body, 'Items'), 'Item');
    expect(items.map((i) => text(i, 'MessageIdentifier'))).toEqual(recs.messageIdentifiers);
    expect(items.map((i) => text(i, 'CitizenMessageContextTypeIdentifier'))).toEqual(['11', '11', '11']);
    expect((await seqOp('jobcenter-10101', 'WsrmMessageService', 'GetIndkaldelseVersion1', s.id)).fault?.code).toBe(1014);
    expect((await seqOp('jobcenter-10101', 'WsrmMessageService', 'GetLokationVersion1', s.id)).fault?.code).toBe(1014);
    await seqOp('jobcenter-10101', 'WsrmService', 'TerminateSequence', s.id);
    expect((await createSequence('jobcenter-10101')).messages).toHaveLength(0);
    await expect(t.admin.raiseNotifications({ org: 'admin', count: 1 })).rejects.toThrow(/org must be/);
    await expect(t.admin.raiseNotifications({ org: 'jobcenter-10101', count: 0 })).rejects.toThrow(/count must be/);
  });

  it('survives a restart: unacknowledged messages are kept, acknowledged ones do not come back', async () => {
    const dir = tempDir('wsrm-restart');
    const a = await startTestSandbox({ dataDir: dir });
    const c = org(a.sample, 'akasse-067').visible.find((v) => v.contactGroup === 1 && v.registrationCategory !== null);
    const post = () =>
      rest(a.sb, 'jobcenter-' + (c?.jobcenterCode ?? ''), 'POST', `/v1/Fravaer/${crypto.randomUUID()}`, {
        cpr: c?.cpr,
        body: { fravaerType: 10, startDato: '2026-07-01T00:00:00', anmeldelsesDato: '2026-05-04T00:00:00' },
      });
    expect((await post()).status).toBe(201);
    const first = await createSequence('akasse-067', a.sb);
    await seqOp('akasse-067', 'WsrmService', 'TerminateSequence', first.id, a.sb);
    expect((await post()).status).toBe(201);
    const pending = await createSequence('akasse-067', a.sb);
    expect(pending.messages).toHaveLength(1);
    await a.sb.close();
    const b = await startTestSandbox({ dataDir: dir });
    try {
      const again = await createSequence('akasse-067', b.sb);
      expect(again.messages.map((m) => m.id)).toEqual(pending.messages.map((m) => m.id));
    } finally {
      await b.close();
    }
  });
});

describe('WSRM limits (in-process)', () => {
  it('offers at most 500 messages per sequence, oldest first, and closes a sequence after 10 minutes', () => {
    const dir = tempDir('wsrm-unit');
    const journal = new Journal(dir);
    journal.start({ e: 'meta', v: 1, seed: 1, citizens: 50, baseDate: '2026-05-04' });
    const state = new SandboxState(generatePopulation({ seed: 1, citizens: 50, baseDate: '2026-05-04' }), journal);
    const clock = new Clock('2026-05-04');
    const notifier = new Notifier(state, clock, {});
    const cpr = state.pop.citizens[0]?.cpr ?? '';
    for (let i = 0; i < 501; i++)
      notifier.raise([orgById('akasse-067')], {
        method: 'GetIndkaldelseVersion1',
        cpr,
        changeType: 1,
        registeringAuthority: { orgTypeId: 8, code: '10100' },
        registeringUser: { fullName: 'X', userIdentifier: 'Y' },
        entityId: null,
        extras: [['IndkaldelseIdentifier', String(i)]],
      });
    const caller = { org: orgById('akasse-067') ?? (undefined as never), caseworkerName: 'X', rid: 'Y' };
    const ctx = (body: Record<string, string>): SoapCtx => ({ env: { state, clock, notifier }, caller, header: {} as SoapCtx['header'], body, service: 'WsrmService', op: '' });
    vi.useFakeTimers();
    try {
      vi.setSystemTime(new Date('2026-05-04T10:00:00Z'));
      const created = wsrmService.ops.CreateSequence?.handle(ctx({})) ?? [];
      const seqId = String(created[0]?.content);
      const list = created[1]?.content as { content: { content: string }[] }[];
      expect(list).toHaveLength(500);
      const getItems = wsrmMessageService.ops.GetIndkaldelseVersion1;
      const items = getItems?.handle(ctx({ SequenceIdentifier: seqId })) ?? [];
      const firstItem = (items[0]?.content as { content: unknown }[])[0];
      expect(JSON.stringify(firstItem)).toContain('"IndkaldelseIdentifier","content":"0"');
      vi.setSystemTime(new Date('2026-05-04T10:10:01Z'));
      expect(() => getItems?.handle(ctx({ SequenceIdentifier: seqId }))).toThrow(/1014/);
    } finally {
      vi.useRealTimers();
      notifier.close();
      journal.close();
    }
  });
});

describe('WSB webhook', () => {
  it('retries after 1, 3, 7 … units (2^n − 1, capped at 3 h) and keeps order per citizen', async () => {
    expect([1, 2, 3, 4, 5].map(retryDelaySeconds)).toEqual([1, 3, 7, 15, 31]);
    expect(retryDelaySeconds(20)).toBe(10_800);

    const received: { at: number; body: Record<string, unknown>; status: number }[] = [];
    let failuresLeft = 2;
    const hook = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        const toAkasse = (body.Modtager as { organisationskode: string }).organisationskode === '084';
        const status = toAkasse && failuresLeft-- > 0 ? 503 : 200;
        received.push({ at: Date.now(), body, status });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    const port = (hook.address() as AddressInfo).port;
    const w = await startTestSandbox({ webhookUrl: `http://127.0.0.1:${port}/wsb`, webhookRetryUnitMs: 100 });
    try {
      const c = org(w.sample, 'akasse-084').visible.find((v) => v.contactGroup === 1 && v.registrationCategory !== null);
      const jc = `jobcenter-${c?.jobcenterCode}`;
      const body = { fravaerType: 10, startDato: '2026-07-01T00:00:00', anmeldelsesDato: '2026-05-04T00:00:00' };
      const a1 = await rest(w.sb, jc, 'POST', `/v1/Fravaer/${crypto.randomUUID()}`, { cpr: c?.cpr, body });
      const a2 = await rest(w.sb, jc, 'POST', `/v1/Fravaer/${crypto.randomUUID()}`, { cpr: c?.cpr, body });
      const id1 = a1.json<{ fravaerIdentifier: string }>().fravaerIdentifier;
      const id2 = a2.json<{ fravaerIdentifier: string }>().fravaerIdentifier;
      await vi.waitFor(
        async () => {
          const s = await w.admin.stats();
          expect(s.webhook.pending).toBe(0);
        },
        { timeout: 5000, interval: 50 },
      );
      const toAkasse = received.filter((r) => (r.body.Modtager as { organisationskode: string }).organisationskode === '084');
      // First delivery to the a-kasse failed twice: same event three times, 100 ms then 300 ms apart.
      expect(toAkasse.slice(0, 3).map((r) => r.body.EksternIdentifier)).toEqual([id1, id1, id1]);
      expect(toAkasse.slice(0, 3).map((r) => r.status)).toEqual([503, 503, 200]);
      expect((toAkasse[1]?.at ?? 0) - (toAkasse[0]?.at ?? 0)).toBeGreaterThanOrEqual(90);
      expect((toAkasse[2]?.at ?? 0) - (toAkasse[1]?.at ?? 0)).toBeGreaterThanOrEqual(290);
      // The second event for the same citizen waited until the first got through.
      expect(toAkasse[3]?.body.EksternIdentifier).toBe(id2);
      expect(toAkasse[3]?.at ?? 0).toBeGreaterThanOrEqual(toAkasse[2]?.at ?? Infinity);
      expect(toAkasse[0]?.body).toMatchObject({ EntitetNavn: 'Fravaer', IdentifikationstypeId: 1, Identifikation: c?.cpr, Aendringstype: 1, WsrmMetode: 'GetAbsenceVersion1' });
      const s = await w.admin.stats();
      expect(s.webhook.failedAttempts).toBe(2);
      expect(s.webhook.delivered).toBe(received.filter((r) => r.status === 200).length);
    } finally {
      await w.close();
      hook.close();
    }
  });
});
