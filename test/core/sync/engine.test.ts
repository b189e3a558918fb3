import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DfdgError } from '../../../main/core/dfdg/errors';
import type { DfdgClients } from '../../../main/core/dfdg/types';
import { TLS_EXPLANATION, outboxExplanation } from '../../../shared/dfdgErrors';
import { addCitizen, cprN, enqueueAbsence, enqueueMessage, makeRig, messagePayload, waitFor, type Rig } from './helpers';

let rig: Rig;
afterEach(async () => {
  await rig?.close();
});

describe('sync engine: drain', () => {
  it('sends queued commands once and turns the optimistic state into cached data', async () => {
    rig = makeRig();
    addCitizen(rig.fake, cprN(1));
    const absenceId = randomUUID();
    rig.store.absences.putPending({ id: absenceId, cpr: cprN(1), type: 10, start: '2026-12-01', end: '2026-12-05', comment: null, notificationDate: '2026-11-22', endReason: null, registeredBy: null }, 'x');
    const m = enqueueMessage(rig, cprN(1), 'Indstilling 1');
    const a = rig.store.transaction(() => {
      const rec = rig.outbox.enqueue({
        kind: 'absence.create',
        cpr: cprN(1),
        org: 'akasse:067',
        citizenName: null,
        summary: 'Fravær',
        payload: { cpr: cprN(1), absenceId, input: { type: 10, start: '2026-12-01', end: '2026-12-05', comment: null, notificationDate: '2026-11-22', endReason: null } },
      });
      rig.store.absences.putPending({ id: absenceId, cpr: cprN(1), type: 10, start: '2026-12-01', end: '2026-12-05', comment: null, notificationDate: '2026-11-22', endReason: null, registeredBy: null }, rec.id);
      return rec.id;
    });
    rig.engine.start();
    await rig.engine.whenDrained(5000);

    expect(rig.outbox.get(m)?.state).toBe('sent');
    expect(rig.outbox.get(a)?.state).toBe('sent');
    const sentMsg = rig.outbox.get(m)!;
    expect(rig.store.messages.get(sentMsg.receipt!.entityId!)?.subject).toBe('Indstilling 1');
    expect(rig.store.absences.list(cprN(1))).toMatchObject([{ id: absenceId, pendingCommandId: null }]);
    expect(rig.fake.messages).toHaveLength(1);
    expect(rig.fake.absences.size).toBe(1);
    expect(rig.engine.status()).toMatchObject({ pending: 0, failed: 0, rejected: 0, online: true });
    expect(rig.events).toContain('sync.progress');
  });

  it('keeps one citizen’s commands in order through failures, and runs citizens side by side within the bound', async () => {
    rig = makeRig({ concurrency: 3 });
    rig.fake.latencyMs = 5;
    for (let c = 0; c < 6; c++) addCitizen(rig.fake, cprN(c));
    for (let i = 0; i < 4; i++) for (let c = 0; c < 6; c++) enqueueMessage(rig, cprN(c), `Besked ${i}`);
    rig.fake.rates = { rate503: 0.3, rateReset: 0.1, rateDrop: 0.1 };
    let active = 0;
    let maxActive = 0;
    const clients = rig.fake.clients();
    const orig = clients.citizenMessage.createMessage;
    clients.citizenMessage.createMessage = async (ctx, input) => {
      active++;
      maxActive = Math.max(maxActive, active);
      try {
        return await orig(ctx, input);
      } finally {
        active--;
      }
    };
    await rig.restart({ clients: () => clients });
    rig.engine.start();
    await rig.engine.whenDrained(20_000);

    for (let c = 0; c < 6; c++) {
      const subjects = rig.fake.messages.filter((m) => m.cpr === cprN(c)).map((m) => m.subject);
      expect(subjects).toEqual(['Besked 0', 'Besked 1', 'Besked 2', 'Besked 3']);
    }
    expect(maxActive).toBeLessThanOrEqual(3);
    expect(maxActive).toBeGreaterThan(1);
    expect(rig.fake.logicalDuplicates()).toBe(0);
  });

  it('reads back after a dropped response and does not send the message again', async () => {
    rig = makeRig();
    addCitizen(rig.fake, cprN(2));
    rig.fake.queued = ['drop'];
    const id = enqueueMessage(rig, cprN(2), 'Kun én gang');
    rig.engine.start();
    await rig.engine.whenDrained(5000);
    expect(rig.fake.messages).toHaveLength(1);
    expect(rig.outbox.get(id)).toMatchObject({ state: 'sent', attempts: 1 });
    expect(rig.outbox.get(id)!.receipt!.entityId).toBe(rig.fake.messages[0]!.id);
    expect(rig.fake.calls.map((c) => c.op)).toEqual(['CitizenMessageService.CreateMessage', 'CitizenMessageService.GetCitizenMessages']);
  });

  it('sends again after a reset before processing, once the read-back shows nothing arrived', async () => {
    rig = makeRig();
    addCitizen(rig.fake, cprN(3));
    rig.fake.queued = ['reset'];
    const id = enqueueMessage(rig, cprN(3), 'Anden gang');
    rig.engine.start();
    await rig.engine.whenDrained(5000);
    expect(rig.fake.messages).toHaveLength(1);
    expect(rig.outbox.get(id)).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('keeps two identical messages sent on purpose as two (read-back skips messages claimed by other commands)', async () => {
    rig = makeRig();
    addCitizen(rig.fake, cprN(4));
    const first = enqueueMessage(rig, cprN(4), 'Samme tekst');
    rig.engine.start();
    await rig.engine.whenDrained(5000);
    rig.fake.queued = ['reset'];
    const second = enqueueMessage(rig, cprN(4), 'Samme tekst');
    rig.engine.kick();
    await rig.engine.whenDrained(5000);
    expect(rig.fake.messages).toHaveLength(2);
    expect(rig.outbox.get(first)!.receipt!.entityId).not.toBe(rig.outbox.get(second)!.receipt!.entityId);
  });

  it('reads back only the same caseworker’s messages created after the first try (less the clock-skew allowance): an old identical one of ours and a colleague’s are not taken', async () => {
    rig = makeRig();
    addCitizen(rig.fake, cprN(11));
    const p = messagePayload(cprN(11), 'Standardtekst');
    const same = { cpr: p.cpr, contextType: p.contextType, channel: p.channel, subject: p.subject, body: p.body, allowReply: p.allowReply, responseToId: null, to: p.to, documents: [] };
    const me = { userType: 2, userIdentifier: p.sender.userIdentifier, fullName: 'Anna Akasse', organisationType: 2, organisationCode: p.sender.organisationCode };
    // Our own identical text from six weeks ago (its receipt long gone) and a colleague's from a minute ago.
    rig.fake.messages.push(
      { ...same, id: randomUUID(), from: me, createdAt: new Date(Date.now() - 42 * 86_400_000).toISOString() },
      { ...same, id: randomUUID(), from: { ...me, userIdentifier: 'CVR:12345678-UUID:kollega', fullName: 'Kollega' }, createdAt: new Date(Date.now() - 60_000).toISOString() },
    );
    rig.fake.queued = ['reset'];
    const id = enqueueMessage(rig, cprN(11), 'Standardtekst');
    rig.engine.start();
    await rig.engine.whenDrained(5000);
    expect(rig.fake.messages).toHaveLength(3);
    const ours = rig.fake.messages[2]!;
    expect(rig.outbox.get(id)).toMatchObject({ state: 'sent', attempts: 2, receipt: { entityId: ours.id } });
  });

  it('on several matches takes the earliest one after the first try (not an older one beyond the clock-skew allowance)', async () => {
    rig = makeRig();
    addCitizen(rig.fake, cprN(12));
    const p = messagePayload(cprN(12), 'To gange samme tekst');
    const same = { cpr: p.cpr, contextType: p.contextType, channel: p.channel, subject: p.subject, body: p.body, allowReply: p.allowReply, responseToId: null, to: p.to, documents: [] };
    const me = { userType: 2, userIdentifier: p.sender.userIdentifier, fullName: 'Anna Akasse', organisationType: 2, organisationCode: p.sender.organisationCode };
    // The same caseworker's identical text from ten minutes ago (another machine), and one a little later than ours.
    const before = { ...same, id: randomUUID(), from: me, createdAt: new Date(Date.now() - 10 * 60_000).toISOString() };
    const later = { ...same, id: randomUUID(), from: me, createdAt: new Date(Date.now() + 60_000).toISOString() };
    rig.fake.messages.push(before, later);
    const id = enqueueMessage(rig, cprN(12), 'To gange samme tekst');
    rig.fake.queued = ['drop'];
    rig.engine.start();
    await rig.engine.whenDrained(5000);
    const ours = rig.fake.messages[2]!;
    expect(rig.outbox.get(id)).toMatchObject({ state: 'sent', attempts: 1, receipt: { entityId: ours.id } });
  });

  it('treats 412 on a replayed absence as applied after reading it back, and renews the x-requestId when it is not there', async () => {
    rig = makeRig();
    addCitizen(rig.fake, cprN(5));
    const applied = randomUUID();
    const notApplied = randomUUID();
    const id1 = enqueueAbsence(rig, cprN(5), applied);
    const id2 = enqueueAbsence(rig, cprN(5), notApplied);
    // DFDG already has the first (an earlier attempt whose answer was lost) and remembers both request ids.
    rig.fake.absences.set(applied, { id: applied, cpr: cprN(5), type: 10, start: '2026-12-01', end: '2026-12-05', comment: null, notificationDate: '2026-11-22', endReason: null, registeredBy: null });
    rig.fake.requestIds.add(rig.outbox.get(id1)!.requestId);
    const oldRequestId = rig.outbox.get(id2)!.requestId;
    rig.fake.requestIds.add(oldRequestId);
    rig.engine.start();
    await rig.engine.whenDrained(5000);
    expect(rig.outbox.get(id1)?.state).toBe('sent');
    expect(rig.outbox.get(id2)?.state).toBe('sent');
    expect(rig.outbox.get(id2)!.requestId).not.toBe(oldRequestId);
    expect(rig.fake.absences.has(notApplied)).toBe(true);
    expect(rig.fake.logicalDuplicates()).toBe(0);
  });

  it('marks a refused command rejected with DFDG’s code and goes on with the citizen’s next command', async () => {
    rig = makeRig();
    addCitizen(rig.fake, cprN(6));
    const bad = enqueueMessage(rig, cprN(6), 'Med HTML', { body: '<b>fed</b> tekst' });
    const good = enqueueMessage(rig, cprN(6), 'Uden HTML');
    rig.engine.start();
    await rig.engine.whenDrained(5000);
    expect(rig.outbox.get(bad)).toMatchObject({ state: 'rejected', error: { code: 4933, transient: false } });
    expect(rig.outbox.get(good)?.state).toBe('sent');
    expect(rig.engine.status().rejected).toBe(1);
  });

  it('sends a command only as the organisation that created it', async () => {
    rig = makeRig();
    addCitizen(rig.fake, cprN(11));
    const other = rig.store.transaction(
      () => rig.outbox.enqueue({ kind: 'message.create', cpr: cprN(11), org: 'jobcenter:10100', citizenName: null, summary: 'x', payload: messagePayload(cprN(11), 'Fra jobcentret') }).id,
    );
    const mine = enqueueMessage(rig, cprN(11), 'Fra a-kassen');
    rig.engine.start();
    await vi.waitFor(() => expect(rig.outbox.get(mine)?.state).toBe('sent'));
    expect(rig.outbox.get(other)?.state).toBe('queued');
    expect(rig.fake.messages.map((m) => m.subject)).toEqual(['Fra a-kassen']);
  });

  it('gives up after the attempt cap and shows it as rejected, not lost', async () => {
    rig = makeRig({ maxAttempts: 3 });
    addCitizen(rig.fake, cprN(7));
    rig.fake.rates.rate503 = 1;
    const id = enqueueMessage(rig, cprN(7), 'Aldrig igennem');
    rig.engine.start();
    await rig.engine.whenDrained(5000);
    expect(rig.outbox.get(id)).toMatchObject({ state: 'rejected', attempts: 3, error: { service: 'local:gave-up' } });
    expect(rig.fake.messages).toHaveLength(0);
  });
});

describe('sync engine: crashes, quarantine, connectivity', () => {
  it('resolves a command left "sending" by a crash: read back, no second send when DFDG has it', async () => {
    rig = makeRig();
    addCitizen(rig.fake, cprN(8));
    const applied = enqueueMessage(rig, cprN(8), 'Nåede frem før nedbruddet');
    const lost = enqueueMessage(rig, cprN(9), 'Nåede ikke frem');
    addCitizen(rig.fake, cprN(9));
    // Simulate: both were claimed, the first reached DFDG, then the process died.
    rig.outbox.markSending(applied);
    rig.outbox.markSending(lost);
    await rig.fake.clients().citizenMessage.createMessage({ identity: (await import('../support/fixtures')).AKASSE_IDENTITY }, {
      cpr: cprN(8),
      contextType: 11,
      channel: 4,
      subject: 'Nåede frem før nedbruddet',
      body: 'Indstilling: virksomhedspraktik (Nåede frem før nedbruddet)',
      allowReply: true,
      responseToId: null,
      to: { organisationType: 8, organisationCode: '10100' },
      documents: [],
    });
    rig.fake.calls.length = 0;
    await rig.restart();
    rig.engine.start();
    await rig.engine.whenDrained(5000);
    expect(rig.outbox.get(applied)?.state).toBe('sent');
    expect(rig.outbox.get(lost)?.state).toBe('sent');
    expect(rig.fake.messages).toHaveLength(2);
    expect(rig.fake.logicalDuplicates()).toBe(0);
    expect(rig.fake.calls.filter((c) => c.op.endsWith('CreateMessage')).map((c) => c.cpr)).toEqual([cprN(9)]);
  });

  it('quarantines a command whose stored payload no longer validates, instead of dropping it', async () => {
    rig = makeRig();
    addCitizen(rig.fake, cprN(10));
    const id = enqueueMessage(rig, cprN(10), 'Ødelagt');
    rig.store.db.prepare('UPDATE outbox SET payload = ? WHERE id = ?').run('{"cpr":"nope"}', id);
    rig.engine.start();
    await rig.engine.whenDrained(5000);
    expect(rig.outbox.get(id)).toMatchObject({ state: 'rejected', error: { service: 'local:quarantined' } });
    expect(rig.fake.calls).toHaveLength(0);
  });

  it('goes offline after repeated network failures, probes one at a time, and drains when DFDG is back', async () => {
    rig = makeRig({ probeMs: 20, probeMaxMs: 40 });
    const changes: boolean[] = [];
    rig.engine.connectivity.onChange((online) => changes.push(online));
    for (let c = 20; c < 30; c++) {
      addCitizen(rig.fake, cprN(c));
      enqueueMessage(rig, cprN(c), 'Offline-kladde');
    }
    rig.fake.offline = true;
    rig.engine.start();
    // Real time on purpose: the test is about how often the engine calls DFDG over a while offline.
    await new Promise((r) => setTimeout(r, 150));
    expect(rig.engine.connectivity.online).toBe(false);
    const callsWhileOffline = rig.fake.calls.length;
    expect(callsWhileOffline).toBeLessThan(10);
    expect(rig.outbox.countPending()).toBe(10);
    rig.fake.offline = false;
    await rig.engine.whenDrained(5000);
    expect(changes).toEqual([false, true]);
    expect(rig.fake.messages).toHaveLength(10);
  });

  it('keeps a command through a long offline period: probes that cannot reach DFDG cost no attempt and do not start its time budget', async () => {
    rig = makeRig({ maxAttempts: 5, probeMs: 1, probeMaxMs: 2, budgetMs: 60_000 });
    addCitizen(rig.fake, cprN(30));
    addCitizen(rig.fake, cprN(31));
    const id = enqueueMessage(rig, cprN(30), 'Skrevet offline');
    // Written long ago and never tried: the budget (from the first try that could reach DFDG) has not started.
    const old = enqueueMessage(rig, cprN(31), 'Skrevet for to uger siden');
    rig.store.db.prepare('UPDATE outbox SET created_at = ? WHERE id = ?').run(new Date(Date.now() - 14 * 86_400_000).toISOString(), old);
    rig.fake.offline = true;
    rig.engine.start();
    // Far more probes than the attempt cap.
    const deadline = Date.now() + 5_000;
    while (rig.fake.calls.length < 40 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(rig.fake.calls.length).toBeGreaterThanOrEqual(40);
    expect(rig.engine.connectivity.online).toBe(false);
    for (const c of [id, old]) {
      expect(rig.outbox.get(c)?.state).not.toBe('rejected');
      // Only the tries made before the app knew it was offline (the connectivity threshold) count.
      expect(rig.outbox.get(c)!.attempts).toBeLessThanOrEqual(3);
    }
    rig.fake.offline = false;
    await rig.engine.whenDrained(5_000);
    expect(rig.outbox.get(id)?.state).toBe('sent');
    expect(rig.outbox.get(old)?.state).toBe('sent');
    expect(rig.fake.messages.map((m) => m.subject).sort()).toEqual(['Skrevet for to uger siden', 'Skrevet offline']);
  });

  it('still stops at the time budget a command whose first try may have reached DFDG long ago, until the caseworker sends it again', async () => {
    rig = makeRig({ budgetMs: 60_000 });
    addCitizen(rig.fake, cprN(32));
    const id = enqueueMessage(rig, cprN(32), 'Prøvet for længe siden');
    const longAgo = new Date(Date.now() - 120_000).toISOString();
    rig.store.db.prepare("UPDATE outbox SET state = 'failed', attempts = 1, first_attempt_at = ?, next_attempt_at = ? WHERE id = ?").run(longAgo, longAgo, id);
    rig.engine.start();
    await rig.engine.whenDrained(5_000);
    expect(rig.outbox.get(id)).toMatchObject({ state: 'rejected', error: { service: 'local:too-old' } });
    expect(rig.fake.messages).toHaveLength(0);
    // "Send igen" after checking it: a fresh budget from the next try.
    rig.outbox.requeue(id, { resetAttempts: true });
    rig.engine.kick();
    await rig.engine.whenDrained(5_000);
    expect(rig.outbox.get(id)).toMatchObject({ state: 'sent', attempts: 1 });
    expect(rig.fake.messages.map((m) => m.subject)).toEqual(['Prøvet for længe siden']);
  });

  it('drains 300 commands across 50 citizens under 30 % 503, 10 % resets and 10 % dropped responses, none doubled', async () => {
    rig = makeRig({ concurrency: 4, maxAttempts: 60 });
    for (let c = 0; c < 50; c++) addCitizen(rig.fake, cprN(100 + c));
    for (let i = 0; i < 300; i++) {
      const cpr = cprN(100 + (i % 50));
      if (i % 3 === 0) enqueueAbsence(rig, cpr, randomUUID());
      else enqueueMessage(rig, cpr, `Storm ${i}`);
    }
    rig.fake.rates = { rate503: 0.3, rateReset: 0.1, rateDrop: 0.1 };
    rig.engine.start();
    await rig.engine.whenDrained(60_000);
    expect(rig.engine.status()).toMatchObject({ pending: 0, rejected: 0 });
    expect(rig.fake.messages).toHaveLength(200);
    expect(rig.fake.absences.size).toBe(100);
    expect(rig.fake.logicalDuplicates()).toBe(0);
    expect(rig.fake.requestIdDuplicates()).toBe(0);
    expect(rig.fake.appliedByRequestId.size).toBe(300);
  });
});

describe('sync engine: waits on the monotonic clock, the wall clock only for what DFDG sees', () => {
  /** Calls `onFailed` once, right after the command's first failure is recorded. */
  function afterFirstFailure(onFailed: () => void) {
    let done = false;
    return (e: { type: string }) => {
      if (done || e.type !== 'outbox.changed' || !rig) return;
      if (rig.outbox.list().some((r) => r.state === 'failed')) {
        done = true;
        onFailed();
      }
    };
  }

  it('retries after its backoff when the wall clock is set back an hour meanwhile (not an hour later)', async () => {
    let wallOffset = 0;
    rig = makeRig({
      clock: () => new Date(Date.now() + wallOffset),
      baseDelayMs: 200,
      maxDelayMs: 200,
      onEvent: afterFirstFailure(() => (wallOffset = -3_600_000)),
    });
    addCitizen(rig.fake, cprN(60));
    rig.fake.queued = ['503'];
    const id = enqueueMessage(rig, cprN(60), 'Uret blev stillet tilbage');
    rig.engine.start();
    await rig.engine.whenDrained(5_000);
    expect(wallOffset).toBe(-3_600_000);
    expect(rig.outbox.get(id)).toMatchObject({ state: 'sent', attempts: 2 });
    expect(rig.fake.messages).toHaveLength(1);
  });

  it('waits the settle time before reading back an uncertain send, even when the wall clock jumps ahead', async () => {
    let mono = 0;
    let wallOffset = 0;
    rig = makeRig({
      clock: () => new Date(Date.now() + wallOffset),
      monotonic: () => mono,
      settleMs: 1_000,
      onEvent: afterFirstFailure(() => (wallOffset = 2 * 3_600_000)),
    });
    addCitizen(rig.fake, cprN(61));
    rig.fake.queued = ['drop'];
    const id = enqueueMessage(rig, cprN(61), 'Svaret gik tabt');
    rig.engine.start();
    await waitFor('the dropped answer recorded', () => rig.outbox.get(id)!.state === 'failed');
    expect(rig.outbox.get(id)).toMatchObject({ uncertain: true });
    // What the caseworker sees is wall-clock time: the next try a second after the (jumped) clock.
    expect(Date.parse(rig.outbox.get(id)!.nextAttemptAt!)).toBeLessThan(Date.now() + 2 * 3_600_000);
    // Two hours later by the wall clock, no time at all by the monotonic one: nothing is read back yet.
    rig.engine.kick();
    await new Promise((r) => setTimeout(r, 150));
    expect(rig.fake.calls.map((c) => c.op)).toEqual(['CitizenMessageService.CreateMessage']);
    mono = 1_000;
    rig.engine.kick();
    await rig.engine.whenDrained(5_000);
    expect(rig.fake.calls.map((c) => c.op)).toEqual(['CitizenMessageService.CreateMessage', 'CitizenMessageService.GetCitizenMessages']);
    expect(rig.outbox.get(id)).toMatchObject({ state: 'sent', attempts: 1 });
    expect(rig.fake.messages).toHaveLength(1);
  });
});

describe('sync engine: a TLS handshake refused (certificate)', () => {
  const untrusted = (operation: string) =>
    new DfdgError({
      code: null,
      kind: 'tls',
      transient: false,
      service: 'CitizenMessageService',
      operation,
      text: 'Serverens certifikat er ikke udstedt af den certifikatmyndighed (CA), der er sat op. Forbindelsen blev afvist af sikkerhedshensyn. Kontrollér adressen og CA-certifikatet.',
    });
  const handshakeFailed = (operation: string) =>
    new DfdgError({ code: null, kind: 'tls', transient: true, service: 'FravaerService', operation, text: 'Den sikre forbindelse (TLS) til DFDG kunne ikke oprettes.' });

  /** The fake's clients, with every write (and, optionally, every read) failing as `fail` says while `broken`. */
  function tlsClients(rig: Rig, fail: (op: string) => DfdgError, opts: { reads?: boolean } = {}) {
    const state = { broken: true, writes: 0 };
    const c = rig.fake.clients();
    const guard = <A extends unknown[], R>(op: string, f: (...a: A) => Promise<R>, write: boolean) =>
      (...a: A): Promise<R> => {
        if (write) state.writes++;
        if (state.broken && (write || opts.reads)) return Promise.reject(fail(op));
        return f(...a);
      };
    const clients: DfdgClients = {
      ...c,
      citizenMessage: { ...c.citizenMessage, createMessage: guard('CreateMessage', c.citizenMessage.createMessage, true), getCitizenMessages: guard('GetCitizenMessages', c.citizenMessage.getCitizenMessages, false) },
      fravaer: { ...c.fravaer, createFravaer: guard('CreateFravaerMedIdentifier', c.fravaer.createFravaer, true) },
    };
    return { clients, state };
  }

  it('holds the commands as failed with certificate advice, pauses like offline, burns no attempt, and sends once the certificate is fixed', async () => {
    rig = makeRig({ maxAttempts: 2, probeMs: 10, probeMaxMs: 10 });
    for (let c = 40; c < 43; c++) addCitizen(rig.fake, cprN(c));
    const ids = [enqueueMessage(rig, cprN(40), 'Certifikat'), enqueueAbsence(rig, cprN(41), randomUUID()), enqueueMessage(rig, cprN(42), 'Certifikat 2')];
    const t = tlsClients(rig, untrusted);
    await rig.restart({ clients: () => t.clients, maxAttempts: 2, probeMs: 10, probeMaxMs: 10 });
    const causes: (string | null)[] = [];
    rig.engine.connectivity.onChange((_online, _reason, cause) => causes.push(cause));
    rig.engine.start();
    // Probing goes on well past the attempt cap: a refused handshake is no attempt at DFDG.
    await waitFor('probes past the attempt cap', () => t.state.writes >= 8);
    await rig.engine.whenSettled(ids[0]!);
    expect(rig.engine.connectivity).toMatchObject({ online: false, cause: 'tls' });
    expect(rig.engine.connectivity.reason).toContain('Indstillinger');
    expect(causes[0]).toBe('tls');
    for (const id of ids) {
      const rec = rig.outbox.get(id)!;
      expect(['failed', 'queued', 'sending']).toContain(rec.state);
      expect(rec.state).not.toBe('rejected');
      expect(rec.attempts).toBeLessThanOrEqual(1);
    }
    await waitFor('all at rest between probes', () => ids.every((id) => ['failed', 'queued'].includes(rig.outbox.get(id)!.state)));
    const held = rig.outbox.get(ids[0]!)!;
    expect(held).toMatchObject({ state: 'failed', attempts: 0, error: { kind: 'tls', code: null } });
    expect(outboxExplanation(held.state, held.error, held.kind)).toBe(TLS_EXPLANATION);
    expect(rig.engine.status()).toMatchObject({ online: false, rejected: 0, pending: 3 });
    expect(rig.fake.messages).toHaveLength(0);

    // The caseworker fixes the certificate in Indstillinger (createCore then sets connectivity online).
    t.state.broken = false;
    rig.engine.connectivity.set(true, null);
    await rig.engine.whenDrained(5_000);
    for (const id of ids) expect(rig.outbox.get(id)).toMatchObject({ state: 'sent', attempts: 1, error: null });
    expect(rig.fake.messages).toHaveLength(2);
    expect(rig.fake.absences.size).toBe(1);
    expect(rig.fake.logicalDuplicates()).toBe(0);
  });

  it('waits out a transient handshake failure like a network failure, without using attempts', async () => {
    rig = makeRig({ maxAttempts: 2 });
    addCitizen(rig.fake, cprN(44));
    const id = enqueueAbsence(rig, cprN(44), randomUUID());
    const t = tlsClients(rig, handshakeFailed);
    await rig.restart({ clients: () => t.clients, maxAttempts: 2 });
    rig.engine.start();
    await waitFor('three refused handshakes', () => t.state.writes >= 3);
    expect(rig.engine.connectivity).toMatchObject({ online: false, cause: 'tls' });
    await waitFor('held', () => rig.outbox.get(id)!.state === 'failed');
    expect(rig.outbox.get(id)).toMatchObject({ attempts: 0, error: { kind: 'tls' } });
    t.state.broken = false;
    rig.engine.connectivity.set(true, null);
    await rig.engine.whenDrained(5_000);
    expect(rig.outbox.get(id)).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('keeps an uncertain command uncertain when its read-back meets a refused handshake, and never resends it blind', async () => {
    rig = makeRig();
    addCitizen(rig.fake, cprN(45));
    const id = enqueueMessage(rig, cprN(45), 'Nåede måske frem');
    // Sent, then the process died before the answer was recorded: DFDG has it.
    rig.outbox.markSending(id);
    await rig.fake.clients().citizenMessage.createMessage({ identity: (await import('../support/fixtures')).AKASSE_IDENTITY }, {
      cpr: cprN(45),
      contextType: 11,
      channel: 4,
      subject: 'Nåede måske frem',
      body: 'Indstilling: virksomhedspraktik (Nåede måske frem)',
      allowReply: true,
      responseToId: null,
      to: { organisationType: 8, organisationCode: '10100' },
      documents: [],
    });
    const t = tlsClients(rig, untrusted, { reads: true });
    await rig.restart({ clients: () => t.clients });
    rig.engine.start();
    await waitFor('held after the read-back', () => rig.outbox.get(id)!.state === 'failed');
    expect(rig.outbox.get(id)).toMatchObject({ uncertain: true, attempts: 1, error: { kind: 'tls' } });
    expect(t.state.writes).toBe(0);
    t.state.broken = false;
    rig.engine.connectivity.set(true, null);
    await rig.engine.whenDrained(5_000);
    expect(rig.outbox.get(id)).toMatchObject({ state: 'sent', attempts: 1 });
    expect(rig.fake.messages).toHaveLength(1);
    expect(t.state.writes).toBe(0);
  });
});

describe('outbox: every state transition is guarded (a late outcome cannot overwrite a decision)', () => {
  it('a command cancelled stays cancelled: a late sent, failed, rejected, retry or new request id changes nothing', () => {
    rig = makeRig();
    const id = enqueueMessage(rig, cprN(70), 'Annulleret');
    expect(rig.outbox.markCancelled(id)).toBe(true);
    const info = { code: null, text: 'x', service: 's', operation: 'o', transient: true, httpStatus: null };
    expect(rig.outbox.markSent(id, { messageIdentifier: null, entityId: 'e-1', eventDate: null })).toBe(false);
    expect(rig.outbox.markFailed(id, info, new Date().toISOString(), true)).toBe(false);
    expect(rig.outbox.markRejected(id, info)).toBe(false);
    expect(rig.outbox.requeue(id)).toBe(false);
    const requestId = rig.outbox.get(id)!.requestId;
    rig.outbox.renewRequestId(id);
    expect(rig.outbox.get(id)).toMatchObject({ state: 'cancelled', receipt: null, error: null, requestId });
  });

  it('a command sent stays sent, and an uncertain one cannot be cancelled', () => {
    rig = makeRig();
    const sent = enqueueMessage(rig, cprN(71), 'Sendt');
    expect(rig.outbox.markSending(sent)).toBe(true);
    expect(rig.outbox.markSent(sent, { messageIdentifier: null, entityId: 'e-2', eventDate: null })).toBe(true);
    expect(rig.outbox.markCancelled(sent)).toBe(false);
    expect(rig.outbox.markRejected(sent, { code: 4933, text: 'x', service: 's', operation: 'o', transient: false, httpStatus: 500 })).toBe(false);
    expect(rig.outbox.requeue(sent, { resetAttempts: true })).toBe(false);
    expect(rig.outbox.get(sent)).toMatchObject({ state: 'sent', receipt: { entityId: 'e-2' } });
    const uncertain = enqueueMessage(rig, cprN(72), 'Usikker');
    rig.outbox.markSending(uncertain);
    rig.outbox.markFailed(uncertain, { code: null, text: 'timeout', service: 's', operation: 'o', transient: true, httpStatus: null }, new Date().toISOString(), true);
    expect(rig.outbox.markCancelled(uncertain)).toBe(false);
    expect(rig.outbox.get(uncertain)).toMatchObject({ state: 'failed', uncertain: true });
  });

  it('DFDG’s late answer for a command cancelled meanwhile is not recorded: it stays cancelled, no sent effect, no "sent" event', async () => {
    const finished: string[] = [];
    rig = makeRig({ onEvent: (e) => e.type === 'command.finished' && finished.push(e.state) });
    addCitizen(rig.fake, cprN(73));
    rig.fake.latencyMs = 200;
    const id = enqueueMessage(rig, cprN(73), 'Sent svar');
    rig.engine.start();
    await waitFor('in flight', () => rig.outbox.get(id)!.state === 'sending');
    // A decision made while the call is out (any path that bypasses the handler's refusal).
    rig.store.db.prepare("UPDATE outbox SET state = 'cancelled' WHERE id = ?").run(id);
    await rig.engine.whenSettled(id, 3_000);
    await rig.engine.whenDrained(3_000);
    expect(rig.fake.messages).toHaveLength(1);
    expect(rig.outbox.get(id)).toMatchObject({ state: 'cancelled', receipt: null });
    expect(rig.store.messages.get(rig.fake.messages[0]!.id)).toBeNull();
    expect(finished).toEqual([]);
  });
});
