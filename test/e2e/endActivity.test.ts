// Ending an activity (issue 13 part 2): the jobcenter consultant ends a running activity in Min plan
// with an ophørsårsag a caseworker may use (14 and 15, from VITAS, are not offered), it goes through
// the outbox to DFDG exactly once, and the a-kasse's Min plan shows it ended with that reason.

import { describe, expect, it } from 'vitest';
import { shot } from './browser';
import { asOrganisation, e2eSuite, expectNoErrors, findAndOpenCitizen, gone, hasText, opCounts, openTab, registeredMember, shotsOnFailure, shown } from './flows';
import { addDays, danish } from './harness';

const SCENARIO = 'endActivity';
const NAME = 'Virksomhedspraktik i butik (e2e afslut)';

const suite = e2eSuite(SCENARIO, { akasse: 'akasse-067', jobcenter: 'jobcenter-10100' });

describe('ending an activity in Min plan', () => {
  it('the jobcenter ends an activity with an allowed ophørsårsag; the a-kasse’s Min plan shows it ended with that reason', async () => {
    const { env, akasse, jobcenter } = suite;
    const ak = akasse.page;
    const jc = jobcenter.page;
    shotsOnFailure(SCENARIO, { 'failure-akasse': ak, 'failure-jobcenter': jc });
    const member = registeredMember(env);
    const start = addDays(env.today, -10);
    const end = addDays(env.today, 2);
    const activityId = crypto.randomUUID();
    // The activity, as the jobcenter's own system registered it at DFDG.
    await asOrganisation(env, 'jobcenter-10100', (c, ctx) => c.personActivityStatus.createActivity(ctx, member.cpr, activityId, { name: NAME, activationType: 2, start, end: null, hoursPerWeek: 30 }));
    // The ophørsårsager come only from DFDG's code list: the jobcenter's core fetches it at start.
    await expect.poll(() => jobcenter.core.store.codeLists.all().some((l) => l.name === 'ActivityEndReasonTypeIdentifier'), { timeout: 15_000 }).toBe(true);

    // --- The jobcenter consultant ends it.
    await findAndOpenCitizen(jc, member.cpr, member.name);
    await openTab(jc, 'Min plan');
    await jc.getByRole('button', { name: `Afslut ${NAME} fra ${danish(start)}` }).click();
    const form = jc.getByRole('form', { name: 'Afslut aktivitet' });
    const reason = form.getByRole('combobox', { name: 'Ophørsårsag' });
    await shown(reason);
    await expect.poll(async () => (await reason.locator('option').evaluateAll((os) => os.map((o) => o.getAttribute('value')))).length, { timeout: 10_000 }).toBeGreaterThan(1);
    const offered = await reason.locator('option').evaluateAll((os) => os.map((o) => o.getAttribute('value')));
    expect(offered).not.toContain('14');
    expect(offered).not.toContain('15');
    await form.getByLabel(/^Slutdato/).fill(danish(end));
    await reason.selectOption('1');
    await shot(jc, SCENARIO, '01-end-form');
    await form.getByRole('button', { name: 'Afslut aktiviteten' }).click();
    await gone(form);
    await jobcenter.core.engine.whenDrained(20_000);
    const atDfdg = await asOrganisation(env, 'jobcenter-10100', (c, ctx) => c.personActivityStatus.getPersonActivityStatus(ctx, member.cpr));
    expect(atDfdg.find((a) => a.id === activityId)).toMatchObject({ end, endReason: 1 });

    // --- The a-kasse hears of it (GetActivityGeneralEventVersion3) and its Min plan shows the end and the reason.
    await akasse.call('sync.now', {});
    await findAndOpenCitizen(ak, member.cpr, member.name);
    await openTab(ak, 'Min plan');
    const item = ak.getByRole('listitem').filter({ hasText: NAME });
    await hasText(item, `${danish(start)} – ${danish(end)}`);
    const reasonName = (await asOrganisation(env, 'akasse-067', (c, ctx) => c.codeList.getCodeList(ctx, 'ActivityEndReasonTypeIdentifier'))).find((i) => i.id === 1)!.name;
    await hasText(item, 'Ophørsårsag', `1 – ${reasonName}`);
    // The a-kasse cannot end or move the jobcenter's activities.
    expect(await item.getByRole('button', { name: /^Afslut|^Flyt/ }).count()).toBe(0);
    await shot(ak, SCENARIO, '02-akasse-min-plan');

    const stats = await env.admin.stats();
    expect(opCounts(stats, /EndActivity$/).applied).toBe(1);
    expect(stats.logical.duplicates).toBe(0);
    await expectNoErrors([ak, jc], [akasse, jobcenter]);
  });
});
