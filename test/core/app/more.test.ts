import { afterEach, describe, expect, it, vi } from 'vitest';
import { DECISION_NOTE } from '../../../shared/drafts';
import { CPR_A, JOBCENTER_IDENTITY, message } from '../support/fixtures';
import { expectCoreError, makeCore, seedCitizen, type CoreRig } from './helpers';

let rig: CoreRig;
afterEach(async () => {
  await rig?.close();
});

describe('documents, templates, retries, code lists', () => {
  it('fetches a message document once, then serves it from the encrypted cache even offline', async () => {
    rig = await makeCore();
    seedCitizen(rig.fake, CPR_A);
    rig.fake.documents.set('doc-1', Buffer.from('%PDF-1.4 aftale'));
    rig.fake.messages.push(message({ id: 'msg-1', documents: [{ id: 'doc-1', fileName: 'aftale.pdf', mimeType: 'application/pdf', size: 15 }] }));
    await rig.call('messages.threads', { cpr: CPR_A });
    const first = await rig.call('messages.document', { cpr: CPR_A, documentId: 'doc-1' });
    expect(Buffer.from(first.bytes).toString()).toBe('%PDF-1.4 aftale');
    rig.fake.offline = true;
    const again = await rig.call('messages.document', { cpr: CPR_A, documentId: 'doc-1' });
    expect(again).toMatchObject({ fileName: 'aftale.pdf', mimeType: 'application/pdf' });
    expect(rig.fake.calls.filter((c) => c.op.endsWith('GetCitizenMessageDocument'))).toHaveLength(1);
    expect(rig.core.audit.list(CPR_A).filter((e) => e.action === 'document.read').map((e) => e.source)).toEqual(['cache', 'dfdg']);
  });

  it('offers a document for saving under a safe name, whatever its sender called it', async () => {
    rig = await makeCore();
    seedCitizen(rig.fake, CPR_A);
    rig.fake.documents.set('doc-2', Buffer.from('%PDF-1.4 faktura'));
    rig.fake.messages.push(message({ id: 'msg-2', documents: [{ id: 'doc-2', fileName: '..\\..\\faktura\u202Efdp.exe', mimeType: 'application/pdf', size: 16 }] }));
    await rig.call('messages.threads', { cpr: CPR_A });
    expect((await rig.call('messages.document', { cpr: CPR_A, documentId: 'doc-2' })).fileName).toBe('fakturafdp.pdf');
    // And from the cache the second time.
    expect((await rig.call('messages.document', { cpr: CPR_A, documentId: 'doc-2' })).fileName).toBe('fakturafdp.pdf');
  });

  it('refuses a template with the CPR in its subject, and keeps built-in templates read-only', async () => {
    rig = await makeCore();
    const err = await expectCoreError(rig.call('templates.save', { name: 'Min', contextType: 1, subject: 'Om {{borger.cpr}}', body: 'Tekst' }), 'rules');
    expect(err.findings?.map((f) => f.ruleId)).toEqual(['TEMPLATE_SUBJECT_CPR']);
    const t = await rig.call('templates.save', { name: 'Min', contextType: 1, subject: 'Orientering', body: 'Hej {{borger.navn}}' });
    expect((await rig.call('templates.list', {})).templates.map((x) => x.id)).toContain(t.id);
    await expectCoreError(rig.call('templates.delete', { id: 'builtin-indstilling' }), 'conflict');
  });

  it('a jobcenter rejection carries the reasons and, once, that the decision itself goes to the citizen in e-Boks', async () => {
    rig = await makeCore({ identity: JOBCENTER_IDENTITY });
    seedCitizen(rig.fake, CPR_A);
    rig.fake.messages.push(message({ id: 'rec-1' }));
    await rig.call('citizens.open', { cpr: CPR_A, purpose: 'advisory' });
    await rig.call('messages.threads', { cpr: CPR_A });
    const r = await rig.call('recommendations.answer', { cpr: CPR_A, messageId: 'rec-1', decision: 'reject', body: 'Vi kan ikke imødekomme indstillingen.', reasons: 'Tilbuddet ligger uden for medlemmets jobmål.' });
    expect(r.commandIds).toHaveLength(1);
    await rig.core.engine.whenDrained(5000);
    const reply = rig.fake.messages.find((m) => m.responseToId === 'rec-1')!;
    expect(reply.body).toContain('Begrundelse: Tilbuddet ligger uden for medlemmets jobmål.');
    // One true sentence about the decision, once: the answer is not the afgørelse, which goes to e-Boks (seed 000).
    expect(reply.body.split(DECISION_NOTE)).toHaveLength(2);
    expect(reply.body.match(/afgørelse/g)).toHaveLength(2);
    expect(reply.body).not.toMatch(/er en afgørelse/);
  });

  it('a command given up after many attempts can be sent again with “retry now”', async () => {
    rig = await makeCore({ over: { engine: { baseDelayMs: 1, maxDelayMs: 2, settleMs: 0, maxAttempts: 2, probeMs: 5, probeMaxMs: 10, stopTimeoutMs: 200 } } });
    seedCitizen(rig.fake, CPR_A);
    await rig.call('citizens.open', { cpr: CPR_A, purpose: 'absence' });
    rig.fake.rates.rate503 = 1;
    const { commandId } = await rig.call('absences.create', { cpr: CPR_A, input: { type: 10, start: '2026-12-01', end: null, comment: null, notificationDate: '2026-11-22', endReason: null } });
    await rig.core.engine.whenDrained(5000);
    const given = (await rig.call('outbox.list', {})).items[0]!;
    expect(given).toMatchObject({ id: commandId, state: 'rejected', editable: true });
    expect(given.explanation?.advice).toContain('Prøv igen');
    rig.fake.rates.rate503 = 0;
    await rig.call('outbox.retry', { id: commandId });
    await rig.core.engine.whenDrained(5000);
    expect(rig.core.outbox.get(commandId)!.state).toBe('sent');
    expect(rig.fake.absences.size).toBe(1);
  });

  it('code lists: bundled lists merged with the ones fetched from CodeListService, with the time fetched', async () => {
    rig = await makeCore();
    // The refresh start() began in the background: wait until it has stored the list.
    const { lists, fetchedAt } = await vi.waitFor(async () => {
      const r = await rig.call('codelists.get', {});
      expect(r.fetchedAt.CitizenMessageContextTypeIdentifier).toBeTruthy();
      return r;
    });
    expect(lists.CitizenMessageContextTypeIdentifier?.find((i) => i.id === 11)).toMatchObject({ name: expect.stringContaining('Indstilling'), sentBy: ['akasse'] });
    expect(fetchedAt.CitizenMessageContextTypeIdentifier).toMatch(/^2026-11-22T/);
  });
});
