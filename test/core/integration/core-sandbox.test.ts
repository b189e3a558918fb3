// The core with the real DFDG clients against the real sandbox: what a caseworker does, end to end
// below the renderer.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSandbox } from '../../contract/helpers';
import { coreFor, type SandboxCore } from './helpers';
import { CoreError } from '../../../main/core/errors';
import { thrownBy } from '../support/thrown';

const env = withSandbox({ citizens: 300, seed: 7 });
let akasse: SandboxCore;
let jobcenter: SandboxCore;

const TYPE11_BODY = 'Vi indstiller til virksomhedspraktik i 8 uger hos Bageriet ApS (CVR 12345678), så medlemmet kan afprøve faget.';

function sharedCitizen() {
  // A KG1 member of a-kasse 067 attached to a jobcenter the sandbox has a certificate for.
  const c = env.visible('akasse-067', 1).find((x) => env.sb.certs.orgs[`jobcenter-${x.jobcenterCode}`]);
  if (!c) throw new Error('no shared citizen in the sample');
  return c;
}

beforeAll(async () => {
  const c = sharedCitizen();
  akasse = await coreFor(env.sb, 'akasse-067');
  jobcenter = await coreFor(env.sb, `jobcenter-${c.jobcenterCode}`);
});
afterAll(async () => {
  await akasse?.close();
  await jobcenter?.close();
});

describe('core against the sandbox', () => {
  it('finds a member by CPR, opens the overview from DFDG and then from the cache; refuses a citizen of another a-kasse', async () => {
    const c = sharedCitizen();
    const formatted = `${c.cpr.slice(0, 6)}-${c.cpr.slice(6)}`;
    const found = await akasse.call('citizens.search', { query: formatted });
    expect(found).toMatchObject({ source: 'dfdg', results: [{ cpr: c.cpr, name: c.name }] });
    // The search just fetched the person status: opening is served from the cache, a refresh asks DFDG.
    const o = await akasse.call('citizens.open', { cpr: c.cpr, purpose: 'citizen-page' });
    expect(o).toMatchObject({ citizen: { cpr: c.cpr, akasseCode: '067', contactGroup: 1 }, access: [], freshness: { source: 'cache', stale: false } });
    expect((await akasse.call('citizens.refresh', { cpr: c.cpr })).freshness.source).toBe('dfdg');
    const byName = await akasse.call('citizens.search', { query: c.name.split(' ')[0]! });
    expect(byName.results.map((r) => r.cpr)).toContain(c.cpr);

    const other = env.notVisible('akasse-067', /a-kasse/)[0]!;
    expect((await akasse.call('citizens.search', { query: other.cpr })).results).toEqual([]);
    expect(akasse.core.audit.list(other.cpr)[0]).toMatchObject({ outcome: 'denied' });
  });

  it('an a-kasse recommendation reaches the jobcenter, is granted there, and the a-kasse sees it granted', async () => {
    const c = sharedCitizen();
    await akasse.call('citizens.open', { cpr: c.cpr, purpose: 'composer' });
    const d = await akasse.call('drafts.create', { cpr: c.cpr, templateId: 'builtin-indstilling' });
    const start = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    // The structured form is what the outcome is matched against (shared/recommendationOutcome).
    const recommendation = { offerType: 3, proposedStart: start, durationWeeks: 8, hoursPerWeek: 37, company: { cvr: '12345678', name: 'Bageriet ApS' }, courseProvider: null, supportingActivities: [] };
    await akasse.call('drafts.save', { id: d.id, patch: { body: TYPE11_BODY, recommendation } });
    const { commandId } = await akasse.call('drafts.submit', { id: d.id });
    await akasse.core.engine.whenDrained(20_000);
    const sent = akasse.core.outbox.get(commandId)!;
    expect(sent.state).toBe('sent');
    const tray = await env.admin.jobnetTray(c.cpr);
    expect(tray.some((m) => m.beskedIdentifier === sent.receipt!.entityId && m.kontekstType === 11)).toBe(true);

    // The jobcenter's poller turns the notification into an advisory.
    await jobcenter.call('sync.now', {});
    const { advisories } = await jobcenter.call('advisories.list', { status: ['open'], kind: ['recommendation-received'] });
    const adv = advisories.find((a) => a.cpr === c.cpr && a.entityId === sent.receipt!.entityId);
    expect(adv).toBeDefined();
    await jobcenter.call('citizens.open', { cpr: c.cpr, purpose: 'advisory' });
    const threads = await jobcenter.call('messages.threads', { cpr: c.cpr });
    expect(threads.threads.some((t) => t.rootId === sent.receipt!.entityId)).toBe(true);

    const answer = await jobcenter.call('recommendations.answer', {
      cpr: c.cpr,
      messageId: sent.receipt!.entityId!,
      advisoryId: adv!.id,
      decision: 'grant',
      body: 'Jobcentret bevilger virksomhedspraktik hos Bageriet ApS.',
      activity: { name: 'Virksomhedspraktik hos Bageriet ApS', activationType: 3, start, end: null, hoursPerWeek: 37 },
    });
    await jobcenter.core.engine.whenDrained(20_000);
    for (const id of answer.commandIds) expect(jobcenter.core.outbox.get(id)!.state).toBe('sent');

    await akasse.call('sync.now', {});
    const kinds = (await akasse.call('advisories.list', { status: ['open'] })).advisories.filter((a) => a.cpr === c.cpr).map((a) => a.kind);
    expect(kinds).toEqual(expect.arrayContaining(['recommendation-answered', 'offer-granted']));
    const plan = await akasse.call('plan.list', { cpr: c.cpr });
    expect(plan.recommendations.find((r) => r.messageId === sent.receipt!.entityId)).toMatchObject({ status: 'granted', evidence: expect.stringMatching(/, i Min plan$/) });
    const jcPlan = await jobcenter.call('plan.list', { cpr: c.cpr });
    expect(jcPlan.recommendations.find((r) => r.messageId === sent.receipt!.entityId)).toMatchObject({ status: 'granted', activityId: expect.any(String) });
    expect(plan.activities.some((a) => a.name === 'Virksomhedspraktik hos Bageriet ApS')).toBe(true);

    const stats = await env.admin.stats();
    expect(stats.logical.duplicates).toBe(0);
  });

  it('the jobcenter ends an activity through the outbox (main refuses 14 and an a-kasse); the a-kasse’s Min plan shows the end; VITAS ending the granted offer with 14 raises "Bevilling ikke godkendt"', async () => {
    const c = sharedCitizen();
    await jobcenter.call('citizens.open', { cpr: c.cpr, purpose: 'plan' });
    // An activity of its own to end (created straight at DFDG, then read into Min plan).
    const jcOrg = `jobcenter-${c.jobcenterCode}`;
    const activityId = crypto.randomUUID();
    const start = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const end = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await env.clientsFor(jcOrg).personActivityStatus.createActivity(env.ctxFor(jcOrg), c.cpr, activityId, { name: 'Jobsøgningskursus', activationType: 1, start, end: null, hoursPerWeek: 20 });
    // (Made behind the client's back: no notification reaches the jobcenter itself, so its cache is marked stale here.)
    jobcenter.core.store.cacheMeta.markStale(c.cpr, ['activities']);
    expect((await jobcenter.call('plan.list', { cpr: c.cpr })).activities.some((a) => a.id === activityId)).toBe(true);

    // Never trust the renderer: 14 (VITAS only) is refused in main with the seed's rule; an a-kasse may not end activities.
    const refused = await thrownBy(jobcenter.call('plan.endActivity', { cpr: c.cpr, activityId, end, endReason: 14 }), CoreError);
    expect(refused.findings?.map((f) => f.ruleId)).toContain('PLAN_END_REASON_SYSTEM');
    await akasse.call('citizens.open', { cpr: c.cpr, purpose: 'plan' });
    const notAkasse = await thrownBy(akasse.call('plan.endActivity', { cpr: c.cpr, activityId, end, endReason: 1 }), CoreError);
    expect(notAkasse.findings?.map((f) => f.ruleId)).toEqual(['PLAN_JOBCENTER']);

    const r = await jobcenter.call('plan.endActivity', { cpr: c.cpr, activityId, end, endReason: 1 });
    expect(r.activity).toMatchObject({ end, endReason: 1, pendingCommandId: r.commandId });
    await jobcenter.core.engine.whenDrained(20_000);
    expect(jobcenter.core.outbox.get(r.commandId)!.state).toBe('sent');
    expect((await jobcenter.call('plan.list', { cpr: c.cpr })).activities.find((a) => a.id === activityId)).toMatchObject({ end, endReason: 1, pendingCommandId: null });

    // The a-kasse is notified (no advisory for an ordinary end) and its Min plan shows the end and the reason.
    await akasse.call('sync.now', {});
    const akPlan = await akasse.call('plan.list', { cpr: c.cpr });
    expect(akPlan.activities.find((a) => a.id === activityId)).toMatchObject({ end, endReason: 1 });

    // VITAS ends the offer the recommendation led to with 14: the a-kasse gets the advisory with the evidence, and the recommendation shows "Afslået".
    const granted = akPlan.activities.find((a) => a.name === 'Virksomhedspraktik hos Bageriet ApS')!;
    await env.admin.vitasEnd({ cpr: c.cpr, activityId: granted.id, end: granted.start.slice(0, 10), endReason: 14 });
    await akasse.call('sync.now', {});
    const adv = (await akasse.call('advisories.list', { status: ['open'], kind: ['grant-not-approved'] })).advisories.filter((a) => a.cpr === c.cpr);
    expect(adv).toMatchObject([{ kind: 'grant-not-approved', entityId: granted.id, title: expect.stringMatching(/^Bevilling ikke godkendt: .*med ophørsårsag 14 »Bevilling ikke godkendt« i Min plan$/) }]);
    const after = await akasse.call('plan.list', { cpr: c.cpr });
    expect(after.recommendations.find((x) => x.activityId === granted.id)).toMatchObject({ status: 'rejected', evidence: expect.stringContaining('ophørsårsag 14') });
    expect((await env.admin.stats()).logical.duplicates).toBe(0);
  });

  it('registers and deletes absence at DFDG through the outbox', async () => {
    const c = sharedCitizen();
    const start = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const end = new Date(Date.now() + 35 * 86_400_000).toISOString().slice(0, 10);
    const today = new Date().toISOString().slice(0, 10);
    const created = await akasse.call('absences.create', { cpr: c.cpr, input: { type: 10, start, end, comment: null, notificationDate: today, endReason: null } });
    await akasse.core.engine.whenDrained(20_000);
    expect(akasse.core.outbox.get(created.commandId)!.state).toBe('sent');
    await akasse.call('citizens.refresh', { cpr: c.cpr });
    const listed = await akasse.call('absences.list', { cpr: c.cpr });
    expect(listed.absences.find((a) => a.id === created.absence.id)).toMatchObject({ type: 10, pendingCommandId: null });

    const del = await akasse.call('absences.delete', { cpr: c.cpr, absenceId: created.absence.id, rectificationComment: 'Registreret ved en fejl' });
    await akasse.core.engine.whenDrained(20_000);
    expect(akasse.core.outbox.get(del.commandId)!.state).toBe('sent');
    await akasse.call('citizens.refresh', { cpr: c.cpr });
    expect((await akasse.call('absences.list', { cpr: c.cpr })).absences.find((a) => a.id === created.absence.id)).toBeUndefined();
  });
});
