// Exactly once under a wider fault model (issue 15, items 1-5), each scenario against the real
// sandbox over mutual TLS, through the real handlers and drain: a message whose text the SOAP layer
// changes on the way, an answer the client cannot read, a colleague's identical text, a cancel while
// the send is uncertain, and a request DFDG applies after the client has given up. Each scenario
// counts at the sandbox what the caseworker cares about: messages lost (shown as sent, never at DFDG)
// and messages doubled (at DFDG more than once), by our own sender and by the command's x-requestId,
// and prints one line `[exactly-once] <scenario>: lost L, doubled D` for the closing figures.

import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core, type CoreOptions } from '../../../main/core/app';
import { createDfdgClients, identityFromTls } from '../../../main/core/dfdg';
import type { TlsConfig } from '../../../main/core/dfdg/types';
import { addDays, toCopenhagenDateTime, todayIso } from '../../../shared/dates';
import type { CitizenMessage } from '../../../shared/domain';
import { configFor, identityFor, withSandbox } from '../../contract/helpers';

const ORG = 'akasse-067';
/** The writes the fault storm (scenario 6) hits: messages, absences and the meeting commands. */
const STORM_WRITES = [
  'CitizenMessageService.CreateMessage',
  'FravaerService.CreateFravaerMedIdentifier',
  'IndkaldelseService.CreateIndkaldelse',
  'IndkaldelseService.UpdateIndkaldelse',
  'IndkaldelseService.DeleteIndkaldelse',
];
const env = withSandbox({ citizens: 300, seed: 11 });

let core: Core | null = null;
let dir: string | null = null;
afterEach(async () => {
  await env.admin.clearFaults();
  await core?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  core = null;
  dir = null;
});

/** A core acting as the a-kasse against the sandbox; `timeoutMs`: the client's timeout (2 s: the sandbox answers in milliseconds), which is also the read-back window. */
async function startCore(o: { timeoutMs?: number; engine?: CoreOptions['engine']; org?: string } = {}): Promise<Core> {
  const org = o.org ?? ORG;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfdg-exactly-once-'));
  core = await createCore({
    dataDir: dir,
    dbKey: randomBytes(32),
    settings: null,
    dfdg: configFor(env.sb, org, { timeoutMs: o.timeoutMs ?? 2_000 }),
    identity: identityFor(env.sb, org),
    mode: 'sandbox',
    retention: false,
    pollIntervalMs: 3_600_000,
    engine: { baseDelayMs: 20, maxDelayMs: 200, settleMs: 50, ...o.engine },
  });
  return core;
}

/** The n-th citizen the a-kasse may see (one per scenario, so their messages never meet). */
const citizen = (n: number) => {
  const c = env.visible(ORG)[n];
  if (!c) throw new Error(`the sample has no citizen ${n} for ${ORG}`);
  return c;
};

/** The caseworker writes and sends a message (drafts.create → save → submit). */
async function send(c: Core, cpr: string, subject: string, body: string): Promise<string> {
  const h = c.handlers;
  await h['citizens.open']({ cpr, purpose: 'citizen-page' });
  const d = await h['drafts.create']({ cpr });
  await h['drafts.save']({ id: d.id, patch: { subject, body } });
  return (await h['drafts.submit']({ id: d.id })).commandId;
}

async function messagesAtDfdg(cpr: string): Promise<CitizenMessage[]> {
  return env.clientsFor(ORG).citizenMessage.getCitizenMessages(env.ctxFor(ORG), cpr);
}

/**
 * What reached DFDG of one command, as the caseworker would judge it: lost = the outbox says sent and
 * DFDG has none from us; doubled = DFDG has it more than once from us (by our user and subject), or
 * one of its x-requestIds was applied twice.
 */
async function tally(scenario: string, c: Core, commandId: string, cpr: string, subject: string, requestIds: string[]) {
  const me = identityFor(env.sb, ORG).caseworker.userIdentifier;
  const ours = (await messagesAtDfdg(cpr)).filter((m) => m.subject === subject && m.from.userIdentifier === me).length;
  let sameIdTwice = 0;
  for (const id of new Set([...requestIds, c.outbox.get(commandId)!.requestId])) if ((await env.admin.appliedRequest(ORG, id)) > 1) sameIdTwice++;
  const state = c.outbox.get(commandId)!.state;
  const lost = state === 'sent' && ours === 0 ? 1 : 0;
  const doubled = Math.max(ours - 1, sameIdTwice > 0 ? 1 : 0, 0);
  console.log(`[exactly-once] ${scenario}: lost ${lost}, doubled ${doubled} (state ${state}, at DFDG ${ours})`);
  return { lost, doubled, state, ours };
}

/** What a caseworker does with a command the outbox shows as refused: corrects nothing, sends it again. */
async function resendIfRejected(c: Core, id: string): Promise<void> {
  const r = c.outbox.get(id)!;
  if (r.state !== 'rejected') return;
  const p = (await c.handlers['outbox.get']({ id })).message!;
  await c.handlers['outbox.resubmit']({ id, message: p });
  await c.engine.whenDrained(20_000);
}

describe('exactly once against the sandbox', () => {
  it('1. a message with a character XML cannot carry (Word’s vertical tab) whose answer is lost is read back as sent, not sent twice', { timeout: 60_000 }, async () => {
    const c = await startCore();
    const cpr = citizen(0).cpr;
    const subject = `Lodret tabulator ${randomUUID().slice(0, 8)}`;
    await env.admin.setFaults({ operations: ['CitizenMessageService.CreateMessage'], rateDrop: 1, count: 1 });
    const id = await send(c, cpr, subject, 'Første linje\u000BAnden linje fra Word: vi indstiller til virksomhedspraktik.');
    const requestId = c.outbox.get(id)!.requestId;
    c.start();
    await c.engine.whenDrained(20_000);
    const t = await tally('vertical tab, answer dropped', c, id, cpr, subject, [requestId]);
    expect(t).toMatchObject({ lost: 0, doubled: 0, state: 'sent', ours: 1 });
    // What the outbox holds is what DFDG holds: the text as it went on the wire.
    const atDfdg = (await messagesAtDfdg(cpr)).find((m) => m.subject === subject)!;
    expect(atDfdg.body).toBe('Første linjeAnden linje fra Word: vi indstiller til virksomhedspraktik.');
    expect((c.outbox.get(id)!.command!.payload as { body: string }).body).toBe(atDfdg.body);
  });

  it('2. an answer the client cannot read (a 200 cut in half) is uncertain: read back, never rejected, sent once', { timeout: 60_000 }, async () => {
    const c = await startCore();
    const cpr = citizen(1).cpr;
    const subject = `Ulæseligt svar ${randomUUID().slice(0, 8)}`;
    await env.admin.setFaults({ operations: ['CitizenMessageService.CreateMessage'], rateGarbage: 1, count: 1 });
    const id = await send(c, cpr, subject, 'Vi indstiller til virksomhedspraktik i seks uger.');
    const requestId = c.outbox.get(id)!.requestId;
    c.start();
    await c.engine.whenDrained(20_000);
    const first = c.outbox.get(id)!;
    // Shown as refused, the caseworker would send it again (a new x-requestId): DFDG would hold two.
    await resendIfRejected(c, id);
    const t = await tally('unreadable 200', c, id, cpr, subject, [requestId]);
    expect(first.state).toBe('sent');
    expect(t).toMatchObject({ lost: 0, doubled: 0, state: 'sent', ours: 1 });
  });

  it('3. a colleague’s identical standard text (last month, and a minute ago) is not taken for ours: ours is actually sent', { timeout: 60_000 }, async () => {
    const c = await startCore();
    const cpr = citizen(2).cpr;
    const subject = 'Indstilling om tilbud';
    const body = 'Standardtekst: vi indstiller borgeren til virksomhedspraktik i seks uger.';
    // A colleague in the same a-kasse (her own certificate, her own user identifier) sends the same standard text.
    const cw = env.sb.certs.caseworkers.find((x) => x.orgId === ORG);
    if (!cw) throw new Error('the sandbox has no caseworker certificates');
    const tls: TlsConfig = { kind: 'pem', ca: env.sb.certs.caPem, cert: cw.certPem, key: cw.keyPem };
    const colleague = createDfdgClients({ baseUrl: env.sb.url, tls, timeoutMs: 10_000 });
    const input = { cpr, contextType: 11, channel: 4, subject, body, allowReply: true, responseToId: null, to: { organisationType: 8, organisationCode: citizen(2).jobcenterCode }, documents: [] };
    try {
      const ctx = { identity: identityFromTls(tls) };
      await env.admin.setToday(addDays(todayIso(new Date()), -30)!);
      await colleague.citizenMessage.createMessage(ctx, input);
      await env.admin.setToday(null);
      await colleague.citizenMessage.createMessage(ctx, input);
    } finally {
      await env.admin.setToday(null);
      colleague.close();
    }
    // Our first try is cut off before DFDG reads it: uncertain, so it is read back.
    await env.admin.setFaults({ operations: ['CitizenMessageService.CreateMessage'], rateReset: 1, count: 1 });
    const id = await send(c, cpr, subject, body);
    const requestId = c.outbox.get(id)!.requestId;
    c.start();
    await c.engine.whenDrained(30_000);
    const t = await tally('colleague’s identical text', c, id, cpr, subject, [requestId]);
    expect(t).toMatchObject({ lost: 0, doubled: 0, state: 'sent', ours: 1 });
    // The receipt is our own message, not the colleague's.
    const receipt = c.outbox.get(id)!.receipt!.entityId;
    const mine = (await messagesAtDfdg(cpr)).find((m) => m.id === receipt)!;
    expect(mine.from.userIdentifier).toBe(identityFor(env.sb, ORG).caseworker.userIdentifier);
  });

  it('4. a cancel while the send is uncertain is refused (the draft would come back and be sent twice); the message is sent once', { timeout: 60_000 }, async () => {
    // The read-back waits 1.5 s after the lost answer: time for the caseworker to press Annullér.
    const c = await startCore({ engine: { settleMs: 1_500 } });
    const cpr = citizen(3).cpr;
    const subject = `Annulleret midt i ${randomUUID().slice(0, 8)}`;
    const body = 'Vi indstiller til virksomhedspraktik i fire uger.';
    await env.admin.setFaults({ operations: ['CitizenMessageService.CreateMessage'], rateDrop: 1, count: 1 });
    const id = await send(c, cpr, subject, body);
    const requestId = c.outbox.get(id)!.requestId;
    c.start();
    const until = Date.now() + 10_000;
    while (!c.outbox.get(id)!.uncertain && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    expect(c.outbox.get(id)).toMatchObject({ state: 'failed', uncertain: true });
    const refused = await c.handlers['outbox.cancel']({ id }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    if (!refused) {
      // What the caseworker does with the message given back as a draft: sends it again.
      const draft = (await c.handlers['drafts.list']({ cpr })).drafts.find((d) => d.subject === subject);
      if (draft) await c.handlers['drafts.submit']({ id: draft.id });
    }
    await c.engine.whenDrained(20_000);
    const t = await tally('cancel while uncertain', c, id, cpr, subject, [requestId]);
    expect(refused?.message).toMatch(/vi undersøger, om DFDG har modtaget den/);
    expect(t).toMatchObject({ lost: 0, doubled: 0, state: 'sent', ours: 1 });
  });

  it('5. a request DFDG applies 2.5 s after the client’s timeout is read back within the window, not sent again', { timeout: 60_000 }, async () => {
    // A 3 s client timeout (15 s in the app) keeps the scenario short; the read-back window follows it.
    const timeoutMs = 3_000;
    const lateMs = 2_500;
    const c = await startCore({ timeoutMs });
    const cpr = citizen(4).cpr;
    const subject = `Sent anvendt ${randomUUID().slice(0, 8)}`;
    await env.admin.setFaults({ operations: ['CitizenMessageService.CreateMessage'], rateLate: 1, lateApplyMs: lateMs, count: 1 });
    const id = await send(c, cpr, subject, 'Vi indstiller til virksomhedspraktik i otte uger.');
    const requestId = c.outbox.get(id)!.requestId;
    const started = Date.now();
    c.start();
    await c.engine.whenDrained(30_000);
    // Real time on purpose: whatever the outbox did, DFDG's late apply lands timeout + 2.5 s after the send.
    const lands = started + timeoutMs + lateMs + 500;
    if (Date.now() < lands) await new Promise((r) => setTimeout(r, lands - Date.now()));
    const t = await tally('late apply after the client’s timeout', c, id, cpr, subject, [requestId]);
    expect(t).toMatchObject({ lost: 0, doubled: 0, state: 'sent', ours: 1 });
    expect((await env.admin.stats()).operations['CitizenMessageService.CreateMessage']?.abandoned).toBeGreaterThanOrEqual(1);
  });

  it('6. a storm of every fault at once (503, resets, dropped and unreadable answers, late applies) over messages, absences and meeting invitations: each once', { timeout: 60_000 }, async () => {
    const c = await startCore({ timeoutMs: 1_000 });
    const cs = [5, 6, 7, 8].map(citizen);
    const ids: { id: string; kind: 'message' | 'absence' | 'meeting'; cpr: string; subject: string }[] = [];
    const meetingIds: string[] = [];
    for (const [n, x] of cs.entries()) {
      await c.handlers['citizens.open']({ cpr: x.cpr, purpose: 'citizen-page' });
      for (let i = 0; i < 3; i++) {
        const subject = `Storm ${n}-${i} ${randomUUID().slice(0, 8)}`;
        ids.push({ id: await send(c, x.cpr, subject, `Vi indstiller til virksomhedspraktik (${subject}).`), kind: 'message', cpr: x.cpr, subject });
      }
      const day = addDays(env.today, 60 + n)!;
      const { commandId } = await c.handlers['absences.create']({ cpr: x.cpr, input: { type: 10, start: day, end: day, comment: null, notificationDate: env.today, endReason: null } });
      ids.push({ id: commandId, kind: 'absence', cpr: x.cpr, subject: '' });
      // An a-kasse interview (Rådighedssamtale by phone), then its rebooking, and for one citizen its cancel.
      const meetingDay = addDays(env.today, 30 + n)!;
      const meetingInput = {
        interviewType: 15,
        start: `${meetingDay}T10:00`,
        end: `${meetingDay}T10:30`,
        form: 2,
        location: null,
        locationDetail: null,
        digitalLink: null,
        rebookingPossible: false,
        rebookingDeadline: null,
        cancelPossible: false,
        cancelDeadline: null,
        participants: [],
      };
      const booked = await c.handlers['meetings.create']({ cpr: x.cpr, input: meetingInput });
      meetingIds.push(booked.meeting.id);
      ids.push({ id: booked.commandId, kind: 'meeting', cpr: x.cpr, subject: '' });
      const moved = await c.handlers['meetings.update']({ cpr: x.cpr, meetingId: booked.meeting.id, input: { ...meetingInput, start: `${meetingDay}T13:00`, end: `${meetingDay}T13:30` } });
      ids.push({ id: moved.commandId, kind: 'meeting', cpr: x.cpr, subject: '' });
      if (n === 3) ids.push({ id: (await c.handlers['meetings.cancel']({ cpr: x.cpr, meetingId: booked.meeting.id })).commandId, kind: 'meeting', cpr: x.cpr, subject: '' });
    }
    const before = await env.admin.stats();
    await env.admin.setFaults({
      operations: [...STORM_WRITES],
      rate503: 0.2,
      rateReset: 0.15,
      rateDrop: 0.15,
      rateGarbage: 0.1,
      rateLate: 0.1,
      lateApplyMs: 300,
      seed: 7,
    });
    c.start();
    await c.engine.whenDrained(45_000);
    await env.admin.clearFaults();
    // Real time on purpose: a late apply lands 300 ms after its client gave up.
    await new Promise((r) => setTimeout(r, 500));
    let lost = 0;
    let doubled = 0;
    for (const x of ids) {
      const rec = c.outbox.get(x.id)!;
      const applied = await env.admin.appliedRequest(ORG, rec.requestId);
      if (rec.state === 'sent' && applied === 0) lost++;
      if (applied > 1) doubled++;
    }
    const after = await env.admin.stats();
    doubled = Math.max(doubled, after.logical.duplicates - before.logical.duplicates);
    const faulted = STORM_WRITES.reduce((n, op) => n + (after.operations[op]?.faulted ?? 0) - (before.operations[op]?.faulted ?? 0), 0);
    console.log(`[exactly-once] fault storm (${ids.length} commands, ${faulted} writes faulted): lost ${lost}, doubled ${doubled}`);
    expect(faulted).toBeGreaterThan(3);
    expect(ids.map((x) => c.outbox.get(x.id)!.state)).toEqual(ids.map(() => 'sent'));
    expect({ lost, doubled }).toEqual({ lost: 0, doubled: 0 });
    // DFDG holds each invitation as it was last rebooked (13:00 Danish time), and the cancelled one not at all.
    const held = await Promise.all(cs.map(async (x) => (await env.clientsFor(ORG).indkaldelse.getIndkaldelser(env.ctxFor(ORG), x.cpr)).filter((m) => meetingIds.includes(m.id))));
    expect(held.map((ms) => ms.map((m) => toCopenhagenDateTime(m.start)?.slice(11)))).toEqual([['13:00'], ['13:00'], ['13:00'], []]);
  });

  it('7. the same text sent twice on purpose stays two, even when the second answer is lost', { timeout: 60_000 }, async () => {
    const c = await startCore();
    const cpr = citizen(9).cpr;
    const subject = `Med vilje to gange ${randomUUID().slice(0, 8)}`;
    const body = 'Påmindelse: husk samtalen på torsdag.';
    const first = await send(c, cpr, subject, body);
    c.start();
    await c.engine.whenDrained(20_000);
    await env.admin.setFaults({ operations: ['CitizenMessageService.CreateMessage'], rateDrop: 1, count: 1 });
    const second = await send(c, cpr, subject, body);
    await c.engine.whenDrained(20_000);
    const me = identityFor(env.sb, ORG).caseworker.userIdentifier;
    const atDfdg = (await messagesAtDfdg(cpr)).filter((m) => m.subject === subject && m.from.userIdentifier === me);
    const receipts = [first, second].map((id) => c.outbox.get(id)!.receipt?.entityId);
    const lost = 2 - new Set(receipts.filter((r) => atDfdg.some((m) => m.id === r))).size;
    const doubled = Math.max(0, atDfdg.length - 2);
    console.log(`[exactly-once] identical text twice on purpose, second answer dropped: lost ${lost}, doubled ${doubled} (at DFDG ${atDfdg.length})`);
    expect({ lost, doubled, atDfdg: atDfdg.length }).toEqual({ lost: 0, doubled: 0, atDfdg: 2 });
  });

  it('8. ending and moving activities in Min plan (jobcenter) under a storm of every fault: each change at DFDG once, none lost', { timeout: 60_000 }, async () => {
    const JC = 'jobcenter-10100';
    const c = await startCore({ timeoutMs: 1_000, org: JC });
    const ops = ['PersonActivityStatusService.EndActivity', 'PersonActivityStatusService.UpdateActivity'];
    const jc = env.clientsFor(JC);
    const changes: { id: string; cpr: string; activityId: string; want: { start?: string; end: string | null; endReason?: number } }[] = [];
    for (const [n, x] of env.visible(JC).slice(0, 6).entries()) {
      const activityId = randomUUID();
      const start = addDays(env.today, 30 + n)!;
      await jc.personActivityStatus.createActivity(env.ctxFor(JC), x.cpr, activityId, { name: `Storm ${n}`, activationType: 2, start, end: addDays(start, 60)!, hoursPerWeek: 37 });
      await c.handlers['citizens.open']({ cpr: x.cpr, purpose: 'citizen-page' });
      await c.handlers['plan.list']({ cpr: x.cpr });
      if (n % 2 === 0) {
        const end = addDays(start, 5)!;
        const r = await c.handlers['plan.endActivity']({ cpr: x.cpr, activityId, end, endReason: 1 });
        changes.push({ id: r.commandId, cpr: x.cpr, activityId, want: { end, endReason: 1 } });
      } else {
        const moved = addDays(start, 7)!;
        const r = await c.handlers['plan.updateActivity']({ cpr: x.cpr, activityId, start: moved, end: null });
        changes.push({ id: r.commandId, cpr: x.cpr, activityId, want: { start: moved, end: null } });
      }
    }
    const before = await env.admin.stats();
    await env.admin.setFaults({ operations: ops, rate503: 0.2, rateReset: 0.15, rateDrop: 0.2, rateGarbage: 0.1, rateLate: 0.1, lateApplyMs: 300, seed: 9 });
    c.start();
    await c.engine.whenDrained(45_000);
    await env.admin.clearFaults();
    await new Promise((r) => setTimeout(r, 500));
    const after = await env.admin.stats();
    let lost = 0;
    for (const x of changes) {
      const a = (await jc.personActivityStatus.getPersonActivityStatus(env.ctxFor(JC), x.cpr)).find((y) => y.id === x.activityId)!;
      const at = { ...(x.want.start ? { start: a.start } : {}), end: a.end, ...(x.want.endReason ? { endReason: a.endReason } : {}) };
      if (c.outbox.get(x.id)!.state === 'sent' && JSON.stringify(at) !== JSON.stringify(x.want)) lost++;
    }
    const doubled = after.logical.duplicates - before.logical.duplicates;
    const faulted = ops.reduce((n, op) => n + (after.operations[op]?.faulted ?? 0) - (before.operations[op]?.faulted ?? 0), 0);
    console.log(`[exactly-once] activity end/move storm (${changes.length} commands, ${faulted} writes faulted): lost ${lost}, doubled ${doubled}`);
    expect(faulted).toBeGreaterThan(1);
    expect(changes.map((x) => c.outbox.get(x.id)!.state)).toEqual(changes.map(() => 'sent'));
    expect({ lost, doubled }).toEqual({ lost: 0, doubled: 0 });
    // The optimistic rows are confirmed data now.
    for (const x of changes) expect(c.store.activities.get(x.activityId)).toMatchObject({ pendingCommandId: null, ...x.want });
  });
});
