// Scenario 4: a historic absence is registered (its consequences shown before saving), corrected (with
// the rectification comment DFDG keeps) and deleted (historic: a rectification comment is required);
// each step reaches DFDG, the citizen's jobcenter is notified, and the sandbox ends with no absence.

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { shot } from './browser';
import { asOrganisation, e2eSuite, expectNoErrors, fillAbsence, findAndOpenCitizen, gone, hasText, opCounts, openTab, registeredMember, shotsOnFailure, shown } from './flows';
import { addDays, danish } from './harness';

const SCENARIO = 'scenario4-absence-lifecycle';
const TYPE_NAME = 'Ferie med feriepenge, feriedagpenge m.v.';

const suite = e2eSuite(SCENARIO, { akasse: 'akasse-067', jobcenter: ['jobcenter-10100', { page: false }] });

/** The absences DFDG holds for the citizen from the given start, read with the jobcenter's certificate. */
async function atDfdg(cpr: string, start: string) {
  const all = await asOrganisation(suite.env, 'jobcenter-10100', (jc, ctx) => jc.fravaer.getAlleFravaer(ctx, cpr));
  return all.filter((a) => a.start === start);
}

/** Waits until the outbox has nothing left and the nav shows no count. */
async function sentAll(page: Page) {
  await shown(page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('button', { name: 'Udbakke', exact: true }), 20_000);
  await suite.akasse.core.engine.whenDrained(20_000);
}

describe('scenario 4: register, correct and delete a historic absence', () => {
  it('shows the consequences before saving and ends with the absence gone at DFDG', async () => {
    const { env, akasse, jobcenter } = suite;
    const page = akasse.page;
    shotsOnFailure(SCENARIO, { failure: page });
    const member = registeredMember(env);
    const start = addDays(env.today, -30);
    const end = addDays(env.today, -21);
    const corrected = addDays(env.today, -19);
    const historic = page.getByRole('region', { name: /^Historisk fravær/ });
    const rowFor = (e: string) => historic.getByRole('row').filter({ hasText: `${danish(start)} – ${danish(e)}` });

    await findAndOpenCitizen(page, member.cpr, member.name);
    await openTab(page, 'Fravær');

    // --- Register, with the consequences shown before saving.
    let form = await fillAbsence(page, { start, end, notified: addDays(env.today, -31), type: '10' });
    const consequences = form.getByRole('note', { name: 'Det betyder registreringen for borgeren' });
    await hasText(consequences, 'Borgeren er fritaget for pligten til at selvbooke møder i fraværsperioden.', 'A-kassen og jobcentret får automatisk besked fra DFDG');
    await form.getByLabel('Kommentar').fill('Ferie anmeldt af medlemmet');
    await shot(page, SCENARIO, '01-register-consequences');
    await form.getByRole('button', { name: 'Registrér' }).click();
    await gone(form);
    await hasText(rowFor(end), TYPE_NAME);
    await sentAll(page);
    expect(await atDfdg(member.cpr, start)).toMatchObject([{ type: 10, end, comment: 'Ferie anmeldt af medlemmet' }]);
    await shot(page, SCENARIO, '02-registered');

    // The citizen's jobcenter hears of it (rules.md ABS_NOTIFY).
    await jobcenter.call('sync.now', {});
    await expect
      .poll(async () => (await jobcenter.call('advisories.list', { kind: ['absence-by-other'] })).advisories.filter((a) => a.cpr === member.cpr).length, { timeout: 10_000 })
      .toBeGreaterThan(0);

    // --- Correct it: the absence has begun, so the rectification comment is required.
    await page.getByRole('button', { name: `Ret ${TYPE_NAME} fra ${danish(start)}` }).click();
    form = page.getByRole('form', { name: 'Ret fravær' });
    await form.getByLabel(/^Slutdato/).fill(danish(corrected));
    await hasText(form.getByRole('note', { name: 'Det betyder registreringen for borgeren' }), 'selvbooke');
    // Without the comment the shared rules say why, beside the field, and Save waits for it.
    await hasText(form, 'Fraværet er begyndt. Skriv en berigtigelseskommentar, der forklarer rettelsen.');
    expect(await form.getByRole('button', { name: 'Gem rettelse' }).isDisabled()).toBe(true);
    await form.getByLabel('Berigtigelseskommentar').fill('Ferien varede to dage længere end først anmeldt');
    await shot(page, SCENARIO, '03-correct');
    await form.getByRole('button', { name: 'Gem rettelse' }).click();
    await gone(form);
    await hasText(rowFor(corrected), TYPE_NAME);
    await sentAll(page);
    expect(await atDfdg(member.cpr, start)).toMatchObject([{ type: 10, end: corrected }]);

    // --- Delete it: historic, so a rectification comment is required.
    await page.getByRole('button', { name: `Slet ${TYPE_NAME} fra ${danish(start)}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Slet fravær' });
    await hasText(dialog, `${danish(start)} – ${danish(corrected)}`);
    expect(await dialog.getByRole('button', { name: 'Slet fraværet' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Berigtigelseskommentar (skal udfyldes)').fill('Registreret på det forkerte medlem');
    await shot(page, SCENARIO, '04-delete');
    await dialog.getByRole('button', { name: 'Slet fraværet' }).click();
    await gone(dialog);
    await gone(rowFor(corrected));
    await sentAll(page);
    expect(await atDfdg(member.cpr, start)).toEqual([]);
    await page.getByRole('button', { name: 'Opdatér fra DFDG' }).click();
    await shown(page.getByRole('button', { name: 'Opdatér fra DFDG' }));
    expect(await rowFor(corrected).count()).toBe(0);
    await shot(page, SCENARIO, '05-deleted');

    const stats = await env.admin.stats();
    expect([/CreateFravaerMedIdentifier$/, /UpdateFravaer$/, /DeleteFravaer$/].map((op) => opCounts(stats, op).applied)).toEqual([1, 1, 1]);
    expect(stats.logical.duplicates).toBe(0);
    await expectNoErrors([page], [akasse, jobcenter]);
  });
});
