// Scenario 4: a historic absence is registered (its consequences shown before saving), corrected (with
// the rectification comment DFDG keeps) and deleted (historic: a rectification comment is required);
// each step reaches DFDG, the citizen's jobcenter is notified, and the sandbox ends with no absence.

import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Page } from 'playwright-core';
import { clientsFor, ctxFor } from '../contract/helpers';
import { clearShots, cspViolations, pageErrors, shot } from './browser';
import { findAndOpenCitizen, gone, hasText, openTab, shown } from './flows';
import { addDays, danish, startE2e, type Caseworker, type E2eEnv } from './harness';

const SCENARIO = 'scenario4-absence-lifecycle';
const TYPE_NAME = 'Ferie med feriepenge, feriedagpenge m.v.';

let env: E2eEnv;
let akasse: Caseworker;
let jobcenter: Caseworker;

beforeAll(async () => {
  clearShots(SCENARIO);
  env = await startE2e();
  [akasse, jobcenter] = await Promise.all([env.caseworker('akasse-067'), env.caseworker('jobcenter-10100', { page: false })]);
});
afterAll(async () => {
  await env?.close();
});

/** The absences DFDG holds for the citizen from the given start, read with the jobcenter's certificate. */
async function atDfdg(cpr: string, start: string) {
  const c = clientsFor(env.sb, 'jobcenter-10100');
  try {
    return (await c.fravaer.getAlleFravaer(ctxFor(env.sb, 'jobcenter-10100'), cpr)).filter((a) => a.start === start);
  } finally {
    c.close();
  }
}

/** Waits until the outbox has nothing left and the nav shows no count. */
async function sentAll(page: Page) {
  await shown(page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('button', { name: 'Udbakke', exact: true }), 20_000);
  await akasse.core.engine.whenDrained(20_000);
}

describe('scenario 4: register, correct and delete a historic absence', () => {
  it('shows the consequences before saving and ends with the absence gone at DFDG', async () => {
    const page = akasse.page;
    onTestFailed(() => shot(page, SCENARIO, 'failure').then(() => undefined));
    const member = env.citizen('akasse-067', (c) => c.contactGroup === 1 && c.registrationCategory !== null && c.jobcenterCode === '10100', 'registered KG1 member attached to 10100');
    const start = addDays(env.today, -30);
    const end = addDays(env.today, -21);
    const corrected = addDays(env.today, -19);
    const historic = page.getByRole('region', { name: /^Historisk fravær/ });
    const rowFor = (e: string) => historic.getByRole('row').filter({ hasText: `${danish(start)} – ${danish(e)}` });

    await findAndOpenCitizen(page, member.cpr, member.name);
    await openTab(page, 'Fravær');

    // --- Register, with the consequences shown before saving.
    await page.getByRole('button', { name: 'Registrér fravær' }).click();
    let form = page.getByRole('form', { name: 'Registrér fravær' });
    await form.getByLabel(/^Startdato/).fill(danish(start));
    await form.getByLabel(/^Slutdato/).fill(danish(end));
    await form.getByLabel(/^Anmeldelsesdato/).fill(danish(addDays(env.today, -31)));
    await form.getByLabel('Fraværstype').selectOption('10');
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
    const applied = (op: string) => Object.entries(stats.operations).filter(([k]) => k.endsWith(op)).reduce((n, [, v]) => n + v.applied, 0);
    expect([applied('CreateFravaerMedIdentifier'), applied('UpdateFravaer'), applied('DeleteFravaer')]).toEqual([1, 1, 1]);
    expect(stats.logical.duplicates).toBe(0);
    expect(pageErrors(page)).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    expect([...akasse.internalErrors, ...jobcenter.internalErrors]).toEqual([]);
  });
});
