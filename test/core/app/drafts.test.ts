import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { makePdf } from '../../fixtures/pdf';
import { CPR_A, JOBCENTER_IDENTITY, message } from '../support/fixtures';
import { expectCoreError, makeCore, seedCitizen, type CoreRig } from './helpers';

let rig: CoreRig;
afterEach(async () => {
  await rig?.close();
});

const GOOD_BODY = 'Vi indstiller til virksomhedspraktik i 8 uger hos Bageriet ApS (CVR 12345678), så medlemmet kan afprøve faget.';

async function openCitizen() {
  seedCitizen(rig.fake, CPR_A, { name: 'Mette Sørensen' });
  await rig.call('citizens.open', { cpr: CPR_A, purpose: 'citizen-page' });
}

describe('drafts', () => {
  it('starts an a-kasse draft as a type 11 recommendation on channel 4 to the citizen’s jobcenter, and fills a template without CPR in the subject', async () => {
    rig = await makeCore();
    await openCitizen();
    const d = await rig.call('drafts.create', { cpr: CPR_A, templateId: 'builtin-indstilling' });
    expect(d).toMatchObject({ contextType: 11, channel: 4, to: { organisationType: 8, organisationCode: '10100' }, subject: 'A-kassens indstilling til jobcentret om tilbud' });
    expect(d.body).toContain('Mette Sørensen får tilbud om [tilbudstype]');
    expect(d.body).toContain('Anna Akasse');
    // Channel 4: the citizen reads the text on Jobnet, so no CPR in subject or body.
    expect(d.subject).not.toMatch(/\d{6}/);
    expect(d.body).not.toMatch(/\d{6}-?\d{4}/);
  });

  it('refuses the built-in type 11 template sent unfinished, for its placeholders, as the renderer does; and a CPR in a channel-4 text', async () => {
    rig = await makeCore();
    await openCitizen();
    const d = await rig.call('drafts.create', { cpr: CPR_A, templateId: 'builtin-indstilling' });
    const err = await expectCoreError(rig.call('drafts.submit', { id: d.id }), 'rules');
    expect(err.findings?.filter((f) => f.severity === 'error').map((f) => f.ruleId)).toEqual(['TEMPLATE_PLACEHOLDER']);
    expect(err.message).toContain('»[tilbudstype]«, »[varighed]«, »[navn, CVR]«');
    const cpr = await expectCoreError(rig.call('drafts.submit', { id: d.id, patch: { body: `${GOOD_BODY} Borgerens CPR er 010190-1234.` } }), 'rules');
    expect(cpr.findings?.filter((f) => f.severity === 'error').map((f) => f.ruleId)).toEqual(['MSG_BODY_CPR']);
    expect(rig.core.outbox.list()).toHaveLength(0);
  });

  it('saves without judging, refuses a submit with errors, and keeps the text that came with it', async () => {
    rig = await makeCore();
    await openCitizen();
    const d = await rig.call('drafts.create', { cpr: CPR_A });
    // A save answers the draft only: the composer runs the rules itself as the caseworker types.
    const saved = await rig.call('drafts.save', { id: d.id, patch: { subject: 'Indstilling' } });
    expect(saved).toEqual({ draft: expect.objectContaining({ id: d.id, subject: 'Indstilling' }) });
    // Send is one call: the submit carries what was not saved yet, and it is kept when the rules refuse.
    const err = await expectCoreError(rig.call('drafts.submit', { id: d.id, patch: { channel: 1, body: GOOD_BODY } }), 'rules');
    expect(err.findings?.map((f) => f.ruleId)).toContain('MSG11_CHANNEL');
    expect(await rig.call('drafts.get', { id: d.id })).toMatchObject({ channel: 1, subject: 'Indstilling', body: GOOD_BODY });
    expect(rig.core.outbox.list()).toHaveLength(0);
  });

  it('refuses exactly what the renderer shows: one finding per fault, the receiver and unfilled placeholders included', async () => {
    rig = await makeCore();
    seedCitizen(rig.fake, CPR_A, { name: 'Mette Sørensen', jobcenterCode: null });
    await rig.call('citizens.open', { cpr: CPR_A, purpose: 'citizen-page' });
    // No jobcenter: the a-kasse's draft has no receiver on channel 4.
    const d = await rig.call('drafts.create', { cpr: CPR_A, contextType: 1 });
    expect(d.to).toBeNull();
    const err = await expectCoreError(rig.call('drafts.submit', { id: d.id }), 'rules');
    const errors = (err.findings ?? []).filter((f) => f.severity === 'error').map((f) => `${f.ruleId}:${f.field}`);
    // An empty subject is one fault, reported once (it was MSG_SUBJECT and MSG_SUBJECT_REQUIRED).
    expect(errors).toEqual(['MSG_SUBJECT_REQUIRED:subject', 'MSG_BODY_REQUIRED:body', 'MSG_RECEIVER:to']);
    await rig.call('drafts.save', { id: d.id, patch: { subject: 'Orientering', body: 'Kære {{jobcenter.navn}}' } });
    const again = await expectCoreError(rig.call('drafts.submit', { id: d.id }), 'rules');
    expect((again.findings ?? []).filter((f) => f.severity === 'error').map((f) => f.ruleId)).toEqual(['MSG_RECEIVER', 'TEMPLATE_PLACEHOLDER']);
    expect(rig.core.outbox.list()).toHaveLength(0);
  });

  it('keeps what the caseworker typed while an attachment was being inspected (no lost update)', async () => {
    rig = await makeCore();
    await openCitizen();
    const d = await rig.call('drafts.create', { cpr: CPR_A });
    // The PDF is read in a worker; the caseworker types on, and the composer saves meanwhile.
    const adding = rig.call('attachments.add', { draftId: d.id, fileName: 'cv.pdf', bytes: new Uint8Array(makePdf({ pages: 1 })) });
    await rig.call('drafts.save', { id: d.id, patch: { subject: 'Indstilling om tilbud', body: GOOD_BODY } });
    const { attachment } = await adding;
    const saved = await rig.call('drafts.get', { id: d.id });
    expect(saved).toMatchObject({ subject: 'Indstilling om tilbud', body: GOOD_BODY });
    expect(saved.attachments.map((a) => a.id)).toEqual([attachment.id]);
  });

  it('sends the draft as it is when it goes to the outbox, including a save that landed while the citizen was fetched', async () => {
    rig = await makeCore();
    await openCitizen();
    const d = await rig.call('drafts.create', { cpr: CPR_A });
    await rig.call('drafts.save', { id: d.id, patch: { subject: 'Indstilling om tilbud', body: GOOD_BODY } });
    // The cached citizen is stale, so the submit asks DFDG first (slowly).
    rig.core.store.db.prepare('DELETE FROM cache_meta WHERE cpr = ?').run(CPR_A);
    rig.fake.latencyMs = 80;
    const submitting = rig.call('drafts.submit', { id: d.id });
    await rig.call('drafts.save', { id: d.id, patch: { body: `${GOOD_BODY} Tilføjet i sidste øjeblik.` } });
    await submitting;
    rig.fake.latencyMs = 0;
    await rig.core.engine.whenDrained(5000);
    expect(rig.fake.messages.map((m) => m.body)).toEqual([`${GOOD_BODY} Tilføjet i sidste øjeblik.`]);
  });

  it('queues the message with its last words in one call, shows it in its thread at once, and sends it once', async () => {
    rig = await makeCore();
    await openCitizen();
    const d = await rig.call('drafts.create', { cpr: CPR_A });
    await rig.call('drafts.save', { id: d.id, patch: { subject: 'Indstilling om tilbud' } });
    rig.fake.offline = true;
    const { commandId } = await rig.call('drafts.submit', { id: d.id, patch: { body: GOOD_BODY } });
    expect((await rig.call('drafts.list', { cpr: CPR_A })).drafts).toEqual([]);
    const pending = await rig.call('messages.threads', { cpr: CPR_A });
    expect(pending.threads).toMatchObject([{ rootId: commandId, messages: [], pending: [{ commandId, subject: 'Indstilling om tilbud' }] }]);

    rig.fake.offline = false;
    await rig.core.engine.whenDrained(5000);
    expect(rig.fake.messages).toHaveLength(1);
    const after = await rig.call('messages.threads', { cpr: CPR_A });
    expect(after.threads).toHaveLength(1);
    expect(after.threads[0]).toMatchObject({ pending: [], messages: [{ subject: 'Indstilling om tilbud', body: GOOD_BODY }] });
    expect(rig.core.audit.list(CPR_A).map((e) => e.action)).toEqual(expect.arrayContaining(['command.queued', 'command.sent']));
  });

  it('a reply inherits thread and receiver; a jobcenter answer to a type 11 goes as type 1', async () => {
    rig = await makeCore({ identity: JOBCENTER_IDENTITY });
    seedCitizen(rig.fake, CPR_A);
    rig.fake.messages.push(message({ id: 'rec-1', createdAt: '2026-11-20T10:00:00.000Z' }));
    await rig.call('citizens.open', { cpr: CPR_A, purpose: 'dialog' });
    await rig.call('messages.threads', { cpr: CPR_A });
    const d = await rig.call('drafts.create', { cpr: CPR_A, replyTo: 'rec-1' });
    expect(d).toMatchObject({ replyTo: 'rec-1', channel: 4, contextType: 1, to: { organisationType: 2, organisationCode: '067' } });
    expect(d.subject).toBe('Sv: A-kassens indstilling til jobcentret om tilbud');
    await rig.call('drafts.save', { id: d.id, patch: { body: 'Vi har modtaget indstillingen og vender tilbage.' } });
    rig.fake.offline = true;
    const { commandId } = await rig.call('drafts.submit', { id: d.id });
    const t = await rig.call('messages.threads', { cpr: CPR_A });
    expect(t.threads).toMatchObject([{ rootId: 'rec-1', pending: [{ commandId }] }]);
  });

  it("a jobcenter's reply in a type 11 thread is the answer: type 1 to the a-kasse, in response to the recommendation, and the advisory is done", async () => {
    rig = await makeCore({ identity: JOBCENTER_IDENTITY });
    seedCitizen(rig.fake, CPR_A);
    rig.fake.messages.push(message({ id: 'rec-1', createdAt: '2026-11-20T10:00:00.000Z' }));
    rig.fake.notifications.push({
      messageIdentifier: randomUUID(), kind: 'GetCitizenMessageVersion1', cpr: CPR_A, changeType: 1, eventAt: '2026-11-20T10:00:00.000Z',
      registeringOrganisation: { organisationType: 2, organisationCode: '067' }, registeringUser: null, entityId: 'rec-1', details: { contextType: 11, responseToId: null },
    });
    await rig.call('sync.now', {});
    const [adv] = (await rig.call('advisories.list', { status: ['open'] })).advisories;
    expect(adv).toMatchObject({ kind: 'recommendation-received', entityId: 'rec-1' });
    await rig.call('advisories.take', { id: adv!.id });
    const inbox: number[] = [];
    rig.core.on('inbox.changed', (p) => inbox.push(p.open));
    await rig.call('citizens.open', { cpr: CPR_A, purpose: 'dialog' });
    await rig.call('messages.threads', { cpr: CPR_A });
    // Even asked for the thread's type (as the old composer did), a reply is never a new type 11.
    const d = await rig.call('drafts.create', { cpr: CPR_A, replyTo: 'rec-1', contextType: 11 });
    expect(d).toMatchObject({ replyTo: 'rec-1', contextType: 1, recommendation: null, to: { organisationType: 2, organisationCode: '067' } });
    await rig.call('drafts.save', { id: d.id, patch: { body: 'Vi har modtaget indstillingen og vender tilbage om bevilling.' } });
    await rig.call('drafts.submit', { id: d.id });
    expect((await rig.call('advisories.list', { status: ['open', 'in-progress'] })).advisories).toEqual([]);
    expect((await rig.call('advisories.list', { status: ['done'] })).advisories).toMatchObject([{ id: adv!.id, status: 'done' }]);
    expect(inbox.at(-1)).toBe(0);
    await rig.core.engine.whenDrained(5000);
    expect(rig.fake.messages.find((m) => m.responseToId === 'rec-1')).toMatchObject({ contextType: 1, channel: 4, to: { organisationType: 2, organisationCode: '067' } });
  });

  it("the a-kasse's follow-up to its own recommendation is type 1 in the thread, so the jobcenter gets no second recommendation", async () => {
    rig = await makeCore();
    seedCitizen(rig.fake, CPR_A);
    rig.fake.messages.push(message({ id: 'rec-1', createdAt: '2026-11-20T10:00:00.000Z' }));
    await rig.call('citizens.open', { cpr: CPR_A, purpose: 'dialog' });
    await rig.call('messages.threads', { cpr: CPR_A });
    const d = await rig.call('drafts.create', { cpr: CPR_A, replyTo: 'rec-1' });
    expect(d).toMatchObject({ replyTo: 'rec-1', contextType: 1, recommendation: null, to: { organisationType: 8, organisationCode: '10100' } });
    await rig.call('drafts.save', { id: d.id, patch: { body: 'Praktikaftalen er nu underskrevet.' } });
    await rig.call('drafts.submit', { id: d.id });
    await rig.core.engine.whenDrained(5000);
    expect(rig.fake.messages.filter((m) => m.contextType === 11).map((m) => m.id)).toEqual(['rec-1']);
    expect(rig.fake.messages.find((m) => m.responseToId === 'rec-1')).toMatchObject({ contextType: 1 });
    // "Ny indstilling" is a new draft, and only then a type 11.
    expect(await rig.call('drafts.create', { cpr: CPR_A, contextType: 11 })).toMatchObject({ replyTo: null, contextType: 11 });
  });

  it('cancelling a queued message gives it back as a draft', async () => {
    rig = await makeCore();
    await openCitizen();
    rig.fake.offline = true;
    const d = await rig.call('drafts.create', { cpr: CPR_A });
    await rig.call('drafts.save', { id: d.id, patch: { subject: 'Indstilling', body: GOOD_BODY } });
    const { commandId } = await rig.call('drafts.submit', { id: d.id });
    const cancelled = await rig.call('outbox.cancel', { id: commandId });
    expect(cancelled.state).toBe('cancelled');
    const back = await rig.call('drafts.get', { id: d.id });
    expect(back).toMatchObject({ subject: 'Indstilling', body: GOOD_BODY, to: { organisationCode: '10100' } });
  });

  it('refuses to cancel a message while DFDG may have it (its answer was lost, the read-back has not answered), says why, and sends it once', async () => {
    // The read-back waits a minute after the lost answer: the caseworker presses Annullér meanwhile.
    rig = await makeCore({ over: { engine: { baseDelayMs: 1, maxDelayMs: 5, settleMs: 60_000, probeMs: 5, probeMaxMs: 10, stopTimeoutMs: 200 } } });
    await openCitizen();
    rig.fake.queuedFor.set('CreateMessage', ['drop']);
    const d = await rig.call('drafts.create', { cpr: CPR_A });
    await rig.call('drafts.save', { id: d.id, patch: { subject: 'Indstilling', body: GOOD_BODY } });
    const { commandId } = await rig.call('drafts.submit', { id: d.id });
    const until = Date.now() + 5_000;
    while (!rig.core.outbox.get(commandId)!.uncertain && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    const err = await expectCoreError(rig.call('outbox.cancel', { id: commandId }), 'conflict');
    expect(err.message).toMatch(/^Afsendelsen kan ikke annulleres: .*vi undersøger, om DFDG har modtaget den/);
    expect(rig.core.outbox.get(commandId)).toMatchObject({ state: 'failed', uncertain: true });
    // Nothing came back as a draft to be sent a second time.
    expect((await rig.call('drafts.list', { cpr: CPR_A })).drafts).toEqual([]);
    // "Prøv igen nu" reads back first: DFDG has it, so it is sent, once.
    await rig.call('outbox.retry', { id: commandId });
    await rig.core.engine.whenDrained(5_000);
    expect(rig.core.outbox.get(commandId)).toMatchObject({ state: 'sent', attempts: 1 });
    expect(rig.fake.messages).toHaveLength(1);
  });

  it('refuses to cancel a message while it is being sent, and says why', async () => {
    rig = await makeCore();
    await openCitizen();
    rig.fake.latencyFor.set('CreateMessage', 4_000);
    const d = await rig.call('drafts.create', { cpr: CPR_A });
    await rig.call('drafts.save', { id: d.id, patch: { subject: 'Indstilling', body: GOOD_BODY } });
    const { commandId } = await rig.call('drafts.submit', { id: d.id });
    const until = Date.now() + 5_000;
    while (rig.core.outbox.get(commandId)!.state !== 'sending' && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    const err = await expectCoreError(rig.call('outbox.cancel', { id: commandId }), 'conflict');
    expect(err.message).toMatch(/^Afsendelsen er i gang/);
    await rig.core.engine.whenDrained(10_000);
    expect(rig.core.outbox.get(commandId)!.state).toBe('sent');
  });

  it('drafts saved as the caseworker types survive a restart', async () => {
    rig = await makeCore();
    await openCitizen();
    const d = await rig.call('drafts.create', { cpr: CPR_A });
    await rig.call('drafts.save', { id: d.id, patch: { body: 'Halvt skrevet …' } });
    await rig.restart();
    expect((await rig.call('drafts.get', { id: d.id })).body).toBe('Halvt skrevet …');
  });

  it('refuses a file that is not a PDF or XML, and sends an accepted PDF with the message', async () => {
    rig = await makeCore();
    await openCitizen();
    const d = await rig.call('drafts.create', { cpr: CPR_A });
    const refused = await expectCoreError(rig.call('attachments.add', { draftId: d.id, fileName: 'cv.pdf', bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x20, 0x6e, 0x6f]) }), 'attachment');
    expect(refused.message.length).toBeGreaterThan(10);
    const pdf = new Uint8Array(makePdf());
    const { attachment } = await rig.call('attachments.add', { draftId: d.id, fileName: 'praktikaftale.pdf', bytes: pdf });
    expect(attachment).toMatchObject({ mimeType: 'application/pdf', size: pdf.byteLength });
    expect(Buffer.from((await rig.call('attachments.get', { draftId: d.id, attachmentId: attachment.id })).bytes).equals(Buffer.from(pdf))).toBe(true);
    await rig.call('drafts.save', { id: d.id, patch: { subject: 'Indstilling', body: GOOD_BODY } });
    await rig.call('drafts.submit', { id: d.id });
    await rig.core.engine.whenDrained(5000);
    expect(rig.fake.messages[0]!.documents).toMatchObject([{ fileName: 'praktikaftale.pdf', mimeType: 'application/pdf', size: pdf.byteLength }]);
  });

  it('keeps only a safe base name for an attachment, with the extension of what the file is: in the draft, the outbox and what DFDG gets', async () => {
    rig = await makeCore();
    await openCitizen();
    const d = await rig.call('drafts.create', { cpr: CPR_A });
    const pdf = new Uint8Array(makePdf());
    // Shown by a bidi-aware viewer as "C:\fakepath\..\..\evilexe.pdf"; really a name ending in ".exe".
    const { attachment, draft } = await rig.call('attachments.add', { draftId: d.id, fileName: 'C:\\fakepath\\..\\..\\evil\u202Efdp.exe\r\n', bytes: pdf });
    expect(attachment.fileName).toBe('evilfdp.pdf');
    expect(draft.attachments.map((a) => a.fileName)).toEqual(['evilfdp.pdf']);
    expect((await rig.call('drafts.get', { id: d.id })).attachments[0]!.fileName).toBe('evilfdp.pdf');
    expect((await rig.call('attachments.get', { draftId: d.id, attachmentId: attachment.id })).fileName).toBe('evilfdp.pdf');
    await rig.call('drafts.save', { id: d.id, patch: { subject: 'Indstilling', body: GOOD_BODY } });
    const { commandId } = await rig.call('drafts.submit', { id: d.id });
    expect(JSON.stringify(rig.core.outbox.get(commandId)!.rawPayload)).toContain('"fileName":"evilfdp.pdf"');
    await rig.core.engine.whenDrained(5000);
    expect(rig.fake.messages[0]!.documents.map((x) => x.fileName)).toEqual(['evilfdp.pdf']);
  });

  it('sends a draft saved before names were made safe with a safe name (CON, a path)', async () => {
    rig = await makeCore();
    await openCitizen();
    const d = await rig.call('drafts.create', { cpr: CPR_A });
    const { draft } = await rig.call('attachments.add', { draftId: d.id, fileName: 'plan.pdf', bytes: new Uint8Array(makePdf()) });
    // As an older version stored it: verbatim.
    rig.core.store.drafts.put({ ...draft, subject: 'Indstilling', body: GOOD_BODY, attachments: draft.attachments.map((a) => ({ ...a, fileName: '../../CON' })) });
    const { commandId } = await rig.call('drafts.submit', { id: d.id });
    expect(JSON.stringify(rig.core.outbox.get(commandId)!.rawPayload)).toContain('"fileName":"_CON.pdf"');
    expect(JSON.stringify(rig.core.outbox.get(commandId)!.rawPayload)).not.toContain('CON"');
    await rig.core.engine.whenDrained(5000);
    expect(rig.fake.messages[0]!.documents.map((x) => x.fileName)).toEqual(['_CON.pdf']);
  });

  it('shows a DFDG rejection with advice, lets the caseworker edit and resend it', async () => {
    rig = await makeCore();
    await openCitizen();
    const d = await rig.call('drafts.create', { cpr: CPR_A });
    await rig.call('drafts.save', { id: d.id, patch: { subject: 'Indstilling', body: GOOD_BODY } });
    rig.fake.refusals.set('CreateMessage', 8115);
    const { commandId } = await rig.call('drafts.submit', { id: d.id });
    await rig.core.engine.whenDrained(5000);
    const { items, status } = await rig.call('outbox.list', {});
    expect(status.rejected).toBe(1);
    expect(items[0]).toMatchObject({ id: commandId, state: 'rejected', editable: true, error: { code: 8115 } });
    expect(items[0]!.explanation?.advice).toContain('Opdatér beskederne');
    const got = await rig.call('outbox.get', { id: commandId });
    expect(got.message).toMatchObject({ subject: 'Indstilling', body: GOOD_BODY });
    const oldRequestId = rig.core.outbox.get(commandId)!.requestId;
    const re = await rig.call('outbox.resubmit', { id: commandId, message: { contextType: 11, channel: 4, subject: 'Indstilling (rettet)', body: GOOD_BODY } });
    expect(re.item.state).toBe('queued');
    expect(rig.core.outbox.get(commandId)!.requestId).not.toBe(oldRequestId);
    await rig.core.engine.whenDrained(5000);
    expect(rig.core.outbox.get(commandId)!.state).toBe('sent');
    expect(rig.fake.messages.map((m) => m.subject)).toEqual(['Indstilling (rettet)']);
  });
});
