// Scenario 1: an a-kasse caseworker finds a KG1 member by CPR (typed with a dash), writes a type 11
// recommendation with a PDF, DFDG goes offline, the message waits in the outbox (the UI says so and
// shows the offline banner), DFDG returns, the message is sent exactly once, and the citizen's Jobnet
// tray holds the copy with the PDF.

import { describe, expect, it } from 'vitest';
import { makePdf } from '../fixtures/pdf';
import { shot } from './browser';
import { e2eSuite, expectNoErrors, findAndOpenCitizen, go, gone, hasText, lit, opCounts, openTab, registeredMember, shotsOnFailure, shown, writeRecommendation } from './flows';

const SCENARIO = 'scenario1-offline-recommendation';
const SUBJECT = 'Indstilling om virksomhedspraktik (e2e 1)';
const REASON = 'Medlemmet har erfaring fra faget og ønsker at afprøve det i praksis.';

const suite = e2eSuite(SCENARIO, { akasse: 'akasse-067' });

const createMessageOps = async () => {
  const stats = await suite.env.admin.stats();
  return { counts: opCounts(stats, /CreateMessage$/), duplicates: stats.logical.duplicates };
};

describe('scenario 1: a recommendation with a PDF survives DFDG going offline and is sent once', () => {
  it('queues while offline, sends once when DFDG returns, and the Jobnet tray holds the copy', async () => {
    const { env, akasse } = suite;
    const page = akasse.page;
    shotsOnFailure(SCENARIO, { failure: page });
    const member = registeredMember(env);
    const company = env.sample.companies!.withAccount[0]!;

    await findAndOpenCitizen(page, member.cpr, member.name);
    await shot(page, SCENARIO, '01-citizen-page');

    const composer = await writeRecommendation(page, {
      subject: SUBJECT,
      reason: REASON,
      offerName: 'Virksomhedspraktik',
      company: { cvr: company.cvrNummer, pNumber: company.pNummer },
      startInDays: 14,
      weeks: 8,
      hours: 37,
      today: env.today,
      attachment: { name: 'cv-og-ansoegning.pdf', bytes: Buffer.from(makePdf({ pages: 2, text: 'CV og ansoegning' })) },
    });
    // The PDF opens in the in-app preview (pdf.js loaded on demand) before it is sent.
    await composer.getByRole('button', { name: 'Vis cv-og-ansoegning.pdf' }).click();
    const preview = page.getByRole('dialog', { name: 'Forhåndsvisning: cv-og-ansoegning.pdf' });
    await shown(preview.getByRole('img', { name: 'Side 1 af 2 i cv-og-ansoegning.pdf' }));
    await shot(page, SCENARIO, '02-composer-with-pdf-preview');
    await preview.getByRole('button', { name: 'Næste side' }).click();
    await shown(preview.getByRole('img', { name: 'Side 2 af 2 i cv-og-ansoegning.pdf' }));
    await page.keyboard.press('Escape');
    await gone(preview);
    await shot(page, SCENARIO, '03-composer-type11');

    // DFDG goes away before the caseworker presses Send.
    await env.admin.setFaults({ offline: true });
    await composer.getByRole('button', { name: 'Send' }).click();
    await gone(composer);

    // The offline banner and the outbox count; the message waits in the outbox, not lost.
    await shown(page.getByText('Du arbejder offline.', { exact: false }));
    await shown(page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('button', { name: 'Udbakke (1)' }));
    await openTab(page, 'Dialog');
    const thread = page.getByRole('listbox', { name: 'Tråde' }).getByRole('option', { name: lit(SUBJECT) });
    await hasText(thread, '1 i udbakken');
    await go(page, 'Udbakke');
    // The outbox names the kind and the message type, never the subject (it may carry personal data).
    const item = page.getByRole('list', { name: 'Udbakke' }).getByRole('article', { name: 'Besked: Indstilling om tilbud' });
    await hasText(item, member.name);
    await hasText(item, /Ikke sendt endnu – prøves igen|Venter på at blive sendt|Sendes nu/);
    await shot(page, SCENARIO, '04-outbox-offline');
    expect((await createMessageOps()).counts.applied).toBe(0);

    // DFDG is back: the outbox drains by itself, once.
    await env.admin.clearFaults();
    await shown(page.getByText('Udbakken er tom. Alt er sendt.'), 20_000);
    await gone(page.getByText('Du arbejder offline.', { exact: false }));
    await shown(page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('button', { name: 'Udbakke', exact: true }));
    await page.getByLabel('Vis').selectOption('all');
    await hasText(page.getByRole('list', { name: 'Udbakke' }).getByRole('article', { name: 'Besked: Indstilling om tilbud' }), 'Sendt');
    await shot(page, SCENARIO, '05-outbox-sent');

    const ops = await createMessageOps();
    expect(ops.counts.applied).toBe(1);
    expect(ops.duplicates).toBe(0);

    // The citizen's Jobnet tray holds the copy with the PDF.
    const tray = await env.admin.jobnetTray(member.cpr);
    const copy = tray.find((m) => m.emne === SUBJECT);
    expect(copy).toMatchObject({ kontekstType: 11, modtager: { organisationskode: '10100' }, dokumenter: [{ navn: 'cv-og-ansoegning.pdf', mimeType: 'application/pdf' }] });
    expect(copy!.tekst).toContain(REASON);
    expect(copy!.tekst).toContain('Virksomhedspraktik');

    // And the thread shows the sent message with its document, read back from DFDG.
    await findAndOpenCitizen(page, member.cpr, member.name);
    await page.getByRole('button', { name: 'Opdatér fra DFDG' }).click();
    await shown(page.getByRole('button', { name: 'Opdatér fra DFDG' }));
    await page.getByRole('listbox', { name: 'Tråde' }).getByRole('option', { name: lit(SUBJECT) }).click();
    const view = page.getByRole('article', { name: SUBJECT });
    await hasText(view, REASON);
    await shown(view.getByRole('button', { name: /^Åbn cv-og-ansoegning\.pdf \(PDF/ }));
    await shot(page, SCENARIO, '06-thread-sent');

    await expectNoErrors([page], [akasse]);
  });
});
