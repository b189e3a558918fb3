// Meetings (issue 13 part 1): a jobcenter consultant books a digital meeting with a link from the
// citizen's Møder tab; it reaches DFDG once; the a-kasse sees it in its Møder tab and gets the
// "Møde ændret" advisory (GetIndkaldelseVersion1); the consultant rebooks it, and the a-kasse sees the
// new time. The citizen sees it on Jobnet with the link.

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { shot } from './browser';
import { asOrganisation, e2eSuite, expectNoErrors, findAndOpenCitizen, go, gone, hasText, opCounts, openTab, registeredMember, shotsOnFailure, shown } from './flows';
import { request } from '../sandbox/helpers';
import { formatCpr } from '../../shared/cpr';
import { addDays, danish } from './harness';

const SCENARIO = 'meetings';
const LINK = 'https://moede.example.dk/rum/e2e-jobsamtale';

const suite = e2eSuite(SCENARIO, { akasse: 'akasse-067', jobcenter: 'jobcenter-10100' });

/** The inbox option for an advisory (kind text and who it concerns in the row). */
function advisory(page: Page, kind: string, who: string) {
  return page.getByRole('listbox', { name: "Advis'er" }).getByRole('option').filter({ hasText: kind }).filter({ hasText: who });
}

async function drained(page: Page, core: { engine: { whenDrained(ms: number): Promise<unknown> } }) {
  await shown(page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('button', { name: 'Udbakke', exact: true }), 20_000);
  await core.engine.whenDrained(20_000);
}

describe('meetings: a digital meeting booked by the jobcenter, seen and advised at the a-kasse, then rebooked', () => {
  it('books with a link, shows it at the a-kasse with an advisory, and rebooks it', async () => {
    const { env, akasse, jobcenter } = suite;
    const ak = akasse.page;
    const jc = jobcenter.page;
    shotsOnFailure(SCENARIO, { 'failure-akasse': ak, 'failure-jobcenter': jc });
    const member = registeredMember(env);
    const day = addDays(env.today, 7);
    const movedDay = addDays(env.today, 9);

    // --- The consultant books a Jobsamtale as a digital meeting.
    await findAndOpenCitizen(jc, member.cpr, member.name);
    await openTab(jc, 'Møder');
    await jc.getByRole('button', { name: 'Ny indkaldelse' }).click();
    const form = jc.getByRole('form', { name: 'Ny indkaldelse' });
    await form.getByLabel('Samtaletype (skal udfyldes)').selectOption('7');
    await form.getByLabel('Dato (skal udfyldes)').fill(danish(day));
    await form.getByLabel('Starttid (skal udfyldes)').fill('10:00');
    await form.getByLabel('eller varighed (minutter)').fill('45');
    // Only the forms in use on the meeting's day: the retired 4 "Digitalt" is not there, 8 is.
    const forms = await form.getByLabel('Mødeform (skal udfyldes)').locator('option').allTextContents();
    expect(forms.some((t) => t.startsWith('4 '))).toBe(false);
    await form.getByLabel('Mødeform (skal udfyldes)').selectOption('8');
    // Form 8 needs its link: Save waits for it.
    await hasText(form, 'Angiv linket til det digitale møde');
    expect(await form.getByRole('button', { name: 'Opret indkaldelse' }).isDisabled()).toBe(true);
    await form.getByLabel('Link til det digitale møde (skal udfyldes)').fill(LINK);
    await hasText(form.getByRole('note', { name: 'Det betyder indkaldelsen for selvbooking' }), 'frist for selvbooking');
    await shot(jc, SCENARIO, '01-book-digital');
    await form.getByRole('button', { name: 'Opret indkaldelse' }).click();
    await gone(form);
    await hasText(jc.getByRole('row').filter({ hasText: `${danish(day)} 10:00` }), 'Digitalt møde', LINK);
    await drained(jc, jobcenter.core);

    const atDfdg = async () => (await asOrganisation(env, 'jobcenter-10100', (c, ctx) => c.indkaldelse.getIndkaldelser(ctx, member.cpr))).filter((m) => m.digitalLink === LINK);
    const booked = await atDfdg();
    expect(booked).toMatchObject([{ form: 8, interviewType: 7, locationDetail: null }]);
    const meetingId = booked[0]!.id;

    // The citizen sees it on Jobnet, with the link.
    const jobnet = await request(env.sb, 'akasse-067', 'GET', `/jobnet/v1/moeder/${member.cpr}`);
    expect(jobnet.json<{ moeder: { indkaldelseIdentifier: string; digitaltMoedelink?: string }[] }>().moeder.find((m) => m.indkaldelseIdentifier === meetingId)?.digitaltMoedelink).toBe(LINK);

    // --- The a-kasse gets the advisory and sees the meeting in its Møder tab.
    await go(ak, 'Indbakke');
    await shown(advisory(ak, 'Møde ændret', `CPR ${formatCpr(member.cpr)}`).or(advisory(ak, 'Møde ændret', member.name)).first(), 30_000);
    await shot(ak, SCENARIO, '02-akasse-advisory');
    await findAndOpenCitizen(ak, member.cpr, member.name);
    await openTab(ak, 'Møder');
    const akRow = ak.getByRole('row').filter({ hasText: LINK });
    await hasText(akRow, `${danish(day)} 10:00`, 'Jobsamtale', 'Digitalt møde', 'Jobcenter');
    // Not the a-kasse's invitation: no Ombook or Aflys.
    expect(await akRow.getByRole('button').count()).toBe(0);
    await shot(ak, SCENARIO, '03-akasse-moeder');

    // --- The consultant rebooks it two days later at 13:00.
    await jc.getByRole('button', { name: `Ombook mødet ${danish(day)} 10:00` }).click();
    const rebook = jc.getByRole('form', { name: 'Ombook mødet' });
    await rebook.getByLabel('Dato (skal udfyldes)').fill(danish(movedDay));
    await rebook.getByLabel('Starttid (skal udfyldes)').fill('13:00');
    await rebook.getByLabel('Sluttid').fill('13:45');
    await shot(jc, SCENARIO, '04-rebook');
    await rebook.getByRole('button', { name: 'Gem ombooking' }).click();
    await gone(rebook);
    await drained(jc, jobcenter.core);
    await expect.poll(async () => (await atDfdg()).map((m) => m.id === meetingId && m.start.slice(0, 10)), { timeout: 10_000 }).toEqual([movedDay]);

    // The a-kasse sees the new time after the refresh DFDG's notification asks for.
    await akasse.call('sync.now', {});
    await ak.getByRole('button', { name: 'Opdatér fra DFDG' }).click();
    await hasText(ak.getByRole('row').filter({ hasText: LINK }), `${danish(movedDay)} 13:00`);
    await shot(ak, SCENARIO, '05-akasse-rebooked');

    const stats = await env.admin.stats();
    expect([/CreateIndkaldelse$/, /UpdateIndkaldelse$/].map((op) => opCounts(stats, op).applied)).toEqual([1, 1]);
    expect(stats.logical.duplicates).toBe(0);
    await expectNoErrors([ak, jc], [akasse, jobcenter]);
  });
});
