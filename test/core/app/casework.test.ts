import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Finding, NotificationItem } from '../../../shared/domain';
import { ruleInfo } from '../../../shared/rules';
import { purgeCitizen } from '../../../main/core/store';
import { CPR_A, JOBCENTER_IDENTITY, message } from '../support/fixtures';
import { expectCoreError, makeCore, seedCitizen, type CoreRig } from './helpers';

let rig: CoreRig;
afterEach(async () => {
  await rig?.close();
});

const INPUT = { type: 10, start: '2026-12-01', end: '2026-12-14', comment: null, notificationDate: '2026-11-22', endReason: null };

describe('absences', () => {
  it('registers absence optimistically with its consequences, confirms it after sending, and deletes with a rectification comment', async () => {
    rig = await makeCore();
    seedCitizen(rig.fake, CPR_A);
    await rig.call('citizens.open', { cpr: CPR_A, purpose: 'absence' });
    rig.fake.offline = true;
    const created = await rig.call('absences.create', { cpr: CPR_A, input: INPUT });
    expect(created.absence).toMatchObject({ type: 10, pendingCommandId: created.commandId });
    expect(created.findings.some((f) => f.severity === 'info' && f.ruleId === 'ABS_SELFBOOK_EXEMPT')).toBe(true);
    const listed = await rig.call('absences.list', { cpr: CPR_A });
    expect(listed.absences).toMatchObject([{ id: created.absence.id, pendingCommandId: created.commandId }]);

    rig.fake.offline = false;
    await rig.core.engine.whenDrained(5000);
    expect(rig.fake.absences.get(created.absence.id)).toMatchObject({ type: 10, start: '2026-12-01' });
    expect((await rig.call('absences.list', { cpr: CPR_A })).absences).toMatchObject([{ id: created.absence.id, pendingCommandId: null }]);

    const noComment = await expectCoreError(rig.call('absences.delete', { cpr: CPR_A, absenceId: created.absence.id, rectificationComment: ' ' }), 'rules');
    expect(noComment.findings?.map((f) => f.ruleId)).toContain('ABS_RECTIFICATION_COMMENT');
    await rig.call('absences.delete', { cpr: CPR_A, absenceId: created.absence.id, rectificationComment: 'Registreret på den forkerte borger' });
    expect((await rig.call('absences.list', { cpr: CPR_A })).absences).toEqual([]);
    await rig.core.engine.whenDrained(5000);
    expect(rig.fake.absences.size).toBe(0);
  });

  it('refuses sorgorlov (79) from an a-kasse before the outbox, as the renderer does (seed 001 §2.1: jobcentres register it)', async () => {
    rig = await makeCore();
    seedCitizen(rig.fake, CPR_A);
    await rig.call('citizens.open', { cpr: CPR_A, purpose: 'absence' });
    const e = await expectCoreError(rig.call('absences.create', { cpr: CPR_A, input: { ...INPUT, type: 79 } }), 'rules');
    expect(e.findings?.filter((f) => f.severity === 'error').map((f) => f.ruleId)).toEqual(['ABS_TYPE_ALLOWED']);
    expect((await rig.call('outbox.list', {})).items).toEqual([]);
  });

  it('asks for a rectification comment when an absence that has begun is corrected; cancelling restores the previous version', async () => {
    rig = await makeCore();
    seedCitizen(rig.fake, CPR_A);
    rig.fake.absences.set('11111111-1111-4111-8111-111111111111', { id: '11111111-1111-4111-8111-111111111111', cpr: CPR_A, ...INPUT, start: '2026-11-01', end: '2026-11-30', registeredBy: null });
    await rig.call('citizens.open', { cpr: CPR_A, purpose: 'absence' });
    await rig.call('absences.list', { cpr: CPR_A });
    const id = '11111111-1111-4111-8111-111111111111';
    const err = await expectCoreError(rig.call('absences.update', { cpr: CPR_A, absenceId: id, input: { ...INPUT, start: '2026-11-01', end: '2026-11-20' }, rectificationComment: null }), 'rules');
    expect(err.findings?.map((f) => f.ruleId)).toContain('ABS_RECTIFICATION_COMMENT');
    rig.fake.offline = true;
    const upd = await rig.call('absences.update', { cpr: CPR_A, absenceId: id, input: { ...INPUT, start: '2026-11-01', end: '2026-11-20' }, rectificationComment: 'Raskmeldt tidligere' });
    expect(upd.absence.end).toBe('2026-11-20');
    await rig.core.engine.whenSettled(upd.commandId);
    await rig.call('outbox.cancel', { id: upd.commandId });
    expect((await rig.call('absences.list', { cpr: CPR_A })).absences).toMatchObject([{ id, end: '2026-11-30', pendingCommandId: null }]);
  });

  it('checks the rectification comment with the shared rule: also when a future absence is moved to a start that has passed', async () => {
    rig = await makeCore();
    seedCitizen(rig.fake, CPR_A);
    const id = '22222222-2222-4222-8222-222222222222';
    const other = '33333333-3333-4333-8333-333333333333';
    rig.fake.absences.set(id, { id, cpr: CPR_A, ...INPUT, registeredBy: null });
    rig.fake.absences.set(other, { id: other, cpr: CPR_A, ...INPUT, start: '2027-01-04', end: '2027-01-08', registeredBy: null });
    await rig.call('citizens.open', { cpr: CPR_A, purpose: 'absence' });
    await rig.call('absences.list', { cpr: CPR_A });
    // Today is 22-11-2026: the absence starts 01-12-2026 and is corrected to have started 15-11-2026.
    const moved = { ...INPUT, start: '2026-11-15' };
    const err = await expectCoreError(rig.call('absences.update', { cpr: CPR_A, absenceId: id, input: moved, rectificationComment: '  ' }), 'rules');
    expect(err.findings?.filter((f) => f.ruleId === 'ABS_RECTIFICATION_COMMENT')).toEqual([
      { ruleId: 'ABS_RECTIFICATION_COMMENT', severity: 'error', field: 'rectificationComment', message: 'Fraværet er begyndt. Skriv en berigtigelseskommentar, der forklarer rettelsen.', source: ruleInfo('ABS_RECTIFICATION_COMMENT')!.source },
    ]);
    const upd = await rig.call('absences.update', { cpr: CPR_A, absenceId: id, input: moved, rectificationComment: 'Ferien begyndte en uge før anmeldt' });
    expect(upd.absence.start).toBe('2026-11-15');
    // A future absence kept in the future needs none.
    await rig.call('absences.update', { cpr: CPR_A, absenceId: other, input: { ...INPUT, start: '2027-01-04', end: '2027-01-15' }, rectificationComment: null });
  });
});

describe('a rejected absence edited in the outbox', () => {
  it('is resent with the new period, and the outbox line names the new period', async () => {
    rig = await makeCore();
    seedCitizen(rig.fake, CPR_A);
    await rig.call('citizens.open', { cpr: CPR_A, purpose: 'absence' });
    rig.fake.refusals.set('CreateFravaerMedIdentifier', 4592);
    const created = await rig.call('absences.create', { cpr: CPR_A, input: { ...INPUT, type: 2 } });
    await rig.core.engine.whenDrained(5000);
    expect((await rig.call('outbox.get', { id: created.commandId })).item).toMatchObject({ state: 'rejected', error: { code: 4592 }, summary: expect.stringContaining('01-12-2026 – 14-12-2026') });
    rig.fake.refusals.delete('CreateFravaerMedIdentifier');
    const re = await rig.call('outbox.resubmit', { id: created.commandId, absence: { input: { ...INPUT, type: 2, end: '2026-12-31' }, rectificationComment: null } });
    expect(re.item.summary).toContain('01-12-2026 – 31-12-2026');
    await rig.core.engine.whenDrained(5000);
    expect(rig.fake.absences.get(created.absence.id)).toMatchObject({ type: 2, end: '2026-12-31' });
    expect((await rig.call('outbox.list', {})).items.find((i) => i.id === created.commandId)).toMatchObject({ state: 'sent', summary: expect.stringContaining('31-12-2026') });
  });
});

describe('a rejected correction or deletion of a begun absence edited in the outbox', () => {
  const BEGUN = '44444444-4444-4444-8444-444444444444';
  async function rejected(kind: 'update' | 'delete') {
    rig = await makeCore();
    seedCitizen(rig.fake, CPR_A);
    rig.fake.absences.set(BEGUN, { id: BEGUN, cpr: CPR_A, ...INPUT, start: '2026-11-01', end: '2026-11-30', registeredBy: null });
    await rig.call('citizens.open', { cpr: CPR_A, purpose: 'absence' });
    await rig.call('absences.list', { cpr: CPR_A });
    rig.fake.refusals.set(kind === 'update' ? 'UpdateFravaer' : 'DeleteFravaer', 1003);
    const { commandId } =
      kind === 'update'
        ? await rig.call('absences.update', { cpr: CPR_A, absenceId: BEGUN, input: { ...INPUT, start: '2026-11-01', end: '2026-11-20' }, rectificationComment: 'Raskmeldt tidligere' })
        : await rig.call('absences.delete', { cpr: CPR_A, absenceId: BEGUN, rectificationComment: 'Registreret ved en fejl' });
    await rig.core.engine.whenDrained(5000);
    expect((await rig.call('outbox.get', { id: commandId })).item).toMatchObject({ state: 'rejected', error: { code: 1003 } });
    return commandId;
  }

  it('update: outbox.get gives the comment and the absence as it was; resubmit refuses an emptied comment and keeps the one it has', async () => {
    const id = await rejected('update');
    expect((await rig.call('outbox.get', { id })).absence).toEqual({
      absenceId: BEGUN,
      input: { ...INPUT, start: '2026-11-01', end: '2026-11-20' },
      rectificationComment: 'Raskmeldt tidligere',
      previous: { type: 10, start: '2026-11-01', end: '2026-11-30' },
    });
    for (const rectificationComment of [null, '   ']) {
      const err = await expectCoreError(rig.call('outbox.resubmit', { id, absence: { input: { ...INPUT, start: '2026-11-01', end: '2026-11-21' }, rectificationComment } }), 'rules');
      expect((err.findings as Finding[] | undefined)?.filter((f) => f.severity === 'error').map((f) => [f.ruleId, f.field])).toEqual([['ABS_RECTIFICATION_COMMENT', 'rectificationComment']]);
    }
    // Moving the start of the begun absence into the future does not make it a new one.
    await expectCoreError(rig.call('outbox.resubmit', { id, absence: { input: { ...INPUT, start: '2026-12-01', end: '2026-12-05' }, rectificationComment: null } }), 'rules');
    expect((await rig.call('outbox.get', { id })).item.state).toBe('rejected');

    const re = await rig.call('outbox.resubmit', { id, absence: { input: { ...INPUT, start: '2026-11-01', end: '2026-11-21' } } });
    expect(re.item.state).toBe('queued');
    await rig.core.engine.whenDrained(5000);
    expect(rig.fake.absences.get(BEGUN)).toMatchObject({ end: '2026-11-21' });
  });

  it('delete: resubmit refuses an emptied comment instead of sending the old one', async () => {
    const id = await rejected('delete');
    expect((await rig.call('outbox.get', { id })).absence).toMatchObject({ rectificationComment: 'Registreret ved en fejl', previous: { type: 10, start: '2026-11-01' } });
    const err = await expectCoreError(rig.call('outbox.resubmit', { id, absence: { rectificationComment: null } }), 'rules');
    expect(err.findings?.map((f) => f.ruleId)).toContain('ABS_RECTIFICATION_COMMENT');
    await rig.call('outbox.resubmit', { id, absence: { rectificationComment: 'Registreret på den forkerte borger' } });
    await rig.core.engine.whenDrained(5000);
    expect(rig.fake.absences.has(BEGUN)).toBe(false);
  });
});

describe('recommendations and advisories', () => {
  function recommendationArrives(): NotificationItem {
    rig.fake.messages.push(message({ id: 'rec-1', createdAt: '2026-11-20T10:00:00.000Z' }));
    const item: NotificationItem = {
      messageIdentifier: randomUUID(),
      kind: 'GetCitizenMessageVersion1',
      cpr: CPR_A,
      changeType: 1,
      eventAt: '2026-11-20T10:00:00.000Z',
      registeringOrganisation: { organisationType: 2, organisationCode: '067' },
      registeringUser: null,
      entityId: 'rec-1',
      details: { contextType: 11, responseToId: null },
    };
    rig.fake.notifications.push(item);
    return item;
  }

  it('a jobcenter grants a recommendation: the activity is created in Min plan, then the reply goes in the thread, and the advisory is done', async () => {
    rig = await makeCore({ identity: JOBCENTER_IDENTITY });
    seedCitizen(rig.fake, CPR_A);
    recommendationArrives();
    const inbox: number[] = [];
    rig.core.on('inbox.changed', (p) => inbox.push(p.open));
    await rig.call('sync.now', {});
    const { advisories } = await rig.call('advisories.list', { status: ['open'] });
    expect(advisories).toMatchObject([{ kind: 'recommendation-received', cpr: CPR_A, entityId: 'rec-1', dueDate: '2026-12-06' }]);
    const taken = await rig.call('advisories.take', { id: advisories[0]!.id });
    expect(taken).toMatchObject({ status: 'in-progress', takenBy: 'Jens Jobcenter' });

    await rig.call('citizens.open', { cpr: CPR_A, purpose: 'advisory' });
    await rig.call('messages.threads', { cpr: CPR_A });
    const noReasons = await expectCoreError(
      rig.call('recommendations.answer', { cpr: CPR_A, messageId: 'rec-1', decision: 'reject', body: 'Vi kan ikke imødekomme indstillingen.' }),
      'rules',
    );
    expect(noReasons.findings?.map((f) => f.ruleId)).toContain('REC_REASONS_REQUIRED');

    const res = await rig.call('recommendations.answer', {
      cpr: CPR_A,
      messageId: 'rec-1',
      decision: 'grant',
      body: 'Jobcentret bevilger virksomhedspraktik.',
      activity: { name: 'Virksomhedspraktik hos Bageriet ApS', activationType: 3, start: '2026-12-01', end: '2027-01-26', hoursPerWeek: 37 },
    });
    expect(res.commandIds).toHaveLength(2);
    expect((await rig.call('advisories.list', { status: ['open', 'in-progress'] })).advisories).toEqual([]);
    expect(inbox.at(-1)).toBe(0);
    await rig.core.engine.whenDrained(5000);
    expect(rig.fake.activities).toMatchObject([{ name: 'Virksomhedspraktik hos Bageriet ApS', cpr: CPR_A }]);
    const reply = rig.fake.messages.find((m) => m.responseToId === 'rec-1')!;
    expect(reply).toMatchObject({ contextType: 1, channel: 4, to: { organisationType: 2, organisationCode: '067' } });
    expect(reply.body).toContain('Indstillingen er imødekommet');
    expect(reply.body).toContain('Digital Post');
    // The reply was sent after the activity (it depends on it).
    const ops = rig.fake.calls.map((c) => c.op);
    expect(ops.indexOf('PersonActivityStatusService.CreateActivity')).toBeLessThan(ops.lastIndexOf('CitizenMessageService.CreateMessage'));
  });

  it('if the activity is refused, the reply waits and is not sent; cancelling the activity cancels the reply', async () => {
    rig = await makeCore({ identity: JOBCENTER_IDENTITY });
    seedCitizen(rig.fake, CPR_A);
    recommendationArrives();
    await rig.call('citizens.open', { cpr: CPR_A, purpose: 'advisory' });
    await rig.call('messages.threads', { cpr: CPR_A });
    rig.fake.refusals.set('CreateActivity', 1003);
    const res = await rig.call('recommendations.answer', {
      cpr: CPR_A,
      messageId: 'rec-1',
      decision: 'grant',
      body: 'Bevilget.',
      activity: { name: 'Praktik', activationType: 3, start: '2026-12-01', end: null, hoursPerWeek: 20 },
    });
    await rig.core.engine.whenDrained(5000);
    const [act, reply] = res.commandIds.map((id) => rig.core.outbox.get(id)!);
    expect(act).toMatchObject({ state: 'rejected', error: { code: 1003 } });
    expect(reply).toMatchObject({ state: 'rejected', error: { service: 'local:dependency' } });
    expect(rig.fake.messages.filter((m) => m.responseToId === 'rec-1')).toEqual([]);
    await rig.call('outbox.cancel', { id: act!.id });
    expect(rig.core.outbox.get(reply!.id)!.state).toBe('cancelled');
    expect((await rig.call('plan.list', { cpr: CPR_A })).activities).toEqual([]);
  });

  const JOBCENTER_PARTY = { userType: 2, userIdentifier: 'x', fullName: 'Jens', organisationType: 8, organisationCode: '10100' } as const;
  const activityArrives = (a: Parameters<typeof rig.fake.activities.push>[0]) => {
    rig.fake.activities.push(a);
    rig.fake.notifications.push({
      messageIdentifier: randomUUID(), kind: 'GetActivityGeneralEventVersion3', cpr: CPR_A, changeType: 1, eventAt: null,
      registeringOrganisation: { organisationType: 8, organisationCode: '10100' }, registeringUser: null, entityId: a.id, details: { activationType: a.activationType },
    });
  };
  const answerArrives = (id: string, responseToId: string, body: string) => {
    rig.fake.messages.push(
      message({ id, contextType: 1, responseToId, subject: 'Sv', body, createdAt: new Date(Date.now() + 1000).toISOString(), from: JOBCENTER_PARTY, to: { organisationType: 2, organisationCode: '067' } }),
    );
    rig.fake.notifications.push({
      messageIdentifier: randomUUID(), kind: 'GetCitizenMessageVersion1', cpr: CPR_A, changeType: 1, eventAt: null,
      registeringOrganisation: { organisationType: 8, organisationCode: '10100' }, registeringUser: null, entityId: id, details: { contextType: 1, responseToId },
    });
  };

  /** An a-kasse sends a type 11 for Virksomhedspraktik, 4 weeks from 19-12-2026, with its structured form; returns its message id. */
  async function sendRecommendation(): Promise<string> {
    rig = await makeCore();
    seedCitizen(rig.fake, CPR_A);
    await rig.call('citizens.open', { cpr: CPR_A, purpose: 'plan' });
    const d = await rig.call('drafts.create', { cpr: CPR_A });
    await rig.call('drafts.save', {
      id: d.id,
      patch: {
        subject: 'Indstilling',
        body: 'Vi indstiller til virksomhedspraktik i 4 uger fra 19-12-2026 hos Bageriet ApS (CVR 12345678).',
        recommendation: { offerType: 2, proposedStart: '2026-12-19', durationWeeks: 4, hoursPerWeek: 37, company: { cvr: '12345678', name: 'Bageriet ApS' }, courseProvider: null, supportingActivities: [] },
      },
    });
    await rig.call('drafts.submit', { id: d.id });
    await rig.core.engine.whenDrained(5000);
    return rig.fake.messages[0]!.id;
  }

  it('an a-kasse sees its recommendation granted only from evidence: not by an unrelated Mentorforløb, not by "vi vender tilbage om bevilling", but by the recommended praktik in Min plan', async () => {
    const recId = await sendRecommendation();
    let plan = await rig.call('plan.list', { cpr: CPR_A });
    expect(plan.recommendations).toMatchObject([{ messageId: recId, status: 'pending', answeredAt: null, evidence: null }]);

    // An unrelated activity: a Mentorforløb (no offer type) appears in Min plan.
    activityArrives({ id: 'act-mentor', cpr: CPR_A, name: 'Mentorforløb', activationType: null, start: '2026-11-25', end: null, endReason: null, hoursPerWeek: 2, responsibleAuthority: null, createdAt: new Date().toISOString() });
    await rig.call('sync.now', {});
    plan = await rig.call('plan.list', { cpr: CPR_A });
    expect(plan.recommendations[0]).toMatchObject({ status: 'pending', activityId: null });

    // The jobcenter answers without deciding.
    answerArrives('ans-1', recId, 'Tak for indstillingen. Vi vender tilbage om bevilling.');
    await rig.call('sync.now', {});
    expect((await rig.call('advisories.list', {})).advisories.map((a) => a.kind)).toContain('recommendation-answered');
    plan = await rig.call('plan.list', { cpr: CPR_A });
    expect(plan.recommendations[0]).toMatchObject({ status: 'answered', answerMessageId: 'ans-1', activityId: null });

    // The recommended offer starts in Min plan inside the proposed period.
    activityArrives({ id: 'act-9', cpr: CPR_A, name: 'Praktik hos Bageriet', activationType: 2, start: '2026-12-19', end: null, endReason: null, hoursPerWeek: 37, responsibleAuthority: null, createdAt: new Date().toISOString() });
    await rig.call('sync.now', {});
    plan = await rig.call('plan.list', { cpr: CPR_A });
    expect(plan.recommendations[0]).toMatchObject({ status: 'granted', activityId: 'act-9', evidence: 'Virksomhedspraktik, start 19-12-2026, i Min plan' });

    // The grant is withdrawn: end reason 14 "Bevilling ikke godkendt" (seed 001 §3.1).
    rig.fake.activities.find((a) => a.id === 'act-9')!.endReason = 14;
    rig.fake.activities.find((a) => a.id === 'act-9')!.end = '2026-12-20';
    await rig.call('citizens.refresh', { cpr: CPR_A });
    plan = await rig.call('plan.list', { cpr: CPR_A });
    expect(plan.recommendations[0]).toMatchObject({ status: 'rejected', activityId: 'act-9', evidence: expect.stringContaining('ophørsårsag 14 »Bevilling ikke godkendt«') });
  });

  it('the proposal outlives the outbox row it came from (kept with the citizen, purged with the citizen)', async () => {
    await sendRecommendation();
    rig.core.store.db.prepare("DELETE FROM outbox WHERE state = 'sent'").run();
    activityArrives({ id: 'act-9', cpr: CPR_A, name: 'Praktik', activationType: 2, start: '2026-12-21', end: null, endReason: null, hoursPerWeek: 37, responsibleAuthority: null, createdAt: new Date().toISOString() });
    await rig.call('sync.now', {});
    expect((await rig.call('plan.list', { cpr: CPR_A })).recommendations[0]).toMatchObject({ status: 'granted', activityId: 'act-9' });
    purgeCitizen(rig.core.store, CPR_A);
    expect(rig.core.store.recommendations.list(CPR_A)).toEqual([]);
  });

  it("a jobcenter's own answer is the explicit decision: a rejection shows as Afslået, a grant as Bevilget with its activity", async () => {
    rig = await makeCore({ identity: JOBCENTER_IDENTITY });
    seedCitizen(rig.fake, CPR_A);
    recommendationArrives();
    rig.fake.messages.push(message({ id: 'rec-2', createdAt: '2026-11-21T10:00:00.000Z' }));
    await rig.call('citizens.open', { cpr: CPR_A, purpose: 'advisory' });
    await rig.call('messages.threads', { cpr: CPR_A });
    rig.fake.offline = true;
    await rig.call('recommendations.answer', { cpr: CPR_A, messageId: 'rec-1', decision: 'reject', body: 'Vi kan ikke imødekomme indstillingen.', reasons: 'Forløb i gang.' });
    await rig.call('recommendations.answer', {
      cpr: CPR_A,
      messageId: 'rec-2',
      decision: 'grant',
      body: 'Bevilget.',
      activity: { name: 'Praktik', activationType: 2, start: '2026-12-01', end: null, hoursPerWeek: 30 },
    });
    let byId = Object.fromEntries((await rig.call('plan.list', { cpr: CPR_A })).recommendations.map((r) => [r.messageId, r]));
    expect(byId['rec-1']).toMatchObject({ status: 'rejected', evidence: 'jobcentrets svar (afslag) ligger i udbakken' });
    expect(byId['rec-2']).toMatchObject({ status: 'granted', evidence: 'Virksomhedspraktik, start 01-12-2026, i Min plan (venter på afsendelse)' });
    rig.fake.offline = false;
    await rig.core.engine.whenDrained(5000);
    rig.core.store.db.prepare("DELETE FROM outbox WHERE state = 'sent'").run();
    byId = Object.fromEntries((await rig.call('plan.list', { cpr: CPR_A })).recommendations.map((r) => [r.messageId, r]));
    expect(byId['rec-1']).toMatchObject({ status: 'rejected', evidence: expect.stringMatching(/^jobcentrets svar \(afslag\) \d\d-\d\d-\d{4}$/) });
    expect(byId['rec-2']).toMatchObject({ status: 'granted', evidence: 'Virksomhedspraktik, start 01-12-2026, i Min plan' });
  });
});

describe('recommendation status with several recommendations', () => {
  it("the a-kasse reads no decision into the jobcenter's free text: answers show as answered; the one activity goes to the recommendation it fits", async () => {
    rig = await makeCore();
    seedCitizen(rig.fake, CPR_A);
    await rig.call('citizens.open', { cpr: CPR_A, purpose: 'plan' });
    const jobcenter = { userType: 2, userIdentifier: 'x', fullName: 'Jens', organisationType: 8, organisationCode: '10100' } as const;
    const akasse = { organisationType: 2, organisationCode: '067' };
    const t = (min: number) => new Date(Date.parse('2026-11-22T08:00:00.000Z') + min * 60_000).toISOString();
    rig.fake.messages.push(
      message({ id: 'rec-old', subject: 'Gammel indstilling', createdAt: t(0) }),
      message({ id: 'rec-a', subject: 'Indstilling A', createdAt: t(10) }),
      message({ id: 'ans-a', contextType: 1, responseToId: 'rec-a', subject: 'Svar', body: 'Jobcentret kan ikke imødekomme a-kassens indstilling om tilbud.\n\nIndstillingen er afvist.\nBegrundelse: Forløb i gang.', createdAt: t(20), from: jobcenter, to: akasse }),
      message({ id: 'rec-b', subject: 'Indstilling B', createdAt: t(30) }),
      message({ id: 'ans-b', contextType: 1, responseToId: 'rec-b', subject: 'Svar', body: 'Indstillingen er imødekommet: Praktik fra 01-12-2026.', createdAt: t(40), from: jobcenter, to: akasse }),
    );
    // What the a-kasse proposed (as its own composer would have recorded it when sending).
    rig.core.store.recommendations.putProposal('rec-a', CPR_A, { offerType: 2, proposedStart: '2026-12-01', durationWeeks: 8, hoursPerWeek: null, company: null, courseProvider: null, supportingActivities: [] });
    rig.core.store.recommendations.putProposal('rec-b', CPR_A, { offerType: 2, proposedStart: '2026-12-01', durationWeeks: 8, hoursPerWeek: null, company: null, courseProvider: null, supportingActivities: [] });
    rig.fake.activities.push({ id: 'act-b', cpr: CPR_A, name: 'Praktik', activationType: 2, start: '2026-12-01', end: null, endReason: null, hoursPerWeek: 30, responsibleAuthority: null, createdAt: t(39) });
    rig.fake.notifications.push({
      messageIdentifier: randomUUID(), kind: 'GetActivityGeneralEventVersion3', cpr: CPR_A, changeType: 1, eventAt: null,
      registeringOrganisation: { organisationType: 8, organisationCode: '10100' }, registeringUser: null, entityId: 'act-b', details: { activationType: 2 },
    });
    await rig.call('sync.now', {});
    await rig.call('messages.threads', { cpr: CPR_A });
    const plan = await rig.call('plan.list', { cpr: CPR_A });
    const byId = Object.fromEntries(plan.recommendations.map((r) => [r.messageId, r]));
    expect(byId['rec-b']).toMatchObject({ status: 'granted', activityId: 'act-b', answerMessageId: 'ans-b' });
    expect(byId['rec-a']).toMatchObject({ status: 'answered', activityId: null, answerMessageId: 'ans-a' });
    expect(byId['rec-old']).toMatchObject({ status: 'pending', activityId: null });
  });
});

describe('audit export and app info', () => {
  it('exports the citizen’s access log as CSV and records the export itself', async () => {
    rig = await makeCore();
    seedCitizen(rig.fake, CPR_A);
    await rig.call('citizens.open', { cpr: CPR_A, purpose: 'citizen-page' });
    const { fileName, csv } = await rig.call('audit.export', { cpr: CPR_A });
    expect(fileName).toMatch(/^adgangslog-010190-xxxx-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.split('\r\n')[1]).toContain('Opslag af borgerens stamdata;DFDG;Borgeroverblik;Udført');
    expect((await rig.call('audit.list', { cpr: CPR_A })).entries[0]).toMatchObject({ action: 'audit.export' });
    const info = await rig.call('app.info', {});
    expect(info).toMatchObject({ mode: 'sandbox', today: '2026-11-22', identity: { organisation: { code: '067' } }, status: { online: true } });
  });
});

describe('Min plan: ending and moving activities (jobcenter)', () => {
  const ID = '22222222-2222-4222-8222-222222222222';
  const act = (over: Record<string, unknown> = {}) => ({
    id: ID,
    cpr: CPR_A,
    name: 'Virksomhedspraktik',
    activationType: 2,
    start: '2026-12-15',
    end: '2027-02-15',
    endReason: null,
    hoursPerWeek: 37,
    responsibleAuthority: { code: '10100', name: 'Jobcenter Testby' },
    createdAt: '2026-11-01T10:00:00Z',
    ...over,
  });

  it('the end shows at once as pending, cancelling puts the activity back; a second change waits for the first; a running activity is not moved', async () => {
    rig = await makeCore({ identity: JOBCENTER_IDENTITY });
    seedCitizen(rig.fake, CPR_A);
    const RUNNING = '33333333-3333-4333-8333-333333333333';
    rig.fake.activities.push(act(), act({ id: RUNNING, name: 'Mentorforløb', start: '2026-11-01' }));
    await rig.call('citizens.open', { cpr: CPR_A, purpose: 'plan' });
    await rig.call('plan.list', { cpr: CPR_A });
    await expectCoreError(rig.call('plan.updateActivity', { cpr: CPR_A, activityId: RUNNING, start: '2027-01-05', end: null }), 'conflict');
    rig.fake.offline = true;
    const r = await rig.call('plan.endActivity', { cpr: CPR_A, activityId: ID, end: '2026-12-20', endReason: 1 });
    expect(r.activity).toMatchObject({ end: '2026-12-20', endReason: 1, pendingCommandId: r.commandId });
    expect(rig.core.outbox.get(r.commandId)!.summary).toBe('Aktivitet afsluttet: Virksomhedspraktik pr. 20-12-2026 (ophørsårsag 1)');
    // A second change while one waits is refused, said why.
    await expectCoreError(rig.call('plan.updateActivity', { cpr: CPR_A, activityId: ID, start: '2027-01-05', end: null }), 'conflict');
    await rig.core.engine.whenSettled(r.commandId);
    await rig.call('outbox.cancel', { id: r.commandId });
    expect((await rig.call('plan.list', { cpr: CPR_A })).activities.find((a) => a.id === ID)).toMatchObject({ end: '2027-02-15', endReason: null, pendingCommandId: null });
    expect(rig.fake.activities[0]).toMatchObject({ end: '2027-02-15', endReason: null });
  });

  it('moving a planned activity is sent and confirmed; an end is refused when it comes before the start (PLAN_PERIOD)', async () => {
    rig = await makeCore({ identity: JOBCENTER_IDENTITY });
    seedCitizen(rig.fake, CPR_A);
    rig.fake.activities.push(act());
    await rig.call('citizens.open', { cpr: CPR_A, purpose: 'plan' });
    await rig.call('plan.list', { cpr: CPR_A });
    const early = await expectCoreError(rig.call('plan.endActivity', { cpr: CPR_A, activityId: ID, end: '2026-12-01', endReason: 1 }), 'rules');
    expect(early.findings?.map((f) => f.ruleId)).toContain('PLAN_PERIOD');
    const r = await rig.call('plan.updateActivity', { cpr: CPR_A, activityId: ID, start: '2027-01-05', end: '2027-03-05' });
    await rig.core.engine.whenDrained(5_000);
    expect(rig.core.outbox.get(r.commandId)).toMatchObject({ state: 'sent', summary: 'Aktivitet flyttet: Virksomhedspraktik 05-01-2027 – 05-03-2027' });
    expect(rig.fake.activities[0]).toMatchObject({ start: '2027-01-05', end: '2027-03-05' });
    expect((await rig.call('plan.list', { cpr: CPR_A })).activities).toMatchObject([{ id: ID, start: '2027-01-05', pendingCommandId: null }]);
  });
});
