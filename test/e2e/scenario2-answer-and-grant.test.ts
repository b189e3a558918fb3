// Scenario 2: the jobcenter consultant sees the a-kasse's recommendation as an advisory, opens it and
// rejects it with reasons; the a-kasse sees the answer in the thread and an advisory for it. Then a
// second recommendation is granted: the activity appears in Min plan, and the a-kasse's plan view
// shows the recommendation as granted, with the activity in Min plan as the evidence.

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { shot } from './browser';
import { e2eSuite, expectNoErrors, expectOutboxEmpty, findAndOpenCitizen, go, gone, hasText, lit, openTab, registeredMember, shotsOnFailure, shown, writeRecommendation } from './flows';
import { formatCpr } from '../../shared/cpr';
import { addDays, danish } from './harness';

const SCENARIO = 'scenario2-answer-and-grant';
const FIRST = 'Indstilling om løntilskud (e2e 2a)';
const SECOND = 'Indstilling om virksomhedspraktik (e2e 2b)';
const REASONS = 'Medlemmet er allerede i gang med et forløb hos jobcentret, som skal afsluttes først.';
const ACTIVITY = 'Virksomhedspraktik i butik (e2e)';

const suite = e2eSuite(SCENARIO, { akasse: 'akasse-067', jobcenter: 'jobcenter-10100' });

/** The a-kasse sends a recommendation from the citizen page and waits until it has left the outbox. */
async function recommend(page: Page, cpr: string, name: string, subject: string, offerName: string, startInDays: number) {
  const { env } = suite;
  const company = env.sample.companies!.withAccount[1]!;
  await findAndOpenCitizen(page, cpr, name);
  const composer = await writeRecommendation(page, {
    subject,
    reason: 'Medlemmet har selv fundet virksomheden og er motiveret.',
    offerName,
    company: { cvr: company.cvrNummer, pNumber: company.pNummer },
    startInDays,
    weeks: 6,
    hours: 30,
    today: env.today,
  });
  await composer.getByRole('button', { name: 'Send' }).click();
  await gone(composer);
  await expectOutboxEmpty(page);
}

/** The inbox option for an advisory (kind text and who it concerns in the row). */
function advisory(page: Page, kind: string, who: string) {
  return page.getByRole('listbox', { name: "Advis'er" }).getByRole('option').filter({ hasText: kind }).filter({ hasText: who });
}

describe('scenario 2: the jobcenter rejects one recommendation and grants another', () => {
  it('rejection with reasons reaches the a-kasse thread and inbox; a grant lands in Min plan on both sides', async () => {
    const { env, akasse, jobcenter } = suite;
    const ak = akasse.page;
    const jc = jobcenter.page;
    shotsOnFailure(SCENARIO, { 'failure-akasse': ak, 'failure-jobcenter': jc });
    const member = registeredMember(env);

    // --- 1. The a-kasse recommends; the jobcenter sees it as an advisory and rejects it with reasons.
    await recommend(ak, member.cpr, member.name, FIRST, 'Løntilskud – privat arbejdsgiver', 21);

    // The jobcenter has never opened this citizen: the advisory names the CPR number.
    const byCpr = `CPR ${formatCpr(member.cpr)}`;
    await go(jc, 'Indbakke');
    const received = advisory(jc, 'Indstilling om tilbud modtaget', byCpr);
    await shown(received, 20_000);
    await received.click();
    await shot(jc, SCENARIO, '01-jobcenter-inbox');
    await jc.getByRole('button', { name: 'Besvar indstillingen' }).click();
    let dialog = jc.getByRole('dialog', { name: `Besvar indstilling om tilbud – ${byCpr}` });
    await shown(dialog);
    await hasText(dialog, FIRST, 'Løntilskud – privat arbejdsgiver', 'Varighed: 6 uger');
    await dialog.getByRole('radio', { name: 'Afslå indstillingen' }).check();
    await dialog.getByLabel('Begrundelse for afslaget (skal udfyldes)').fill(REASONS);
    await shown(dialog.getByRole('note').filter({ hasText: 'Denne besked er ikke selve afgørelsen.' }));
    await shot(jc, SCENARIO, '02-jobcenter-reject');
    await dialog.getByRole('button', { name: 'Send afslag' }).click();
    await gone(dialog);
    await expectOutboxEmpty(jc);

    // The a-kasse gets an advisory for the answer, and the answer with the reasons is in the thread.
    await go(ak, 'Indbakke');
    const answered = advisory(ak, 'Svar på indstilling', member.name);
    await shown(answered, 20_000);
    await answered.click();
    await shot(ak, SCENARIO, '03-akasse-inbox-answer');
    await ak.getByRole('button', { name: 'Åbn borger' }).click();
    await shown(ak.getByRole('heading', { level: 1, name: member.name }));
    await ak.getByRole('listbox', { name: 'Tråde' }).getByRole('option', { name: lit(FIRST) }).click();
    const thread = ak.getByRole('article', { name: FIRST });
    await hasText(thread, '(jobcenter 10100)', 'Indstillingen er afvist.', `Begrundelse: ${REASONS}`);
    await shot(ak, SCENARIO, '04-akasse-thread-rejected');

    // --- 2. A second recommendation is granted.
    await recommend(ak, member.cpr, member.name, SECOND, 'Virksomhedspraktik', 28);
    await go(jc, 'Indbakke');
    // The answer looked the citizen up at the jobcenter: now the advisory has the name; the first one is done.
    const second = advisory(jc, 'Indstilling om tilbud modtaget', member.name);
    await shown(second, 20_000);
    // Enter on the focused list opens the answer view for the active advisory (keyboard path).
    await second.click();
    await jc.getByRole('listbox', { name: "Advis'er" }).press('Enter');
    dialog = jc.getByRole('dialog', { name: `Besvar indstilling om tilbud – ${member.name}` });
    await hasText(dialog, SECOND);
    await dialog.getByRole('radio', { name: 'Bevilg tilbuddet' }).check();
    // Prefilled from the recommendation's own lines.
    expect(await dialog.getByLabel('Aktivitetens navn').inputValue()).toBe('Virksomhedspraktik');
    expect(await dialog.getByLabel('Tilbudstype').locator('option:checked').innerText()).toBe('Virksomhedspraktik');
    expect(await dialog.getByLabel(/^Startdato/).inputValue()).toBe(danish(addDays(env.today, 28)));
    expect(await dialog.getByLabel('Timer pr. uge').inputValue()).toBe('30');
    await dialog.getByLabel('Aktivitetens navn').fill(ACTIVITY);
    await dialog.getByLabel(/^Slutdato/).fill(danish(addDays(env.today, 28 + 6 * 7)));
    await shot(jc, SCENARIO, '05-jobcenter-grant');
    await dialog.getByRole('button', { name: 'Bevilg og send svar' }).click();
    await gone(dialog);
    await expectOutboxEmpty(jc);

    // The activity is in Min plan at the jobcenter …
    await findAndOpenCitizen(jc, member.cpr, member.name);
    await openTab(jc, 'Min plan');
    await hasText(jc.getByRole('tabpanel'), ACTIVITY, 'Planlagt');
    await shot(jc, SCENARIO, '06-jobcenter-min-plan');

    // … and the a-kasse is told, and sees the recommendation granted in its plan view.
    await go(ak, 'Indbakke');
    await shown(advisory(ak, 'Ny aktivitet i Min plan', member.name), 20_000);
    await findAndOpenCitizen(ak, member.cpr, member.name);
    await openTab(ak, 'Min plan');
    const recs = ak.getByRole('region', { name: 'Indstillinger om tilbud' });
    await hasText(recs.getByRole('listitem').filter({ hasText: SECOND }), `Bevilget: Virksomhedspraktik, start ${danish(addDays(env.today, 28))}, i Min plan`);
    // The rejection is free text to the a-kasse (DFDG's message has no decision field): shown as an answer.
    await hasText(recs.getByRole('listitem').filter({ hasText: FIRST }), 'Svar modtaget');
    await hasText(ak.getByRole('region', { name: /^Aktiviteter og tilbud/ }), ACTIVITY);
    await shot(ak, SCENARIO, '07-akasse-min-plan-granted');

    const stats = await env.admin.stats();
    expect(stats.logical.duplicates).toBe(0);
    await expectNoErrors([ak, jc], [akasse, jobcenter]);
  });
});
