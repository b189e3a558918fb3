// Scenario 3: a command DFDG rejects. The honest path (no rule switched off, no channel bypassed):
// "Midlertidigt arbejde" (type 2) for under 15 days on a contact group 1 citizen. Our rules only warn
// (the contact group behind DFDG's 4592 is ASSUMED), the caseworker registers it anyway, DFDG answers
// 4592; the outbox shows DFDG's code with the Danish explanation, the caseworker edits the period in
// the outbox and resends, and it is sent.

import { describe, expect, it } from 'vitest';
import { shot } from './browser';
import { asOrganisation, e2eSuite, expectNoErrors, fillAbsence, findAndOpenCitizen, gone, hasText, opCounts, openTab, shotsOnFailure, shown } from './flows';
import { addDays, danish } from './harness';

const SCENARIO = 'scenario3-rejected-resend';

const suite = e2eSuite(SCENARIO, { akasse: 'akasse-067' });

describe('scenario 3: a command DFDG rejects is explained, edited and resent', () => {
  it('shows fejlkode 4592 with the explanation in the outbox; the corrected period is sent', async () => {
    const { env, akasse } = suite;
    const page = akasse.page;
    shotsOnFailure(SCENARIO, { failure: page });
    const member = env.sample.organisations.find((o) => o.id === 'akasse-067')!.visible.filter((c) => c.contactGroup === 1 && c.jobcenterCode === '10100')[1]!;
    const start = addDays(env.today, 7);
    const shortEnd = addDays(start, 9); // 10 days
    const longEnd = addDays(start, 20); // 21 days

    await findAndOpenCitizen(page, member.cpr, member.name);
    await openTab(page, 'Fravær');
    const form = await fillAbsence(page, { start, end: shortEnd, type: '2' });
    // The local rule warns (it does not block): DFDG refuses this for contact group 1.
    await hasText(
      form,
      'Fraværstypen 2 »Midlertidigt arbejde« kan ikke registreres på borgere i kontaktgruppe 1 »Dagpengemodtager« for en periode på under 15 dage (perioden er på 10 dage). DFDG kan afvise registreringen (fejl 4592). Reglen er antaget og ikke bekræftet af DFDG.',
    );
    expect(await form.getByRole('button', { name: 'Registrér' }).isEnabled()).toBe(true);
    await shot(page, SCENARIO, '01-absence-warning');
    await form.getByRole('button', { name: 'Registrér' }).click();
    await gone(form);

    // DFDG rejects it: the frame says so, and the outbox explains DFDG's code in Danish.
    const banner = page.getByRole('note').filter({ hasText: '1 registrering er afvist af DFDG og skal rettes.' });
    await shown(banner, 20_000);
    await banner.getByRole('button', { name: 'Åbn udbakken' }).click();
    const item = page.getByRole('list', { name: 'Udbakke' }).getByRole('article', { name: /^Fravær:/ });
    await hasText(
      item,
      'Afvist af DFDG',
      'Afvist af DFDG – fejlkode 4592.',
      '»Midlertidigt arbejde« under 15 dage må ikke registreres for borgerens kontaktgruppe.',
      'Forlæng perioden til mindst 15 dage eller vælg en anden fraværstype.',
      member.name,
    );
    await shot(page, SCENARIO, '02-outbox-rejected-4592');

    // Edit in the outbox: a longer period, and send again.
    await item.getByRole('button', { name: 'Ret og send igen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ret og send igen' });
    await shown(dialog);
    await hasText(dialog, 'fejlkode 4592');
    expect(await dialog.getByLabel('Fraværstype').inputValue()).toBe('2');
    expect(await dialog.getByLabel(/^Slutdato/).inputValue()).toBe(danish(shortEnd));
    await dialog.getByLabel(/^Slutdato/).fill(danish(longEnd));
    await shot(page, SCENARIO, '03-edit-and-resend');
    await dialog.getByRole('button', { name: 'Send igen' }).click();
    await gone(dialog);
    await shown(page.getByText('Udbakken er tom. Alt er sendt.'), 20_000);
    await gone(banner);
    await page.getByLabel('Vis').selectOption('all');
    const sent = page.getByRole('list', { name: 'Udbakke' }).getByRole('article', { name: `Fravær: Nyt fravær: Midlertidigt arbejde ${danish(start)} – ${danish(longEnd)}` });
    await hasText(sent, 'Sendt');
    await shot(page, SCENARIO, '04-outbox-sent');

    // DFDG holds the corrected absence (seen by the citizen's jobcenter with its own certificate).
    const absences = await asOrganisation(env, 'jobcenter-10100', (jc, ctx) => jc.fravaer.getAlleFravaer(ctx, member.cpr));
    expect(absences.filter((a) => a.start === start)).toMatchObject([{ type: 2, start, end: longEnd }]);
    const stats = await env.admin.stats();
    const create = opCounts(stats, /CreateFravaer/);
    expect(create.rejected).toBe(1);
    expect(create.applied).toBe(1);
    expect(stats.logical.duplicates).toBe(0);

    // And the citizen page shows it as registered, no longer waiting.
    await findAndOpenCitizen(page, member.cpr, member.name);
    await openTab(page, 'Fravær');
    const row = page.getByRole('region', { name: /^Fremtidigt fravær/ }).getByRole('row').filter({ hasText: `${danish(start)} – ${danish(longEnd)}` });
    await hasText(row, 'Midlertidigt arbejde');
    expect(await row.innerText()).not.toContain('Venter på afsendelse');
    await shot(page, SCENARIO, '05-absence-registered');

    await expectNoErrors([page], [akasse]);
  });
});
